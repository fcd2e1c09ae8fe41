package app.cutout.core.refine;

import app.cutout.core.ops.WindowStats;

/**
 * Colour guided filter of He, Sun and Tang (ECCV 2010 / TPAMI 2013) in the "fast" form of He and Sun (2015): the
 * linear coefficients are fitted on a coarse grid and only {@code q = a·I + b} is evaluated at full resolution.
 *
 * <p>For each window {@code ω_k} of {@code (2r+1)^2} grid pixels (truncated at the borders, means taken over the
 * pixels present): {@code a_k = (Σ_k + ε U)^-1 cov_k(I, p)}, {@code b_k = mean_k(p) - a_k · mean_k(I)}, where
 * {@code Σ_k} is the 3x3 colour covariance. The output coefficients are the means of {@code a_k} and {@code b_k} over
 * the windows containing each pixel. Box sums are running sums (rows, then columns), so the cost is independent of
 * {@code r}; sums are kept in {@code double} so that {@code E[I²] - E[I]²} does not cancel badly.
 */
public final class GuidedFilter {
    private GuidedFilter() {
    }

    /**
     * Mean guided filter coefficients of a {@code w x h} grid.
     *
     * @param rgb guide, {@code 3 * w * h} interleaved R, G, B in 0..1
     * @param p filtering input (the coarse mask), {@code w * h} values in 0..1
     * @param radius window radius {@code r}
     * @param eps regularisation {@code ε}
     * @param need where {@code (need[i] & needBit) != 0} the coefficients {@code a_k, b_k} are fitted; elsewhere they
     *     count as 0, which only affects outputs within {@code r} of an unfitted pixel. {@code null} fits everywhere.
     * @return {@code 4 * w * h} floats, per pixel {@code mean a_R, mean a_G, mean a_B, mean b}, such that the filtered
     *     value at a pixel with guide colour {@code I} is {@code a · I + b}
     */
    public static float[] meanCoefficients(float[] rgb, float[] p, int w, int h, int radius, float eps, byte[] need,
            int needBit) {
        if (w <= 0 || h <= 0 || rgb.length != 3 * w * h || p.length != w * h || radius < 0 || !(eps > 0f)) {
            throw new IllegalArgumentException("Bad guided filter input " + w + "x" + h + ", r=" + radius);
        }
        float[] coef = new float[4 * w * h];
        fit(rgb, p, null, w, h, radius, eps, need, needBit, coef, 4);
        WindowStats.boxMean(coef, 4, w, h, radius);
        return coef;
    }

    /**
     * Confidence-weighted guided filter coefficients: each window's linear model is fitted by weighted least squares
     * (pixel weights {@code weight}), so pixels of weight 0 do not influence it, and the coefficients at a pixel are
     * the mean over the windows containing it weighted by each window's total weight. With weights that mark where
     * the input is trusted, the model learnt from the trusted pixels ("this colour is foreground, that one
     * background") is carried over to the untrusted ones in the window.
     *
     * <p>Windows whose weight is at most {@link #MIN_WINDOW_WEIGHT} of their area are not fitted. Where no window
     * containing a pixel was fitted, its coefficients are 0 and its support is 0.
     *
     * @param weight {@code w * h} non-negative pixel weights
     * @return {@code 5 * w * h} floats, per pixel the four coefficients as in {@link #meanCoefficients} and the
     *     pixel's support: the mean over the windows containing it of the share of each window's area that its weight
     *     covers (0..1 for weights in 0..1), i.e. how much trusted input the coefficients rest on
     */
    public static float[] weightedMeanCoefficients(float[] rgb, float[] p, float[] weight, int w, int h, int radius,
            float eps, byte[] need, int needBit) {
        if (w <= 0 || h <= 0 || rgb.length != 3 * w * h || p.length != w * h || weight.length != w * h || radius < 0
                || !(eps > 0f)) {
            throw new IllegalArgumentException("Bad guided filter input " + w + "x" + h + ", r=" + radius);
        }
        // fit writes each window's coefficients times its share, and the share; averaging all five over the windows
        // and dividing by the averaged share gives the share-weighted mean.
        float[] coef = new float[5 * w * h];
        fit(rgb, p, weight, w, h, radius, eps, need, needBit, coef, 5);
        WindowStats.boxMean(coef, 5, w, h, radius);
        for (int t = 0; t < coef.length; t += 5) {
            float s = coef[t + 4];
            float inv = s > 0f ? 1f / s : 0f;
            coef[t] *= inv;
            coef[t + 1] *= inv;
            coef[t + 2] *= inv;
            coef[t + 3] *= inv;
        }
        return coef;
    }

    /** Share of a window's area below which a weighted window is not fitted. */
    static final double MIN_WINDOW_WEIGHT = 1e-3;

    /**
     * The plain (single-resolution) guided filter: {@code q = mean(a) · I + mean(b)} at every pixel; for small images
     * and tests.
     *
     * @return {@code w * h} filtered values (not clamped)
     */
    public static float[] filter(float[] rgb, float[] p, int w, int h, int radius, float eps) {
        float[] coef = meanCoefficients(rgb, p, w, h, radius, eps, null, 0);
        float[] q = new float[w * h];
        for (int i = 0; i < q.length; i++) {
            q[i] = coef[4 * i] * rgb[3 * i] + coef[4 * i + 1] * rgb[3 * i + 1] + coef[4 * i + 2] * rgb[3 * i + 2]
                    + coef[4 * i + 3];
        }
        return q;
    }

    /**
     * Number of statistics summed per pixel: I (3), p, I·p (3), the upper triangle of I·Iᵀ (6), each times the pixel's
     * weight, and the weight.
     */
    private static final int K = 14;

    /** Adds row {@code ya}'s statistics to the column sums and subtracts row {@code ys}'s, in one pass. */
    private static void slideRows(float[] rgb, float[] p, float[] weight, int w, int ya, int ys, double[] col) {
        int oa = ya * w;
        int os = ys * w;
        for (int x = 0, c = 0, ta = 3 * oa, ts = 3 * os; x < w; x++, c += K, ta += 3, ts += 3) {
            double wa = weight == null ? 1.0 : weight[oa + x];
            double ws = weight == null ? 1.0 : weight[os + x];
            double r = rgb[ta];
            double g = rgb[ta + 1];
            double b = rgb[ta + 2];
            double v = p[oa + x];
            double rs = rgb[ts];
            double gs = rgb[ts + 1];
            double bs = rgb[ts + 2];
            double vs = p[os + x];
            double wr = wa * r;
            double wg = wa * g;
            double wb = wa * b;
            double wrs = ws * rs;
            double wgs = ws * gs;
            double wbs = ws * bs;
            col[c] += wr - wrs;
            col[c + 1] += wg - wgs;
            col[c + 2] += wb - wbs;
            col[c + 3] += wa * v - ws * vs;
            col[c + 4] += wr * v - wrs * vs;
            col[c + 5] += wg * v - wgs * vs;
            col[c + 6] += wb * v - wbs * vs;
            col[c + 7] += wr * r - wrs * rs;
            col[c + 8] += wr * g - wrs * gs;
            col[c + 9] += wr * b - wrs * bs;
            col[c + 10] += wg * g - wgs * gs;
            col[c + 11] += wg * b - wgs * bs;
            col[c + 12] += wb * b - wbs * bs;
            col[c + 13] += wa - ws;
        }
    }

    /** Adds {@code sign} times row {@code y}'s statistics to the column sums. */
    private static void addRow(float[] rgb, float[] p, float[] weight, int w, int y, double[] col, double sign) {
        int o = y * w;
        for (int x = 0, c = 0, t = 3 * o; x < w; x++, c += K, t += 3) {
            double wt = weight == null ? sign : sign * weight[o + x];
            double r = rgb[t];
            double g = rgb[t + 1];
            double b = rgb[t + 2];
            double v = p[o + x];
            double wr = wt * r;
            double wg = wt * g;
            double wb = wt * b;
            col[c] += wr;
            col[c + 1] += wg;
            col[c + 2] += wb;
            col[c + 3] += wt * v;
            col[c + 4] += wr * v;
            col[c + 5] += wg * v;
            col[c + 6] += wb * v;
            col[c + 7] += wr * r;
            col[c + 8] += wr * g;
            col[c + 9] += wr * b;
            col[c + 10] += wg * g;
            col[c + 11] += wg * b;
            col[c + 12] += wb * b;
            col[c + 13] += wt;
        }
    }

    /** Writes the per-window coefficients {@code a_k, b_k} (not yet averaged) into {@code coef}. */
    private static void fit(float[] rgb, float[] p, float[] weight, int w, int h, int r, float epsF, byte[] need,
            int needBit, float[] coef, int stride) {
        double eps = epsF;
        double[] col = new double[K * w];
        for (int y = 0; y <= Math.min(r, h - 1); y++) {
            addRow(rgb, p, weight, w, y, col, 1.0);
        }
        double[] s = new double[K];
        for (int y = 0; y < h; y++) {
            if (y > 0) {
                int ya = y + r;
                int ys = y - r - 1;
                if (ya < h && ys >= 0) {
                    slideRows(rgb, p, weight, w, ya, ys, col);
                } else if (ya < h) {
                    addRow(rgb, p, weight, w, ya, col, 1.0);
                } else if (ys >= 0) {
                    addRow(rgb, p, weight, w, ys, col, -1.0);
                }
            }
            int ny = Math.min(y + r, h - 1) - Math.max(y - r, 0) + 1;
            boolean any = need == null;
            if (!any) {
                for (int x = 0, o = y * w; x < w; x++, o++) {
                    if ((need[o] & needBit) != 0) {
                        any = true;
                        break;
                    }
                }
            }
            if (!any) {
                continue; // coef stays 0 on this row
            }
            for (int k = 0; k < K; k++) {
                s[k] = 0.0;
            }
            for (int x = 0; x <= Math.min(r, w - 1); x++) {
                for (int k = 0, c = K * x; k < K; k++, c++) {
                    s[k] += col[c];
                }
            }
            double s0 = s[0];
            double s1 = s[1];
            double s2 = s[2];
            double s3 = s[3];
            double s4 = s[4];
            double s5 = s[5];
            double s6 = s[6];
            double s7 = s[7];
            double s8 = s[8];
            double s9 = s[9];
            double s10 = s[10];
            double s11 = s[11];
            double s12 = s[12];
            double s13 = s[13];
            for (int x = 0, o = y * w; x < w; x++, o++) {
                if (need == null || (need[o] & needBit) != 0) {
                    int nx = Math.min(x + r, w - 1) - Math.max(x - r, 0) + 1;
                    // The window's total weight, and its share of the window's area.
                    double share = s13 / (nx * ny);
                    if (!(share > MIN_WINDOW_WEIGHT)) {
                        continue; // no weight to fit: coefficients and window weight stay 0
                    }
                    double inv = 1.0 / s13;
                    double mr = s0 * inv;
                    double mg = s1 * inv;
                    double mb = s2 * inv;
                    double mp = s3 * inv;
                    double cr = s4 * inv - mr * mp;
                    double cg = s5 * inv - mg * mp;
                    double cb = s6 * inv - mb * mp;
                    double vrr = s7 * inv - mr * mr + eps;
                    double vrg = s8 * inv - mr * mg;
                    double vrb = s9 * inv - mr * mb;
                    double vgg = s10 * inv - mg * mg + eps;
                    double vgb = s11 * inv - mg * mb;
                    double vbb = s12 * inv - mb * mb + eps;
                    // Inverse of the symmetric matrix by cofactors; positive definite thanks to eps. The same sums as
                    // WindowStats.colourModel, kept inline: through its array this loop, once per grid pixel, took
                    // 4 % longer on the JVM.
                    double c00 = vgg * vbb - vgb * vgb;
                    double c01 = vrb * vgb - vrg * vbb;
                    double c02 = vrg * vgb - vrb * vgg;
                    double c11 = vrr * vbb - vrb * vrb;
                    double c12 = vrb * vrg - vrr * vgb;
                    double c22 = vrr * vgg - vrg * vrg;
                    double invDet = 1.0 / (vrr * c00 + vrg * c01 + vrb * c02);
                    double ar = (c00 * cr + c01 * cg + c02 * cb) * invDet;
                    double ag = (c01 * cr + c11 * cg + c12 * cb) * invDet;
                    double ab = (c02 * cr + c12 * cg + c22 * cb) * invDet;
                    double br = mp - ar * mr - ag * mg - ab * mb;
                    int t = stride * o;
                    if (stride == 5) {
                        // Weighted: pre-multiplied by the window's share, which goes in the fifth channel.
                        ar *= share;
                        ag *= share;
                        ab *= share;
                        br *= share;
                        coef[t + 4] = (float) share;
                    }
                    coef[t] = (float) ar;
                    coef[t + 1] = (float) ag;
                    coef[t + 2] = (float) ab;
                    coef[t + 3] = (float) br;
                }
                int xa = x + r + 1;
                if (xa < w) {
                    int c = K * xa;
                    s0 += col[c];
                    s1 += col[c + 1];
                    s2 += col[c + 2];
                    s3 += col[c + 3];
                    s4 += col[c + 4];
                    s5 += col[c + 5];
                    s6 += col[c + 6];
                    s7 += col[c + 7];
                    s8 += col[c + 8];
                    s9 += col[c + 9];
                    s10 += col[c + 10];
                    s11 += col[c + 11];
                    s12 += col[c + 12];
                    s13 += col[c + 13];
                }
                int xs = x - r;
                if (xs >= 0) {
                    int c = K * xs;
                    s0 -= col[c];
                    s1 -= col[c + 1];
                    s2 -= col[c + 2];
                    s3 -= col[c + 3];
                    s4 -= col[c + 4];
                    s5 -= col[c + 5];
                    s6 -= col[c + 6];
                    s7 -= col[c + 7];
                    s8 -= col[c + 8];
                    s9 -= col[c + 9];
                    s10 -= col[c + 10];
                    s11 -= col[c + 11];
                    s12 -= col[c + 12];
                    s13 -= col[c + 13];
                }
            }
        }
    }
}
