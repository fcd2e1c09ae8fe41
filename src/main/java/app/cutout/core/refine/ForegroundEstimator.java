package app.cutout.core.refine;

import app.cutout.core.image.RgbaImage;
import app.cutout.core.ops.Bilinear;

/**
 * Foreground colour estimation by the multi-level method of Germer, Uelwer, Conrad and Harmeling, "Fast Multi-Level
 * Foreground Estimation" (ICPR 2020; the algorithm of pymatting's {@code estimate_foreground_ml}).
 *
 * <p>Each pixel solves, per channel, the 2x2 system for its foreground {@code F} and background {@code B} that fits
 * the compositing equation {@code I = αF + (1-α)B} while staying close to its four neighbours' current estimates,
 * each neighbour weighted {@code regularization + gradientWeight·|α - α_n|}. Levels go from 1x1 up to the full size,
 * each initialised from the previous one, with a few Gauss-Seidel sweeps per level.
 *
 * <p>Two forms:
 * <ul>
 *   <li>{@link #estimateMultiLevel} is a direct port of pymatting's function on float arrays (nearest-neighbour
 *       level resizing, sizes {@code round(w^(l/n))}), for small images and as the reference in tests.</li>
 *   <li>On a photo ({@link #estimate}, and inside {@link EdgeRefiner}) running all levels at full resolution would
 *       cost about a second and hundreds of megabytes on 12 MP. Instead the levels run on the working grid
 *       ({@link RefineOptions#workingSize} on the long side) and only over the bins near semi-transparent pixels
 *       (coarser levels by 2x2 pooling of those bins, so empty areas neither cost time nor contribute colours; not
 *       pymatting's nearest-neighbour resizing with its {@code round(w^(l/n))} sizes), and the finest,
 *       full-resolution level
 *       is a single sweep over the semi-transparent pixels alone: opaque neighbours contribute their exact colour as
 *       F, transparent ones theirs as B, and everything else comes from the bilinearly upsampled grid estimate. The
 *       trade-off: colour detail finer than a grid bin (about 6 px on 12 MP) is recovered only through the
 *       compositing equation at that last step, not by propagation between full-resolution pixels. On synthetic
 *       1600x1200 composites with the true alpha, the alpha-weighted error of F (0..255 units) was 2.25 and 2.46
 *       (plain and textured background) against 2.17 and 2.55 for the port run at full resolution, and 18.4 and 15.6
 *       for the observed colour, at a quarter of the port's time.</li>
 * </ul>
 */
public final class ForegroundEstimator {
    private ForegroundEstimator() {
    }

    /**
     * Direct port of pymatting's {@code estimate_foreground_ml} (three channels, float arithmetic, sequential
     * Gauss-Seidel sweeps as in its compiled CPU version). The 1x1 start level is initialised with the colour
     * there (pymatting leaves it uninitialised).
     *
     * @param image {@code 3 * w * h} interleaved R, G, B in 0..1; not modified
     * @param alpha {@code w * h} values in 0..1; not modified
     * @param foreground {@code 3 * w * h} floats to overwrite with F
     * @param background {@code 3 * w * h} floats to overwrite with B, or {@code null}
     */
    public static void estimateMultiLevel(float[] image, float[] alpha, int w, int h, RefineOptions options,
            float[] foreground, float[] background) {
        if (w <= 0 || h <= 0 || image.length != 3 * w * h || alpha.length != w * h
                || foreground.length != 3 * w * h || (background != null && background.length != 3 * w * h)) {
            throw new IllegalArgumentException("Bad foreground input " + w + "x" + h);
        }
        options.validate();
        int levels = (int) Math.ceil(Math.log(Math.max(w, h)) / Math.log(2.0));
        // Guard against log rounding: n is the least integer with 2^n >= max(w, h).
        while (levels > 0 && (1L << (levels - 1)) >= Math.max(w, h)) {
            levels--;
        }
        while ((1L << levels) < Math.max(w, h)) {
            levels++;
        }
        int prevW = 1;
        int prevH = 1;
        float[] prevF = {image[0], image[1], image[2]};
        float[] prevB = {image[0], image[1], image[2]};
        float[] f = prevF;
        float[] b = prevB;
        for (int level = 0; level <= levels; level++) {
            int lw = levels == 0 ? w : (int) Math.rint(Math.pow(w, (double) level / levels));
            int lh = levels == 0 ? h : (int) Math.rint(Math.pow(h, (double) level / levels));
            float[] img = new float[3 * lw * lh];
            float[] a = new float[lw * lh];
            f = new float[3 * lw * lh];
            b = new float[3 * lw * lh];
            resizeNearest(image, w, h, img, lw, lh, 3);
            resizeNearest(alpha, w, h, a, lw, lh, 1);
            resizeNearest(prevF, prevW, prevH, f, lw, lh, 3);
            resizeNearest(prevB, prevW, prevH, b, lw, lh, 3);
            int iterations = lw <= options.fgSmallSize && lh <= options.fgSmallSize
                    ? options.fgSmallIterations : options.fgBigIterations;
            for (int it = 0; it < iterations; it++) {
                sweep(img, a, null, lw, lh, f, b, options.fgRegularization, options.fgGradientWeight);
            }
            prevF = f;
            prevB = b;
            prevW = lw;
            prevH = lh;
        }
        System.arraycopy(f, 0, foreground, 0, f.length);
        if (background != null) {
            System.arraycopy(b, 0, background, 0, b.length);
        }
    }

    /** pymatting's {@code _resize_nearest}: {@code src = min(len - 1, dst * srcLen / dstLen)}, integer division. */
    private static void resizeNearest(float[] src, int sw, int sh, float[] dst, int dw, int dh, int ch) {
        for (int y = 0; y < dh; y++) {
            int sy = Math.min(sh - 1, (int) ((long) y * sh / dh));
            for (int x = 0; x < dw; x++) {
                int sx = Math.min(sw - 1, (int) ((long) x * sw / dw));
                int s = ch * (sy * sw + sx);
                int d = ch * (y * dw + x);
                for (int c = 0; c < ch; c++) {
                    dst[d + c] = src[s + c];
                }
            }
        }
    }

    /**
     * One Gauss-Seidel sweep of the update over the pixels with {@code valid == null || valid[i] != 0}; a neighbour
     * outside the image or not valid stands in as the pixel itself, as pymatting's clamping does at the borders.
     */
    static void sweep(float[] img, float[] alpha, byte[] valid, int w, int h, float[] f, float[] b, float reg,
            float gradWeight) {
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (valid != null && valid[i] == 0) {
                    continue;
                }
                float a0 = alpha[i];
                float a1 = 1f - a0;
                float a00 = a0 * a0;
                float a01 = a0 * a1;
                float a11 = a1 * a1;
                int t = 3 * i;
                float f0 = a0 * img[t];
                float f1 = a0 * img[t + 1];
                float f2 = a0 * img[t + 2];
                float b0 = a1 * img[t];
                float b1 = a1 * img[t + 1];
                float b2 = a1 * img[t + 2];
                for (int d = 0; d < 4; d++) {
                    int n;
                    if (d == 0) {
                        n = x > 0 ? i - 1 : i;
                    } else if (d == 1) {
                        n = x < w - 1 ? i + 1 : i;
                    } else if (d == 2) {
                        n = y > 0 ? i - w : i;
                    } else {
                        n = y < h - 1 ? i + w : i;
                    }
                    if (valid != null && valid[n] == 0) {
                        n = i;
                    }
                    float da = reg + gradWeight * Math.abs(a0 - alpha[n]);
                    a00 += da;
                    a11 += da;
                    int u = 3 * n;
                    f0 += da * f[u];
                    f1 += da * f[u + 1];
                    f2 += da * f[u + 2];
                    b0 += da * b[u];
                    b1 += da * b[u + 1];
                    b2 += da * b[u + 2];
                }
                float invDet = 1f / (a00 * a11 - a01 * a01);
                float m00 = invDet * a11;
                float m01 = -invDet * a01;
                float m11 = invDet * a00;
                f[t] = clamp01(m00 * f0 + m01 * b0);
                f[t + 1] = clamp01(m00 * f1 + m01 * b1);
                f[t + 2] = clamp01(m00 * f2 + m01 * b2);
                b[t] = clamp01(m01 * f0 + m11 * b0);
                b[t + 1] = clamp01(m01 * f1 + m11 * b1);
                b[t + 2] = clamp01(m01 * f2 + m11 * b2);
            }
        }
    }

    /**
     * {@code v} clamped to 0..1, with values below {@link #TINY} (subnormal floats among them) taken as 0. The 2x2
     * solve can cancel to a subnormal F or B (a handful of grid bins on two of the 16 gt-dev photos), which the next
     * sweeps then read as neighbours; Intel cores take a microcode assist of about a hundred cycles for each operation
     * on one (AMD Zen does not, and WebAssembly cannot switch the assists off). No colour byte can tell 1e-30 from 0.
     */
    static float clamp01(float v) {
        return v > TINY ? (v < 1f ? v : 1f) : 0f;
    }

    /** Colour values at most this are 0 (see {@link #clamp01}). */
    static final float TINY = 1e-30f;

    /**
     * Replaces the colour of every pixel with {@code 0 < alpha < 255} by its estimated foreground colour, blended as
     * {@code I + strength·(F - I)}; alpha and all other pixels are left as they are.
     *
     * @param strength 0 leaves the image untouched, 1 writes the estimate
     */
    public static void estimate(RgbaImage image, RefineOptions options, float strength) {
        options.validate();
        if (!(strength > 0f)) {
            return;
        }
        if (strength > 1f) {
            strength = 1f;
        }
        int[] px = image.pixels;
        WorkGrid g = new WorkGrid(image.width, image.height, options.workingSize);
        byte[] full = new byte[g.gw * g.gh];
        for (int i = 0; i < g.gh; i++) {
            for (int y = g.rowStart[i]; y < g.rowStart[i + 1]; y++) {
                int o = y * image.width;
                for (int j = 0; j < g.gw; j++) {
                    int end = o + g.colStart[j + 1];
                    for (int k = o + g.colStart[j]; k < end; k++) {
                        int a = px[k] >>> 24;
                        if (a != 0 && a != 255) {
                            full[i * g.gw + j] = WorkGrid.SOFT;
                            break;
                        }
                    }
                }
            }
        }
        if (!g.crop(full, WorkGrid.SOFT, options.fgMargin)) {
            return;
        }
        g.dilate(WorkGrid.SOFT, WorkGrid.DOMAIN | WorkGrid.GUIDE, options.fgMargin);
        g.accumulate(px);
        float[][] fb = solveOnGrid(g, options);
        applyFullResolution(px, g, fb[0], fb[1], options, strength);
    }

    /**
     * The multi-level solve on the grid's box, restricted to {@link WorkGrid#DOMAIN} bins, with the grid's mean
     * colour and alpha as input.
     *
     * @return {@code {F, B}}, each {@code 3 * bw * bh} interleaved, meaningful on the domain
     */
    static float[][] solveOnGrid(WorkGrid g, RefineOptions o) {
        int w = g.bw;
        int h = g.bh;
        byte[] valid = new byte[w * h];
        for (int i = 0; i < valid.length; i++) {
            valid[i] = (byte) ((g.flags[i] & WorkGrid.DOMAIN) != 0 ? 1 : 0);
        }
        // Pyramid by 2x2 pooling over valid bins, down to one pixel.
        int depth = 1;
        for (int s = Math.max(w, h); s > 1; s = (s + 1) / 2) {
            depth++;
        }
        int[] ws = new int[depth];
        int[] hs = new int[depth];
        float[][] imgs = new float[depth][];
        float[][] alphas = new float[depth][];
        byte[][] valids = new byte[depth][];
        ws[0] = w;
        hs[0] = h;
        imgs[0] = g.rgb;
        alphas[0] = g.alpha;
        valids[0] = valid;
        for (int l = 1; l < depth; l++) {
            int pw = ws[l - 1];
            int ph = hs[l - 1];
            int cw = (pw + 1) / 2;
            int ch = (ph + 1) / 2;
            ws[l] = cw;
            hs[l] = ch;
            float[] img = new float[3 * cw * ch];
            float[] a = new float[cw * ch];
            byte[] v = new byte[cw * ch];
            float[] pImg = imgs[l - 1];
            float[] pA = alphas[l - 1];
            byte[] pV = valids[l - 1];
            for (int y = 0; y < ch; y++) {
                for (int x = 0; x < cw; x++) {
                    float r = 0f;
                    float gg = 0f;
                    float bb = 0f;
                    float aa = 0f;
                    int n = 0;
                    for (int dy = 0; dy < 2; dy++) {
                        int sy = 2 * y + dy;
                        if (sy >= ph) {
                            break;
                        }
                        for (int dx = 0; dx < 2; dx++) {
                            int sx = 2 * x + dx;
                            if (sx >= pw) {
                                break;
                            }
                            int s = sy * pw + sx;
                            if (pV[s] != 0) {
                                r += pImg[3 * s];
                                gg += pImg[3 * s + 1];
                                bb += pImg[3 * s + 2];
                                aa += pA[s];
                                n++;
                            }
                        }
                    }
                    if (n > 0) {
                        int d = y * cw + x;
                        float inv = 1f / n;
                        img[3 * d] = r * inv;
                        img[3 * d + 1] = gg * inv;
                        img[3 * d + 2] = bb * inv;
                        a[d] = aa * inv;
                        v[d] = 1;
                    }
                }
            }
            imgs[l] = img;
            alphas[l] = a;
            valids[l] = v;
        }
        float[] f = null;
        float[] b = null;
        for (int l = depth - 1; l >= 0; l--) {
            int lw = ws[l];
            int lh = hs[l];
            float[] img = imgs[l];
            byte[] v = valids[l];
            float[] nf = new float[3 * lw * lh];
            float[] nb = new float[3 * lw * lh];
            if (f == null) {
                System.arraycopy(img, 0, nf, 0, nf.length);
                System.arraycopy(img, 0, nb, 0, nb.length);
            } else {
                int cw = ws[l + 1];
                for (int y = 0; y < lh; y++) {
                    for (int x = 0; x < lw; x++) {
                        int d = y * lw + x;
                        if (v[d] != 0) {
                            int s = 3 * ((y >> 1) * cw + (x >> 1));
                            nf[3 * d] = f[s];
                            nf[3 * d + 1] = f[s + 1];
                            nf[3 * d + 2] = f[s + 2];
                            nb[3 * d] = b[s];
                            nb[3 * d + 1] = b[s + 1];
                            nb[3 * d + 2] = b[s + 2];
                        }
                    }
                }
            }
            f = nf;
            b = nb;
            int iterations = lw <= o.fgSmallSize && lh <= o.fgSmallSize ? o.fgSmallIterations : o.fgBigIterations;
            for (int it = 0; it < iterations; it++) {
                sweep(img, alphas[l], v, lw, lh, f, b, o.fgRegularization, o.fgGradientWeight);
            }
            if (l + 1 < depth) {
                // The coarser level is no longer needed.
                imgs[l + 1] = null;
                alphas[l + 1] = null;
                valids[l + 1] = null;
            }
        }
        return new float[][] {f, b};
    }

    /**
     * The full-resolution level: one update per pixel with {@code 0 < alpha < 255} inside the grid's
     * {@link WorkGrid#SOFT} bins, written as colour {@code I + strength·(F - I)}. Neighbours that are opaque give their
     * colour as F, transparent ones as B; all other neighbour estimates are the grid estimate at the pixel.
     */
    static void applyFullResolution(int[] px, WorkGrid g, float[] gf, float[] gb, RefineOptions o, float strength) {
        int width = g.width;
        int height = g.height;
        int bw = g.bw;
        float reg = o.fgRegularization;
        float gw = o.fgGradientWeight;
        WorkGrid.Taps xt = g.columnTaps();
        WorkGrid.Taps yt = g.rowTaps();
        WorkGrid.Runs soft = g.runs(WorkGrid.SOFT);
        int[] runs = soft.runs;
        int[] xLo = xt.lo;
        int[] xHi = xt.hi;
        float[] xFrac = xt.frac;
        int xFrom = xt.from;
        // F then B of the current photo row, interpolated vertically, six floats per bin.
        float[] row = new float[6 * bw];
        for (int i = 0; i < g.bh; i++) {
            int r0 = soft.rowPtr[i];
            int r1 = soft.rowPtr[i + 1];
            if (r0 == r1) {
                continue;
            }
            int gi = g.by0 + i;
            for (int y = g.rowStart[gi]; y < g.rowStart[gi + 1]; y++) {
                int ty = y - yt.from;
                int rowLo = 3 * yt.lo[ty] * bw;
                int rowHi = 3 * yt.hi[ty] * bw;
                float fy = yt.frac[ty];
                float gy = 1f - fy;
                int rowOff = y * width;
                int up = y > 0 ? -width : 0;
                int down = y < height - 1 ? width : 0;
                for (int k = r0; k < r1; k++) {
                    int j0 = runs[2 * k];
                    int j1 = runs[2 * k + 1];
                    for (int j = Math.max(0, j0 - 1), end = Math.min(bw, j1 + 1); j < end; j++) {
                        int s = 3 * j;
                        int d = 6 * j;
                        row[d] = gy * gf[rowLo + s] + fy * gf[rowHi + s];
                        row[d + 1] = gy * gf[rowLo + s + 1] + fy * gf[rowHi + s + 1];
                        row[d + 2] = gy * gf[rowLo + s + 2] + fy * gf[rowHi + s + 2];
                        row[d + 3] = gy * gb[rowLo + s] + fy * gb[rowHi + s];
                        row[d + 4] = gy * gb[rowLo + s + 1] + fy * gb[rowHi + s + 1];
                        row[d + 5] = gy * gb[rowLo + s + 2] + fy * gb[rowHi + s + 2];
                    }
                    int xEnd = g.colStart[g.bx0 + j1];
                    for (int x = g.colStart[g.bx0 + j0]; x < xEnd; x++) {
                        int idx = rowOff + x;
                        int p = px[idx];
                        int ai = p >>> 24;
                        if (ai == 0 || ai == 255) {
                            continue;
                        }
                        int tx = x - xFrom;
                        float fx = xFrac[tx];
                        float gx = 1f - fx;
                        int c0 = 6 * xLo[tx];
                        int c1 = 6 * xHi[tx];
                        float a0 = ai * INV255;
                        float a1 = 1f - a0;
                        // The four neighbours (the pixel itself across the photo's border), weighted as in sweep().
                        int qL = px[x > 0 ? idx - 1 : idx];
                        int qR = px[x < width - 1 ? idx + 1 : idx];
                        int qU = px[idx + up];
                        int qD = px[idx + down];
                        int aL = qL >>> 24;
                        int aR = qR >>> 24;
                        int aU = qU >>> 24;
                        int aD = qD >>> 24;
                        float dL = reg + gw * Math.abs(a0 - aL * INV255);
                        float dR = reg + gw * Math.abs(a0 - aR * INV255);
                        float dU = reg + gw * Math.abs(a0 - aU * INV255);
                        float dD = reg + gw * Math.abs(a0 - aD * INV255);
                        float wSum = dL + dR + dU + dD;
                        float wPrior = wSum;
                        float wPriorB = wSum;
                        float fr = 0f;
                        float fg = 0f;
                        float fb = 0f;
                        float br = 0f;
                        float bg = 0f;
                        float bb = 0f;
                        // (a + 1) >> 8 is 1 iff a == 255, (a - 1) >>> 31 is 1 iff a == 0 (a is 0..255).
                        if ((((aL + 1) | (aR + 1) | (aU + 1) | (aD + 1)) >> 8
                                | ((aL - 1) | (aR - 1) | (aU - 1) | (aD - 1)) >>> 31) != 0) {
                            // Some neighbour is opaque or clear: it contributes its own colour as F or B.
                            for (int d = 0; d < 4; d++) {
                                int q = d == 0 ? qL : d == 1 ? qR : d == 2 ? qU : qD;
                                int an = q >>> 24;
                                float da = d == 0 ? dL : d == 1 ? dR : d == 2 ? dU : dD;
                                if (an == 255) {
                                    fr += da * (q & 0xFF);
                                    fg += da * ((q >>> 8) & 0xFF);
                                    fb += da * ((q >>> 16) & 0xFF);
                                    wPrior -= da;
                                } else if (an == 0) {
                                    br += da * (q & 0xFF);
                                    bg += da * ((q >>> 8) & 0xFF);
                                    bb += da * ((q >>> 16) & 0xFF);
                                    wPriorB -= da;
                                }
                            }
                        }
                        float ir = (p & 0xFF) * INV255;
                        float ig = ((p >>> 8) & 0xFF) * INV255;
                        float ib = ((p >>> 16) & 0xFF) * INV255;
                        float f0 = a0 * ir + fr * INV255 + wPrior * (gx * row[c0] + fx * row[c1]);
                        float f1 = a0 * ig + fg * INV255 + wPrior * (gx * row[c0 + 1] + fx * row[c1 + 1]);
                        float f2 = a0 * ib + fb * INV255 + wPrior * (gx * row[c0 + 2] + fx * row[c1 + 2]);
                        float b0 = a1 * ir + br * INV255 + wPriorB * (gx * row[c0 + 3] + fx * row[c1 + 3]);
                        float b1 = a1 * ig + bg * INV255 + wPriorB * (gx * row[c0 + 4] + fx * row[c1 + 4]);
                        float b2 = a1 * ib + bb * INV255 + wPriorB * (gx * row[c0 + 5] + fx * row[c1 + 5]);
                        float a00 = a0 * a0 + wSum;
                        float a01 = a0 * a1;
                        float a11 = a1 * a1 + wSum;
                        float invDet = 1f / (a00 * a11 - a01 * a01);
                        float m00 = invDet * a11;
                        float m01 = -invDet * a01;
                        float nr = clamp01(m00 * f0 + m01 * b0);
                        float ng = clamp01(m00 * f1 + m01 * b1);
                        float nb = clamp01(m00 * f2 + m01 * b2);
                        nr = (ir + strength * (nr - ir)) * 255f;
                        ng = (ig + strength * (ng - ig)) * 255f;
                        nb = (ib + strength * (nb - ib)) * 255f;
                        px[idx] = (ai << 24) | (Bilinear.round255(nb) << 16) | (Bilinear.round255(ng) << 8)
                                | Bilinear.round255(nr);
                    }
                }
            }
        }
    }

    private static final float INV255 = 1f / 255f;
}
