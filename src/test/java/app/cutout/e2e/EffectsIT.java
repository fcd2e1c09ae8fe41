package app.cutout.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.cutout.core.edit.DistanceTransform;
import app.cutout.core.edit.Shadow;
import app.cutout.server.StaticServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chromium.ChromiumDriver;

/**
 * Shadows, outline, sticker, size presets and "Apply to all", on cutouts of astronaut.png and chelsea.png made by
 * the real model (CPU backend, refinement off) in Chromium. Every check reads the files the page downloads: the
 * image, and the mask alone at the same layout, against what the JVM's own {@code Shadow} and
 * {@code DistanceTransform} say of that mask. Screenshots of the states go to {@code target/screenshots/effects-*}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EffectsIT {
    private static final Duration RUN = Duration.ofMinutes(10);

    private StaticServer server;
    private Browser browser;
    private EditorPage editor;
    private JavascriptExecutor js;

    @BeforeAll
    void start() throws IOException {
        server = StaticServer.start(ProjectDirs.requireSite(), "127.0.0.1", 0, true);
        browser = Browser.start();
        browser.driver().manage().window().setSize(new Dimension(1280, 1000));
        js = (JavascriptExecutor) browser.driver();
        editor = new EditorPage(browser);
        new CutoutPage(browser).open(server.url() + "?backend=wasm&model=quint8&refine=0");
        QueueRows queue = new QueueRows(browser);
        queue.upload(List.of(TestImages.astronaut(), TestImages.chelsea()));
        assertEquals("done", queue.awaitOutcome(1, RUN), queue.status(1));
        assertEquals("done", queue.awaitOutcome(2, RUN), queue.status(2));
        browser.waitForAttribute("#result", "data-item", v -> v != null && !v.isEmpty(), Duration.ofMinutes(1));
        editor.open(1);
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
    @Order(1)
    void theControlsShowWhatTheyDoAndThePreviewFollows() throws IOException {
        assertTrue(hidden("#look-preview"), "no preset and no effect: the editor's own view is the download");
        assertTrue(hidden("#shadow-drop-controls"), "drop shadow settings only for a drop shadow");
        editor.click("input[name=shadow][value=drop]");
        assertFalse(hidden("#shadow-drop-controls"), "a drop shadow shows its settings");
        awaitPreview();
        assertFalse(hidden("#look-preview"), "a shadow is previewed");
        screenshot("effects-01-controls");
    }

    @Test
    @Order(2)
    void dropShadowLiesWhereTheMasksOffsetAndBlurPutIt() throws IOException {
        editor.click(".swatch[data-color='#ffffff']");
        editor.click("input[name=shadow][value=drop]");
        editor.setRange("#shadow-angle", 45);
        editor.setRange("#shadow-distance", 20);
        editor.setRange("#shadow-blur", 6);
        editor.setRange("#shadow-opacity", 60);
        awaitPreview();
        screenshot("effects-02-drop-shadow-on-white");
        BufferedImage out = decodePng(editor.export("png"));
        Canvas mask = mask();
        assertEquals(mask.width + "x" + mask.height, out.getWidth() + "x" + out.getHeight(), "mask and image agree");
        // The JVM's shadow of the exported mask: moved (14, 14) (20 px at 45 degrees), blurred by sigma 6, at 60 %
        // in black over white. Where the subject does not cover it, the image is that and nothing else.
        byte[] shadow = Shadow.drop(mask.alpha, mask.width, mask.height, 45, 20, 6);
        int[] px = ExpectedImages.argb(out);
        long shaded = 0;
        int worst = 0;
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < px.length; i++) {
            if (mask.alpha[i] != 0) {
                continue;
            }
            int t = (int) Math.round((shadow[i] & 0xFF) * 153 / 255.0);
            int expected = 255 - t;
            int got = px[i] & 0xFF;
            int d = Math.abs(got - expected);
            worst = Math.max(worst, d);
            if (d > 1 && wrong.size() < 10) {
                wrong.add("(" + i % mask.width + "," + i / mask.width + ") " + got + ", expected " + expected);
            }
            shaded += t > 10 ? 1 : 0;
        }
        System.out.println("drop shadow: " + shaded + " shaded background pixels, worst difference " + worst);
        assertTrue(shaded > 2000, "test set-up: the shadow should show beside the subject (" + shaded + " pixels)");
        assertEquals(List.of(), wrong, "the shadow lies where the mask moved by (14, 14) and blurred puts it");
    }

    @Test
    @Order(3)
    void outlineIsAsWideAsAsked() throws IOException {
        editor.click("input[name=shadow][value=none]");
        editor.background("transparent");
        setValue("#outline-color", "#ff0000");
        setValue("#outline-width", "8");
        BufferedImage out = decodePng(editor.export("png"));
        Canvas mask = mask();
        int w = mask.width;
        int h = mask.height;
        int[] squared = new int[w * h];
        int[] nearest = new int[w * h];
        DistanceTransform.compute(mask.alpha, w, h, 128, squared, nearest);
        int[] px = ExpectedImages.argb(out);
        long stroke = 0;
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < px.length; i++) {
            if (mask.alpha[i] != 0) {
                // The subject's own soft edge lies over the stroke: its colour is a blend.
                continue;
            }
            double d = Math.sqrt(squared[i]);
            int a = px[i] >>> 24;
            if (d <= 8 - 1 && (a != 255 || (px[i] & 0xFFFFFF) != 0xFF0000) && wrong.size() < 10) {
                wrong.add("(" + i % w + "," + i / w + ") at " + d + " px is " + Integer.toHexString(px[i]));
            }
            if (d > 8 + 1 && a != 0 && wrong.size() < 10) {
                wrong.add("(" + i % w + "," + i / w + ") at " + d + " px has alpha " + a);
            }
            stroke += a == 255 ? 1 : 0;
        }
        System.out.println("outline: " + stroke + " opaque pixels outside the subject");
        assertTrue(stroke > 2000, "test set-up: the outline covers only " + stroke + " pixels");
        assertEquals(List.of(), wrong, "an 8 px outline: red and opaque within 7 px of the subject, nothing past 9");
        setValue("#outline-width", "0");
    }

    @Test
    @Order(4)
    void stickerIsAWhiteOutlineAndAShadowOnTransparency() throws IOException {
        editor.click(".swatch[data-color='#2648c9']");
        editor.click("#sticker");
        assertEquals("true", browser.driver().findElement(By.cssSelector("input[name=bg][value=transparent]"))
                .getDomProperty("checked"), "the sticker is on a transparent background");
        assertEquals("#ffffff", browser.driver().findElement(By.id("outline-color")).getDomProperty("value"));
        assertTrue(Double.parseDouble(browser.driver().findElement(By.id("outline-width")).getDomProperty("value"))
                >= 2, "the sticker has an outline");
        awaitPreview();
        screenshot("effects-03-sticker-on-transparent");
        BufferedImage out = decodePng(editor.export("png"));
        Canvas mask = mask();
        int[] px = ExpectedImages.argb(out);
        long white = 0;
        long soft = 0;
        for (int i = 0; i < px.length; i++) {
            if (mask.alpha[i] == 0) {
                int a = px[i] >>> 24;
                white += a == 255 && (px[i] & 0xFFFFFF) == 0xFFFFFF ? 1 : 0;
                soft += a > 0 && a < 128 && (px[i] & 0xFFFFFF) == 0 ? 1 : 0;
            }
        }
        System.out.println("sticker: " + white + " white outline pixels, " + soft + " pixels of black shadow");
        assertTrue(white > 2000 && soft > 200, "a white outline and a soft black shadow around the subject: "
                + white + ", " + soft);
    }

    @Test
    @Order(5)
    void marketplaceIsA2000SquareOnWhiteWithTheSubjectAt85PercentCentred() throws IOException {
        editor.click("input[name=shadow][value=none]");
        setValue("#outline-width", "0");
        browser.select("#size-preset", "marketplace");
        assertEquals("true", browser.driver().findElement(By.cssSelector("input[name=bg][value=color]"))
                .getDomProperty("checked"), "the marketplace preset selects its white background");
        awaitPreview();
        screenshot("effects-04-marketplace");
        EditorPage.Download jpeg = editor.export("jpeg");
        assertEquals("astronaut.marketplace.jpg", jpeg.name(), "the file name says which preset made it");
        BufferedImage out = ImageIO.read(new ByteArrayInputStream(jpeg.bytes()));
        assertNotNull(out, "the JPEG does not decode");
        assertEquals("2000x2000", out.getWidth() + "x" + out.getHeight());
        for (int[] c : new int[][] {{0, 0}, {1999, 0}, {0, 1999}, {1999, 1999}}) {
            int p = out.getRGB(c[0], c[1]);
            assertTrue(((p >> 16) & 0xFF) >= 250 && ((p >> 8) & 0xFF) >= 250 && (p & 0xFF) >= 250,
                    "corner " + c[0] + "," + c[1] + " is not white: " + Integer.toHexString(p));
        }
        Canvas mask = mask();
        assertEquals("2000x2000", mask.width + "x" + mask.height);
        int[] box = bounds(mask);
        double fill = Math.max(box[2], box[3]) / 2000.0;
        double dx = (box[0] + box[2] / 2.0 - 1000) / 2000;
        double dy = (box[1] + box[3] / 2.0 - 1000) / 2000;
        System.out.printf("marketplace: subject %d x %d at (%d, %d): %.2f %% of the side, centre off by %.2f %%, "
                + "%.2f %%%n", box[2], box[3], box[0], box[1], fill * 100, dx * 100, dy * 100);
        assertTrue(Math.abs(fill - 0.85) <= 0.01, "the subject fills " + fill + " of the side, not 85 % ± 1 %");
        assertTrue(Math.abs(dx) <= 0.01 && Math.abs(dy) <= 0.01, "the subject is off centre by " + dx + ", " + dy);
    }

    @Test
    @Order(6)
    void contactShadowLiesUnderTheSubjectAndTheUpscaleLimitIsSaid() throws IOException {
        editor.click("input[name=shadow][value=contact]");
        assertFalse(hidden("#shadow-contact-controls"), "a contact shadow shows its strength");
        editor.setRange("#contact-strength", 80);
        awaitPreview();
        screenshot("effects-05-contact-shadow");
        BufferedImage out = ImageIO.read(new ByteArrayInputStream(editor.export("jpeg").bytes()));
        int[] box = bounds(mask());
        int bottom = box[1] + box[3];
        long below = 0;
        long above = 0;
        for (int y = 0; y < 2000; y++) {
            for (int x = 0; x < 2000; x++) {
                boolean dark = (out.getRGB(x, y) & 0xFF) < 200;
                below += dark && y >= bottom + 2 ? 1 : 0;
                above += dark && y < box[1] - 2 ? 1 : 0;
            }
        }
        System.out.println("contact shadow: " + below + " dark pixels under the subject, " + above + " above it");
        assertTrue(below > 1000 && above == 0, "a contact shadow under the subject only: " + below + " below, "
                + above + " above");

        // 8000 x 8000 would need the 512 px astronaut enlarged about 13x: held at 4x, and the page says so.
        browser.select("#size-preset", "custom");
        setValue("#size-width", "8000");
        setValue("#size-height", "8000");
        awaitPreview();
        browser.waitForAttribute("#size-note", "data-reason", "upscale", Duration.ofSeconds(30));
        String note = browser.text("#size-note");
        System.out.println("custom 8000 x 8000: " + note);
        assertTrue(note.contains("4×") && note.contains("8000 × 8000"), note);
        browser.select("#size-preset", "marketplace");
        editor.click("input[name=shadow][value=none]");
        awaitPreview();
        assertTrue(hidden("#size-note"), "the marketplace square needs no more than 4x");
    }

    @Test
    @Order(7)
    void downloadAllUsesEachPhotosSettingsAndNamesThePreset() throws IOException {
        // The open photo's marketplace JPEG becomes the batch's; the second photo then gets its own banner PNG.
        browser.select("#export-format", "jpeg");
        editor.click("#apply-all");
        editor.open(2);
        assertEquals("marketplace", browser.driver().findElement(By.id("size-preset")).getDomProperty("value"),
                "a photo that was not edited shows the batch's settings");
        browser.select("#size-preset", "banner");
        editor.background("transparent");
        browser.select("#export-format", "png");
        js.executeScript("document.getElementById('download').setAttribute('data-state', 'stale');");
        editor.click("#download-all");
        String state = browser.waitForAttribute("#download", "data-state", s -> s.equals("done")
                || s.equals("error"), Duration.ofMinutes(5));
        assertEquals("done", state, "the ZIP failed: " + browser.text("#message"));
        byte[] zip = browser.fetchBytes(browser.attribute("#download", "href"));
        Map<String, BufferedImage> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                entries.put(entry.getName(), ImageIO.read(new ByteArrayInputStream(in.readAllBytes())));
            }
        }
        assertEquals(List.of("astronaut.marketplace.jpg", "chelsea.banner.png"), new ArrayList<>(entries.keySet()));
        BufferedImage market = entries.get("astronaut.marketplace.jpg");
        assertEquals("2000x2000", market.getWidth() + "x" + market.getHeight());
        assertFalse(market.getColorModel().hasAlpha());
        BufferedImage banner = entries.get("chelsea.banner.png");
        assertEquals("1920x1080", banner.getWidth() + "x" + banner.getHeight());
        assertEquals(0, banner.getRGB(0, 0) >>> 24, "the banner keeps its own transparent background");
        screenshot("effects-06-second-photo-banner");
    }

    // ---- helpers ----

    /** A mask the page exported, with its size. */
    private record Canvas(int width, int height, byte[] alpha) {
    }

    /** The mask alone, exported with the open photo's preset and effects (so at the image export's layout). */
    private Canvas mask() {
        BufferedImage grey = decodePng(editor.export("mask"));
        int[] px = ExpectedImages.argb(grey);
        byte[] alpha = new byte[px.length];
        for (int i = 0; i < px.length; i++) {
            alpha[i] = (byte) px[i];
        }
        return new Canvas(grey.getWidth(), grey.getHeight(), alpha);
    }

    /** {x, y, width, height} of the mask's pixels >= 128. */
    private static int[] bounds(Canvas mask) {
        int x0 = mask.width;
        int y0 = mask.height;
        int x1 = -1;
        int y1 = -1;
        for (int i = 0; i < mask.alpha.length; i++) {
            if ((mask.alpha[i] & 0xFF) >= 128) {
                int x = i % mask.width;
                int y = i / mask.width;
                x0 = Math.min(x0, x);
                x1 = Math.max(x1, x);
                y0 = Math.min(y0, y);
                y1 = Math.max(y1, y);
            }
        }
        assertTrue(x1 >= 0, "the mask has no subject");
        return new int[] {x0, y0, x1 - x0 + 1, y1 - y0 + 1};
    }

    private static BufferedImage decodePng(EditorPage.Download download) {
        EditorPage.assertMagic(download.bytes(), "png");
        return CutoutPage.decodePng(download.bytes(), download.name());
    }

    private boolean hidden(String css) {
        return Boolean.parseBoolean(browser.driver().findElement(By.cssSelector(css)).getDomProperty("hidden"));
    }

    /** Sets an input's value and fires input, as typing or picking would. */
    private void setValue(String css, String value) {
        js.executeScript("const e = document.querySelector(arguments[0]); e.value = arguments[1];"
                + "e.dispatchEvent(new Event('input', {bubbles: true}));", css, value);
    }

    /** Waits until the preview has been drawn after the last change (it is drawn in the next frame). */
    private void awaitPreview() {
        browser.waitForAttribute("#look-canvas", "data-state", "drawn", Duration.ofSeconds(60));
    }

    private void screenshot(String name) throws IOException {
        js.executeScript("document.getElementById('result').scrollIntoView({block: 'start'});");
        Map<String, Object> shot = ((ChromiumDriver) browser.driver()).executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true));
        Path file = ProjectDirs.root().resolve("target/screenshots/" + name + ".png");
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
        System.out.println("screenshot " + file);
    }
}
