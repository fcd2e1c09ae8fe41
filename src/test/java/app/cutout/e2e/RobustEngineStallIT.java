package app.cutout.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chromium.ChromiumDriver;

/**
 * An engine that never starts, in Chromium with the real model:
 * <ul>
 * <li>Its threads never start: the first of ONNX Runtime's WebAssembly threads that the page's first inference
 * worker starts is served a script that answers no message (the scripted fault {@link FaultyProxy#silenceNextWorker}),
 * as happens in Firefox under load, where the runtime then waits forever. The worker must say so after its deadline,
 * the page must replace it, and the photo chosen meanwhile must come out as it would have, with the next photo
 * needing no replacement.
 * <li>It is stuck on something that says nothing: the first inference worker's fetch of the runtime's WebAssembly
 * never answers ({@link #RUNTIME_NEVER_COMES}). The page must take the worker's silence for a hang at its deadline
 * and replace it.
 * <li>It is merely slow: the same download takes 40 s, past that deadline, but moves on all along
 * ({@link #RUNTIME_COMES_SLOWLY}). The page must wait for it.
 * <li>The page was frozen (as a browser freezes a hidden tab) while the stuck worker was silent, for longer than the
 * deadline: the page must not count the pause, and replaces the worker a deadline after waking.
 * </ul>
 * And a helper worker that never starts: the export worker never gets past its script's first line
 * ({@link #EXPORT_NEVER_STARTS}); the export asked of it must still be made, by its replacement.
 */
class RobustEngineStallIT {
    private static final Duration RUN = Duration.ofMinutes(5);
    /** How long {@link #aPageFrozenWhileItsWorkerIsSilentStartsTheClockAgainOnWaking} keeps the page frozen. */
    private static final Duration FROZEN = Duration.ofSeconds(36);
    /** The runtime's WebAssembly, as the worker fetches it; only the page's inference worker is touched. */
    private static final String RUNTIME_FETCH = "if (self.name === \"cutout-inference\") {\n"
            + "  const fetchBefore = self.fetch;\n"
            + "  let touched = false;\n"
            + "  self.fetch = function (input) {\n"
            + "    const url = String(input && input.url || input);\n"
            + "    if (touched || !/\\/ort\\/ort-wasm-simd-threaded\\.wasm$/.test(url)) {\n"
            + "      return fetchBefore.apply(this, arguments);\n"
            + "    }\n"
            + "    touched = true;\n";
    /** Put before the inference worker's script: its first fetch of the runtime's WebAssembly never answers. */
    static final String RUNTIME_NEVER_COMES = RUNTIME_FETCH
            + "    return new Promise(() => {});\n"
            + "  };\n"
            + "}\n";
    /**
     * Put before the export worker's script: the worker starts, then spins without a word on the first export it is
     * asked for (its own message handler never runs).
     */
    static final String EXPORT_HANGS = "if (self.name === \"cutout-export\") { self.addEventListener(\"message\", "
            + "(e) => { if (e.data && e.data.type === \"export\") { for (;;) {} } }); }\n";

    /**
     * Put before the full-resolution strokes worker's script: it starts and opens photos, then spins without a word on
     * the first stroke it is asked to solve.
     */
    static final String STROKES_HANG = "if (self.name === \"cutout-strokes\") { self.addEventListener(\"message\", "
            + "(e) => { if (e.data && e.data.type === \"strokes-solve\") { for (;;) {} } }); }\n";

    /** Put before the export worker's script: the module never finishes loading, so the worker never starts. */
    static final String EXPORT_NEVER_STARTS = "if (self.name === \"cutout-export\") { await new Promise(() => {}); }\n";
    /** The seconds {@link #RUNTIME_COMES_SLOWLY} takes, a part of the file a second. */
    static final int SLOW_SECONDS = 40;
    /** Put before the inference worker's script: the runtime's WebAssembly comes in 40 parts, one a second. */
    static final String RUNTIME_COMES_SLOWLY = RUNTIME_FETCH
            + "    return fetchBefore.apply(this, arguments).then((r) => r.arrayBuffer().then((b) => {\n"
            + "      const bytes = new Uint8Array(b);\n"
            + "      const size = Math.ceil(bytes.length / " + SLOW_SECONDS + ");\n"
            + "      let part = 0;\n"
            + "      const body = new ReadableStream({ pull(c) {\n"
            + "        return new Promise((go) => setTimeout(go, 1000)).then(() => {\n"
            + "          c.enqueue(bytes.slice(part * size, (part + 1) * size));\n"
            + "          if (++part === " + SLOW_SECONDS + ") { c.close(); }\n"
            + "        });\n"
            + "      } });\n"
            + "      return new Response(body, { status: r.status, statusText: r.statusText, headers: r.headers });\n"
            + "    }));\n"
            + "  };\n"
            + "}\n";

    @Test
    void aWorkerWhoseEngineThreadNeverAnswersIsReplacedAndThePhotoComesOut() throws Exception {
        Path photoFile = TestImages.astronaut();
        ReferenceMask.Mask reference = ReferenceMask.of(photoFile);
        BufferedImage photo = ImageIO.read(photoFile.toFile());
        behindProxy("ort-wasm-simd-threaded.mjs", FaultyProxy::silenceNextWorker, (proxy, browser, page, queue) -> {
            long t = System.nanoTime();
            queue.upload(List.of(photoFile));
            assertEquals("done", queue.awaitOutcome(1, RUN), queue.status(1));
            System.out.printf("astronaut.png done %.1f s after the upload; proxy: %s%n",
                    (System.nanoTime() - t) / 1e9, proxy.log());

            assertOneStallAtTheDeadline(proxy, page.backendInfo("engine-restarts"), page.backendInfo("engine-stalls"));

            BufferedImage cutout = queue.result(1, RUN);
            Artifacts.save("RobustEngineStallIT-astronaut.png", cutout);
            CutoutAssertions.assertSameSize(photo, cutout);
            CutoutAssertions.assertIou(Masks.alpha(cutout), reference.alpha(), 0.98, "the JVM reference mask");

            queue.upload(List.of(TestImages.chelsea()));
            assertEquals("done", queue.awaitOutcome(2, RUN), queue.status(2));
            assertEquals("1", page.backendInfo("engine-restarts"), "the replacement's engine runs on");
        });
    }

    @Test
    void aWorkerSilentWhileItStartsItsEngineIsReplacedAtTheDeadline() throws Exception {
        Path photoFile = TestImages.astronaut();
        ReferenceMask.Mask reference = ReferenceMask.of(photoFile);
        // The page starts its inference and export workers at once; the fault acts in the first only.
        behindProxy("worker.js", proxy -> proxy.prefixWorkers(RUNTIME_NEVER_COMES, "HELD", 2),
                (proxy, browser, page, queue) -> {
                    long t = System.nanoTime();
                    queue.upload(List.of(photoFile));
                    assertEquals("done", queue.awaitOutcome(1, RUN), queue.status(1));
                    System.out.printf("astronaut.png done %.1f s after the upload; stalls: %s; proxy: %s%n",
                            (System.nanoTime() - t) / 1e9, page.backendInfo("engine-stalls"), proxy.log());

                    assertEquals("1", page.backendInfo("engine-restarts"), "#backend-info data-engine-restarts");
                    String[] stall = page.backendInfo("engine-stalls").split(":");
                    assertEquals("silent", stall[0], "the worker said nothing: the page noticed its silence");
                    double waited = Double.parseDouble(stall[1]);
                    // The page shows whole milliseconds: a look just past the deadline reads 30000.
                    assertTrue(waited >= 30_000 && waited < 40_000, "replaced at the 30 s deadline: " + waited);
                    CutoutAssertions.assertIou(Masks.alpha(queue.result(1, RUN)), reference.alpha(), 0.98,
                            "the JVM reference mask");
                });
    }

    @Test
    void aPageFrozenWhileItsWorkerIsSilentStartsTheClockAgainOnWaking() throws Exception {
        behindProxy("worker.js", proxy -> proxy.prefixWorkers(RUNTIME_NEVER_COMES, "HELD", 2),
                (proxy, browser, page, queue) -> {
                    // A hidden tab frozen by the browser for longer than the deadline, its worker stuck meanwhile.
                    ChromiumDriver driver = (ChromiumDriver) browser.driver();
                    driver.executeCdpCommand("Page.setWebLifecycleState", Map.of("state", "frozen"));
                    Thread.sleep(FROZEN.toMillis());
                    driver.executeCdpCommand("Page.setWebLifecycleState", Map.of("state", "active"));
                    long woke = System.nanoTime();
                    queue.upload(List.of(TestImages.chelsea()));
                    assertEquals("done", queue.awaitOutcome(1, RUN), queue.status(1));
                    double seconds = (System.nanoTime() - woke) / 1e9;
                    String stalls = page.backendInfo("engine-stalls");
                    System.out.printf("chelsea.png done %.1f s after the page woke; stalls: %s%n", seconds, stalls);
                    // Counting the frozen time as silence would have replaced the worker at once, after 35 s of it.
                    String[] stall = stalls.split(":");
                    assertEquals("silent", stall[0], stalls);
                    double waited = Double.parseDouble(stall[1]);
                    // Looks come each second from the restarted clock, so this one is 30000 ms and a fraction, shown rounded.
                    assertTrue(waited >= 30_000 && waited < FROZEN.toMillis(), "the deadline counted from waking: "
                            + waited);
                    assertTrue(seconds > 30, "the stuck worker was replaced a deadline after waking: " + seconds);
                });
    }

    @Test
    void anExportAskedOfAWorkerThatNeverStartedIsMadeByItsReplacement() throws Exception {
        behindProxy("worker.js", proxy -> proxy.prefixWorkers(EXPORT_NEVER_STARTS, "HELD", 2),
                (proxy, browser, page, queue) -> {
                    long t = System.nanoTime();
                    EditorPage.Download png = inTheEditor(browser, queue).export("png");
                    double seconds = (System.nanoTime() - t) / 1e9;
                    System.out.printf("chelsea.png exported %.1f s after the upload; proxy: %s%n", seconds,
                            proxy.log());
                    assertEquals("chelsea-cutout.png", png.name());
                    assertArrayEquals(Masks.alpha(page.result()), Masks.alpha(CutoutPage.decodePng(png.bytes(),
                            png.name())), "the export has the cutout's alpha");
                    assertTrue(seconds > 25, "made by the worker started at the 30 s deadline: " + seconds + " s");
                    assertNull(page.backendInfo("engine-restarts"), "the inference worker was not touched");
                });
    }

    @Test
    void anExportWorkerThatHangsMidJobIsEndedWithAMessageAndTheNextExportIsMade() throws Exception {
        behindProxy("worker.js", proxy -> proxy.prefixWorkers(EXPORT_HANGS, "HANGS", 2),
                (proxy, browser, page, queue) -> {
                    EditorPage editor = inTheEditor(browser, queue);
                    long t = System.nanoTime();
                    String state = editor.exportOutcome("png");
                    double seconds = (System.nanoTime() - t) / 1e9;
                    String message = browser.text("#message");
                    System.out.printf("the hung export ended %.1f s after it was asked for: %s; proxy: %s%n",
                            seconds, message, proxy.log());
                    assertEquals("error", state, "the hung export must end, and say so: " + message);
                    assertTrue(message.contains("Exporting stopped answering for 6"), message);
                    assertTrue(seconds > 59 && seconds < 90, "ended at the 60 s deadline: " + seconds + " s");
                    assertEquals("done", queue.state(1), "the photo is kept: " + queue.status(1));

                    EditorPage.Download png = editor.export("png");
                    assertEquals("chelsea-cutout.png", png.name());
                    assertArrayEquals(Masks.alpha(page.result()), Masks.alpha(CutoutPage.decodePng(png.bytes(),
                            png.name())), "the next export is made, by a fresh worker");
                    assertNull(page.backendInfo("engine-restarts"), "the inference worker was not touched");
                });
    }

    @Test
    void aStrokesWorkerThatHangsMidSolveIsEndedWithAMessageAndTheNextStrokeIsSolved() throws Exception {
        // Four worker scripts get the fault (inference, export and both strokes workers); it acts in the full one.
        // No service worker, which would otherwise hand the strokes workers its stored copy of the script.
        behindProxy("worker.js", proxy -> {
            proxy.prefixWorkers(STROKES_HANG, "HANGS", 4);
            proxy.hide("/sw.js");
        },
                (proxy, browser, page, queue) -> {
                    EditorPage editor = inTheEditor(browser, queue);
                    editor.tool("keep");
                    long t = System.nanoTime();
                    editor.drag(new double[] {150, 150}, new double[] {300, 170});
                    String state = browser.waitForAttribute("#viewport", "data-stroke-state",
                            s -> s.equals("done") || s.equals("error"), Duration.ofMinutes(3));
                    double seconds = (System.nanoTime() - t) / 1e9;
                    String message = browser.text("#message");
                    System.out.printf("the hung stroke ended %.1f s after it was drawn: %s; proxy: %s%n", seconds,
                            message, proxy.log());
                    assertEquals("error", state, "the hung stroke must end, and say so: " + message);
                    assertTrue(message.contains("strokes stopped answering for 6"), message);
                    assertTrue(seconds > 59 && seconds < 90, "ended at the 60 s deadline: " + seconds + " s");
                    assertNull(browser.attribute("#viewport", "data-strokes"), "nothing was applied");

                    editor.drag(new double[] {150, 150}, new double[] {300, 170});
                    browser.waitForAttribute("#viewport", "data-strokes", "1", Duration.ofMinutes(2));
                    assertEquals("done", browser.attribute("#viewport", "data-stroke-state"),
                            "the next stroke is solved at full resolution, by a fresh worker");
                    assertEquals("done", queue.state(1), "the photo is kept: " + queue.status(1));
                });
    }

    @Test
    void aRuntimeDownloadSlowerThanTheDeadlineIsWaitedFor() throws Exception {
        long t = System.nanoTime();
        behindProxy("worker.js", proxy -> proxy.prefixWorkers(RUNTIME_COMES_SLOWLY, "SLOW", 2),
                (proxy, browser, page, queue) -> {
                    queue.upload(List.of(TestImages.chelsea()));
                    assertEquals("done", queue.awaitOutcome(1, RUN), queue.status(1));
                    double seconds = (System.nanoTime() - t) / 1e9;
                    System.out.printf("chelsea.png done %.1f s after the browser started; proxy: %s%n", seconds,
                            proxy.log());
                    assertTrue(seconds > SLOW_SECONDS - 5, "the slow download was waited for: " + seconds + " s");
                    assertNull(page.backendInfo("engine-restarts"), "a download that moves on is no hang: "
                            + page.backendInfo("engine-stalls"));
                });
    }

    /** Cuts chelsea.png out and waits for the editor to show it. */
    private static EditorPage inTheEditor(Browser browser, QueueRows queue) {
        queue.upload(List.of(TestImages.chelsea()));
        assertEquals("done", queue.awaitOutcome(1, RUN), queue.status(1));
        browser.waitForAttribute("#result", "data-item", v -> v != null && !v.isEmpty(), Duration.ofMinutes(1));
        return new EditorPage(browser);
    }

    /** What a test does with the page, open behind the proxy. */
    private interface Scenario {
        void run(FaultyProxy proxy, Browser browser, CutoutPage page, QueueRows queue) throws Exception;
    }

    /**
     * Opens the app in Chromium behind a {@link FaultyProxy} whose faults apply to paths ending in {@code suffix} and
     * are set by {@code fault} before the page opens, runs the scenario, and checks that nothing left the machine.
     */
    private static void behindProxy(String suffix, Consumer<FaultyProxy> fault, Scenario scenario)
            throws Exception {
        FaultyProxy.withChromium(suffix, fault, (proxy, browser) -> {
            CutoutPage page = new CutoutPage(browser);
            page.open(proxy.url() + "?backend=wasm&model=quint8&lang=en");
            scenario.run(proxy, browser, page, new QueueRows(browser));
        });
    }

    /**
     * One thread got the silent script, and the page replaced its worker once, at the first deadline: the values of
     * {@code #backend-info[data-engine-restarts]} and {@code [data-engine-stalls]}.
     */
    static void assertOneStallAtTheDeadline(FaultyProxy proxy, String restarts, String stalls) {
        assertEquals("1", restarts, "#backend-info data-engine-restarts: " + stalls);
        assertScriptedThreadStallFirst(proxy, stalls);
    }

    /**
     * One thread got the silent script, and the page's first replacement was for it, at the 10 s deadline
     * ({@code #backend-info[data-engine-stalls]}, which lists every replacement as {@code cause:ms}).
     */
    static void assertScriptedThreadStallFirst(FaultyProxy proxy, String stalls) {
        assertEquals(1, proxy.log().stream().filter(l -> l.endsWith(" SILENT")).count(),
                "one thread got the silent script: " + proxy.log());
        String[] first = String.valueOf(stalls).split(" ")[0].split(":");
        assertEquals("thread", first[0], "the first replacement was for the silent thread: " + stalls);
        double waited = Double.parseDouble(first[1]);
        assertTrue(waited >= 9_900 && waited < 20_000, "the stall is reported at the 10 s deadline: " + waited);
    }
}
