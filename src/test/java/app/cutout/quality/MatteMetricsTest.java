package app.cutout.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MatteMetricsTest {

    @Test
    void sadSumsAbsoluteDifferencesInUnitAlphaOverAThousand() {
        // |0-255| + |255-0| + |128-0| + |10-20| = 255 + 255 + 128 + 10 = 648 in byte units;
        // / 255 -> 2.541176..., / 1000 -> 0.002541176...
        byte[] p = bytes(0, 255, 128, 10);
        byte[] t = bytes(255, 0, 0, 20);
        assertEquals(648 / 255.0 / 1000.0, MatteMetrics.sad(p, t), 1e-15);
        assertEquals(0.0, MatteMetrics.sad(p, p), 0.0);
    }

    @Test
    void sadAndMseCanBeLimitedToARegion() {
        // Only pixels 1 and 3 count: |255-0| + |10-20| = 265 -> 265 / 255 / 1000.
        // MSE over those two: (1^2 + (10/255)^2) / 2 = (1 + 0.0015379) / 2 = 0.500769.
        byte[] p = bytes(0, 255, 128, 10);
        byte[] t = bytes(255, 0, 0, 20);
        byte[] region = bytes(0, 1, 0, 1);
        assertEquals(265 / 255.0 / 1000.0, MatteMetrics.sad(p, t, region), 1e-15);
        assertEquals((1.0 + (10 / 255.0) * (10 / 255.0)) / 2, MatteMetrics.mse(p, t, region), 1e-15);
    }

    @Test
    void mseIsTheMeanSquaredDifferenceInUnitAlpha() {
        // 3x3 fixture, differences in bytes: 255 at one pixel, 51 at two, 0 elsewhere.
        // (255/255)^2 + 2 * (51/255)^2 = 1 + 2 * 0.04 = 1.08; / 9 pixels = 0.12.
        byte[] p = bytes(
                255, 51, 0,
                0, 0, 0,
                0, 51, 0);
        byte[] t = new byte[9];
        assertEquals(0.12, MatteMetrics.mse(p, t), 1e-12);
        assertEquals(0.0, MatteMetrics.mse(new byte[0], new byte[0]), 0.0);
    }

    @Test
    void gradientKernelFollowsGaussgradient() {
        // sigma = 1.4: sqrt(2*pi) * 1.4 * 0.01 = 0.0350929; ln -> -3.349630; * -2 -> 6.699261; sqrt -> 2.588293;
        // * 1.4 -> 3.623610; ceil -> 4, so 9 taps.
        assertEquals(4, MatteMetrics.halfSize(1.4));
        double[] g = MatteMetrics.gaussianKernel(1.4);
        double[] dg = MatteMetrics.gaussianDerivativeKernel(1.4);
        assertEquals(9, g.length);
        // Unit L2 norm, symmetric G, antisymmetric G' with G'(0) = 0.
        double sg = 0;
        double sd = 0;
        for (int i = 0; i < 9; i++) {
            sg += g[i] * g[i];
            sd += dg[i] * dg[i];
            assertEquals(g[i], g[8 - i], 1e-15);
            assertEquals(-dg[i], dg[8 - i], 1e-15);
        }
        assertEquals(1.0, sg, 1e-12);
        assertEquals(1.0, sd, 1e-12);
        assertEquals(0.0, dg[4], 0.0);
        // Ratio of neighbouring Gaussian taps: exp(-1 / (2 * 1.96)) = exp(-0.255102) = 0.774837.
        assertEquals(Math.exp(-1 / 3.92), g[5] / g[4], 1e-12);
    }

    @Test
    void gradientErrorOfAnImpulseIsTheKernelEnergy() {
        // A 9x9 matte that is 0 except 255 (alpha 1) at the centre. With replicated borders the x-gradient at (y, x)
        // is exactly G(y-4) * G'(x-4) (every offset within +-4 is inside the image and only the centre is non-zero),
        // the y-gradient G'(y-4) * G(x-4). Against an all-zero truth (gradient 0) the error is
        // sum(gx^2 + gy^2) = |G|^2 |G'|^2 + |G'|^2 |G|^2 = 1 + 1 = 2, / 1000 = 0.002.
        byte[] impulse = new byte[81];
        impulse[40] = (byte) 255;
        byte[] zero = new byte[81];
        assertEquals(0.002, MatteMetrics.gradientError(impulse, zero, 9, 9), 1e-12);
        assertEquals(0.002, MatteMetrics.gradientError(zero, impulse, 9, 9), 1e-12);
        assertEquals(0.0, MatteMetrics.gradientError(impulse, impulse, 9, 9), 0.0);
        // Alpha 0.2 (byte 51) scales the gradients by 0.2 and the error by 0.04: 0.002 * 0.04 = 8e-5.
        byte[] faint = new byte[81];
        faint[40] = 51;
        assertEquals(8e-5, MatteMetrics.gradientError(faint, zero, 9, 9), 1e-15);
    }

    @Test
    void gradientErrorIgnoresConstantOffsetsAndHonoursTheRegion() {
        // Constant mattes have zero gradient everywhere (replicated borders), whatever their level.
        byte[] a = new byte[12];
        byte[] b = new byte[12];
        java.util.Arrays.fill(a, (byte) 200);
        java.util.Arrays.fill(b, (byte) 7);
        assertEquals(0.0, MatteMetrics.gradientError(a, b, 4, 3), 1e-15);
        // With the impulse fixture, counting only the centre pixel: there gx = G(0) G'(0) = 0 and
        // gy = G'(0) G(0) = 0, so the error is 0 although the full-image error is 0.002.
        byte[] impulse = new byte[81];
        impulse[40] = (byte) 255;
        byte[] centre = new byte[81];
        centre[40] = 1;
        assertEquals(0.0, MatteMetrics.gradientError(impulse, new byte[81], 9, 9, centre), 1e-15);
    }

    @Test
    void gradientErrorMatchesADirectTwoDimensionalConvolution() {
        Random rnd = new Random(11);
        int w = 13;
        int h = 10;
        byte[] p = new byte[w * h];
        byte[] t = new byte[w * h];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) rnd.nextInt(256);
            t[i] = (byte) rnd.nextInt(256);
        }
        double[] g = MatteMetrics.gaussianKernel(1.4);
        double[] dg = MatteMetrics.gaussianDerivativeKernel(1.4);
        double expected = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double d = magnitude(p, w, h, x, y, g, dg) - magnitude(t, w, h, x, y, g, dg);
                expected += d * d;
            }
        }
        assertEquals(expected / 1000, MatteMetrics.gradientError(p, t, w, h), 1e-9);
    }

    /** Straight 9x9 convolution with hx(u, v) = G(u) G'(v), hy = hx transposed, replicated borders. */
    private static double magnitude(byte[] a, int w, int h, int x, int y, double[] g, double[] dg) {
        double gx = 0;
        double gy = 0;
        for (int u = -4; u <= 4; u++) {
            for (int v = -4; v <= 4; v++) {
                int sy = Math.max(0, Math.min(h - 1, y - u));
                int sx = Math.max(0, Math.min(w - 1, x - v));
                double val = (a[sy * w + sx] & 0xFF) / 255.0;
                gx += g[u + 4] * dg[v + 4] * val;
                gy += dg[u + 4] * g[v + 4] * val;
            }
        }
        return Math.sqrt(gx * gx + gy * gy);
    }

    @Test
    void iouThresholdsAt128() {
        // Foreground (>= 128): p = {1, 2, 3}, t = {2, 3}; 127 counts as background.
        // Intersection {2, 3} = 2, union {1, 2, 3} = 3 -> 2/3.
        byte[] p = bytes(127, 128, 200, 255);
        byte[] t = bytes(0, 0, 255, 130);
        assertEquals(2.0 / 3.0, MatteMetrics.iou(p, t), 1e-15);
        assertEquals(1.0, MatteMetrics.iou(bytes(0, 127), bytes(12, 5)), 0.0);
    }

    @Test
    void rejectsMismatchedSizes() {
        assertThrows(IllegalArgumentException.class, () -> MatteMetrics.sad(new byte[3], new byte[4]));
        assertThrows(IllegalArgumentException.class, () -> MatteMetrics.mse(new byte[3], new byte[3], new byte[2]));
        assertThrows(IllegalArgumentException.class,
                () -> MatteMetrics.gradientError(new byte[6], new byte[6], 4, 2));
    }

    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }
}
