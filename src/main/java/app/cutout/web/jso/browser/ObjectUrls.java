package app.cutout.web.jso.browser;

import org.teavm.jso.JSClass;
import org.teavm.jso.JSObject;
import org.teavm.jso.file.Blob;

/** {@code URL.createObjectURL} / {@code revokeObjectURL}. */
@JSClass(name = "URL")
public class ObjectUrls implements JSObject {
    protected ObjectUrls() {
    }

    public static native String createObjectURL(Blob blob);

    public static native void revokeObjectURL(String url);
}
