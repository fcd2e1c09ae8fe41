package app.cutout.core.edit;

/**
 * Exact Euclidean distance transform (Felzenszwalb and Huttenlocher, "Distance Transforms of Sampled Functions",
 * 2012): for every pixel, the squared distance between its centre and the nearest centre of a set pixel, and which
 * pixel that is. Two 1-D passes, {@code O(width * height)}: columns (for a set, simply the nearer of the set pixels
 * above and below, found by two sweeps), then rows (the lower envelope of parabolas). Squared distances are exact
 * integers.
 */
public final class DistanceTransform {
    /** Squared distance of a pixel with no set pixel in reach (an empty set). */
    public static final int FAR = 1 << 30;

    private DistanceTransform() {
    }

    /**
     * Distances to the pixels whose unsigned alpha is at least {@code threshold}; nothing but the outputs is
     * modified.
     *
     * @param squared receives {@code width * height} squared distances ({@code >= FAR} where the set is empty)
     * @param nearest receives the index {@code y * width + x} of a nearest set pixel ({@code -1} if none)
     * @throws IllegalArgumentException if an array has the wrong length or the threshold is outside 1..255
     */
    public static void compute(byte[] alpha, int width, int height, int threshold, int[] squared, int[] nearest) {
        Rect.checkLength("alpha bytes", alpha.length, width, height);
        Rect.checkLength("distances", squared.length, width, height);
        Rect.checkLength("nearest indices", nearest.length, width, height);
        if (threshold < 1 || threshold > 255) {
            throw new IllegalArgumentException("Expected a threshold in 1..255, got " + threshold);
        }
        int n = Math.max(width, height);
        int[] f = new int[n];
        int[] d = new int[n];
        int[] arg = new int[n];
        int[] v = new int[n];
        double[] z = new double[n + 1];
        // Columns: the set is binary, so the nearest set pixel in a column is the nearer of the last one above and
        // the next one below: two sweeps, row by row (no parabolas needed). nearest holds its row for now.
        int[] mark = new int[width];
        java.util.Arrays.fill(mark, -1);
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int x = 0; x < width; x++) {
                if ((alpha[row + x] & 0xFF) >= threshold) {
                    mark[x] = y;
                }
                int m = mark[x];
                squared[row + x] = m < 0 ? FAR : (y - m) * (y - m);
                nearest[row + x] = m;
            }
        }
        java.util.Arrays.fill(mark, -1);
        for (int y = height - 1; y >= 0; y--) {
            int row = y * width;
            for (int x = 0; x < width; x++) {
                if ((alpha[row + x] & 0xFF) >= threshold) {
                    mark[x] = y;
                }
                int m = mark[x];
                if (m >= 0 && (m - y) * (m - y) < squared[row + x]) {
                    squared[row + x] = (m - y) * (m - y);
                    nearest[row + x] = m;
                }
            }
        }
        // Rows: combine the column distances.
        int[] rows = new int[width];
        for (int y = 0; y < height; y++) {
            int base = y * width;
            System.arraycopy(squared, base, f, 0, width);
            System.arraycopy(nearest, base, rows, 0, width);
            envelope(f, width, d, arg, v, z);
            for (int x = 0; x < width; x++) {
                int dx = d[x];
                squared[base + x] = dx;
                int sx = arg[x];
                nearest[base + x] = dx >= FAR ? -1 : rows[sx] * width + sx;
            }
        }
    }

    /** Where the parabolas rooted at {@code p < q} cross. */
    private static double intersection(int[] f, int p, int q) {
        return ((f[q] + (double) q * q) - (f[p] + (double) p * p)) / (2.0 * (q - p));
    }

    /**
     * {@code d[q] = min_p (q - p)^2 + f[p]} over {@code 0 <= p < n}, {@code arg[q]} the minimising {@code p}.
     * Values {@code >= FAR} stand for infinity; a line of them stays at {@code >= FAR}.
     */
    static void envelope(int[] f, int n, int[] d, int[] arg, int[] v, double[] z) {
        int k = 0;
        v[0] = 0;
        z[0] = Double.NEGATIVE_INFINITY;
        z[1] = Double.POSITIVE_INFINITY;
        for (int q = 1; q < n; q++) {
            double s = intersection(f, v[k], q);
            // z[0] is minus infinity, so this stops at k = 0.
            while (s <= z[k]) {
                k--;
                s = intersection(f, v[k], q);
            }
            k++;
            v[k] = q;
            z[k] = s;
            z[k + 1] = Double.POSITIVE_INFINITY;
        }
        k = 0;
        for (int q = 0; q < n; q++) {
            while (z[k + 1] < q) {
                k++;
            }
            int p = v[k];
            long dq = (long) (q - p) * (q - p) + f[p];
            d[q] = (int) Math.min(dq, Integer.MAX_VALUE);
            arg[q] = p;
        }
    }
}
