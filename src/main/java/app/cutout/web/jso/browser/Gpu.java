package app.cutout.web.jso.browser;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSObjects;
import org.teavm.jso.core.JSPromise;

/** {@code navigator.gpu}. */
public interface Gpu extends JSObject {
    /** Resolves to null when no adapter can be had. */
    JSPromise<GpuAdapter> requestAdapter(AdapterOptions options);

    interface AdapterOptions extends JSObject {
        @JSProperty
        void setPowerPreference(String preference);

        static AdapterOptions highPerformance() {
            AdapterOptions options = JSObjects.create();
            options.setPowerPreference("high-performance");
            return options;
        }
    }
}
