package app.cutout.core.refine;

import app.cutout.core.image.RgbaImage;
import java.util.Random;

/**
 * A photo with known matte for tests and the benchmark: a smoothly coloured, lightly textured disk (optionally with
 * thin semi-transparent "hair" strands) composited over a contrasting textured background, plus the coarse mask a
 * segmentation model would give (the true alpha area-averaged to the mask size).
 */
final class SyntheticScene {
    final int width;
    final int height;
    /** True alpha, 0..255. */
    final byte[] alpha;
    /** True foreground and background colours, packed like {@link RgbaImage} with alpha 255. */
    final int[] foreground;
    final int[] background;
    /** The composite, alpha 255. */
    final int[] composite;

    SyntheticScene(int width, int height, long seed, int strands) {
        this(width, height, seed, strands, false, 0.03);
    }

    /**
     * @param noise standard deviation of the independent per-pixel noise on both colours, 0..1 units
     * @param hard adds a strongly textured background (stripes of period about 6 px at 1000 px) and a sector of the
     *     outline where subject and background differ by only about 0.06 in each channel
     */
    SyntheticScene(int width, int height, long seed, int strands, boolean hard, double noise) {
        this.width = width;
        this.height = height;
        int n = width * height;
        alpha = new byte[n];
        foreground = new int[n];
        background = new int[n];
        composite = new int[n];
        Random rnd = new Random(seed);
        double cx = width * (0.45 + 0.1 * rnd.nextDouble());
        double cy = height * (0.45 + 0.1 * rnd.nextDouble());
        double radius = Math.min(width, height) * 0.3;
        float[] a = new float[n];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                // Slightly wobbly outline, anti-aliased over one pixel.
                double dx = x + 0.5 - cx;
                double dy = y + 0.5 - cy;
                double theta = Math.atan2(dy, dx);
                double r = radius * (1 + 0.04 * Math.sin(5 * theta) + 0.02 * Math.sin(13 * theta + 1));
                double v = r - Math.sqrt(dx * dx + dy * dy) + 0.5;
                a[y * width + x] = (float) (v < 0 ? 0 : (v > 1 ? 1 : v));
            }
        }
        // Hair: thin curved strands leaving the outline, alpha 0.7 at their core, ~1.5 px wide.
        double scale = Math.min(width, height) / 1000.0;
        for (int s = 0; s < strands; s++) {
            double theta = rnd.nextDouble() * 2 * Math.PI;
            double r = radius * (1 + 0.04 * Math.sin(5 * theta) + 0.02 * Math.sin(13 * theta + 1)) - 3 * scale;
            double px = cx + r * Math.cos(theta);
            double py = cy + r * Math.sin(theta);
            double dir = theta + (rnd.nextDouble() - 0.5) * 0.8;
            double curl = (rnd.nextDouble() - 0.5) * 0.02 / Math.max(scale, 0.05);
            double length = (40 + 60 * rnd.nextDouble()) * scale;
            double half = 0.75 * Math.max(scale, 0.5);
            for (double t = 0; t < length; t += 0.25) {
                px += 0.25 * Math.cos(dir);
                py += 0.25 * Math.sin(dir);
                dir += 0.25 * curl;
                int x0 = (int) Math.floor(px - half - 1);
                int y0 = (int) Math.floor(py - half - 1);
                for (int y = y0; y <= y0 + (int) (2 * half) + 2; y++) {
                    for (int x = x0; x <= x0 + (int) (2 * half) + 2; x++) {
                        if (x < 0 || y < 0 || x >= width || y >= height) {
                            continue;
                        }
                        double d = Math.hypot(x + 0.5 - px, y + 0.5 - py);
                        double cover = 0.7 * Math.max(0, Math.min(1, half - d + 0.5));
                        int o = y * width + x;
                        if (cover > a[o]) {
                            a[o] = (float) cover;
                        }
                    }
                }
            }
        }
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int o = y * width + x;
                double u = (double) x / width;
                double v = (double) y / height;
                // Warm subject, cool background; low-amplitude texture on both.
                double fr = 0.80 + 0.10 * Math.sin(7 * u + 2 * v) + noise * rnd.nextGaussian();
                double fg = 0.55 + 0.10 * Math.cos(5 * v) + noise * rnd.nextGaussian();
                double fb = 0.30 + 0.05 * Math.sin(3 * u) + noise * rnd.nextGaussian();
                double br = 0.15 + 0.10 * u + noise * rnd.nextGaussian();
                double bg = 0.35 + 0.20 * v + noise * rnd.nextGaussian();
                double bb = 0.75 + 0.10 * Math.sin(4 * u) + noise * rnd.nextGaussian();
                if (hard) {
                    double t = 0.12 * Math.sin(x / (scale * 1.0)) * Math.sin(y / (scale * 1.6));
                    br += t;
                    bg += t;
                    bb -= t;
                    double theta = Math.atan2(y + 0.5 - cy, x + 0.5 - cx);
                    if (theta > 0.3 && theta < 1.3) {
                        // Low contrast: the background takes nearly the subject's colour here.
                        br = fr - 0.06;
                        bg = fg + 0.06;
                        bb = fb + 0.06;
                    }
                }
                int f = pack(fr, fg, fb);
                int b = pack(br, bg, bb);
                double al = a[o];
                foreground[o] = f;
                background[o] = b;
                composite[o] = pack(mix(f, b, al, 0), mix(f, b, al, 8), mix(f, b, al, 16));
                alpha[o] = (byte) Math.round(al * 255);
            }
        }
    }

    private static double mix(int f, int b, double a, int shift) {
        return (a * ((f >>> shift) & 0xFF) + (1 - a) * ((b >>> shift) & 0xFF)) / 255.0;
    }

    private static int pack(double r, double g, double b) {
        return RgbaImage.pack(to8(r), to8(g), to8(b), 255);
    }

    private static int to8(double v) {
        return (int) Math.round(Math.max(0, Math.min(1, v)) * 255);
    }

    /** A fresh image holding the composite (alpha 255). */
    RgbaImage image() {
        return new RgbaImage(width, height, composite.clone());
    }

    /**
     * The true alpha area-averaged to {@code mw x mh} (each mask cell the mean over the photo pixels whose centres
     * fall in it), as 0..1 floats: what a perfect but low-resolution model would output.
     */
    float[] mask(int mw, int mh) {
        double[] sum = new double[mw * mh];
        int[] count = new int[mw * mh];
        for (int y = 0; y < height; y++) {
            int my = (int) ((long) y * mh / height);
            for (int x = 0; x < width; x++) {
                int mx = (int) ((long) x * mw / width);
                sum[my * mw + mx] += (alpha[y * width + x] & 0xFF) / 255.0;
                count[my * mw + mx]++;
            }
        }
        float[] m = new float[mw * mh];
        for (int i = 0; i < m.length; i++) {
            m[i] = count[i] == 0 ? 0f : (float) (sum[i] / count[i]);
        }
        return m;
    }
}
