package app.cutout.core.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DistanceTransformTest {

    @Test
    void matchesBruteForceOnRandomMasks() {
        Random random = new Random(7);
        for (int trial = 0; trial < 30; trial++) {
            int w = 1 + random.nextInt(23);
            int h = 1 + random.nextInt(19);
            double density = random.nextDouble() * 0.2;
            byte[] alpha = new byte[w * h];
            for (int i = 0; i < alpha.length; i++) {
                alpha[i] = (byte) (random.nextDouble() < density ? 128 + random.nextInt(128) : random.nextInt(128));
            }
            int[] squared = new int[w * h];
            int[] nearest = new int[w * h];
            DistanceTransform.compute(alpha, w, h, 128, squared, nearest);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int best = Integer.MAX_VALUE;
                    for (int i = 0; i < alpha.length; i++) {
                        if ((alpha[i] & 0xFF) >= 128) {
                            int dx = i % w - x;
                            int dy = i / w - y;
                            best = Math.min(best, dx * dx + dy * dy);
                        }
                    }
                    int i = y * w + x;
                    if (best == Integer.MAX_VALUE) {
                        assertTrue(squared[i] >= DistanceTransform.FAR);
                        assertEquals(-1, nearest[i]);
                    } else {
                        assertEquals(best, squared[i], "at " + x + "," + y + " of " + w + "x" + h);
                        int n = nearest[i];
                        assertTrue((alpha[n] & 0xFF) >= 128);
                        int dx = n % w - x;
                        int dy = n / w - y;
                        assertEquals(best, dx * dx + dy * dy);
                    }
                }
            }
        }
    }

    @Test
    void singlePixel() {
        byte[] alpha = new byte[5 * 4];
        alpha[2 * 5 + 1] = (byte) 255;
        int[] squared = new int[20];
        int[] nearest = new int[20];
        DistanceTransform.compute(alpha, 5, 4, 1, squared, nearest);
        assertEquals(0, squared[11]);
        assertEquals(3 * 3 + 2 * 2, squared[4]);
        assertEquals(11, nearest[4]);
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class,
                () -> DistanceTransform.compute(new byte[4], 2, 2, 0, new int[4], new int[4]));
        assertThrows(IllegalArgumentException.class,
                () -> DistanceTransform.compute(new byte[4], 2, 2, 128, new int[3], new int[4]));
    }
}
