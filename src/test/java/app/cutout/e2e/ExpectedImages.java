package app.cutout.e2e;

import java.awt.image.BufferedImage;

/**
 * What an export should contain, computed on the JVM from the photo and the options alone, with plain textbook
 * formulas (a true Gaussian, textbook bilinear interpolation) and no code of the app: the app's fast approximations
 * must land within a tolerance of these.
 *
 * <p>Images are {@code int[]} of {@code 0xAARRGGBB} as {@link BufferedImage#getRGB} gives them.
 */
final class ExpectedImages {
    private ExpectedImages() {
    }

    static int[] argb(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    /** A Gaussian blur of standard deviation {@code sigma} per axis, edges clamped (the edge pixel repeats). */
    static int[] gaussian(int[] rgb, int width, int height, double sigma) {
        int radius = (int) Math.ceil(4 * sigma);
        double[] kernel = new double[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            kernel[i + radius] = Math.exp(-(i * i) / (2 * sigma * sigma));
            sum += kernel[i + radius];
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] /= sum;
        }
        double[][] planes = new double[3][width * height];
        for (int i = 0; i < rgb.length; i++) {
            planes[0][i] = (rgb[i] >> 16) & 0xFF;
            planes[1][i] = (rgb[i] >> 8) & 0xFF;
            planes[2][i] = rgb[i] & 0xFF;
        }
        int[] out = new int[rgb.length];
        for (int c = 0; c < 3; c++) {
            double[] p = planes[c];
            double[] tmp = new double[p.length];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double s = 0;
                    for (int k = -radius; k <= radius; k++) {
                        int xx = Math.min(width - 1, Math.max(0, x + k));
                        s += kernel[k + radius] * p[y * width + xx];
                    }
                    tmp[y * width + x] = s;
                }
            }
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double s = 0;
                    for (int k = -radius; k <= radius; k++) {
                        int yy = Math.min(height - 1, Math.max(0, y + k));
                        s += kernel[k + radius] * tmp[yy * width + x];
                    }
                    out[y * width + x] |= clamp(s) << (16 - 8 * c);
                }
            }
        }
        for (int i = 0; i < out.length; i++) {
            out[i] |= 0xFF000000;
        }
        return out;
    }

    /**
     * The background image laid out as CSS {@code object-fit: cover} does: scaled uniformly until it covers
     * {@code width x height}, centred, the overflow cut off; sampled bilinearly at pixel centres (for an enlarged
     * background, which is all the tests use).
     */
    static int[] cover(BufferedImage background, int width, int height) {
        int bw = background.getWidth();
        int bh = background.getHeight();
        int[] src = argb(background);
        double scale = Math.max((double) width / bw, (double) height / bh);
        double left = (bw - width / scale) / 2;
        double top = (bh - height / scale) / 2;
        int[] out = new int[width * height];
        for (int y = 0; y < height; y++) {
            double sy = Math.min(bh - 1, Math.max(0, top + (y + 0.5) / scale - 0.5));
            int y0 = (int) Math.floor(sy);
            int y1 = Math.min(bh - 1, y0 + 1);
            double fy = sy - y0;
            for (int x = 0; x < width; x++) {
                double sx = Math.min(bw - 1, Math.max(0, left + (x + 0.5) / scale - 0.5));
                int x0 = (int) Math.floor(sx);
                int x1 = Math.min(bw - 1, x0 + 1);
                double fx = sx - x0;
                int p = 0xFF000000;
                for (int shift = 0; shift <= 16; shift += 8) {
                    double top0 = channel(src[y0 * bw + x0], shift) * (1 - fx) + channel(src[y0 * bw + x1], shift) * fx;
                    double bottom = channel(src[y1 * bw + x0], shift) * (1 - fx)
                            + channel(src[y1 * bw + x1], shift) * fx;
                    p |= clamp(top0 * (1 - fy) + bottom * fy) << shift;
                }
                out[y * width + x] = p;
            }
        }
        return out;
    }

    /** The subject over a background with coverage {@code alpha}: {@code round((fg * a + bg * (255 - a)) / 255)}. */
    static int over(int fg, int bg, int alpha) {
        int p = 0xFF000000;
        for (int shift = 0; shift <= 16; shift += 8) {
            p |= clamp((channel(fg, shift) * alpha + channel(bg, shift) * (255.0 - alpha)) / 255.0) << shift;
        }
        return p;
    }

    /** Largest difference of the red, green and blue channels. */
    static int difference(int a, int b) {
        int d = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            d = Math.max(d, Math.abs(channel(a, shift) - channel(b, shift)));
        }
        return d;
    }

    private static int channel(int p, int shift) {
        return (p >> shift) & 0xFF;
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
