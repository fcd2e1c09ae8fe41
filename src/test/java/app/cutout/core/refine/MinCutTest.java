package app.cutout.core.refine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MinCutTest {
    /** The energy the cut minimises, for labels {@code x}. */
    private static double energy(boolean[] x, float[] wx, float[] wy, float[] source, float[] sink, int w, int h) {
        double e = 0;
        for (int k = 0; k < w * h; k++) {
            e += x[k] ? sink[k] : source[k];
            if (k % w + 1 < w && x[k] != x[k + 1]) {
                e += wx[k];
            }
            if (k + w < w * h && x[k] != x[k + w]) {
                e += wy[k];
            }
        }
        return e;
    }

    @Test
    void findsTheLeastEnergyOfEveryLabellingOnSmallRandomGrids() {
        Random rnd = new Random(3);
        for (int trial = 0; trial < 300; trial++) {
            int w = 1 + rnd.nextInt(4);
            int h = 1 + rnd.nextInt(4);
            int n = w * h;
            float[] wx = new float[n];
            float[] wy = new float[n];
            float[] source = new float[n];
            float[] sink = new float[n];
            for (int k = 0; k < n; k++) {
                wx[k] = rnd.nextInt(6);
                wy[k] = rnd.nextInt(6);
                source[k] = rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(10);
                sink[k] = rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(10);
            }
            double best = Double.MAX_VALUE;
            boolean[] x = new boolean[n];
            for (int mask = 0; mask < 1 << n; mask++) {
                for (int k = 0; k < n; k++) {
                    x[k] = (mask >> k & 1) != 0;
                }
                best = Math.min(best, energy(x, wx, wy, source, sink, w, h));
            }
            boolean[] cut = MinCut.solve(wx, wy, source, sink, w, h);
            assertEquals(best, energy(cut, wx, wy, source, sink, w, h), 1e-6, "trial " + trial);
        }
    }

    @Test
    void cutsAlongTheWeakEdgeBetweenTwoRegions() {
        // 8x4: the left half pulled to the source at column 0 only, the right to the sink at column 7; every edge
        // weight 5 but the one between columns 4 and 5, weight 1: the cut goes there, not at the terminals.
        int w = 8;
        int h = 4;
        float[] wx = new float[w * h];
        float[] wy = new float[w * h];
        float[] source = new float[w * h];
        float[] sink = new float[w * h];
        java.util.Arrays.fill(wx, 5f);
        java.util.Arrays.fill(wy, 5f);
        boolean[] expected = new boolean[w * h];
        for (int y = 0; y < h; y++) {
            wx[y * w + 4] = 1f;
            source[y * w] = 100f;
            sink[y * w + 7] = 100f;
            for (int x = 0; x <= 4; x++) {
                expected[y * w + x] = true;
            }
        }
        assertArrayEquals(expected, MinCut.solve(wx, wy, source, sink, w, h));
    }
}
