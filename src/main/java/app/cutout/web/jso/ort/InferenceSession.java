package app.cutout.web.jso.ort;

import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.core.JSMapLike;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.core.JSString;
import org.teavm.jso.core.JSUndefined;

/** An {@code ort.InferenceSession}, made by {@link OrtBundle#createSession} of one of the runtime's bundles. */
public interface InferenceSession extends JSObject {
    /**
     * @param feeds input name to {@link Tensor}
     * @param fetches names of the outputs to compute; outputs not named are never computed
     */
    JSPromise<JSMapLike<Tensor>> run(JSMapLike<Tensor> feeds, JSArray<JSString> fetches);

    JSPromise<JSUndefined> release();
}
