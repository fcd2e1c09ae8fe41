package app.cutout.web.protocol;

import org.teavm.jso.JSProperty;
import org.teavm.jso.file.Blob;

/**
 * Page to a strokes worker: the photo whose Keep/Remove strokes it will solve ({@code id} is the queue's), at full
 * resolution or as a screen-sized copy. The worker decodes the photo and the cutout PNG itself (the model's alpha is
 * the solve's prior; the cutout's colours draw the preview), so no pixels cross from the page.
 */
public interface StrokesOpen extends Addressed {
    @JSProperty
    Blob getFile();

    @JSProperty
    void setFile(Blob file);

    @JSProperty
    String getName();

    @JSProperty
    void setName(String name);

    /** The worker's cutout PNG: refined colours, model alpha. */
    @JSProperty
    Blob getPng();

    @JSProperty
    void setPng(Blob png);

    /** The model's mask before refinement ({@code ResultMessage.getModelMask}), or null. */
    @JSProperty
    Blob getModelMask();

    @JSProperty
    void setModelMask(Blob mask);

    /** The size the cutout was made at. */
    @JSProperty
    int getWidth();

    @JSProperty
    void setWidth(int width);

    @JSProperty
    int getHeight();

    @JSProperty
    void setHeight(int height);

    /** Solve on a copy of at most this many pixels and answer with a bitmap to show; 0 for full resolution. */
    @JSProperty
    int getPreviewPixels();

    @JSProperty
    void setPreviewPixels(int pixels);
}
