package app.cutout.web.jso.ort;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.core.JSNumber;
import org.teavm.jso.typedarrays.Float32Array;

/**
 * An {@code ort.Tensor}. Made by {@link OrtBundle#tensor} of the bundle whose session it is fed to (each bundle has
 * its own classes), or returned by a session's run.
 */
public interface Tensor extends JSObject {
    @JSProperty
    String getType();

    @JSProperty
    JSArray<JSNumber> getDims();

    /** The tensor's data on the CPU; a Float32Array for float32 tensors. */
    @JSProperty("data")
    Float32Array getFloatData();

    /** Frees the tensor's memory (GPU buffers included) now rather than at garbage collection. */
    void dispose();
}
