package app.cutout.web.platform;

import app.cutout.web.jso.browser.BroadcastChannel;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSObjects;

/**
 * The {@code "cutout"} BroadcastChannel: short same-origin notes between the page, the processing worker and the
 * service worker (sw.js posts {@code shell-ready} and {@code shell-failed}). Nothing in it leaves the browser.
 */
public final class Channel {
    public static final String NAME = "cutout";
    /** The model cache gained or lost an entry (worker after a verified store, storage panel after a delete). */
    public static final String MODELS_CHANGED = "models-changed";
    /** The worker downloaded and verified a model but could not store it (text: why, for the user). */
    public static final String MODEL_NOT_STORED = "model-not-stored";
    public static final String SHELL_READY = "shell-ready";
    public static final String SHELL_FAILED = "shell-failed";

    private static BroadcastChannel listening;

    private Channel() {
    }

    /**
     * Sends a note to every other listener of the origin, this page's own included (a channel object never hears
     * itself, so each post uses a fresh one).
     */
    public static void post(String type) {
        post(type, null, null, null);
    }

    /**
     * A note with what a page needs to word it in its own language: {@code code}, {@code model} (a model id, or null)
     * and {@code detail} (the browser's error description, which is not translated). Never a sentence.
     */
    public static void post(String type, String code, String model, String detail) {
        if (!isSupported()) {
            return;
        }
        Note note = JSObjects.create();
        note.setType(type);
        if (code != null) {
            note.setCode(code);
            note.setDetail(detail == null ? "" : detail);
            note.setModel(model == null ? "" : model);
        }
        BroadcastChannel channel = new BroadcastChannel(NAME);
        channel.postMessage(note);
        channel.close();
    }

    /** Calls {@code handler} for every note; all listeners of one context share one channel object. */
    public static void listen(Handler handler) {
        if (!isSupported()) {
            return;
        }
        if (listening == null) {
            listening = new BroadcastChannel(NAME);
        }
        listening.addEventListener("message", event -> handler.handle((Note) event.getData()));
    }

    @JSBody(script = "return typeof BroadcastChannel !== 'undefined';")
    private static native boolean isSupported();

    public interface Handler {
        void handle(Note note);
    }

    /** {@code {type, scope?, text?, code?, model?, detail?}}; scope comes from the service worker. */
    public interface Note extends JSObject {
        @JSProperty
        String getType();

        @JSProperty
        void setType(String type);

        @JSProperty
        String getScope();

        /** Why, as a word ({@code quota} or {@code error}); missing on notes that only announce a change. */
        @JSProperty
        String getCode();

        @JSProperty
        void setCode(String code);

        /** The browser's description of the error, for inside the sentence. */
        @JSProperty
        String getDetail();

        @JSProperty
        void setDetail(String detail);

        /** The model's id, where the note is about one. */
        @JSProperty
        String getModel();

        @JSProperty
        void setModel(String model);
    }
}
