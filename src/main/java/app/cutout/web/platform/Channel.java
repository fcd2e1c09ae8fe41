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
        post(type, "");
    }

    public static void post(String type, String text) {
        if (!isSupported()) {
            return;
        }
        Note note = JSObjects.create();
        note.setType(type);
        note.setText(text);
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

    /** {@code {type, scope?, text?}}; scope and text come from the service worker. */
    public interface Note extends JSObject {
        @JSProperty
        String getType();

        @JSProperty
        void setType(String type);

        @JSProperty
        String getScope();

        @JSProperty
        String getText();

        @JSProperty
        void setText(String text);
    }
}
