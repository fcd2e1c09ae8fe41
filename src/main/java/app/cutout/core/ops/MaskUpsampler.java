package app.cutout.core.ops;

/**
 * Scales a model mask up (or down) to the photo's size and turns it into 8-bit alpha in the same pass.
 *
 * <p>The rows come from {@link Bilinear#alphaRow} ({@code align_corners=False}, like {@link Preprocessor}), which the
 * edge refiner's raw alpha uses too, so the two agree byte for byte. Besides the outputs it needs only
 * {@code O(width + maskW)} memory, so a 50-megapixel photo never gets a full-resolution float buffer.
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
        Bilinear rows = new Bilinear(mask, maskW, maskH, width, height);
        for (int y = 0; y < height; y++) {
            rows.alphaRow(y, rgba, y * width);
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
        Bilinear rows = new Bilinear(mask, maskW, maskH, width, height);
        // Only the tests and tools ask for bare bytes: the app writes alpha into pixels, so this goes through a row.
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            rows.alphaRow(y, row, 0);
            for (int x = 0, o = y * width; x < width; x++, o++) {
                out[o] = (byte) (row[x] >>> 24);
            }
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
}
