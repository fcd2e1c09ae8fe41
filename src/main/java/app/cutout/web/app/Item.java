package app.cutout.web.app;

import app.cutout.core.edit.UndoStack;
import app.cutout.web.jso.browser.ImageBitmap;
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
    /** The worker's refusal code ({@code Refusal}), empty for other failures; with its placeholder values. */
    String errorCode = "";
    Object[] errorArgs;
    /** A smaller size offered for a photo past the size limits; 0 when none was. */
    int fitWidth;
    int fitHeight;
    /** The smaller size the user accepted, sent with the next run; 0 for full resolution. */
    int wantWidth;
    int wantHeight;
    /** The photo's own size when the cutout was made from a smaller copy; 0 otherwise. */
    int sourceWidth;
    int sourceHeight;
    /** The file is an animation; the cutout is of its first frame. */
    boolean animated;
    double loaded;
    double total;
    int width;
    int height;
    String timings = "";
    /**
     * The finished cutout, sent by the worker before its PNG; taken (and closed) by the editor, or closed when the
     * PNG arrives. Null otherwise.
     */
    ImageBitmap preview;
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

    /** True when the cutout is a smaller copy of the photo, so the photo must be decoded at that size too. */
    boolean downscaled() {
        return sourceWidth > 0;
    }

    /**
     * A failed photo can be run again when a smaller size was offered, or when the failure was not the file's
     * (an interrupted model download, a GPU or worker failure): refusals of the file itself would only repeat.
     */
    boolean retryable() {
        return ERROR.equals(state) && (fitWidth > 0 || errorCode.isEmpty());
    }

    /** The cutout can be shown and edited: finished, or finished but for its PNG. */
    boolean viewable() {
        return DONE.equals(state) || (app.cutout.web.protocol.Stage.SAVING.equals(state) && (preview != null
                || alpha != null));
    }

    /** Gives up the preview bitmap, if it was not taken, so its pixels do not stay in memory. */
    void dropPreview() {
        if (preview != null) {
            preview.close();
            preview = null;
        }
    }

    boolean running() {
        return !QUEUED.equals(state) && !finished();
    }
}
