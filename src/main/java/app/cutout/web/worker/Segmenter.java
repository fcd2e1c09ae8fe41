package app.cutout.web.worker;

import app.cutout.core.files.SiteParts;
import app.cutout.core.model.Backend;
import app.cutout.core.model.ModelSpec;
import app.cutout.core.model.Plan;
import app.cutout.core.onnx.SessionTuning;
import app.cutout.core.onnx.WarmupModel;
import app.cutout.core.pipeline.EngineFailure;
import app.cutout.core.pipeline.InferenceEngine;
import app.cutout.web.jso.browser.GpuDevice;
import app.cutout.web.jso.ort.InferenceSession;
import app.cutout.web.jso.ort.OrtBundle;
import app.cutout.web.jso.ort.OrtEnv;
import app.cutout.web.jso.ort.OrtWebGpuEnv;
import app.cutout.web.jso.ort.SessionOptions;
import app.cutout.web.jso.ort.Tensor;
import app.cutout.web.platform.ArrayTransfer;
import app.cutout.web.platform.Js;
import app.cutout.web.platform.JsException;
import app.cutout.web.platform.Promises;
import java.util.function.BooleanSupplier;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.core.JSMapLike;
import org.teavm.jso.core.JSNumber;
import org.teavm.jso.core.JSObjects;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.core.JSString;
import org.teavm.jso.core.JSUndefined;
import org.teavm.jso.browser.Performance;
import org.teavm.jso.typedarrays.ArrayBuffer;
import org.teavm.jso.typedarrays.Float32Array;
import org.teavm.jso.typedarrays.Int8Array;
import org.teavm.jso.typedarrays.Uint8Array;

/**
 * One ONNX Runtime Web session for one {@link Plan}; runs ISNet on a prepared input.
 *
 * <p>On WebGPU it watches the device: a lost device (driver reset, GPU removed or put to sleep) may leave a run
 * pending forever, so each run races the device's {@code lost} promise and fails at once when it settles.
 */
final class Segmenter implements InferenceEngine {
    /**
     * The warm-up's stand-in model: 128² input, 32 channels, a few tens of ms a run on one 2-core laptop thread, so
     * that a photo arriving waits at most that long. The budget is what moved most of the first ISNet run's extra
     * second on the 2-core EPYC (bench/README.md, "First visit").
     */
    private static final int WARMUP_SIZE = 128;
    private static final int WARMUP_CHANNELS = 32;
    private static final double WARMUP_BUDGET_MS = 1500;
    private static final int WARMUP_MAX_RUNS = 100;
    /**
     * Channels of {@link WarmupModel#buildWide}, run once when the stand-in's budget ran out with nobody waiting: its
     * buffers (about 0.6 GB at its peak, below ISNet's own) are the first use of that much of the runtime's memory,
     * which ISNet's first run would otherwise pay for page by page. In ONNX Runtime Web's WebAssembly under Node on the
     * 2-core AMD EPYC, ISNet's first run was 450 ms slower than the next after ten stand-in runs, 150 ms with this
     * run after them; a first photo chosen 3 s after a cold page opened was on the page 410 ms sooner in Chromium
     * (README.md, "The wide warm-up run").
     */
    private static final int WARMUP_WIDE_CHANNELS = 128;
    /** The bundles whose {@code env} has been set up, i.e. that have started (or tried to start) a session. */
    private static final java.util.Set<OrtBundle> started = new java.util.HashSet<>();
    /** The thread count given to the runtime; 0 until the first session. */
    private static int threads;
    /** The warm-up's session while it starts or waits to be run ({@link #startWarmUp}), and its runtime build. */
    private static JSPromise<InferenceSession> warmupSession;
    private static OrtBundle warmupBundle;
    /** Whether {@link #runWide} has run to its end in this worker. */
    private static boolean wideRan;

    final Plan plan;
    /** The runtime build the session belongs to; its tensors must come from the same one. */
    private final OrtBundle bundle;
    private final InferenceSession session;
    /** The session's model has a free input size, and photos come at their own aspect ratio (a measurement only). */
    private final boolean aspectInput;
    /**
     * The last run's mask, reused by the next run of the same size: the caller is done with one mask before it asks
     * for the next.
     */
    private float[] mask = new float[0];
    /** On WebGPU, {@code {lost, reason}}: the device's lost promise and, once it settled, why; null on WASM. */
    private final JSObject device;

    private Segmenter(Plan plan, OrtBundle bundle, InferenceSession session, JSObject device, boolean aspectInput) {
        this.plan = plan;
        this.bundle = bundle;
        this.session = session;
        this.device = device;
        this.aspectInput = aspectInput;
    }

    @Override
    public boolean aspectInput() {
        return aspectInput;
    }

    /**
     * The bundle for a plan: WebGPU needs the WebGPU build; the CPU gets the lighter plain build, unless the WebGPU
     * build is already running in this worker (a fallback after a WebGPU failure), whose CPU backend is then as good
     * and already loaded.
     */
    static OrtBundle bundleFor(Plan plan) {
        if (plan.backend == Backend.WEBGPU || started.contains(OrtBundle.WEBGPU)) {
            return OrtBundle.WEBGPU;
        }
        return OrtBundle.CPU;
    }

    /**
     * The runtime reads {@code env.wasm} once, when a bundle's first session starts its WebAssembly module; later
     * changes are ignored, so the thread count set here holds for the worker's lifetime.
     *
     * @param tuning the page's {@code ?ort=} settings, as {@link SessionTuning#parse} read them (null: not understood,
     *     and the session is refused)
     */
    static Segmenter create(Plan plan, Uint8Array weights, String ortBaseUrl, SessionTuning tuning) {
        OrtBundle bundle = bundleFor(plan);
        OrtEnv env = setUp(bundle, plan, ortBaseUrl);
        SessionOptions options = SessionOptions.create(plan.backend == Backend.WEBGPU ? "webgpu" : "wasm");
        tune(options, tuning);
        InferenceSession session;
        try {
            // Inside the pipeline's start window already (RemovalPipeline.ensureEngine): nothing to track here.
            session = Promises.await(bundle.createSession(weights, options), "Starting the session");
        } catch (JsException e) {
            throw new EngineFailure(e.jsMessage());
        }
        return new Segmenter(plan, bundle, session, plan.backend == Backend.WEBGPU ? watch(env) : null,
                Boolean.TRUE.equals(tuning.aspectInput));
    }

    private static OrtEnv setUp(OrtBundle bundle, Plan plan, String ortBaseUrl) {
        OrtEnv env = bundle.env();
        if (!started.contains(bundle)) {
            if (bundle == OrtBundle.WEBGPU) {
                // Served in parts (hosts limit a file's size): joined here, before the runtime would fetch it whole.
                env.getWasm().setWasmBinary(webGpuWasm(ortBaseUrl));
            }
            started.add(bundle);
            env.getWasm().setWasmPaths(ortBaseUrl);
            env.getWasm().setNumThreads(threads == 0 ? plan.threads : threads);
            env.setLogLevel("error");
            threads = env.getWasm().getNumThreads();
        }
        return env;
    }

    /**
     * ONNX Runtime's WebGPU build of its WebAssembly, which the site serves in parts ({@link SiteParts}), joined.
     *
     * @throws EngineFailure when a part cannot be had whole (the plan's fallback, if any, takes over)
     */
    private static ArrayBuffer webGpuWasm(String ortBaseUrl) {
        PartedDownload download = new PartedDownload(ortBaseUrl + SiteParts.ORT_WEBGPU_WASM_NAME,
                SiteParts.ORT_WEBGPU_WASM_BYTES);
        try {
            return download.run(PartedDownload.HttpCache.DEFAULT, "Loading ONNX Runtime", (done, total) -> { })
                    .getBuffer();
        } catch (PartedDownload.Failure e) {
            throw new EngineFailure(e.getMessage());
        }
    }

    /**
     * Starts the CPU runtime that a session for {@code plan} will use, with the plan's threads, and a session of
     * {@link WarmupModel} in it, without waiting for either: fetching and compiling the runtime's WebAssembly (about
     * half a second on 2 cores) then goes on while the worker decodes the photo. {@link #warmUp} takes the session.
     * Nothing happens on WebGPU (its cost is shader compilation, which a stand-in model does not cover) or when it has
     * started already.
     */
    static void startWarmUp(Plan plan, String ortBaseUrl) {
        if (plan.backend != Backend.WASM || warmupSession != null) {
            return;
        }
        try {
            OrtBundle bundle = bundleFor(plan);
            setUp(bundle, plan, ortBaseUrl);
            warmupBundle = bundle;
            warmupSession = standInSession(bundle, WarmupModel.build(WARMUP_SIZE, WARMUP_CHANNELS));
        } catch (RuntimeException e) {
            // Of no consequence: the photo's session starts the runtime itself and reports what fails there.
        }
    }

    /**
     * Runs {@link WarmupModel} (started by {@link #startWarmUp} if it was not) until {@code stop} says so,
     * {@link #WARMUP_BUDGET_MS} have passed or {@link #WARMUP_MAX_RUNS} runs are done, then frees its session.
     * Between runs it lets the worker's other events in, so that a photo arriving is seen at once.
     *
     * @return the runs made; 0 on WebGPU or when the runtime or the stand-in session could not start (the photo's
     *     own run then tries and says why)
     */
    static int warmUp(Plan plan, String ortBaseUrl, BooleanSupplier stop) {
        startWarmUp(plan, ortBaseUrl);
        if (warmupSession == null) {
            return 0;
        }
        JSPromise<InferenceSession> pending = warmupSession;
        OrtBundle bundle = warmupBundle;
        warmupSession = null;
        int runs = 0;
        boolean stopped = false;
        try {
            InferenceSession session = Promises.await(pending, "Warming up");
            if (Js.isMissing(session)) {
                return 0;
            }
            Tensor input = null;
            try {
                input = standInInput(bundle, WARMUP_SIZE);
                JSMapLike<Tensor> feeds = standInFeeds(input);
                JSArray<JSString> fetches = standInFetches();
                double start = Performance.now();
                while (runs < WARMUP_MAX_RUNS && Performance.now() - start < WARMUP_BUDGET_MS) {
                    Promises.await(nextTask(), "Warming up");
                    if (stop.getAsBoolean()) {
                        stopped = true;
                        break;
                    }
                    runOnce(session, feeds, fetches);
                    runs++;
                }
            } finally {
                if (input != null) {
                    input.dispose();
                }
                Promises.await(session.release(), "Warming up");
            }
            // The stand-in's session is gone before the wide one starts: the two never hold memory at once.
            if (!stopped && runs > 0) {
                Promises.await(nextTask(), "Warming up");
                if (!stop.getAsBoolean() && runWide(bundle)) {
                    runs++;
                }
            }
        } catch (RuntimeException e) {
            // Of no consequence, as above.
        }
        return runs;
    }

    /** Whether the wide stand-in has run in this worker (for {@code #backend-info[data-warmup-wide]}). */
    static boolean wideRan() {
        return wideRan;
    }

    /** One run of {@link WarmupModel#buildWide} in a session of its own, freed after; whether it ran. */
    private static boolean runWide(OrtBundle bundle) {
        InferenceSession session = Promises.await(standInSession(bundle,
                WarmupModel.buildWide(WARMUP_WIDE_CHANNELS)), "Warming up");
        if (Js.isMissing(session)) {
            return false;
        }
        Tensor input = null;
        try {
            input = standInInput(bundle, WarmupModel.WIDE_INPUT_SIZE);
            runOnce(session, standInFeeds(input), standInFetches());
            wideRan = true;
            return true;
        } finally {
            if (input != null) {
                input.dispose();
            }
            Promises.await(session.release(), "Warming up");
        }
    }

    /** A session of a {@link WarmupModel} on the CPU, or null once settled if it failed. */
    private static JSPromise<InferenceSession> standInSession(OrtBundle bundle, byte[] model) {
        Int8Array bytes = ArrayTransfer.copyOf(model);
        return EngineStart.track(settled(bundle.createSession(new Uint8Array(bytes.getBuffer(),
                bytes.getByteOffset(), bytes.getLength()), SessionOptions.create("wasm"))));
    }

    /** A {@link WarmupModel}'s input, {@code [1, 3, side, side]}. */
    private static Tensor standInInput(OrtBundle bundle, int side) {
        JSArray<JSNumber> dims = new JSArray<>();
        dims.push(JSNumber.valueOf(1));
        dims.push(JSNumber.valueOf(3));
        dims.push(JSNumber.valueOf(side));
        dims.push(JSNumber.valueOf(side));
        return bundle.tensor(pattern(3 * side * side), dims);
    }

    private static JSMapLike<Tensor> standInFeeds(Tensor input) {
        JSMapLike<Tensor> feeds = JSObjects.create();
        feeds.set(WarmupModel.INPUT_NAME, input);
        return feeds;
    }

    private static JSArray<JSString> standInFetches() {
        JSArray<JSString> fetches = new JSArray<>();
        fetches.push(JSString.valueOf(WarmupModel.OUTPUT_NAME));
        return fetches;
    }

    /** One run of a stand-in; its output is dropped at once. */
    private static void runOnce(InferenceSession session, JSMapLike<Tensor> feeds, JSArray<JSString> fetches) {
        JSMapLike<Tensor> out = Promises.await(session.run(feeds, fetches), "Warming up");
        out.get(WarmupModel.OUTPUT_NAME).dispose();
    }

    /** The session, or null if it failed: a rejection nobody waits for must not reach the console as unhandled. */
    @JSBody(params = "session", script = "return session.catch(function () { return null; });")
    private static native JSPromise<InferenceSession> settled(JSPromise<InferenceSession> session);

    /** A float input with values spread over a photo's normalised range, as the stand-in's quantisers see in use. */
    @JSBody(params = "n", script = "const a = new Float32Array(n);"
            + " for (let i = 0; i < n; i++) { a[i] = Math.sin(i * 0.37) * 2; } return a;")
    private static native Float32Array pattern(int n);

    /** Settles after the worker's pending events (a message with a photo) have had their turn. */
    @JSBody(script = "return new Promise(function (resolve) { setTimeout(resolve, 0); });")
    private static native JSPromise<JSUndefined> nextTask();

    /**
     * Applies the session settings a measurement asked for in the inference worker's URL ({@code worker.js?ort=…},
     * set by the page from its own {@code ?ort=}; see {@link SessionTuning}). Nothing changes without one: the
     * page never sets it by itself. Settings that do not parse fail the session, so that a mistyped measurement
     * cannot pass for a measurement of the default.
     */
    private static void tune(SessionOptions options, SessionTuning tuning) {
        if (tuning == null) {
            throw new EngineFailure("the ?ort= session settings are not understood");
        }
        if (tuning.graph != null) {
            options.setGraphOptimizationLevel(tuning.graph);
        }
        if (tuning.memPattern != null) {
            options.setEnableMemPattern(tuning.memPattern);
        }
        if (tuning.cpuArena != null) {
            options.setEnableCpuMemArena(tuning.cpuArena);
        }
        if (!tuning.freeDimensions.isEmpty()) {
            JSMapLike<JSNumber> free = JSObjects.create();
            for (java.util.Map.Entry<String, Integer> e : tuning.freeDimensions.entrySet()) {
                free.set(e.getKey(), JSNumber.valueOf(e.getValue()));
            }
            options.setFreeDimensionOverrides(free);
        }
        if (!tuning.config.isEmpty()) {
            JSMapLike<JSString> extra = JSObjects.create();
            for (java.util.Map.Entry<String, String> e : tuning.config.entrySet()) {
                extra.set(e.getKey(), JSString.valueOf(e.getValue()));
            }
            options.setExtra(extra);
        }
    }

    /** A parameter of this worker's own URL, or null. */
    @JSBody(params = "name", script = "return new URLSearchParams(self.location.search).get(name);")
    static native String workerParam(String name);

    /**
     * The runtime's device, known once a WebGPU session exists. Watching is a safeguard only: when this build of the
     * runtime does not show its device, or anything about it fails, runs simply go unwatched.
     */
    private static JSObject watch(OrtEnv env) {
        try {
            GpuDevice gpu = Promises.await(deviceOf(env.getWebgpu()), "Finding the session's GPU device");
            return Js.isMissing(gpu) || Js.isMissing(gpu.getLost()) ? null : watchLoss(gpu.getLost());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** {@code env.webgpu.device} is documented as a promise, but some builds hand out the device itself. */
    @JSBody(params = "webgpu", script = "return Promise.resolve(webgpu ? webgpu.device : null);")
    private static native JSPromise<GpuDevice> deviceOf(OrtWebGpuEnv webgpu);

    /** The reason is the browser's message without its final full stop, as it goes inside a sentence. */
    @JSBody(params = "lost", script = "const state = { lost: lost, reason: null };"
            + " lost.then(function (info) { const text = String((info && (info.message || info.reason)) || 'unknown');"
            + " state.reason = text.replace(/\\.$/, ''); });"
            + " return state;")
    private static native JSObject watchLoss(JSPromise<GpuDevice.LostInfo> lost);

    /** Settles like {@code run}, or rejects as soon as the device is lost, whichever is first. */
    @JSBody(params = {"run", "state"}, script = "run.catch(function () {});"
            + " return Promise.race([run, state.lost.then(function (info) {"
            + " throw new Error('the GPU device was lost (' + ((info && (info.message || info.reason)) || 'unknown')"
            + " + ')'); })]);")
    private static native JSPromise<JSMapLike<Tensor>> untilLost(JSPromise<JSMapLike<Tensor>> run, JSObject state);

    @JSBody(params = "state", script = "return state.reason;")
    private static native String lossReason(JSObject state);

    @Override
    public String deviceLost() {
        if (device == null) {
            return null;
        }
        String reason = lossReason(device);
        return Js.isMissing(reason) ? null : reason;
    }

    /** The runtime build this session runs in: {@code webgpu} or {@code wasm}. */
    @Override
    public String runtime() {
        return bundle.name;
    }

    static int threadsInUse() {
        return threads;
    }

    /**
     * @param modelInput planar RGB of {@code width * height}, normalised. Not modified.
     * @return the mask, {@code width * height}, 0..1; the same array on every run of that size, overwritten
     */
    @Override
    public float[] run(float[] modelInput, int width, int height) {
        int plane = width * height;
        // A view of Wasm linear memory, valid while this run lasts: the worker runs one request at a time.
        Float32Array input = ArrayTransfer.floats(modelInput, 0, 3 * plane);
        JSArray<JSNumber> dims = new JSArray<>();
        dims.push(JSNumber.valueOf(1));
        dims.push(JSNumber.valueOf(3));
        dims.push(JSNumber.valueOf(height));
        dims.push(JSNumber.valueOf(width));
        Tensor tensor = bundle.tensor(input, dims);
        JSMapLike<Tensor> feeds = JSObjects.create();
        feeds.set(ModelSpec.INPUT_NAME, tensor);
        JSArray<JSString> fetches = new JSArray<>();
        fetches.push(JSString.valueOf(ModelSpec.OUTPUT_NAME));
        JSMapLike<Tensor> outputs;
        try {
            JSPromise<JSMapLike<Tensor>> run = session.run(feeds, fetches);
            outputs = Promises.await(device == null ? run : untilLost(run, device), "Running the model");
        } catch (JsException e) {
            throw new EngineFailure(e.jsMessage());
        } finally {
            // The input wraps the staging buffer, so this only drops the runtime's hold on it.
            tensor.dispose();
        }
        Tensor output = outputs.get(ModelSpec.OUTPUT_NAME);
        try {
            Float32Array data = output.getFloatData();
            if (data.getLength() != plane) {
                throw new IllegalStateException("Expected a " + width + "x" + height + " mask from the model, got "
                        + data.getLength() + " values");
            }
            if (mask.length != plane) {
                mask = new float[plane];
            }
            ArrayTransfer.copy(data, mask, 0);
            return mask;
        } finally {
            output.dispose();
        }
    }

    /**
     * Frees the session. After a device loss it is not waited for (the runtime may never finish with a dead device);
     * a failure is of no consequence to the user, whose next run gets a new session either way.
     */
    @Override
    public void release() {
        JSPromise<JSUndefined> released = session.release();
        if (deviceLost() != null) {
            ignoreFailure(released);
            return;
        }
        try {
            Promises.await(released, "Releasing the session");
        } catch (JsException e) {
            // Nothing to tell the user: the session is dropped anyway.
        }
    }

    @JSBody(params = "promise", script = "promise.catch(function () {});")
    private static native void ignoreFailure(JSPromise<?> promise);
}
