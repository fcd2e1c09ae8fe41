package app.cutout.web.jso.ort;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.typedarrays.ArrayBuffer;

/** {@code ort.env.wasm}. */
public interface OrtWasmEnv extends JSObject {
    @JSProperty
    void setNumThreads(int threads);

    @JSProperty
    int getNumThreads();

    /** Directory URL the runtime's own .mjs/.wasm files are loaded from; must end with a slash. */
    @JSProperty
    void setWasmPaths(String prefix);

    @JSProperty
    void setProxy(boolean proxy);

    /** The runtime's WebAssembly itself, instead of its file under {@link #setWasmPaths} (the .mjs still comes from there). */
    @JSProperty
    void setWasmBinary(ArrayBuffer binary);
}
