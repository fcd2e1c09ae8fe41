package app.cutout.core.ops;

/**
 * The one bilinear resampler: PyTorch's {@code F.interpolate(mode='bilinear', align_corners=False)} without
 * antialiasing, {@code src = start + (dst + 0.5) * (srcLen / dstLen) - 0.5} clamped to {@code [0, srcLen - 1]}.
 *
 * <p>Every bilinear resize in the app takes its taps from {@link Axis} and blends with the pieces below:
 * <ul>
 *   <li>model mask to 8-bit alpha, one output row at a time ({@link #alphaRow}): {@link MaskUpsampler} and the edge
 *       refiner's raw alpha, which must agree byte for byte;</li>
 *   <li>packed RGB to normalised float planes, one output row at a time ({@link #rgbRow}): {@link Preprocessor};</li>
 *   <li>the enlarging taps of the editor's resampler ({@code core.edit.Resampler}), which blends them itself because
 *       it shares its row loop with a box filter.</li>
 * </ul>
 *
 * <p>The three keep the float operations, and so the roundings, their outputs are pinned with (unit tests and the
 * JVM references of the browser tests):
 * <ul>
 *   <li>Mask to alpha blends vertically first, into one scratch row of mask width, then across; the weight of the
 *       lower tap is {@code 1f - frac}, in float.</li>
 *   <li>RGB to model input blends each pixel's four taps horizontally first, the order PyTorch's CPU kernel uses,
 *       so it rounds as the reference does; lower weights {@code 1f - frac}. (Not separable through a scratch row
 *       like the mask: with three channels and a 4× smaller output that measured slower.)</li>
 *   <li>The editor uses {@link Axis#loWeight}, {@code (float) (1 - f)} rounded once from double, which differs from
 *       {@code 1f - frac} in the last bit for some {@code f}.</li>
 * </ul>
 *
 * <p>Coordinates are computed in {@code double}: PyTorch's {@code float} ones are off by up to half a unit in the
 * last place (about 3e-5 of a pixel near 1023, 2.4e-4 near 8000), which would flip rounded alpha values for no
 * benefit. Tap tables are built once per resize, so the cost is nil. Memory for {@link #alphaRow} is
 * {@code O(width + maskW)}: a 50-megapixel photo never gets a full-resolution float buffer.
 */
public final class Bilinear {
    /**
     * Taps both at most this give byte 0 whatever the weights ({@code 0.0019 * 255 = 0.48 < 0.5}, far beyond float
     * rounding); both at least {@link #SATURATED_HIGH} give 255 ({@code 0.9981 * 255 = 254.52 >= 254.5}).
     */
    private static final float SATURATED_LOW = 0.0019f;
    private static final float SATURATED_HIGH = 0.9981f;

    /** The largest float below 0.5, the one value in [0, 255] where {@code (int) (t + 0.5f)} rounds the wrong way. */
    private static final float JUST_BELOW_HALF = 0.49999997f;

    private final float[] mask;
    private final int maskW;
    private final int maskH;
    private final double yScale;
    /** Taps of the output columns in the mask. */
    public final Axis columns;
    private final float[] blended;
    /** Output columns {@code [xFrom[c], xTo[c])} have lower tap {@code c} (empty when equal). */
    private final int[] xFrom;
    private final int[] xTo;

    /**
     * Prepares the rows of {@code mask} ({@code maskW * maskH} values, nominally 0..1) resized to
     * {@code width * height}. Sizes must be positive and the mask that long; callers check.
     */
    public Bilinear(float[] mask, int maskW, int maskH, int width, int height) {
        this.mask = mask;
        this.maskW = maskW;
        this.maskH = maskH;
        this.yScale = (double) maskH / height;
        this.columns = new Axis(maskW, width);
        this.blended = new float[maskW];
        // columns.lo is non-decreasing, so the output columns with lo == c form one range.
        int[] lo = columns.lo;
        xFrom = new int[maskW];
        xTo = new int[maskW];
        for (int d = width - 1; d >= 0; d--) {
            xFrom[lo[d]] = d;
        }
        for (int d = 0; d < width; d++) {
            xTo[lo[d]] = d + 1;
        }
    }

    /**
     * Clamped fractional source coordinate of destination index {@code d}, {@code start + (d + 0.5) * scale - 0.5}
     * clamped to {@code [0, srcLen - 1]}; being non-negative, {@code (int)} of it is its floor.
     */
    public static double source(double start, double scale, int d, int srcLen) {
        double src = start + (d + 0.5) * scale - 0.5;
        if (src < 0.0) {
            return 0.0;
        }
        double max = srcLen - 1;
        return src > max ? max : src;
    }

    /** {@link #source(double, double, int, int)} with the window starting at 0. */
    public static double source(double scale, int d, int srcLen) {
        return source(0.0, scale, d, srcLen);
    }

    /**
     * {@code Math.round(t)} for {@code t} in [0, 255] or NaN, bit for bit (checked exhaustively over every float in
     * that range) but cheaper: {@code t + 0.5f} is exact there except at {@link #JUST_BELOW_HALF}, where it rounds
     * up to 1.
     */
    public static int round255(float t) {
        return t == JUST_BELOW_HALF ? 0 : (int) (t + 0.5f);
    }

    /**
     * Writes one output row of packed pixels ({@code (a << 24) | (b << 16) | (g << 8) | r}, alpha ignored) resized
     * and normalised, {@code (v - mean) / std}, as red, green and blue planes: output column {@code x} goes to
     * {@code out[o + x]}, {@code out[plane + o + x]} and {@code out[2 * plane + o + x]}, for every column of
     * {@code xs}. Each pixel reads its four source pixels straight from the packed rows, so no float copy of the
     * source is ever made.
     *
     * @param row0 offset of the upper source row in {@code rgba}
     * @param row1 offset of the lower source row
     * @param wy1 weight of the lower source row
     */
    public static void rgbRow(int[] rgba, int row0, int row1, float wy1, Axis xs, float mean, float std,
            float[] out, int o, int plane) {
        int[] x0s = xs.lo;
        int[] x1s = xs.hi;
        float[] wx1s = xs.frac;
        float wy0 = 1f - wy1;
        for (int x = 0, n = x0s.length; x < n; x++, o++) {
            int x0 = x0s[x];
            int x1 = x1s[x];
            float wx1 = wx1s[x];
            float wx0 = 1f - wx1;
            int p00 = rgba[row0 + x0];
            int p01 = rgba[row0 + x1];
            int p10 = rgba[row1 + x0];
            int p11 = rgba[row1 + x1];
            // Horizontal then vertical, the order PyTorch's CPU kernel blends in, to round as it does.
            float r = wy0 * (wx0 * (p00 & 0xFF) + wx1 * (p01 & 0xFF))
                    + wy1 * (wx0 * (p10 & 0xFF) + wx1 * (p11 & 0xFF));
            float g = wy0 * (wx0 * ((p00 >>> 8) & 0xFF) + wx1 * ((p01 >>> 8) & 0xFF))
                    + wy1 * (wx0 * ((p10 >>> 8) & 0xFF) + wx1 * ((p11 >>> 8) & 0xFF));
            float b = wy0 * (wx0 * ((p00 >>> 16) & 0xFF) + wx1 * ((p01 >>> 16) & 0xFF))
                    + wy1 * (wx0 * ((p10 >>> 16) & 0xFF) + wx1 * ((p11 >>> 16) & 0xFF));
            out[o] = (r - mean) / std;
            out[plane + o] = (g - mean) / std;
            out[2 * plane + o] = (b - mean) / std;
        }
    }

    /** Lower mask row of output row {@code y}. */
    public int rowLo(int y) {
        return (int) source(yScale, y, maskH);
    }

    /** Upper mask row of output row {@code y}. */
    public int rowHi(int y) {
        return Math.min(rowLo(y) + 1, maskH - 1);
    }

    /**
     * Writes the alpha of output row {@code y}, {@code round(clamp(v, 0, 1) * 255)}, into the top byte of
     * {@code pixels[offset .. offset + width)}, keeping red, green and blue.
     */
    public void alphaRow(int y, int[] pixels, int offset) {
        // Row taps are computed here rather than tabled, so memory stays independent of the height.
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
        float[] wx1s = columns.frac;
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
                // NaN taps land here too; the comparisons fail for NaN, which round255 maps to 0. The upper tap of
                // every column with lower tap c is hi (columns.hi is min(c + 1, last)).
                for (int x = from, o = offset + from; x < to; x++, o++) {
                    float wx1 = wx1s[x];
                    float v = (1f - wx1) * lo + wx1 * hi;
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

    /**
     * Taps of one axis: for destination index {@code d}, the source indices {@code lo[d]} and {@code hi[d]} and the
     * weight {@code frac[d]} of {@code hi}.
     */
    public static final class Axis {
        /** Lower source index for each destination index. */
        public final int[] lo;
        /** Upper source index; equals {@code lo} at the far edge, so reads never go out of bounds. */
        public final int[] hi;
        /** Weight of {@code hi}, {@code (float) f} of the fractional part {@code f}. */
        public final float[] frac;
        /**
         * Weight of {@code lo} as {@code (float) (1 - f)}, rounded once from double: the editor's resampler blends
         * with it. The mask and the model input use {@code 1f - frac} instead, their pinned rounding.
         */
        public final float[] loWeight;

        /** Taps of the whole source, {@code srcLen} values, onto {@code dstLen}. */
        public Axis(int srcLen, int dstLen) {
            this(srcLen, 0.0, srcLen, dstLen);
        }

        /** Taps of the window {@code [start, start + len)} of a source of {@code srcLen} values onto {@code dstLen}. */
        public Axis(int srcLen, double start, double len, int dstLen) {
            lo = new int[dstLen];
            hi = new int[dstLen];
            frac = new float[dstLen];
            loWeight = new float[dstLen];
            double scale = len / dstLen;
            for (int d = 0; d < dstLen; d++) {
                double src = source(start, scale, d, srcLen);
                int i = (int) src;
                double f = src - i;
                lo[d] = i;
                hi[d] = Math.min(i + 1, srcLen - 1);
                frac[d] = (float) f;
                loWeight[d] = (float) (1 - f);
            }
        }
    }
}
