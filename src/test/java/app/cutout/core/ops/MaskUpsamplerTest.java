package app.cutout.core.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.cutout.core.image.RgbaImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MaskUpsamplerTest {

    @Test
    void upscalesTwoByTwoToFourByFour() {
        // Taps as in PreprocessorTest: src 0, 0.25, 0.75, 1 on both axes. Mask [[0, 1], [1, 0]]: rows 0 and 3 are
        // [0, .25, .75, 1] and [1, .75, .25, 0]; row 1 = .75 * row0 + .25 * row3 = [.25, .375, .625, .75], row 2
        // mirrors it. Times 255 and rounded half up: .25 -> 63.75 -> 64, .375 -> 95.625 -> 96, .625 -> 159.375 -> 159,
        // .75 -> 191.25 -> 191.
        byte[] alpha = MaskUpsampler.toAlpha(new float[] {0f, 1f, 1f, 0f}, 2, 2, 4, 4, null);
        assertArrayEquals(bytes(
                0, 64, 191, 255,
                64, 96, 159, 191,
                191, 159, 96, 64,
                255, 191, 64, 0), alpha);
    }

    @Test
    void halvingAveragesEachTwoByTwoBlock() {
        // Scale 2 gives src 0.5 and 2.5 on both axes: each output is a 2x2 block mean. Blocks of the mask below
        // average 0.25, 0.5, 1 and 0, so 63.75 -> 64, 127.5 -> 128 (half rounds up), 255 and 0.
        float[] mask = {
            0f, 1f, 0.5f, 0.5f,
            0f, 0f, 0.5f, 0.5f,
            1f, 1f, 0f, 0f,
            1f, 1f, 0f, 0f,
        };
        assertArrayEquals(bytes(64, 128, 255, 0), MaskUpsampler.toAlpha(mask, 4, 4, 2, 2, null));
    }

    @Test
    void clampsOutOfRangeAndNaNValues() {
        // A 1x1 mask is constant after resizing: 1.7 clamps to 1 -> 255, -0.3 to 0 -> 0, NaN becomes 0, and
        // 0.2 -> 51 exactly.
        assertArrayEquals(bytes(255, 255, 255), MaskUpsampler.toAlpha(new float[] {1.7f}, 1, 1, 3, 1, null));
        assertArrayEquals(bytes(0, 0), MaskUpsampler.toAlpha(new float[] {-0.3f}, 1, 1, 1, 2, null));
        assertArrayEquals(bytes(0, 0), MaskUpsampler.toAlpha(new float[] {Float.NaN}, 1, 1, 2, 1, null));
        assertArrayEquals(bytes(51), MaskUpsampler.toAlpha(new float[] {0.2f}, 1, 1, 1, 1, null));
    }

    @Test
    void clampsAfterInterpolating() {
        // Mask [-1, 2] to width 4: taps 0, .25, .75, 1 give -1, -0.25, 1.25, 2, which clamp to 0, 0, 1, 1.
        assertArrayEquals(bytes(0, 0, 255, 255), MaskUpsampler.toAlpha(new float[] {-1f, 2f}, 2, 1, 4, 1, null));
    }

    @Test
    void applyAlphaReplacesOnlyTheAlphaByte() {
        // Mask [0, 1] across 4 pixels: 0, .25, .75, 1 -> 0, 64, 191, 255 (see upscalesTwoByTwoToFourByFour).
        int[] rgba = {
            RgbaImage.pack(1, 2, 3, 200), RgbaImage.pack(255, 0, 128, 0),
            RgbaImage.pack(9, 8, 7, 255), RgbaImage.pack(40, 50, 60, 17),
        };
        MaskUpsampler.applyAlpha(new float[] {0f, 1f}, 2, 1, rgba, 4, 1);
        assertArrayEquals(new int[] {
            RgbaImage.pack(1, 2, 3, 0), RgbaImage.pack(255, 0, 128, 64),
            RgbaImage.pack(9, 8, 7, 191), RgbaImage.pack(40, 50, 60, 255),
        }, rgba);
    }

    @Test
    void toAlphaFillsTheGivenArray() {
        byte[] out = new byte[6];
        assertSame(out, MaskUpsampler.toAlpha(new float[] {1f}, 1, 1, 3, 2, out));
        assertArrayEquals(bytes(255, 255, 255, 255, 255, 255), out);
    }

    @Test
    void rejectsWrongLengths() {
        IllegalArgumentException mask = assertThrows(IllegalArgumentException.class,
                () -> MaskUpsampler.toAlpha(new float[3], 2, 2, 4, 4, null));
        assertEquals("Expected 4 mask values, got 3", mask.getMessage());
        IllegalArgumentException out = assertThrows(IllegalArgumentException.class,
                () -> MaskUpsampler.toAlpha(new float[4], 2, 2, 4, 4, new byte[15]));
        assertEquals("Expected 16 alpha bytes, got 15", out.getMessage());
        IllegalArgumentException pixels = assertThrows(IllegalArgumentException.class,
                () -> MaskUpsampler.applyAlpha(new float[4], 2, 2, new int[17], 4, 4));
        assertEquals("Expected 16 pixels, got 17", pixels.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MaskUpsampler.toAlpha(new float[0], 0, 2, 4, 4, null));
    }

    @Test
    void matchesNaiveReferenceOnRandomMasks() {
        Random random = new Random(1234);
        int[][] cases = {{1, 1, 5, 3}, {2, 3, 10, 10}, {17, 9, 5, 3}, {64, 48, 301, 217}, {1024, 1024, 1500, 999}};
        for (int[] c : cases) {
            int maskW = c[0];
            int maskH = c[1];
            int width = c[2];
            int height = c[3];
            float[] mask = new float[maskW * maskH];
            for (int i = 0; i < mask.length; i++) {
                // Some values out of range, to exercise the clamp.
                mask[i] = random.nextFloat() * 1.4f - 0.2f;
            }
            int[] rgba = new int[width * height];
            for (int i = 0; i < rgba.length; i++) {
                rgba[i] = random.nextInt();
            }
            int[] original = rgba.clone();
            byte[] alpha = MaskUpsampler.toAlpha(mask, maskW, maskH, width, height, null);
            MaskUpsampler.applyAlpha(mask, maskW, maskH, rgba, width, height);
            String label = maskW + "x" + maskH + " to " + width + "x" + height;
            assertMatchesReference(mask, maskW, maskH, width, height, alpha, label, 1);
            for (int i = 0; i < rgba.length; i++) {
                if (rgba[i] != ((original[i] & 0x00FFFFFF) | ((alpha[i] & 0xFF) << 24))) {
                    assertEquals(original[i] & 0x00FFFFFF, rgba[i] & 0x00FFFFFF, label + " rgb at " + i);
                    assertEquals(alpha[i] & 0xFF, rgba[i] >>> 24, label + " alpha at " + i);
                }
            }
        }
    }

    @Test
    void upscalesToFiftyMegapixels() {
        // 10000x5000 from the model's 1024x1024: must fit without a full-size float buffer. Every 13th row is
        // checked against the reference to keep the test quick.
        Random random = new Random(99);
        float[] mask = new float[1024 * 1024];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = random.nextFloat();
        }
        byte[] alpha = MaskUpsampler.toAlpha(mask, 1024, 1024, 10000, 5000, null);
        assertEquals(50_000_000, alpha.length);
        assertMatchesReference(mask, 1024, 1024, 10000, 5000, alpha, "10000x5000", 13);
    }

    /**
     * Float and double can round to neighbouring bytes right at a .5 boundary, so one level of difference is
     * allowed, but only rarely.
     */
    private static void assertMatchesReference(float[] mask, int maskW, int maskH, int width, int height,
            byte[] alpha, String label, int rowStep) {
        long checked = 0;
        long off = 0;
        for (int y = 0; y < height; y += rowStep) {
            for (int x = 0; x < width; x++) {
                int expected = reference(mask, maskW, maskH, width, height, x, y);
                int actual = alpha[y * width + x] & 0xFF;
                checked++;
                if (expected != actual) {
                    off++;
                    assertTrue(Math.abs(expected - actual) <= 1,
                            label + " at " + x + "," + y + ": expected " + expected + ", got " + actual);
                }
            }
        }
        assertTrue(off * 1000 <= checked, label + ": " + off + " of " + checked + " off by one");
    }

    /** The spec's formula, per pixel and in double, with nothing precomputed. */
    private static int reference(float[] mask, int maskW, int maskH, int width, int height, int x, int y) {
        double sx = Math.max(0.0, Math.min(maskW - 1, (x + 0.5) * maskW / width - 0.5));
        double sy = Math.max(0.0, Math.min(maskH - 1, (y + 0.5) * maskH / height - 0.5));
        int x0 = (int) Math.floor(sx);
        int y0 = (int) Math.floor(sy);
        int x1 = Math.min(x0 + 1, maskW - 1);
        int y1 = Math.min(y0 + 1, maskH - 1);
        double fx = sx - x0;
        double fy = sy - y0;
        double top = (1 - fx) * mask[y0 * maskW + x0] + fx * mask[y0 * maskW + x1];
        double bottom = (1 - fx) * mask[y1 * maskW + x0] + fx * mask[y1 * maskW + x1];
        double v = Math.max(0.0, Math.min(1.0, (1 - fy) * top + fy * bottom));
        return (int) Math.round(v * 255.0);
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
