package app.cutout.web.protocol;

import app.cutout.web.jso.browser.ImageBitmap;
import org.teavm.jso.JSProperty;

/** The finished cutout as a bitmap (transferred), as soon as its pixels are final; its PNG follows. */
public interface PreviewMessage extends Addressed {
    @JSProperty
    ImageBitmap getBitmap();

    @JSProperty
    void setBitmap(ImageBitmap bitmap);

    @JSProperty
    int getWidth();

    @JSProperty
    void setWidth(int width);

    @JSProperty
    int getHeight();

    @JSProperty
    void setHeight(int height);

    /** Stage timings so far, a flat JSON object ({@code core.pipeline.StageTimings}). */
    @JSProperty
    String getTimings();

    @JSProperty
    void setTimings(String timings);
}
