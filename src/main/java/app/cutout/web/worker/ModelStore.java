package app.cutout.web.worker;

import app.cutout.core.files.Sha256;
import app.cutout.core.model.ModelSpec;
import app.cutout.core.pipeline.ModelSource;
import app.cutout.core.pipeline.Notice;
import app.cutout.core.pipeline.Problem;
import app.cutout.core.pipeline.ProgressListener;
import app.cutout.core.pipeline.Stage;
import app.cutout.core.text.Hex;
import app.cutout.web.jso.browser.CacheStorage;
import app.cutout.web.jso.browser.CryptoSubtle;
import app.cutout.web.jso.browser.Global;
import app.cutout.web.jso.browser.Response;
import app.cutout.web.platform.ArrayTransfer;
import app.cutout.web.platform.CacheNames;
import app.cutout.web.platform.Channel;
import app.cutout.web.platform.Js;
import app.cutout.web.platform.JsException;
import app.cutout.web.platform.Promises;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.core.JSObjects;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.core.JSString;
import org.teavm.jso.core.JSUndefined;
import org.teavm.jso.file.Blob;
import org.teavm.jso.typedarrays.ArrayBuffer;
import org.teavm.jso.typedarrays.Int8Array;
import org.teavm.jso.typedarrays.Uint8Array;

/**
 * Gets model weights: from the Cache API when a verified copy is there, else from the site with byte progress, in the
 * parts the site serves ({@link ModelSpec#partPath}). Bytes are run only after the whole file's SHA-256 matches
 * {@link ModelSpec#sha256}; a cached copy that fails is discarded. The whole file is cached under its own URL.
 */
final class ModelStore implements ModelSource<Uint8Array> {
    /** Bytes copied into Java at a time where the model is hashed in Java ({@link #sha256}). */
    private static final int HASH_CHUNK = 1 << 20;

    private final String baseUrl;
    /** Set when the last load could not store its copy, for the UI to mention. */
    private Notice storageNotice;
    /**
     * The Cache API's write of the last downloaded copy while it is under way: it is settled by
     * {@link #storageNotice}, which the pipeline asks after the session has started, so that writing 44–88 MB to
     * disk overlaps the session's start instead of coming before it.
     */
    private PendingStore pendingStore;
    /**
     * Set when a download failed its SHA-256: the browser's HTTP cache may now hold those bytes (and would hand them
     * out again, even after revalidation), so the next download asks the server afresh.
     */
    private boolean bypassHttpCache;
    /** The model being got ahead of its {@link #load}, or null. */
    private Prefetch prefetch;
    /** A download that stopped, with what it had got, for the next download of that file; or null. */
    private PartedDownload partial;

    ModelStore(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    @Override
    public Notice storageNotice() {
        settleStore();
        return storageNotice;
    }

    /** Waits for the copy being stored, if any, and words its outcome into {@link #storageNotice}. */
    private void settleStore() {
        PendingStore p = pendingStore;
        if (p == null) {
            return;
        }
        pendingStore = null;
        String error = p.outcome.await().stringValue();
        if (error.isEmpty()) {
            return;
        }
        String code = error.substring(0, error.indexOf(':'));
        String detail = error.substring(error.indexOf(':') + 1);
        storageNotice = "quota".equals(code) ? new Notice(Notice.STORAGE_QUOTA, p.spec.id, Math.round(p.spec.bytes / 1e6))
                : new Notice(Notice.STORAGE_FAILED, detail);
    }

    /** A copy being written to the Cache API: its outcome is "" when stored, else "quota:DETAIL" or "error:DETAIL". */
    private static final class PendingStore {
        final ModelSpec spec;
        final JSPromise<JSString> outcome;

        PendingStore(ModelSpec spec, JSPromise<JSString> outcome) {
            this.spec = spec;
            this.outcome = outcome;
        }
    }

    @Override
    public void prefetch(ModelSpec spec) {
        // One at a time. One that failed for an earlier photo (whose run ended before its load) is not this photo's
        // failure: it is tried afresh.
        if (prefetch != null && (prefetch.running || prefetch.failure == null)) {
            return;
        }
        Prefetch p = new Prefetch(spec);
        prefetch = p;
        p.done = JSPromise.runAsync(() -> {
            try {
                p.bytes = fetch(spec, p);
            } catch (RuntimeException e) {
                p.failure = e;
            } finally {
                p.running = false;
            }
        });
    }

    @Override
    public boolean fetching(ModelSpec spec) {
        return prefetch != null && prefetch.spec == spec && prefetch.running;
    }

    @Override
    public Uint8Array load(ModelSpec spec, ProgressListener progress) {
        Prefetch p = prefetch;
        if (p == null || p.spec != spec) {
            return fetch(spec, progress);
        }
        p.attach(progress);
        Promises.await(p.done, "Downloading the model");
        prefetch = null;
        if (p.failure != null) {
            throw p.failure;
        }
        return p.bytes;
    }

    /**
     * A model being got in a coroutine of its own while the worker does other work; its progress is held until a
     * {@link #load} attaches, so the page sees it under the photo's model stage, as without a prefetch.
     */
    private static final class Prefetch implements ProgressListener {
        final ModelSpec spec;
        boolean running = true;
        JSPromise<JSUndefined> done;
        Uint8Array bytes;
        RuntimeException failure;
        private ProgressListener target;
        private Stage lastStage;
        private double lastDone;
        private double lastTotal;

        Prefetch(ModelSpec spec) {
            this.spec = spec;
        }

        @Override
        public void progress(Stage stage, double done, double total) {
            if (target != null) {
                target.progress(stage, done, total);
            } else {
                lastStage = stage;
                lastDone = done;
                lastTotal = total;
            }
        }

        void attach(ProgressListener listener) {
            target = listener;
            if (lastStage != null) {
                listener.progress(lastStage, lastDone, lastTotal);
            }
        }
    }

    private Uint8Array fetch(ModelSpec spec, ProgressListener progress) {
        String url = baseUrl + spec.path;
        // A write still under way goes on by itself (the page hears its outcome); only this load's notice counts now.
        pendingStore = null;
        storageNotice = null;
        CacheStorage.Cache cache = openCache();
        if (cache != null) {
            Uint8Array cached = readCached(cache, url, spec);
            if (cached != null) {
                progress.progress(Stage.LOADING_MODEL, spec.bytes, spec.bytes);
                return cached;
            }
        }
        Uint8Array bytes = download(spec, progress, bypassHttpCache, cache != null);
        String actual = sha256(bytes);
        bypassHttpCache = !actual.equals(spec.sha256);
        if (bypassHttpCache) {
            throw new Problem(Problem.MODEL_CORRUPT, spec.id, actual, spec.sha256);
        }
        if (cache == null) {
            storageNotice = new Notice(Notice.STORAGE_NONE);
        } else {
            pendingStore = new PendingStore(spec, store(cache, url, bytes, spec));
        }
        return bytes;
    }

    /** A copy is in the cache (its SHA-256 is checked when it is loaded). */
    @Override
    public boolean stored(ModelSpec spec) {
        CacheStorage.Cache cache = openCache();
        if (cache == null) {
            return false;
        }
        Response response = Promises.await(cache.match(baseUrl + spec.path), "Reading the model cache");
        return !JSObjects.isUndefined(response) && response != null;
    }

    private CacheStorage.Cache openCache() {
        if (!Global.hasCaches()) {
            return null;
        }
        try {
            return Promises.await(Global.getCaches().open(CacheNames.MODELS), "Opening the model cache");
        } catch (JsException e) {
            // Private modes may refuse storage; the model still works, it is just downloaded again next visit.
            return null;
        }
    }

    private Uint8Array readCached(CacheStorage.Cache cache, String url, ModelSpec spec) {
        Response response = Promises.await(cache.match(url), "Reading the model cache");
        if (JSObjects.isUndefined(response) || response == null) {
            return null;
        }
        ArrayBuffer buffer = Promises.await(response.arrayBuffer(), "Reading the cached model");
        Uint8Array bytes = new Uint8Array(buffer);
        if (bytes.getLength() == spec.bytes && sha256(bytes).equals(spec.sha256)) {
            return bytes;
        }
        Promises.await(cache.delete(url), "Removing a damaged cached model");
        Channel.post(Channel.MODELS_CHANGED);
        return null;
    }

    /**
     * Starts storing verified bytes (only these ever reach the cache). The page hears how it went as soon as it is
     * settled, whatever the photo's run does meanwhile; the promise says it too, and never rejects.
     */
    private static JSPromise<JSString> store(CacheStorage.Cache cache, String url, Uint8Array bytes, ModelSpec spec) {
        JSArray<JSObject> parts = new JSArray<>();
        parts.push(bytes);
        return cache.put(url, new Response(new Blob(parts))).then(ok -> {
            Channel.post(Channel.MODELS_CHANGED);
            return JSString.valueOf("");
        }, e -> {
            // The notice depends on the error's name, not only its text; the page words it in its own language
            // from the code and the detail.
            String code = isQuotaError(e) ? "quota" : "error";
            String detail = Global.describe(e);
            Channel.post(Channel.MODEL_NOT_STORED, code, spec.id, detail);
            return JSString.valueOf(code + ":" + detail);
        });
    }

    @JSBody(params = "e", script = "return !!e && (e.name === 'QuotaExceededError' || e.code === 22"
            + " || /quota/i.test(String(e.message || e)));")
    private static native boolean isQuotaError(Object e);

    /**
     * Downloads the model's parts ({@link ModelSpec#partPath}) into one array ({@link PartedDownload}). A download
     * that stops keeps what it got for the next one of the same file, which goes on from where it broke off. Where
     * the whole file will be kept in the Cache API, the parts skip the browser's HTTP cache, which would hold a second
     * copy of 44–88 MB on disk (and, with it, no longer resumes a broken part: that is done here).
     */
    private Uint8Array download(ModelSpec spec, ProgressListener progress, boolean fresh, boolean stored) {
        PartedDownload download = partial;
        partial = null;
        String url = baseUrl + spec.path;
        if (fresh || download == null || !download.url.equals(url)) {
            download = new PartedDownload(url, spec.bytes);
        }
        PartedDownload.HttpCache httpCache = fresh ? PartedDownload.HttpCache.RELOAD
                : stored ? PartedDownload.HttpCache.NO_STORE : PartedDownload.HttpCache.DEFAULT;
        try {
            return download.run(httpCache, "Downloading the model",
                    (done, total) -> progress.progress(Stage.LOADING_MODEL, done, total));
        } catch (PartedDownload.Failure e) {
            partial = download;
            throw problem(spec, e);
        }
    }

    private static Problem problem(ModelSpec spec, PartedDownload.Failure e) {
        switch (e.kind) {
            case UNREACHABLE:
                return new Problem(Problem.MODEL_UNREACHABLE, spec.id, e.detail);
            case HTTP:
                return new Problem(Problem.MODEL_HTTP, spec.id, e.status, e.url);
            case INTERRUPTED:
                // The parts before this one are kept (next download).
                return new Problem(Problem.MODEL_INTERRUPTED, spec.id, Math.round(e.offset / 1e6),
                        Math.round(spec.bytes / 1e6), e.detail);
            case TOO_LARGE:
                return new Problem(Problem.MODEL_TOO_LARGE, spec.id, spec.bytes);
            default:
                return new Problem(Problem.MODEL_SHORT, spec.id, e.offset, spec.bytes);
        }
    }

    static String sha256(Uint8Array bytes) {
        CryptoSubtle.Subtle subtle = Global.getCrypto().getSubtle();
        if (Js.isMissing(subtle)) {
            // No Web Crypto outside a secure context (a page served over plain http:// from another machine, as on a
            // team's intranet): the same digest in Java, a megabyte at a time.
            Sha256 sha = new Sha256();
            int length = bytes.getLength();
            for (int at = 0; at < length; at += HASH_CHUNK) {
                int n = Math.min(HASH_CHUNK, length - at);
                sha.update(ArrayTransfer.copyOf(new Int8Array(bytes.getBuffer(), bytes.getByteOffset() + at, n)), 0,
                        n);
            }
            return Hex.of(sha.digest());
        }
        ArrayBuffer digest = Promises.await(subtle.digest("SHA-256", bytes), "Checking the model's integrity");
        return Hex.of(new Int8Array(digest).copyToJavaArray());
    }
}
