package app.cutout.web.jso.browser;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSClass;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSBoolean;
import org.teavm.jso.core.JSPromise;

/** {@code navigator.storage}: how much this origin stores and may store. */
@JSClass
public class StorageManager implements JSObject {
    protected StorageManager() {
    }

    /** {@code navigator.storage}, or null where the browser has none (insecure contexts, old browsers). */
    @JSBody(script = "return navigator.storage && navigator.storage.estimate ? navigator.storage : null;")
    public static native StorageManager current();

    public native JSPromise<Estimate> estimate();

    /** Whether the browser keeps this origin's data until the user clears it, rather than evicting it. */
    public native JSPromise<JSBoolean> persisted();

    /** Bytes used by and available to this origin; browsers round or pad both. */
    public interface Estimate extends JSObject {
        @JSProperty
        double getUsage();

        @JSProperty
        double getQuota();
    }
}
