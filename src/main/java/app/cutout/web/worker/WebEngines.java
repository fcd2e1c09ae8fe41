package app.cutout.web.worker;

import app.cutout.core.model.Capabilities;
import app.cutout.core.model.Plan;
import app.cutout.core.pipeline.EngineFactory;
import app.cutout.core.onnx.AnySize;
import app.cutout.core.onnx.Fp16ToFp32;
import app.cutout.core.onnx.SessionTuning;
import app.cutout.core.pipeline.EngineFailure;
import app.cutout.core.pipeline.InferenceEngine;
import app.cutout.web.jso.browser.Global;
import app.cutout.web.jso.browser.Gpu;
import app.cutout.web.jso.browser.GpuAdapter;
import app.cutout.web.jso.browser.ScopeNavigator;
import app.cutout.web.platform.Js;
import app.cutout.web.platform.JsException;
import app.cutout.web.platform.ArrayTransfer;
import app.cutout.web.platform.Promises;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int8Array;
import org.teavm.jso.typedarrays.Uint8Array;

/** ONNX Runtime Web as the pipeline's engines: what the browser offers, and sessions on WebGPU or WASM. */
final class WebEngines implements EngineFactory<Uint8Array> {
    private final String ortBaseUrl;

    WebEngines(String ortBaseUrl) {
        this.ortBaseUrl = ortBaseUrl;
    }

    @Override
    public Capabilities probe(int requestedThreads) {
        ScopeNavigator navigator = Global.getNavigator();
        boolean isolated = Global.isCrossOriginIsolated();
        boolean sharedMemory = Global.hasSharedArrayBuffer();
        int cores = navigator.getHardwareConcurrency();
        Gpu gpu = navigator.getGpu();
        if (Js.isMissing(gpu)) {
            return new Capabilities(false, false, false, isolated, sharedMemory, cores, "", requestedThreads);
        }
        GpuAdapter adapter = null;
        // On a fresh browser some drivers answer the very first request with null and the next with the GPU
        // (seen on NVIDIA/Vulkan, bench/gpu/README.md), so one retry before concluding there is no GPU.
        for (int attempt = 0; attempt < 2 && Js.isMissing(adapter); attempt++) {
            try {
                adapter = Promises.await(gpu.requestAdapter(Gpu.AdapterOptions.highPerformance()), "Finding a GPU");
            } catch (JsException e) {
                adapter = null;
            }
        }
        if (Js.isMissing(adapter)) {
            return new Capabilities(false, false, false, isolated, sharedMemory, cores, "", requestedThreads);
        }
        boolean f16 = adapter.getFeatures().has("shader-f16");
        return new Capabilities(true, f16, isSoftware(adapter), isolated, sharedMemory, cores, adapterName(adapter),
                requestedThreads);
    }

    @Override
    public InferenceEngine start(Plan plan, Uint8Array weights) {
        SessionTuning tuning = SessionTuning.parse(Segmenter.workerParam("ort"));
        boolean aspect = tuning != null && Boolean.TRUE.equals(tuning.aspectInput);
        Uint8Array model;
        try {
            model = plan.model.widenedFromFp16 ? widen(weights, aspect)
                    : aspect ? anySize(weights, copy(weights)) : weights;
        } catch (IllegalArgumentException e) {
            throw new EngineFailure("the model's input size cannot be freed: " + e.getMessage());
        }
        return Segmenter.create(plan, model, ortBaseUrl, tuning);
    }

    @Override
    public void startWarmUp(Plan plan) {
        Segmenter.startWarmUp(plan, ortBaseUrl);
    }

    @Override
    public int warmUp(Plan plan, BooleanSupplier stop) {
        return Segmenter.warmUp(plan, ortBaseUrl, stop);
    }

    /**
     * The fp16 model as fp32, for GPUs without 16-bit shaders ({@link Fp16ToFp32}, pure Java). The bytes cross into
     * Java and back through linear memory: 88 MB in, 176 MB out.
     */
    private static Uint8Array widen(Uint8Array fp16, boolean aspect) {
        byte[] model = copy(fp16);
        byte[] wide = Fp16ToFp32.convert(model);
        model = null;
        Int8Array out = ArrayTransfer.copyOf(wide);
        Uint8Array widened = new Uint8Array(out.getBuffer(), out.getByteOffset(), out.getLength());
        return aspect ? anySize(widened, wide) : widened;
    }

    private static byte[] copy(Uint8Array bytes) {
        return ArrayTransfer.copyOf(new Int8Array(bytes.getBuffer(), bytes.getByteOffset(), bytes.getLength()));
    }

    /**
     * The model with its input size freed ({@link AnySize}), so that each photo can be read at its own aspect ratio
     * (only a measurement asks for it: {@code ?ort=input:aspect}). The
     * rewrite is worked out on {@code copy} (the same bytes, in Java); the new model is put together in JavaScript
     * from ranges of {@code model} (nearly all of it) and the few hundred new bytes.
     */
    private static Uint8Array anySize(Uint8Array model, byte[] copy) {
        List<AnySize.Piece> pieces = AnySize.pieces(copy);
        Uint8Array out = new Uint8Array(AnySize.length(pieces));
        int at = 0;
        for (AnySize.Piece p : pieces) {
            if (p.bytes != null) {
                Int8Array added = ArrayTransfer.copyOf(p.bytes);
                out.set(new Uint8Array(added.getBuffer(), added.getByteOffset(), p.length), at);
            } else {
                out.set(new Uint8Array(model.getBuffer(), model.getByteOffset() + p.offset, p.length), at);
            }
            at += p.length;
        }
        return out;
    }

    private static boolean isSoftware(GpuAdapter adapter) {
        GpuAdapter.Info info = adapter.getInfo();
        return isTrue(adapter, "isFallbackAdapter") || !Js.isMissing(info) && isTrue(info, "isFallbackAdapter");
    }

    @JSBody(params = {"object", "name"}, script = "return object[name] === true;")
    private static native boolean isTrue(JSObject object, String name);

    @Override
    public int threadsInUse() {
        return Segmenter.threadsInUse();
    }

    private static String adapterName(GpuAdapter adapter) {
        GpuAdapter.Info info = adapter.getInfo();
        if (Js.isMissing(info)) {
            return "";
        }
        String description = info.getDescription();
        if (!Js.isMissing(description) && !description.isEmpty()) {
            return description;
        }
        String vendor = Js.isMissing(info.getVendor()) ? "" : info.getVendor();
        String architecture = Js.isMissing(info.getArchitecture()) ? "" : info.getArchitecture();
        return (vendor + " " + architecture).trim();
    }
}
