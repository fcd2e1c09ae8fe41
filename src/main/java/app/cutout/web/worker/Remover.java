package app.cutout.web.worker;

import app.cutout.core.image.ImageHeader;
import app.cutout.core.image.ImageLimits;
import app.cutout.core.image.Refusal;
import app.cutout.core.image.RgbaImage;
import app.cutout.core.model.Backend;
import app.cutout.core.model.BackendPlanner;
import app.cutout.core.model.Capabilities;
import app.cutout.core.model.ModelSpec;
import app.cutout.core.model.Plan;
import app.cutout.core.ops.MaskUpsampler;
import app.cutout.core.ops.Preprocessor;
import app.cutout.core.pipeline.StageTimings;
import app.cutout.core.refine.EdgeRefiner;
import app.cutout.web.jso.browser.Global;
import app.cutout.web.jso.browser.Gpu;
import app.cutout.web.jso.browser.GpuAdapter;
import app.cutout.web.jso.browser.ImageBitmap;
import app.cutout.web.jso.browser.OffscreenCanvas;
import app.cutout.web.jso.browser.ScopeNavigator;
import app.cutout.web.platform.Js;
import app.cutout.web.platform.JsException;
import app.cutout.web.platform.Promises;
import app.cutout.web.protocol.Message;
import app.cutout.web.protocol.Stage;
import org.teavm.jso.browser.Performance;
import org.teavm.jso.file.Blob;
import org.teavm.jso.typedarrays.Uint8Array;

/**
 * Runs one photo through the pipeline inside the worker: decode, pre-process, infer, post-process, encode.
 * Owns the ONNX session and switches it when the user's choice of backend or model changes.
 */
final class Remover {
    private final Outbox outbox;
    private final ModelStore models;
    private final String ortBaseUrl;
    /**
     * Photos up to this many pixels (16 MP, 64 MB) leave their pixel array for the next photo of the same size: a
     * batch from one camera then allocates it once. Allocating 48 MB costs Chromium 130–180 ms, as much as reading
     * the pixels into it. Larger photos drop theirs before the PNG is written, to keep the peak low.
     */
    private static final long REUSE_MAX_PIXELS = 1L << 24;
    private final float[] modelInput = new float[3 * ModelSpec.SIZE * ModelSpec.SIZE];
    /** The previous photo's pixel array, when it was small enough to keep; overwritten by the next decode. */
    private int[] spare;
    private Capabilities capabilities;
    private Segmenter segmenter;
    /** Why WebGPU failed in this worker, once it has; later runs then go straight to the CPU. */
    private String webGpuFailure;

    Remover(Outbox outbox, String baseUrl) {
        this.outbox = outbox;
        this.models = new ModelStore(baseUrl);
        this.ortBaseUrl = baseUrl + "ort/";
    }

    void run(Message request) {
        int id = request.getId();
        String stage = Stage.PREPARING;
        StageTimings timings = new StageTimings();
        double start = Performance.now();
        try {
            if (capabilities == null) {
                // Threads are fixed once the runtime starts, so only the first request's wish can count.
                capabilities = probe().withRequestedThreads(request.getThreads());
            }
            // Decode first: a file that is not an image is refused at once, before any model download.
            stage = Stage.PREPARING;
            outbox.progress(id, stage, 0, 0);
            double t = Performance.now();
            Intake.Plan input = Intake.check(request.getFile(), request.getName(), request.getFitWidth(),
                    request.getFitHeight());
            RgbaImage image = ImageCodec.decode(request.getFile(), request.getName(), input, spare);
            spare = null;
            timings.put(StageTimings.DECODE, Performance.now() - t);

            stage = Stage.LOADING_MODEL;
            Plan wanted = BackendPlanner.plan(capabilities(), request.getBackendChoice(), request.getModelChoice());
            if (wanted.backend == Backend.WEBGPU && webGpuFailure != null) {
                wanted = BackendPlanner.fallbackToWasm(wanted, capabilities(), webGpuFailure);
            }
            ensureSession(id, wanted, timings);

            stage = Stage.PREPARING;
            t = Performance.now();
            Preprocessor.toModelInput(image, modelInput);
            timings.put(StageTimings.PRE, Performance.now() - t);

            stage = Stage.REMOVING;
            outbox.progress(id, stage, 0, 0);
            t = Performance.now();
            float[] mask = infer(id, timings);
            timings.put(StageTimings.INFERENCE, Performance.now() - t);

            stage = Stage.FINISHING;
            outbox.progress(id, stage, 0, 0);
            t = Performance.now();
            float strength = (float) request.getStrength();
            if (strength > 0 && strength <= 1) {
                EdgeRefiner.refine(mask, ModelSpec.SIZE, ModelSpec.SIZE, image, strength);
            } else {
                // Strength 0 (or none asked for) is the raw mask, stretched: the peer's behaviour, bit for bit.
                MaskUpsampler.applyAlpha(mask, ModelSpec.SIZE, ModelSpec.SIZE, image.pixels, image.width,
                        image.height);
            }
            timings.put(StageTimings.POST, Performance.now() - t);
            t = Performance.now();
            int width = image.width;
            int height = image.height;
            OffscreenCanvas canvas = ImageCodec.draw(image);
            // The pixels are in the canvas now: let a large photo's Java copy go before the encoder allocates its
            // output; keep a smaller one's array for the next photo.
            spare = (long) width * height <= REUSE_MAX_PIXELS ? image.pixels : null;
            image = null;
            // The page shows (and lets the user edit) the cutout from this bitmap while the PNG is written: at
            // 12 MP the PNG encoder takes about as long as everything else outside inference.
            ImageBitmap shown = Promises.await(Global.createImageBitmap(canvas), "Handing over the cutout");
            timings.put(StageTimings.SHOW, Performance.now() - t);
            timings.put(StageTimings.READY, Performance.now() - start);
            outbox.preview(id, shown, width, height, timings.toJson());
            stage = Stage.SAVING;
            t = Performance.now();
            Blob png = ImageCodec.toBlob(canvas, "image/png", 1);
            timings.put(StageTimings.ENCODE, Performance.now() - t);
            timings.put(StageTimings.TOTAL, Performance.now() - start);
            ImageHeader header = input.header;
            outbox.result(id, png, width, height, timings.toJson(), input.downscaled ? header.displayWidth() : 0,
                    input.downscaled ? header.displayHeight() : 0, header.animated);
        } catch (RefusedImageException e) {
            outbox.refused(id, stage, e, request.getName());
        } catch (ImageCodec.CanvasTooLargeException e) {
            // Within Cutout's limits but past this browser's: offer half the pixels, as often as it takes.
            int[] fit = ImageLimits.fit(e.width, e.height, (long) e.width * e.height / 2, ImageLimits.MAX_SIDE);
            outbox.refused(id, stage, new RefusedImageException(Refusal.TOO_LARGE_FOR_BROWSER, request.getName(),
                    "", e.width, e.height, fit[0], fit[1]), request.getName());
        } catch (Throwable e) {
            outbox.error(id, stage, describe(stage, e));
        }
    }

    private float[] infer(int id, StageTimings timings) {
        try {
            return segmenter.run(modelInput);
        } catch (JsException e) {
            if (segmenter.plan.backend != Backend.WEBGPU) {
                throw e;
            }
            // A WebGPU failure on any run (an unsupported op, a lost device) must not cost the user the photo.
            String lost = segmenter.deviceLost();
            webGpuFailure = lost != null ? "the GPU device was lost: " + lost : e.jsMessage();
            Plan fallback = BackendPlanner.fallbackToWasm(segmenter.plan, capabilities(), webGpuFailure);
            if (lost != null) {
                fallback = fallback.withNote("The GPU stopped working while removing a background (device lost: "
                        + lost + "), so that photo was finished on the CPU, and the next ones will be too. Reload "
                        + "the page to use the GPU again.");
            }
            ensureSession(id, fallback, timings);
            outbox.progress(id, Stage.REMOVING, 0, 0);
            return segmenter.run(modelInput);
        }
    }

    private void ensureSession(int id, Plan plan, StageTimings timings) {
        if (segmenter != null && segmenter.plan.backend == plan.backend && segmenter.plan.model == plan.model) {
            return;
        }
        if (segmenter != null) {
            segmenter.release();
            segmenter = null;
        }
        double t = Performance.now();
        Uint8Array weights = models.load(plan.model, (stage, done, total) -> outbox.progress(id, stage, done, total));
        timings.add(StageTimings.MODEL_FETCH, Performance.now() - t);
        t = Performance.now();
        Plan used = plan;
        try {
            segmenter = Segmenter.create(plan, weights, ortBaseUrl, BackendPlanner.wasmThreads(capabilities()));
        } catch (JsException e) {
            if (plan.backend != Backend.WEBGPU) {
                throw e;
            }
            webGpuFailure = e.jsMessage();
            used = BackendPlanner.fallbackToWasm(plan, capabilities(), webGpuFailure);
            if (used.model != plan.model) {
                weights = models.load(used.model, (stage, done, total) -> outbox.progress(id, stage, done, total));
            }
            segmenter = Segmenter.create(used, weights, ortBaseUrl, BackendPlanner.wasmThreads(capabilities()));
        }
        timings.add(StageTimings.SESSION, Performance.now() - t);
        String note = used.note;
        if (!models.storageNote().isEmpty()) {
            note = (note + " " + models.storageNote()).trim();
        }
        outbox.backend(used, Segmenter.threadsInUse(), capabilities().adapterName, note, segmenter.runtime());
    }

    private Capabilities capabilities() {
        if (capabilities == null) {
            capabilities = probe();
        }
        return capabilities;
    }

    private static Capabilities probe() {
        ScopeNavigator navigator = Global.getNavigator();
        boolean isolated = Global.isCrossOriginIsolated();
        int cores = navigator.getHardwareConcurrency();
        Gpu gpu = navigator.getGpu();
        if (Js.isMissing(gpu)) {
            return new Capabilities(false, false, isolated, cores, "");
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
            return new Capabilities(false, false, isolated, cores, "");
        }
        boolean f16 = adapter.getFeatures().has("shader-f16");
        return new Capabilities(true, f16, isolated, cores, adapterName(adapter));
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

    private static String describe(String stage, Throwable e) {
        String detail = e.getMessage() == null || e.getMessage().isEmpty() ? e.getClass().getName() : e.getMessage();
        switch (stage) {
            case Stage.LOADING_MODEL:
                // The model store's own failures (interrupted download, wrong checksum) are sentences already.
                return e instanceof IllegalStateException ? detail : "The model could not be loaded: " + detail;
            case Stage.REMOVING:
                return "Removing the background failed: " + detail + ". Try the CPU backend.";
            default:
                return "Processing failed: " + detail;
        }
    }
}
