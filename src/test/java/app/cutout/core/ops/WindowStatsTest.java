package app.cutout.core.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class WindowStatsTest {

    @Test
    void boxMeanIsTheMeanOverTheTruncatedWindow() {
        Random random = new Random(7);
        int w = 9;
        int h = 6;
        int channels = 3;
        float[] v = new float[channels * w * h];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextFloat();
        }
        // Radius 1, 2, one wider than the grid's height, one wider than both sides (every window is the whole grid).
        for (int r : new int[] {1, 2, 7, 12}) {
            float[] got = v.clone();
            WindowStats.boxMean(got, channels, w, h, r);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    for (int c = 0; c < channels; c++) {
                        double sum = 0;
                        int n = 0;
                        for (int yy = Math.max(0, y - r); yy <= Math.min(h - 1, y + r); yy++) {
                            for (int xx = Math.max(0, x - r); xx <= Math.min(w - 1, x + r); xx++) {
                                sum += v[channels * (yy * w + xx) + c];
                                n++;
                            }
                        }
                        assertEquals(sum / n, got[channels * (y * w + x) + c], 1e-6,
                                "r=" + r + " at " + x + "," + y + " channel " + c);
                    }
                }
            }
        }
    }

    @Test
    void boxMeanOfRadiusZeroChangesNothing() {
        float[] v = {0.1f, 0.7f, 0.3f, 0.9f};
        float[] got = v.clone();
        WindowStats.boxMean(got, 2, 2, 1, 0);
        assertArrayEquals(v, got);
    }

    @Test
    void boxMeanSeparatesChannels() {
        // Two channels, 4 x 1: the first all 1, the second a step; r = 1 windows hold 2, 3, 3, 2 pixels.
        float[] v = {1f, 0f, 1f, 0f, 1f, 3f, 1f, 3f};
        WindowStats.boxMean(v, 2, 4, 1, 1);
        assertArrayEquals(new float[] {1f, 0f, 1f, 1f, 1f, 2f, 1f, 3f}, v);
    }

    @Test
    void colourModelOfFourColours() {
        // Black, red, green and blue: mean 1/4 each, variance 3/16, covariances -1/16; with eps 1/4 the matrix is
        // I/2 - J/16 (J all ones), whose determinant is (1/2)^2 (5/16) and whose adjugate is
        // det * (2 I + 2 J / 5) = 3/16 on the diagonal and 1/32 off it. Every value is exact in binary.
        double[][] colours = {{0, 0, 0}, {1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        double[] out = new double[WindowStats.MODEL];
        double det = model(colours, 0.25, out);
        assertEquals(5.0 / 64, det);
        assertArrayEquals(new double[] {0.25, 0.25, 0.25, 3.0 / 16, 1.0 / 32, 1.0 / 32, 3.0 / 16, 1.0 / 32,
                3.0 / 16}, out);
    }

    @Test
    void colourModelInvertsTheRegularisedCovariance() {
        Random random = new Random(11);
        double[] out = new double[WindowStats.MODEL];
        for (int trial = 0; trial < 20; trial++) {
            double[][] colours = new double[9][3];
            for (double[] c : colours) {
                for (int k = 0; k < 3; k++) {
                    c[k] = random.nextDouble();
                }
            }
            double eps = 1e-4;
            double det = model(colours, eps, out);
            double[][] cov = new double[3][3];
            for (int a = 0; a < 3; a++) {
                assertEquals(mean(colours, a), out[a], 1e-15);
                for (int b = 0; b < 3; b++) {
                    double s = 0;
                    for (double[] c : colours) {
                        s += (c[a] - out[a]) * (c[b] - out[b]);
                    }
                    cov[a][b] = s / colours.length + (a == b ? eps : 0);
                }
            }
            // The adjugate times the matrix is the determinant times the identity.
            int[][] at = {{3, 4, 5}, {4, 6, 7}, {5, 7, 8}};
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 3; b++) {
                    double s = 0;
                    for (int k = 0; k < 3; k++) {
                        s += out[at[a][k]] * cov[k][b];
                    }
                    assertEquals(a == b ? det : 0, s, 1e-12 * Math.abs(det) + 1e-15, "trial " + trial);
                }
            }
            assertEquals(true, det > 0, "a covariance plus a ridge is positive definite");
        }
    }

    /** The model of the colours as a window's raw moments (sums, and one over their count). */
    private static double model(double[][] colours, double eps, double[] out) {
        double[] s = new double[9];
        for (double[] c : colours) {
            s[0] += c[0];
            s[1] += c[1];
            s[2] += c[2];
            s[3] += c[0] * c[0];
            s[4] += c[0] * c[1];
            s[5] += c[0] * c[2];
            s[6] += c[1] * c[1];
            s[7] += c[1] * c[2];
            s[8] += c[2] * c[2];
        }
        return WindowStats.colourModel(1.0 / colours.length, s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8],
                eps, out);
    }

    private static double mean(double[][] colours, int k) {
        double s = 0;
        for (double[] c : colours) {
            s += c[k];
        }
        return s / colours.length;
    }
}
