package app.cutout.core.ops;

import app.cutout.core.image.RgbaImage;
import app.cutout.core.model.ModelSpec;

/**
 * Turns an RGBA image into the model's planar, normalised float input.
 *
 * <p>The resize is {@link Bilinear#rgbRow}, PyTorch's {@code F.interpolate(mode='bilinear', align_corners=False)}
 * without antialiasing, the convention {@link MaskUpsampler} uses on the way back. It reads the four source pixels of
 * each output pixel straight from the packed image, so a 48-megapixel photo costs no float copy of itself.
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
        Bilinear.Axis xs = new Bilinear.Axis(width, size);
        Bilinear.Axis ys = new Bilinear.Axis(height, size);
        int plane = size * size;
        for (int y = 0; y < size; y++) {
            Bilinear.rgbRow(rgba, ys.lo[y] * width, ys.hi[y] * width, ys.frac[y], xs, mean, std, out, y * size, plane);
        }
    }
}
