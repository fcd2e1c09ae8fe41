package app.cutout.web.jso.browser;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;

/** A Fetch API {@code Request} as {@code Cache.keys()} lists it; only its URL is read. */
public interface CachedRequest extends JSObject {
    @JSProperty
    String getUrl();
}
