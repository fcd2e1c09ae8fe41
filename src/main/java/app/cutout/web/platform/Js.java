package app.cutout.web.platform;

import org.teavm.jso.core.JSObjects;

/** Small checks on values that come from JavaScript. */
public final class Js {
    private Js() {
    }

    /** True for Java null and JS undefined/null, which JSO may hand over as either. */
    public static boolean isMissing(Object value) {
        return value == null || JSObjects.isUndefined(value);
    }
}
