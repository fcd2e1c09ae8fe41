package app.cutout.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticServerTest {
    @TempDir
    Path root;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void site() throws IOException {
        Files.writeString(root.resolve("index.html"), "<!doctype html>hi");
        Files.createDirectories(root.resolve("teavm"));
        Files.write(root.resolve("teavm/ui.wasm"), new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
        Files.writeString(root.resolve(".secret"), "no");
    }

    private HttpResponse<byte[]> get(StaticServer server, String path, String range) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path));
        if (range != null) {
            request.header("Range", range);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void servesFilesWithIsolationHeadersAndTypes() throws Exception {
        try (StaticServer server = StaticServer.start(root, "127.0.0.1", 0, true)) {
            HttpResponse<byte[]> index = get(server, "", null);
            assertEquals(200, index.statusCode());
            assertEquals("<!doctype html>hi", new String(index.body(), StandardCharsets.UTF_8));
            assertEquals("same-origin", index.headers().firstValue("Cross-Origin-Opener-Policy").orElse(null));
            assertEquals("require-corp", index.headers().firstValue("Cross-Origin-Embedder-Policy").orElse(null));
            assertEquals(StaticServer.CONTENT_SECURITY_POLICY,
                    index.headers().firstValue("Content-Security-Policy").orElse(null));
            HttpResponse<byte[]> wasm = get(server, "teavm/ui.wasm", null);
            assertEquals("application/wasm", wasm.headers().firstValue("Content-Type").orElse(null));
            assertEquals(8, wasm.body().length);
        }
    }

    @Test
    void withoutIsolationNoCoopCoep() throws Exception {
        try (StaticServer server = StaticServer.start(root, "127.0.0.1", 0, false)) {
            HttpResponse<byte[]> index = get(server, "", null);
            assertNull(index.headers().firstValue("Cross-Origin-Opener-Policy").orElse(null));
            assertNull(index.headers().firstValue("Cross-Origin-Embedder-Policy").orElse(null));
        }
    }

    @Test
    void refusesTraversalHiddenFilesAndMissingFiles() throws Exception {
        try (StaticServer server = StaticServer.start(root, "127.0.0.1", 0, true)) {
            assertEquals(404, get(server, ".secret", null).statusCode());
            assertEquals(404, get(server, "teavm/../../etc/passwd", null).statusCode());
            assertEquals(404, get(server, "nope.js", null).statusCode());
            assertNull(serverResolve(server, "/%2e%2e/x"));
        }
    }

    private static Path serverResolve(StaticServer server, String path) {
        return server.resolve(path);
    }

    @Test
    void servesByteRanges() throws Exception {
        try (StaticServer server = StaticServer.start(root, "127.0.0.1", 0, true)) {
            HttpResponse<byte[]> part = get(server, "teavm/ui.wasm", "bytes=1-3");
            assertEquals(206, part.statusCode());
            assertArrayEquals(new byte[] {'a', 's', 'm'}, part.body());
            assertEquals("bytes 1-3/8", part.headers().firstValue("Content-Range").orElse(null));
            assertEquals(416, get(server, "teavm/ui.wasm", "bytes=9-").statusCode());
        }
    }

    @Test
    void servesUnderABasePathOnly() throws Exception {
        try (StaticServer server = StaticServer.start(root, "127.0.0.1", 0, "/tools/cutout", true)) {
            assertEquals("/tools/cutout/", java.net.URI.create(server.url()).getPath());
            assertEquals(200, get(server, "teavm/ui.wasm", null).statusCode());
            HttpResponse<byte[]> outside = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/teavm/ui.wasm")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(404, outside.statusCode());
        }
    }

    @Test
    void redirectsTheBasePathWithoutItsSlash() throws Exception {
        try (StaticServer server = StaticServer.start(root, "127.0.0.1", 0, "/tools/cutout/", true)) {
            HttpResponse<byte[]> bare = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/tools/cutout?model=quint8")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(301, bare.statusCode());
            assertEquals("/tools/cutout/?model=quint8", bare.headers().firstValue("Location").orElse(null));
        }
    }

    @Test
    void parsesRanges() {
        assertArrayEquals(new long[] {0, 9}, StaticServer.parseRange("0-", 10));
        assertArrayEquals(new long[] {7, 9}, StaticServer.parseRange("-3", 10));
        assertArrayEquals(new long[] {2, 9}, StaticServer.parseRange("2-100", 10));
        assertNull(StaticServer.parseRange("5-2", 10));
        assertNull(StaticServer.parseRange("x-y", 10));
    }
}
