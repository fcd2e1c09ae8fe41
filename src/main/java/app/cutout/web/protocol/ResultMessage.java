package app.cutout.web.protocol;

import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.core.JSString;
import org.teavm.jso.file.Blob;

/** The finished cutout's PNG, every stage timing and how likely its mask is wrong. */
public interface ResultMessage extends Addressed {
    @JSProperty
    Blob getPng();

    @JSProperty
    void setPng(Blob png);

    /**
     * The model's mask before refinement, {@code ModelSpec.SIZE}² bytes (0..255; at the photo's aspect-ratio input
     * size under {@code ?ort=input:aspect}) stretched over the photo, for the Keep/Remove solver; null when the cutout
     * is the raw mask (strength 0).
     */
    @JSProperty
    Blob getModelMask();

    @JSProperty
    void setModelMask(Blob mask);

    @JSProperty
    int getWidth();

    @JSProperty
    void setWidth(int width);

    @JSProperty
    int getHeight();

    @JSProperty
    void setHeight(int height);

    @JSProperty
    String getTimings();

    @JSProperty
    void setTimings(String timings);

    /** The photo's own size when the cutout was made from a smaller copy, else 0. */
    @JSProperty
    int getSourceWidth();

    @JSProperty
    void setSourceWidth(int width);

    @JSProperty
    int getSourceHeight();

    @JSProperty
    void setSourceHeight(int height);

    /** The file is an animation; its first frame was used. */
    @JSProperty
    boolean isAnimated();

    @JSProperty
    void setAnimated(boolean animated);

    /** {@code core.edit.Confidence}'s score of the alpha: higher means more likely wrong. */
    @JSProperty
    double getConfidence();

    @JSProperty
    void setConfidence(double score);

    /** Why the result needs a look ({@code Confidence.Report.reasons} codes); empty when it does not. */
    @JSProperty
    JSArray<JSString> getCheckReasons();

    @JSProperty
    void setCheckReasons(JSArray<JSString> codes);
}
