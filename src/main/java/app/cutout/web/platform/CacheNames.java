package app.cutout.web.platform;

/** Names of the Cache API caches that the page, the worker and the service worker share. */
public final class CacheNames {
    /**
     * The models' cache: the worker's {@code ModelStore} fills it (only with weights whose sha256 matched), the
     * page's storage panel lists and deletes it, and {@code sw.js} answers model requests from it. The one place the
     * name is written: {@code build/precache.mjs} reads this line and stamps the value into {@code sw.js} at build
     * time. A new name drops every stored model.
     */
    public static final String MODELS = "cutout-models-v1";

    private CacheNames() {
    }
}
