package app.cutout.web.protocol;

import org.teavm.jso.JSProperty;

/**
 * A photo is decoded at {@code width × height}, a smaller copy of {@code sourceWidth × sourceHeight} when those are
 * not 0; its cutout follows. The page starts decoding the photo for display meanwhile.
 */
public interface DecodedMessage extends Addressed {
    @JSProperty
    int getWidth();

    @JSProperty
    void setWidth(int width);

    @JSProperty
    int getHeight();

    @JSProperty
    void setHeight(int height);

    @JSProperty
    int getSourceWidth();

    @JSProperty
    void setSourceWidth(int width);

    @JSProperty
    int getSourceHeight();

    @JSProperty
    void setSourceHeight(int height);
}
