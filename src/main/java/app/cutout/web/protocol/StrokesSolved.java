package app.cutout.web.protocol;

import app.cutout.web.jso.browser.ImageBitmap;
import org.teavm.jso.JSProperty;
import org.teavm.jso.typedarrays.ArrayBuffer;

/**
 * A strokes worker's answer to {@link StrokesSolve}: the rectangle of the photo (full-resolution pixels) where the
 * alpha changed, empty ({@code width 0}) when nothing did, and its new contents: from the preview worker a bitmap of
 * the cutout there at the copy's size; from the full-resolution worker the rectangle's alpha bytes, row by row.
 */
public interface StrokesSolved extends Addressed {
    @JSProperty
    int getSeq();

    @JSProperty
    void setSeq(int seq);

    @JSProperty
    int getX();

    @JSProperty
    void setX(int x);

    @JSProperty
    int getY();

    @JSProperty
    void setY(int y);

    @JSProperty
    int getWidth();

    @JSProperty
    void setWidth(int width);

    @JSProperty
    int getHeight();

    @JSProperty
    void setHeight(int height);

    /** Preview answers: the cutout over the changed rectangle, at the copy's size. */
    @JSProperty
    ImageBitmap getBitmap();

    @JSProperty
    void setBitmap(ImageBitmap bitmap);

    /** Full-resolution answers: the changed rectangle's alpha. */
    @JSProperty
    ArrayBuffer getAlpha();

    @JSProperty
    void setAlpha(ArrayBuffer alpha);

    /** How long the worker took to solve, in milliseconds. */
    @JSProperty
    double getSolveMs();

    @JSProperty
    void setSolveMs(double ms);

    /**
     * When the request reached the worker, when the worker began on it and when it posted this answer, on the shared
     * clock ({@code Global.clock()}): with the page's own times they split the preview's latency into its parts.
     */
    @JSProperty
    double getArrivedAt();

    @JSProperty
    void setArrivedAt(double at);

    @JSProperty
    double getStartedAt();

    @JSProperty
    void setStartedAt(double at);

    @JSProperty
    double getPostedAt();

    @JSProperty
    void setPostedAt(double at);
}
