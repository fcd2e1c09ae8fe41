package app.cutout.web.app;

import app.cutout.core.text.Texts;
import app.cutout.web.jso.browser.Global;
import app.cutout.web.jso.browser.ImageBitmap;
import app.cutout.web.jso.browser.ModuleWorker;
import app.cutout.web.jso.browser.ObjectUrls;
import app.cutout.core.pipeline.EngineStalls;
import app.cutout.core.pipeline.Problem;
import app.cutout.core.pipeline.QueueLanes;
import app.cutout.core.pipeline.StartWatch;
import app.cutout.web.platform.Js;
import app.cutout.web.protocol.Addressed;
import app.cutout.web.protocol.Choices;
import app.cutout.web.protocol.Coded;
import app.cutout.web.protocol.DecodedMessage;
import app.cutout.web.protocol.ErrorMessage;
import app.cutout.web.protocol.Message;
import app.cutout.web.protocol.PreloadRequest;
import app.cutout.web.protocol.PreviewMessage;
import app.cutout.web.protocol.ProgressMessage;
import app.cutout.web.protocol.ResultMessage;
import app.cutout.web.protocol.RoughMessage;
import app.cutout.web.protocol.RunRequest;
import app.cutout.web.protocol.SessionMessage;
import app.cutout.web.protocol.StalledMessage;
import app.cutout.web.protocol.StartingMessage;
import app.cutout.web.protocol.WarmedMessage;
import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.JSObject;
import org.teavm.jso.browser.Performance;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.core.JSString;

/**
 * Runs the queue through inference workers, with the model loaded once per worker.
 *
 * <p>One photo at a time on every thread, except for a batch on the CPU: when two or more photos wait and the
 * device allows it ({@link QueueLanes}), two workers take a photo each, on half the threads each, until the queue is
 * empty; then a single worker with every thread takes over again, and starts its session from the stored model at
 * once ({@link PreloadRequest}), as it does when the page opens, so the next single photo does not wait for it.
 *
 * <p>Cancelling a photo being processed terminates its worker: ONNX Runtime cannot interrupt a running inference,
 * and the user must not wait for it. A fresh worker takes its place and finds the model in the cache.
 *
 * <p>A worker whose engine threads never started says so ({@link StalledMessage}; worker {@code ThreadStartWatch}) and
 * would wait forever: it is replaced the same way, as {@link EngineStalls} decides. So is a worker stuck anywhere
 * else before its engine runs, which cannot say so: while a worker loads, and while it says it is starting its
 * engine ({@link StartingMessage}), the page takes its silence past {@link EngineStalls#quietDeadlineMs} for a hang
 * ({@link StartWatch}).
 */
final class Processor {
    interface Listener {
        void changed(Item item);

        /** The running photo's size is known (its cutout follows): a page that will show it can decode it now. */
        void decoded(Item item);

        /** The running photo's unrefined mask, as a bitmap the listener takes (and closes). */
        void rough(Item item, ImageBitmap mask);

        void backend(SessionMessage message);

        /** The inference worker warmed its engine up before any photo. */
        void warmedUp(WarmedMessage message);

        void workerFailed(String text);

        /**
         * A worker's engine did not start and a fresh worker took its place; {@code stalls} so far on this page.
         *
         * @param cause {@link #THREAD} (a thread that never answered) or {@link #SILENT} (a worker silent while it
         *     loaded or started its engine)
         */
        void restarted(int stalls, String cause, double waitedMs);
    }

    /** {@link Listener#restarted}'s causes. */
    static final String THREAD = "thread";
    static final String SILENT = "silent";

    /** One inference worker and the photo it is working on. */
    private final class Lane {
        final ModuleWorker worker;
        /** What the worker's runtime is started with: 0 for every core (the user's choice), else this many. */
        final int threads;
        final boolean preload;
        boolean ready;
        Item running;
        final StartWatch watch = new StartWatch(Performance.now());

        Lane(int threads, boolean preload) {
            this.threads = threads;
            this.preload = preload;
            looks.soon();
            worker = new ModuleWorker(workerUrl, ModuleWorker.Options.module("cutout-inference"));
            worker.addEventListener("message", event -> {
                if (lanes.contains(this)) {
                    receive(this, (Message) event.getData());
                }
            });
            worker.addEventListener("error", event -> {
                if (!lanes.contains(this)) {
                    return;
                }
                if (running != null) {
                    // An error escaped the worker while it had a photo: that photo fails, the queue goes on with a
                    // fresh worker (which finds the model in the cache).
                    Item item = running;
                    replace(this);
                    item.state = ItemState.ERROR;
                    item.errorCode = Problem.STOPPED;
                    item.errorArgs = new Object[] {item.name, Global.describe(event)};
                    listener.changed(item);
                    pump();
                } else {
                    listener.workerFailed(Texts.t("error.worker", Global.describe(event)));
                }
            });
        }
    }

    private final String workerUrl;
    private final Listener listener;
    private final List<Item> queue = new ArrayList<>();
    private final List<Lane> lanes = new ArrayList<>();
    /** Two lanes on half the threads each, for a batch; else one with every thread. */
    private boolean batch;
    /** The single lane's last session: what decides whether a batch may run two at a time. */
    private String sessionBackend;
    private int sessionThreads;
    private Settings settings;
    private final EngineStalls stalls = new EngineStalls();
    private final StartLooks looks = new StartLooks(this::lookAtStarts);

    /** What every run of the queue is sent with; read when a photo starts, so a change applies to the next one. */
    interface Settings {
        String backend();

        String model();

        int threads();

        double strength();
    }

    Processor(String workerUrl, Listener listener, Settings settings) {
        this.workerUrl = workerUrl;
        this.listener = listener;
        this.settings = settings;
        lanes.add(new Lane(settings.threads(), true));
    }

    void add(Item item) {
        queue.add(item);
        pump();
    }

    /** Queues photos chosen together, so that the queue sees them as a batch. */
    void addAll(List<Item> items) {
        queue.addAll(items);
        pump();
    }

    /** Stops a photo: drops it if it waits, ends its worker if it is running. */
    void cancel(Item item) {
        if (item.state == ItemState.SAVING) {
            // The cutout is made and shown; only its PNG is being written, which cancelling would throw away.
            return;
        }
        Lane lane = laneOf(item);
        if (lane != null) {
            replace(lane);
            item.state = ItemState.CANCELLED;
            listener.changed(item);
            pump();
        } else if (queue.remove(item)) {
            item.state = ItemState.CANCELLED;
            listener.changed(item);
        }
    }

    /**
     * Queues a failed photo again: at the smaller size it was offered, or as it was when the failure was not the
     * file's. Its place is the end of the queue.
     */
    void retry(Item item) {
        if (!item.retryable() || laneOf(item) != null || queue.contains(item)) {
            return;
        }
        item.wantWidth = item.fitWidth;
        item.wantHeight = item.fitHeight;
        item.fitWidth = 0;
        item.fitHeight = 0;
        item.errorCode = "";
        item.errorArgs = null;
        item.refused = false;
        item.state = ItemState.QUEUED;
        listener.changed(item);
        add(item);
    }

    /** A photo is being processed now. */
    boolean working() {
        for (Lane lane : lanes) {
            if (lane.running != null) {
                return true;
            }
        }
        return false;
    }

    boolean busy() {
        return working() || !queue.isEmpty();
    }

    private Lane laneOf(Item item) {
        for (Lane lane : lanes) {
            if (lane.running == item) {
                return lane;
            }
        }
        return null;
    }

    /** Ends a lane's worker and puts a fresh one with the same threads in its place. */
    private void replace(Lane lane) {
        lane.worker.terminate();
        lanes.set(lanes.indexOf(lane), new Lane(lane.threads, lane.preload));
    }

    /** Between photos only: every lane idle. */
    private void relane(boolean toBatch) {
        for (Lane lane : lanes) {
            lane.worker.terminate();
        }
        lanes.clear();
        batch = toBatch;
        if (toBatch) {
            int each = QueueLanes.threadsEach(sessionThreads, 2);
            lanes.add(new Lane(each, false));
            lanes.add(new Lane(each, false));
        } else {
            lanes.add(new Lane(settings.threads(), true));
        }
    }

    private boolean wantsBatch() {
        String backend = settings.backend();
        if (!"wasm".equals(backend) && !"auto".equals(backend)) {
            return false;
        }
        return QueueLanes.lanes(sessionBackend, sessionThreads, Global.deviceMemory(),
                Global.getNavigator().getHardwareConcurrency(), queue.size()) > 1;
    }

    private void pump() {
        if (working()) {
            startWaiting();
            return;
        }
        if (queue.isEmpty()) {
            if (batch) {
                relane(false);
            }
            return;
        }
        if (!batch && wantsBatch()) {
            relane(true);
        }
        startWaiting();
    }

    private void startWaiting() {
        for (Lane lane : lanes) {
            if (queue.isEmpty()) {
                return;
            }
            if (lane.ready && lane.running == null) {
                start(lane, queue.remove(0));
            }
        }
    }

    private void start(Lane lane, Item item) {
        lane.running = item;
        RunRequest request = Message.of(Message.RUN);
        request.setId(item.id);
        request.setFile(item.file);
        request.setName(item.name);
        choose(request, lane);
        request.setStrength(settings.strength());
        request.setFitWidth(item.wantWidth);
        request.setFitHeight(item.wantHeight);
        // Read on the page, where the browser exposes it: the worker's intake lowers the full-resolution limit
        // for a device with little memory (core.image.ImageLimits.maxPixels).
        request.setDeviceMemory(Global.deviceMemory());
        item.state = ItemState.PREPARING;
        listener.changed(item);
        lane.worker.postMessage(request, new JSArray<JSObject>());
    }

    private void preload(Lane lane) {
        PreloadRequest request = Message.of(Message.PRELOAD);
        choose(request, lane);
        lane.worker.postMessage(request, new JSArray<JSObject>());
    }

    /** The session choices of a run or a preload on {@code lane}: the same, so a preload starts the run's session. */
    private void choose(Choices request, Lane lane) {
        request.setBackendChoice(settings.backend());
        request.setModelChoice(settings.model());
        request.setThreads(lane.threads);
        request.setThreadDeadlineMs(stalls.deadlineMs());
    }

    /**
     * Replaces a lane silent past the deadline while it loads or starts its engine; looks again while any is watched.
     * A look that comes late finds a page that was paused, with its workers: their clocks start again.
     */
    private void lookAtStarts(double now, boolean paused) {
        double deadline = stalls.quietDeadlineMs();
        for (Lane lane : new ArrayList<>(lanes)) {
            if (lanes.contains(lane) && lane.watch.stuck(now, paused, deadline)) {
                restart(lane, SILENT, lane.watch.silentMs(now));
            }
        }
        for (Lane lane : lanes) {
            if (lane.watch.watching()) {
                looks.soon();
                return;
            }
        }
    }

    /**
     * A lane's worker will wait forever for its engine: a fresh one takes its place, and the photo it had goes back to
     * the head of the queue, or fails ({@link EngineStalls#stalled}).
     */
    private void restart(Lane lane, String cause, double waitedMs) {
        Item item = lane.running;
        int tries = stalls.inARow() + 1;
        // Counted before the fresh worker exists, so that its requests carry the doubled deadline.
        boolean again = stalls.stalled();
        replace(lane);
        if (item != null) {
            if (again) {
                item.state = ItemState.QUEUED;
                queue.add(0, item);
            } else {
                item.state = ItemState.ERROR;
                item.errorCode = Problem.ENGINE_STALLED;
                item.errorArgs = new Object[] {item.name, tries};
            }
            listener.changed(item);
        }
        listener.restarted(stalls.total(), cause, waitedMs);
        pump();
    }

    private void receive(Lane lane, Message message) {
        lane.watch.heard(Performance.now());
        switch (message.getType()) {
            case Message.READY:
                lane.ready = true;
                lane.watch.ready(Performance.now());
                if (lane.preload) {
                    // Before any photo sent now: the worker takes requests in order, so a photo waiting already
                    // loses nothing (its run would start the same session), and one chosen later finds it ready.
                    preload(lane);
                }
                pump();
                return;
            case Message.WARMED:
                stalls.started();
                listener.warmedUp((WarmedMessage) message);
                return;
            case Message.STARTING:
                lane.watch.starting(((StartingMessage) message).isOn(), Performance.now());
                if (lane.watch.watching()) {
                    looks.soon();
                }
                return;
            case Message.STALLED:
                restart(lane, THREAD, ((StalledMessage) message).getWaitedMs());
                return;
            case Message.SESSION:
                stalls.started();
                if (!batch) {
                    SessionMessage session = (SessionMessage) message;
                    sessionBackend = session.getBackend();
                    sessionThreads = session.getThreads();
                    listener.backend(session);
                }
                return;
            default:
                break;
        }
        Item item = lane.running;
        if (item == null || ((Addressed) message).getId() != item.id) {
            return;
        }
        switch (message.getType()) {
            case Message.DECODED: {
                DecodedMessage decoded = (DecodedMessage) message;
                item.width = decoded.getWidth();
                item.height = decoded.getHeight();
                item.sourceWidth = decoded.getSourceWidth();
                item.sourceHeight = decoded.getSourceHeight();
                listener.decoded(item);
                break;
            }
            case Message.ROUGH:
                listener.rough(item, ((RoughMessage) message).getMask());
                break;
            case Message.PROGRESS: {
                ProgressMessage progress = (ProgressMessage) message;
                item.state = ItemState.ofStage(progress.getStage());
                item.loaded = progress.getLoaded();
                item.total = progress.getTotal();
                listener.changed(item);
                break;
            }
            case Message.PREVIEW: {
                PreviewMessage preview = (PreviewMessage) message;
                item.state = ItemState.SAVING;
                item.width = preview.getWidth();
                item.height = preview.getHeight();
                item.timings = preview.getTimings();
                item.preview = preview.getBitmap();
                listener.changed(item);
                break;
            }
            case Message.RESULT: {
                ResultMessage result = (ResultMessage) message;
                item.dropPreview();
                item.state = ItemState.DONE;
                item.width = result.getWidth();
                item.height = result.getHeight();
                item.timings = result.getTimings();
                item.sourceWidth = result.getSourceWidth();
                item.sourceHeight = result.getSourceHeight();
                item.animated = result.isAnimated();
                item.confidence = result.getConfidence();
                item.checkReasons = codes(result.getCheckReasons());
                item.cutoutPng = result.getPng();
                item.modelMask = result.getModelMask();
                item.cutoutUrl = ObjectUrls.createObjectURL(item.cutoutPng);
                lane.running = null;
                listener.changed(item);
                pump();
                break;
            }
            case Message.ERROR: {
                ErrorMessage error = (ErrorMessage) message;
                item.dropPreview();
                item.state = ItemState.ERROR;
                item.errorCode = error.getCode();
                item.errorArgs = Coded.args(error);
                item.refused = error.isRefused();
                item.fitWidth = error.getFitWidth();
                item.fitHeight = error.getFitHeight();
                lane.running = null;
                listener.changed(item);
                pump();
                break;
            }
            default:
                break;
        }
    }

    private static String[] codes(JSArray<JSString> values) {
        if (Js.isMissing(values)) {
            return new String[0];
        }
        String[] codes = new String[values.getLength()];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = values.get(i).stringValue();
        }
        return codes;
    }
}
