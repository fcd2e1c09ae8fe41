package app.cutout.web.worker;

import app.cutout.core.files.SiteParts;
import app.cutout.web.jso.browser.ByteStream;
import app.cutout.web.jso.browser.Global;
import app.cutout.web.jso.browser.Response;
import app.cutout.web.platform.JsException;
import app.cutout.web.platform.Promises;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.browser.Performance;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.typedarrays.Uint8Array;

/**
 * One file of the site that is served in parts ({@link SiteParts}: hosts limit a file's size), downloaded into one
 * array of the whole file's size, in order. Each part's request is made while the part before it comes: else each
 * part's start waits a round trip, 50–100 ms on 2 busy cores. A download that stops keeps what it got, and
 * {@link #run} again goes on from there: from the part that failed, and within a part that broke off, from its next
 * byte (an HTTP range request; a server that answers with the whole part instead has it read whole again).
 */
final class PartedDownload {
    /** How a request for a part uses the browser's HTTP cache. */
    enum HttpCache {
        /** As the server's headers say. */
        DEFAULT("default"),
        /** Neither read nor written: the caller keeps the file itself (no second copy on disk). */
        NO_STORE("no-store"),
        /** From the server afresh (the cached bytes failed a check), and written. */
        RELOAD("reload");

        final String mode;

        HttpCache(String mode) {
            this.mode = mode;
        }
    }

    /** Receives the bytes in place so far. */
    interface Progress {
        void progress(long done, long total);
    }

    private static final double PROGRESS_INTERVAL_MS = 100;

    /** The whole file's URL; part {@code i} is at {@link SiteParts#path}. */
    final String url;
    private final long bytes;
    private final Uint8Array whole;
    /** Parts finished, from the first. */
    private int done;
    /** Bytes in place of the part after those, which broke off. */
    private long received;

    PartedDownload(String url, long bytes) {
        this.url = url;
        this.bytes = bytes;
        this.whole = new Uint8Array((int) bytes);
    }

    /**
     * Downloads the parts not finished yet, each checked against its expected size.
     *
     * @param what the step, as {@link Promises#await} names it when the worker is ended while it waits
     * @throws Failure when a part cannot be had (those before it stay kept)
     */
    Uint8Array run(HttpCache httpCache, String what, Progress progress) {
        int first = done;
        long resumeAt = received;
        long offset = SiteParts.offset(bytes, first) + resumeAt;
        double lastReport = 0;
        progress.progress(offset, bytes);
        JSObject controller = abortController();
        JSObject request = partRequest(controller, httpCache.mode, -1);
        JSPromise<Response> next = handled(Global.fetch(partUrl(first),
                resumeAt > 0 ? partRequest(controller, httpCache.mode, resumeAt) : request));
        for (int part = first; part < SiteParts.count(bytes); part++) {
            String partUrl = partUrl(part);
            long start = SiteParts.offset(bytes, part);
            long end = start + SiteParts.length(bytes, part);
            try {
                Response response;
                try {
                    response = Promises.await(next, what);
                } catch (JsException e) {
                    throw new Failure(Failure.Kind.UNREACHABLE, partUrl, 0, offset, e.jsMessage());
                }
                next = part + 1 < SiteParts.count(bytes) ? handled(Global.fetch(partUrl(part + 1), request)) : null;
                if (part == first && resumeAt > 0 && response.getStatus() == 206
                        && rangeStart(response.getHeaders().get("Content-Range")) == resumeAt) {
                    offset = start + resumeAt;
                } else if (response.getStatus() == 200) {
                    offset = start;
                } else {
                    throw new Failure(Failure.Kind.HTTP, partUrl, response.getStatus(), offset, "");
                }
                ByteStream.Reader reader = response.getBody().getReader();
                while (true) {
                    ByteStream.Chunk chunk;
                    try {
                        chunk = Promises.await(reader.read(), what);
                    } catch (JsException e) {
                        throw new Failure(Failure.Kind.INTERRUPTED, partUrl, 0, offset, e.jsMessage());
                    }
                    if (chunk.isDone()) {
                        break;
                    }
                    Uint8Array value = chunk.getValue();
                    if (offset + value.getLength() > end) {
                        throw new Failure(Failure.Kind.TOO_LARGE, partUrl, 0, offset + value.getLength(), "");
                    }
                    whole.set(value, (int) offset);
                    offset += value.getLength();
                    double now = Performance.now();
                    if (now - lastReport >= PROGRESS_INTERVAL_MS) {
                        lastReport = now;
                        progress.progress(offset, bytes);
                    }
                }
                if (offset != end) {
                    throw new Failure(Failure.Kind.SHORT, partUrl, 0, offset, "");
                }
            } catch (Failure e) {
                abort(controller);
                // A part that broke off is resumed from its next byte; one whose answer was wrong, read again whole;
                // one that could not be asked keeps what an earlier run had.
                if (e.kind == Failure.Kind.INTERRUPTED) {
                    received = offset - start;
                } else if (e.kind != Failure.Kind.UNREACHABLE) {
                    received = 0;
                }
                throw e;
            }
            done = part + 1;
            received = 0;
        }
        progress.progress(offset, bytes);
        return whole;
    }

    /** The first byte of a {@code Content-Range: bytes FIRST-LAST/SIZE} header, or -1. */
    private static long rangeStart(String contentRange) {
        if (contentRange == null || !contentRange.startsWith("bytes ") || contentRange.indexOf('-') < 0) {
            return -1;
        }
        try {
            return Long.parseLong(contentRange.substring("bytes ".length(), contentRange.indexOf('-')).trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private String partUrl(int part) {
        return SiteParts.path(url, bytes, part);
    }

    /** Why a download stopped; {@link #getMessage} says it in English, for logs and engine failures. */
    static final class Failure extends RuntimeException {
        enum Kind {
            /** The request failed: no network, or the server is gone. */
            UNREACHABLE,
            /** The server answered with an error status. */
            HTTP,
            /** The connection broke while the part came. */
            INTERRUPTED,
            /** The part has more bytes than it should. */
            TOO_LARGE,
            /** The part ended early. */
            SHORT
        }

        final Kind kind;
        /** The part's URL. */
        final String url;
        /** The HTTP status ({@link Kind#HTTP}), else 0. */
        final int status;
        /** Bytes of the whole file in place when it stopped (for {@link Kind#TOO_LARGE}, with the part's excess). */
        final long offset;
        /** The browser's own words, if any. */
        final String detail;

        Failure(Kind kind, String url, int status, long offset, String detail) {
            super(describe(kind, url, status, offset, detail));
            this.kind = kind;
            this.url = url;
            this.status = status;
            this.offset = offset;
            this.detail = detail;
        }

        private static String describe(Kind kind, String url, int status, long offset, String detail) {
            switch (kind) {
                case UNREACHABLE:
                    return url + " could not be loaded: " + detail;
                case HTTP:
                    return "the server answered " + status + " for " + url;
                case INTERRUPTED:
                    return url + " broke off after " + offset + " bytes of the whole: " + detail;
                default:
                    return url + " is not the size it should be (" + kind + " at byte " + offset + ")";
            }
        }
    }

    @JSBody(script = "return new AbortController();")
    private static native JSObject abortController();

    /**
     * A part's request, with the HTTP cache's {@code mode}, ended with the others by {@code controller}; from byte
     * {@code from} of the part on where that is not negative.
     */
    @JSBody(params = {"controller", "mode", "from"}, script = ""
            + "var request = { cache: mode, signal: controller.signal };"
            + "if (from >= 0) { request.headers = { Range: 'bytes=' + from + '-' }; }"
            + "return request;")
    private static native JSObject partRequest(JSObject controller, String mode, double from);

    @JSBody(params = "controller", script = "controller.abort();")
    private static native void abort(JSObject controller);

    /** {@code response}, which is also answered (an aborted request asked ahead is not an unhandled rejection). */
    @JSBody(params = "response", script = "response.catch(function () {}); return response;")
    private static native JSPromise<Response> handled(JSPromise<Response> response);
}
