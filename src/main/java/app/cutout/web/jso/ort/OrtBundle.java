package app.cutout.web.jso.ort;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSBodyImport;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.core.JSNumber;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.typedarrays.Float32Array;
import org.teavm.jso.typedarrays.Uint8Array;

/**
 * One of ONNX Runtime Web's two builds, as ES modules next to the site's {@code teavm/} folder.
 *
 * <p>{@link #WEBGPU} ({@code ort.webgpu.min.mjs}) runs WebGPU and, through its asyncify WebAssembly build (27 MB),
 * the CPU too. {@link #CPU} ({@code ort.wasm.min.mjs}) runs only the CPU, with the plain WebAssembly build (13 MB),
 * which starts a session about five times sooner on a laptop-class CPU and infers as fast (bench/README.md). Each
 * has its own {@code env}, classes and WebAssembly instance: a tensor goes only to a session of its own bundle. The
 * WebAssembly file of a bundle is loaded when its first session starts (the service worker precaches both, for
 * offline use). The WebGPU bundle's comes in two parts (hosts limit a file's size, {@code core.files.SiteParts}),
 * which {@code Segmenter} joins and hands to the runtime as {@code env.wasm.wasmBinary}.
 */
public final class OrtBundle {
    public static final OrtBundle WEBGPU = new OrtBundle("webgpu", true);
    public static final OrtBundle CPU = new OrtBundle("wasm", false);

    /** Module paths, relative to the wasm runtime in {@code teavm/}. */
    static final String WEBGPU_MODULE = "../ort/ort.webgpu.min.mjs";
    static final String CPU_MODULE = "../ort/ort.wasm.min.mjs";

    /** A short name for diagnostics: {@code webgpu} or {@code wasm}, after the bundle's file. */
    public final String name;
    /** Module imports are fixed per method, so each bundle has its own three natives below. */
    private final boolean webGpu;

    private OrtBundle(String name, boolean webGpu) {
        this.name = name;
        this.webGpu = webGpu;
    }

    public OrtEnv env() {
        return webGpu ? webGpuEnv() : cpuEnv();
    }

    public JSPromise<InferenceSession> createSession(Uint8Array model, SessionOptions options) {
        return webGpu ? webGpuSession(model, options) : cpuSession(model, options);
    }

    /** A float32 tensor over {@code data} (not copied). */
    public Tensor tensor(Float32Array data, JSArray<JSNumber> dims) {
        return webGpu ? webGpuTensor(data, dims) : cpuTensor(data, dims);
    }

    @JSBody(script = "return ort.env;", imports = @JSBodyImport(alias = "ort", fromModule = WEBGPU_MODULE))
    private static native OrtEnv webGpuEnv();

    @JSBody(params = {"model", "options"}, script = "return ort.InferenceSession.create(model, options);",
            imports = @JSBodyImport(alias = "ort", fromModule = WEBGPU_MODULE))
    private static native JSPromise<InferenceSession> webGpuSession(Uint8Array model, SessionOptions options);

    @JSBody(params = {"data", "dims"}, script = "return new ort.Tensor('float32', data, dims);",
            imports = @JSBodyImport(alias = "ort", fromModule = WEBGPU_MODULE))
    private static native Tensor webGpuTensor(Float32Array data, JSArray<JSNumber> dims);

    @JSBody(script = "return ort.env;", imports = @JSBodyImport(alias = "ort", fromModule = CPU_MODULE))
    private static native OrtEnv cpuEnv();

    @JSBody(params = {"model", "options"}, script = "return ort.InferenceSession.create(model, options);",
            imports = @JSBodyImport(alias = "ort", fromModule = CPU_MODULE))
    private static native JSPromise<InferenceSession> cpuSession(Uint8Array model, SessionOptions options);

    @JSBody(params = {"data", "dims"}, script = "return new ort.Tensor('float32', data, dims);",
            imports = @JSBodyImport(alias = "ort", fromModule = CPU_MODULE))
    private static native Tensor cpuTensor(Float32Array data, JSArray<JSNumber> dims);
}
