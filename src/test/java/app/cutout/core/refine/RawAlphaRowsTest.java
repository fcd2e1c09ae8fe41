package app.cutout.core.refine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.cutout.core.ops.MaskUpsampler;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RawAlphaRowsTest {

    @Test
    void round255MatchesMathRound() {
        // Every float from 0.25 up to 255 (about 84 million), where t + 0.5f can be inexact, then a stride below.
        for (int bits = Float.floatToRawIntBits(0.25f), end = Float.floatToRawIntBits(255f); bits <= end; bits++) {
            float t = Float.intBitsToFloat(bits);
            if (RawAlphaRows.round255(t) != Math.round(t)) {
                assertEquals(Math.round(t), RawAlphaRows.round255(t), "t = " + t);
            }
        }
        for (int bits = 0, end = Float.floatToRawIntBits(0.25f); bits < end; bits += 997) {
            float t = Float.intBitsToFloat(bits);
            assertEquals(Math.round(t), RawAlphaRows.round255(t), "t = " + t);
        }
        // The one float where (int) (t + 0.5f) is wrong: 0.49999997f + 0.5f rounds to 1.0f.
        assertEquals(0, RawAlphaRows.round255(0.49999997f));
        assertEquals(1, RawAlphaRows.round255(0.5f));
        assertEquals(0, RawAlphaRows.round255(Float.NaN));
    }

    @Test
    void rowsAreBitIdenticalToMaskUpsampler() {
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
            MaskUpsampler.applyAlpha(mask, mw, mh, expected, w, h);
            RawAlphaRows rows = new RawAlphaRows(mask, mw, mh, w, h);
            for (int y = 0; y < h; y++) {
                rows.writeRow(y, pixels, y * w);
            }
            assertArrayEquals(expected, pixels, mw + "x" + mh + " -> " + w + "x" + h);
        }
    }
}
