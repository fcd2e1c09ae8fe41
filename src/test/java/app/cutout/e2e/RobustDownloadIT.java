package app.cutout.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.cutout.core.files.SiteParts;
import app.cutout.server.StaticServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The model download goes wrong, as networks do. The model comes in parts ({@code ModelSpec.partPath}); the faults
 * hit the second. First it is cut off partway: the photo fails with a message saying so and offers Try again, and
 * the part before it is kept (the third, asked ahead while the second came, is dropped), and so is what came of the
 * second before it stalled. Try again asks only from there on (a range request for the rest of the second part, then
 * the third), and this time it arrives with one byte changed: the whole file's SHA-256 does not match, the bytes
 * are never run, and Try again is offered again. The third attempt asks the server for every part afresh, bypassing
 * the browser's HTTP cache in case it holds the bad bytes, and the photo comes out. Last, the model is deleted in the
 * storage panel and the next page's photo downloads it whole from the server: the parts were not kept in the HTTP cache
 * (which would have answered from a second copy on disk after the server's 304), only the whole file in the app's
 * own cache.
 */
class RobustDownloadIT {
    private static final Duration RUN = Duration.ofMinutes(10);

    @Test
    void anInterruptedOrCorruptDownloadIsRefusedAndCanBeRetried() throws Exception {
        Path site = ProjectDirs.requireSite();
        try (StaticServer server = StaticServer.start(site, "127.0.0.1", 0, true);
                FaultyProxy proxy = FaultyProxy.start(server.url(), ".onnx.01");
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
                // The cut is 2/5 into the second part (from 21 MB on), after a stall in which the worker reads it.
                assertTrue(cut.matches(".*interrupted after 29 of 44 MB.*") && cut.contains("Try again"), cut);
                assertNotNull(queue.retryButton(1), "Try again is offered");
                assertEquals("Try again", queue.retryButton(1).getText());
                List<String> first = parts(proxy.log());
                assertEquals(List.of("00 200", "01 200 CUT"), first.subList(0, 2), "the first part, then the second "
                        + "cut off: " + first);
                assertTrue(first.stream().skip(2).allMatch(l -> l.startsWith("02 ")), "only the third part may "
                        + "have been asked too, ahead (and then dropped): " + first);

                proxy.corrupt(true);
                queue.retryButton(1).click();
                browser.waitForAttribute(QueueRows.row(1), "data-state", s -> !s.equals("error"), RUN);
                assertEquals("error", queue.awaitOutcome(1, RUN), "changed bytes must never be run");
                String corrupt = queue.status(1);
                System.out.println("corrupt: " + corrupt);
                assertTrue(corrupt.contains("corrupt"), corrupt);
                assertNotNull(queue.retryButton(1), "Try again is offered again");
                List<String> second = parts(proxy.log()).subList(first.size(), parts(proxy.log()).size());
                assertTrue(second.stream().noneMatch(l -> l.startsWith("00")), "the part that came whole is kept, "
                        + "not asked again: " + second);
                int partBytes = SiteParts.PART_BYTES;
                assertTrue(second.contains("01 206 bytes " + partBytes * 2 / 5 + "-" + (partBytes - 1) + "/" + partBytes
                        + " CORRUPT"), "the second part is asked from where it broke off: " + second);
                assertTrue(second.stream().anyMatch(l -> l.startsWith("02 ")), second.toString());

                proxy.corrupt(false);
                queue.retryButton(1).click();
                browser.waitForAttribute(QueueRows.row(1), "data-state", s -> !s.equals("error"), RUN);
                assertEquals("done", queue.awaitOutcome(1, RUN), "the third download is whole: " + queue.status(1));
                List<String> downloads = parts(proxy.log());
                System.out.println("model requests: " + downloads);
                List<String> third = downloads.subList(first.size() + second.size(), downloads.size());
                assertEquals(List.of("00 200", "01 200", "02 200"), third.stream().sorted().toList(),
                        "after the bad bytes, every part is asked afresh, whole, from the server: " + downloads);

                browser.driver().findElement(By.cssSelector("#storage-panel summary")).click();
                browser.driver().findElement(By.id("delete-models")).click();
                browser.driver().findElement(By.id("delete-models-confirm")).click();
                browser.waitForAttribute("#storage-usage", "data-model-bytes", "0", Duration.ofSeconds(30));
                // A new page: its worker has no session yet, so it needs the model.
                page.open(proxy.url() + "?backend=wasm&model=quint8&lang=en");
                queue.upload(List.of(TestImages.coffee()));
                assertEquals("done", queue.awaitOutcome(1, RUN), queue.status(1));
                List<String> fourth = parts(proxy.log()).subList(downloads.size(), parts(proxy.log()).size());
                assertEquals(List.of("00 200", "01 200", "02 200"), fourth.stream().sorted().toList(),
                        "after the model was deleted, it comes whole from the server, not from the HTTP cache: "
                                + fourth);
                assertTrue(browser.trap().requests().isEmpty(), "requests left the machine: "
                        + browser.trap().requests());
            } catch (AssertionError | RuntimeException e) {
                browser.printDiagnostics(System.out);
                System.out.println("proxy: " + proxy.log());
                throw e;
            }
        }
    }

    /** The proxy's log of the 8-bit model's parts: "NN status[ range][ fault]". */
    private static List<String> parts(List<String> log) {
        String file = "/models/isnet-quint8.onnx.";
        return log.stream().filter(l -> l.startsWith(file)).map(l -> l.substring(file.length())).toList();
    }
}
