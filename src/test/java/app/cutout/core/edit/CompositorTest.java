package app.cutout.core.edit;

import static app.cutout.core.edit.BrushTest.bytes;
import static app.cutout.core.image.RgbaImage.pack;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import app.cutout.core.image.RgbaImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CompositorTest {

    @Test
    void div255RoundsExactly() {
        for (int x = 0; x <= 255 * 255; x++) {
            if (Compositor.div255(x) != (x + 127) / 255) {
                fail("div255(" + x + ") = " + Compositor.div255(x));
            }
        }
    }

    @Test
    void blendMatchesPerChannelRounding() {
        // Every coverage and pair of channel values, red and blue (which share a lane pair) and green.
        for (int a = 0; a <= 255; a++) {
            for (int f = 0; f < 256; f++) {
                for (int b = 0; b < 256; b++) {
                    int fg = pack(f, 255 - f, f ^ 0x5A, 255);
                    int bg = pack(b, b ^ 0xA5, 255 - b, 255);
                    int expected = pack(mix(f, b, a), mix(255 - f, b ^ 0xA5, a), mix(f ^ 0x5A, 255 - b, a), 255);
                    if (Compositor.blend(fg, bg, a) != expected) {
                        fail("blend at a " + a + ", fg " + f + ", bg " + b);
                    }
                }
            }
        }
    }

    private static int mix(int fg, int bg, int a) {
        return (fg * a + bg * (255 - a) + 127) / 255;
    }

    @Test
    void transparentKeepsColourAndTakesTheMask() {
        RgbaImage photo = new RgbaImage(3, 1, new int[] {pack(10, 20, 30, 255), pack(40, 50, 60, 255),
            pack(70, 80, 90, 128)});
        RgbaImage out = Compositor.composite(photo, bytes(0, 200, 255), Background.transparent(), null);
        // The third pixel's own alpha 128 scales the mask: (255 * 128 + 127) / 255 = 128.
        assertArrayEquals(new int[] {pack(10, 20, 30, 0), pack(40, 50, 60, 200), pack(70, 80, 90, 128)},
                out.pixels);
    }

    @Test
    void solidColourBlendsWithRounding() {
        RgbaImage photo = new RgbaImage(3, 1, new int[] {pack(200, 100, 50, 255), pack(200, 100, 50, 255),
            pack(200, 100, 50, 255)});
        RgbaImage out = Compositor.composite(photo, bytes(128, 0, 255), Background.color(0, 0, 255), null);
        // a = 128: r = (200 * 128 + 0 * 127 + 127) / 255 = 25727 / 255 = 100;
        // g = (100 * 128 + 127) / 255 = 12927 / 255 = 50; b = (50 * 128 + 255 * 127 + 127) / 255 = 38912 / 255 = 152.
        assertArrayEquals(new int[] {pack(100, 50, 152, 255), pack(0, 0, 255, 255), pack(200, 100, 50, 255)},
                out.pixels);
    }

    @Test
    void imageBackgroundShrinksByAreaAndCentreCrops() {
        // Frame 2x1, background 4x4: scale max(2/4, 1/4) = 0.5, so a 4x2 window of the background, centred
        // vertically at rows 1..2, each output pixel averaging a 2x2 block.
        int[] bg = new int[16];
        int[] reds = {255, 255, 255, 255, 10, 20, 30, 40, 50, 60, 70, 80, 255, 255, 255, 255};
        for (int i = 0; i < 16; i++) {
            bg[i] = pack(reds[i], 0, 0, 255);
        }
        RgbaImage photo = new RgbaImage(2, 1, new int[] {pack(1, 1, 1, 255), pack(1, 1, 1, 255)});
        RgbaImage out = Compositor.composite(photo, new byte[2], Background.image(new RgbaImage(4, 4, bg)), null);
        // (10 + 20 + 50 + 60) / 4 = 35; (30 + 40 + 70 + 80) / 4 = 55.
        assertArrayEquals(new int[] {pack(35, 0, 0, 255), pack(55, 0, 0, 255)}, out.pixels);
    }

    @Test
    void imageBackgroundEnlargesBilinearly() {
        // Frame 4x1, background 2x1 (red 0 and 200): scale max(4/2, 1/1) = 2. Columns sample at
        // (d + 0.5) / 2 - 0.5 = -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1): 0, 50, 150, 200.
        RgbaImage photo = new RgbaImage(4, 1, new int[4]);
        RgbaImage bg = new RgbaImage(2, 1, new int[] {pack(0, 0, 0, 255), pack(200, 0, 0, 255)});
        RgbaImage out = Compositor.composite(photo, new byte[4], Background.image(bg), null);
        assertArrayEquals(new int[] {pack(0, 0, 0, 255), pack(50, 0, 0, 255), pack(150, 0, 0, 255),
            pack(200, 0, 0, 255)}, out.pixels);
    }

    @Test
    void cropOutputsOnlyThatRegion() {
        int[] px = new int[4 * 3];
        for (int i = 0; i < px.length; i++) {
            px[i] = pack(i, 2 * i, 3 * i, 255);
        }
        byte[] alpha = new byte[12];
        for (int i = 0; i < 12; i++) {
            alpha[i] = (byte) (i * 20);
        }
        RgbaImage out = Compositor.composite(new RgbaImage(4, 3, px), alpha, Background.transparent(),
                new Rect(1, 1, 2, 2));
        assertEquals(2, out.width);
        assertEquals(2, out.height);
        // Pixels 5, 6, 9, 10 with their masks 100, 120, 180, 200.
        assertArrayEquals(new int[] {pack(5, 10, 15, 100), pack(6, 12, 18, 120), pack(9, 18, 27, 180),
            pack(10, 20, 30, 200)}, out.pixels);
    }

    @Test
    void smallBlurMatchesNaiveBoxPasses() {
        Random random = new Random(5);
        RgbaImage photo = randomImage(random, 37, 23);
        Rect frame = new Rect(3, 2, 30, 19);
        for (double sigma : new double[] {0.8, 2, 4, 4.9}) {
            RgbaImage out = Compositor.composite(photo, new byte[37 * 23], Background.blur(sigma), frame);
            int[] expected = naiveBlur(photo, frame, BoxBlur.radii(sigma));
            assertArrayEquals(expected, out.pixels, "sigma " + sigma);
        }
    }

    @Test
    void zeroBlurIsTheOriginal() {
        Random random = new Random(6);
        RgbaImage photo = randomImage(random, 9, 7);
        RgbaImage out = Compositor.composite(photo, new byte[63], Background.blur(0), null);
        for (int i = 0; i < 63; i++) {
            assertEquals(photo.pixels[i] | 0xFF000000, out.pixels[i]);
        }
    }

    @Test
    void boxRadiiApproximateTheVariance() {
        // Three boxes of widths w_i: variance sum((w_i^2 - 1) / 12) should be within one box step of sigma^2.
        assertArrayEquals(new int[] {1, 1, 2}, BoxBlur.radii(2)); // widths 3, 3, 5: (8 + 8 + 24) / 12 = 3.33 ~ 4
        for (double sigma = 1; sigma < 60; sigma += 0.37) {
            int[] r = BoxBlur.radii(sigma);
            double variance = 0;
            for (int radius : r) {
                variance += ((2.0 * radius + 1) * (2.0 * radius + 1) - 1) / 12;
            }
            assertTrue(Math.abs(variance - sigma * sigma) <= 2 * sigma + 1, "sigma " + sigma);
        }
    }

    @Test
    void blurOfAStepFollowsTheGaussian() {
        // A vertical step from 0 to 255 at x = 600; the Gaussian's answer is 255 * Phi((x + 0.5 - 600) / sigma).
        int width = 1200;
        int height = 9;
        int[] px = new int[width * height];
        for (int i = 0; i < px.length; i++) {
            px[i] = i % width >= 600 ? 0xFFFFFFFF : 0xFF000000;
        }
        RgbaImage photo = new RgbaImage(width, height, px);
        // Reduced resolution from sigma 5 on; measured worst errors 2.9, 4.1, 3.2, 2.2.
        double[] sigmas = {3, 8, 24, 50};
        for (double sigma : sigmas) {
            RgbaImage out = Compositor.composite(photo, new byte[width * height], Background.blur(sigma), null);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double expected = 255 * 0.5 * (1 + erf((x + 0.5 - 600) / (sigma * Math.sqrt(2))));
                    int p = out.pixels[y * width + x];
                    double error = Math.abs((p & 0xFF) - expected);
                    if (error > 6 || (p & 0xFF) != ((p >>> 8) & 0xFF) || (p >>> 24) != 255) {
                        fail("sigma " + sigma + " at " + x + "," + y + ": " + (p & 0xFF) + " vs " + expected);
                    }
                }
            }
        }
    }

    @Test
    void blurKeepsAFlatImageFlat() {
        int[] px = new int[50 * 40];
        java.util.Arrays.fill(px, pack(12, 130, 250, 255));
        RgbaImage photo = new RgbaImage(50, 40, px);
        for (double sigma : new double[] {1, 7, 40, 500, 1e7}) {
            RgbaImage out = Compositor.composite(photo, new byte[2000], Background.blur(sigma), new Rect(5, 5,
                    33, 21));
            for (int p : out.pixels) {
                assertEquals(pack(12, 130, 250, 255), p, "sigma " + sigma);
            }
        }
    }

    @Test
    void regionsMatchTheWholeFrame() {
        Random random = new Random(8);
        RgbaImage photo = randomImage(random, 61, 47);
        byte[] alpha = BrushTest.randomBytes(random, 61 * 47);
        Rect frame = new Rect(4, 3, 50, 40);
        Background[] backgrounds = {Background.transparent(), Background.color(1, 2, 3),
            Background.image(randomImage(random, 13, 29)), Background.image(randomImage(random, 170, 90)),
            Background.blur(2.5), Background.blur(14)};
        for (Background background : backgrounds) {
            RgbaImage whole = Compositor.composite(photo, alpha, background, frame);
            Compositor.Prepared prepared = Compositor.prepare(photo, background, frame);
            int[] buffer = new int[61 * 47];
            // Write three regions of the frame into a photo-sized buffer at their own places.
            Rect[] regions = {new Rect(4, 3, 50, 10), new Rect(4, 13, 17, 30), new Rect(21, 13, 33, 30)};
            for (Rect region : regions) {
                Compositor.composite(photo, alpha, prepared, region, buffer, region.y * 61 + region.x, 61);
            }
            for (int y = 0; y < 40; y++) {
                for (int x = 0; x < 50; x++) {
                    if (whole.pixels[y * 50 + x] != buffer[(y + 3) * 61 + x + 4]) {
                        fail(background.kind + " differs at " + x + "," + y);
                    }
                }
            }
        }
    }

    @Test
    void rejectsBadArguments() {
        RgbaImage photo = new RgbaImage(4, 4, new int[16]);
        assertEquals("Expected frame inside the 4x4 image, got Rect(2, 2, 3x1)",
                assertThrows(IllegalArgumentException.class, () -> Compositor.composite(photo, new byte[16],
                        Background.transparent(), new Rect(2, 2, 3, 1))).getMessage());
        assertEquals("Expected 16 alpha bytes for 4x4, got 15", assertThrows(IllegalArgumentException.class,
                () -> Compositor.composite(photo, new byte[15], Background.transparent(), null)).getMessage());
        Compositor.Prepared prepared = Compositor.prepare(photo, Background.color(0, 0, 0), new Rect(1, 1, 2, 2));
        assertEquals("Expected a region inside the frame Rect(1, 1, 2x2), got Rect(0, 0, 1x1)",
                assertThrows(IllegalArgumentException.class, () -> Compositor.composite(photo, new byte[16],
                        prepared, new Rect(0, 0, 1, 1), new int[16], 0, 4)).getMessage());
        assertEquals("Expected an output of at least 4 pixels with stride >= 2, got 3 pixels with stride 2",
                assertThrows(IllegalArgumentException.class, () -> Compositor.composite(photo, new byte[16],
                        prepared, null, new int[3], 0, 2)).getMessage());
        assertEquals("Expected colour components in 0..255, got 0, 256, 0",
                assertThrows(IllegalArgumentException.class, () -> Background.color(0, 256, 0)).getMessage());
        assertEquals("Expected a finite blur radius >= 0, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> Background.blur(-1)).getMessage());
    }

    /** Three horizontal then three vertical box passes, each a direct windowed sum with clamped edges. */
    static int[] naiveBlur(RgbaImage photo, Rect frame, int[] radii) {
        int w = frame.width;
        int h = frame.height;
        int[] px = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                px[y * w + x] = photo.pixels[(frame.y + y) * photo.width + frame.x + x] | 0xFF000000;
            }
        }
        for (int pass = 0; pass < 6; pass++) {
            int r = radii[pass % 3];
            boolean horizontal = pass < 3;
            int[] next = new int[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int[] sum = new int[3];
                    for (int k = -r; k <= r; k++) {
                        int sx = horizontal ? Math.max(0, Math.min(w - 1, x + k)) : x;
                        int sy = horizontal ? y : Math.max(0, Math.min(h - 1, y + k));
                        int p = px[sy * w + sx];
                        for (int c = 0; c < 3; c++) {
                            sum[c] += (p >>> (8 * c)) & 0xFF;
                        }
                    }
                    int n = 2 * r + 1;
                    next[y * w + x] = pack((sum[0] + n / 2) / n, (sum[1] + n / 2) / n, (sum[2] + n / 2) / n, 255);
                }
            }
            px = next;
        }
        return px;
    }

    /** Abramowitz and Stegun 7.1.26, absolute error below 1.5e-7. */
    private static double erf(double x) {
        double t = 1 / (1 + 0.3275911 * Math.abs(x));
        double y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592)
                * t * Math.exp(-x * x);
        return x >= 0 ? y : -y;
    }

    static RgbaImage randomImage(Random random, int width, int height) {
        int[] px = new int[width * height];
        for (int i = 0; i < px.length; i++) {
            px[i] = random.nextInt() | 0xFF000000;
        }
        return new RgbaImage(width, height, px);
    }

    @Test
    void takeForegroundUsesTheCutoutsColoursWhereItShowsAndKeepsThePhotosAlpha() {
        int[] photo = {pack(10, 20, 30, 255), pack(40, 50, 60, 128), pack(70, 80, 90, 255), pack(1, 2, 3, 0)};
        int[] cutout = {pack(11, 21, 31, 0), pack(41, 51, 61, 1), pack(71, 81, 91, 255), pack(4, 5, 6, 7)};
        Compositor.takeForeground(photo, cutout);
        // Transparent in the cutout: the photo's colour stays (the restore brush shows it); else the cutout's,
        // always with the photo's alpha.
        assertArrayEquals(new int[] {pack(10, 20, 30, 255), pack(41, 51, 61, 128), pack(71, 81, 91, 255),
            pack(4, 5, 6, 0)}, photo);
        assertThrows(IllegalArgumentException.class, () -> Compositor.takeForeground(new int[2], new int[3]));
    }
}
