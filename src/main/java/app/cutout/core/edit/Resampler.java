package app.cutout.core.edit;

import app.cutout.core.image.RgbaImage;

/**
 * Resamples a continuous rectangle of a source image onto a destination grid, one row at a time, with
 * {@code O(source width + destination width + destination height)} memory.
 *
 * <p>Per axis: when shrinking (more than one source pixel per destination pixel) each destination pixel is the
 * area-weighted average of the source pixels its footprint overlaps, fractional overlaps included (a box filter);
 * otherwise it is bilinear with the {@code align_corners=False} convention,
 * {@code src = start + (dst + 0.5) * scale - 0.5}, clamped to the image. Premultiplied mode averages colour weighted
 * by alpha (fully transparent pixels do not bleed their colour in); opaque mode ignores alpha and writes 255.
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

    Resampler(RgbaImage image, double srcX, double srcY, double srcW, double srcH, int dstW, int dstH,
            boolean premultiplied) {
        this.src = image.pixels;
        this.srcWidth = image.width;
        this.premultiplied = premultiplied;
        this.xs = new Taps(image.width, srcX, srcW, dstW);
        this.ys = new Taps(image.height, srcY, srcH, dstH);
        this.accR = new float[image.width];
        this.accG = new float[image.width];
        this.accB = new float[image.width];
        this.accA = premultiplied ? new float[image.width] : null;
    }

    /** Writes destination row {@code y}, columns {@code x .. x + count - 1}, to {@code dst} from {@code offset}. */
    void row(int y, int x, int count, int[] dst, int offset) {
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

        Taps(int srcLen, double start, double len, int dstLen) {
            double scale = len / dstLen;
            offsets = new int[dstLen + 1];
            int capacity = scale > 1 ? (int) Math.min((long) dstLen * ((long) Math.ceil(scale) + 1), srcLen
                    + 2L * dstLen) : 2 * dstLen;
            int[] idx = new int[capacity];
            float[] wt = new float[capacity];
            int n = 0;
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
                } else {
                    double s = start + (d + 0.5) * scale - 0.5;
                    if (s < 0) {
                        s = 0;
                    } else if (s > srcLen - 1) {
                        s = srcLen - 1;
                    }
                    int i = (int) s;
                    double f = s - i;
                    if (f == 0) {
                        idx[n] = i;
                        wt[n++] = 1f;
                    } else {
                        idx[n] = i;
                        wt[n++] = (float) (1 - f);
                        idx[n] = Math.min(i + 1, srcLen - 1);
                        wt[n++] = (float) f;
                    }
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
