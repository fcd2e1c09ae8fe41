package app.cutout.web.protocol;

import org.teavm.jso.JSProperty;
import org.teavm.jso.typedarrays.ArrayBuffer;
import org.teavm.jso.typedarrays.Float32Array;

/**
 * Page to a strokes worker: solve the open photo's alpha for every Keep/Remove stroke so far
 * ({@code core.edit.StrokeEdits#request} form, photo pixels) from the alpha being edited, at the worker's size (the
 * preview worker's screen-sized copy, or full resolution), transferred.
 */
public interface StrokesSolve extends Addressed {
    /** The request's sequence number ({@code StrokeEdits}); answers carry it back. */
    @JSProperty
    int getSeq();

    @JSProperty
    void setSeq(int seq);

    @JSProperty
    Float32Array getStrokes();

    @JSProperty
    void setStrokes(Float32Array strokes);

    @JSProperty
    ArrayBuffer getAlpha();

    @JSProperty
    void setAlpha(ArrayBuffer alpha);
}
