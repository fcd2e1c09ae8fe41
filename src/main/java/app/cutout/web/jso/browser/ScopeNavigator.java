package app.cutout.web.jso.browser;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;

/** {@code navigator} in a window or worker. */
public interface ScopeNavigator extends JSObject {
    /** {@code navigator.gpu}, or null where WebGPU is not exposed. */
    @JSProperty
    Gpu getGpu();

    @JSProperty
    int getHardwareConcurrency();

    @JSProperty
    String getLanguage();

    @JSProperty
    String getUserAgent();
}
