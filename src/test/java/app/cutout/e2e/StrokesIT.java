package app.cutout.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.cutout.core.edit.Confidence;
import app.cutout.core.edit.EdgeColours;
import app.cutout.server.StaticServer;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;

/**
 * Keep and Remove on the real model (CPU backend, default refinement): on plant.jpg the model picks the blue
 * clothes-peg and misses the plant. A Keep stroke across the leaves and a Remove stroke on the peg, drawn with real
 * pointer events, must make the exported alpha 255 and 0 along them and bring it much closer to OpenCV's matte;
 * undo must give back each earlier alpha exactly, redo the later ones. The preview latency the page measured is
 * printed with its parts, which must be there and add up to it (timing is the benchmark's business, never asserted
 * here). Before drawing, the window is made smaller and larger again: the editor fits the photo to the new size
 * unless the user has zoomed, and the strokes drawn afterwards must still land where the pointer went.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StrokesIT {
    private static final Duration RUN = Duration.ofMinutes(10);
    private static final Duration SOLVE = Duration.ofMinutes(3);
    /** Brush size 20: strokes of radius 10 photo pixels. */
    private static final int SIZE = 20;
    private static final double RADIUS = SIZE / 2.0;
    /**
     * How far inside a stroke a pixel must lie to be checked: the solver holds a stroke exactly only on its centre
     * line's side of the photo's strong edges (this Remove stroke, 20 pixels wide on a peg about 15 wide, reaches
     * across the peg's edge onto the leaves, which keep their alpha there), and the page drops points closer than a
     * quarter of the radius to the last one it kept, which may cut a corner of the path by that much.
     */
    private static final double INSIDE = RADIUS / 2 - 1;

    private StaticServer server;
    private Browser browser;
    private EditorPage editor;

    @BeforeAll
    void start() throws IOException {
        server = StaticServer.start(ProjectDirs.requireSite(), "127.0.0.1", 0, true);
        browser = Browser.start();
        browser.driver().manage().window().setSize(new Dimension(1280, 1000));
        editor = new EditorPage(browser);
        new CutoutPage(browser).open(server.url() + "?backend=wasm&model=quint8");
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

    @Test
    void keepAndRemoveStrokesResolveTheAlphaAndUndoPerStroke() throws IOException {
        QueueRows queue = new QueueRows(browser);
        queue.upload(List.of(TestImages.plant()));
        assertEquals("done", queue.awaitOutcome(1, RUN), queue.status(1));
        browser.waitForAttribute("#result", "data-item", v -> v != null && !v.isEmpty(), Duration.ofMinutes(1));
        byte[] truth = gray(ImageIO.read(TestImages.plantMatte().toFile()));
        byte[] model = exportedAlpha();
        double modelIou = Masks.iou(model, truth);

        refitsWhenTheWindowResizes();

        WebElement viewport = browser.driver().findElement(By.id("viewport"));
        viewport.sendKeys("k");
        assertEquals("true", browser.driver().findElement(By.id("tool-keep")).getDomProperty("checked"),
                "k chooses Keep");
        editor.setRange("#brush-size", SIZE);
        // Choosing the tool has the strokes workers decode the photo; a person draws seconds later.
        browser.waitForAttribute("#viewport", "data-strokes-open", browser.attribute("#result", "data-item"),
                Duration.ofMinutes(2));
        assertEquals("true", browser.attribute("#viewport", "data-strokes-model-mask"),
                "both strokes workers have ISNet's own mask, which a Keep stroke on a part the model missed uses");
        double[][] keep = {{230, 90}, {300, 40}, {380, 60}, {420, 120}};
        editor.stroke(keep, () -> screenshot("strokes-1-keep-while-drawing"));
        String keepPreviewMs = awaitSolved(1);
        screenshot("strokes-2-after-keep");
        byte[] afterKeep = exportedAlpha();

        viewport.sendKeys("x");
        assertEquals("true", browser.driver().findElement(By.id("tool-remove")).getDomProperty("checked"),
                "x chooses Remove");
        double[][] remove = {{306, 100}, {308, 150}, {310, 205}};
        editor.stroke(remove, () -> screenshot("strokes-3-remove-while-drawing"));
        String removePreviewMs = awaitSolved(2);
        screenshot("strokes-4-after-remove");
        BufferedImage afterRemoveImage = exported();
        byte[] afterRemove = Masks.alpha(afterRemoveImage);

        int w = 500;
        int h = 333;
        assertEquals(w * h, afterRemove.length, "plant.jpg is 500x333");
        edgeColoursFollowTheSubject(afterRemoveImage, afterRemove, model);
        // "Check this one" follows the strokes: the queue row's score is that of the solved alpha.
        double modelScore = Confidence.measureSample(model, w, h).score;
        double strokesScore = Confidence.measureSample(afterRemove, w, h).score;
        System.out.printf("plant.jpg score: model %.4f, after the strokes %.4f%n", modelScore, strokesScore);
        assertTrue(Math.abs(strokesScore - modelScore) > 1e-3, "test set-up: the strokes change the score");
        assertEquals(strokesScore, Double.parseDouble(browser.attribute(QueueRows.row(1), "data-confidence")), 1e-9,
                "the queue row scores the alpha the strokes made");
        int kept = 0;
        int removed = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int a = afterRemove[y * w + x] & 0xFF;
                if (EditorPage.distanceToPath(x + 0.5, y + 0.5, remove) < INSIDE) {
                    assertEquals(0, a, "pixel (" + x + "," + y + ") under the Remove stroke");
                    removed++;
                } else if (EditorPage.distanceToPath(x + 0.5, y + 0.5, keep) < INSIDE) {
                    assertEquals(255, a, "pixel (" + x + "," + y + ") under the Keep stroke");
                    kept++;
                }
            }
        }
        assertTrue(kept > 1200 && removed > 600, "test set-up: the strokes cover " + kept + " and " + removed
                + " pixels");
        double keepIou = Masks.iou(afterKeep, truth);
        double strokesIou = Masks.iou(afterRemove, truth);
        System.out.printf("plant.jpg IoU against the matte: model %.4f, after Keep %.4f, after Keep and Remove %.4f%n",
                modelIou, keepIou, strokesIou);
        System.out.println("preview latency measured by the page (stroke end to the preview on screen): Keep "
                + keepPreviewMs + " ms, Remove " + removePreviewMs + " ms; full resolution "
                + browser.attribute("#viewport", "data-stroke-full-ms") + " ms after the Remove stroke");
        assertTrue(strokesIou > modelIou + 0.3, "the strokes should bring the alpha much closer to the matte: IoU "
                + modelIou + " -> " + strokesIou);

        viewport.sendKeys(Keys.chord(Keys.CONTROL, "z"));
        assertArrayEquals(afterKeep, exportedAlpha(), "undo gives back the alpha after the Keep stroke exactly");
        viewport.sendKeys(Keys.chord(Keys.CONTROL, "z"));
        assertArrayEquals(model, exportedAlpha(), "undo again gives back the model's alpha exactly");
        viewport.sendKeys(Keys.chord(Keys.CONTROL, "y"));
        assertArrayEquals(afterKeep, exportedAlpha(), "redo applies the Keep stroke again");
        viewport.sendKeys(Keys.chord(Keys.CONTROL, Keys.SHIFT, "z"));
        assertArrayEquals(afterRemove, exportedAlpha(), "redo applies the Remove stroke again");
        assertFalse(Boolean.parseBoolean(browser.driver().findElement(By.id("undo")).getDomProperty("disabled")));
    }

    /**
     * A smaller window fits the photo to the smaller viewport; once the user zooms, a larger window leaves the zoom
     * alone; Fit fits it again. plant.jpg is 500x333, so at both sizes the fitted scale is above 1 and differs.
     */
    private void refitsWhenTheWindowResizes() {
        String large = browser.attribute("#viewport", "data-zoom");
        browser.driver().manage().window().setSize(new Dimension(900, 760));
        String small = browser.waitForAttribute("#viewport", "data-zoom", v -> !v.equals(large), Duration.ofSeconds(30));
        assertFitted("after the window got smaller");
        editor.click("#zoom-in");
        String zoomed = browser.waitForAttribute("#viewport", "data-zoom", v -> !v.equals(small), Duration.ofSeconds(30));
        browser.driver().manage().window().setSize(new Dimension(1280, 1000));
        afterFrames();
        assertEquals(zoomed, browser.attribute("#viewport", "data-zoom"), "a zoomed photo stays zoomed on resize");
        editor.click("#zoom-fit");
        browser.waitForAttribute("#viewport", "data-zoom", large, Duration.ofSeconds(30));
        assertFitted("after Fit in the larger window");
        System.out.println("zoom fitted at 1280x1000 " + large + " %, at 900x760 " + small + " %, zoomed " + zoomed
                + " %");
    }

    /** The photo's box lies inside the viewport, centred, and touches two opposite sides of it (within a pixel). */
    private void assertFitted(String when) {
        afterFrames();
        @SuppressWarnings("unchecked")
        List<Number> r = (List<Number>) ((JavascriptExecutor) browser.driver()).executeScript(
                "const v = document.getElementById('viewport'), s = document.getElementById('cutout-canvas')"
                + ".getBoundingClientRect(); const l = v.getBoundingClientRect().left + v.clientLeft,"
                + " t = v.getBoundingClientRect().top + v.clientTop;"
                + " return [s.left - l, s.top - t, v.clientWidth - s.right + l, v.clientHeight - s.bottom + t];");
        double left = r.get(0).doubleValue();
        double top = r.get(1).doubleValue();
        double right = r.get(2).doubleValue();
        double bottom = r.get(3).doubleValue();
        String box = when + ": margins left " + left + ", top " + top + ", right " + right + ", bottom " + bottom;
        assertTrue(left > -1.5 && top > -1.5 && right > -1.5 && bottom > -1.5, box);
        assertTrue(Math.abs(left - right) < 1.5 && Math.abs(top - bottom) < 1.5, box);
        assertTrue(Math.min(left + right, top + bottom) < 3, box);
    }

    /** Returns after two animation frames: resize events and layout have been handled. */
    private void afterFrames() {
        ((JavascriptExecutor) browser.driver()).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + " requestAnimationFrame(() => requestAnimationFrame(() => done(true)));");
    }

    /**
     * Waits for the n-th solve at full resolution; returns the preview latency the page measured for it, after
     * checking that its parts are there and add up to it.
     */
    private String awaitSolved(int n) {
        browser.waitForAttribute("#viewport", "data-strokes", Integer.toString(n), SOLVE);
        assertEquals("done", browser.attribute("#viewport", "data-stroke-state"));
        String previewMs = browser.attribute("#viewport", "data-stroke-preview-ms");
        String solveMs = browser.attribute("#viewport", "data-stroke-preview-solve-ms");
        String parts = browser.attribute("#viewport", "data-stroke-preview-parts");
        assertTrue(previewMs != null && previewMs.matches("\\d+"), "data-stroke-preview-ms: " + previewMs);
        assertTrue(solveMs != null && solveMs.matches("\\d+"), "data-stroke-preview-solve-ms: " + solveMs);
        assertTrue(parts != null, "data-stroke-preview-parts is set");
        double sum = 0;
        for (String part : List.of("send", "to", "queue", "solve", "bitmap", "back", "draw", "frame")) {
            sum += number(parts, part);
        }
        // The parts run from the stroke's end to the frame on one clock, one after the other.
        assertEquals(Double.parseDouble(previewMs), sum, 3, "the parts " + parts + " add up to " + previewMs + " ms");
        assertEquals(Double.parseDouble(solveMs), number(parts, "solve"), 1, parts);
        // plant.jpg is smaller than the screen shows it: the preview solves it at its own size.
        assertEquals(500, number(parts, "width"), parts);
        assertEquals(333, number(parts, "height"), parts);
        System.out.println("preview parts, ms: " + parts);
        return previewMs;
    }

    private static double number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":(-?[0-9.]+(?:E-?[0-9]+)?)").matcher(json);
        assertTrue(m.find(), key + " in " + json);
        return Double.parseDouble(m.group(1));
    }

    private byte[] exportedAlpha() {
        return Masks.alpha(exported());
    }

    private BufferedImage exported() {
        EditorPage.Download png = editor.export("png");
        return CutoutPage.decodePng(png.bytes(), png.name());
    }

    /**
     * Where the strokes made a pixel soft that the model had opaque or transparent, its colour is the photo's mix of
     * subject and what was behind (the leaves' new edge along the removed peg: leaf and blue peg); the export and the
     * editor's canvas give it the colour of the opaque subject beside it instead ({@code EdgeColours}). Colours of soft
     * pixels pass through premultiplied canvases, so they are compared within the rounding that allows.
     */
    private void edgeColoursFollowTheSubject(BufferedImage image, byte[] alpha, byte[] model) throws IOException {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] exported = image.getRGB(0, 0, w, h, null, 0, w);
        BufferedImage photo = ImageIO.read(TestImages.plant().toFile());
        // The editor's canvas around the peg, as the page holds it.
        int x0 = 260;
        int y0 = 70;
        int cw = 100;
        int ch = 170;
        @SuppressWarnings("unchecked")
        List<Number> shown = (List<Number>) ((JavascriptExecutor) browser.driver()).executeScript(
                "const c = document.getElementById('cutout-canvas');"
                + " return Array.from(c.getContext('2d').getImageData(arguments[0], arguments[1], arguments[2],"
                + " arguments[3]).data);", x0, y0, cw, ch);
        int checked = 0;
        int recoloured = 0;
        int onCanvas = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                int a = alpha[i] & 0xFF;
                int m = model[i] & 0xFF;
                if (a < 64 || a == 255 || (m != 0 && m != 255)) {
                    continue;
                }
                int n = EdgeColours.nearestOpaque(alpha, w, h, i);
                int tolerance = 255 / (2 * a) + 2;
                // Only pixels the rule decides clearly: the export's soft colours are rounded through a premultiplied
                // canvas, which may move one near the threshold across it.
                if (n < 0 || Math.abs(channelDistance(exported[i], exported[n]) - EdgeColours.MIXED) <= tolerance) {
                    continue;
                }
                int expected = EdgeColours.pixel(exported, alpha, model, w, h, i);
                String where = "soft edge pixel (" + x + "," + y + ") alpha " + a;
                assertClose(expected, exported[i], tolerance, where + " in the export");
                checked++;
                if (channelDistance(expected, photo.getRGB(x, y)) > 40) {
                    recoloured++;
                }
                if (x >= x0 && x < x0 + cw && y >= y0 && y < y0 + ch) {
                    int k = 4 * ((y - y0) * cw + (x - x0));
                    int canvas = shown.get(k).intValue() << 16 | shown.get(k + 1).intValue() << 8
                            | shown.get(k + 2).intValue();
                    assertEquals(a, shown.get(k + 3).intValue(), where + ": the canvas's alpha");
                    assertClose(exported[i], canvas, tolerance, where + " on the editor's canvas");
                    onCanvas++;
                }
            }
        }
        System.out.printf("soft edge pixels the strokes made: %d checked, %d of them recoloured by more than 40 levels,"
                + " %d compared on the canvas%n", checked, recoloured, onCanvas);
        assertTrue(checked > 300 && recoloured > 30 && onCanvas > 20, "test set-up: the strokes make soft edges whose"
                + " colour changes (" + checked + ", " + recoloured + ", " + onCanvas + ")");
    }

    private static int channelDistance(int p, int q) {
        int d = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            d = Math.max(d, Math.abs((p >> shift & 0xFF) - (q >> shift & 0xFF)));
        }
        return d;
    }

    private static void assertClose(int expected, int actual, int tolerance, String what) {
        assertTrue(channelDistance(expected, actual) <= tolerance, what + ": expected about "
                + Integer.toHexString(expected & 0xFFFFFF) + ", got " + Integer.toHexString(actual & 0xFFFFFF));
    }

    private static byte[] gray(BufferedImage image) {
        Raster raster = image.getRaster();
        byte[] out = new byte[image.getWidth() * image.getHeight()];
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                out[y * image.getWidth() + x] = (byte) raster.getSample(x, y, 0);
            }
        }
        return out;
    }

    /** The editor section as the user sees it, under target/screenshots/. */
    private void screenshot(String name) {
        byte[] png = browser.driver().findElement(By.id("result")).getScreenshotAs(OutputType.BYTES);
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            Path file = ProjectDirs.root().resolve("target/screenshots/" + name + ".png");
            Files.createDirectories(file.getParent());
            ImageIO.write(image, "png", file.toFile());
            System.out.println("screenshot " + file);
        } catch (IOException e) {
            throw new AssertionError("screenshot " + name, e);
        }
    }
}
