package app.cutout.web.jso.browser;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSObjects;

public interface ImageBitmapOptions extends JSObject {
    @JSProperty
    void setImageOrientation(String orientation);

    @JSProperty
    void setPremultiplyAlpha(String premultiply);

    @JSProperty
    void setColorSpaceConversion(String conversion);

    @JSProperty
    void setResizeWidth(int width);

    @JSProperty
    void setResizeHeight(int height);

    @JSProperty
    void setResizeQuality(String quality);

    /** EXIF orientation applied, colours and transparent pixels' RGB left as the file has them. */
    static ImageBitmapOptions exact() {
        ImageBitmapOptions options = JSObjects.create();
        options.setImageOrientation("from-image");
        options.setPremultiplyAlpha("none");
        options.setColorSpaceConversion("none");
        return options;
    }

    /**
     * As {@link #exact()}, scaled while decoding to {@code width × height} (sizes after EXIF orientation), so a
     * photo too large for full resolution is never held at full size by the page or the worker, only briefly by the
     * browser's decoder.
     */
    static ImageBitmapOptions exactAt(int width, int height) {
        ImageBitmapOptions options = exact();
        options.setResizeWidth(width);
        options.setResizeHeight(height);
        options.setResizeQuality("high");
        return options;
    }
}
