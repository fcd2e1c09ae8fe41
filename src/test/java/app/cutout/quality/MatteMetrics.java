package app.cutout.quality;

import app.cutout.core.ops.MaskStats;

/**
 * Error measures between a predicted and a ground-truth alpha matte, both unsigned 8-bit ({@code byte & 0xFF}), one
 * value per pixel, rows top to bottom. Alpha is taken in 0..1 units ({@code value / 255}).
 *
 * <p>Conventions (those of the alphamatting.com benchmark, Rhemann et al. CVPR 2009, as implemented by the Deep Image
 * Matting evaluation code of Xu et al. 2017 that most matting papers report):
 * <ul>
 *   <li>{@link #sad}: {@code Σ |p - t| / 1000}.</li>
 *   <li>{@link #mse}: {@code Σ (p - t)² / N}, N the number of pixels counted (no further scaling; papers often print
 *       it times 1000).</li>
 *   <li>{@link #gradientError}: {@code Σ (|∇p| - |∇t|)² / 1000}, gradients by first-derivative-of-Gaussian filters
 *       with {@code σ = 1.4} (MATLAB {@code gaussgradient}: half size {@code ceil(σ·sqrt(-2 ln(sqrt(2π)·σ·0.01)))}
 *       = 4, 9x9 kernel {@code G(u)·G'(v)} scaled to unit L2 norm, replicated borders). The reference code divides
 *       by 255 (some versions use {@code mat2gray}, a min-max stretch, which is the same for mattes spanning 0..255).
 *   </li>
 *   <li>{@link #iou}: intersection over union of {@code value >= 128}.</li>
 * </ul>
 * The optional {@code region} (non-zero = counted) plays the role of the benchmark's {@code trimap == 128}; gradients
 * are always computed over the whole image first. {@code null} counts every pixel.
 */
public final class MatteMetrics {
    private MatteMetrics() {
    }

    /** Gaussian sigma of the gradient error. */
    public static final double GRADIENT_SIGMA = 1.4;

    /** Sum of absolute differences in 0..1 units, divided by 1000. */
    public static double sad(byte[] predicted, byte[] truth) {
        return sad(predicted, truth, null);
    }

    /** {@link #sad(byte[], byte[])} over the pixels where {@code region} is non-zero ({@code null}: all). */
    public static double sad(byte[] predicted, byte[] truth, byte[] region) {
        check(predicted, truth, region);
        long sum = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (region == null || region[i] != 0) {
                sum += Math.abs((predicted[i] & 0xFF) - (truth[i] & 0xFF));
            }
        }
        return sum / 255.0 / 1000.0;
    }

    /** Mean squared difference in 0..1 units over all pixels; 0 for empty inputs. */
    public static double mse(byte[] predicted, byte[] truth) {
        return mse(predicted, truth, null);
    }

    /** {@link #mse(byte[], byte[])}, the mean taken over the pixels where {@code region} is non-zero. */
    public static double mse(byte[] predicted, byte[] truth, byte[] region) {
        check(predicted, truth, region);
        long sum = 0;
        long n = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (region == null || region[i] != 0) {
                long d = (predicted[i] & 0xFF) - (truth[i] & 0xFF);
                sum += d * d;
                n++;
            }
        }
        return n == 0 ? 0.0 : sum / (255.0 * 255.0) / n;
    }

    /** Gradient error over all pixels of {@code width x height} mattes; see the class comment. */
    public static double gradientError(byte[] predicted, byte[] truth, int width, int height) {
        return gradientError(predicted, truth, width, height, null);
    }

    /**
     * Gradient error summed over the pixels where {@code region} is non-zero. Streams rows, so memory is
     * {@code O(width)} whatever the size.
     */
    public static double gradientError(byte[] predicted, byte[] truth, int width, int height, byte[] region) {
        check(predicted, truth, region);
        if (width <= 0 || height <= 0 || (long) width * height != predicted.length) {
            throw new IllegalArgumentException("Size " + width + "x" + height + " does not match " + predicted.length);
        }
        double[] g = gaussianKernel(GRADIENT_SIGMA);
        double[] dg = gaussianDerivativeKernel(GRADIENT_SIGMA);
        int half = g.length / 2;
        double[] smoothP = new double[width];
        double[] derivP = new double[width];
        double[] smoothT = new double[width];
        double[] derivT = new double[width];
        double sum = 0.0;
        for (int y = 0; y < height; y++) {
            verticalPass(predicted, width, height, y, g, dg, half, smoothP, derivP);
            verticalPass(truth, width, height, y, g, dg, half, smoothT, derivT);
            for (int x = 0, o = y * width; x < width; x++, o++) {
                if (region != null && region[o] == 0) {
                    continue;
                }
                double ap = magnitude(smoothP, derivP, x, width, g, dg, half);
                double at = magnitude(smoothT, derivT, x, width, g, dg, half);
                sum += (ap - at) * (ap - at);
            }
        }
        return sum / 1000.0;
    }

    /** Intersection over union of the pixels with value {@code >= 128}; 1 when both are empty. */
    public static double iou(byte[] predicted, byte[] truth) {
        return MaskStats.iou(predicted, truth, 128);
    }

    /**
     * The unit-L2-norm Gaussian {@code G(u) = exp(-u²/2σ²)} sampled at {@code u = -h..h},
     * {@code h = ceil(σ·sqrt(-2 ln(sqrt(2π)·σ·0.01)))}; the vertical factor of the x-gradient kernel.
     */
    static double[] gaussianKernel(double sigma) {
        int half = halfSize(sigma);
        double[] k = new double[2 * half + 1];
        for (int u = -half; u <= half; u++) {
            k[u + half] = Math.exp(-u * u / (2 * sigma * sigma));
        }
        return normalize(k);
    }

    /** The unit-L2-norm derivative {@code G'(u) ∝ -u·G(u)} at {@code u = -h..h}; the horizontal factor. */
    static double[] gaussianDerivativeKernel(double sigma) {
        int half = halfSize(sigma);
        double[] k = new double[2 * half + 1];
        for (int u = -half; u <= half; u++) {
            k[u + half] = -u * Math.exp(-u * u / (2 * sigma * sigma));
        }
        return normalize(k);
    }

    static int halfSize(double sigma) {
        return (int) Math.ceil(sigma * Math.sqrt(-2 * Math.log(Math.sqrt(2 * Math.PI) * sigma * 1e-2)));
    }

    private static double[] normalize(double[] k) {
        // The 2-D kernel G(u)G'(v) has L2 norm |G|·|G'|, so normalising each factor normalises the product.
        double s = 0.0;
        for (double v : k) {
            s += v * v;
        }
        double inv = 1.0 / Math.sqrt(s);
        for (int i = 0; i < k.length; i++) {
            k[i] *= inv;
        }
        return k;
    }

    /** Column convolutions of row {@code y} with replicated borders: smooth = G * α, deriv = G' * α. */
    private static void verticalPass(byte[] a, int width, int height, int y, double[] g, double[] dg, int half,
            double[] smooth, double[] deriv) {
        for (int x = 0; x < width; x++) {
            smooth[x] = 0.0;
            deriv[x] = 0.0;
        }
        for (int u = -half; u <= half; u++) {
            // Convolution: output(y) = Σ_u k(u) · in(y - u).
            int sy = y - u;
            sy = sy < 0 ? 0 : (sy >= height ? height - 1 : sy);
            double kg = g[u + half] / 255.0;
            double kd = dg[u + half] / 255.0;
            for (int x = 0, o = sy * width; x < width; x++, o++) {
                int v = a[o] & 0xFF;
                smooth[x] += kg * v;
                deriv[x] += kd * v;
            }
        }
    }

    /** {@code sqrt(gx² + gy²)} at column {@code x}: gx = G' (horizontal) * smooth, gy = G (horizontal) * deriv. */
    private static double magnitude(double[] smooth, double[] deriv, int x, int width, double[] g, double[] dg,
            int half) {
        double gx = 0.0;
        double gy = 0.0;
        for (int v = -half; v <= half; v++) {
            int sx = x - v;
            sx = sx < 0 ? 0 : (sx >= width ? width - 1 : sx);
            gx += dg[v + half] * smooth[sx];
            gy += g[v + half] * deriv[sx];
        }
        return Math.sqrt(gx * gx + gy * gy);
    }

    private static void check(byte[] predicted, byte[] truth, byte[] region) {
        if (predicted.length != truth.length || (region != null && region.length != predicted.length)) {
            throw new IllegalArgumentException("Expected mattes (and region) of equal size, got " + predicted.length
                    + " and " + truth.length + (region == null ? "" : " and " + region.length));
        }
    }
}
