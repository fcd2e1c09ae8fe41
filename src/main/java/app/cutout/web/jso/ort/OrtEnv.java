package app.cutout.web.jso.ort;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;

/** {@code ort.env}: global settings read when the first session is created. */
public interface OrtEnv extends JSObject {
    @JSProperty
    OrtWasmEnv getWasm();

    @JSProperty
    void setLogLevel(String level);

    @JSProperty
    JSObject getVersions();

    @JSProperty
    OrtWebGpuEnv getWebgpu();
}
