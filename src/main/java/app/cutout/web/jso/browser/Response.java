package app.cutout.web.jso.browser;

import org.teavm.jso.JSClass;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.file.Blob;
import org.teavm.jso.typedarrays.ArrayBuffer;

/** Fetch API {@code Response}. */
@JSClass
public class Response implements JSObject {
    public Response(Blob body) {
    }

    @JSProperty
    public native boolean isOk();

    @JSProperty
    public native int getStatus();

    @JSProperty
    public native ByteStream getBody();

    @JSProperty
    public native Headers getHeaders();

    public native JSPromise<ArrayBuffer> arrayBuffer();

    /** The body as a Blob; for a Cache API entry the browser can hand it out without reading all bytes. */
    public native JSPromise<Blob> blob();

    public interface Headers extends JSObject {
        String get(String name);
    }
}
