package app.cutout.web.jso.browser;

import org.teavm.jso.JSClass;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;

@JSClass
public class ImageBitmap implements JSObject {
    protected ImageBitmap() {
    }

    @JSProperty
    public native int getWidth();

    @JSProperty
    public native int getHeight();

    public native void close();
}
