package app.cutout.core.refine;

import app.cutout.core.edit.Rect;
import app.cutout.core.ops.Bilinear;
import java.util.List;

/**
 * Solves the alpha again after Keep and Remove {@link Stroke strokes}: pixels under a Keep stroke become exactly
 * 255, under a Remove stroke exactly 0, and the region a stroke reaches (its colour, up to the photo's edges) takes
 * its side, with soft edges where it meets the rest.
 *
 * <p>On a working grid (the photo's longer side at most {@link #GRID} bins, {@link WorkGrid}'s bins):
 * <ol>
 *   <li>Bin means of colour, of the alpha being edited and of the automatic alpha; the bins under a stroke are seeds
 *       (1 for Keep, 0 for Remove; where strokes overlap, the later one wins).
 *   <li>A flood from each side's seeds through bins of the colours its strokes painted, across weak colour edges
 *       only, at most {@link #FLOOD_REACH} of the grid away: a stroke on part of a leaf brings back the whole leaf,
 *       not just a disc around it.
 *   <li>A {@link RandomWalk random walk with a prior} spreads seeds and floods a little further: edge weights
 *       {@code exp(-β·|ΔI|²)} (β from the grid's mean squared colour step, as GrabCut sets it), and the alpha being
 *       edited as the prior, whose weight is smaller where that alpha is unsure and larger where the user's brush
 *       changed the automatic alpha (a brush edit is the user's word too). A bin whose walk value crosses 0.5 changes
 *       side, if its colour agrees ({@link #colourGate}).
 *   <li>Where a changed bin meets a bin of the other side, a band of bins is solved by {@link AlphaMatting
 *       closed-form matting} between the new sides, with the walk value as a weak prior; the other changed bins are
 *       exactly 0 or 1.
 * </ol>
 * At full resolution, only the pixels of changed bins and of the band change: in the band to {@code q = a·I + b} from
 * the solved alpha's local colour models (a radius-1 guided filter, coefficients interpolated bilinearly, the
 * pixel's own colour, as {@link EdgeRefiner}'s matting step does), elsewhere to 0 or 255; then the pixels under the
 * strokes to their stroke's value. Every other pixel keeps the alpha being edited.
 *
 * <p>Cost: one pass over the photo for the bin means, grid work independent of the photo's size, and a pass over
 * the changed pixels. Memory: the output alpha and a few arrays per grid bin.
 */
public final class StrokeSolver {
    private StrokeSolver() {
    }

    /** Longer side of the working grid, in bins. */
    public static final int GRID = 384;

    /**
     * Decay length of a stroke's reach where the colour is flat and the alpha sure, as a share of the grid's longer
     * side: {@code λ = 1 / (REACH · longer)²} per bin for unit edge weights.
     */
    static final float REACH = 0.05f;

    /** Share of the prior's weight left for a bin whose alpha is 0.5; 1 for 0 or 1. */
    static final float UNSURE_FLOOR = 0.05f;

    /** Prior weight factor where the user's brush moved the alpha being edited away from the automatic alpha. */
    static final float BRUSHED = 4f;

    /**
     * Random walk iterations at the finest level: the coarser levels below it carry the reach, these settle the
     * sides to the bin, and the matting band refines them further (on plant.jpg 6 scored as well as 12, at about
     * half the walk's time).
     */
    static final int WALK_ITERATIONS = 6;

    /** Matting: ridge ε, prior weight of the walk value in the band, iterations; snap of q to 0 or 1. */
    static final float MATTE_EPSILON = 1e-5f;
    static final float MATTE_PRIOR = 0.003f;
    static final int MATTE_ITERATIONS = 8;
    static final float SNAP = 0.05f;

    /** A bin whose mean alpha is within this of its side is solid. */
    static final float SOLID = 0.05f;

    /** A bin the walk moved by more than this is rewritten, even without changing side. */
    static final float MOVED = 0.25f;

    /** Bins, from a changed bin, whose pixels the solve may rewrite. */
    private static final int WRITE_MARGIN = 2;

    private static final byte CHANGED = 1;
    private static final byte WRITE = 2;
    private static final byte FREE = 4;
    private static final byte SMOOTH = 8;

    /** The solved alpha and where it may differ from the alpha being edited. */
    public static final class Solution {
        /** {@code width * height} alpha bytes: the alpha being edited with the strokes applied. */
        public final byte[] alpha;
        /** Bounding box of the pixels that may differ from the alpha being edited; null when none can. */
        public final Rect changed;

        Solution(byte[] alpha, Rect changed) {
            this.alpha = alpha;
            this.changed = changed;
        }
    }

    /**
     * @param rgba the photo, {@code width * height * 4} bytes R, G, B, A (the photo's alpha is ignored)
     * @param prior the automatic alpha before any user edit, {@code width * height} bytes
     * @param current the alpha being edited (brush edits included), {@code width * height} bytes; not modified
     * @param strokes every Keep/Remove stroke so far, oldest first, in this image's pixels
     * @throws IllegalArgumentException if a size is not positive or an array has the wrong length
     */
    public static Solution solve(byte[] rgba, int width, int height, byte[] prior, byte[] current,
            List<Stroke> strokes) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("Expected a positive size, got " + width + "x" + height);
        }
        long n = (long) width * height;
        if (rgba.length != 4 * n || prior.length != n || current.length != n) {
            throw new IllegalArgumentException("Expected " + 4 * n + " RGBA and " + n + " alpha bytes for " + width
                    + "x" + height + ", got " + rgba.length + ", " + prior.length + " and " + current.length);
        }
        byte[] out = current.clone();
        if (strokes.isEmpty()) {
            return new Solution(out, null);
        }
        WorkGrid g = new WorkGrid(width, height, GRID);
        int gw = g.gw;
        int gh = g.gh;
        int gn = gw * gh;
        float[] rgb = new float[3 * gn];
        float[] cur = new float[gn];
        float[] pri = new float[gn];
        binMeans(rgba, prior, current, g, rgb, cur, pri);
        byte[] seed = seeds(strokes, g);
        boolean anySeed = false;
        for (byte s : seed) {
            anySeed |= s != 0;
        }
        Rect changed = null;
        if (anySeed) {
            changed = solveGrid(rgba, out, g, rgb, cur, pri, seed);
        }
        return new Solution(out, union(changed, paintStrokes(out, width, height, strokes)));
    }

    /** Bin means of colour (0..1), the alpha being edited and the automatic alpha (0..1). */
    private static void binMeans(byte[] rgba, byte[] prior, byte[] current, WorkGrid g, float[] rgb, float[] cur,
            float[] pri) {
        int width = g.width;
        int gw = g.gw;
        long[] acc = new long[5 * gw];
        for (int i = 0; i < g.gh; i++) {
            java.util.Arrays.fill(acc, 0L);
            for (int y = g.rowStart[i]; y < g.rowStart[i + 1]; y++) {
                int row = y * width;
                for (int j = 0; j < gw; j++) {
                    long sr = 0;
                    long sg = 0;
                    long sb = 0;
                    long sc = 0;
                    long sp = 0;
                    for (int x = g.colStart[j], end = g.colStart[j + 1]; x < end; x++) {
                        int o = row + x;
                        int t = 4 * o;
                        sr += rgba[t] & 0xFF;
                        sg += rgba[t + 1] & 0xFF;
                        sb += rgba[t + 2] & 0xFF;
                        sc += current[o] & 0xFF;
                        sp += prior[o] & 0xFF;
                    }
                    int a = 5 * j;
                    acc[a] += sr;
                    acc[a + 1] += sg;
                    acc[a + 2] += sb;
                    acc[a + 3] += sc;
                    acc[a + 4] += sp;
                }
            }
            for (int j = 0; j < gw; j++) {
                int k = i * gw + j;
                float inv = 1f / (255f * (g.rowStart[i + 1] - g.rowStart[i]) * (g.colStart[j + 1] - g.colStart[j]));
                int a = 5 * j;
                rgb[3 * k] = acc[a] * inv;
                rgb[3 * k + 1] = acc[a + 1] * inv;
                rgb[3 * k + 2] = acc[a + 2] * inv;
                cur[k] = acc[a + 3] * inv;
                pri[k] = acc[a + 4] * inv;
            }
        }
    }

    /**
     * Seed bins: 1 under a Keep stroke, 2 under a Remove stroke (the later stroke wins), 0 elsewhere. A bin is under a
     * stroke when its centre is within the stroke's radius, or within half a bin for strokes thinner than a bin, so
     * every stroke that touches the image seeds at least one bin.
     */
    private static byte[] seeds(List<Stroke> strokes, WorkGrid g) {
        byte[] seed = new byte[g.gw * g.gh];
        double half = 0.5 * Math.max((double) g.width / g.gw, (double) g.height / g.gh);
        for (Stroke s : strokes) {
            double r = Math.max(s.radius, half);
            byte value = s.kind == Stroke.Kind.KEEP ? (byte) 1 : (byte) 2;
            double r2 = r * r;
            int m = Math.max(1, s.size() - 1);
            for (int k = 0; k < m; k++) {
                int e = Math.min(k + 1, s.size() - 1);
                double x0 = s.x(k);
                double y0 = s.y(k);
                double x1 = s.x(e);
                double y1 = s.y(e);
                int j0 = binOf(g.colStart, Math.min(x0, x1) - r);
                int j1 = binOf(g.colStart, Math.max(x0, x1) + r);
                int i0 = binOf(g.rowStart, Math.min(y0, y1) - r);
                int i1 = binOf(g.rowStart, Math.max(y0, y1) + r);
                for (int i = i0; i <= i1; i++) {
                    double cy = 0.5 * (g.rowStart[i] + g.rowStart[i + 1]);
                    for (int j = j0; j <= j1; j++) {
                        double cx = 0.5 * (g.colStart[j] + g.colStart[j + 1]);
                        if (Stroke.segmentDistance2(cx, cy, x0, y0, x1, y1) <= r2) {
                            seed[i * g.gw + j] = value;
                        }
                    }
                }
            }
        }
        return seed;
    }

    /** The bin holding continuous coordinate {@code v}, clamped to the grid. */
    private static int binOf(int[] start, double v) {
        int bins = start.length - 1;
        if (v < start[1]) {
            return 0;
        }
        if (v >= start[bins - 1]) {
            return bins - 1;
        }
        int lo = 0;
        int hi = bins - 1;
        // Largest j with start[j] <= v.
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (start[mid] <= v) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** The grid steps and the full-resolution write; returns the box of pixels it may have changed. */
    private static Rect solveGrid(byte[] rgba, byte[] out, WorkGrid g, float[] rgb, float[] cur, float[] pri,
            byte[] seed) {
        int gw = g.gw;
        int gh = g.gh;
        int gn = gw * gh;
        float[] x = walk(g, rgb, cur, pri, seed);
        boolean[] agree = colourGate(rgb, cur, seed, x);
        // Sides after the walk and the colour gate, and the bins to rewrite: seeds, bins that change side, and bins
        // the walk moved well towards a side their alpha is not yet at (an earlier solve's soft edge inside a region
        // that is now solid).
        byte[] side = new byte[gn];
        byte[] flags = new byte[gn];
        boolean any = false;
        for (int k = 0; k < gn; k++) {
            int was = cur[k] >= 0.5f ? 1 : 0;
            int s = seed[k] != 0 ? (seed[k] == 1 ? 1 : 0) : (x[k] >= 0.5f ? 1 : 0);
            if (seed[k] == 0 && s != was && !agree[k]) {
                s = was;
            }
            side[k] = (byte) s;
            if (seed[k] != 0 || s != was || (Math.abs(s - cur[k]) > SOLID && Math.abs(x[k] - cur[k]) > MOVED)) {
                flags[k] = CHANGED;
                any = true;
            }
        }
        if (!any) {
            return null;
        }
        WorkGrid.dilate(flags, gw, gh, CHANGED, WRITE, WRITE_MARGIN);
        // The band: bins that may be written and touch a bin of the other side; seeds stay fixed.
        for (int i = 0; i < gh; i++) {
            for (int j = 0; j < gw; j++) {
                int k = i * gw + j;
                if ((flags[k] & WRITE) == 0 || seed[k] != 0) {
                    continue;
                }
                boolean edge = false;
                for (int y = Math.max(0, i - 1); y <= Math.min(gh - 1, i + 1) && !edge; y++) {
                    for (int xx = Math.max(0, j - 1); xx <= Math.min(gw - 1, j + 1); xx++) {
                        if (side[y * gw + xx] != side[k]) {
                            edge = true;
                            break;
                        }
                    }
                }
                if (edge) {
                    flags[k] |= FREE;
                }
            }
        }
        WorkGrid.dilate(flags, gw, gh, FREE, SMOOTH, 1);
        int[] box = WorkGrid.bounds(flags, gw, gh, WRITE);
        int bx0 = Math.max(0, box[0] - 3);
        int by0 = Math.max(0, box[1] - 3);
        int bx1 = Math.min(gw, box[2] + 4);
        int by1 = Math.min(gh, box[3] + 4);
        int bw = bx1 - bx0;
        int bh = by1 - by0;
        int bn = bw * bh;
        float[] brgb = new float[3 * bn];
        float[] alpha = new float[bn];
        float[] weight = new float[bn];
        byte[] constraint = new byte[bn];
        byte[] bflags = new byte[bn];
        boolean anyFree = false;
        for (int i = 0; i < bh; i++) {
            for (int j = 0; j < bw; j++) {
                int b = i * bw + j;
                int k = (by0 + i) * gw + bx0 + j;
                System.arraycopy(rgb, 3 * k, brgb, 3 * b, 3);
                byte f = flags[k];
                if ((f & SMOOTH) != 0 && (f & (CHANGED | FREE)) == 0) {
                    // Unchanged bins next to the band keep their pixels; only the band and changed bins are written.
                    f &= ~SMOOTH;
                }
                bflags[b] = f;
                if ((f & FREE) != 0) {
                    constraint[b] = AlphaMatting.FREE;
                    alpha[b] = x[k];
                    weight[b] = MATTE_PRIOR;
                    anyFree = true;
                } else if ((f & CHANGED) != 0) {
                    constraint[b] = side[k] == 1 ? AlphaMatting.FOREGROUND : AlphaMatting.BACKGROUND;
                } else {
                    constraint[b] = AlphaMatting.KEEP;
                    alpha[b] = cur[k];
                }
            }
        }
        float[] coef = null;
        if (anyFree) {
            AlphaMatting.solve(brgb, alpha, weight, constraint, bw, bh, null, MATTE_EPSILON, MATTE_ITERATIONS);
            coef = GuidedFilter.meanCoefficients(brgb, alpha, bw, bh, 1, MATTE_EPSILON, null, 0);
        }
        return write(rgba, out, g, bx0, by0, bw, bh, bflags, constraint, coef);
    }

    /** The flood and the random walk on the whole grid; returns each bin's value (1 or 0 where fixed). */
    private static float[] walk(WorkGrid g, float[] rgb, float[] cur, float[] pri, byte[] seed) {
        int gw = g.gw;
        int gh = g.gh;
        int gn = gw * gh;
        float[] wx = new float[gn];
        float[] wy = new float[gn];
        double sum = 0;
        long count = 0;
        for (int k = 0; k < gn; k++) {
            int j = k % gw;
            if (j + 1 < gw) {
                wx[k] = colour2(rgb, k, k + 1);
                sum += wx[k];
                count++;
            }
            if (k + gw < gn) {
                wy[k] = colour2(rgb, k, k + gw);
                sum += wy[k];
                count++;
            }
        }
        double mean = count == 0 ? 1.0 : Math.max(1e-6, sum / count);
        float beta = (float) (1.0 / (2.0 * mean));
        for (int k = 0; k < gn; k++) {
            wx[k] = (float) Math.exp(-beta * wx[k]) + 1e-6f;
            wy[k] = (float) Math.exp(-beta * wy[k]) + 1e-6f;
        }
        byte[] fixed = flood(rgb, seed, wx, wy, gw, gh);
        float reach = REACH * Math.max(gw, gh);
        float lambda0 = 1f / (reach * reach);
        float[] lambda = new float[gn];
        float[] x = new float[gn];
        for (int k = 0; k < gn; k++) {
            if (fixed[k] != 0) {
                x[k] = fixed[k] == 1 ? 1f : 0f;
                continue;
            }
            float c = cur[k];
            x[k] = c;
            float t = 2f * c - 1f;
            float l = lambda0 * (UNSURE_FLOOR + (1f - UNSURE_FLOOR) * t * t);
            if (Math.abs(c - pri[k]) > 0.5f) {
                l *= BRUSHED;
            }
            lambda[k] = l;
        }
        RandomWalk.solve(x, fixed, wx, wy, lambda, cur, gw, gh, WALK_ITERATIONS);
        return x;
    }

    /**
     * The seeds grown through their own colours: from the bins under the strokes of one side, across every edge of
     * weight at least {@link #FLOOD_EDGE} into bins whose colour is {@link #colourPresence present} among that side's
     * seeds, breadth first. A bin both sides reach is left to the walk. Returns 1 (Keep), 2 (Remove) or 0 per bin:
     * the seeds and the bins flooded.
     */
    private static byte[] flood(float[] rgb, byte[] seed, float[] wx, float[] wy, int gw, int gh) {
        int gn = gw * gh;
        byte[] out = new byte[gn];
        int[] queue = new int[gn];
        for (byte side = 1; side <= 2; side++) {
            float[] presence = colourPresence(rgb, seed, side);
            if (presence == null) {
                continue;
            }
            int[] steps = new int[gn];
            int limit = Math.max(1, Math.round(FLOOD_REACH * Math.max(gw, gh)));
            byte[] seen = new byte[gn];
            int head = 0;
            int tail = 0;
            for (int k = 0; k < gn; k++) {
                if (seed[k] == side) {
                    seen[k] = 1;
                    queue[tail++] = k;
                }
            }
            while (head < tail) {
                int k = queue[head++];
                int j = k % gw;
                for (int e = 0; e < 4; e++) {
                    int m;
                    float wgt;
                    if (e == 0) {
                        m = j > 0 ? k - 1 : -1;
                        wgt = j > 0 ? wx[k - 1] : 0f;
                    } else if (e == 1) {
                        m = j + 1 < gw ? k + 1 : -1;
                        wgt = j + 1 < gw ? wx[k] : 0f;
                    } else if (e == 2) {
                        m = k >= gw ? k - gw : -1;
                        wgt = k >= gw ? wy[k - gw] : 0f;
                    } else {
                        m = k + gw < gn ? k + gw : -1;
                        wgt = k + gw < gn ? wy[k] : 0f;
                    }
                    if (m < 0 || seen[m] != 0 || seed[m] != 0 || wgt < FLOOD_EDGE || steps[k] >= limit
                            || presence[cell(rgb, m)] < FLOOD_PRESENCE) {
                        continue;
                    }
                    seen[m] = 1;
                    steps[m] = steps[k] + 1;
                    queue[tail++] = m;
                }
            }
            for (int k = 0; k < gn; k++) {
                if (seed[k] != 0) {
                    out[k] = seed[k];
                } else if (seen[k] != 0) {
                    out[k] = out[k] == 0 ? side : 3;
                }
            }
        }
        for (int k = 0; k < gn; k++) {
            if (out[k] == 3) {
                out[k] = 0;
            }
        }
        return out;
    }

    /**
     * Least edge weight a flood crosses: {@code exp(-β·|ΔI|²) ≥ 0.3}, a colour step of up to about 1.5 times the
     * grid's root-mean-square one.
     */
    static final float FLOOD_EDGE = 0.3f;

    /** Least {@link #colourPresence} of a colour a flood enters. */
    static final float FLOOD_PRESENCE = 0.5f;

    /**
     * Most steps of a flood from the seeds, as a share of the grid's longer side: a flood that reaches further mostly
     * leaks (on the hard photos of the development set 0.3 gave the best IoU after 3 to 5 strokes; 0.15 stopped
     * short on the plants, 0.5 leaked on the mesh cup and the bouquet).
     */
    static final float FLOOD_REACH = 0.3f;

    private static float colour2(float[] rgb, int a, int b) {
        float dr = rgb[3 * a] - rgb[3 * b];
        float dg = rgb[3 * a + 1] - rgb[3 * b + 1];
        float db = rgb[3 * a + 2] - rgb[3 * b + 2];
        return dr * dr + dg * dg + db * db;
    }

    /**
     * The colour gate: whether each bin the walk would move to the other side has a colour more like that side's
     * than like the colours it leaves. A Keep stroke across leaves also crosses the dark gaps between them; the walk
     * fills those gaps, but their colour is that of the background the walk did not reach, so they stay. The
     * compared colour densities: for bins going to 1, the Keep seeds against the unreached background (alpha and
     * walk both below 0.5) and the Remove seeds; for bins going to 0, the Remove seeds against the unreached subject
     * and the Keep seeds. A colour neither side has passes.
     */
    private static boolean[] colourGate(float[] rgb, float[] cur, byte[] seed, float[] x) {
        int n = cur.length;
        int cells = LEVELS * LEVELS * LEVELS;
        int[] keep = new int[cells];
        int[] remove = new int[cells];
        int[] background = new int[cells];
        int[] subject = new int[cells];
        int[] cell = new int[n];
        for (int k = 0; k < n; k++) {
            int c = cell(rgb, k);
            cell[k] = c;
            if (seed[k] == 1) {
                keep[c]++;
                subject[c]++;
            } else if (seed[k] == 2) {
                remove[c]++;
                background[c]++;
            } else if (cur[k] < 0.5f && x[k] < 0.5f) {
                background[c]++;
            } else if (cur[k] >= 0.5f && x[k] >= 0.5f) {
                subject[c]++;
            }
        }
        float[] dKeep = density(keep);
        float[] dRemove = density(remove);
        float[] dBackground = density(background);
        float[] dSubject = density(subject);
        boolean[] agree = new boolean[n];
        for (int k = 0; k < n; k++) {
            int c = cell[k];
            if (cur[k] < 0.5f) {
                agree[k] = dKeep[c] >= dBackground[c];
            } else {
                agree[k] = dRemove[c] >= dSubject[c];
            }
        }
        return agree;
    }

    /** A histogram summed over each cell's 3x3x3 neighbourhood, divided by its total (all 0 when empty). */
    private static float[] density(int[] hist) {
        int l = LEVELS;
        long total = 0;
        for (int v : hist) {
            total += v;
        }
        float[] d = new float[hist.length];
        if (total == 0) {
            return d;
        }
        float inv = 1f / total;
        for (int r = 0; r < l; r++) {
            for (int g = 0; g < l; g++) {
                for (int b = 0; b < l; b++) {
                    int s = 0;
                    for (int dr = Math.max(0, r - 1); dr <= Math.min(l - 1, r + 1); dr++) {
                        for (int dg = Math.max(0, g - 1); dg <= Math.min(l - 1, g + 1); dg++) {
                            for (int db = Math.max(0, b - 1); db <= Math.min(l - 1, b + 1); db++) {
                                s += hist[(dr * l + dg) * l + db];
                            }
                        }
                    }
                    d[(r * l + g) * l + b] = s * inv;
                }
            }
        }
        return d;
    }

    /** Levels per channel of the colour histograms. */
    private static final int LEVELS = 16;

    /** Share of a side's seed bins a colour cell (with its neighbours) needs to count as fully present. */
    private static final float PRESENT = 0.1f;

    /**
     * How much each colour is among the seeds of one side, 0..1: a {@code LEVELS³} histogram of their colours, summed
     * over each cell's 3x3x3 neighbourhood, relative to {@link #PRESENT} of the seeds; null when the side has none.
     */
    private static float[] colourPresence(float[] rgb, byte[] seed, byte value) {
        int l = LEVELS;
        int[] hist = new int[l * l * l];
        int total = 0;
        for (int k = 0; k < seed.length; k++) {
            if (seed[k] == value) {
                hist[cell(rgb, k)]++;
                total++;
            }
        }
        if (total == 0) {
            return null;
        }
        float[] presence = new float[hist.length];
        float full = Math.max(1f, PRESENT * total);
        for (int r = 0; r < l; r++) {
            for (int gg = 0; gg < l; gg++) {
                for (int b = 0; b < l; b++) {
                    int s = 0;
                    for (int dr = Math.max(0, r - 1); dr <= Math.min(l - 1, r + 1); dr++) {
                        for (int dg = Math.max(0, gg - 1); dg <= Math.min(l - 1, gg + 1); dg++) {
                            for (int db = Math.max(0, b - 1); db <= Math.min(l - 1, b + 1); db++) {
                                s += hist[(dr * l + dg) * l + db];
                            }
                        }
                    }
                    presence[(r * l + gg) * l + b] = Math.min(1f, s / full);
                }
            }
        }
        return presence;
    }

    private static int cell(float[] rgb, int k) {
        int r = Math.min(LEVELS - 1, (int) (rgb[3 * k] * LEVELS));
        int g = Math.min(LEVELS - 1, (int) (rgb[3 * k + 1] * LEVELS));
        int b = Math.min(LEVELS - 1, (int) (rgb[3 * k + 2] * LEVELS));
        return (r * LEVELS + g) * LEVELS + b;
    }

    /**
     * Writes the pixels of the box's changed and band bins; returns the box of pixels it may have changed, or null.
     */
    private static Rect write(byte[] rgba, byte[] out, WorkGrid g, int bx0, int by0, int bw, int bh, byte[] bflags,
            byte[] constraint, float[] coef) {
        int width = g.width;
        g.bx0 = bx0;
        g.by0 = by0;
        g.bw = bw;
        g.bh = bh;
        WorkGrid.Taps xt = g.columnTaps();
        WorkGrid.Taps yt = g.rowTaps();
        float inv255 = 1f / 255f;
        float snapLo = SNAP * 255f;
        float snapHi = 255f - snapLo;
        float[] row = new float[4 * bw];
        int minX = Integer.MAX_VALUE;
        int minY = Integer.MAX_VALUE;
        int maxX = -1;
        int maxY = -1;
        for (int i = 0; i < bh; i++) {
            boolean rowSmooth = false;
            boolean rowAny = false;
            for (int j = 0; j < bw; j++) {
                byte f = bflags[i * bw + j];
                rowSmooth |= (f & SMOOTH) != 0;
                rowAny |= (f & (SMOOTH | CHANGED)) != 0;
            }
            if (!rowAny) {
                continue;
            }
            int gi = by0 + i;
            for (int y = g.rowStart[gi]; y < g.rowStart[gi + 1]; y++) {
                int ty = y - yt.from;
                float fy = yt.frac[ty];
                float gy = 1f - fy;
                if (rowSmooth && coef != null) {
                    int lo = 4 * yt.lo[ty] * bw;
                    int hi = 4 * yt.hi[ty] * bw;
                    for (int t = 0; t < 4 * bw; t++) {
                        row[t] = gy * coef[lo + t] + fy * coef[hi + t];
                    }
                }
                int rowOff = y * width;
                for (int j = 0; j < bw; j++) {
                    int b = i * bw + j;
                    byte f = bflags[b];
                    boolean smooth = (f & SMOOTH) != 0 && coef != null;
                    if (!smooth && (f & CHANGED) == 0) {
                        continue;
                    }
                    int gj = bx0 + j;
                    int xa = g.colStart[gj];
                    int xb = g.colStart[gj + 1];
                    minX = Math.min(minX, xa);
                    maxX = Math.max(maxX, xb - 1);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                    if (!smooth) {
                        byte v = constraint[b] == AlphaMatting.FOREGROUND ? (byte) 255 : 0;
                        for (int xx = xa; xx < xb; xx++) {
                            out[rowOff + xx] = v;
                        }
                        continue;
                    }
                    for (int xx = xa; xx < xb; xx++) {
                        int tx = xx - xt.from;
                        float fx = xt.frac[tx];
                        float gx = 1f - fx;
                        int c0 = 4 * xt.lo[tx];
                        int c1 = 4 * xt.hi[tx];
                        int t = 4 * (rowOff + xx);
                        float q = ((gx * row[c0] + fx * row[c1]) * (rgba[t] & 0xFF)
                                + (gx * row[c0 + 1] + fx * row[c1 + 1]) * (rgba[t + 1] & 0xFF)
                                + (gx * row[c0 + 2] + fx * row[c1 + 2]) * (rgba[t + 2] & 0xFF)) * inv255
                                + gx * row[c0 + 3] + fx * row[c1 + 3];
                        float v = q * 255f;
                        int na;
                        if (!(v > snapLo)) {
                            na = v == v ? 0 : out[rowOff + xx] & 0xFF;
                        } else if (v >= snapHi) {
                            na = 255;
                        } else {
                            na = Bilinear.round255(v);
                        }
                        out[rowOff + xx] = (byte) na;
                    }
                }
            }
        }
        return maxX < 0 ? null : Rect.fromEdges(minX, minY, maxX + 1, maxY + 1);
    }

    /**
     * Sets the pixels under each stroke, in order, to its value, segment by segment (each over the box of its
     * capsule); returns the box of those pixels, or null.
     */
    private static Rect paintStrokes(byte[] out, int width, int height, List<Stroke> strokes) {
        int minX = Integer.MAX_VALUE;
        int minY = Integer.MAX_VALUE;
        int maxX = -1;
        int maxY = -1;
        for (Stroke s : strokes) {
            byte v = s.kind == Stroke.Kind.KEEP ? (byte) 255 : 0;
            double r = s.radius;
            double r2 = r * r;
            int m = Math.max(1, s.size() - 1);
            for (int k = 0; k < m; k++) {
                double x0 = s.x(k);
                double y0 = s.y(k);
                double x1 = s.x(Math.min(k + 1, s.size() - 1));
                double y1 = s.y(Math.min(k + 1, s.size() - 1));
                // Centre x + 0.5 within [min - r, max + r].
                int xa = (int) Math.max(0, Math.ceil(Math.min(x0, x1) - r - 0.5));
                int xb = (int) Math.min(width - 1, Math.floor(Math.max(x0, x1) + r - 0.5));
                int ya = (int) Math.max(0, Math.ceil(Math.min(y0, y1) - r - 0.5));
                int yb = (int) Math.min(height - 1, Math.floor(Math.max(y0, y1) + r - 0.5));
                for (int y = ya; y <= yb; y++) {
                    for (int x = xa; x <= xb; x++) {
                        if (Stroke.segmentDistance2(x + 0.5, y + 0.5, x0, y0, x1, y1) <= r2) {
                            out[y * width + x] = v;
                            minX = Math.min(minX, x);
                            maxX = Math.max(maxX, x);
                            minY = Math.min(minY, y);
                            maxY = Math.max(maxY, y);
                        }
                    }
                }
            }
        }
        return maxX < 0 ? null : Rect.fromEdges(minX, minY, maxX + 1, maxY + 1);
    }

    private static Rect union(Rect a, Rect b) {
        return a == null ? b : a.union(b);
    }
}
