package app.cutout.core.ops;

/**
 * Statistics of square windows for the refinement's colour models: box means of interleaved channels (the guided
 * filters, haze removal), and a window's colour model from its moments (closed-form matting, haze removal; the
 * guided filter's fit, once per grid pixel, keeps the same sums inline, which is 4 % faster there).
 */
public final class WindowStats {
    private WindowStats() {
    }

    /**
     * Replaces each of the {@code channels} interleaved channels of {@code v} by its mean over the
     * {@code (2r+1)^2} window (truncated at the borders), in place: a horizontal running sum per row, then a vertical
     * one that keeps the last {@code r + 1} original rows in a ring. Sums are kept in {@code double}, so that raw
     * moments averaged here can be turned into covariances ({@code E[I²] - E[I]²}) without cancelling badly. The cost
     * does not depend on {@code r}.
     */
    public static void boxMean(float[] v, int channels, int w, int h, int r) {
        if (r == 0) {
            return;
        }
        int rowLen = channels * w;
        float[] tmp = new float[rowLen];
        double[] sum = new double[channels];
        // One over each column's window width, the same divisions as per pixel, once per call.
        double[] invX = new double[w];
        for (int x = 0; x < w; x++) {
            invX[x] = 1.0 / (Math.min(x + r, w - 1) - Math.max(x - r, 0) + 1);
        }
        for (int y = 0; y < h; y++) {
            int o = y * rowLen;
            System.arraycopy(v, o, tmp, 0, rowLen);
            java.util.Arrays.fill(sum, 0.0);
            for (int x = 0, t = 0; x <= Math.min(r, w - 1); x++) {
                for (int c = 0; c < channels; c++, t++) {
                    sum[c] += tmp[t];
                }
            }
            for (int x = 0; x < w; x++) {
                double inv = invX[x];
                int d = o + channels * x;
                for (int c = 0; c < channels; c++) {
                    v[d + c] = (float) (sum[c] * inv);
                }
                int xa = x + r + 1;
                if (xa < w) {
                    for (int c = 0, t = channels * xa; c < channels; c++, t++) {
                        sum[c] += tmp[t];
                    }
                }
                int xs = x - r;
                if (xs >= 0) {
                    for (int c = 0, t = channels * xs; c < channels; c++, t++) {
                        sum[c] -= tmp[t];
                    }
                }
            }
        }
        double[] col = new double[rowLen];
        for (int y = 0; y <= Math.min(r, h - 1); y++) {
            for (int k = 0, o = y * rowLen; k < rowLen; k++, o++) {
                col[k] += v[o];
            }
        }
        int slots = r + 1;
        float[] ring = new float[slots * rowLen];
        for (int y = 0; y < h; y++) {
            int o = y * rowLen;
            System.arraycopy(v, o, ring, (y % slots) * rowLen, rowLen);
            int ny = Math.min(y + r, h - 1) - Math.max(y - r, 0) + 1;
            double inv = 1.0 / ny;
            // Slide the window to rows [y + 1 - r, y + 1 + r]: row y + 1 + r is still original in v, row y - r only
            // in the ring.
            int ya = y + 1 + r;
            int ys = y - r;
            if (ya < h && ys >= 0) {
                // Inside, in one loop: the same additions and subtractions, in the same order, as the loops below.
                for (int k = 0, a = ya * rowLen, b = (ys % slots) * rowLen; k < rowLen; k++) {
                    double c = col[k];
                    v[o + k] = (float) (c * inv);
                    col[k] = c + v[a + k] - ring[b + k];
                }
                continue;
            }
            for (int k = 0; k < rowLen; k++) {
                v[o + k] = (float) (col[k] * inv);
            }
            if (ya < h) {
                for (int k = 0, a = ya * rowLen; k < rowLen; k++, a++) {
                    col[k] += v[a];
                }
            }
            if (ys >= 0) {
                for (int k = 0, a = (ys % slots) * rowLen; k < rowLen; k++, a++) {
                    col[k] -= ring[a];
                }
            }
        }
    }

    /** Length of the {@code out} array of {@link #colourModel}. */
    public static final int MODEL = 9;

    /**
     * A window's colour model from its raw moments: the mean colour {@code μ} and the covariance {@code Σ} with a
     * ridge {@code ε} on its diagonal, inverted by cofactors. The moments are sums (or weighted sums, or means) of
     * R, G, B and of the products RR, RG, RB, GG, GB, BB over the window's pixels, and {@code inv} is one over their
     * count (total weight, share); every quantity is formed in {@code double} in one fixed order, so the callers
     * agree to the last bit.
     *
     * <p>Writes {@code μ_R, μ_G, μ_B} to {@code out[0..2]} and the adjugate of {@code Σ + εI} (symmetric: RR, RG, RB,
     * GG, GB, BB) to {@code out[3..8]}; {@code (Σ + εI)^-1} is the adjugate divided by the returned determinant,
     * which callers apply once to whatever the inverse multiplies (the determinant is positive for {@code ε > 0} up
     * to rounding, and callers that need it check).
     *
     * @return {@code det(Σ + εI)}
     */
    public static double colourModel(double inv, double r, double g, double b, double rr, double rg, double rb,
            double gg, double gb, double bb, double eps, double[] out) {
        double mr = r * inv;
        double mg = g * inv;
        double mb = b * inv;
        double c00 = rr * inv - mr * mr + eps;
        double c01 = rg * inv - mr * mg;
        double c02 = rb * inv - mr * mb;
        double c11 = gg * inv - mg * mg + eps;
        double c12 = gb * inv - mg * mb;
        double c22 = bb * inv - mb * mb + eps;
        double i00 = c11 * c22 - c12 * c12;
        double i01 = c02 * c12 - c01 * c22;
        double i02 = c01 * c12 - c02 * c11;
        out[0] = mr;
        out[1] = mg;
        out[2] = mb;
        out[3] = i00;
        out[4] = i01;
        out[5] = i02;
        out[6] = c00 * c22 - c02 * c02;
        out[7] = c01 * c02 - c00 * c12;
        out[8] = c00 * c11 - c01 * c01;
        return c00 * i00 + c01 * i01 + c02 * i02;
    }
}
