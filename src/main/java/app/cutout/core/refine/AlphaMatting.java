package app.cutout.core.refine;

import app.cutout.core.ops.WindowStats;

/**
 * Closed-form matting (Levin, Lischinski and Weiss, "A Closed-Form Solution to Natural Image Matting", TPAMI 2008)
 * with hard constraints and a soft prior, solved by Jacobi-preconditioned conjugate gradients, matrix-free.
 *
 * <p>The energy is {@code J(α) = αᵀLα + Σ_i λ_i (α_i - p_i)²} over the free pixels, where {@code L} is the matting
 * Laplacian of 3x3 windows: {@code αᵀLα} is the smallest total squared error of fitting, in every window {@code ω_k},
 * {@code α_j ≈ a_k·I_j + b_k} with a ridge {@code ε‖a_k‖²} (per pixel of the window). Its gradient at a pixel is
 * {@code (Lα)_i = Σ_{k ∋ i} (α_i - a_k·I_i - b_k)} with each window's best {@code a_k, b_k}, which is what
 * {@link #applyLaplacian} computes: one pass over the windows (fit), one over the free pixels (sum). Windows are
 * truncated at the image's borders (each is the set of its pixels inside the image), which keeps {@code L} symmetric
 * and positive semi-definite.
 *
 * <p>Pixels are free, fixed at 0 or 1 ({@link #BACKGROUND}, {@link #FOREGROUND}), or fixed at their input value
 * ({@link #KEEP}, and every pixel outside the region). Fixed pixels come out exactly as fixed; the free ones get the
 * minimiser of {@code J} given them, which the conjugate gradients reach to within the iteration budget (starting from
 * the input alpha), clamped to 0..1.
 *
 * <p>Memory: about 16 floats per window touching a free pixel plus a few per free pixel, and one int per pixel of
 * the image for the index, so the caller bounds it by the size of what it passes (the refiner passes its working grid,
 * whose size does not depend on the photo's).
 */
public final class AlphaMatting {
    private AlphaMatting() {
    }

    /** Constraint: the pixel is solved for. */
    public static final byte FREE = 0;
    /** Constraint: the pixel's alpha is exactly 0. */
    public static final byte BACKGROUND = 1;
    /** Constraint: the pixel's alpha is exactly 1. */
    public static final byte FOREGROUND = 2;
    /** Constraint: the pixel keeps its input alpha exactly (a boundary value for its free neighbours). */
    public static final byte KEEP = 3;

    /**
     * Solves for the free pixels of {@code region} in place.
     *
     * @param rgb {@code 3 * w * h} interleaved colour, 0..1
     * @param alpha {@code w * h} alpha, 0..1: on input the prior {@code p} and starting point for free pixels and the
     *     values of {@link #KEEP} pixels and of pixels outside the region; on output the solution
     * @param priorWeight {@code w * h} prior weights {@code λ_i ≥ 0} (read at free pixels only), or null for none; a
     *     free pixel that no constraint reaches and with {@code λ = 0} keeps whatever the iterations leave it
     * @param constraint {@code w * h} of {@link #FREE}, {@link #BACKGROUND}, {@link #FOREGROUND}, {@link #KEEP}, or
     *     null for all free
     * @param region {@code {x0, y0, x1, y1}}, exclusive upper ends: only pixels inside may be free; null for the
     *     whole image
     * @param eps the ridge {@code ε} per window pixel, squared 0..1 colour units (1e-7 to 1e-4 are usual)
     * @param iterations conjugate gradient iterations
     * @return the number of free pixels
     */
    public static int solve(float[] rgb, float[] alpha, float[] priorWeight, byte[] constraint, int w, int h,
            int[] region, float eps, int iterations) {
        return solve(rgb, alpha, priorWeight, constraint, w, h, region, eps, iterations, MAX_LEVELS);
    }

    /** Most levels of the coarse-to-fine pyramid, the finest included. */
    public static final int MAX_LEVELS = 4;

    /** A level with fewer free pixels than this is solved directly, without a coarser level. */
    static final int COARSE_BELOW = 4096;

    /**
     * {@link #solve(float[], float[], float[], byte[], int, int, int[], float, int)} with at most {@code levels}
     * pyramid levels: with more than one, the problem is first solved on a half-resolution copy (colours and alphas
     * averaged over 2x2 pixels, a coarse pixel constrained only if all its pixels are alike, and with twice the
     * iterations), whose answer is the starting point of the free pixels here. The 3x3 windows propagate
     * information about a pixel per iteration, so this is what lets wide unknown regions settle.
     */
    public static int solve(float[] rgb, float[] alpha, float[] priorWeight, byte[] constraint, int w, int h,
            int[] region, float eps, int iterations, int levels) {
        return solve(rgb, alpha, null, priorWeight, constraint, w, h, region, eps, iterations, levels);
    }

    /**
     * {@link #solve(float[], float[], float[], byte[], int, int, int[], float, int, int)} from {@code start} (full
     * size; read at the free pixels) instead of the prior and without coarser levels when {@code start} is not null:
     * for a second solve that a {@link #coarseSolution} already points the way for.
     */
    public static int solve(float[] rgb, float[] alpha, float[] start, float[] priorWeight, byte[] constraint, int w,
            int h, int[] region, float eps, int iterations, int levels) {
        int n = w * h;
        if (w <= 0 || h <= 0 || rgb.length != 3 * n || alpha.length != n
                || (priorWeight != null && priorWeight.length != n) || (constraint != null && constraint.length != n)
                || !(eps > 0f) || iterations < 0) {
            throw new IllegalArgumentException("Bad matting input " + w + "x" + h);
        }
        int x0 = 0;
        int y0 = 0;
        int x1 = w;
        int y1 = h;
        if (region != null) {
            x0 = Math.max(0, region[0]);
            y0 = Math.max(0, region[1]);
            x1 = Math.min(w, region[2]);
            y1 = Math.min(h, region[3]);
        }
        // Fixed values first, so that the solve sees them.
        if (constraint != null) {
            for (int i = 0; i < n; i++) {
                byte c = constraint[i];
                if (c == BACKGROUND) {
                    alpha[i] = 0f;
                } else if (c == FOREGROUND) {
                    alpha[i] = 1f;
                }
            }
        }
        // Free pixels: index -> pixel, and pixel -> index + 1 in pos (0 = fixed).
        int free = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0, i = y * w + x0; x < x1; x++, i++) {
                if (constraint == null || constraint[i] == FREE) {
                    free++;
                }
            }
        }
        if (free == 0) {
            return 0;
        }
        int[] freeIdx = new int[free];
        int[] pos = new int[n];
        free = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0, i = y * w + x0; x < x1; x++, i++) {
                if (constraint == null || constraint[i] == FREE) {
                    freeIdx[free] = i;
                    pos[i] = ++free;
                }
            }
        }
        float[] lambda = new float[free];
        float[] prior = new float[free];
        for (int u = 0; u < free; u++) {
            int i = freeIdx[u];
            lambda[u] = priorWeight == null ? 0f : Math.max(0f, priorWeight[i]);
            float p = alpha[i];
            prior[u] = p != p ? 0f : Math.min(1f, Math.max(0f, p));
        }
        float[] sol = prior.clone();
        if (start != null) {
            for (int u = 0; u < free; u++) {
                float v = start[freeIdx[u]];
                sol[u] = v != v ? sol[u] : v;
            }
        } else if (levels > 1 && free >= COARSE_BELOW && w >= 4 && h >= 4) {
            coarseStart(rgb, alpha, priorWeight, pos, w, h, eps, iterations, levels, freeIdx, sol);
        }
        Windows win = new Windows(rgb, w, h, pos, freeIdx, eps);
        // Right-hand side: -L_UK α_K + Λ p, from L applied to the fixed values with the free ones zeroed.
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = pos[i] == 0 ? alpha[i] : 0f;
        }
        float[] rhs = new float[free];
        win.apply(x, rhs);
        for (int u = 0; u < free; u++) {
            rhs[u] = -rhs[u] + lambda[u] * prior[u];
        }
        float[] diag = win.diagonal();
        for (int u = 0; u < free; u++) {
            diag[u] += lambda[u];
            // Guard against an all-zero row (a free pixel with no colour model and no prior).
            diag[u] = diag[u] > 1e-6f ? 1f / diag[u] : 1e6f;
        }
        // From here x is the full-size vector of a direction's free values (fixed ones zero) for applying L.
        java.util.Arrays.fill(x, 0f);
        float[] r = new float[free];
        float[] z = new float[free];
        float[] q = new float[free];
        // r = rhs - A sol
        scatter(sol, freeIdx, x);
        win.apply(x, q);
        for (int u = 0; u < free; u++) {
            r[u] = rhs[u] - q[u] - lambda[u] * sol[u];
            z[u] = diag[u] * r[u];
        }
        float[] d = z.clone();
        double rz = dot(r, z);
        for (int it = 0; it < iterations && rz > 1e-20 * free; it++) {
            scatter(d, freeIdx, x);
            win.apply(x, q);
            for (int u = 0; u < free; u++) {
                q[u] += lambda[u] * d[u];
            }
            double dq = dot(d, q);
            if (!(dq > 0)) {
                break;
            }
            float step = (float) (rz / dq);
            for (int u = 0; u < free; u++) {
                sol[u] += step * d[u];
                r[u] -= step * q[u];
                z[u] = diag[u] * r[u];
            }
            double rzNew = dot(r, z);
            float beta = (float) (rzNew / rz);
            rz = rzNew;
            for (int u = 0; u < free; u++) {
                d[u] = z[u] + beta * d[u];
            }
        }
        for (int u = 0; u < free; u++) {
            float v = sol[u];
            alpha[freeIdx[u]] = v != v ? prior[u] : (v < 0f ? 0f : (v > 1f ? 1f : v));
        }
        return free;
    }

    /**
     * The answer of {@link #solve}'s half-resolution level (and the coarser ones below it) alone, carried back to full
     * resolution: a copy of {@code alpha} whose free pixels (here every pixel that {@code constraint} leaves free)
     * hold it. A preview of where the solve is heading, for deciding further constraints; about half of a whole
     * solve's CPU time, which the solve saves when it then starts its finest level from it
     * ({@link #solve(float[], float[], float[], float[], byte[], int, int, int[], float, int, int)}).
     */
    public static float[] coarseSolution(float[] rgb, float[] alpha, float[] priorWeight, byte[] constraint, int w,
            int h, float eps, int iterations) {
        int n = w * h;
        if (w < 4 || h < 4 || rgb.length != 3 * n || alpha.length != n || (priorWeight != null && priorWeight.length != n)
                || (constraint != null && constraint.length != n) || !(eps > 0f) || iterations < 0) {
            throw new IllegalArgumentException("Bad matting input " + w + "x" + h);
        }
        float[] out = alpha.clone();
        int free = 0;
        int[] pos = new int[n];
        for (int i = 0; i < n; i++) {
            byte c = constraint == null ? FREE : constraint[i];
            if (c == BACKGROUND) {
                out[i] = 0f;
            } else if (c == FOREGROUND) {
                out[i] = 1f;
            } else if (c == FREE) {
                pos[i] = ++free;
            }
        }
        if (free == 0) {
            return out;
        }
        int[] freeIdx = new int[free];
        for (int i = 0; i < n; i++) {
            if (pos[i] != 0) {
                freeIdx[pos[i] - 1] = i;
            }
        }
        float[] start = new float[free];
        coarseStart(rgb, out, priorWeight, pos, w, h, eps, iterations, MAX_LEVELS, freeIdx, start);
        for (int u = 0; u < free; u++) {
            float v = start[u];
            out[freeIdx[u]] = v != v ? alpha[freeIdx[u]] : (v < 0f ? 0f : (v > 1f ? 1f : v));
        }
        return out;
    }

    /**
     * Solves the half-resolution problem and writes its answer, nearest-neighbour, into {@code start} (indexed like
     * {@code freeIdx}).
     */
    private static void coarseStart(float[] rgb, float[] alpha, float[] priorWeight, int[] pos, int w, int h,
            float eps, int iterations, int levels, int[] freeIdx, float[] start) {
        int cw = (w + 1) / 2;
        int ch = (h + 1) / 2;
        int cn = cw * ch;
        float[] crgb = new float[3 * cn];
        float[] calpha = new float[cn];
        float[] cweight = priorWeight == null ? null : new float[cn];
        byte[] ccon = new byte[cn];
        for (int cy = 0; cy < ch; cy++) {
            for (int cx = 0; cx < cw; cx++) {
                int c = cy * cw + cx;
                int m = 0;
                float sr = 0f;
                float sg = 0f;
                float sb = 0f;
                float sa = 0f;
                float sw = 0f;
                // Bit 1: a free pixel, 2: fixed at 0, 4: fixed at 1, 8: fixed at another value.
                int kinds = 0;
                for (int y = 2 * cy; y < Math.min(h, 2 * cy + 2); y++) {
                    for (int x = 2 * cx, i = y * w + x; x < Math.min(w, 2 * cx + 2); x++, i++) {
                        m++;
                        sr += rgb[3 * i];
                        sg += rgb[3 * i + 1];
                        sb += rgb[3 * i + 2];
                        float a = alpha[i];
                        sa += a;
                        if (pos[i] != 0) {
                            kinds |= 1;
                            if (cweight != null) {
                                sw += Math.max(0f, priorWeight[i]);
                            }
                        } else {
                            kinds |= a == 0f ? 2 : (a == 1f ? 4 : 8);
                        }
                    }
                }
                float inv = 1f / m;
                crgb[3 * c] = sr * inv;
                crgb[3 * c + 1] = sg * inv;
                crgb[3 * c + 2] = sb * inv;
                calpha[c] = sa * inv;
                if (cweight != null) {
                    cweight[c] = sw * inv;
                }
                ccon[c] = kinds == 2 ? BACKGROUND : (kinds == 4 ? FOREGROUND : ((kinds & 1) != 0 ? FREE : KEEP));
            }
        }
        solve(crgb, calpha, cweight, ccon, cw, ch, null, eps, 2 * iterations, levels - 1);
        // Bilinear: coarse pixel c covers fine 2c and 2c + 1, so its centre is at fine 2c + 0.5.
        for (int u = 0; u < freeIdx.length; u++) {
            int i = freeIdx[u];
            int y = i / w;
            int x = i - y * w;
            float gy = Math.max(0f, Math.min(ch - 1, (y - 0.5f) * 0.5f));
            float gx = Math.max(0f, Math.min(cw - 1, (x - 0.5f) * 0.5f));
            int y0 = (int) gy;
            int x0 = (int) gx;
            int y1 = Math.min(ch - 1, y0 + 1);
            int x1 = Math.min(cw - 1, x0 + 1);
            float fy = gy - y0;
            float fx = gx - x0;
            start[u] = (1f - fy) * ((1f - fx) * calpha[y0 * cw + x0] + fx * calpha[y0 * cw + x1])
                    + fy * ((1f - fx) * calpha[y1 * cw + x0] + fx * calpha[y1 * cw + x1]);
        }
    }

    private static void scatter(float[] v, int[] idx, float[] full) {
        for (int u = 0; u < idx.length; u++) {
            full[idx[u]] = v[u];
        }
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    /**
     * The 3x3 windows touching a free pixel, with their colour means and inverse regularised covariances, and the
     * matrix-free product with the matting Laplacian.
     */
    static final class Windows {
        final float[] rgb;
        final int w;
        final int h;
        final int[] freeIdx;
        /** Window centre pixels. */
        final int[] centre;
        /** Per-pixel window index + 1, 0 where no window is needed. */
        final int[] winPos;
        /** Per window: 1/n, mean R, G, B, inverse covariance (RR, RG, RB, GG, GB, BB). */
        final float[] stats;
        /** Per window scratch: a_R, a_G, a_B, b. */
        final float[] ab;
        /** Whether a window's (a free pixel's) 3x3 neighbourhood lies inside the image: no clipping needed. */
        final boolean[] winInterior;
        final boolean[] freeInterior;

        private boolean interior(int k) {
            int y = k / w;
            int x = k - y * w;
            return x > 0 && y > 0 && x < w - 1 && y < h - 1;
        }

        Windows(float[] rgb, int w, int h, int[] pos, int[] freeIdx, float eps) {
            this.rgb = rgb;
            this.w = w;
            this.h = h;
            this.freeIdx = freeIdx;
            int n = w * h;
            winPos = new int[n];
            int count = 0;
            for (int i : freeIdx) {
                int y = i / w;
                int x = i - y * w;
                for (int yy = Math.max(0, y - 1); yy <= Math.min(h - 1, y + 1); yy++) {
                    for (int xx = Math.max(0, x - 1); xx <= Math.min(w - 1, x + 1); xx++) {
                        int k = yy * w + xx;
                        if (winPos[k] == 0) {
                            winPos[k] = ++count;
                        }
                    }
                }
            }
            centre = new int[count];
            for (int k = 0; k < n; k++) {
                if (winPos[k] != 0) {
                    centre[winPos[k] - 1] = k;
                }
            }
            winInterior = new boolean[count];
            for (int c = 0; c < count; c++) {
                winInterior[c] = interior(centre[c]);
            }
            freeInterior = new boolean[freeIdx.length];
            for (int u = 0; u < freeIdx.length; u++) {
                freeInterior[u] = interior(freeIdx[u]);
            }
            stats = new float[10 * count];
            ab = new float[4 * count];
            double[] model = new double[WindowStats.MODEL];
            for (int c = 0; c < count; c++) {
                int k = centre[c];
                int y = k / w;
                int x = k - y * w;
                double sr = 0;
                double sg = 0;
                double sb = 0;
                double rr = 0;
                double rg = 0;
                double rb = 0;
                double gg = 0;
                double gb = 0;
                double bb = 0;
                int m = 0;
                for (int yy = Math.max(0, y - 1); yy <= Math.min(h - 1, y + 1); yy++) {
                    for (int xx = Math.max(0, x - 1); xx <= Math.min(w - 1, x + 1); xx++) {
                        int t = 3 * (yy * w + xx);
                        double r = rgb[t];
                        double g = rgb[t + 1];
                        double b = rgb[t + 2];
                        sr += r;
                        sg += g;
                        sb += b;
                        rr += r * r;
                        rg += r * g;
                        rb += r * b;
                        gg += g * g;
                        gb += g * b;
                        bb += b * b;
                        m++;
                    }
                }
                double inv = 1.0 / m;
                double det = WindowStats.colourModel(inv, sr, sg, sb, rr, rg, rb, gg, gb, bb, eps, model);
                double id = det > 0 ? 1.0 / det : 0.0;
                int s = 10 * c;
                stats[s] = (float) inv;
                for (int j = 0; j < 3; j++) {
                    stats[s + 1 + j] = (float) model[j];
                }
                for (int j = 3; j < WindowStats.MODEL; j++) {
                    stats[s + 1 + j] = (float) (model[j] * id);
                }
            }
        }

        /** {@code out[u] = (L x)_{freeIdx[u]}} for a full-size {@code x}. */
        void apply(float[] x, float[] out) {
            int count = centre.length;
            for (int c = 0; c < count; c++) {
                int k = centre[c];
                int s = 10 * c;
                float inv = stats[s];
                float mr = stats[s + 1];
                float mg = stats[s + 2];
                float mb = stats[s + 3];
                float sp = 0f;
                float sr = 0f;
                float sg = 0f;
                float sb = 0f;
                int ya;
                int yb;
                int xa;
                int xb;
                if (winInterior[c]) {
                    ya = k - w - 1;
                    yb = k + w - 1;
                    xa = 0;
                    xb = 2;
                } else {
                    int y = k / w;
                    int xk = k - y * w;
                    ya = Math.max(0, y - 1) * w;
                    yb = Math.min(h - 1, y + 1) * w;
                    xa = Math.max(0, xk - 1);
                    xb = Math.min(w - 1, xk + 1);
                }
                // Covariance from colours centred on the window's mean: E[I·x] - E[I]·E[x] in float cancels badly,
                // and the inverse covariance multiplies that error by up to 1/ε across the colour line.
                for (int row = ya; row <= yb; row += w) {
                    for (int i = row + xa, end = row + xb; i <= end; i++) {
                        float v = x[i];
                        int t = 3 * i;
                        sp += v;
                        sr += v * (rgb[t] - mr);
                        sg += v * (rgb[t + 1] - mg);
                        sb += v * (rgb[t + 2] - mb);
                    }
                }
                float mp = sp * inv;
                float cr = sr * inv;
                float cg = sg * inv;
                float cb = sb * inv;
                float ar = stats[s + 4] * cr + stats[s + 5] * cg + stats[s + 6] * cb;
                float ag = stats[s + 5] * cr + stats[s + 7] * cg + stats[s + 8] * cb;
                float ab2 = stats[s + 6] * cr + stats[s + 8] * cg + stats[s + 9] * cb;
                int a = 4 * c;
                ab[a] = ar;
                ab[a + 1] = ag;
                ab[a + 2] = ab2;
                ab[a + 3] = mp - ar * mr - ag * mg - ab2 * mb;
            }
            for (int u = 0; u < freeIdx.length; u++) {
                int i = freeIdx[u];
                float sa = 0f;
                float sr = 0f;
                float sg = 0f;
                float sb = 0f;
                int m = 0;
                int ya;
                int yb;
                int xa;
                int xb;
                if (freeInterior[u]) {
                    ya = i - w - 1;
                    yb = i + w - 1;
                    xa = 0;
                    xb = 2;
                } else {
                    int y = i / w;
                    int xi = i - y * w;
                    ya = Math.max(0, y - 1) * w;
                    yb = Math.min(h - 1, y + 1) * w;
                    xa = Math.max(0, xi - 1);
                    xb = Math.min(w - 1, xi + 1);
                }
                for (int row = ya; row <= yb; row += w) {
                    for (int k = row + xa, end = row + xb; k <= end; k++) {
                        int a = 4 * (winPos[k] - 1);
                        sr += ab[a];
                        sg += ab[a + 1];
                        sb += ab[a + 2];
                        sa += ab[a + 3];
                        m++;
                    }
                }
                int t = 3 * i;
                out[u] = m * x[i] - sr * rgb[t] - sg * rgb[t + 1] - sb * rgb[t + 2] - sa;
            }
        }

        /** The diagonal of {@code L} at the free pixels. */
        float[] diagonal() {
            float[] d = new float[freeIdx.length];
            for (int u = 0; u < freeIdx.length; u++) {
                int i = freeIdx[u];
                int y = i / w;
                int xi = i - y * w;
                int t = 3 * i;
                float r = rgb[t];
                float g = rgb[t + 1];
                float b = rgb[t + 2];
                float sum = 0f;
                for (int yy = Math.max(0, y - 1), yb = Math.min(h - 1, y + 1); yy <= yb; yy++) {
                    for (int k = yy * w + Math.max(0, xi - 1), end = yy * w + Math.min(w - 1, xi + 1); k <= end;
                            k++) {
                        int s = 10 * (winPos[k] - 1);
                        float dr = r - stats[s + 1];
                        float dg = g - stats[s + 2];
                        float db = b - stats[s + 3];
                        float quad = dr * (stats[s + 4] * dr + stats[s + 5] * dg + stats[s + 6] * db)
                                + dg * (stats[s + 5] * dr + stats[s + 7] * dg + stats[s + 8] * db)
                                + db * (stats[s + 6] * dr + stats[s + 8] * dg + stats[s + 9] * db);
                        sum += 1f - stats[s] * (1f + quad);
                    }
                }
                d[u] = sum;
            }
            return d;
        }
    }
}
