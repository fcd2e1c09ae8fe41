package app.cutout.core.ops;

/**
 * Scales a model mask up (or down) to the photo's size and turns it into 8-bit alpha in the same pass.
 *
 * <p>Bilinear with PyTorch's {@code align_corners=False} convention, like {@link Preprocessor}. It is separable: each
 * output row first blends its two source mask rows into one scratch row of {@code maskW} floats, then interpolates
 * across. Besides the outputs it needs only {@code O(width + maskW)} memory, so a 50-megapixel photo never gets a
 * full-resolution float buffer.
 */
public final class MaskUpsampler {
    private MaskUpsampler() {
    }

    /**
     * Replaces the alpha byte of every pixel of {@code rgba} with the upsampled mask,
     * {@code round(clamp(v, 0, 1) * 255)}; red, green and blue are kept. Only {@code rgba} is modified.
     *
     * @param mask {@code maskW * maskH} values, nominally 0..1
     * @param rgba {@code width * height} pixels packed as {@code (a << 24) | (b << 16) | (g << 8) | r}
     * @throws IllegalArgumentException if a size is not positive or an array has the wrong length
     */
    public static void applyAlpha(float[] mask, int maskW, int maskH, int[] rgba, int width, int height) {
        checkSizes(mask, maskW, maskH, width, height);
        checkLength("pixels", rgba.length, width, height);
        Resampler resampler = new Resampler(mask, maskW, maskH, width, height);
        byte[] row = new byte[width];
        for (int y = 0; y < height; y++) {
            resampler.row(y, row, 0);
            int o = y * width;
            for (int x = 0; x < width; x++, o++) {
                rgba[o] = (rgba[o] & 0x00FFFFFF) | ((row[x] & 0xFF) << 24);
            }
        }
    }

    /**
     * Returns the upsampled mask as unsigned 8-bit alpha, {@code round(clamp(v, 0, 1) * 255)}, one byte per pixel,
     * rows top to bottom. Only {@code out} is modified.
     *
     * @param mask {@code maskW * maskH} values, nominally 0..1
     * @param out {@code width * height} bytes to overwrite, or {@code null} to allocate them
     * @return {@code out}, or the new array
     * @throws IllegalArgumentException if a size is not positive or an array has the wrong length
     */
    public static byte[] toAlpha(float[] mask, int maskW, int maskH, int width, int height, byte[] out) {
        checkSizes(mask, maskW, maskH, width, height);
        if (out == null) {
            out = new byte[width * height];
        } else {
            checkLength("alpha bytes", out.length, width, height);
        }
        Resampler resampler = new Resampler(mask, maskW, maskH, width, height);
        for (int y = 0; y < height; y++) {
            resampler.row(y, out, y * width);
        }
        return out;
    }

    private static void checkSizes(float[] mask, int maskW, int maskH, int width, int height) {
        if (maskW <= 0 || maskH <= 0 || width <= 0 || height <= 0) {
            throw new IllegalArgumentException("Sizes must be positive, got mask " + maskW + "x" + maskH
                    + " to " + width + "x" + height);
        }
        checkLength("mask values", mask.length, maskW, maskH);
        if ((long) width * height > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Image too large: " + width + "x" + height);
        }
    }

    private static void checkLength(String what, int length, int width, int height) {
        long expected = (long) width * height;
        if (length != expected) {
            throw new IllegalArgumentException("Expected " + expected + " " + what + ", got " + length);
        }
    }

    /** The per-image state of the separable pass: column taps and the one scratch row. */
    private static final class Resampler {
        private final float[] mask;
        private final int maskW;
        private final int maskH;
        private final int width;
        private final double yScale;
        private final BilinearAxis xs;
        private final float[] blended;

        Resampler(float[] mask, int maskW, int maskH, int width, int height) {
            this.mask = mask;
            this.maskW = maskW;
            this.maskH = maskH;
            this.width = width;
            this.yScale = BilinearAxis.scale(maskH, height);
            this.xs = new BilinearAxis(maskW, width);
            this.blended = new float[maskW];
        }

        /** Writes output row {@code y} as alpha bytes into {@code dst} from {@code offset}. */
        void row(int y, byte[] dst, int offset) {
            // Row taps are computed here rather than tabled, so memory stays independent of the height.
            double sy = BilinearAxis.source(yScale, y, maskH);
            int y0 = (int) sy;
            int y1 = Math.min(y0 + 1, maskH - 1);
            float wy1 = (float) (sy - y0);
            float wy0 = 1f - wy1;
            int row0 = y0 * maskW;
            int row1 = y1 * maskW;
            for (int x = 0; x < maskW; x++) {
                blended[x] = wy0 * mask[row0 + x] + wy1 * mask[row1 + x];
            }
            int[] x0s = xs.lo;
            int[] x1s = xs.hi;
            float[] wx1s = xs.frac;
            for (int x = 0; x < width; x++) {
                float wx1 = wx1s[x];
                float v = (1f - wx1) * blended[x0s[x]] + wx1 * blended[x1s[x]];
                // The comparisons fail for NaN, which Math.round then maps to 0.
                if (v < 0f) {
                    v = 0f;
                } else if (v > 1f) {
                    v = 1f;
                }
                dst[offset + x] = (byte) Math.round(v * 255f);
            }
        }
    }
}
