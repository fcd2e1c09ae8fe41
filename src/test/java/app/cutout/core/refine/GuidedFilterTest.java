package app.cutout.core.refine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GuidedFilterTest {

    /** {@code n} values uniform in [0, 1). */
    private static float[] uniform(Random rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextFloat();
        }
        return v;
    }

    @Test
    void constantGuideGivesTheTwiceBoxFilteredInput() {
        // 3x1 grid, r = 1, constant guide: every covariance is 0 so a = 0 and b_k = mean of p over window k.
        // p = [0, 0.6, 0.3]: windows (truncated) {0,1}, {0,1,2}, {1,2} give b = [0.3, 0.3, 0.45]; averaging b over
        // the same windows: [0.3, 0.35, 0.375].
        float[] rgb = {0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f};
        float[] q = GuidedFilter.filter(rgb, new float[] {0f, 0.6f, 0.3f}, 3, 1, 1, 1e-4f);
        assertEquals(0.3f, q[0], 1e-6f);
        assertEquals(0.35f, q[1], 1e-6f);
        assertEquals(0.375f, q[2], 1e-6f);
    }

    @Test
    void reproducesAnInputThatIsLinearInTheGuide() {
        // p = 0.5 R - 0.25 G + 0.1: within every window cov(I, p) = Σ (0.5, -0.25, 0), so a = (Σ + εU)^-1 Σ a_true,
        // which tends to a_true as ε -> 0, and q tends to p.
        int w = 9;
        int h = 7;
        float[] rgb = uniform(new Random(3), 3 * w * h);
        float[] p = new float[w * h];
        for (int i = 0; i < w * h; i++) {
            p[i] = 0.5f * rgb[3 * i] - 0.25f * rgb[3 * i + 1] + 0.1f;
        }
        float[] q = GuidedFilter.filter(rgb, p, w, h, 2, 1e-7f);
        for (int i = 0; i < p.length; i++) {
            assertEquals(p[i], q[i], 2e-4f);
        }
    }

    @Test
    void matchesABruteForceGuidedFilter() {
        Random rnd = new Random(17);
        for (int r = 0; r <= 3; r++) {
            int w = 11;
            int h = 6;
            float[] rgb = new float[3 * w * h];
            float[] p = new float[w * h];
            for (int i = 0; i < w * h; i++) {
                rgb[3 * i] = rnd.nextFloat();
                rgb[3 * i + 1] = rnd.nextFloat() * 0.5f;
                rgb[3 * i + 2] = rnd.nextFloat() * 0.1f + 0.3f;
                p[i] = rnd.nextFloat();
            }
            float eps = 1e-3f;
            float[] coef = GuidedFilter.meanCoefficients(rgb, p, w, h, r, eps, null, 0);
            double[][] ab = new double[w * h][];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    ab[y * w + x] = fit(rgb, p, w, h, x, y, r, eps);
                }
            }
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double[] mean = new double[4];
                    int n = 0;
                    for (int v = Math.max(0, y - r); v <= Math.min(h - 1, y + r); v++) {
                        for (int u = Math.max(0, x - r); u <= Math.min(w - 1, x + r); u++) {
                            for (int c = 0; c < 4; c++) {
                                mean[c] += ab[v * w + u][c];
                            }
                            n++;
                        }
                    }
                    for (int c = 0; c < 4; c++) {
                        assertEquals(mean[c] / n, coef[4 * (y * w + x) + c], 2e-3 * (1 + Math.abs(mean[c] / n)),
                                "r=" + r + " at " + x + "," + y + " c" + c);
                    }
                }
            }
        }
    }

    /** a (3) and b of window k centred at (x, y), straight from the definition, by Gaussian elimination. */
    private static double[] fit(float[] rgb, float[] p, int w, int h, int x, int y, int r, double eps) {
        float[] ones = new float[w * h];
        java.util.Arrays.fill(ones, 1f);
        return fit(rgb, p, ones, w, h, x, y, r, eps);
    }

    /**
     * a (3), b and the window's weight share of window k centred at (x, y) by weighted least squares: weighted means
     * and covariances, {@code ε} added to the covariance's diagonal; all 0 if the window has no weight.
     */
    private static double[] fit(float[] rgb, float[] p, float[] weight, int w, int h, int x, int y, int r,
            double eps) {
        double[] mi = new double[3];
        double mp = 0;
        double n = 0;
        int area = 0;
        for (int v = Math.max(0, y - r); v <= Math.min(h - 1, y + r); v++) {
            for (int u = Math.max(0, x - r); u <= Math.min(w - 1, x + r); u++) {
                int i = v * w + u;
                for (int c = 0; c < 3; c++) {
                    mi[c] += weight[i] * rgb[3 * i + c];
                }
                mp += weight[i] * p[i];
                n += weight[i];
                area++;
            }
        }
        if (n / area <= GuidedFilter.MIN_WINDOW_WEIGHT) {
            return new double[5];
        }
        for (int c = 0; c < 3; c++) {
            mi[c] /= n;
        }
        mp /= n;
        double[][] m = new double[3][4];
        for (int v = Math.max(0, y - r); v <= Math.min(h - 1, y + r); v++) {
            for (int u = Math.max(0, x - r); u <= Math.min(w - 1, x + r); u++) {
                int i = v * w + u;
                for (int c = 0; c < 3; c++) {
                    for (int d = 0; d < 3; d++) {
                        m[c][d] += weight[i] * (rgb[3 * i + c] - mi[c]) * (rgb[3 * i + d] - mi[d]) / n;
                    }
                    m[c][3] += weight[i] * (rgb[3 * i + c] - mi[c]) * (p[i] - mp) / n;
                }
            }
        }
        for (int c = 0; c < 3; c++) {
            m[c][c] += eps;
        }
        for (int c = 0; c < 3; c++) {
            for (int d = c + 1; d < 3; d++) {
                double f = m[d][c] / m[c][c];
                for (int e = c; e < 4; e++) {
                    m[d][e] -= f * m[c][e];
                }
            }
        }
        double[] a = new double[3];
        for (int c = 2; c >= 0; c--) {
            double s = m[c][3];
            for (int d = c + 1; d < 3; d++) {
                s -= m[c][d] * a[d];
            }
            a[c] = s / m[c][c];
        }
        return new double[] {a[0], a[1], a[2], mp - a[0] * mi[0] - a[1] * mi[1] - a[2] * mi[2], n / area};
    }

    @Test
    void movesTheMaskTransitionOntoTheGuideEdge() {
        // A vertical colour edge between columns 9 and 10 of a 20x4 guide; p is a linear ramp from 0 (column 7) to 1
        // (column 12), as a coarse mask upsampled across the edge would be: p(9) = 0.4, p(10) = 0.6, a jump of 0.2.
        // Windows straddling the edge regress p onto the two-colour guide, so q jumps by most of the ramp's range
        // exactly there (measured 0.66 for r = 4: 0.17 -> 0.83), while flat-guide windows only smooth p. Output stays
        // monotone.
        int w = 20;
        int h = 4;
        float[] rgb = new float[3 * w * h];
        float[] p = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                boolean fg = x >= 10;
                rgb[3 * i] = fg ? 0.9f : 0.1f;
                rgb[3 * i + 1] = fg ? 0.6f : 0.3f;
                rgb[3 * i + 2] = fg ? 0.2f : 0.8f;
                p[i] = Math.max(0f, Math.min(1f, (x - 7) / 5f));
            }
        }
        for (int r = 1; r <= 4; r++) {
            float[] q = GuidedFilter.filter(rgb, p, w, h, r, 1e-4f);
            for (int y = 0; y < h; y++) {
                int o = y * w;
                assertTrue(q[o + 10] - q[o + 9] > 0.39f, "r=" + r + ": " + q[o + 9] + " -> " + q[o + 10]);
                for (int x = 1; x < w; x++) {
                    assertTrue(q[o + x] >= q[o + x - 1] - 1e-5f);
                }
            }
        }
    }

    @Test
    void weightedWithUnitWeightsIsThePlainFilter() {
        Random rnd = new Random(23);
        int w = 13;
        int h = 9;
        float[] rgb = uniform(rnd, 3 * w * h);
        float[] p = uniform(rnd, w * h);
        float[] ones = new float[w * h];
        java.util.Arrays.fill(ones, 1f);
        for (int r = 0; r <= 4; r++) {
            float[] plain = GuidedFilter.meanCoefficients(rgb, p, w, h, r, 1e-3f, null, 0);
            float[] weighted = GuidedFilter.weightedMeanCoefficients(rgb, p, ones, w, h, r, 1e-3f, null, 0);
            for (int i = 0; i < w * h; i++) {
                for (int c = 0; c < 4; c++) {
                    float e = plain[4 * i + c];
                    assertEquals(e, weighted[5 * i + c], 1e-4f * (1 + Math.abs(e)), "r=" + r + " at " + i);
                }
                assertEquals(1f, weighted[5 * i + 4], 1e-6f, "support");
            }
        }
    }

    @Test
    void weightedMatchesABruteForceWeightedFit() {
        // Random weights, a quarter of them 0: each window's a_k, b_k by weighted least squares, averaged over the
        // windows containing the pixel with weights W_k = (sum of the window's weights) / (window area); the support
        // is the plain mean of W_k.
        Random rnd = new Random(29);
        int w = 10;
        int h = 7;
        float[] rgb = new float[3 * w * h];
        float[] p = new float[w * h];
        float[] weight = new float[w * h];
        for (int i = 0; i < w * h; i++) {
            rgb[3 * i] = rnd.nextFloat();
            rgb[3 * i + 1] = rnd.nextFloat() * 0.5f;
            rgb[3 * i + 2] = rnd.nextFloat() * 0.2f + 0.4f;
            p[i] = rnd.nextFloat();
            weight[i] = rnd.nextInt(4) == 0 ? 0f : rnd.nextFloat();
        }
        float eps = 1e-3f;
        for (int r = 1; r <= 3; r++) {
            float[] coef = GuidedFilter.weightedMeanCoefficients(rgb, p, weight, w, h, r, eps, null, 0);
            double[][] ab = new double[w * h][];
            double[] share = new double[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    ab[y * w + x] = fit(rgb, p, weight, w, h, x, y, r, eps);
                    share[y * w + x] = ab[y * w + x][4];
                }
            }
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double[] sum = new double[4];
                    double total = 0;
                    int n = 0;
                    for (int v = Math.max(0, y - r); v <= Math.min(h - 1, y + r); v++) {
                        for (int u = Math.max(0, x - r); u <= Math.min(w - 1, x + r); u++) {
                            double s = share[v * w + u];
                            for (int c = 0; c < 4; c++) {
                                sum[c] += s * ab[v * w + u][c];
                            }
                            total += s;
                            n++;
                        }
                    }
                    assertEquals(total / n, coef[5 * (y * w + x) + 4], 1e-5, "support r=" + r + " at " + x + "," + y);
                    for (int c = 0; c < 4; c++) {
                        double expected = sum[c] / total;
                        assertEquals(expected, coef[5 * (y * w + x) + c], 2e-3 * (1 + Math.abs(expected)),
                                "r=" + r + " at " + x + "," + y + " c" + c);
                    }
                }
            }
        }
    }

    @Test
    void weightedFilterCarriesTheTrustedColourModelAcrossAnUntrustedPatch() {
        // 30x6: columns 0-9 orange with p = 1 (trusted), 10-17 the same orange with p = 0.4 (untrusted, weight 0),
        // 18-29 pale with p = 0 (trusted). Windows holding both trusted colours learn orange -> 1, pale -> 0 and lift
        // the patch; windows that hold only pale pixels predict 0 for any colour, so the patch falls off towards
        // the pale side (measured 0.95 at column 10 down to 0.57 at 17). The plain filter, which trusts the patch's
        // 0.4 as much as anything else, stays lower everywhere (0.70 down to 0.55).
        int w = 30;
        int h = 6;
        float[] rgb = new float[3 * w * h];
        float[] p = new float[w * h];
        float[] weight = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                boolean orange = x < 18;
                rgb[3 * i] = orange ? 0.85f : 0.80f;
                rgb[3 * i + 1] = orange ? 0.35f : 0.60f;
                rgb[3 * i + 2] = orange ? 0.20f : 0.45f;
                p[i] = x < 10 ? 1f : x < 18 ? 0.4f : 0f;
                weight[i] = x >= 10 && x < 18 ? 0f : 1f;
            }
        }
        int r = 10;
        float[] coef = GuidedFilter.weightedMeanCoefficients(rgb, p, weight, w, h, r, 1e-4f, null, 0);
        float[] plain = GuidedFilter.filter(rgb, p, w, h, r, 1e-4f);
        for (int y = 0; y < h; y++) {
            for (int x = 10; x < 18; x++) {
                int i = y * w + x;
                float q = coef[5 * i] * rgb[3 * i] + coef[5 * i + 1] * rgb[3 * i + 1] + coef[5 * i + 2] * rgb[3 * i + 2]
                        + coef[5 * i + 3];
                assertTrue(q > plain[i], "patch at " + x + ": " + q + " vs plain " + plain[i]);
                if (x < 14) {
                    assertTrue(q > 0.8f && q > plain[i] + 0.15f, "patch at " + x + ": " + q + " vs " + plain[i]);
                }
                assertTrue(coef[5 * i + 4] > 0.5f, "support");
            }
            for (int x = 18; x < w; x++) {
                int i = y * w + x;
                float q = coef[5 * i] * rgb[3 * i] + coef[5 * i + 1] * rgb[3 * i + 1] + coef[5 * i + 2] * rgb[3 * i + 2]
                        + coef[5 * i + 3];
                assertTrue(q < 0.01f, "pale at " + x + ": " + q);
            }
        }
    }

    @Test
    void weightedFilterWithNoTrustedPixelsHasNoSupport() {
        float[] coef = GuidedFilter.weightedMeanCoefficients(new float[18], new float[] {1, 0, 1, 0, 1, 0},
                new float[6], 3, 2, 1, 1e-3f, null, 0);
        assertEquals(30, coef.length);
        for (float c : coef) {
            assertEquals(0f, c); // coefficients and support
        }
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> GuidedFilter.filter(new float[6], new float[2], 2, 1, -1,
                1e-3f));
        assertThrows(IllegalArgumentException.class, () -> GuidedFilter.filter(new float[6], new float[2], 2, 1, 1,
                0f));
        assertThrows(IllegalArgumentException.class, () -> GuidedFilter.filter(new float[5], new float[2], 2, 1, 1,
                1e-3f));
    }
}
