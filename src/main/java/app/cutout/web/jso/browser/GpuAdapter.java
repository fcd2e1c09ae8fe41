package app.cutout.web.jso.browser;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;

/** {@code GPUAdapter}: only what choosing a model needs. */
public interface GpuAdapter extends JSObject {
    @JSProperty
    Features getFeatures();

    @JSProperty
    Info getInfo();

    interface Features extends JSObject {
        boolean has(String feature);
    }

    interface Info extends JSObject {
        @JSProperty
        String getVendor();

        @JSProperty
        String getArchitecture();

        @JSProperty
        String getDescription();
    }
}
