package app.cutout.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.cutout.server.StaticServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The model download goes wrong, as networks do: first it is cut off partway, then (resumed by the browser's HTTP
 * cache with a Range request) it arrives with one byte changed. Each time the photo fails with a message saying what
 * happened and offers Try again; the changed bytes are never run (their SHA-256 does not match); the third attempt
 * asks the server afresh, bypassing the HTTP cache that now holds the bad bytes, and the photo comes out.
 */
class RobustDownloadIT {
    private static final Duration RUN = Duration.ofMinutes(10);

    @Test
    void anInterruptedOrCorruptDownloadIsRefusedAndCanBeRetried() throws Exception {
        Path site = ProjectDirs.requireSite();
        try (StaticServer server = StaticServer.start(site, "127.0.0.1", 0, true);
                FaultyProxy proxy = FaultyProxy.start(server.url(), ".onnx");
                Browser browser = Browser.start()) {
            try {
                CutoutPage page = new CutoutPage(browser);
                page.open(proxy.url() + "?backend=wasm&model=quint8&lang=en");
                QueueRows queue = new QueueRows(browser);
                proxy.cutNext();
                queue.upload(List.of(TestImages.astronaut()));

                assertEquals("error", queue.awaitOutcome(1, RUN), "a cut download must fail the photo");
                String cut = queue.status(1);
                System.out.println("cut off: " + cut);
                assertTrue(cut.contains("interrupted") && cut.contains("Try again"), cut);
                assertNotNull(queue.retryButton(1), "Try again is offered");
                assertEquals("Try again", queue.retryButton(1).getText());

                proxy.corrupt(true);
                queue.retryButton(1).click();
                browser.waitForAttribute(QueueRows.row(1), "data-state", s -> !s.equals("error"), RUN);
                assertEquals("error", queue.awaitOutcome(1, RUN), "changed bytes must never be run");
                String corrupt = queue.status(1);
                System.out.println("corrupt: " + corrupt);
                assertTrue(corrupt.contains("corrupt"), corrupt);
                assertNotNull(queue.retryButton(1), "Try again is offered again");

                proxy.corrupt(false);
                queue.retryButton(1).click();
                browser.waitForAttribute(QueueRows.row(1), "data-state", s -> !s.equals("error"), RUN);
                assertEquals("done", queue.awaitOutcome(1, RUN), "the third download is whole: " + queue.status(1));
                List<String> downloads = proxy.log().stream().filter(l -> l.contains(".onnx")).toList();
                System.out.println("model requests: " + downloads);
                assertTrue(downloads.get(downloads.size() - 1).endsWith(" 200"),
                        "after the bad bytes, the model is asked afresh, whole, from the server: " + downloads);
                assertTrue(browser.trap().requests().isEmpty(), "requests left the machine: "
                        + browser.trap().requests());
            } catch (AssertionError | RuntimeException e) {
                browser.printDiagnostics(System.out);
                System.out.println("proxy: " + proxy.log());
                throw e;
            }
        }
    }
}
