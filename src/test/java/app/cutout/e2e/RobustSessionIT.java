package app.cutout.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.cutout.server.StaticServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * A long session: 30 photos one after another, as a person working through a folder would, with memory measured
 * after each (see {@link MemoryFigures}). After the warm-up of the first three (model, runtime, caches), memory must
 * stay flat: nothing may pile up per photo (tensors, object URLs, Java arrays). Then every photo is removed, and the
 * object URLs of the removed photos must be revoked.
 */
class RobustSessionIT {
    private static final int PHOTOS = 30;
    /** Growth allowed over the level after the third photo: 1.5× plus 50 MB, as the issue asks. */
    private static final double FACTOR = 1.5;
    private static final long SLACK = 50 * MemoryFigures.MB;

    @Test
    void thirtyPhotosInARowLeaveMemoryWhereItWas() throws Exception {
        Path site = ProjectDirs.requireSite();
        Path dir = ProjectDirs.root().resolve("target/corpus/session");
        Files.createDirectories(dir);
        List<Path> photos = new ArrayList<>();
        for (int i = 0; i < PHOTOS; i++) {
            Path file = dir.resolve(String.format("photo-%02d.jpg", i + 1));
            Files.write(file, BadInputs.jpeg(BadInputs.scene(300, 200, i)));
            photos.add(file);
        }

        try (StaticServer server = StaticServer.start(site, "127.0.0.1", 0, true);
                Browser browser = Browser.builder().flag("--enable-blink-features=ForceEagerMeasureMemory").build()) {
            try (DevTools devTools = DevTools.connect(browser)) {
                CutoutPage page = new CutoutPage(browser);
                page.open(server.url() + "?backend=wasm&model=quint8&lang=en");
                String pageSession = devTools.attachPage(server.url());
                QueueRows queue = new QueueRows(browser);
                String worker = null;
                MemoryFigures start = MemoryFigures.measure(devTools, pageSession, null, true);
                System.out.println("before any photo: " + start);
                List<MemoryFigures> after = new ArrayList<>();
                for (int i = 0; i < PHOTOS; i++) {
                    long t = System.nanoTime();
                    browser.uploadFile("#file-input", photos.get(i));
                    assertEquals("done", queue.awaitOutcome(i + 1, Duration.ofMinutes(10)),
                            photos.get(i).getFileName() + ": " + queue.status(i + 1));
                    if (worker == null) {
                        worker = devTools.worker("cutout-inference");
                    }
                    boolean checkpoint = i == 2 || i == PHOTOS - 1;
                    MemoryFigures figures = MemoryFigures.measure(devTools, pageSession, worker, checkpoint);
                    after.add(figures);
                    System.out.printf("photo %2d done in %5.1f s; %s%n", i + 1, (System.nanoTime() - t) / 1e9,
                            figures);
                }
                MemoryFigures third = after.get(2);
                MemoryFigures last = after.get(PHOTOS - 1);
                assertWithin("page heap", third.pageHeap(), last.pageHeap());
                assertWithin("worker heap", third.workerHeap(), last.workerHeap());
                if (third.workerBuffers() >= 0) {
                    // The worker's ArrayBuffers: output tensors' data must not pile up.
                    assertWithin("worker ArrayBuffers", third.workerBuffers(), last.workerBuffers());
                }
                assertWithin("renderer RSS", third.rendererRss(), last.rendererRss());

                List<String> urls = blobUrls(browser);
                assertTrue(urls.size() >= PHOTOS, "thumbnails use object URLs: " + urls.size());
                removeAll(browser);
                MemoryFigures cleared = MemoryFigures.measure(devTools, pageSession, worker, true);
                System.out.println("after removing all " + PHOTOS + " photos: " + cleared);
                for (String url : urls) {
                    assertTrue(isRevoked(browser, url), "object URL still alive after its photo was removed: " + url);
                }
                assertWithin("page heap once the photos are removed", third.pageHeap(), cleared.pageHeap());
                assertTrue(browser.trap().requests().isEmpty(), "requests left the machine: "
                        + browser.trap().requests());
            } catch (AssertionError | RuntimeException e) {
                browser.printDiagnostics(System.out);
                throw e;
            }
        }
    }

    private static void assertWithin(String what, long reference, long actual) {
        long bound = (long) (reference * FACTOR) + SLACK;
        assertTrue(actual <= bound, String.format("%s grew from %.1f MB (after photo 3) to %.1f MB, over the bound "
                + "of %.1f MB", what, reference / (double) MemoryFigures.MB, actual / (double) MemoryFigures.MB,
                bound / (double) MemoryFigures.MB));
    }

    @SuppressWarnings("unchecked")
    private static List<String> blobUrls(Browser browser) {
        return (List<String>) ((JavascriptExecutor) browser.driver()).executeScript(
                "return Array.from(document.querySelectorAll('#queue img')).map(i => i.src)"
                        + ".filter(s => s.startsWith('blob:'));");
    }

    private static void removeAll(Browser browser) {
        while (!browser.driver().findElements(By.cssSelector("#queue li .queue-remove")).isEmpty()) {
            browser.driver().findElements(By.cssSelector("#queue li .queue-remove")).get(0).click();
        }
    }

    private static boolean isRevoked(Browser browser, String url) {
        Object ok = ((JavascriptExecutor) browser.driver()).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0]).then(() => done(false), () => done(true));", url);
        return Boolean.TRUE.equals(ok);
    }
}
