package app.cutout.web.jso.ort;

import org.teavm.jso.JSClass;
import org.teavm.jso.JSModule;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.core.JSMapLike;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.core.JSString;
import org.teavm.jso.core.JSUndefined;
import org.teavm.jso.typedarrays.Uint8Array;

/** {@code ort.InferenceSession}. */
@JSClass
@JSModule(Ort.MODULE)
public class InferenceSession implements JSObject {
    protected InferenceSession() {
    }

    public static native JSPromise<InferenceSession> create(Uint8Array model, SessionOptions options);

    /**
     * @param feeds input name to {@link Tensor}
     * @param fetches names of the outputs to compute; outputs not named are never computed
     */
    public native JSPromise<JSMapLike<Tensor>> run(JSMapLike<Tensor> feeds, JSArray<JSString> fetches);

    public native JSPromise<JSUndefined> release();
}
