package app.cutout.core.refine;

import app.cutout.core.ops.Chessboard;
import app.cutout.core.ops.WindowStats;

/**
 * Clears the haze that the matting step leaves where the model was unsure over background: a pale partial alpha over
 * a patch of sky or lawn next to the subject, or a faint blob far from it. The closed-form matting cannot clear it
 * by itself: over a patch of flat colour the matting Laplacian costs nothing for any constant alpha, so the model's
 * mask, the solve's prior, decides there.
 *
 * <p>Two rules, both only for free (unknown) pixels of the matting step's grid:
 * <ol>
 *   <li>Before the solve, {@link #markBackgroundColours}: a pixel of flat colour where the model's alpha is low,
 *       whose colour the local background model explains and the local subject model does not, becomes sure
 *       background. The models are the colour mean and covariance of the sure background and the sure subject
 *       pixels within a wide window.
 *   <li>After the solve, {@link #clearFloating}: an 8-connected component of free pixels with alpha above a floor
 *       that does not touch the sure subject goes to 0 when its peak alpha stays below {@code peak}: a faint blob
 *       the model left in the background. Strands connected to the subject, and glass or veils the matte makes
 *       clearly translucent (a peak at or above {@code peak}), stay.
 * </ol>
 */
public final class HazeRemoval {
    /**
     * Side of the blocks the colour models are summed over when the window is wide enough: on a 12 MP photo that
     * halved this step's CPU time on the JVM (25 → 11 ms, 31 → 12 MB allocated) and moved gt-dev's median SAD from
     * 9.681 to 9.634 (the models are means over hundreds of pixels either way).
     */
    static final int BLOCK = 2;

    /** The smallest window radius (grid pixels) whose models are summed over blocks. */
    static final int BLOCK_RADIUS = 8;

    private HazeRemoval() {
    }

    /**
     * Turns into {@link AlphaMatting#BACKGROUND} the free pixels with {@code 0 < alpha < maxAlpha} whose colour is
     * background-like and flat: with {@code d_B²} and {@code d_F²} the squared Mahalanobis distances of the pixel's
     * colour to the background and subject models (the sure pixels within {@code radius}, covariance plus
     * {@code eps} on the diagonal), {@code d_B² ≤ near} and {@code d_F² ≥ far · max(d_B², 1)} (a window without
     * enough subject pixels counts as far), and the colour variance of its 3x3 neighbourhood at most {@code flat}.
     * A model needs sure pixels over at least {@code support} of the window's area. Where the window holds too
     * little background (a wide band of unsure mask), the background model is that of a window twice as wide, and so
     * on, at most {@code reach} windows in all; without any, nothing changes. The subject's model stays local: a
     * colour of the subject's far side must not make a pixel here look unlike the subject.
     *
     * <p>Only flat pixels: there the matting Laplacian leaves alpha to the prior, so the model's haze survives the
     * solve, while where colour varies (strands of hair, fur, the mesh of a basket) the solve follows the colour
     * and a background-coloured mix of strand and background is not haze. The solve then decides the pixels around
     * the new background pixels, so the cleared patch meets what stays without a step.
     *
     * @param rgb {@code 3 * w * h} interleaved colour, 0..1
     * @param alpha {@code w * h} the model's alpha (the solve's prior), read only
     * @param constraint {@code w * h} {@link AlphaMatting} constraints: {@link AlphaMatting#BACKGROUND} and
     *     {@link AlphaMatting#FOREGROUND} pixels are the samples, {@link AlphaMatting#FREE} ones may become
     *     {@link AlphaMatting#BACKGROUND}
     * @param reach how many windows, each twice as wide as the last, to look in for a background model (at least 1)
     * @return the number of pixels turned into background
     */
    public static int markBackgroundColours(float[] rgb, float[] alpha, byte[] constraint, int w, int h, int radius,
            float maxAlpha, float eps, float near, float far, float support, float flat, int reach) {
        return markBackgroundColours(rgb, alpha, constraint, w, h, radius, maxAlpha, eps, near, far, support, flat,
                reach, radius >= BLOCK_RADIUS ? BLOCK : 1);
    }

    /** {@link #markBackgroundColours}, with the colour models summed over {@code block}-square blocks. */
    static int markBackgroundColours(float[] rgb, float[] alpha, byte[] constraint, int w, int h, int radius,
            float maxAlpha, float eps, float near, float far, float support, float flat, int reach, int block) {
        int n = w * h;
        if (w <= 0 || h <= 0 || rgb.length != 3 * n || alpha.length != n || constraint.length != n || radius < 1
                || reach < 1 || !(eps > 0f)) {
            throw new IllegalArgumentException("Bad haze input " + w + "x" + h);
        }
        int[] pixels = new int[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (candidate(alpha, constraint, i, maxAlpha)) {
                pixels[count++] = i;
            }
        }
        if (count == 0) {
            return 0;
        }
        float[] dB = nearestDistances(rgb, pixels, count, w, h, eps, support, reach,
                new BackgroundModels(rgb, constraint, w, h, radius, block));
        float[] dF = distances(rgb, constraint, pixels, count, w, h, radius, eps, support, AlphaMatting.FOREGROUND,
                block);
        int marked = 0;
        for (int u = 0; u < count; u++) {
            int i = pixels[u];
            float db = dB[u];
            // NaN (no background model) fails the first test.
            if (db <= near && dF[u] >= far * Math.max(db, 1f) && localVariance(rgb, w, h, i) <= flat) {
                constraint[i] = AlphaMatting.BACKGROUND;
                marked++;
            }
        }
        return marked;
    }

    /**
     * Turns into {@link AlphaMatting#FOREGROUND} the free pixels at the core of a region the model leans subject on:
     * {@code alpha ≥ minAlpha}, at least {@code depth} pixels (chessboard) from every pixel on the model's background
     * side (sure background, or free where the mean of {@code alpha} over the {@code (2·smooth+1)²} pixels around is
     * below {@code minAlpha}), of flat colour (3x3 variance at most
     * {@code flat}) that the nearest background's model does not explain (squared Mahalanobis distance above
     * {@code near}; the model of the sure background within {@code radius}, or twice that where there is too little,
     * and so on; none at all counts as not explained).
     *
     * <p>Where the model was unsure over a wide part of the subject (leaves of a plant in shade, a doll's body) its
     * mask is a mottled 0.6–0.9 there, and over flat colour the matting Laplacian leaves that value to the prior: the
     * subject comes out translucent. Its core is subject; the solve then decides the rest of the region from it. The
     * side is read from the mask's local mean because the mottling is speckle: single pixels below {@code minAlpha}
     * all over such a part would otherwise put every pixel of it next to the background side.
     * Glass and veils keep their alpha: their colour is the background seen through them, which the background model
     * explains; strands and fur are not flat, and edges are near the background side.
     *
     * @return the number of pixels turned into subject
     */
    public static int markSubjectCores(float[] rgb, float[] alpha, byte[] constraint, int w, int h, int radius,
            int depth, int smooth, float minAlpha, float eps, float near, float support, float flat) {
        return markSubjectCores(rgb, alpha, constraint, w, h, radius, depth, smooth, minAlpha, eps, near, support,
                flat, null);
    }

    /**
     * {@link #markSubjectCores(float[], float[], byte[], int, int, int, int, int, float, float, float, float, float)}
     * with the background models of {@code background} (null: its own), which must be of the same {@code rgb},
     * sure background, size and {@code radius}: a second call after the first added only subject marks reuses them.
     */
    static int markSubjectCores(float[] rgb, float[] alpha, byte[] constraint, int w, int h, int radius, int depth,
            int smooth, float minAlpha, float eps, float near, float support, float flat, BackgroundModels background) {
        int n = w * h;
        if (w <= 0 || h <= 0 || rgb.length != 3 * n || alpha.length != n || constraint.length != n || radius < 1
                || depth < 1 || smooth < 0 || !(eps > 0f)) {
            throw new IllegalArgumentException("Bad solid-core input " + w + "x" + h);
        }
        float[] side = alpha;
        if (smooth > 0) {
            side = alpha.clone();
            WindowStats.boxMean(side, 1, w, h, smooth);
        }
        int[] dist = new int[n];
        int far = w + h;
        boolean any = false;
        for (int i = 0; i < n; i++) {
            byte c = constraint[i];
            boolean backSide = c == AlphaMatting.BACKGROUND || (c == AlphaMatting.FREE && !(side[i] >= minAlpha));
            dist[i] = backSide ? 0 : far;
            any |= c == AlphaMatting.FREE && alpha[i] >= minAlpha;
        }
        if (!any) {
            return 0;
        }
        Chessboard.distances(dist, w, h);
        int[] cores = new int[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (constraint[i] == AlphaMatting.FREE && alpha[i] >= minAlpha && dist[i] >= depth
                    && localVariance(rgb, w, h, i) <= flat) {
                cores[count++] = i;
            }
        }
        if (count == 0) {
            return 0;
        }
        // The nearest background's model, however far: a wide pane of glass is compared with the background around it.
        if (background == null) {
            background = new BackgroundModels(rgb, constraint, w, h, radius);
        }
        float[] dB = nearestDistances(rgb, cores, count, w, h, eps, support, Integer.MAX_VALUE, background);
        int marked = 0;
        for (int u = 0; u < count; u++) {
            int i = cores[u];
            // NaN: no sure background anywhere in the grid.
            if (Float.isNaN(dB[u]) || dB[u] > near) {
                constraint[i] = AlphaMatting.FOREGROUND;
                marked++;
            }
        }
        return marked;
    }

    private static boolean candidate(float[] alpha, byte[] constraint, int i, float maxAlpha) {
        return constraint[i] == AlphaMatting.FREE && alpha[i] > 0f && alpha[i] < maxAlpha;
    }

    /** The colour variance (summed over R, G, B) of the 3x3 pixels around {@code i}, truncated at the borders. */
    static float localVariance(float[] rgb, int w, int h, int i) {
        int y = i / w;
        int x = i - y * w;
        float sr = 0f;
        float sg = 0f;
        float sb = 0f;
        float sq = 0f;
        int m = 0;
        for (int yy = Math.max(0, y - 1); yy <= Math.min(h - 1, y + 1); yy++) {
            for (int xx = Math.max(0, x - 1); xx <= Math.min(w - 1, x + 1); xx++) {
                int t = 3 * (yy * w + xx);
                float r = rgb[t];
                float g = rgb[t + 1];
                float b = rgb[t + 2];
                sr += r;
                sg += g;
                sb += b;
                sq += r * r + g * g + b * b;
                m++;
            }
        }
        float inv = 1f / m;
        return sq * inv - (sr * sr + sg * sg + sb * sb) * inv * inv;
    }

    /**
     * Squared Mahalanobis distance of the colour of each of the first {@code count} {@code pixels} to the model of the
     * {@code kind} pixels in its window, indexed like {@code pixels}: NaN where that model has too little support
     * ({@code kind} background) or +infinity (subject).
     *
     * <p>With {@code f > 1} the samples' moments are summed over {@code f}-square blocks first and the window is made
     * of whole blocks around the pixel's own (its radius rounded to blocks): the models are means over hundreds of
     * pixels and barely move, and the box sums run over 1/f² of the grid.
     */
    private static float[] distances(float[] rgb, byte[] constraint, int[] pixels, int count, int w, int h,
            int radius, float eps, float support, byte kind, int f) {
        float[] d = new float[count];
        float[] means = blockSums(rgb, constraint, kind, w, h, f);
        WindowStats.boxMean(means, 10, (w + f - 1) / f, (h + f - 1) / f, blockRadius(radius, f));
        evaluate(rgb, pixels, null, count, means, w, f, eps, support, kind == AlphaMatting.BACKGROUND ? Float.NaN
                : Float.POSITIVE_INFINITY, d);
        return d;
    }

    /**
     * {@link #distances} to the background model, and where a pixel's window holds too little background, to the
     * model of a window twice as wide (blocks twice as wide, the same number of them), and so on, at most
     * {@code levels} windows in all: NaN where none has enough.
     */
    private static float[] nearestDistances(float[] rgb, int[] pixels, int count, int w, int h, float eps,
            float support, int levels, BackgroundModels background) {
        float[] d = new float[count];
        java.util.Arrays.fill(d, Float.NaN);
        // Positions in the list of the pixels without a model yet.
        int[] open = new int[count];
        for (int u = 0; u < count; u++) {
            open[u] = u;
        }
        int left = count;
        for (int level = 0; level < levels; level++) {
            evaluate(rgb, pixels, open, left, background.means(level), w, background.block << level, eps, support,
                    Float.NaN, d);
            int still = 0;
            for (int u = 0; u < left; u++) {
                if (Float.isNaN(d[open[u]])) {
                    open[still++] = open[u];
                }
            }
            left = still;
            if (left == 0 || !background.hasLevel(level + 1)) {
                break;
            }
        }
        return d;
    }

    /**
     * The sure background's window models ({@link #blockSums} box-meaned) at each level of {@link #nearestDistances},
     * computed when first asked for and kept: {@link #markSubjectCores} runs twice on the same background.
     */
    static final class BackgroundModels {
        private final int w;
        private final int h;
        private final int rb;
        final int block;
        private final java.util.List<float[]> means = new java.util.ArrayList<>();
        private float[] rgb;
        private byte[] constraint;
        /** The block sums of the next level, not yet box-meaned. */
        private float[] next;

        /**
         * The models of the {@link AlphaMatting#BACKGROUND} pixels of {@code constraint}, summed when first asked
         * for: until the last use, other pixels may change but the background ones must not.
         */
        BackgroundModels(float[] rgb, byte[] constraint, int w, int h, int radius) {
            this(rgb, constraint, w, h, radius, radius >= BLOCK_RADIUS ? BLOCK : 1);
        }

        BackgroundModels(float[] rgb, byte[] constraint, int w, int h, int radius, int block) {
            this.rgb = rgb;
            this.constraint = constraint;
            this.w = w;
            this.h = h;
            this.block = block;
            this.rb = blockRadius(radius, block);
        }

        /** Whether {@code level} is still narrower than the grid: the one past the last that is not. */
        boolean hasLevel(int level) {
            return level == 0 || (rb + 1) * (block << (level - 1)) < Math.max(w, h);
        }

        /** The box means of {@code level}'s blocks ({@code block << level} pixels square) over {@code rb} blocks. */
        float[] means(int level) {
            if (means.isEmpty()) {
                next = blockSums(rgb, constraint, AlphaMatting.BACKGROUND, w, h, block);
                rgb = null;
                constraint = null;
            }
            while (means.size() <= level) {
                int f = block << means.size();
                int cw = (w + f - 1) / f;
                int ch = (h + f - 1) / f;
                float[] m = next;
                // The next level's sums before this level's are box-meaned in place, when there is a next level.
                next = hasLevel(means.size() + 1) ? coarser(m, cw, ch) : null;
                WindowStats.boxMean(m, 10, cw, ch, rb);
                means.add(m);
            }
            return means.get(level);
        }
    }

    /** A window radius in blocks of {@code f} pixels (rounded). */
    private static int blockRadius(int radius, int f) {
        return f == 1 ? radius : (radius + f / 2) / f;
    }

    /**
     * Per {@code f}-square block: count, R, G, B, RR, RG, RB, GG, GB, BB of its {@code kind} pixels; box means of
     * them over a window's blocks give f² times the share of samples in the window and the samples' raw moments
     * times that.
     */
    private static float[] blockSums(float[] rgb, byte[] constraint, byte kind, int w, int h, int f) {
        int cw = (w + f - 1) / f;
        float[] m = new float[10 * cw * ((h + f - 1) / f)];
        for (int y = 0; y < h; y++) {
            int row = (y / f) * cw;
            for (int x = 0, i = y * w; x < w; x++, i++) {
                if (constraint[i] != kind) {
                    continue;
                }
                float r = rgb[3 * i];
                float g = rgb[3 * i + 1];
                float b = rgb[3 * i + 2];
                int t = 10 * (row + x / f);
                m[t] += 1f;
                m[t + 1] += r;
                m[t + 2] += g;
                m[t + 3] += b;
                m[t + 4] += r * r;
                m[t + 5] += r * g;
                m[t + 6] += r * b;
                m[t + 7] += g * g;
                m[t + 8] += g * b;
                m[t + 9] += b * b;
            }
        }
        return m;
    }

    /** {@link #blockSums} of blocks twice as wide, from those of a {@code cw x ch} grid of blocks. */
    private static float[] coarser(float[] sums, int cw, int ch) {
        int nw = (cw + 1) / 2;
        float[] m = new float[10 * nw * ((ch + 1) / 2)];
        for (int y = 0; y < ch; y++) {
            for (int x = 0; x < cw; x++) {
                int s = 10 * (y * cw + x);
                int t = 10 * ((y / 2) * nw + x / 2);
                for (int c = 0; c < 10; c++) {
                    m[t + c] += sums[s + c];
                }
            }
        }
        return m;
    }

    /**
     * Writes into {@code d} the squared Mahalanobis distance of each listed pixel's colour to its block's window
     * model ({@code means}: box means of {@link #blockSums}), or {@code none} where the model has too little support:
     * for {@code u < count}, of {@code pixels[s]} into {@code d[s]} with {@code s = slots[u]} ({@code u} when
     * {@code slots} is null).
     */
    private static void evaluate(float[] rgb, int[] pixels, int[] slots, int count, float[] means, int w, int f,
            float eps, float support, float none, float[] d) {
        int cw = (w + f - 1) / f;
        float perPixel = 1f / (f * f);
        double[] model = new double[WindowStats.MODEL];
        // The pixels are listed in raster order, so runs of them share a block and its model: the last one is kept.
        int last = -1;
        double det = 0;
        for (int u = 0; u < count; u++) {
            int s = slots == null ? u : slots[u];
            int i = pixels[s];
            int y = i / w;
            int t = 10 * ((y / f) * cw + (i - y * w) / f);
            float samples = means[t];
            if (!(samples * perPixel >= support) || samples <= 0f) {
                d[s] = none;
                continue;
            }
            if (t != last) {
                det = WindowStats.colourModel(1.0 / samples, means[t + 1], means[t + 2], means[t + 3], means[t + 4],
                        means[t + 5], means[t + 6], means[t + 7], means[t + 8], means[t + 9], eps, model);
                last = t;
            }
            if (!(det > 0)) {
                d[s] = none;
                continue;
            }
            double dr = rgb[3 * i] - model[0];
            double dg = rgb[3 * i + 1] - model[1];
            double db = rgb[3 * i + 2] - model[2];
            double q = dr * (model[3] * dr + model[4] * dg + model[5] * db)
                    + dg * (model[4] * dr + model[6] * dg + model[7] * db)
                    + db * (model[5] * dr + model[7] * dg + model[8] * db);
            d[s] = (float) (q / det);
        }
    }


    /**
     * Sets to 0 every 8-connected component of free pixels with {@code alpha > floor} that touches no
     * {@link AlphaMatting#FOREGROUND} pixel and whose peak alpha is below {@code peak}.
     *
     * @return the number of pixels set to 0
     */
    public static int clearFloating(float[] alpha, byte[] constraint, int w, int h, float floor, float peak) {
        int n = w * h;
        if (w <= 0 || h <= 0 || alpha.length != n || constraint.length != n) {
            throw new IllegalArgumentException("Bad haze input " + w + "x" + h);
        }
        boolean[] seen = new boolean[n];
        int[] comp = new int[n];
        int cleared = 0;
        for (int s = 0; s < n; s++) {
            if (seen[s] || constraint[s] != AlphaMatting.FREE || !(alpha[s] > floor)) {
                continue;
            }
            int size = 0;
            comp[size++] = s;
            seen[s] = true;
            boolean keep = false;
            float top = 0f;
            for (int head = 0; head < size; head++) {
                int k = comp[head];
                top = Math.max(top, alpha[k]);
                int y = k / w;
                int x = k - y * w;
                for (int yy = Math.max(0, y - 1); yy <= Math.min(h - 1, y + 1); yy++) {
                    for (int xx = Math.max(0, x - 1); xx <= Math.min(w - 1, x + 1); xx++) {
                        int j = yy * w + xx;
                        if (constraint[j] == AlphaMatting.FOREGROUND) {
                            keep = true;
                        } else if (!seen[j] && constraint[j] == AlphaMatting.FREE && alpha[j] > floor) {
                            seen[j] = true;
                            comp[size++] = j;
                        }
                    }
                }
            }
            if (keep || top >= peak) {
                continue;
            }
            for (int u = 0; u < size; u++) {
                alpha[comp[u]] = 0f;
            }
            cleared += size;
        }
        return cleared;
    }
}
