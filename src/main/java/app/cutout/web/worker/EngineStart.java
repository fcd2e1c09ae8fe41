package app.cutout.web.worker;

import app.cutout.core.files.SiteParts;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.browser.Performance;
import org.teavm.jso.core.JSPromise;

/**
 * Tells the page when this worker is starting its engine, so that the page can notice a start that never ends (core
 * {@code StartWatch}; app {@code Processor}). The window is open while the pipeline says so (probing the device,
 * getting the model, starting the session, a preload's warm-up) or while one of ONNX Runtime's starts is pending
 * ({@link #track}): the warm-up's runtime start goes on in the background while a photo decodes.
 *
 * <p>Inside the window the page takes silence for a hang. The runtime fetches its own WebAssembly (13 or 27 MB) when
 * it first starts (the WebGPU build's comes in parts, fetched by {@code Segmenter}), which on a first visit over a slow
 * connection may take longer than the page's deadline and says nothing; so {@link #install} wraps {@code fetch} to
 * watch that download, without touching the response the runtime
 * gets (a copy of its body is read and dropped), and each time bytes arrive, at most once a second, the worker says
 * again that it is starting.
 */
final class EngineStart {
    /** Signs of life from a download moving on, at most this often. */
    private static final double SIGN_EVERY_MS = 1_000;

    @JSFunctor
    interface Bytes extends JSObject {
        void arrived();
    }

    private static Outbox outbox;
    private static int open;
    private static double lastSign = Double.NEGATIVE_INFINITY;

    private EngineStart() {
    }

    /** Before the runtime loads: later calls report to {@code out}; downloads under {@code ortBaseUrl} are watched. */
    static void install(Outbox out, String ortBaseUrl) {
        outbox = out;
        watchDownloads(ortBaseUrl, EngineStart::arrived);
    }

    /** The pipeline began ({@code true}) or ended a start; calls come in pairs and may nest. */
    static void mark(boolean on) {
        if (on) {
            if (open++ == 0) {
                send(true);
            }
        } else if (open > 0 && --open == 0) {
            send(false);
        }
    }

    /** Keeps the window open until {@code promise} settles (a runtime start); returns a promise with its outcome. */
    static <T> JSPromise<T> track(JSPromise<T> promise) {
        mark(true);
        return promise.onSettled(() -> {
            mark(false);
            return null;
        });
    }

    private static void arrived() {
        double now = Performance.now();
        if (open > 0 && now - lastSign >= SIGN_EVERY_MS) {
            lastSign = now;
            send(true);
        }
    }

    private static void send(boolean on) {
        if (outbox != null) {
            outbox.starting(on);
        }
    }

    @JSBody(params = { "prefix", "arrived" }, script = ""
            + "var base = self.fetch;"
            + "if (typeof base !== 'function' || self.__cutoutDownloadWatch) { return; }"
            + "self.__cutoutDownloadWatch = true;"
            + "self.fetch = function (input) {"
            + "  var url = typeof input === 'string' ? input : input && input.url ? input.url : String(input);"
            + "  var answer = base.apply(this, arguments);"
            + "  if (url.indexOf(prefix) !== 0"
            + "      || !/\\.wasm(?:" + SiteParts.SUFFIX_PATTERN + ")?(?:[?#]|$)/.test(url)) { return answer; }"
            + "  return answer.then(function (response) {"
            + "    if (response.ok && response.body) {"
            + "      var reader = response.clone().body.getReader();"
            + "      var next = function () {"
            + "        reader.read().then(function (part) {"
            + "          if (!part.done) { arrived(); next(); }"
            + "        }, function () {});"
            + "      };"
            + "      next();"
            + "    }"
            + "    return response;"
            + "  });"
            + "};")
    private static native void watchDownloads(String prefix, Bytes arrived);
}
