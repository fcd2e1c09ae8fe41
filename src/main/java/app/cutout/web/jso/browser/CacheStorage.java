package app.cutout.web.jso.browser;

import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.core.JSBoolean;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.core.JSUndefined;

/** The Cache API ({@code caches}, {@code Cache}). */
public interface CacheStorage extends JSObject {
    JSPromise<Cache> open(String name);

    JSPromise<JSBoolean> delete(String name);

    JSPromise<JSBoolean> has(String name);

    interface Cache extends JSObject {
        /** Resolves to undefined when nothing is stored under the URL. */
        JSPromise<Response> match(String url);

        JSPromise<JSUndefined> put(String url, Response response);

        JSPromise<JSBoolean> delete(String url);

        /** The stored requests, in insertion order. */
        JSPromise<JSArray<CachedRequest>> keys();
    }
}
