package app.cutout.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.cutout.core.files.SiteParts;
import app.cutout.core.model.ModelSpec;
import app.cutout.core.text.Texts;
import app.cutout.server.StaticServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;

/**
 * Cutout where self-hosters often put it: on servers configured as theirs often are, in Chromium behind a {@link FaultyProxy} that
 * changes what the app's own server sends. A server that sends WebAssembly with a generic type (older nginx and
 * Apache configurations) still runs Cutout. One whose JavaScript modules come with a type browsers refuse, or that
 * lacks a file, or whose Content-Security-Policy is stricter than Cutout's, cannot; the page then says which file or
 * policy and what to do, instead of staying on "Starting Cutout…" (before, it did forever) or blaming the browser.
 * Neither can a page opened from a file, which says to serve it. A server on plain http:// elsewhere than this machine
 * (no secure context) runs it. No file of the site is larger than a model's part (20 MiB), so hosts with a per-file
 * limit serve it; a site copied without a part of ONNX Runtime's WebGPU build runs on the CPU and says why.
 */
class SelfHostingIT {
    private static final String GENERIC = "application/octet-stream";

    @Test
    void aServerThatSendsWebAssemblyWithAGenericTypeStillRunsCutout() throws Exception {
        behindProxy(proxy -> proxy.retype(".wasm", GENERIC), (proxy, browser) -> {
            CutoutPage page = new CutoutPage(browser);
            page.open(proxy.url() + "?backend=wasm&model=quint8&lang=en");
            assertEquals("done", page.process(TestImages.astronaut(), Duration.ofMinutes(3)), page.message());
            assertTrue(proxy.log().stream().anyMatch(l -> l.startsWith("/teavm/ui.wasm 200") && l.endsWith(GENERIC))
                    && proxy.log().stream().anyMatch(l -> l.startsWith("/teavm/worker.wasm 200"))
                    && proxy.log().stream().anyMatch(l -> l.matches("/ort/ort-wasm-simd-threaded\\.wasm 200.*"
                    + GENERIC)), "every WebAssembly file came with the generic type: " + proxy.log());
        });
    }

    @Test
    void aServerThatSendsModulesWithAGenericTypeIsNamedOnThePage() throws Exception {
        behindProxy(proxy -> proxy.retype(".mjs", GENERIC), (proxy, browser) -> {
            String message = startFails(browser, proxy);
            assertTrue(message.contains("this server sends teavm/runtime.mjs as “application/octet-stream”")
                    && message.contains("text/javascript") && message.contains("Self-hosting"), message);
        });
    }

    @Test
    void aServerThatAnswersAMissingFileWithItsHomePageNamesTheFile() throws Exception {
        behindProxy(proxy -> proxy.homePageFor("/teavm/ui.wasm"), (proxy, browser) -> {
            String message = startFails(browser, proxy);
            assertTrue(message.contains("this server answers teavm/ui.wasm with a “text/html")
                    && message.contains("instead of the file"), message);
        });
    }

    @Test
    void aServerWhosePolicyForbidsWhatCutoutRunsIsNamedOnThePage() throws Exception {
        // A policy an administrator might send for every site: WebAssembly allowed, generated JavaScript not.
        behindProxy(proxy -> proxy.header("Content-Security-Policy", "script-src 'self' 'wasm-unsafe-eval'"),
                (proxy, browser) -> {
                    String message = startFails(browser, proxy);
                    assertTrue(message.contains("this server's Content-Security-Policy blocks what it runs")
                            && message.contains("'unsafe-eval'"), message);
                });
    }

    @Test
    void aSiteCopiedWithoutAFileNamesTheFile() throws Exception {
        behindProxy(proxy -> proxy.hide("/teavm/ui.wasm"), (proxy, browser) -> {
            String message = startFails(browser, proxy);
            assertTrue(message.contains("this server answers teavm/ui.wasm with HTTP 404"), message);
        });
    }

    @Test
    void noFileOfTheSiteIsLargerThanAModelPart() throws Exception {
        Path site = ProjectDirs.requireSite();
        try (Stream<Path> files = Files.walk(site)) {
            List<String> large = files.filter(Files::isRegularFile)
                    .filter(f -> f.toFile().length() > SiteParts.PART_BYTES)
                    .map(f -> site.relativize(f) + " (" + f.toFile().length() + " bytes)").toList();
            assertEquals(List.of(), large, "hosts limit a file's size (Cloudflare Pages: 25 MiB)");
        }
        for (ModelSpec spec : ModelSpec.values()) {
            for (int i = 0; i < spec.parts(); i++) {
                assertEquals(spec.partBytes(i), site.resolve(spec.partPath(i)).toFile().length(), spec.partPath(i));
            }
        }
        long ort = SiteParts.ORT_WEBGPU_WASM_BYTES;
        for (int i = 0; i < SiteParts.count(ort); i++) {
            String part = SiteParts.path(SiteParts.ORT_WEBGPU_WASM, ort, i);
            assertEquals(SiteParts.length(ort, i), site.resolve(part).toFile().length(), part);
        }
    }

    @Test
    void aSiteCopiedWithoutAPartOfTheGpuRuntimeRunsOnTheCpu() throws Exception {
        String missing = "/" + SiteParts.path(SiteParts.ORT_WEBGPU_WASM, SiteParts.ORT_WEBGPU_WASM_BYTES, 1);
        FaultyProxy.withChromium("/never", proxy -> proxy.hide(missing), Browser::withWebGpu, (proxy, browser) -> {
            CutoutPage page = new CutoutPage(browser);
            page.open(proxy.url() + "?lang=en");
            page.choose("webgpu", "quint8");
            assertEquals("done", page.process(TestImages.astronaut(), Duration.ofMinutes(3)), page.message());
            assertTrue(proxy.log().contains(missing + " 404 HIDDEN"), proxy.log().toString());
            assertEquals("wasm", page.backendInfo("backend"), "finished on the CPU");
            String note = browser.text("#note");
            System.out.println("note: " + note);
            assertTrue(note.contains("WebGPU failed") && note.contains("404") && note.contains("CPU"), note);
        });
    }

    @Test
    void aServerOnPlainHttpElsewhereThanThisMachineRunsCutout() throws Exception {
        // http://cutout.test is no secure context (only https and this machine's own names are): no Web Crypto, no
        // storage, no service worker, no cross-origin isolation. Chromium resolves the name to the loopback server.
        try (StaticServer server = StaticServer.start(ProjectDirs.requireSite(), "127.0.0.1", 0, true);
                Browser browser = Browser.builder().flag("--host-resolver-rules=MAP cutout.test 127.0.0.1")
                        .flag("--proxy-bypass-list=cutout.test").build()) {
            String url = server.url().replace("127.0.0.1", "cutout.test");
            CutoutPage page = new CutoutPage(browser);
            try {
                page.open(url + "?lang=en");
                Object secure = ((JavascriptExecutor) browser.driver())
                        .executeScript("return [window.isSecureContext, typeof crypto.subtle];");
                assertEquals(List.of(false, "undefined"), secure, "the page is no secure context");
                assertEquals("done", page.process(TestImages.astronaut(), Duration.ofMinutes(3)), page.message());
                assertEquals("1", page.backendInfo("threads"), "no isolation, so one thread");
                assertTrue(browser.text("body").contains("downloaded again on each visit"),
                        "the page says the model cannot be kept here");
                assertTrue(browser.trap().requests().isEmpty(), "requests left the machine: "
                        + browser.trap().requests());
            } catch (AssertionError | RuntimeException e) {
                browser.printDiagnostics(System.out);
                throw e;
            }
        }
    }

    @Test
    void aStartThatStallsIsNamedAndKeepsThePhotosThatComeMeanwhile() throws Exception {
        String ui = "/teavm/ui.wasm";
        behindProxy(proxy -> proxy.hold(ui), (proxy, browser) -> {
            long t = System.nanoTime();
            // Not driver.get(), which may wait for the page to finish loading.
            ((JavascriptExecutor) browser.driver()).executeScript("location.assign(arguments[0]);",
                    proxy.url() + "?lang=en");
            browser.waitForAttribute("#note", "data-kind", "slow-start", Duration.ofSeconds(60));
            double after = (System.nanoTime() - t) / 1e9;
            String note = browser.text("#note");
            System.out.printf("after %.1f s: %s%n", after, note);
            assertTrue(after >= 19, "named after " + after + " s");
            Path shot = ProjectDirs.root().resolve("target/screenshots/SelfHostingIT-slow-start.png");
            Files.createDirectories(shot.getParent());
            Files.write(shot, ((TakesScreenshot) browser.driver()).getScreenshotAs(OutputType.BYTES));
            assertTrue(note.contains("taking long to start") && note.contains("20 seconds"), note);
            assertEquals("loading", browser.attribute("#status", "data-state"), "still starting");
            assertTrue(proxy.log().contains(ui + " HELD"), proxy.log().toString());

            // Photos that come meanwhile are kept for Cutout: one chosen, one dropped (which must not make the
            // browser leave the page for the file).
            QueueRows queue = new QueueRows(browser);
            queue.upload(List.of(TestImages.astronaut()));
            Path coffee = TestImages.coffee();
            Object dropped = ((JavascriptExecutor) browser.driver()).executeScript(Transfers.SCRIPT + """
                    const drop = new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: transfer });
                    return !document.body.dispatchEvent(drop);
                    """, List.of(Transfers.file(coffee, "image/png")));
            assertEquals(Boolean.TRUE, dropped, "the drop is the page's, not the browser's");
            assertEquals(0, queue.count());

            proxy.release(ui);
            browser.waitForAttribute("#status", "data-state", s -> !s.equals("loading"), Duration.ofSeconds(60));
            assertEquals(List.of(true, ""), ((JavascriptExecutor) browser.driver()).executeScript(
                    "const note = document.getElementById('note'); return [note.hidden, note.textContent];"),
                    "the note goes once Cutout runs");
            assertEquals(2, queue.count(), "both photos joined the queue when Cutout started");
            assertEquals("done", queue.awaitOutcome(1, Duration.ofMinutes(3)), queue.status(1));
            assertEquals("done", queue.awaitOutcome(2, Duration.ofMinutes(3)), queue.status(2));
            assertTrue(browser.text(QueueRows.row(2) + " .queue-name").contains(coffee.getFileName().toString()));
        });
    }

    /**
     * A language chosen in the menu is the next visit's, unless the address asks for another; boot.js's sentences
     * (shown before the page's code runs) follow the same choice. A fresh profile with no model stored, so that each
     * visit starts no model session.
     */
    @Test
    void theLanguageChosenInTheMenuIsTheNextVisitsUnlessTheAddressAsksForAnother() throws Exception {
        try (StaticServer server = StaticServer.start(ProjectDirs.requireSite(), "127.0.0.1", 0, true);
                Browser browser = Browser.start()) {
            String plain = server.url() + "?backend=wasm&model=quint8";
            visit(browser, plain);
            browser.select("#language-select", "es");
            visit(browser, plain);
            assertEquals(List.of("es", "es", bootText("es")), language(browser), "a new visit, no ?lang=");
            visit(browser, plain + "&lang=en");
            assertEquals(List.of("en", "en", bootText("en")), language(browser), "?lang=en comes first");
            visit(browser, plain);
            assertEquals(List.of("es", "es", bootText("es")), language(browser), "?lang=en did not change the kept");
            browser.select("#language-select", "en");
            visit(browser, plain);
            assertEquals(List.of("en", "en", bootText("en")), language(browser), "English chosen again is kept too");
        }
    }

    /**
     * Opens the page and waits until its worker has started and warmed its engine up: leaving a page while its worker
     * starts ONNX Runtime crashed Chromium's tab here (three visits within 3 s; see the stop 29 note).
     */
    private static void visit(Browser browser, String url) {
        browser.open(url);
        browser.waitForAttribute("body", "data-app", "ready", Duration.ofSeconds(60));
        browser.waitForAttribute("#backend-info", "data-warmup-ms", s -> s != null && !s.isEmpty(),
                Duration.ofSeconds(60));
    }

    /** The page's language menu, its {@code <html lang>}, and the sentence boot.js would show for a slow start. */
    private static List<Object> language(Browser browser) {
        JavascriptExecutor js = (JavascriptExecutor) browser.driver();
        return List.of(browser.attribute("html", "lang"),
                js.executeScript("return document.getElementById('language-select').value;"),
                js.executeScript("return self.cutoutBootText('boot.slow');"));
    }

    private static String bootText(String lang) {
        String before = Texts.language();
        Texts.use(lang);
        try {
            return Texts.t("boot.slow");
        } finally {
            Texts.use(before);
        }
    }

    @Test
    void aPageOpenedFromAFileSaysToServeIt() throws Exception {
        try (Browser browser = Browser.start()) {
            browser.open(ProjectDirs.requireSite().resolve("index.html").toUri().toString());
            browser.waitForAttribute("#status", "data-state", "error", Duration.ofSeconds(30));
            String message = browser.text("#message");
            System.out.println("opened from a file: " + message);
            assertTrue(message.contains("Cutout cannot run from a file") && message.contains("./cutout serve"),
                    message);
            assertTrue(browser.trap().requests().isEmpty(), "requests left the machine: "
                    + browser.trap().requests());
        }
    }

    /** Opens the page, which must fail to start within seconds; its message. */
    private static String startFails(Browser browser, FaultyProxy proxy) {
        long t = System.nanoTime();
        browser.open(proxy.url());
        browser.waitForAttribute("#status", "data-state", "error", Duration.ofSeconds(30));
        String message = browser.text("#message");
        System.out.printf("failed to start after %.1f s: %s%n", (System.nanoTime() - t) / 1e9, message);
        return message;
    }

    private static void behindProxy(Consumer<FaultyProxy> setUp, FaultyProxy.Scenario scenario) throws Exception {
        FaultyProxy.withChromium("/never", setUp, scenario);
    }
}
