package app.cutout.core.model;

import app.cutout.core.pipeline.Notice;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses backend, model and threads from what the browser offers and what the user asked for.
 *
 * <p>Automatic choice: WebGPU when there is a hardware adapter, with the fp16 model where it can run f16 shaders
 * and otherwise the same file widened to fp32 when it loads ({@link ModelSpec#FP32}); the WASM CPU backend with
 * the 8-bit model, which is the fastest there, where there is no GPU or only the browser's software one. The 8-bit
 * model is never sent to WebGPU automatically: its 119 {@code ConvInteger} and {@code DynamicQuantizeLinear} nodes
 * have no WebGPU kernels, so ONNX Runtime runs them on the CPU with a GPU round trip per convolution; measured on an
 * H100 machine that is 2.1× slower than the WASM backend alone (bench/gpu/README.md). Choosing it explicitly still
 * runs it there. Threads need cross-origin isolation and SharedArrayBuffer; without either ONNX Runtime Web runs
 * single-threaded, and the plan says so (1 thread) rather than the count the runtime was asked for. The page words
 * the missing isolation itself at start; a missing SharedArrayBuffer in an isolated page comes as
 * {@link Notice#NO_SHARED_MEMORY}.
 */
public final class BackendPlanner {
    /**
     * A bound on WASM threads, not a target: inference runs in a worker while the page idles, so every core helps.
     * On a 16-core H100 host 16 threads put a 12 MP cutout on the page in 1398 ms against 2407 ms with 8
     * (bench/gpu/README.md).
     */
    static final int MAX_THREADS = 32;

    private BackendPlanner() {
    }

    /**
     * @param backendChoice "auto", "webgpu" or "wasm"
     * @param modelChoice "auto", "quint8", "fp16" or "fp32"
     */
    public static Plan plan(Capabilities caps, String backendChoice, String modelChoice) {
        List<Notice> notices = new ArrayList<>();
        Backend backend;
        if ("webgpu".equals(backendChoice)) {
            if (caps.webGpu) {
                backend = Backend.WEBGPU;
            } else {
                backend = Backend.WASM;
                notices.add(new Notice(Notice.WEBGPU_UNAVAILABLE));
            }
        } else if ("wasm".equals(backendChoice)) {
            backend = Backend.WASM;
        } else if ("auto".equals(backendChoice) || backendChoice == null || backendChoice.isEmpty()) {
            boolean eightBit = "quint8".equals(modelChoice);
            backend = caps.webGpu && !caps.softwareGpu && !eightBit ? Backend.WEBGPU : Backend.WASM;
        } else {
            throw new IllegalArgumentException("Unknown backend choice \"" + backendChoice
                    + "\"; expected auto, webgpu or wasm");
        }

        ModelSpec model;
        if (modelChoice == null || modelChoice.isEmpty() || "auto".equals(modelChoice)) {
            model = backend == Backend.WASM ? ModelSpec.QUINT8 : caps.shaderF16 ? ModelSpec.FP16 : ModelSpec.FP32;
        } else {
            model = ModelSpec.byId(modelChoice);
            if (model == ModelSpec.FP16 && backend == Backend.WEBGPU && !caps.shaderF16) {
                model = ModelSpec.FP32;
                notices.add(new Notice(Notice.NO_SHADER_F16));
            }
        }
        if (backend == Backend.WASM && caps.crossOriginIsolated && !caps.sharedMemory) {
            notices.add(new Notice(Notice.NO_SHARED_MEMORY));
        }
        return new Plan(backend, model, backend == Backend.WEBGPU ? 1 : wasmThreads(caps), notices);
    }

    /** The plan to retry with when WebGPU failed, saying so with the runtime's reason. */
    public static Plan fallbackToWasm(Plan failed, Capabilities caps, String reason) {
        return fallbackToWasm(failed, caps, new Notice(Notice.WEBGPU_FAILED, reason));
    }

    /**
     * The plan to retry with when WebGPU failed, on the CPU, with {@code why} for the user (a failure, a lost
     * device) and whatever else the CPU plan needs said.
     */
    public static Plan fallbackToWasm(Plan failed, Capabilities caps, Notice why) {
        // The CPU runs the 8-bit model best, whatever the GPU had: fp16 and fp32 are slower there.
        Plan plan = new Plan(Backend.WASM, ModelSpec.QUINT8, wasmThreads(caps)).with(why);
        return caps.crossOriginIsolated && !caps.sharedMemory ? plan.with(new Notice(Notice.NO_SHARED_MEMORY)) : plan;
    }

    /**
     * Threads for the WASM backend. Also set when WebGPU is chosen: ops the WebGPU backend leaves on the CPU run
     * there, and a fallback to the CPU cannot change the count once the runtime has started.
     */
    public static int wasmThreads(Capabilities caps) {
        if (!caps.threadsPossible()) {
            return 1;
        }
        if (caps.requestedThreads > 0) {
            return Math.min(caps.requestedThreads, caps.hardwareConcurrency * 2);
        }
        // Inference runs in a worker, so the UI thread is idle while it runs: use every core.
        return Math.min(MAX_THREADS, caps.hardwareConcurrency);
    }
}
