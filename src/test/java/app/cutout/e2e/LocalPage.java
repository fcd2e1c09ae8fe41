package app.cutout.e2e;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A throw-away loopback HTTP server for the harness's own tests: serves fixed pages, so those tests do not depend on
 * the app's build or its server.
 */
final class LocalPage implements AutoCloseable {
    private final HttpServer http;

    private LocalPage(HttpServer http) {
        this.http = http;
    }

    /** Serves each path of {@code pages} as {@code text/html} or, for {@code .js}, as JavaScript. */
    static LocalPage serve(Map<String, String> pages) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            http.createContext("/", exchange -> {
                try (exchange) {
                    String body = pages.get(exchange.getRequestURI().getPath());
                    if (body == null) {
                        exchange.sendResponseHeaders(404, -1);
                        return;
                    }
                    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                    String type = exchange.getRequestURI().getPath().endsWith(".js") ? "text/javascript" : "text/html";
                    exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
                    exchange.sendResponseHeaders(200, bytes.length);
                    exchange.getResponseBody().write(bytes);
                }
            });
            http.start();
            return new LocalPage(http);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + http.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
