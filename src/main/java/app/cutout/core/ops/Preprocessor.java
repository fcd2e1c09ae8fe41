package app.cutout.core.ops;

import app.cutout.core.image.RgbaImage;
import app.cutout.core.model.ModelSpec;

/**
 * Turns an RGBA image into the model's planar, normalised float input.
 *
 * <p>The resize is PyTorch's {@code F.interpolate(mode='bilinear', align_corners=False)} without antialiasing, the
 * convention {@link MaskUpsampler} uses on the way back. It reads the four source pixels of each output pixel straight
 * from the packed image, so a 48-megapixel photo costs no float copy of itself.
 */
public final class Preprocessor {
    private Preprocessor() {
    }

    /**
     * Resizes {@code img} to {@link ModelSpec#SIZE} squared and normalises with {@link ModelSpec#MEAN} and
     * {@link ModelSpec#STD}. Only {@code out} is modified.
     *
     * @param out {@code 3 * SIZE * SIZE} floats, overwritten with the R, G and B planes
     */
    public static void toModelInput(RgbaImage img, float[] out) {
        toModelInput(img.pixels, img.width, img.height, ModelSpec.SIZE, ModelSpec.MEAN, ModelSpec.STD, out);
    }

    /**
     * Bilinearly resizes a packed RGBA image (alpha ignored) to {@code size} x {@code size} and writes it planar,
     * each value {@code (v - mean) / std}. Only {@code out} is modified; {@code rgba} is read.
     *
     * @param rgba {@code width * height} pixels packed as {@code (a << 24) | (b << 16) | (g << 8) | r}
     * @param out {@code 3 * size * size} floats: {@code [0, size²)} red, then green, then blue
     * @throws IllegalArgumentException if a size is not positive or an array has the wrong length
     */
    public static void toModelInput(int[] rgba, int width, int height, int size, float mean, float std,
            float[] out) {
        if (width <= 0 || height <= 0 || size <= 0) {
            throw new IllegalArgumentException("Sizes must be positive, got " + width + "x" + height
                    + " to " + size);
        }
        if (rgba.length != (long) width * height) {
            throw new IllegalArgumentException("Expected " + (long) width * height + " pixels, got " + rgba.length);
        }
        long expected = 3L * size * size;
        if (out.length != expected) {
            throw new IllegalArgumentException("Expected " + expected + " floats, got " + out.length);
        }
        BilinearAxis xs = new BilinearAxis(width, size);
        BilinearAxis ys = new BilinearAxis(height, size);
        int[] x0s = xs.lo;
        int[] x1s = xs.hi;
        float[] wx1s = xs.frac;
        int plane = size * size;
        for (int y = 0; y < size; y++) {
            int row0 = ys.lo[y] * width;
            int row1 = ys.hi[y] * width;
            float wy1 = ys.frac[y];
            float wy0 = 1f - wy1;
            int o = y * size;
            for (int x = 0; x < size; x++, o++) {
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
    }
}
