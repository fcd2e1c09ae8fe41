package app.cutout.core.refine;

/**
 * A random walk with a prior (Grady, "Multilabel random walker image segmentation using prior models", CVPR 2005) on
 * a 4-connected grid: minimises {@code Σ_{i~j} w_ij (x_i - x_j)² + Σ_i λ_i (x_i - p_i)²} over the free nodes, the
 * fixed ones keeping their value. With edge weights that fall off across colour edges, a fixed value spreads
 * through regions of like colour and stops at edges; the prior pulls it back to {@code p} over a distance of about
 * {@code sqrt(w / λ)} nodes where the colour is flat.
 *
 * <p>Solved by Jacobi-preconditioned conjugate gradients, coarse to fine: on a half-resolution copy first (weights of
 * the edges between two 2x2 blocks summed and halved, so a flat region keeps its {@code w}; priors summed, so the
 * decay length in image units is kept), whose answer starts the finer solve. A local solver needs about as many
 * iterations as the decay length in nodes; the pyramid makes that a handful per level.
 */
final class RandomWalk {
    private RandomWalk() {
    }

    /** Fewest iterations at a coarser level, however few the finest level gets. */
    private static final int COARSE_ITERATIONS = 12;

    /** A level with fewer nodes than this is solved directly. */
    private static final int COARSE_BELOW = 2048;

    /**
     * Solves in place.
     *
     * @param x {@code w * h}: the values of fixed nodes and the start of free ones; on return the solution (free
     *     nodes clamped to 0..1)
     * @param fixed {@code w * h}, non-zero where the node is fixed
     * @param wx {@code w * h}: weight of the edge from node {@code k} to {@code k + 1} (the last column's unused)
     * @param wy {@code w * h}: weight of the edge from node {@code k} to {@code k + w} (the last row's unused)
     * @param lambda {@code w * h} prior weights
     * @param p {@code w * h} prior values
     * @param iterations conjugate gradient iterations at this level (twice as many at each coarser one, and at least
     *     {@link #COARSE_ITERATIONS}; the coarsest level, under {@link #COARSE_BELOW} nodes, gets {@code 4 (w + h)})
     */
    static void solve(float[] x, byte[] fixed, float[] wx, float[] wy, float[] lambda, float[] p, int w, int h,
            int iterations) {
        int n = w * h;
        int free = 0;
        for (int k = 0; k < n; k++) {
            if (fixed[k] == 0) {
                free++;
            }
        }
        if (free == 0) {
            return;
        }
        if (n >= COARSE_BELOW && w >= 4 && h >= 4) {
            coarseStart(x, fixed, wx, wy, lambda, p, w, h, iterations);
        } else {
            iterations = Math.max(iterations, 4 * (w + h));
        }
        cg(x, fixed, wx, wy, lambda, p, w, h, iterations);
    }

    private static void coarseStart(float[] x, byte[] fixed, float[] wx, float[] wy, float[] lambda, float[] p,
            int w, int h, int iterations) {
        int cw = (w + 1) / 2;
        int ch = (h + 1) / 2;
        int cn = cw * ch;
        float[] cx = new float[cn];
        byte[] cf = new byte[cn];
        float[] cwx = new float[cn];
        float[] cwy = new float[cn];
        float[] cl = new float[cn];
        float[] cp = new float[cn];
        float[] fixedSum = new float[cn];
        int[] fixedCount = new int[cn];
        for (int y = 0; y < h; y++) {
            int cy = y >> 1;
            for (int xx = 0, k = y * w; xx < w; xx++, k++) {
                int c = cy * cw + (xx >> 1);
                if (fixed[k] != 0) {
                    fixedSum[c] += x[k];
                    fixedCount[c]++;
                } else {
                    cl[c] += lambda[k];
                    cp[c] += lambda[k] * p[k];
                    cx[c] += x[k];
                }
                // Edges leaving the 2x2 block to the right and downwards.
                if ((xx & 1) == 1 && xx + 1 < w) {
                    cwx[c] += 0.5f * wx[k];
                }
                if ((y & 1) == 1 && y + 1 < h) {
                    cwy[c] += 0.5f * wy[k];
                }
            }
        }
        for (int c = 0; c < cn; c++) {
            if (fixedCount[c] > 0) {
                cf[c] = 1;
                cx[c] = fixedSum[c] / fixedCount[c];
            } else {
                int cyy = c / cw;
                int cxx = c - cyy * cw;
                int m = (Math.min(w, 2 * cxx + 2) - 2 * cxx) * (Math.min(h, 2 * cyy + 2) - 2 * cyy);
                cx[c] /= m;
                cp[c] = cl[c] > 0f ? cp[c] / cl[c] : cx[c];
            }
        }
        solve(cx, cf, cwx, cwy, cl, cp, cw, ch, Math.max(COARSE_ITERATIONS, 2 * iterations));
        for (int y = 0; y < h; y++) {
            int cy = y >> 1;
            for (int xx = 0, k = y * w; xx < w; xx++, k++) {
                if (fixed[k] == 0) {
                    x[k] = cx[cy * cw + (xx >> 1)];
                }
            }
        }
    }

    /** {@code out = A v} at free nodes (0 at fixed ones), for {@code v} that is 0 at fixed nodes. */
    private static void apply(float[] v, float[] out, byte[] fixed, float[] wx, float[] wy, float[] lambda, int w,
            int h) {
        for (int y = 0; y < h; y++) {
            for (int xx = 0, k = y * w; xx < w; xx++, k++) {
                if (fixed[k] != 0) {
                    out[k] = 0f;
                    continue;
                }
                float vk = v[k];
                float s = lambda[k] * vk;
                if (xx > 0) {
                    s += wx[k - 1] * (vk - v[k - 1]);
                }
                if (xx + 1 < w) {
                    s += wx[k] * (vk - v[k + 1]);
                }
                if (y > 0) {
                    s += wy[k - w] * (vk - v[k - w]);
                }
                if (y + 1 < h) {
                    s += wy[k] * (vk - v[k + w]);
                }
                out[k] = s;
            }
        }
    }

    private static void cg(float[] x, byte[] fixed, float[] wx, float[] wy, float[] lambda, float[] p, int w, int h,
            int iterations) {
        int n = w * h;
        float[] r = new float[n];
        float[] z = new float[n];
        float[] d = new float[n];
        float[] q = new float[n];
        float[] inv = new float[n];
        // r = b - A x with the fixed values in x: λ(p - x) + Σ w (x_j - x_i).
        for (int y = 0; y < h; y++) {
            for (int xx = 0, k = y * w; xx < w; xx++, k++) {
                if (fixed[k] != 0) {
                    continue;
                }
                float xk = x[k];
                float s = lambda[k] * (p[k] - xk);
                float diag = lambda[k];
                if (xx > 0) {
                    s += wx[k - 1] * (x[k - 1] - xk);
                    diag += wx[k - 1];
                }
                if (xx + 1 < w) {
                    s += wx[k] * (x[k + 1] - xk);
                    diag += wx[k];
                }
                if (y > 0) {
                    s += wy[k - w] * (x[k - w] - xk);
                    diag += wy[k - w];
                }
                if (y + 1 < h) {
                    s += wy[k] * (x[k + w] - xk);
                    diag += wy[k];
                }
                r[k] = s;
                inv[k] = diag > 1e-12f ? 1f / diag : 0f;
                z[k] = inv[k] * s;
                d[k] = z[k];
            }
        }
        double rz = dot(r, z);
        for (int it = 0; it < iterations && rz > 1e-14 * n; it++) {
            apply(d, q, fixed, wx, wy, lambda, w, h);
            double dq = dot(d, q);
            if (!(dq > 0)) {
                break;
            }
            float step = (float) (rz / dq);
            for (int k = 0; k < n; k++) {
                x[k] += step * d[k];
                r[k] -= step * q[k];
                z[k] = inv[k] * r[k];
            }
            double rzNew = dot(r, z);
            float beta = (float) (rzNew / rz);
            rz = rzNew;
            for (int k = 0; k < n; k++) {
                d[k] = z[k] + beta * d[k];
            }
        }
        for (int k = 0; k < n; k++) {
            if (fixed[k] == 0) {
                float v = x[k];
                x[k] = v != v ? p[k] : (v < 0f ? 0f : (v > 1f ? 1f : v));
            }
        }
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }
}
