package app.cutout.core.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BilinearTest {

    @Test
    void round255MatchesMathRound() {
        // Every float from 0.25 up to 255 (about 84 million), where t + 0.5f can be inexact, then a stride below.
        for (int bits = Float.floatToRawIntBits(0.25f), end = Float.floatToRawIntBits(255f); bits <= end; bits++) {
            float t = Float.intBitsToFloat(bits);
            if (Bilinear.round255(t) != Math.round(t)) {
                assertEquals(Math.round(t), Bilinear.round255(t), "t = " + t);
            }
        }
        for (int bits = 0, end = Float.floatToRawIntBits(0.25f); bits < end; bits += 997) {
            float t = Float.intBitsToFloat(bits);
            assertEquals(Math.round(t), Bilinear.round255(t), "t = " + t);
        }
        // The one float where (int) (t + 0.5f) is wrong: 0.49999997f + 0.5f rounds to 1.0f.
        assertEquals(0, Bilinear.round255(0.49999997f));
        assertEquals(1, Bilinear.round255(0.5f));
        assertEquals(0, Bilinear.round255(Float.NaN));
    }

    @Test
    void alphaRowsAreBitIdenticalToThePlainResampler() {
        Random rnd = new Random(5);
        int[][] sizes = {{1, 1, 7, 5}, {2, 2, 4, 4}, {4, 4, 2, 2}, {16, 16, 101, 67}, {64, 64, 37, 211},
            {13, 7, 13, 7}, {32, 32, 300, 200}};
        for (int[] s : sizes) {
            int mw = s[0];
            int mh = s[1];
            int w = s[2];
            int h = s[3];
            float[] mask = new float[mw * mh];
            for (int i = 0; i < mask.length; i++) {
                // Saturated, near the fast-path thresholds, in between, out of range and NaN.
                switch (rnd.nextInt(8)) {
                    case 0 -> mask[i] = 0f;
                    case 1 -> mask[i] = 1f;
                    case 2 -> mask[i] = 0.0019f + (rnd.nextFloat() - 0.5f) * 1e-4f;
                    case 3 -> mask[i] = 0.9981f + (rnd.nextFloat() - 0.5f) * 1e-4f;
                    case 4 -> mask[i] = rnd.nextFloat() * 1.4f - 0.2f;
                    case 5 -> mask[i] = rnd.nextInt(50) == 0 ? Float.NaN : rnd.nextFloat() * 0.004f;
                    default -> mask[i] = rnd.nextFloat();
                }
            }
            int[] pixels = new int[w * h];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = rnd.nextInt();
            }
            int[] expected = pixels.clone();
            plainAlpha(mask, mw, mh, expected, w, h);
            Bilinear rows = new Bilinear(mask, mw, mh, w, h);
            for (int y = 0; y < h; y++) {
                rows.alphaRow(y, pixels, y * w);
            }
            assertArrayEquals(expected, pixels, mw + "x" + mh + " -> " + w + "x" + h);
        }
    }

    /**
     * The resampler as first written and pinned by the tests, without the saturated-run shortcut and with
     * {@code Math.round}: vertical blend into a row, then across, {@code 1f - frac} as the lower weights.
     */
    private static void plainAlpha(float[] mask, int maskW, int maskH, int[] rgba, int width, int height) {
        double yScale = (double) maskH / height;
        double xScale = (double) maskW / width;
        float[] blended = new float[maskW];
        for (int y = 0; y < height; y++) {
            double sy = plainSource(yScale, y, maskH);
            int y0 = (int) sy;
            int y1 = Math.min(y0 + 1, maskH - 1);
            float wy1 = (float) (sy - y0);
            float wy0 = 1f - wy1;
            for (int x = 0; x < maskW; x++) {
                blended[x] = wy0 * mask[y0 * maskW + x] + wy1 * mask[y1 * maskW + x];
            }
            for (int x = 0; x < width; x++) {
                double sx = plainSource(xScale, x, maskW);
                int x0 = (int) sx;
                int x1 = Math.min(x0 + 1, maskW - 1);
                float wx1 = (float) (sx - x0);
                float v = (1f - wx1) * blended[x0] + wx1 * blended[x1];
                if (v < 0f) {
                    v = 0f;
                } else if (v > 1f) {
                    v = 1f;
                }
                int o = y * width + x;
                rgba[o] = (rgba[o] & 0x00FFFFFF) | (Math.round(v * 255f) << 24);
            }
        }
    }

    private static double plainSource(double scale, int d, int srcLen) {
        return Math.min(Math.max(scale * (d + 0.5) - 0.5, 0.0), srcLen - 1);
    }
}
