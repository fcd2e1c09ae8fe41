package app.cutout.core.refine;

/**
 * Row-by-row twin of {@code MaskUpsampler}'s resampler: the same bilinear taps ({@code align_corners=False}, computed
 * in {@code double}), the same {@code float} operations in the same order and the same
 * {@code round(clamp(v, 0, 1) * 255)}, so each alpha byte is bit-identical to {@code MaskUpsampler.applyAlpha}. It
 * exists because that class keeps its resampler private and the refiner needs the rows one at a time, fused with its
 * own bookkeeping, without a second pass over the photo.
 *
 * <p>Memory is {@code O(width + maskW)}.
 */
final class RawAlphaRows {
    private final float[] mask;
    private final int maskW;
    private final int maskH;
    private final int width;
    private final double yScale;
    /** Lower and upper mask column and weight of the upper one, per output column. */
    final int[] xLo;
    final int[] xHi;
    final float[] xFrac;
    private final float[] blended;

    RawAlphaRows(float[] mask, int maskW, int maskH, int width, int height) {
        this.mask = mask;
        this.maskW = maskW;
        this.maskH = maskH;
        this.width = width;
        this.yScale = (double) maskH / height;
        double xScale = (double) maskW / width;
        xLo = new int[width];
        xHi = new int[width];
        xFrac = new float[width];
        for (int d = 0; d < width; d++) {
            double src = source(xScale, d, maskW);
            int i = (int) src;
            xLo[d] = i;
            xHi[d] = Math.min(i + 1, maskW - 1);
            xFrac[d] = (float) (src - i);
        }
        blended = new float[maskW];
        // xLo is non-decreasing, so the output columns with xLo == c form one range.
        xFrom = new int[maskW];
        xTo = new int[maskW];
        for (int d = width - 1; d >= 0; d--) {
            xFrom[xLo[d]] = d;
        }
        for (int d = 0; d < width; d++) {
            xTo[xLo[d]] = d + 1;
        }
    }

    /** Output columns {@code [xFrom[c], xTo[c])} have lower tap {@code c} (empty when equal). */
    private final int[] xFrom;
    private final int[] xTo;

    /**
     * Taps both at most this give byte 0 whatever the weights ({@code 0.0019 * 255 = 0.48 < 0.5}, far beyond float
     * rounding); both at least {@link #SATURATED_HIGH} give 255 ({@code 0.9981 * 255 = 254.52 >= 254.5}).
     */
    private static final float SATURATED_LOW = 0.0019f;
    private static final float SATURATED_HIGH = 0.9981f;

    /** Clamped fractional source coordinate, {@code (d + 0.5) * scale - 0.5} clamped to {@code [0, srcLen - 1]}. */
    static double source(double scale, int d, int srcLen) {
        double src = scale * (d + 0.5) - 0.5;
        if (src < 0.0) {
            return 0.0;
        }
        double max = srcLen - 1;
        return src > max ? max : src;
    }

    /** The largest float below 0.5, the one value in [0, 255] where {@code (int) (t + 0.5f)} rounds the wrong way. */
    private static final float JUST_BELOW_HALF = 0.49999997f;

    /**
     * {@code Math.round(t)} for {@code t} in [0, 255] or NaN, bit for bit (checked exhaustively over every float in
     * that range) but cheaper: {@code t + 0.5f} is exact there except at {@link #JUST_BELOW_HALF}, where it rounds
     * up to 1.
     */
    static int round255(float t) {
        return t == JUST_BELOW_HALF ? 0 : (int) (t + 0.5f);
    }

    /** Lower mask row of output row {@code y}. */
    int rowLo(int y) {
        return (int) source(yScale, y, maskH);
    }

    /** Upper mask row of output row {@code y}. */
    int rowHi(int y) {
        return Math.min(rowLo(y) + 1, maskH - 1);
    }

    /**
     * Writes the alpha of output row {@code y} into the top byte of {@code pixels[offset .. offset + width)}, keeping
     * red, green and blue.
     */
    void writeRow(int y, int[] pixels, int offset) {
        double sy = source(yScale, y, maskH);
        int y0 = (int) sy;
        int y1 = Math.min(y0 + 1, maskH - 1);
        float wy1 = (float) (sy - y0);
        float wy0 = 1f - wy1;
        int row0 = y0 * maskW;
        int row1 = y1 * maskW;
        float[] bl = blended;
        float[] m = mask;
        for (int x = 0; x < maskW; x++) {
            bl[x] = wy0 * m[row0 + x] + wy1 * m[row1 + x];
        }
        int[] x1s = xHi;
        float[] wx1s = xFrac;
        int last = maskW - 1;
        for (int c = 0; c < maskW; c++) {
            int from = xFrom[c];
            int to = xTo[c];
            if (from >= to) {
                continue;
            }
            float lo = bl[c];
            float hi = bl[c < last ? c + 1 : last];
            if (lo <= SATURATED_LOW && hi <= SATURATED_LOW) {
                for (int o = offset + from, end = offset + to; o < end; o++) {
                    pixels[o] &= 0x00FFFFFF;
                }
            } else if (lo >= SATURATED_HIGH && hi >= SATURATED_HIGH) {
                for (int o = offset + from, end = offset + to; o < end; o++) {
                    pixels[o] |= 0xFF000000;
                }
            } else {
                // NaN taps land here too.
                for (int x = from, o = offset + from; x < to; x++, o++) {
                    float wx1 = wx1s[x];
                    float v = (1f - wx1) * lo + wx1 * bl[x1s[x]];
                    if (v < 0f) {
                        v = 0f;
                    } else if (v > 1f) {
                        v = 1f;
                    }
                    pixels[o] = (pixels[o] & 0x00FFFFFF) | (round255(v * 255f) << 24);
                }
            }
        }
    }
}
