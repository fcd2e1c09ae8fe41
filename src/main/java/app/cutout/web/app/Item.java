package app.cutout.web.app;

import app.cutout.core.edit.Confidence;
import app.cutout.core.edit.StrokeEdits;
import app.cutout.core.edit.UndoStack;
import app.cutout.web.jso.browser.ImageBitmap;
import org.teavm.jso.file.Blob;
import org.teavm.jso.file.File;

/** One photo in the queue, from waiting to done or failed, and its edits. */
final class Item {
    final int id;
    final File file;
    final String name;
    ItemState state = ItemState.QUEUED;
    /** The files chosen, dropped or pasted together share a batch; a photo tried again is a batch of its own. */
    int batch;
    /** Why it failed: a {@code Refusal} or {@code Problem} code ({@code error.CODE} in Texts) and its values. */
    String errorCode = "";
    Object[] errorArgs;
    /** The file itself was refused: trying it again as it is would only repeat that. */
    boolean refused;
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
    /** {@link Confidence}'s score of the cutout (higher: more likely wrong); NaN until it is done. */
    double confidence = Double.NaN;
    /** Why it needs a look: reason codes ({@code check.CODE} in Texts), empty when it does not. */
    String[] checkReasons = new String[0];
    /**
     * The finished cutout, sent by the worker before its PNG; taken (and closed) by the editor, or closed when the
     * PNG arrives. Null otherwise.
     */
    ImageBitmap preview;
    /** The worker's cutout PNG (transparent background, model alpha) and its object URL. */
    Blob cutoutPng;
    String cutoutUrl;
    /** The model's mask before refinement (1 MB, see {@code ResultMessage.getModelMask}), for the strokes; or null. */
    Blob modelMask;
    /** Object URL of the original file, for thumbnails and comparison. */
    String originalUrl;
    /** The edited alpha, full resolution; null until the editor first opens the item. */
    byte[] alpha;
    /** The model's alpha, for the restore brush's reference and for "reset". */
    byte[] modelAlpha;
    UndoStack undo;
    /** Keep/Remove strokes: every solve sees all of them. */
    final StrokeEdits strokes = new StrokeEdits();
    boolean edited;

    Item(int id, int batch, File file) {
        this.id = id;
        this.batch = batch;
        this.file = file;
        this.name = file.getName() == null || file.getName().isEmpty() ? "image" : file.getName();
    }

    boolean finished() {
        return state.finished();
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
        return state == ItemState.ERROR && (fitWidth > 0 || !refused);
    }

    /** The cutout can be shown and edited: finished, or finished but for its PNG. */
    boolean viewable() {
        return state == ItemState.DONE || (state == ItemState.SAVING && (preview != null || alpha != null));
    }

    /** Gives up the preview bitmap, if it was not taken, so its pixels do not stay in memory. */
    void dropPreview() {
        if (preview != null) {
            preview.close();
            preview = null;
        }
    }

    /** Flagged "Check this one": done, and scored at or above {@link Confidence#CHECK}. */
    boolean needsCheck() {
        return state == ItemState.DONE && confidence >= Confidence.CHECK;
    }

    boolean running() {
        return state != ItemState.QUEUED && !finished();
    }
}
