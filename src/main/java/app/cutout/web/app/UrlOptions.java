package app.cutout.web.app;

import org.teavm.jso.JSBody;

/** Settings given in the page's query string; unknown or malformed values are ignored. */
final class UrlOptions {
    final String backend;
    final String model;
    /** WASM threads asked for; 0 means automatic. */
    final int threads;

    private UrlOptions(String backend, String model, int threads) {
        this.backend = backend;
        this.model = model;
        this.threads = threads;
    }

    static UrlOptions current() {
        String backend = oneOf(param("backend"), "auto", "webgpu", "wasm");
        String model = oneOf(param("model"), "auto", "quint8", "fp16");
        int threads = 0;
        String t = param("threads");
        if (t != null) {
            try {
                threads = Math.max(0, Math.min(64, Integer.parseInt(t)));
            } catch (NumberFormatException e) {
                threads = 0;
            }
        }
        return new UrlOptions(backend, model, threads);
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
}
