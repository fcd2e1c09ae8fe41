package app.cutout.web.jso.browser;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.typedarrays.Uint8Array;

/** A {@code ReadableStream} of bytes, as {@code Response.body} gives. */
public interface ByteStream extends JSObject {
    Reader getReader();

    interface Reader extends JSObject {
        JSPromise<Chunk> read();

        void releaseLock();
    }

    interface Chunk extends JSObject {
        @JSProperty
        boolean isDone();

        @JSProperty
        Uint8Array getValue();
    }
}
