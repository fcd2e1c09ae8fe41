package app.cutout.web.jso.ort;

import org.teavm.jso.JSModule;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.JSTopLevel;

/** The module's top-level exports. */
public abstract class Ort implements JSObject {
    static final String MODULE = "../ort/ort.webgpu.min.mjs";

    private Ort() {
    }

    @JSTopLevel
    @JSProperty
    @JSModule(MODULE)
    public static native OrtEnv getEnv();
}
