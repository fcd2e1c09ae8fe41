package app.cutout.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback reverse proxy in front of the app's server that breaks chosen responses, for the failures a real
 * network causes: a download cut off partway, or bytes that arrive changed; and, on cue, a worker script with a fault
 * put before it: one that makes a nested worker stay silent, as ONNX Runtime's threads sometimes do in Firefox under
 * load, or one that holds back a download inside the worker; and file types sent as a misconfigured server sends
 * them. Everything else passes
 * through with its headers (isolation, CSP, caching, ranges), so the app behaves as behind the real server.
 */
final class FaultyProxy implements AutoCloseable {
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "transfer-encoding", "content-length",
            "keep-alive", "date");

    private final HttpServer http;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final String upstream;
    private final String suffix;
    private final HttpClient client = HttpClient.newHttpClient();
    private final List<String> log = new CopyOnWriteArrayList<>();
    /** How many of the next matching responses to cut off partway. */
    private final AtomicInteger cuts = new AtomicInteger();
    /** While set, the byte in the middle of a matching file is flipped in every response that carries it. */
    private volatile boolean corrupt;
    /** How many of the next matching scripts fetched to start a worker to serve with {@link #prefix} before them. */
    private final AtomicInteger prefixes = new AtomicInteger();
    private volatile String prefix = SILENT_WORKER;
    /** Content types sent instead of the server's, by the path's ending, as a misconfigured server sends them. */
    private final Map<String, String> retyped = new java.util.concurrent.ConcurrentHashMap<>();
    /** Headers sent with every response, over the server's own. */
    private final Map<String, String> extraHeaders = new java.util.concurrent.ConcurrentHashMap<>();
    /** Path endings answered with the site's home page, as single-page-app hosting answers any file it lacks. */
    private final Set<String> homePaged = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Path endings answered with 404. */
    private final Set<String> hidden = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Map<String, java.util.concurrent.CountDownLatch> held =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** What the log says of a script served with the prefix. */
    private volatile String prefixLabel = "SILENT";
    /**
     * Put before a worker's script: a listener that comes before the script's own {@code onmessage} and stops every
     * message, so that the worker never answers; in an Emscripten thread, the runtime then waits forever for
     * {@code loaded}.
     */
    static final String SILENT_WORKER = "self.addEventListener(\"message\", (e) => e.stopImmediatePropagation());\n";

    /** How long a cut response stalls before its connection drops. */
    static final long CUT_STALL_MS = 1500;

    private FaultyProxy(HttpServer http, String upstream, String suffix) {
        this.http = http;
        this.upstream = upstream;
        this.suffix = suffix;
    }

    /** What a test does with Chromium behind the proxy ({@link #withChromium}). */
    interface Scenario {
        void run(FaultyProxy proxy, Browser browser) throws Exception;
    }

    /**
     * Serves the built site, puts a proxy in front of it whose faults apply to paths ending in {@code suffix} and are
     * set by {@code setUp}, starts Chromium and runs the scenario; then checks that nothing left the machine. On a
     * failure it prints the browser's diagnostics and the proxy's log first.
     */
    static void withChromium(String suffix, java.util.function.Consumer<FaultyProxy> setUp, Scenario scenario)
            throws Exception {
        withChromium(suffix, setUp, Browser::start, scenario);
    }

    /** {@link #withChromium(String, java.util.function.Consumer, Scenario)} with a browser of {@code start}'s. */
    static void withChromium(String suffix, java.util.function.Consumer<FaultyProxy> setUp,
            java.util.function.Supplier<Browser> start, Scenario scenario) throws Exception {
        try (app.cutout.server.StaticServer server = app.cutout.server.StaticServer.start(ProjectDirs.requireSite(),
                "127.0.0.1", 0, true);
                FaultyProxy proxy = FaultyProxy.start(server.url(), suffix);
                Browser browser = start.get()) {
            try {
                setUp.accept(proxy);
                scenario.run(proxy, browser);
                if (!browser.trap().requests().isEmpty()) {
                    throw new AssertionError("requests left the machine: " + browser.trap().requests());
                }
            } catch (AssertionError | RuntimeException e) {
                browser.printDiagnostics(System.out);
                System.out.println("proxy: " + proxy.log());
                throw e;
            }
        }
    }

    /** Proxies to {@code upstream} (a base URL ending in '/'); faults apply to paths ending in {@code suffix}. */
    static FaultyProxy start(String upstream, String suffix) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            FaultyProxy proxy = new FaultyProxy(http, upstream, suffix);
            http.createContext("/", proxy::handle);
            http.setExecutor(proxy.executor);
            http.start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/";
    }

    /**
     * Cuts the next matching response off after 40 % of its body: the connection stalls for {@link #CUT_STALL_MS},
     * then drops mid-download.
     */
    void cutNext() {
        cuts.incrementAndGet();
    }

    /**
     * Flips the middle byte of matching files from now on, whichever response (whole, or a range) carries it, so
     * that the browser's HTTP cache ends up holding the changed byte too.
     */
    void corrupt(boolean on) {
        corrupt = on;
    }

    /**
     * Serves the next matching file that a browser fetches as a worker's script ({@code Sec-Fetch-Dest: worker})
     * with {@link #SILENT_WORKER} before it, fresh from the server and not to be stored, so that the one worker
     * that gets it never answers a message.
     */
    void silenceNextWorker() {
        prefixWorkers(SILENT_WORKER, "SILENT", 1);
    }

    /**
     * Serves the next {@code count} matching files that a browser fetches as a worker's script with {@code script}
     * before them, fresh and not to be stored; the log marks them with {@code label}.
     */
    void prefixWorkers(String script, String label, int count) {
        prefix = script;
        prefixLabel = label;
        prefixes.set(count);
    }

    /**
     * Sends paths ending in {@code ending} (any path, not only {@link #suffix}'s) with {@code type} as their
     * Content-Type, as a server whose configuration lacks that file type does.
     */
    void retype(String ending, String type) {
        retyped.put(ending, type);
    }

    /** Sends {@code name: value} with every response from now on, as a server configured with it does. */
    void header(String name, String value) {
        extraHeaders.put(name, value);
    }

    /**
     * Answers paths ending in {@code ending} with the site's home page (200, text/html), as a server set up to answer
     * every file it lacks with its home page does when that file was not copied.
     */
    void homePageFor(String ending) {
        homePaged.add(ending);
    }

    /**
     * Holds requests for paths ending in {@code ending}, unanswered, until {@link #release}: a server or connection
     * that stalls.
     */
    void hold(String ending) {
        held.put(ending, new java.util.concurrent.CountDownLatch(1));
    }

    /** Answers the requests that {@link #hold} holds, and later ones at once. */
    void release(String ending) {
        java.util.concurrent.CountDownLatch latch = held.remove(ending);
        if (latch != null) {
            latch.countDown();
        }
    }

    /** Answers paths ending in {@code ending} with 404, as a server that was given an incomplete copy of the site. */
    void hide(String ending) {
        hidden.add(ending);
    }

    /** "PATH status[ range] [fault]", in order. */
    List<String> log() {
        return List.copyOf(log);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            for (Map.Entry<String, java.util.concurrent.CountDownLatch> hold : held.entrySet()) {
                if (uri.getPath().endsWith(hold.getKey())) {
                    log.add(uri.getPath() + " HELD");
                    try {
                        hold.getValue().await(5, java.util.concurrent.TimeUnit.MINUTES);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
            if (hidden.stream().anyMatch(uri.getPath()::endsWith)) {
                log.add(uri.getPath() + " 404 HIDDEN");
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            boolean prefixed = uri.getPath().endsWith(suffix)
                    && "worker".equals(exchange.getRequestHeaders().getFirst("Sec-Fetch-Dest"))
                    && prefixes.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
            boolean home = homePaged.stream().anyMatch(uri.getPath()::endsWith);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upstream).resolve(home ? "/"
                    : uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())));
            for (String header : List.of("Range", "If-Range", "If-None-Match", "If-Modified-Since")) {
                String value = exchange.getRequestHeaders().getFirst(header);
                if (value != null && !prefixed) {
                    request.header(header, value);
                }
            }
            HttpResponse<byte[]> response;
            try {
                response = client.send(request.method(exchange.getRequestMethod(),
                        HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
                if (!HOP_BY_HOP.contains(header.getKey().toLowerCase()) && !header.getKey().startsWith(":")) {
                    exchange.getResponseHeaders().put(header.getKey(), header.getValue());
                }
            }
            extraHeaders.forEach((name, value) -> {
                // The copied headers' value lists are the client's, which cannot grow.
                List<String> values = new java.util.ArrayList<>(exchange.getResponseHeaders().getOrDefault(name,
                        List.of()));
                values.add(value);
                exchange.getResponseHeaders().put(name, values);
            });
            String retype = null;
            for (Map.Entry<String, String> r : retyped.entrySet()) {
                if (uri.getPath().endsWith(r.getKey())) {
                    retype = r.getValue();
                    exchange.getResponseHeaders().set("Content-Type", retype);
                }
            }
            byte[] body = response.body();
            if (prefixed) {
                byte[] prefix = this.prefix.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                byte[] withPrefix = new byte[prefix.length + body.length];
                System.arraycopy(prefix, 0, withPrefix, 0, prefix.length);
                System.arraycopy(body, 0, withPrefix, prefix.length, body.length);
                body = withPrefix;
                exchange.getResponseHeaders().set("Cache-Control", "no-store");
                exchange.getResponseHeaders().remove("ETag");
                exchange.getResponseHeaders().remove("Last-Modified");
            }
            boolean matching = uri.getPath().endsWith(suffix) && body.length > 0;
            boolean cut = matching && cuts.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
            boolean changed = matching && !cut && corrupt && flipMiddle(body, response);
            String range = response.headers().firstValue("Content-Range").orElse("");
            log.add(uri.getPath() + " " + response.statusCode() + (range.isEmpty() ? "" : " " + range)
                    + (cut ? " CUT" : "") + (changed ? " CORRUPT" : "") + (prefixed ? " " + prefixLabel : "")
                    + (retype != null ? " AS " + retype : "") + (home ? " HOME PAGE" : ""));
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(response.statusCode(), head || body.length == 0 ? -1 : body.length);
            if (head || body.length == 0) {
                return;
            }
            OutputStream out = exchange.getResponseBody();
            if (cut) {
                out.write(body, 0, body.length * 2 / 5);
                out.flush();
                // The connection stalls (the app reads what came), then drops: closing the exchange short of the
                // promised length fails the download.
                try {
                    Thread.sleep(CUT_STALL_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            out.write(body);
        }
    }

    /** Flips the file's middle byte if this body (the whole file, or the range it says) carries it. */
    private static boolean flipMiddle(byte[] body, HttpResponse<byte[]> response) {
        long start = 0;
        long total = body.length;
        String range = response.headers().firstValue("Content-Range").orElse(null);
        if (range != null) {
            // "bytes START-END/TOTAL"
            String[] parts = range.replace("bytes ", "").split("[-/]");
            start = Long.parseLong(parts[0]);
            total = Long.parseLong(parts[2]);
        }
        long middle = total / 2 - start;
        if (middle < 0 || middle >= body.length) {
            return false;
        }
        body[(int) middle] ^= 0x01;
        return true;
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
    }
}
