package app.cutout.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.cutout.server.StaticServer;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The engine's threads never start: the first of ONNX Runtime's WebAssembly threads that the page's first inference
 * worker starts is served a script that answers no message (the scripted fault {@link FaultyProxy#silenceNextWorker}),
 * as happens in Firefox under load, where the runtime then waits forever. The worker must say so after its deadline,
 * the page must replace it, and the photo chosen meanwhile must come out as it would have, with the next photo
 * needing no replacement.
 */
class RobustEngineStallIT {
    private static final Duration RUN = Duration.ofMinutes(5);

    @Test
    void aWorkerWhoseEngineThreadNeverAnswersIsReplacedAndThePhotoComesOut() throws Exception {
        Path site = ProjectDirs.requireSite();
        Path photoFile = TestImages.astronaut();
        ReferenceMask.Mask reference = ReferenceMask.of(photoFile);
        BufferedImage photo = ImageIO.read(photoFile.toFile());
        try (StaticServer server = StaticServer.start(site, "127.0.0.1", 0, true);
                FaultyProxy proxy = FaultyProxy.start(server.url(), "ort-wasm-simd-threaded.mjs");
                Browser browser = Browser.start()) {
            try {
                proxy.silenceNextWorker();
                CutoutPage page = new CutoutPage(browser);
                page.open(proxy.url() + "?backend=wasm&model=quint8&lang=en");
                QueueRows queue = new QueueRows(browser);
                long t = System.nanoTime();
                queue.upload(List.of(photoFile));
                assertEquals("done", queue.awaitOutcome(1, RUN), queue.status(1));
                System.out.printf("astronaut.png done %.1f s after the upload; proxy: %s%n",
                        (System.nanoTime() - t) / 1e9, proxy.log());

                assertOneStallAtTheDeadline(proxy, page.backendInfo("engine-restarts"),
                        page.backendInfo("engine-stall-ms"));

                BufferedImage cutout = queue.result(1, RUN);
                Artifacts.save("RobustEngineStallIT-astronaut.png", cutout);
                CutoutAssertions.assertSameSize(photo, cutout);
                CutoutAssertions.assertIou(Masks.alpha(cutout), reference.alpha(), 0.98, "the JVM reference mask");

                queue.upload(List.of(TestImages.chelsea()));
                assertEquals("done", queue.awaitOutcome(2, RUN), queue.status(2));
                assertEquals("1", page.backendInfo("engine-restarts"), "the replacement's engine runs on");
                assertTrue(browser.trap().requests().isEmpty(), "requests left the machine: "
                        + browser.trap().requests());
            } catch (AssertionError | RuntimeException e) {
                browser.printDiagnostics(System.out);
                System.out.println("proxy: " + proxy.log());
                throw e;
            }
        }
    }

    /**
     * One thread got the silent script, and the page replaced its worker once, at the first deadline: the values of
     * {@code #backend-info[data-engine-restarts]} and {@code [data-engine-stall-ms]}.
     */
    static void assertOneStallAtTheDeadline(FaultyProxy proxy, String restarts, String stallMs) {
        assertEquals(1, proxy.log().stream().filter(l -> l.endsWith(" SILENT")).count(),
                "one thread got the silent script: " + proxy.log());
        assertEquals("1", restarts, "#backend-info data-engine-restarts");
        double waited = Double.parseDouble(stallMs);
        assertTrue(waited >= 9_900 && waited < 20_000, "the stall is reported at the 10 s deadline: " + waited);
    }
}
