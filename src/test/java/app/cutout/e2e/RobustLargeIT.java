package app.cutout.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.cutout.core.image.ImageLimits;
import app.cutout.server.StaticServer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * Large photos: a 50-megapixel synthetic photo comes back as a full-resolution cutout without the tab running out
 * of memory, and a 120-megapixel one (past {@link ImageLimits#MAX_PIXELS}) is refused with an offer of a smaller
 * copy, which, once accepted, is processed, shown in the editor and exported at the offered size. The renderer's
 * peak memory is printed for each.
 *
 * <p>Cutouts this large are checked inside the page (size and a coarse grid of alpha) rather than fetched whole
 * through WebDriver.
 */
class RobustLargeIT {
    private static final Duration RUN = Duration.ofMinutes(20);

    @Test
    void fiftyMegapixelsAtFullResolutionAndAnOfferBeyondTheLimit() throws Exception {
        Path site = ProjectDirs.requireSite();
        Path dir = ProjectDirs.root().resolve("target/corpus/large");
        Path fifty = synthetic(dir.resolve("synthetic-8660x5774.jpg"), 8660, 5774);
        Path huge = synthetic(dir.resolve("synthetic-12000x10000.jpg"), 12000, 10000);
        int[] offer = ImageLimits.fit(12000, 10000);

        try (StaticServer server = StaticServer.start(site, "127.0.0.1", 0, true);
                Browser browser = Browser.start();
                DevTools devTools = DevTools.connect(browser)) {
            try {
                CutoutPage page = new CutoutPage(browser);
                page.open(server.url() + "?backend=wasm&model=quint8&lang=en");
                QueueRows queue = new QueueRows(browser);
                System.out.printf("renderer RSS before: %.0f MB%n", mb(MemoryFigures.rendererRss(devTools)));

                // 50 MP at full resolution.
                long peak = whilePeakRss(devTools, () -> {
                    queue.upload(List.of(fifty));
                    assertEquals("done", queue.awaitOutcome(1, RUN), "50 MP: " + queue.status(1));
                });
                System.out.printf("50 MP: %s; app timings %s; peak renderer RSS %.0f MB%n", queue.status(1),
                        browser.attribute("#timings", "data-timings"), mb(peak));
                Map<String, Object> cutout = summary(browser, resultUrl(browser));
                assertEquals(8660L, cutout.get("width"), "full-resolution width");
                assertEquals(5774L, cutout.get("height"), "full-resolution height");
                assertSubjectCutOut(cutout);

                // 120 MP: refused with an offer; accepted, it is processed at the offered size.
                queue.upload(List.of(huge));
                assertEquals("error", queue.awaitOutcome(2, RUN), "120 MP must be refused first");
                String refusal = queue.status(2);
                String offered = offer[0] + " × " + offer[1];
                assertTrue(refusal.contains("12000 × 10000") && refusal.contains("Process at " + offered),
                        "the refusal names the size and the offer: " + refusal);
                assertNotNull(queue.retryButton(2), "the offer is a button");
                assertEquals("Process at " + offered, queue.retryButton(2).getText());
                long peakSmaller = whilePeakRss(devTools, () -> {
                    queue.retryButton(2).click();
                    assertEquals("done", queue.awaitOutcome(2, RUN), "the smaller copy: " + queue.status(2));
                });
                String done = queue.status(2);
                System.out.printf("120 MP offered as %s: %s; app timings %s; peak renderer RSS %.0f MB%n", offered,
                        done, browser.attribute("#timings", "data-timings"), mb(peakSmaller));
                assertTrue(done.contains("reduced from 12000 × 10000"), "the result says it is smaller: " + done);
                Map<String, Object> smaller = summary(browser, resultUrl(browser));
                assertEquals((long) offer[0], smaller.get("width"));
                assertEquals((long) offer[1], smaller.get("height"));
                assertSubjectCutOut(smaller);

                // The editor and the export work at that size too.
                String id = browser.attribute(QueueRows.row(2), "data-id");
                browser.driver().findElement(By.cssSelector(QueueRows.row(2) + " .queue-open")).click();
                browser.waitForAttribute("#result", "data-item", id::equals, RUN);
                browser.select("#export-format", "png");
                browser.driver().findElement(By.id("export-button")).click();
                browser.waitForAttribute("#download", "data-state", s -> s.equals("done") || s.equals("error"), RUN);
                assertEquals("done", browser.attribute("#download", "data-state"), "export of the smaller copy: "
                        + page.message());
                Map<String, Object> exported = summary(browser,
                        browser.driver().findElement(By.id("download")).getDomProperty("href"));
                assertEquals((long) offer[0], exported.get("width"), "exported width");
                assertEquals((long) offer[1], exported.get("height"), "exported height");
                assertSubjectCutOut(exported);
                assertTrue(browser.trap().requests().isEmpty(), "requests left the machine: "
                        + browser.trap().requests());
            } catch (AssertionError | RuntimeException e) {
                browser.printDiagnostics(System.out);
                throw e;
            }
        }
    }

    /** A photo-like JPEG: a warm figure on a graded, lightly textured background. Kept between runs. */
    static Path synthetic(Path file, int width, int height) throws IOException {
        if (Files.isRegularFile(file)) {
            return file;
        }
        Files.createDirectories(file.getParent());
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        for (int y = 0; y < height; y += 4) {
            int shade = 140 + 80 * y / height;
            g.setColor(new Color(80 + (y / 4) % 7, shade, Math.min(255, shade + 30)));
            g.fillRect(0, y, width, 4);
        }
        g.setColor(new Color(190, 95, 55));
        g.fillOval(width * 3 / 10, height * 35 / 100, width * 4 / 10, height * 6 / 10);
        g.setColor(new Color(110, 60, 40));
        g.fillOval(width * 42 / 100, height * 12 / 100, width * 16 / 100, height * 26 / 100);
        g.dispose();
        Path tmp = Files.createTempFile(file.getParent(), "synthetic", ".jpg");
        ImageIO.write(image, "jpg", tmp.toFile());
        Files.move(tmp, file);
        return file;
    }

    private static String resultUrl(Browser browser) {
        return browser.driver().findElement(By.cssSelector("#result-image")).getDomProperty("src");
    }

    /**
     * Decodes the image at {@code url} inside the page and returns its size and its alpha on a 100-wide grid
     * ({@code alpha}: comma-separated, row by row, {@code gw × gh}).
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> summary(Browser browser, String url) {
        Object result = ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
                const url = arguments[0], done = arguments[arguments.length - 1];
                fetch(url).then(r => r.blob()).then(b => createImageBitmap(b, {premultiplyAlpha: 'none'}))
                  .then(bitmap => {
                    const gw = 100, gh = Math.max(1, Math.round(100 * bitmap.height / bitmap.width));
                    const canvas = new OffscreenCanvas(gw, gh), context = canvas.getContext('2d');
                    context.drawImage(bitmap, 0, 0, gw, gh);
                    const data = context.getImageData(0, 0, gw, gh).data, alpha = [];
                    for (let i = 3; i < data.length; i += 4) alpha.push(data[i]);
                    done({width: bitmap.width, height: bitmap.height, gw: gw, gh: gh, alpha: alpha.join(',')});
                    bitmap.close();
                  })
                  .catch(e => done({error: String(e)}));
                """, url);
        Map<String, Object> map = (Map<String, Object>) result;
        if (map.get("error") != null) {
            throw new AssertionError("Cannot decode " + url + " in the page: " + map.get("error"));
        }
        return map;
    }

    /** The figure's body is opaque and the corners transparent, on the coarse grid. */
    private static void assertSubjectCutOut(Map<String, Object> summary) {
        int gw = ((Number) summary.get("gw")).intValue();
        int gh = ((Number) summary.get("gh")).intValue();
        String[] values = ((String) summary.get("alpha")).split(",");
        int body = Integer.parseInt(values[(int) (gh * 0.65) * gw + gw / 2]);
        assertTrue(body >= 200, "the figure's body must be opaque, alpha " + body);
        for (int[] corner : new int[][] {{1, 1}, {gw - 2, 1}, {1, gh - 2}, {gw - 2, gh - 2}}) {
            int a = Integer.parseInt(values[corner[1] * gw + corner[0]]);
            assertTrue(a <= 30, "corner " + corner[0] + "," + corner[1] + " must be transparent, alpha " + a);
        }
    }

    /** Runs the action while sampling the renderer's resident memory; returns the peak. */
    private static long whilePeakRss(DevTools devTools, Runnable action) throws InterruptedException {
        AtomicLong peak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    peak.accumulateAndGet(MemoryFigures.rendererRss(devTools), Math::max);
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // The browser is busy; try again at the next tick.
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        try {
            action.run();
        } finally {
            sampler.interrupt();
            sampler.join();
        }
        return peak.get();
    }

    private static double mb(long bytes) {
        return bytes / (double) MemoryFigures.MB;
    }
}
