package app.cutout.e2e;

import static app.cutout.e2e.ExpectedImages.difference;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.cutout.server.StaticServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

/**
 * Backgrounds, formats and the restore brush of the editor, on one cutout of astronaut.png made by the real model
 * (CPU backend, edge refinement off so the alpha is the model's own): every export is decoded and checked pixel by
 * pixel against what the JVM computes from the photo, the model's alpha and the chosen options.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EditorExportIT {
    private static final Duration RUN = Duration.ofMinutes(10);
    private static final int BLUE = 0xFF2648C9;

    private StaticServer server;
    private Browser browser;
    private EditorPage editor;
    private BufferedImage photo;
    private int width;
    private int height;
    private int[] photoRgb;
    /** The model's alpha as the transparent PNG export has it. */
    private byte[] alpha;

    @BeforeAll
    void start() throws IOException {
        Path astronaut = TestImages.astronaut();
        photo = ImageIO.read(astronaut.toFile());
        width = photo.getWidth();
        height = photo.getHeight();
        photoRgb = ExpectedImages.argb(photo);
        server = StaticServer.start(ProjectDirs.requireSite(), "127.0.0.1", 0, true);
        browser = Browser.start();
        browser.driver().manage().window().setSize(new Dimension(1280, 1000));
        editor = new EditorPage(browser);
        new CutoutPage(browser).open(server.url() + "?backend=wasm&model=quint8&refine=0");
        QueueRows queue = new QueueRows(browser);
        queue.upload(List.of(astronaut));
        assertEquals("done", queue.awaitOutcome(1, RUN), queue.status(1));
        browser.waitForAttribute("#result", "data-item", v -> v != null && !v.isEmpty(), Duration.ofMinutes(1));
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
    void maskExportIsTheCutoutsAlphaAsAGreyImage() throws IOException {
        // The cutout the worker made (shown in the page), and the transparent PNG export: the same alpha.
        alpha = Masks.alpha(new CutoutPage(browser).result());
        EditorPage.Download png = editor.export("png");
        assertEquals("astronaut-cutout.png", png.name());
        assertArrayEquals(alpha, Masks.alpha(CutoutPage.decodePng(png.bytes(), png.name())),
                "the transparent PNG export has the cutout's alpha");
        long soft = 0;
        long clear = 0;
        for (byte a : alpha) {
            soft += (a & 0xFF) > 0 && (a & 0xFF) < 255 ? 1 : 0;
            clear += a == 0 ? 1 : 0;
        }
        assertTrue(clear > 20_000 && soft > 500, "test set-up: the cutout should have background (" + clear
                + " pixels) and soft edges (" + soft + ")");

        EditorPage.Download mask = editor.export("mask");
        assertEquals("astronaut-mask.png", mask.name());
        EditorPage.assertMagic(mask.bytes(), "png");
        BufferedImage grey = CutoutPage.decodePng(mask.bytes(), mask.name());
        assertEquals(width + "x" + height, grey.getWidth() + "x" + grey.getHeight());
        int[] px = ExpectedImages.argb(grey);
        for (int i = 0; i < px.length; i++) {
            int v = px[i] & 0xFF;
            assertEquals(0xFF000000 | v << 16 | v << 8 | v, px[i], "mask pixel " + i + " is not an opaque grey");
            assertEquals(alpha[i] & 0xFF, v, "mask pixel (" + i % width + "," + i / width
                    + ") differs from the cutout's alpha");
        }
    }

    @Test
    @Order(2)
    void anotherImageFillsTheBackground() throws IOException {
        Path chelsea = TestImages.chelsea();
        editor.backgroundImage(chelsea);
        assertEquals("true", browser.driver().findElement(By.cssSelector(
                "input[name=bg][value=image]")).getDomProperty("checked"), "choosing a file selects the image");
        assertFalse(Boolean.parseBoolean(browser.driver().findElement(By.id("bg-image"))
                .getDomProperty("hidden")), "the preview shows the background image");
        BufferedImage out = decode(editor.export("png"));
        // 451x300 covers 512x512 at 1.71x: the middle 300x300 of the cat photo, enlarged.
        int[] bg = ExpectedImages.cover(ImageIO.read(chelsea.toFile()), width, height);
        Stats stats = compare(out, bg, "image background", 0);
        assertTrue(stats.max() <= 3 && stats.mean() < 0.5 && stats.softMax() <= 3, "where alpha is 0 the export "
                + "must be the background image laid out to cover the photo, and soft pixels the blend: " + stats);
    }

    @Test
    @Order(3)
    void blurredOriginalFollowsTheChosenAmount() throws IOException {
        editor.background("blur");
        // The slider's value v blurs by v / 2000 of the photo's longer side: 20 -> sigma 5.12 px on 512 px.
        editor.setRange("#bg-blur-amount", 20);
        // The preview blurs an enlarged copy (CSS blur would fade the border): blur times scale is the photo's blur.
        String style = browser.driver().findElement(By.id("bg-blur")).getDomAttribute("style");
        Matcher blur = Pattern.compile("blur\\(([0-9.]+)px\\).*scale\\(([0-9.]+)\\)")
                .matcher(String.valueOf(style));
        assertTrue(blur.find() && Math.abs(Double.parseDouble(blur.group(1)) * Double.parseDouble(blur.group(2))
                - 5.12) < 0.01, "the preview blurs the original by 5.12 px: " + style);
        BufferedImage light = decode(editor.export("png"));
        int[] lightExpected = ExpectedImages.gaussian(photoRgb, width, height, 5.12);
        Stats lightStats = compare(light, lightExpected, "blur 20", 16);

        editor.setRange("#bg-blur-amount", 60);
        BufferedImage strong = decode(editor.export("png"));
        int[] strongExpected = ExpectedImages.gaussian(photoRgb, width, height, 15.36);
        Stats strongStats = compare(strong, strongExpected, "blur 60", 46);
        Stats crossed = compare(strong, lightExpected, "blur 60 against the expectation for 20", 46);

        // Inside, the approximation (box passes at reduced resolution) is within a few levels of a true Gaussian.
        // Within 3 sigma of the border the two treat the repeated edge pixels differently, so it is looser there.
        for (Stats s : List.of(lightStats, strongStats)) {
            assertTrue(s.max() <= 6 && s.mean() < 1.5 && s.softMax() <= 6 && s.borderMax() <= 48
                    && s.borderMean() < 6, "where alpha is 0 the export must be the original blurred by the chosen "
                    + "amount, and soft pixels the blend: " + s);
        }
        // And far from the other amount's result: the amount is used, not just "some blur".
        assertTrue(crossed.mean() > 5 * strongStats.mean() + 3 && crossed.max() > 40,
                "blur 60 should differ from blur 20: " + crossed + " vs " + strongStats);
    }

    @Test
    @Order(4)
    void jpegHasTheChosenBackgroundAndNoTransparency() throws IOException {
        editor.click(".swatch[data-color='#2648c9']");
        EditorPage.Download jpeg = editor.export("jpeg");
        assertEquals("astronaut-cutout.jpg", jpeg.name());
        EditorPage.assertMagic(jpeg.bytes(), "jpeg");
        BufferedImage out = ImageIO.read(new ByteArrayInputStream(jpeg.bytes()));
        assertNotNull(out, "the JPEG does not decode");
        assertEquals(width + "x" + height, out.getWidth() + "x" + out.getHeight());
        assertFalse(out.getColorModel().hasAlpha(), "a JPEG has no transparency");
        checkLossy(ExpectedImages.argb(out), BLUE, "JPEG on blue");

        // Without a chosen background a JPEG gets white.
        editor.background("transparent");
        BufferedImage white = ImageIO.read(new ByteArrayInputStream(editor.export("jpeg").bytes()));
        checkLossy(ExpectedImages.argb(white), 0xFFFFFFFF, "JPEG without a background");
    }

    @Test
    @Order(5)
    void webpKeepsTheAlphaOrTakesTheBackground() {
        EditorPage.Download webp = editor.export("webp");
        assertEquals("astronaut-cutout.webp", webp.name());
        EditorPage.assertMagic(webp.bytes(), "webp");
        BufferedImage clear = editor.decodeInBrowser(webp.bytes(), "image/webp");
        assertEquals(width + "x" + height, clear.getWidth() + "x" + clear.getHeight());
        byte[] webpAlpha = Masks.alpha(clear);
        int worst = 0;
        for (int i = 0; i < alpha.length; i++) {
            worst = Math.max(worst, Math.abs((alpha[i] & 0xFF) - (webpAlpha[i] & 0xFF)));
        }
        System.out.println("WebP alpha: largest difference from the cutout's " + worst);
        assertTrue(worst <= 2, "a transparent WebP keeps the cutout's alpha; largest difference " + worst);
        int[] px = ExpectedImages.argb(clear);
        long sum = 0;
        long n = 0;
        for (int i = 0; i < px.length; i++) {
            if (alpha[i] == (byte) 255) {
                sum += difference(px[i], photoRgb[i]);
                n++;
            }
        }
        double mean = (double) sum / n;
        System.out.printf("WebP: mean difference of the subject's opaque pixels %.2f%n", mean);
        assertTrue(mean < 8, "the subject's colours survive lossy WebP: mean difference " + mean);

        editor.click(".swatch[data-color='#2648c9']");
        BufferedImage blue = editor.decodeInBrowser(editor.export("webp").bytes(), "image/webp");
        for (int p : ExpectedImages.argb(blue)) {
            assertEquals(255, p >>> 24, "a WebP with a background is opaque");
        }
        checkLossy(ExpectedImages.argb(blue), BLUE, "WebP on blue");
        editor.background("transparent");
    }

    @Test
    @Order(6)
    void restoreBringsBackTheModelsAlphaOnlyWherePainted() throws IOException {
        editor.setRange("#brush-softness", 0);
        editor.tool("erase");
        editor.setRange("#brush-size", 40);
        double[] a0 = {60, 230};
        double[] a1 = {460, 230};
        editor.drag(a0, a1);
        double[] c0 = {60, 420};
        double[] c1 = {460, 420};
        editor.drag(c0, c1);
        byte[] erased = grey(editor.export("mask"));

        editor.tool("restore");
        editor.setRange("#brush-size", 60);
        double[] r0 = {a0[0], a0[1]};
        double[] r1 = {a1[0], a1[1]};
        editor.drag(r0, r1);
        byte[] restored = grey(editor.export("mask"));

        long inStroke = 0;
        long softRestored = 0;
        List<String> wrong = new ArrayList<>();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                double dA = EditorPage.distanceToSegment(x + 0.5, y + 0.5, a0, a1);
                double dC = EditorPage.distanceToSegment(x + 0.5, y + 0.5, c0, c1);
                double dR = EditorPage.distanceToSegment(x + 0.5, y + 0.5, r0, r1);
                int model = alpha[i] & 0xFF;
                if (dA < 20 - 1.5 && model > 0) {
                    inStroke++;
                    if (erased[i] != 0) {
                        wrong.add("(" + x + "," + y + ") not erased: " + (erased[i] & 0xFF));
                    }
                }
                int expected;
                if (dC <= 20 + 1.5 && dR > 30 + 1.5) {
                    // Still erased (the restore stroke was elsewhere); the rim depends on rounding: skip it.
                    if (dC > 20 - 1.5) {
                        continue;
                    }
                    expected = 0;
                } else {
                    expected = model;
                }
                if ((restored[i] & 0xFF) != expected && wrong.size() < 20) {
                    wrong.add("(" + x + "," + y + ") " + (restored[i] & 0xFF) + ", expected " + expected);
                }
                if (dR < 30 && model > 0 && model < 255 && (erased[i] & 0xFF) != model) {
                    softRestored++;
                }
            }
        }
        assertTrue(inStroke > 3000, "test set-up: the erase stroke crosses only " + inStroke + " subject pixels");
        assertTrue(softRestored > 20, "test set-up: the restore stroke brings back only " + softRestored
                + " soft pixels");
        assertEquals(List.of(), wrong, "after restoring over the first stroke, alpha must be the model's there and "
                + "unchanged elsewhere (the second stroke still erased)");

        // Add makes what it touches opaque, for parts the model missed; nothing else changes.
        editor.tool("add");
        editor.setRange("#brush-size", 30);
        double[] d0 = {20, 40};
        double[] d1 = {120, 40};
        editor.drag(d0, d1);
        byte[] added = grey(editor.export("mask"));
        long opaque = 0;
        for (int i = 0; i < added.length; i++) {
            double d = EditorPage.distanceToSegment(i % width + 0.5, i / width + 0.5, d0, d1);
            if (d < 15 - 1.5) {
                assertEquals(255, added[i] & 0xFF, "pixel " + i + " inside the add stroke is not opaque");
                opaque++;
            } else if (d > 15 + 1.5) {
                assertEquals(restored[i], added[i], "pixel " + i + " outside the add stroke changed");
            }
        }
        assertTrue(opaque > 2000, "the add stroke covered only " + opaque + " pixels");
        ((JavascriptExecutor) browser.driver()).executeScript("document.getElementById('tool-pan').click();");
    }

    // ---- helpers ----

    /**
     * How far an opaque export is from the expected background where the model's alpha is 0: inside, and in the band
     * along the photo's border (where blurs may treat the edge differently); and the worst soft pixel inside.
     */
    private record Stats(String what, int max, double mean, long count, int borderMax, double borderMean,
            int softMax) {
        @Override
        public String toString() {
            return String.format("%s: where alpha is 0, inside (%d px) max %d, mean %.2f; along the border max %d, "
                    + "mean %.2f; soft pixels max %d", what, count, max, mean, borderMax, borderMean, softMax);
        }
    }

    /**
     * Checks what every opaque export shares (size, no transparency, the subject's opaque pixels bit for bit, soft
     * pixels the blend of subject and expected background) and measures the rest.
     *
     * @param band width of the border band measured apart, in pixels
     */
    private Stats compare(BufferedImage out, int[] background, String what, int band) {
        assertEquals(width + "x" + height, out.getWidth() + "x" + out.getHeight(), what + ": size");
        int[] px = ExpectedImages.argb(out);
        int[] max = new int[2];
        long[] sum = new long[2];
        long[] count = new long[2];
        int softMax = 0;
        for (int i = 0; i < px.length; i++) {
            int a = alpha[i] & 0xFF;
            int x = i % width;
            int y = i / width;
            int part = Math.min(Math.min(x, y), Math.min(width - 1 - x, height - 1 - y)) < band ? 1 : 0;
            assertEquals(255, px[i] >>> 24, what + ": a background leaves no transparency");
            if (a == 255) {
                assertEquals(photoRgb[i] & 0xFFFFFF, px[i] & 0xFFFFFF, what + ": subject pixel (" + x + "," + y
                        + ") changed");
            } else if (a == 0) {
                int d = difference(px[i], background[i]);
                max[part] = Math.max(max[part], d);
                sum[part] += d;
                count[part]++;
            } else if (part == 0) {
                softMax = Math.max(softMax, difference(px[i], ExpectedImages.over(photoRgb[i], background[i], a)));
            }
        }
        Stats stats = new Stats(what, max[0], (double) sum[0] / count[0], count[0], max[1],
                count[1] == 0 ? 0 : (double) sum[1] / count[1], softMax);
        System.out.println(stats);
        return stats;
    }

    /**
     * A lossy export with an opaque background: where the model's alpha is 0 in a whole 16x16 block (JPEG's unit
     * with chroma subsampling, so no edge bleeds in) the colour is {@code expected}; where it is 255 in a whole block
     * the photo's, both within the codec's loss.
     */
    private void checkLossy(int[] px, int expected, String what) {
        long backgroundBlocks = 0;
        long subjectBlocks = 0;
        int worstBackground = 0;
        long subjectSum = 0;
        long subjectCount = 0;
        for (int by = 0; by + 16 <= height; by += 16) {
            for (int bx = 0; bx + 16 <= width; bx += 16) {
                boolean allClear = true;
                boolean allOpaque = true;
                for (int y = by; y < by + 16; y++) {
                    for (int x = bx; x < bx + 16; x++) {
                        int a = alpha[y * width + x] & 0xFF;
                        allClear &= a == 0;
                        allOpaque &= a == 255;
                    }
                }
                for (int y = by; y < by + 16; y++) {
                    for (int x = bx; x < bx + 16; x++) {
                        int i = y * width + x;
                        if (allClear) {
                            worstBackground = Math.max(worstBackground, difference(px[i], expected));
                        } else if (allOpaque) {
                            subjectSum += difference(px[i], photoRgb[i]);
                            subjectCount++;
                        }
                    }
                }
                backgroundBlocks += allClear ? 1 : 0;
                subjectBlocks += allOpaque ? 1 : 0;
            }
        }
        double subjectMean = (double) subjectSum / subjectCount;
        System.out.printf("%s: %d background blocks, worst %d; %d subject blocks, mean difference %.2f%n", what,
                backgroundBlocks, worstBackground, subjectBlocks, subjectMean);
        assertTrue(backgroundBlocks > 50 && subjectBlocks > 100, what + ": test set-up, too few whole blocks");
        assertTrue(worstBackground <= 8, what + ": the background is not the chosen colour; worst difference "
                + worstBackground);
        assertTrue(subjectMean < 8, what + ": the subject's colours changed; mean difference " + subjectMean);
    }

    private static BufferedImage decode(EditorPage.Download download) {
        EditorPage.assertMagic(download.bytes(), "png");
        return CutoutPage.decodePng(download.bytes(), download.name());
    }

    private static byte[] grey(EditorPage.Download download) {
        BufferedImage image = decode(download);
        int[] px = ExpectedImages.argb(image);
        byte[] out = new byte[px.length];
        for (int i = 0; i < px.length; i++) {
            out[i] = (byte) px[i];
        }
        return out;
    }
}
