package app.cutout.core.image;

/**
 * An 8-bit RGBA image, one {@code int} per pixel, rows top to bottom without padding.
 *
 * <p>The packing is the one a little-endian {@code Int32Array} view of canvas {@code ImageData} gives, so pixels
 * cross the browser boundary with one bulk copy: {@code pixel = (a << 24) | (b << 16) | (g << 8) | r}.
 */
public final class RgbaImage {
    public final int width;
    public final int height;
    /** {@code width * height} packed pixels; shared, not copied. */
    public final int[] pixels;

    public RgbaImage(int width, int height, int[] pixels) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("Image size must be positive, got " + width + "x" + height);
        }
        if (pixels.length != width * height) {
            throw new IllegalArgumentException("Expected " + width * height + " pixels for " + width + "x" + height
                    + ", got " + pixels.length);
        }
        this.width = width;
        this.height = height;
        this.pixels = pixels;
    }

    public static int pack(int r, int g, int b, int a) {
        return (a << 24) | (b << 16) | (g << 8) | r;
    }

    public static int red(int pixel) {
        return pixel & 0xFF;
    }

    public static int green(int pixel) {
        return (pixel >>> 8) & 0xFF;
    }

    public static int blue(int pixel) {
        return (pixel >>> 16) & 0xFF;
    }

    public static int alpha(int pixel) {
        return pixel >>> 24;
    }
}
