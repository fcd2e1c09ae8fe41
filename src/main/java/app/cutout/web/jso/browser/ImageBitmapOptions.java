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

    /** Whether a file of this MIME type is a JPEG: decoded on the browser's default path, and opaque. */
    static boolean isJpeg(String mimeType) {
        return "image/jpeg".equals(mimeType);
    }

    /**
     * How a photo is decoded, on the page and in the worker alike so that both see the same colours: as
     * {@link #exact()}, except for JPEG. A JPEG has no alpha, so premultiplying changes nothing, and its only colour
     * conversion is from an embedded ICC profile to sRGB, which is what a viewer shows (the PNG written has no
     * profile). Either option turned off costs Chromium 156 about 110–150 ms more on a 12 MP JPEG (220 ms instead of
     * 340 ms on the 2-core machine): its default path is faster. Decided by MIME type, which page and worker read
     * from the same {@code File}.
     *
     * @param downscaled decode straight to {@code width × height} (sizes after EXIF orientation), so a photo too large
     *     for full resolution is never held at full size by the page or the worker, only briefly by the decoder
     */
    static ImageBitmapOptions photo(String mimeType, boolean downscaled, int width, int height) {
        ImageBitmapOptions options;
        if (isJpeg(mimeType)) {
            options = JSObjects.create();
            options.setImageOrientation("from-image");
        } else {
            options = exact();
        }
        if (downscaled) {
            options.setResizeWidth(width);
            options.setResizeHeight(height);
            options.setResizeQuality("high");
        }
        return options;
    }
}
