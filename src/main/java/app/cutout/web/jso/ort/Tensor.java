package app.cutout.web.jso.ort;

import org.teavm.jso.JSClass;
import org.teavm.jso.JSModule;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.core.JSNumber;
import org.teavm.jso.typedarrays.Float32Array;

/** {@code ort.Tensor}, CPU-located. */
@JSClass
@JSModule(Ort.MODULE)
public class Tensor implements JSObject {
    public Tensor(String type, Float32Array data, JSArray<JSNumber> dims) {
    }

    @JSProperty
    public native String getType();

    @JSProperty
    public native JSArray<JSNumber> getDims();

    /** The tensor's data on the CPU; a Float32Array for float32 tensors. */
    @JSProperty("data")
    public native Float32Array getFloatData();

    /** Frees the tensor's memory (GPU buffers included) now rather than at garbage collection. */
    public native void dispose();
}
