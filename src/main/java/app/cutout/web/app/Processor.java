package app.cutout.web.app;

import app.cutout.core.text.Texts;
import app.cutout.web.jso.browser.Global;
import app.cutout.web.jso.browser.ImageBitmap;
import app.cutout.web.jso.browser.ModuleWorker;
import app.cutout.web.jso.browser.ObjectUrls;
import app.cutout.core.pipeline.Problem;
import app.cutout.web.platform.Js;
import app.cutout.web.protocol.Addressed;
import app.cutout.web.protocol.Coded;
import app.cutout.web.protocol.DecodedMessage;
import app.cutout.web.protocol.ErrorMessage;
import app.cutout.web.protocol.Message;
import app.cutout.web.protocol.PreviewMessage;
import app.cutout.web.protocol.ProgressMessage;
import app.cutout.web.protocol.ResultMessage;
import app.cutout.web.protocol.RoughMessage;
import app.cutout.web.protocol.RunRequest;
import app.cutout.web.protocol.SessionMessage;
import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.core.JSString;

/**
 * Runs the queue through the inference worker, one photo at a time, with the model loaded once.
 *
 * <p>Cancelling the photo being processed terminates the worker: ONNX Runtime cannot interrupt a running inference,
 * and the user must not wait for it. The next photo starts a fresh worker, which finds the model in the cache.
 */
final class Processor {
    interface Listener {
        void changed(Item item);

        /** The running photo's size is known (its cutout follows): a page that will show it can decode it now. */
        void decoded(Item item);

        /** The running photo's unrefined mask, as a bitmap the listener takes (and closes). */
        void rough(Item item, ImageBitmap mask);

        void backend(SessionMessage message);

        void workerFailed(String text);
    }

    private final String workerUrl;
    private final Listener listener;
    private final List<Item> queue = new ArrayList<>();
    private ModuleWorker worker;
    private boolean ready;
    private Item running;
    private Settings settings;

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
        start();
    }

    void add(Item item) {
        queue.add(item);
        pump();
    }

    /** Stops a photo: drops it if it waits, ends the worker if it is running. */
    void cancel(Item item) {
        if (item.state == ItemState.SAVING) {
            // The cutout is made and shown; only its PNG is being written, which cancelling would throw away.
            return;
        }
        if (item == running) {
            worker.terminate();
            running = null;
            item.state = ItemState.CANCELLED;
            listener.changed(item);
            start();
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
        if (!item.retryable() || item == running || queue.contains(item)) {
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
        return running != null;
    }

    boolean busy() {
        return running != null || !queue.isEmpty();
    }

    private void start() {
        ready = false;
        worker = new ModuleWorker(workerUrl, ModuleWorker.Options.module("cutout-inference"));
        ModuleWorker current = worker;
        worker.addEventListener("message", event -> {
            if (current == worker) {
                receive((Message) event.getData());
            }
        });
        worker.addEventListener("error", event -> {
            if (current != worker) {
                return;
            }
            if (running != null) {
                // An error escaped the worker while it had a photo: that photo fails, the queue goes on with a
                // fresh worker (which finds the model in the cache).
                Item item = running;
                running = null;
                worker.terminate();
                item.state = ItemState.ERROR;
                item.errorCode = Problem.STOPPED;
                item.errorArgs = new Object[] {item.name, Global.describe(event)};
                listener.changed(item);
                start();
            } else {
                listener.workerFailed(Texts.t("error.worker", Global.describe(event)));
            }
        });
    }

    private void pump() {
        if (!ready || running != null || queue.isEmpty()) {
            return;
        }
        running = queue.remove(0);
        RunRequest request = Message.of(Message.RUN);
        request.setId(running.id);
        request.setFile(running.file);
        request.setName(running.name);
        request.setBackendChoice(settings.backend());
        request.setModelChoice(settings.model());
        request.setThreads(settings.threads());
        request.setStrength(settings.strength());
        request.setFitWidth(running.wantWidth);
        request.setFitHeight(running.wantHeight);
        // Read on the page, where the browser exposes it: the worker's intake lowers the full-resolution limit
        // for a device with little memory (core.image.ImageLimits.maxPixels).
        request.setDeviceMemory(Global.deviceMemory());
        running.state = ItemState.PREPARING;
        listener.changed(running);
        worker.postMessage(request, new JSArray<JSObject>());
    }

    private void receive(Message message) {
        switch (message.getType()) {
            case Message.READY:
                ready = true;
                pump();
                return;
            case Message.SESSION:
                listener.backend((SessionMessage) message);
                return;
            default:
                break;
        }
        Item item = running;
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
                item.cutoutUrl = ObjectUrls.createObjectURL(item.cutoutPng);
                running = null;
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
                running = null;
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
