package app.cutout.web.app;

import app.cutout.core.model.ModelSpec;
import app.cutout.web.jso.browser.CacheStorage;
import app.cutout.web.jso.browser.CachedRequest;
import app.cutout.web.jso.browser.Global;
import app.cutout.web.jso.browser.Response;
import app.cutout.web.platform.CacheNames;
import app.cutout.web.platform.Js;
import app.cutout.web.platform.Promises;
import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.file.Blob;

/**
 * The page's read-and-delete view of the model cache that the worker's ModelStore fills (only with weights whose
 * sha256 matched). Blocking calls: use from {@code JSPromise.runAsync}.
 */
final class ModelCache {
    record Entry(ModelSpec spec, double bytes) {
    }

    private ModelCache() {
    }

    /** False where the browser offers no Cache API (insecure context, some private modes). */
    static boolean available() {
        return Global.hasCaches();
    }

    /** The models stored for this site, with their stored sizes; empty when none or when storage is unavailable. */
    static List<Entry> list() {
        List<Entry> entries = new ArrayList<>();
        if (!available()) {
            return entries;
        }
        CacheStorage caches = Global.getCaches();
        // has() first: open() would create an empty cache just by looking.
        if (!Promises.await(caches.has(CacheNames.MODELS), "Looking for stored models").booleanValue()) {
            return entries;
        }
        CacheStorage.Cache cache = Promises.await(caches.open(CacheNames.MODELS), "Opening the model cache");
        JSArray<CachedRequest> keys = Promises.await(cache.keys(), "Listing stored models");
        for (int i = 0; i < keys.getLength(); i++) {
            String url = keys.get(i).getUrl();
            ModelSpec spec = specFor(url);
            if (spec == null) {
                continue;
            }
            Response response = Promises.await(cache.match(url), "Reading a stored model");
            if (Js.isMissing(response)) {
                continue;
            }
            Blob body = Promises.await(response.blob(), "Reading a stored model's size");
            entries.add(new Entry(spec, body.getSize()));
        }
        return entries;
    }

    /** Deletes this site's stored models; the next run downloads its model again. */
    static void deleteAll() {
        if (!available()) {
            return;
        }
        CacheStorage caches = Global.getCaches();
        if (!Promises.await(caches.has(CacheNames.MODELS), "Looking for stored models").booleanValue()) {
            return;
        }
        CacheStorage.Cache cache = Promises.await(caches.open(CacheNames.MODELS), "Opening the model cache");
        JSArray<CachedRequest> keys = Promises.await(cache.keys(), "Listing stored models");
        for (int i = 0; i < keys.getLength(); i++) {
            String url = keys.get(i).getUrl();
            if (specFor(url) != null) {
                Promises.await(cache.delete(url), "Deleting a stored model");
            }
        }
    }

    /** The model stored under {@code url} for this copy of the site (one origin may host several, by path). */
    private static ModelSpec specFor(String url) {
        String base = Global.baseUrl();
        for (ModelSpec spec : ModelSpec.values()) {
            if (url.equals(base + spec.path)) {
                return spec;
            }
        }
        return null;
    }

    /** "44.3 MB", "1.2 GB". */
    static String size(double bytes) {
        if (bytes >= 1e9) {
            return oneDecimal(bytes / 1e9) + " GB";
        }
        return oneDecimal(bytes / 1e6) + " MB";
    }

    private static String oneDecimal(double value) {
        long tenths = Math.round(value * 10);
        return (tenths / 10) + "." + (tenths % 10);
    }
}
