package app.cutout.web.jso.browser;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.typedarrays.ArrayBuffer;
import org.teavm.jso.typedarrays.ArrayBufferView;

/** {@code crypto}, for {@code crypto.subtle.digest}. */
public interface CryptoSubtle extends JSObject {
    @JSProperty
    Subtle getSubtle();

    interface Subtle extends JSObject {
        JSPromise<ArrayBuffer> digest(String algorithm, ArrayBufferView data);
    }
}
