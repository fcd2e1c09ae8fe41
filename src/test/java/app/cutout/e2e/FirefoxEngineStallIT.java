package app.cutout.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.cutout.server.StaticServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link RobustEngineStallIT}'s fault in Firefox ESR, the browser where ONNX Runtime's thread really stays silent
 * under load: the first engine thread gets a script that answers nothing, and the photo must still come out through
 * a fresh worker, whose first restart is reported at the 10 s deadline.
 */
class FirefoxEngineStallIT {
    @Test
    void aSilentEngineThreadCostsOneFreshWorkerInFirefox() throws Exception {
        try (StaticServer server = StaticServer.start(ProjectDirs.requireSite(), "127.0.0.1", 0, true);
                FaultyProxy proxy = FaultyProxy.start(server.url(), "ort-wasm-simd-threaded.mjs");
                FlowPage page = FirefoxBrowser.start()) {
            try {
                proxy.silenceNextWorker();
                page.open(proxy.url() + "?backend=wasm&model=quint8&lang=en");
                page.waitForAttribute("body", "data-app", "ready"::equals, Duration.ofSeconds(90));
                long t = System.nanoTime();
                page.upload("#file-input", List.of(TestImages.chelsea()));
                assertEquals("done", page.waitForAttribute(QueueRows.row(1), "data-state",
                        v -> "done".equals(v) || "error".equals(v), Duration.ofMinutes(5)), page.text(QueueRows.row(1)));
                System.out.printf("[firefox] chelsea.png done %.1f s after the upload%n", (System.nanoTime() - t) / 1e9);
                String stalls = page.attribute("#backend-info", "data-engine-stalls");
                RobustEngineStallIT.assertScriptedThreadStallFirst(proxy, stalls);
                // Firefox may really hang again, in the replacement: the photo being done says the page got over
                // it too, and the run says how.
                String[] all = stalls.split(" ");
                for (int i = 1; i < all.length; i++) {
                    System.out.println("[firefox] a real hang, after the scripted one, replaced: " + all[i]);
                }
                assertTrue(page.trap().requests().isEmpty(), "requests left the machine: " + page.trap().requests());
            } catch (AssertionError | RuntimeException e) {
                page.diagnostics().forEach(System.out::println);
                System.out.println("proxy: " + proxy.log());
                // What CI's summary shows is this message: it carries what the page knew.
                throw new AssertionError(e.getMessage() + "; #backend-info stalls "
                        + page.attribute("#backend-info", "data-engine-stalls") + "; proxy " + proxy.log(), e);
            }
        }
    }
}
