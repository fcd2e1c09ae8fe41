package app.cutout.core.edit;

import app.cutout.core.image.RgbaImage;
import app.cutout.core.ops.Bilinear;

/**
 * Resamples a continuous rectangle of a source image onto a destination grid, one row at a time, with
 * {@code O(source width + destination width + destination height)} memory.
 *
 * <p>Per axis: when shrinking (more than one source pixel per destination pixel) each destination pixel is the
 * area-weighted average of the source pixels its footprint overlaps, fractional overlaps included (a box filter);
 * otherwise it is {@link Bilinear} ({@code align_corners=False}, {@code src = start + (dst + 0.5) * scale - 0.5},
 * clamped to the image), with its {@link Bilinear.Axis#loWeight} weights. Premultiplied mode averages colour weighted
 * by alpha (fully transparent pixels do not bleed their colour in); opaque mode ignores alpha and writes 255.
 *
 * <p>Opaque enlarging on both axes (image backgrounds shown larger, blurred backgrounds brought back to full size)
 * takes an integer path: weights in 1/256 steps, red and blue blended in one int, exact rounding of that
 * fixed-point sum.
 */
final class Resampler {
    private final int[] src;
    private final int srcWidth;
    private final boolean premultiplied;
    private final Taps xs;
    private final Taps ys;
    private final float[] accR;
    private final float[] accG;
    private final float[] accB;
    private final float[] accA;
    /** Integer bilinear path: per destination column, the two source columns and the upper one's weight of 256. */
    private final int[] x0s;
    private final int[] x1s;
    private final int[] xws;
    private final int[] rowRB;
    private final int[] rowG;

    Resampler(RgbaImage image, double srcX, double srcY, double srcW, double srcH, int dstW, int dstH,
            boolean premultiplied) {
        this.src = image.pixels;
        this.srcWidth = image.width;
        this.premultiplied = premultiplied;
        this.xs = new Taps(image.width, srcX, srcW, dstW);
        this.ys = new Taps(image.height, srcY, srcH, dstH);
        boolean fixed = !premultiplied && xs.bilinear && ys.bilinear;
        this.accR = fixed ? null : new float[image.width];
        this.accG = fixed ? null : new float[image.width];
        this.accB = fixed ? null : new float[image.width];
        this.accA = premultiplied ? new float[image.width] : null;
        if (fixed) {
            x0s = new int[dstW];
            x1s = new int[dstW];
            xws = new int[dstW];
            for (int d = 0; d < dstW; d++) {
                int k = xs.offsets[d];
                x0s[d] = xs.index[k];
                if (xs.offsets[d + 1] - k == 2) {
                    x1s[d] = xs.index[k + 1];
                    xws[d] = Math.round(xs.weight[k + 1] * 256f);
                } else {
                    x1s[d] = x0s[d];
                }
            }
            rowRB = new int[image.width];
            rowG = new int[image.width];
        } else {
            x0s = null;
            x1s = null;
            xws = null;
            rowRB = null;
            rowG = null;
        }
    }

    /** The integer bilinear path of {@link #row}. */
    private void rowFixed(int y, int x, int count, int[] dst, int offset) {
        int k = ys.offsets[y];
        int r0 = ys.index[k] * srcWidth;
        int r1 = r0;
        int wy = 0;
        if (ys.offsets[y + 1] - k == 2) {
            r1 = ys.index[k + 1] * srcWidth;
            wy = Math.round(ys.weight[k + 1] * 256f);
        }
        int wy0 = 256 - wy;
        int colLo = x0s[x];
        int colHi = x1s[x + count - 1];
        // Vertical blend: each lane at most 255 * 256 = 65280, so red and blue share an int.
        for (int c = colLo; c <= colHi; c++) {
            int p0 = src[r0 + c];
            int p1 = src[r1 + c];
            rowRB[c] = (p0 & 0xFF00FF) * wy0 + (p1 & 0xFF00FF) * wy;
            rowG[c] = ((p0 >>> 8) & 0xFF) * wy0 + ((p1 >>> 8) & 0xFF) * wy;
        }
        for (int i = 0; i < count; i++) {
            int d = x + i;
            int a = x0s[d];
            int b = x1s[d];
            int w = xws[d];
            int w0 = 256 - w;
            int rbA = rowRB[a];
            int rbB = rowRB[b];
            int r = ((rbA & 0xFFFF) * w0 + (rbB & 0xFFFF) * w + 32768) >>> 16;
            int bl = ((rbA >>> 16) * w0 + (rbB >>> 16) * w + 32768) >>> 16;
            int g = (rowG[a] * w0 + rowG[b] * w + 32768) >>> 16;
            dst[offset + i] = 0xFF000000 | (bl << 16) | (g << 8) | r;
        }
    }

    /** Writes destination row {@code y}, columns {@code x .. x + count - 1}, to {@code dst} from {@code offset}. */
    void row(int y, int x, int count, int[] dst, int offset) {
        if (x0s != null) {
            rowFixed(y, x, count, dst, offset);
            return;
        }
        int[] xOff = xs.offsets;
        int[] xIdx = xs.index;
        float[] xW = xs.weight;
        int colLo = xIdx[xOff[x]];
        int colHi = xIdx[xOff[x + count] - 1];
        for (int c = colLo; c <= colHi; c++) {
            accR[c] = 0f;
            accG[c] = 0f;
            accB[c] = 0f;
        }
        if (premultiplied) {
            for (int c = colLo; c <= colHi; c++) {
                accA[c] = 0f;
            }
        }
        for (int k = ys.offsets[y]; k < ys.offsets[y + 1]; k++) {
            float w = ys.weight[k];
            int base = ys.index[k] * srcWidth;
            if (premultiplied) {
                for (int c = colLo; c <= colHi; c++) {
                    int p = src[base + c];
                    float wa = w * (p >>> 24);
                    accR[c] += wa * (p & 0xFF);
                    accG[c] += wa * ((p >>> 8) & 0xFF);
                    accB[c] += wa * ((p >>> 16) & 0xFF);
                    accA[c] += wa;
                }
            } else {
                for (int c = colLo; c <= colHi; c++) {
                    int p = src[base + c];
                    accR[c] += w * (p & 0xFF);
                    accG[c] += w * ((p >>> 8) & 0xFF);
                    accB[c] += w * ((p >>> 16) & 0xFF);
                }
            }
        }
        for (int i = 0; i < count; i++) {
            float r = 0f;
            float g = 0f;
            float b = 0f;
            float a = 0f;
            int end = xOff[x + i + 1];
            for (int k = xOff[x + i]; k < end; k++) {
                float w = xW[k];
                int c = xIdx[k];
                r += w * accR[c];
                g += w * accG[c];
                b += w * accB[c];
                if (premultiplied) {
                    a += w * accA[c];
                }
            }
            int pixel;
            if (premultiplied) {
                int alpha = toByte(a);
                if (a > 0f) {
                    float inv = 1f / a;
                    pixel = RgbaImage.pack(toByte(r * inv), toByte(g * inv), toByte(b * inv), alpha);
                } else {
                    pixel = 0;
                }
            } else {
                pixel = RgbaImage.pack(toByte(r), toByte(g), toByte(b), 255);
            }
            dst[offset + i] = pixel;
        }
    }

    private static int toByte(float v) {
        int i = (int) (v + 0.5f);
        return i < 0 ? 0 : i > 255 ? 255 : i;
    }

    /** The source taps of one axis: for destination {@code d}, entries {@code offsets[d] .. offsets[d + 1] - 1}. */
    static final class Taps {
        final int[] offsets;
        final int[] index;
        final float[] weight;
        /** Whether every destination pixel has at most two taps, bilinearly weighted. */
        final boolean bilinear;

        Taps(int srcLen, double start, double len, int dstLen) {
            double scale = len / dstLen;
            bilinear = !(scale > 1);
            offsets = new int[dstLen + 1];
            int capacity = scale > 1 ? (int) Math.min((long) dstLen * ((long) Math.ceil(scale) + 1), srcLen
                    + 2L * dstLen) : 2 * dstLen;
            int[] idx = new int[capacity];
            float[] wt = new float[capacity];
            int n = 0;
            Bilinear.Axis taps = bilinear ? new Bilinear.Axis(srcLen, start, len, dstLen) : null;
            for (int d = 0; d < dstLen; d++) {
                offsets[d] = n;
                if (scale > 1) {
                    double a = Math.max(0.0, start + d * scale);
                    double b = Math.min((double) srcLen, start + (d + 1) * scale);
                    if (!(b > a)) {
                        // Footprint outside the image: nearest edge pixel.
                        int i = start + d * scale >= srcLen ? srcLen - 1 : 0;
                        if (n + 1 > idx.length) {
                            idx = grow(idx, n + 1);
                            wt = grow(wt, n + 1);
                        }
                        idx[n] = i;
                        wt[n++] = 1f;
                        continue;
                    }
                    int first = (int) Math.floor(a);
                    int last = Math.min(srcLen - 1, (int) Math.ceil(b) - 1);
                    if (n + last - first + 1 > idx.length) {
                        idx = grow(idx, n + last - first + 1);
                        wt = grow(wt, n + last - first + 1);
                    }
                    double total = b - a;
                    for (int i = first; i <= last; i++) {
                        double overlap = Math.min(b, i + 1) - Math.max(a, i);
                        if (overlap > 0) {
                            idx[n] = i;
                            wt[n++] = (float) (overlap / total);
                        }
                    }
                } else if (taps.frac[d] == 0f) {
                    // (float) f is 0 only where f is: a nonzero f is at least 2^-53.
                    idx[n] = taps.lo[d];
                    wt[n++] = 1f;
                } else {
                    idx[n] = taps.lo[d];
                    wt[n++] = taps.loWeight[d];
                    idx[n] = taps.hi[d];
                    wt[n++] = taps.frac[d];
                }
            }
            offsets[dstLen] = n;
            index = idx;
            weight = wt;
        }

        private static int[] grow(int[] a, int min) {
            int[] b = new int[Math.max(min, a.length * 2)];
            System.arraycopy(a, 0, b, 0, a.length);
            return b;
        }

        private static float[] grow(float[] a, int min) {
            float[] b = new float[Math.max(min, a.length * 2)];
            System.arraycopy(a, 0, b, 0, a.length);
            return b;
        }
    }
}
