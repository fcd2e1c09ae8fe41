package app.cutout.web.app;

import app.cutout.core.edit.UndoStack;
import org.teavm.jso.file.Blob;
import org.teavm.jso.file.File;

/** One photo in the queue, from waiting to done or failed, and its edits. */
final class Item {
    static final String QUEUED = "queued";
    static final String DONE = "done";
    static final String ERROR = "error";
    static final String CANCELLED = "cancelled";

    final int id;
    final File file;
    final String name;
    /** queued, one of the worker's stages while running, then done, error or cancelled. */
    String state = QUEUED;
    String error = "";
    double loaded;
    double total;
    int width;
    int height;
    String timings = "";
    /** The worker's cutout PNG (transparent background, model alpha) and its object URL. */
    Blob cutoutPng;
    String cutoutUrl;
    /** Object URL of the original file, for thumbnails and comparison. */
    String originalUrl;
    /** The edited alpha, full resolution; null until the editor first opens the item. */
    byte[] alpha;
    /** The model's alpha, for the restore brush's reference and for "reset". */
    byte[] modelAlpha;
    UndoStack undo;
    boolean edited;

    Item(int id, File file) {
        this.id = id;
        this.file = file;
        this.name = file.getName() == null || file.getName().isEmpty() ? "image" : file.getName();
    }

    boolean finished() {
        return DONE.equals(state) || ERROR.equals(state) || CANCELLED.equals(state);
    }

    boolean running() {
        return !QUEUED.equals(state) && !finished();
    }
}
