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

    /** EXIF orientation applied, colours and transparent pixels' RGB left as the file has them. */
    static ImageBitmapOptions exact() {
        ImageBitmapOptions options = JSObjects.create();
        options.setImageOrientation("from-image");
        options.setPremultiplyAlpha("none");
        options.setColorSpaceConversion("none");
        return options;
    }
}
