package app.cutout.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.cutout.server.StaticServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The ways a photo gets in besides the file picker, and a photo stored sideways: a JPEG whose EXIF Orientation tag
 * says "rotate 90° clockwise" must come back upright; files dropped on the page and an image pasted from the clipboard
 * must join the queue and be processed. Real model, CPU backend.
 *
 * <p>Selenium cannot drop files from the operating system or fill the clipboard, so the page is sent the same events
 * a browser sends: {@code dragover} and {@code drop} carrying a {@code DataTransfer} with {@code File}s, and a
 * {@code paste} {@code ClipboardEvent}, built in the page from bytes the test passes in.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PhotoIntakeIT {
    private static final Duration RUN = Duration.ofMinutes(10);

    private StaticServer server;
    private Browser browser;
    private QueueRows queue;
    private EditorPage editor;

    @BeforeAll
    void start() throws IOException {
        server = StaticServer.start(ProjectDirs.requireSite(), "127.0.0.1", 0, true);
        browser = Browser.start();
        browser.driver().manage().window().setSize(new Dimension(1280, 1000));
        queue = new QueueRows(browser);
        editor = new EditorPage(browser);
        new CutoutPage(browser).open(server.url() + "?backend=wasm&model=quint8&refine=0");
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            assertTrue(browser.trap().requests().isEmpty(), "requests left the machine: " + browser.trap().requests());
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /**
     * chelsea.png (451x300) is stored turned a quarter to the left, 300x451, with Orientation 6: a viewer turns it a
     * quarter to the right to show it. The cutout must be 451x300 and match the upright photo pixel for pixel (within
     * JPEG's loss), and its mask the independent reference mask of the upright photo.
     */
    @Test
    @Order(1)
    void exifOrientationIsAppliedBeforeTheCutout() throws IOException {
        BufferedImage upright = ImageIO.read(TestImages.chelsea().toFile());
        int w = upright.getWidth();
        int h = upright.getHeight();
        BufferedImage stored = new BufferedImage(h, w, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < w; y++) {
            for (int x = 0; x < h; x++) {
                // Turning stored clockwise gives upright: upright(x', y') = stored(y', w - 1 - x').
                stored.setRGB(x, y, upright.getRGB(w - 1 - y, x));
            }
        }
        byte[] jpeg = JpegFiles.withOrientation(JpegFiles.jpeg(stored, 0.95f), 6);
        Path file = ProjectDirs.root().resolve("target/e2e/chelsea-exif6.jpg");
        Files.createDirectories(file.getParent());
        Files.write(file, jpeg);
        BufferedImage asStored = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertEquals(h + "x" + w, asStored.getWidth() + "x" + asStored.getHeight(),
                "test set-up: the file's pixels are stored sideways");

        queue.upload(List.of(file));
        assertEquals("done", queue.awaitOutcome(1, RUN), queue.status(1));
        BufferedImage cutout = queue.result(1, Duration.ofMinutes(1));
        assertEquals(w + "x" + h, cutout.getWidth() + "x" + cutout.getHeight(),
                "the cutout must have the displayed size (the stored one turned), not the stored " + h + "x" + w);

        // The colours: right orientation (small JPEG loss) versus the other ways it could have gone wrong.
        double upright0 = meanDifference(cutout, upright, 0);
        double upsideDown = meanDifference(cutout, upright, 180);
        System.out.printf("EXIF 6: mean difference from the upright photo %.2f, from it upside down %.2f%n",
                upright0, upsideDown);
        // JPEG at quality 0.95 costs about 3.4 (largest of the three channels, averaged).
        assertTrue(upright0 < 6, "the cutout's colours should be the upright photo's: mean difference " + upright0);
        assertTrue(upsideDown > 5 * upright0, "test set-up: upside down should differ far more (" + upsideDown + ")");

        ReferenceMask.Mask reference = ReferenceMask.of(TestImages.chelsea());
        CutoutAssertions.assertIou(Masks.alpha(cutout), reference.alpha(), 0.95, "the upright photo's reference mask");

        // Editor and export decode the file again: they must turn it the same way.
        assertEquals(Integer.toString(w), browser.attribute("#cutout-canvas", "width"));
        BufferedImage exported = CutoutPage.decodePng(editor.export("png").bytes(), "export");
        assertEquals(w + "x" + h, exported.getWidth() + "x" + exported.getHeight(), "the export is upright too");
        assertTrue(meanDifference(exported, upright, 0) < 6, "the export's colours are the upright photo's");
    }

    @Test
    @Order(2)
    void filesDroppedOnThePageAreProcessed() throws IOException {
        Path coffee = TestImages.coffee();
        Path messi = TestImages.messi();
        Map<?, ?> outcome = (Map<?, ?>) ((JavascriptExecutor) browser.driver()).executeScript(Transfers.SCRIPT
                + """
                const zone = document.getElementById('drop-zone');
                const over = new DragEvent('dragover', {bubbles: true, cancelable: true, dataTransfer: transfer});
                const overTaken = !zone.dispatchEvent(over);
                const highlighted = document.body.classList.contains('dragging');
                const drop = new DragEvent('drop', {bubbles: true, cancelable: true, dataTransfer: transfer});
                const dropTaken = !zone.dispatchEvent(drop);
                return {overTaken, highlighted, dropTaken, after: document.body.classList.contains('dragging')};
                """, List.of(Transfers.file(coffee, "image/png"), Transfers.file(messi, "image/jpeg")));
        assertEquals(Boolean.TRUE, outcome.get("overTaken"), "dragover must be taken (else the browser refuses the "
                + "drop): " + outcome);
        assertEquals(Boolean.TRUE, outcome.get("highlighted"), "the page shows where to drop: " + outcome);
        assertEquals(Boolean.TRUE, outcome.get("dropTaken"), "drop must be taken (else the browser opens the file "
                + "instead): " + outcome);
        assertEquals(Boolean.FALSE, outcome.get("after"), "the highlight goes after the drop: " + outcome);
        assertEquals(3, queue.count(), "both dropped photos join the queue");
        assertEquals("coffee.png", browser.text(QueueRows.row(2) + " .queue-name").trim());
        assertEquals("messi5.jpg", browser.text(QueueRows.row(3) + " .queue-name").trim());
        // Both first: the two may run at once, and the later one's finishing moves #result-image.
        assertEquals("done", queue.awaitOutcome(3, RUN), queue.status(3));
        assertDone(2, coffee);
        assertDone(3, messi);
    }

    @Test
    @Order(3)
    void anImagePastedFromTheClipboardIsProcessed() throws IOException {
        // What a browser hands over for a copied image: a PNG named image.png.
        Path squirrel = TestImages.squirrel();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(ImageIO.read(squirrel.toFile()), "png", png);
        Path pasted = ProjectDirs.root().resolve("target/e2e/image.png");
        Files.write(pasted, png.toByteArray());
        Boolean taken = (Boolean) ((JavascriptExecutor) browser.driver()).executeScript(Transfers.SCRIPT
                + """
                const paste = new ClipboardEvent('paste', {bubbles: true, cancelable: true, clipboardData: transfer});
                return !document.body.dispatchEvent(paste);
                """, List.of(Transfers.file(pasted, "image/png")));
        assertEquals(Boolean.TRUE, taken, "the page takes the paste");
        assertEquals(4, queue.count(), "the pasted image joins the queue");
        assertEquals("image.png", browser.text(QueueRows.row(4) + " .queue-name").trim());
        assertDone(4, squirrel);

        // Pasting text is left to the browser: nothing joins the queue.
        Boolean textTaken = (Boolean) ((JavascriptExecutor) browser.driver()).executeScript("""
                const transfer = new DataTransfer();
                transfer.setData('text/plain', 'hello');
                return !document.body.dispatchEvent(new ClipboardEvent('paste',
                    {bubbles: true, cancelable: true, clipboardData: transfer}));
                """);
        assertEquals(Boolean.FALSE, textTaken, "pasted text is not the app's");
        assertEquals(4, queue.count());
    }

    // ---- helpers ----

    private void assertDone(int row, Path photo) throws IOException {
        assertEquals("done", queue.awaitOutcome(row, RUN), queue.status(row));
        BufferedImage original = ImageIO.read(photo.toFile());
        BufferedImage cutout = queue.result(row, Duration.ofMinutes(1));
        CutoutAssertions.assertSameSize(original, cutout);
        double coverage = Masks.coverage(Masks.alpha(cutout));
        assertTrue(coverage > 0.02 && coverage < 0.98, "row " + row + ": the cutout should hold a subject and some "
                + "background; coverage " + coverage);
    }

    /** Mean RGB difference, over the cutout's opaque pixels, from {@code photo} turned by {@code degrees} (0, 180). */
    private static double meanDifference(BufferedImage cutout, BufferedImage photo, int degrees) {
        int w = photo.getWidth();
        int h = photo.getHeight();
        long sum = 0;
        long n = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int c = cutout.getRGB(x, y);
                if (c >>> 24 != 255) {
                    continue;
                }
                int p = degrees == 180 ? photo.getRGB(w - 1 - x, h - 1 - y) : photo.getRGB(x, y);
                sum += ExpectedImages.difference(c, p);
                n++;
            }
        }
        assertTrue(n > 1000, "the cutout has only " + n + " opaque pixels");
        return (double) sum / n;
    }
}
