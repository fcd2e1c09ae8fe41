package app.cutout.web.jso.browser;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSPromise;

/** {@code GPUDevice}: only its loss is watched. */
public interface GpuDevice extends JSObject {
    /** Settles, with a {@link LostInfo}, when the device is lost: driver reset, GPU removed, or destroyed. */
    @JSProperty
    JSPromise<LostInfo> getLost();

    interface LostInfo extends JSObject {
        /** "destroyed" or "unknown". */
        @JSProperty
        String getReason();

        @JSProperty
        String getMessage();
    }
}
