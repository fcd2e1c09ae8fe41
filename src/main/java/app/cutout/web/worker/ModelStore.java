package app.cutout.web.worker;

import app.cutout.core.files.Sha256;
import app.cutout.core.model.ModelSpec;
import app.cutout.core.pipeline.ModelSource;
import app.cutout.core.pipeline.Notice;
import app.cutout.core.pipeline.Problem;
import app.cutout.core.pipeline.ProgressListener;
import app.cutout.core.pipeline.Stage;
import app.cutout.core.text.Hex;
import app.cutout.web.jso.browser.ByteStream;
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
import org.teavm.jso.browser.Performance;
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
    private static final double PROGRESS_INTERVAL_MS = 100;
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
    /** The parts that a download which stopped had finished, for the next download of that file; or null. */
    private Partial partial;

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
        Uint8Array bytes = download(spec, progress, bypassHttpCache);
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

    @JSBody(script = "return new AbortController();")
    private static native JSObject abortController();

    /** The parts' requests: from the server afresh when {@code fresh}, and ended together by {@code controller}. */
    @JSBody(params = {"controller", "fresh"}, script = "return { cache: fresh ? 'reload' : 'default',"
            + " signal: controller.signal };")
    private static native JSObject partRequest(JSObject controller, boolean fresh);

    @JSBody(params = "controller", script = "controller.abort();")
    private static native void abort(JSObject controller);

    /** {@code response}, which is also answered (an aborted request asked ahead is not an unhandled rejection). */
    @JSBody(params = "response", script = "response.catch(function () {}); return response;")
    private static native JSPromise<Response> handled(JSPromise<Response> response);

    /**
     * Downloads the model's parts ({@link ModelSpec#partPath}) into one array, in order, each part's request made
     * while the part before it comes (else each part's start waits a round trip, 50–100 ms on 2 busy cores). A
     * download that stops keeps the parts it finished for the next one of the same file, which starts at the part
     * that failed.
     */
    private Uint8Array download(ModelSpec spec, ProgressListener progress, boolean fresh) {
        Partial got = partial;
        partial = null;
        if (fresh || got == null || !got.path.equals(spec.path)) {
            got = new Partial(spec.path, new Uint8Array((int) spec.bytes));
        }
        long offset = got.parts == 0 ? 0 : spec.partOffset(got.parts);
        double lastReport = 0;
        progress.progress(Stage.LOADING_MODEL, offset, spec.bytes);
        JSObject controller = abortController();
        JSObject request = partRequest(controller, fresh);
        JSPromise<Response> next = handled(Global.fetch(baseUrl + spec.partPath(got.parts), request));
        for (int part = got.parts; part < spec.parts(); part++) {
            String url = baseUrl + spec.partPath(part);
            long end = offset + spec.partBytes(part);
            try {
                Response response;
                try {
                    response = Promises.await(next, "Downloading the model");
                } catch (JsException e) {
                    throw new Problem(Problem.MODEL_UNREACHABLE, spec.id, e.jsMessage());
                }
                next = part + 1 < spec.parts() ? handled(Global.fetch(baseUrl + spec.partPath(part + 1), request))
                        : null;
                if (!response.isOk()) {
                    throw new Problem(Problem.MODEL_HTTP, spec.id, response.getStatus(), url);
                }
                ByteStream.Reader reader = response.getBody().getReader();
                while (true) {
                    ByteStream.Chunk chunk;
                    try {
                        chunk = Promises.await(reader.read(), "Downloading the model");
                    } catch (JsException e) {
                        // The parts before this one are kept (next download); the browser's HTTP cache may resume
                        // this one with a Range request.
                        throw new Problem(Problem.MODEL_INTERRUPTED, spec.id, Math.round(offset / 1e6),
                                Math.round(spec.bytes / 1e6), e.jsMessage());
                    }
                    if (chunk.isDone()) {
                        break;
                    }
                    Uint8Array value = chunk.getValue();
                    if (offset + value.getLength() > end) {
                        throw new Problem(Problem.MODEL_TOO_LARGE, spec.id, spec.bytes);
                    }
                    got.bytes.set(value, (int) offset);
                    offset += value.getLength();
                    double now = Performance.now();
                    if (now - lastReport >= PROGRESS_INTERVAL_MS) {
                        lastReport = now;
                        progress.progress(Stage.LOADING_MODEL, offset, spec.bytes);
                    }
                }
                if (offset != end) {
                    throw new Problem(Problem.MODEL_SHORT, spec.id, offset, spec.bytes);
                }
            } catch (Problem e) {
                abort(controller);
                partial = got;
                throw e;
            }
            got.parts = part + 1;
        }
        progress.progress(Stage.LOADING_MODEL, offset, spec.bytes);
        return got.bytes;
    }

    /** The parts of a model's file downloaded so far, in place in an array of the whole file's size. */
    private static final class Partial {
        final String path;
        final Uint8Array bytes;
        /** Parts finished, from the first. */
        int parts;

        Partial(String path, Uint8Array bytes) {
            this.path = path;
            this.bytes = bytes;
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
