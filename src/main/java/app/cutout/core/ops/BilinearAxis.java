package app.cutout.core.ops;

/**
 * Source taps for one axis of a bilinear resize, following PyTorch's {@code F.interpolate(mode='bilinear',
 * align_corners=False)}: {@code src = (dst + 0.5) * (srcLen / dstLen) - 0.5}, clamped to {@code [0, srcLen - 1]}.
 *
 * <p>Coordinates are computed in {@code double}: PyTorch's {@code float} ones are off by up to half a unit in the
 * last place (about 3e-5 of a pixel near 1023, 2.4e-4 near 8000), which would flip rounded alpha values for no
 * benefit. The tables are built once per resize, so the cost is nil.
 */
final class BilinearAxis {
    /** Lower source index for each destination index. */
    final int[] lo;
    /** Upper source index; equals {@code lo} at the far edge, so reads never go out of bounds. */
    final int[] hi;
    /** Weight of {@code hi}; the weight of {@code lo} is {@code 1 - frac}. */
    final float[] frac;

    /** Builds the table for all {@code dstLen} destination indices; done once per resize, not per row. */
    BilinearAxis(int srcLen, int dstLen) {
        lo = new int[dstLen];
        hi = new int[dstLen];
        frac = new float[dstLen];
        double scale = scale(srcLen, dstLen);
        for (int d = 0; d < dstLen; d++) {
            double src = source(scale, d, srcLen);
            int i = (int) src;
            lo[d] = i;
            hi[d] = Math.min(i + 1, srcLen - 1);
            frac[d] = (float) (src - i);
        }
    }

    static double scale(int srcLen, int dstLen) {
        return (double) srcLen / dstLen;
    }

    /**
     * Clamped fractional source coordinate of destination index {@code d}; being non-negative, {@code (int)} of it
     * is its floor.
     */
    static double source(double scale, int d, int srcLen) {
        double src = scale * (d + 0.5) - 0.5;
        if (src < 0.0) {
            return 0.0;
        }
        double max = srcLen - 1;
        return src > max ? max : src;
    }
}
