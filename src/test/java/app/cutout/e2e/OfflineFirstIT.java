package app.cutout.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.cutout.core.model.ModelSpec;
import app.cutout.server.StaticServer;
import app.cutout.web.platform.CacheNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chromium.ChromiumDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Offline-first, installable and private, in a real browser with the real model on the CPU (WASM) backend.
 *
 * <p>Each processing run takes 5–20 s on an idle 2-core machine (a minute or more on a busy one), so the four runs
 * here each prove several things; the update test needs no run at all.
 */
class OfflineFirstIT {
    private static final Duration RUN = Duration.ofMinutes(4);
    private static final Duration SHORT = Duration.ofSeconds(60);
    private static final String QUERY = "?backend=wasm&model=quint8";
    private static final ModelSpec MODEL = ModelSpec.QUINT8;

    /**
     * First visit online under a path prefix: the photo is processed, the service worker (scoped to the prefix) caches
     * the shell and the page says "ready to work offline"; no request left the machine and the server only saw the
     * site's own files. Then the server is stopped and the page reloaded: it loads from the service worker, shows
     * it is offline, and processes a photo with the cached model, still multi-threaded (the cached responses keep
     * COOP/COEP).
     */
    @Test
    void worksOfflineAfterOneVisit() throws IOException {
        Path site = ProjectDirs.requireSite();
        StaticServer server = StaticServer.start(site, "127.0.0.1", 0, "/tools/cutout/", true);
        boolean serverStopped = false;
        try (Browser browser = Browser.start()) {
            try {
                String base = server.url();
                browser.open(base + QUERY);
                process(browser, TestImages.astronaut());
                waitReadyOffline(browser);

                Map<?, ?> sw = script(browser, """
                        navigator.serviceWorker.ready.then(r => done({ scope: r.scope,
                          script: r.active.scriptURL, controlled: !!navigator.serviceWorker.controller,
                          manifest: document.querySelector('link[rel=manifest]').href }));
                        """);
                assertEquals(base, sw.get("scope"), "service worker scope");
                assertEquals(base + "sw.js", sw.get("script"), "service worker script");
                assertEquals(Boolean.TRUE, sw.get("controlled"), "the first visit's page is controlled (claim)");
                assertEquals(base + "manifest.webmanifest", sw.get("manifest"));
                // Installable: Chromium's own check of the manifest, its icons and the service worker.
                Object installErrors = cdp(browser, "Page.getInstallabilityErrors", Map.of())
                        .get("installabilityErrors");
                assertEquals(List.of(), installErrors, "Chromium says the app is not installable");
                List<?> caches = (List<?>) script(browser, "caches.keys().then(done);");
                assertTrue(caches.contains("cutout-shell /tools/cutout/ " + precacheVersion(site)),
                        "shell cache: " + caches);
                assertTrue(caches.contains(CacheNames.MODELS), "model cache: " + caches);

                assertNothingLeft(browser);
                assertOnlySiteFiles(server, site);

                // Offline for real: nothing answers on the site's port any more, for the page or its service worker.
                server.close();
                serverStopped = true;
                cdp(browser, "Network.enable", Map.of());
                cdp(browser, "Network.emulateNetworkConditions", Map.of("offline", true, "latency", 0,
                        "downloadThroughput", -1, "uploadThroughput", -1));
                browser.driver().navigate().refresh();
                browser.waitForAttribute("#net-status", "data-online", "false", SHORT);
                waitReadyOffline(browser);
                process(browser, TestImages.chelsea());
                int threads = Integer.parseInt(browser.attribute("#backend-info", "data-threads"));
                assertTrue(threads > 1, "offline, the page is still cross-origin isolated: " + threads + " threads");
                assertNothingLeft(browser);
            } catch (AssertionError | RuntimeException e) {
                browser.printDiagnostics(System.out);
                System.out.println("server log: " + server.requests());
                throw e;
            }
        } finally {
            if (!serverStopped) {
                server.close();
            }
        }
    }

    /**
     * A cached model whose bytes were changed (one byte flipped, same length) is caught by its SHA-256, discarded and
     * downloaded again; afterwards the cache holds the right bytes. The storage panel shows their size and deletes
     * them after a confirmation.
     */
    @Test
    void corruptCachedModelIsReplacedAndCanBeDeleted() throws IOException {
        Path site = ProjectDirs.requireSite();
        try (StaticServer server = StaticServer.start(site, "127.0.0.1", 0, "/", true);
                Browser browser = Browser.start()) {
            try {
                String base = server.url();
                String modelUrl = base + MODEL.path;
                browser.open(base + QUERY);
                browser.waitForAttribute("#offline-status", "data-ready", v -> !v.equals("checking")
                        && !v.equals("saving"), SHORT);
                // The site serves the model in parts; the worker caches it whole, under the whole file's URL.
                List<String> parts = IntStream.range(0, MODEL.parts()).mapToObj(MODEL::partPath)
                        .toList();
                Object stored = script(browser, """
                        const url = arguments[0];
                        Promise.all(arguments[2].map(p => fetch(p).then(r => r.arrayBuffer()))).then(buffers => {
                          const bytes = new Uint8Array(buffers.reduce((n, b) => n + b.byteLength, 0));
                          buffers.reduce((at, b) => (bytes.set(new Uint8Array(b), at), at + b.byteLength), 0);
                          bytes[bytes.length >> 1] ^= 0xff;
                          return caches.open(arguments[1]).then(c => c.put(url, new Response(bytes)));
                        }).then(() => done('stored'), e => done(String(e)));
                        """, modelUrl, CacheNames.MODELS, parts.stream().map(p -> base + p).toList());
                assertEquals("stored", stored);
                int before = server.requests().size();

                browser.driver().navigate().refresh();
                process(browser, TestImages.coffee());
                List<String> after = server.requests().subList(before, server.requests().size());
                assertTrue(after.containsAll(parts.stream().map(p -> "/" + p).toList()),
                        "the model was not downloaded again: " + after);

                Map<?, ?> cached = script(browser, """
                        caches.open(arguments[1]).then(c => c.match(arguments[0]))
                          .then(r => r.arrayBuffer())
                          .then(b => crypto.subtle.digest('SHA-256', b).then(d => done({ bytes: b.byteLength,
                            sha256: Array.from(new Uint8Array(d), x => x.toString(16).padStart(2, '0')).join('') })))
                          .catch(e => done({ error: String(e) }));
                        """, modelUrl, CacheNames.MODELS);
                assertEquals(MODEL.sha256, cached.get("sha256"), "cached model after the run: " + cached);
                assertEquals(MODEL.bytes, ((Number) cached.get("bytes")).longValue());

                browser.waitForAttribute("#storage-usage", "data-model-bytes", Long.toString(MODEL.bytes), SHORT);
                assertTrue(allText(browser, "#storage-usage").contains("44.3 MB"), allText(browser, "#storage-usage"));
                browser.driver().findElement(By.cssSelector("#storage-panel summary")).click();
                browser.driver().findElement(By.id("delete-models")).click();
                String question = allText(browser, "#delete-confirm-text");
                assertTrue(question.contains("44.3 MB") && question.contains("download them again"), question);
                browser.driver().findElement(By.id("delete-models-confirm")).click();
                browser.waitForAttribute("#storage-usage", "data-model-bytes", "0", SHORT);
                browser.waitForAttribute("#offline-status", "data-ready", "needs-model", SHORT);
                assertEquals(Boolean.FALSE, script(browser, """
                        caches.open(arguments[1]).then(c => c.match(arguments[0])).then(r => done(!!r));
                        """, modelUrl, CacheNames.MODELS));
                assertNothingLeft(browser);
                assertOnlySiteFiles(server, site);
            } catch (AssertionError | RuntimeException e) {
                browser.printDiagnostics(System.out);
                System.out.println("server log: " + server.requests());
                throw e;
            }
        }
    }

    /**
     * Under a path prefix without COOP/COEP the app works single-threaded. With the origin's storage quota forced
     * down to 20 MB (neither the 27 MB shell nor the 44 MB model fits) it still processes the photo and says in plain
     * words that it cannot keep the model or work offline.
     */
    @Test
    void subpathWithoutIsolationAndFullStorageStillWorksOnline() throws IOException {
        Path site = ProjectDirs.requireSite();
        try (StaticServer server = StaticServer.start(site, "127.0.0.1", 0, "/tools/cutout/", false);
                Browser browser = Browser.start()) {
            try {
                String base = server.url();
                cdp(browser, "Storage.overrideQuotaForOrigin",
                        Map.of("origin", "http://127.0.0.1:" + server.port(), "quotaSize", 20_000_000));
                browser.open(base + QUERY);
                process(browser, TestImages.astronaut());
                assertEquals("1", browser.attribute("#backend-info", "data-threads"));
                assertEquals(Boolean.FALSE, ((JavascriptExecutor) browser.driver())
                        .executeScript("return self.crossOriginIsolated"));

                String offline = browser.waitForAttribute("#offline-status", "data-ready",
                        v -> v.equals("failed") || v.equals("true"), SHORT);
                assertEquals("failed", offline, browser.text("#offline-status"));
                assertTrue(browser.text("#offline-status").contains("storage for the site is full"),
                        browser.text("#offline-status"));
                String page = browser.text("body");
                assertTrue(page.contains("not enough storage space on this device to keep the 8-bit model"), page);
                assertNotEquals("true", browser.attribute("#offline-status", "data-ready"));
                // The storage panel says it too (the note above is the editor's; this one is the panel's own).
                browser.waitForAttribute("#storage-message", "data-kind", "store-failed", SHORT);
                assertTrue(allText(browser, "#storage-message").contains("not enough storage space"),
                        "storage panel: " + allText(browser, "#storage-panel"));

                assertNothingLeft(browser);
                assertOnlySiteFiles(server, site);
            } catch (AssertionError | RuntimeException e) {
                browser.printDiagnostics(System.out);
                System.out.println("server log: " + server.requests());
                throw e;
            }
        }
    }

    /**
     * A new build changes sw.js (build/precache.mjs stamps a hash of every shell file into it), so the browser installs
     * it next to the running version; the page offers the update, switches on request, and the old shell cache is
     * deleted. No photo is processed: the shell alone is enough.
     */
    @Test
    void newBuildIsOfferedAndReplacesTheOldCache() throws Exception {
        Path copy = Files.createTempDirectory("cutout-site-");
        try {
            copySiteWithoutModels(ProjectDirs.requireSite(), copy);
            String v1 = precacheVersion(copy);
            try (StaticServer server = StaticServer.start(copy, "127.0.0.1", 0, "/", true);
                    Browser browser = Browser.start()) {
                try {
                    browser.open(server.url());
                    browser.waitForAttribute("#offline-status", "data-ready", "needs-model", SHORT);
                    assertTrue(shellCaches(browser).contains("cutout-shell / " + v1), shellCaches(browser).toString());

                    // "Deploy" a new build: one shell file changes, the build step restamps sw.js.
                    Files.writeString(copy.resolve("app.css"), "\n/* new build */\n", StandardOpenOption.APPEND);
                    runPrecache(copy);
                    String v2 = precacheVersion(copy);
                    assertNotEquals(v1, v2, "a changed shell file must change the version");
                    assertTrue(Files.readString(copy.resolve("sw.js")).contains("\"" + v2 + "\""));

                    browser.driver().navigate().refresh();
                    new WebDriverWait(browser.driver(), SHORT)
                            .until(d -> d.findElement(By.id("update-app")).isDisplayed());
                    assertTrue(shellCaches(browser).contains("cutout-shell / " + v1), "still on the old version");
                    browser.driver().findElement(By.id("update-app")).click();
                    // The page reloads itself once the new worker has taken over; scripts may fail meanwhile.
                    new WebDriverWait(browser.driver(), SHORT, Duration.ofMillis(250))
                            .ignoring(WebDriverException.class)
                            .until(d -> shellCaches(browser).equals(List.of("cutout-shell / " + v2)));
                    browser.waitForAttribute("#offline-status", "data-ready", "needs-model", SHORT);
                    String css = (String) script(browser, "fetch('app.css').then(r => r.text()).then(done);");
                    assertTrue(css.contains("/* new build */"), "the page runs the new build");
                    assertNothingLeft(browser);
                } catch (AssertionError | RuntimeException e) {
                    browser.printDiagnostics(System.out);
                    throw e;
                }
            }
        } finally {
            FileTrees.delete(copy);
        }
    }

    private static List<?> shellCaches(Browser browser) {
        List<?> all = script(browser, "caches.keys().then(done);");
        return all.stream().filter(name -> String.valueOf(name).startsWith("cutout-shell")).toList();
    }

    private static void copySiteWithoutModels(Path site, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(site)) {
            for (Path from : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(site.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(target);
                } else if (!from.getFileName().toString().matches(".*\\.onnx(\\.\\d\\d)?")) {
                    Files.copy(from, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void runPrecache(Path site) throws IOException, InterruptedException {
        Process node = new ProcessBuilder("node", ProjectDirs.root().resolve("build/precache.mjs").toString(),
                site.toString()).redirectErrorStream(true).start();
        String output = new String(node.getInputStream().readAllBytes());
        assertEquals(0, node.waitFor(), "build/precache.mjs failed: " + output);
    }

    private static void process(Browser browser, Path photo) {
        browser.waitForAttribute("body", "data-app", "ready", SHORT);
        long start = System.nanoTime();
        browser.uploadFile("#file-input", photo);
        String state = browser.waitForAttribute("#status", "data-state",
                v -> v.equals("done") || v.equals("error"), RUN);
        assertEquals("done", state, "processing " + photo.getFileName() + ": " + browser.text("body"));
        System.out.printf("[offline-it] %s processed in %.1f s%n", photo.getFileName(),
                (System.nanoTime() - start) / 1e9);
    }

    private static void waitReadyOffline(Browser browser) {
        String ready = browser.waitForAttribute("#offline-status", "data-ready",
                v -> v.equals("true") || v.equals("failed") || v.equals("unsupported"), SHORT);
        assertEquals("true", ready, browser.text("#offline-status"));
        assertTrue(browser.text("#offline-status").contains("offline"), browser.text("#offline-status"));
    }

    /** The element's text, also where it is not visible (a closed details element). */
    private static String allText(Browser browser, String css) {
        return browser.driver().findElement(By.cssSelector(css)).getDomProperty("textContent");
    }

    /** The page tried to send nothing off this machine. */
    private static void assertNothingLeft(Browser browser) {
        assertEquals(List.of(), browser.trap().requests(), "requests that tried to leave the machine");
    }

    /** Every request the server saw was for one of the site's own files, under its path prefix. */
    private static void assertOnlySiteFiles(StaticServer server, Path site) {
        String base = server.url().substring(server.url().indexOf('/', "http://".length()));
        for (String path : server.requests()) {
            assertTrue(path.startsWith(base), "request outside the site's path: " + path);
            String relative = path.substring(base.length());
            if (relative.isEmpty() || relative.endsWith("/")) {
                relative += "index.html";
            }
            assertTrue(Files.isRegularFile(site.resolve(relative)), "request for a file the site lacks: " + path);
        }
    }

    private static String precacheVersion(Path site) throws IOException {
        Matcher m = Pattern.compile("\"version\": \"(\\w+)\"").matcher(Files.readString(site.resolve("precache.json")));
        assertTrue(m.find(), "precache.json has no version");
        return m.group(1);
    }

    /** Runs an async script; {@code done(value)} returns the value. */
    @SuppressWarnings("unchecked")
    private static <T> T script(Browser browser, String body, Object... args) {
        return (T) ((JavascriptExecutor) browser.driver()).executeAsyncScript(
                "const done = arguments[arguments.length - 1];\n" + body, args);
    }

    private static Map<String, Object> cdp(Browser browser, String command, Map<String, Object> params) {
        return ((ChromiumDriver) browser.driver()).executeCdpCommand(command, params);
    }
}
