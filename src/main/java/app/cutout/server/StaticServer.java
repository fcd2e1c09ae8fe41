package app.cutout.server;

import app.cutout.core.text.Texts;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The embedded static file server behind {@code ./cutout serve} and the browser tests.
 *
 * <p>It serves the built site and nothing else, on loopback only. With cross-origin isolation on it sends COOP/COEP,
 * which is what lets ONNX Runtime Web use threads (SharedArrayBuffer); any static server that sends the same headers
 * gives the same result. This class runs on the JVM only; it is not part of the WebAssembly build.
 */
public final class StaticServer implements AutoCloseable {
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("webmanifest", "application/manifest+json"),
            Map.entry("wasm", "application/wasm"),
            Map.entry("onnx", "application/octet-stream"),
            Map.entry("png", "image/png"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("md", "text/plain; charset=utf-8"));

    /** Same policy as the page's meta tag: only same-origin code and connections. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; "
            + "script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'; worker-src 'self' blob:; connect-src 'self' blob: data:; "
            + "img-src 'self' blob: data:; style-src 'self'; font-src 'self'; manifest-src 'self'; object-src 'none'; "
            + "base-uri 'self'; form-action 'none'; frame-ancestors 'self'";

    private final HttpServer http;
    private final ExecutorService executor;
    private final Path root;
    private final String basePath;
    private final boolean isolated;
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

    private StaticServer(HttpServer http, ExecutorService executor, Path root, String basePath, boolean isolated) {
        this.http = http;
        this.executor = executor;
        this.root = root;
        this.basePath = basePath;
        this.isolated = isolated;
    }

    public static StaticServer start(Path root, String host, int port, boolean crossOriginIsolation)
            throws IOException {
        return start(root, host, port, "/", crossOriginIsolation);
    }

    /**
     * @param basePath URL prefix the site is served under, e.g. {@code /tools/cutout/}; other paths answer 404
     */
    public static StaticServer start(Path root, String host, int port, String basePath, boolean crossOriginIsolation)
            throws IOException {
        Path dir = root.toAbsolutePath().normalize();
        if (!Files.isRegularFile(dir.resolve("index.html"))) {
            throw new IOException(Texts.t("server.noSite", dir));
        }
        String base = basePath.startsWith("/") ? basePath : "/" + basePath;
        if (!base.endsWith("/")) {
            base += "/";
        }
        HttpServer http = HttpServer.create(new InetSocketAddress(host, port), 64);
        ExecutorService executor = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "cutout-http");
            t.setDaemon(true);
            return t;
        });
        StaticServer server = new StaticServer(http, executor, dir, base, crossOriginIsolation);
        http.createContext("/", server::handle);
        http.setExecutor(executor);
        http.start();
        return server;
    }

    public int port() {
        return http.getAddress().getPort();
    }

    public String url() {
        return "http://" + http.getAddress().getHostString() + ":" + port() + basePath;
    }

    /** Paths requested so far, in order, including ones that were refused. */
    public List<String> requests() {
        synchronized (requests) {
            return new ArrayList<>(requests);
        }
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            URI uri = exchange.getRequestURI();
            String path = uri.getPath();
            requests.add(path);
            Headers out = exchange.getResponseHeaders();
            securityHeaders(out);
            if (!method.equals("GET") && !method.equals("HEAD")) {
                out.set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            if (basePath.length() > 1 && path.equals(basePath.substring(0, basePath.length() - 1))) {
                // "/tools/cutout" without its slash: relative URLs (and the service worker's scope) need it.
                out.set("Location", basePath + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
                exchange.sendResponseHeaders(301, -1);
                return;
            }
            Path file = resolve(path);
            if (file == null) {
                sendText(exchange, 404, "Not found: " + path);
                return;
            }
            serveFile(exchange, file, method.equals("HEAD"));
        }
    }

    private void securityHeaders(Headers out) {
        if (isolated) {
            out.set("Cross-Origin-Opener-Policy", "same-origin");
            out.set("Cross-Origin-Embedder-Policy", "require-corp");
        }
        out.set("Cross-Origin-Resource-Policy", "same-origin");
        out.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        out.set("X-Content-Type-Options", "nosniff");
        out.set("Referrer-Policy", "no-referrer");
    }

    /** Maps a URL path to a file inside the root, or null; never escapes the root. */
    Path resolve(String urlPath) {
        if (!urlPath.startsWith(basePath)) {
            return null;
        }
        String relative = urlPath.substring(basePath.length());
        if (relative.isEmpty() || relative.endsWith("/")) {
            relative += "index.html";
        }
        Path file = root.resolve(relative).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            return null;
        }
        for (Path part : root.relativize(file)) {
            if (part.toString().startsWith(".")) {
                return null;
            }
        }
        return file;
    }

    private void serveFile(HttpExchange exchange, Path file, boolean head) throws IOException {
        Headers out = exchange.getResponseHeaders();
        long length = Files.size(file);
        String lastModified = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.ofInstant(Files.getLastModifiedTime(file).toInstant(), ZoneOffset.UTC).withNano(0));
        out.set("Content-Type", contentType(file));
        out.set("Last-Modified", lastModified);
        out.set("Accept-Ranges", "bytes");
        // Revalidate every time: cheap on loopback, and a rebuilt site is never served stale.
        out.set("Cache-Control", "no-cache");
        if (lastModified.equals(exchange.getRequestHeaders().getFirst("If-Modified-Since"))) {
            exchange.sendResponseHeaders(304, -1);
            return;
        }
        long start = 0;
        long end = length - 1;
        int status = 200;
        String range = exchange.getRequestHeaders().getFirst("Range");
        if (range != null && range.startsWith("bytes=") && !range.contains(",")) {
            long[] bounds = parseRange(range.substring(6), length);
            if (bounds == null) {
                out.set("Content-Range", "bytes */" + length);
                exchange.sendResponseHeaders(416, -1);
                return;
            }
            start = bounds[0];
            end = bounds[1];
            status = 206;
            out.set("Content-Range", "bytes " + start + "-" + end + "/" + length);
        }
        long count = end - start + 1;
        if (head) {
            out.set("Content-Length", Long.toString(count));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, count == 0 ? -1 : count);
        try (InputStream in = Files.newInputStream(file); OutputStream body = exchange.getResponseBody()) {
            in.skipNBytes(start);
            byte[] buffer = new byte[1 << 16];
            long left = count;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    break;
                }
                body.write(buffer, 0, n);
                left -= n;
            }
        } catch (IOException e) {
            // The browser went away mid-download (reload, cancel); nothing to tell it.
        }
    }

    static long[] parseRange(String spec, long length) {
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String from = spec.substring(0, dash).trim();
            String to = spec.substring(dash + 1).trim();
            long start;
            long end;
            if (from.isEmpty()) {
                long suffix = Long.parseLong(to);
                start = Math.max(0, length - suffix);
                end = length - 1;
            } else {
                start = Long.parseLong(from);
                end = to.isEmpty() ? length - 1 : Math.min(Long.parseLong(to), length - 1);
            }
            return start <= end && start < length ? new long[] {start, end} : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String contentType(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(ext, "application/octet-stream");
    }

    private static void sendText(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of("target/site");
        String host = "127.0.0.1";
        int port = 8080;
        String base = "/";
        boolean isolated = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--root" -> root = Path.of(args[++i]);
                case "--host" -> host = args[++i];
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--base" -> base = args[++i];
                case "--no-isolation" -> isolated = false;
                default -> {
                    System.err.println("Unknown option " + args[i]
                            + "\nUsage: StaticServer [--root DIR] [--host 127.0.0.1] [--port 8080] [--base /]"
                            + " [--no-isolation]");
                    System.exit(2);
                }
            }
        }
        StaticServer server = start(root, host, port, base, isolated);
        System.out.println(Texts.t("server.running", server.url(),
                Texts.t(isolated ? "server.isolated" : "server.notIsolated")));
        System.out.println(Texts.t("server.stop"));
    }
}
