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
     * @param out at least {@code 3 * SIZE * SIZE} floats, overwritten with the R, G and B planes
     */
    public static void toModelInput(RgbaImage img, float[] out) {
        toModelInput(img, ModelSpec.SIZE, ModelSpec.SIZE, out);
    }

    /**
     * {@link #toModelInput(RgbaImage, float[])} at another input size (the photo's aspect ratio,
     * {@link ModelSpec#inputWidth}); only the first {@code 3 * outWidth * outHeight} floats of {@code out} change.
     */
    public static void toModelInput(RgbaImage img, int outWidth, int outHeight, float[] out) {
        toModelInput(img.pixels, img.width, img.height, outWidth, outHeight, ModelSpec.MEAN, ModelSpec.STD, out);
    }

    /**
     * Bilinearly resizes a packed RGBA image (alpha ignored) to {@code outWidth} x {@code outHeight} and writes it
     * planar, each value {@code (v - mean) / std}. Only {@code out} is modified; {@code rgba} is read.
     *
     * @param rgba {@code width * height} pixels packed as {@code (a << 24) | (b << 16) | (g << 8) | r}
     * @param out at least {@code 3 * outWidth * outHeight} floats: {@code [0, plane)} red, then green, then blue,
     *     where {@code plane = outWidth * outHeight}; floats past {@code 3 * plane} are left as they were
     * @throws IllegalArgumentException if a size is not positive or an array is too short or has the wrong length
     */
    public static void toModelInput(int[] rgba, int width, int height, int outWidth, int outHeight, float mean,
            float std, float[] out) {
        if (width <= 0 || height <= 0 || outWidth <= 0 || outHeight <= 0) {
            throw new IllegalArgumentException("Sizes must be positive, got " + width + "x" + height
                    + " to " + outWidth + "x" + outHeight);
        }
        if (rgba.length != (long) width * height) {
            throw new IllegalArgumentException("Expected " + (long) width * height + " pixels, got " + rgba.length);
        }
        long expected = 3L * outWidth * outHeight;
        if (out.length < expected) {
            throw new IllegalArgumentException("Expected at least " + expected + " floats, got " + out.length);
        }
        Bilinear.Axis xs = new Bilinear.Axis(width, outWidth);
        Bilinear.Axis ys = new Bilinear.Axis(height, outHeight);
        int plane = outWidth * outHeight;
        for (int y = 0; y < outHeight; y++) {
            Bilinear.rgbRow(rgba, ys.lo[y] * width, ys.hi[y] * width, ys.frac[y], xs, mean, std, out, y * outWidth,
                    plane);
        }
    }
}
