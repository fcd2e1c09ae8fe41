package app.cutout.core.pipeline;

import app.cutout.core.edit.Confidence;
import app.cutout.core.image.Intake;
import app.cutout.core.image.PhotoSource;
import app.cutout.core.image.Refusal;
import app.cutout.core.image.RgbaImage;
import app.cutout.core.model.Backend;
import app.cutout.core.model.BackendPlanner;
import app.cutout.core.model.Capabilities;
import app.cutout.core.model.ModelSpec;
import app.cutout.core.model.Plan;
import app.cutout.core.ops.MaskUpsampler;
import app.cutout.core.ops.Preprocessor;
import app.cutout.core.refine.EdgeRefiner;
import app.cutout.core.refine.PassLog;
import app.cutout.core.refine.RefineOptions;
import app.cutout.core.refine.RefineWarmUp;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The whole removal of one photo's background, the same on every host: intake checks, decode, model input,
 * inference, edge refinement, a confidence measure of the result, then the host's output (show, then save). It owns
 * the session and the backend policy:
 *
 * <ul>
 *   <li>The plan comes from {@link BackendPlanner} (the user's choice and what the host offers).</li>
 *   <li>WebGPU that fails to start, fails on a run, or loses its device mid-run costs only time: the photo is
 *       finished on the CPU (with the 8-bit model where fp16 was planned), and every later photo goes to the CPU too,
 *       without trying the GPU again, until the host starts a new pipeline (a page reload).</li>
 *   <li>A file the host cannot use is refused ({@link Refusal}) before any model is loaded.</li>
 * </ul>
 *
 * <p>One run at a time: the model input and the previous photo's pixel array are reused.
 *
 * @param <W> the host's form of verified model bytes
 */
public final class RemovalPipeline<W> {
    /**
     * Photos up to this many pixels (16 MP, 64 MB) leave their pixel array for the next photo of the same size: a
     * batch from one camera then allocates it once. Allocating 48 MB costs Chromium 130–180 ms, as much as reading
     * the pixels into it. Larger photos drop theirs before the file is written, to keep the peak low.
     */
    static final long REUSE_MAX_PIXELS = 1L << 24;

    private final ModelSource<W> models;
    private final EngineFactory<W> engines;
    private final Clock clock;
    private final PipelineEvents events;
    private final float[] modelInput = new float[3 * ModelSpec.SIZE * ModelSpec.SIZE];
    /** The previous photo's pixel array, when it was small enough to keep; overwritten by the next decode. */
    private int[] spare;
    private Capabilities capabilities;
    private InferenceEngine engine;
    private Plan enginePlan;
    /** Why WebGPU failed in this pipeline, once it has; later runs then go straight to the CPU. */
    private String webGpuFailure;
    /** Whether the engine has been warmed up: by {@link #preload} before any photo or while a photo's model comes. */
    private boolean warmedUp;
    /** Whether a warm-up was started ({@link EngineFactory#startWarmUp}) and not yet taken by a warm-up. */
    private boolean warmUpStarted;
    /** Whether the edge refinement has been warmed up ({@link RefineWarmUp}), on any backend. */
    private boolean refinementWarmedUp;

    public RemovalPipeline(ModelSource<W> models, EngineFactory<W> engines, Clock clock, PipelineEvents events) {
        this.models = models;
        this.engines = engines;
        this.clock = clock;
        this.events = events;
    }

    /** Runs one photo; every outcome (done, refused, failed, cancelled) reaches {@link PipelineEvents} or output. */
    public void run(RemovalRequest request, PhotoSource photo, PhotoDecoder decoder, CutoutOutput output) {
        int id = request.id;
        Stage stage = Stage.PREPARING;
        StageTimings timings = new StageTimings();
        double start = clock.now();
        try {
            if (capabilities == null) {
                // Threads are fixed once the runtime starts, so only the first request's wish can count.
                capabilities = whileStarting(() -> engines.probe(request.threads));
            }
            // The header first: a file that is not an image is refused at once, before any model download. Then,
            // while the photo decodes, the model's bytes come (on a host that can do both at once).
            events.progress(id, stage, 0, 0);
            double t = clock.now();
            Intake.Plan input = Intake.check(photo, request.fitWidth, request.fitHeight,
                    request.deviceMemoryGb);
            Plan wanted = BackendPlanner.plan(capabilities, request.backendChoice, request.modelChoice);
            if (wanted.backend == Backend.WEBGPU && webGpuFailure != null) {
                wanted = BackendPlanner.fallbackToWasm(wanted, capabilities, webGpuFailure);
            }
            if (engine == null || !wanted.sameSession(enginePlan)) {
                models.prefetch(wanted.model);
                if (!warmedUp && engine == null) {
                    engines.startWarmUp(wanted);
                    warmUpStarted = true;
                }
            }
            RgbaImage image = decoder.decode(photo, input, spare);
            spare = null;
            timings.put(StageTimings.DECODE, clock.now() - t);
            checkCancelled(request);
            events.decoded(id, image.width, image.height, input.downscaled ? input.header.displayWidth() : 0,
                    input.downscaled ? input.header.displayHeight() : 0);

            stage = Stage.LOADING_MODEL;
            ensureEngine(id, wanted, timings);
            checkCancelled(request);

            stage = Stage.PREPARING;
            t = clock.now();
            boolean aspect = engine.aspectInput();
            int maskWidth = aspect ? ModelSpec.inputWidth(image.width, image.height) : ModelSpec.SIZE;
            int maskHeight = aspect ? ModelSpec.inputHeight(image.width, image.height) : ModelSpec.SIZE;
            Preprocessor.toModelInput(image, maskWidth, maskHeight, modelInput);
            timings.put(StageTimings.PRE, clock.now() - t);

            stage = Stage.REMOVING;
            events.progress(id, stage, 0, 0);
            t = clock.now();
            float[] mask = infer(id, maskWidth, maskHeight, timings);
            timings.put(StageTimings.INFERENCE, clock.now() - t);
            checkCancelled(request);

            stage = Stage.FINISHING;
            events.progress(id, stage, 0, 0);
            float strength = request.strength;
            boolean refine = strength > 0 && strength <= 1;
            if (refine) {
                output.rough(mask, maskWidth, maskHeight);
                timings.put(StageTimings.FIRST, clock.now() - start);
            }
            t = clock.now();
            if (refine) {
                PassLog passes = new PassLog(clock::now, null);
                EdgeRefiner.refine(mask, maskWidth, maskHeight, image, strength, new RefineOptions(),
                        passes);
                timings.putGroup(StageTimings.POST_PASSES, passes.millis());
            } else {
                // Strength 0 is the raw mask, stretched: the peer's behaviour, bit for bit.
                MaskUpsampler.applyAlpha(mask, maskWidth, maskHeight, image.pixels, image.width,
                        image.height);
            }
            timings.put(StageTimings.POST, clock.now() - t);
            checkCancelled(request);

            // From a sample of the finished alpha: a few milliseconds at 12 MP, so every result gets one.
            t = clock.now();
            Confidence.Report confidence = Confidence.measure(image);
            timings.put(StageTimings.CONFIDENCE, clock.now() - t);

            t = clock.now();
            int width = image.width;
            int height = image.height;
            output.render(image);
            // The pixels are the output's now: let a large photo's array go before the file is written; keep a
            // smaller one's for the next photo.
            spare = (long) width * height <= REUSE_MAX_PIXELS ? image.pixels : null;
            image = null;
            timings.put(StageTimings.SHOW, clock.now() - t);
            timings.put(StageTimings.READY, clock.now() - start);
            output.show(width, height, timings);

            stage = Stage.SAVING;
            t = clock.now();
            output.save();
            timings.put(StageTimings.ENCODE, clock.now() - t);
            timings.put(StageTimings.TOTAL, clock.now() - start);
            output.done(width, height, timings, input, confidence);
        } catch (Refusal e) {
            events.refused(id, stage, e);
        } catch (RemovalRequest.Cancelled e) {
            events.cancelled(id);
        } catch (Problem e) {
            events.failed(id, stage, e);
        } catch (RuntimeException | OutOfMemoryError e) {
            events.failed(id, stage, problem(stage, e));
        }
    }

    /**
     * Makes the first photo of a visit wait as little as this device allows, before any photo: starts the session
     * that a run with these choices would use when its model is stored on this device (the photo then waits neither
     * for the stored copy's check nor for the session: about 1.2 s of a 12 MP photo on 2 cores), then warms the
     * engine up ({@link EngineFactory#warmUp}: about a second of the first CPU inference), once per pipeline, until
     * {@code photoWaiting} says a photo is waiting. Nothing is downloaded: a model that is not stored waits for a
     * photo, so opening the page never costs 44 MB. Failures are left for the photo's own run, which tries again and
     * says why. Its events carry id 0.
     *
     * @return whether a session for these choices is ready
     */
    public boolean preload(String backendChoice, String modelChoice, int threads, BooleanSupplier photoWaiting) {
        return whileStarting(() -> preloadStarting(backendChoice, modelChoice, threads, photoWaiting));
    }

    private boolean preloadStarting(String backendChoice, String modelChoice, int threads,
            BooleanSupplier photoWaiting) {
        boolean ready;
        Plan wanted;
        try {
            if (capabilities == null) {
                capabilities = engines.probe(threads);
            }
            wanted = BackendPlanner.plan(capabilities, backendChoice, modelChoice);
            if (wanted.backend == Backend.WEBGPU && webGpuFailure != null) {
                wanted = BackendPlanner.fallbackToWasm(wanted, capabilities, webGpuFailure);
            }
            ready = engine != null && wanted.sameSession(enginePlan);
            if (!ready && models.stored(wanted.model)) {
                ensureEngine(0, wanted, new StageTimings());
                ready = true;
            }
        } catch (RuntimeException | OutOfMemoryError e) {
            return false;
        }
        if (!warmedUp && !photoWaiting.getAsBoolean()) {
            warmUp(ready ? enginePlan : wanted, photoWaiting);
        }
        return ready;
    }

    /**
     * Warms the engine up for {@code plan} until {@code stop}: once per pipeline, unless it was stopped before its
     * first run (a photo came while the runtime was starting), when the photo's model download may do it. Before
     * that, once per pipeline, the edge refinement ({@link RefineWarmUp}).
     */
    private void warmUp(Plan plan, BooleanSupplier stop) {
        if (!refinementWarmedUp) {
            // One short call (tens of milliseconds), made even when a photo is waiting: the photo's own refinement
            // then saves several times that (also on a GPU). The engine's warm-up below stops between runs.
            refinementWarmedUp = true;
            RefineWarmUp.run();
        }
        double t = clock.now();
        warmUpStarted = false;
        int runs = engines.warmUp(plan, stop);
        if (runs > 0) {
            warmedUp = true;
            events.warmedUp(runs, clock.now() - t);
        }
    }

    /** The plan the last session was started with; null before the first. */
    public Plan currentPlan() {
        return enginePlan;
    }

    /** Frees the session; the next run starts a new one. */
    public void close() {
        if (engine != null) {
            engine.release();
            engine = null;
            enginePlan = null;
        }
    }

    private static void checkCancelled(RemovalRequest request) {
        if (request.cancelled.getAsBoolean()) {
            throw new RemovalRequest.Cancelled();
        }
    }

    private float[] infer(int id, int width, int height, StageTimings timings) {
        try {
            return engine.run(modelInput, width, height);
        } catch (EngineFailure e) {
            if (enginePlan.backend != Backend.WEBGPU) {
                throw new Problem(Problem.INFERENCE_FAILED, reason(e));
            }
            // A WebGPU failure on any run (an unsupported op, a lost device) must not cost the user the photo.
            String lost = engine.deviceLost();
            webGpuFailure = lost != null ? "the GPU device was lost: " + lost : reason(e);
            Plan fallback = BackendPlanner.fallbackToWasm(enginePlan, capabilities,
                    lost != null ? new Notice(Notice.GPU_LOST, lost) : new Notice(Notice.WEBGPU_FAILED, webGpuFailure));
            ensureEngine(id, fallback, timings);
            events.progress(id, Stage.REMOVING, 0, 0);
            try {
                return engine.run(modelInput, width, height);
            } catch (EngineFailure again) {
                throw new Problem(Problem.INFERENCE_FAILED, reason(again));
            }
        }
    }

    private void ensureEngine(int id, Plan plan, StageTimings timings) {
        if (engine != null && plan.sameSession(enginePlan)) {
            return;
        }
        whileStarting(() -> {
            startEngine(id, plan, timings);
            return null;
        });
    }

    /** {@code work}, inside a start window that the host may watch ({@link PipelineEvents#starting}). */
    private <T> T whileStarting(Supplier<T> work) {
        events.starting(true);
        try {
            return work.get();
        } finally {
            events.starting(false);
        }
    }

    private void startEngine(int id, Plan plan, StageTimings timings) {
        if (engine != null) {
            engine.release();
            engine = null;
            enginePlan = null;
        }
        ProgressListener progress = (stage, done, total) -> events.progress(id, stage, done, total);
        double t = clock.now();
        if (!warmedUp && (warmUpStarted || models.fetching(plan.model))) {
            // The first session of this pipeline: the engine warms up while the model is still on its way (on a
            // first visit), and a warm-up started while the photo decoded is settled before the session starts.
            warmUp(plan, () -> !models.fetching(plan.model));
        }
        W weights = models.load(plan.model, progress);
        timings.add(StageTimings.MODEL_FETCH, clock.now() - t);
        t = clock.now();
        Plan used = plan;
        try {
            engine = engines.start(plan, weights);
        } catch (EngineFailure e) {
            if (plan.backend != Backend.WEBGPU) {
                throw new Problem(Problem.INFERENCE_FAILED, reason(e));
            }
            webGpuFailure = reason(e);
            used = BackendPlanner.fallbackToWasm(plan, capabilities, webGpuFailure);
            if (used.model != plan.model) {
                double fetch = clock.now();
                weights = models.load(used.model, progress);
                timings.add(StageTimings.MODEL_FETCH, clock.now() - fetch);
            }
            try {
                engine = engines.start(used, weights);
            } catch (EngineFailure again) {
                throw new Problem(Problem.INFERENCE_FAILED, reason(again));
            }
        }
        enginePlan = used;
        timings.add(StageTimings.SESSION, clock.now() - t);
        List<Notice> notices = new ArrayList<>(used.notices);
        Notice storage = models.storageNotice();
        if (storage != null) {
            notices.add(storage);
        }
        events.session(id, new Session(used, engines.threadsInUse(), capabilities.adapterName, engine.runtime(),
                notices));
    }

    private static String reason(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isEmpty() ? e.getClass().getName() : message;
    }

    private static Problem problem(Stage stage, Throwable e) {
        if (e instanceof OutOfMemoryError) {
            return new Problem(Problem.PROCESSING_FAILED, "out of memory");
        }
        if (stage == Stage.LOADING_MODEL) {
            return new Problem(Problem.MODEL_FAILED, reason(e));
        }
        return new Problem(Problem.PROCESSING_FAILED, reason(e));
    }
}
