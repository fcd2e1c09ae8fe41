package app.cutout.core.model;

import app.cutout.core.pipeline.Notice;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses backend, model and threads from what the browser offers and what the user asked for.
 *
 * <p>Automatic choice: WebGPU with the fp16 model when the adapter can run f16 shaders; otherwise the WASM CPU
 * backend with the 8-bit model, which is faster than fp16 on CPUs. The 8-bit model is not run on WebGPU
 * automatically: its 119 {@code ConvInteger} and {@code DynamicQuantizeLinear} nodes have no WebGPU kernels, so
 * ONNX Runtime runs them on the CPU with a GPU round trip per convolution; measured on an H100 machine that is 2.1×
 * slower than the WASM backend alone (bench/gpu/README.md). Choosing "GPU" explicitly still runs it there.
 * Threads need cross-origin isolation and SharedArrayBuffer; without either ONNX Runtime Web runs single-threaded,
 * and the plan says so (1 thread) rather than the count the runtime was asked for. The page words the missing
 * isolation itself at start; a missing SharedArrayBuffer in an isolated page comes as {@link Notice#NO_SHARED_MEMORY}.
 */
public final class BackendPlanner {
    /** Beyond this, more WASM threads stop paying off for a single 1024² inference. */
    static final int MAX_THREADS = 8;

    private BackendPlanner() {
    }

    /**
     * @param backendChoice "auto", "webgpu" or "wasm"
     * @param modelChoice "auto", "quint8" or "fp16"
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
            backend = caps.webGpu && caps.shaderF16 && !eightBit ? Backend.WEBGPU : Backend.WASM;
        } else {
            throw new IllegalArgumentException("Unknown backend choice \"" + backendChoice
                    + "\"; expected auto, webgpu or wasm");
        }

        ModelSpec model;
        if (modelChoice == null || modelChoice.isEmpty() || "auto".equals(modelChoice)) {
            model = backend == Backend.WEBGPU && caps.shaderF16 ? ModelSpec.FP16 : ModelSpec.QUINT8;
        } else {
            model = ModelSpec.byId(modelChoice);
            if (model == ModelSpec.FP16 && backend == Backend.WEBGPU && !caps.shaderF16) {
                model = ModelSpec.QUINT8;
                notices.add(new Notice(Notice.NO_SHADER_F16));
            }
        }
        if (backend == Backend.WASM && caps.crossOriginIsolated && !caps.sharedMemory) {
            notices.add(new Notice(Notice.NO_SHARED_MEMORY));
        }
        return new Plan(backend, model, backend == Backend.WEBGPU ? 1 : wasmThreads(caps), notices);
    }

    /** The plan to retry with when WebGPU failed: same model choice rules, on the CPU. */
    public static Plan fallbackToWasm(Plan failed, Capabilities caps, String reason) {
        ModelSpec model = failed.model == ModelSpec.FP16 ? ModelSpec.QUINT8 : failed.model;
        Plan plan = new Plan(Backend.WASM, model, wasmThreads(caps)).with(new Notice(Notice.WEBGPU_FAILED, reason));
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
