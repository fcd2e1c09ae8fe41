package app.cutout.web.app;

import app.cutout.core.text.Texts;
import org.teavm.jso.JSBody;

/** Settings given in the page's query string; unknown or malformed values are ignored. */
final class UrlOptions {
    final String backend;
    final String model;
    /** WASM threads asked for; 0 means automatic. */
    final int threads;
    /** UI language forced by ?lang=es; null = the browser's. */
    final String lang;
    /** Edge refinement strength 0..100 from ?refine=; -1 = the control's default. */
    final int refine;
    /**
     * ONNX Runtime session settings from ?ort= (a development aid for the benchmark, {@code core.onnx.SessionTuning});
     * null when not given. Passed on as written: the inference worker refuses settings it does not understand, so
     * that a mistyped measurement fails instead of measuring the default.
     */
    final String ort;

    private UrlOptions(String backend, String model, int threads, String lang, int refine, String ort) {
        this.backend = backend;
        this.model = model;
        this.threads = threads;
        this.lang = lang;
        this.refine = refine;
        this.ort = ort;
    }

    /** The query for the inference worker's URL: {@code ?ort=…}, or empty. */
    String workerQuery() {
        return ort == null || ort.isEmpty() ? "" : "?ort=" + encode(ort);
    }

    static UrlOptions current() {
        String backend = oneOf(param("backend"), "auto", "webgpu", "wasm");
        String model = oneOf(param("model"), "auto", "quint8", "fp16", "fp32");
        int threads = number(param("threads"), 0, 64, 0);
        int refine = number(param("refine"), 0, 100, -1);
        return new UrlOptions(backend, model, threads, oneOf(param("lang"), Texts.LANGUAGES), refine, param("ort"));
    }

    private static int number(String value, int min, int max, int fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return Math.max(min, Math.min(max, Integer.parseInt(value)));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String oneOf(String value, String... allowed) {
        for (String a : allowed) {
            if (a.equals(value)) {
                return a;
            }
        }
        return null;
    }

    @JSBody(params = "name", script = "return new URLSearchParams(location.search).get(name);")
    private static native String param(String name);

    @JSBody(params = "text", script = "return encodeURIComponent(text);")
    private static native String encode(String text);
}
