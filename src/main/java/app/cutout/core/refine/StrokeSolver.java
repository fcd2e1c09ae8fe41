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
 *   <li>Bin means of colour, of the alpha being edited and of the automatic alpha; each stroke's
 *       {@link StrokeFootprint footprint}, the part of it on its centre line's side of the photo's strong edges, is
 *       the seeds (1 for Keep, 0 for Remove; where strokes overlap, the later one wins).
 *   <li>A {@link #flood} from each stroke's seeds through bins of the colours it painted, across weak colour edges
 *       only, as far as the stroke is long ({@link StrokeFootprint#reach}, at most {@link #FLOOD_REACH} of the grid)
 *       and, unless the stroke lies on a part the model missed, not into colours the other side has beyond that
 *       reach: a stroke on part of a leaf brings back the whole leaf, not just a disc around it. Then a second stage for Keep ({@link #grow}): on across weak edges into colours
 *       the background does not have, so that parts of the same object in another colour come too; with the model's own
 *       soft mask, a Keep stroke on a part the model missed also takes in what the model weakly saw there
 *       ({@link #confirm}); such a stroke {@link #propose proposes} the rest of that part by a {@link GrabCut global
 *       cut} on colour models of the Keep side and of the background; last, the {@link #holes} the Keep side
 *       encloses.
 *   <li>A {@link RandomWalk random walk with a prior} spreads seeds and floods a little further: edge weights
 *       {@code exp(-β·|ΔI|²)} (β from the grid's mean squared colour step, as GrabCut sets it), and the alpha being
 *       edited as the prior, whose weight is smaller where that alpha is unsure and larger where the user's brush
 *       changed the automatic alpha (a brush edit is the user's word too). A bin whose walk value crosses 0.5 changes
 *       side, if its colour agrees, with the colours of the strokes and of the whole background ({@link #colourGate})
 *       and with those of the bins near it ({@link #localGate}); bins the floods and the stages after them fixed
 *       keep their side.
 *   <li>Where a changed bin meets a bin of the other side, or an unchanged bin with a soft alpha, a band of bins is
 *       solved by {@link AlphaMatting closed-form matting} between the new sides, with the walk value as a weak
 *       prior; the other changed bins are exactly 0 or 1.
 * </ol>
 * At full resolution, only the pixels of changed bins and of the band change: in the band to {@code q = a·I + b} from
 * the solved alpha's local colour models (a radius-1 guided filter, coefficients interpolated bilinearly, the
 * pixel's own colour, as {@link EdgeRefiner}'s matting step does), so that a new edge follows the photo to the pixel
 * rather than the bins, elsewhere to 0 or 255; then the pixels of each stroke's footprint to its value. Every other
 * pixel keeps the alpha being edited.
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
        return solve(rgba, width, height, prior, current, strokes, null, 0, 0);
    }

    /**
     * {@link #solve(byte[], int, int, byte[], byte[], List)} with the segmentation model's own soft mask, whose weak
     * evidence a Keep stroke on a part the model missed confirms ({@link #confirm}).
     *
     * @param model the model's mask before refinement, {@code modelWidth * modelHeight} values 0..1 stretched over the
     *     photo (ISNet's 1024²); null for none
     * @throws IllegalArgumentException also if the model's mask has the wrong length
     */
    public static Solution solve(byte[] rgba, int width, int height, byte[] prior, byte[] current,
            List<Stroke> strokes, float[] model, int modelWidth, int modelHeight) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("Expected a positive size, got " + width + "x" + height);
        }
        if (model != null && (modelWidth <= 0 || modelHeight <= 0
                || model.length != (long) modelWidth * modelHeight)) {
            throw new IllegalArgumentException("Expected a model mask of " + modelWidth + "x" + modelHeight
                    + ", got " + model.length + " values");
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
        float[] wx = new float[gn];
        float[] wy = new float[gn];
        float beta = edgeWeights(rgb, gw, gh, wx, wy);
        StrokeFootprint foot = StrokeFootprint.of(strokes, g, rgb, beta, cur,
                Math.max(1, Math.round(FLOOD_REACH * Math.max(gw, gh))));
        Rect changed = null;
        if (foot.any()) {
            float[] mod = model == null ? null : modelBins(model, modelWidth, modelHeight, g);
            changed = solveGrid(rgba, out, g, rgb, cur, pri, foot, wx, wy, mod);
        }
        return new Solution(out, union(changed, foot.paint(out, rgba)));
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

    /** The grid steps and the full-resolution write; returns the box of pixels it may have changed. */
    private static Rect solveGrid(byte[] rgba, byte[] out, WorkGrid g, float[] rgb, float[] cur, float[] pri,
            StrokeFootprint foot, float[] wx, float[] wy, float[] mod) {
        byte[] seed = foot.seed;
        int gw = g.gw;
        int gh = g.gh;
        int gn = gw * gh;
        byte[] fixed = new byte[gn];
        int[] cells = new int[gn];
        for (int k = 0; k < gn; k++) {
            cells[k] = cell(rgb, k);
        }
        float[] x = walk(g, rgb, cells, cur, pri, foot, wx, wy, fixed, mod);
        boolean[] agree = colourGate(cells, cur, seed, x);
        localGate(cells, cur, fixed, x, gw, gh, agree);
        // Sides after the walk and the colour gate, and the bins to rewrite: seeds, bins that change side, and bins
        // the walk moved well towards a side their alpha is not yet at (an earlier solve's soft edge inside a region
        // that is now solid). The gate judges only the bins the walk moved: what a flood or a later stage fixed was
        // chosen by its own colour rule (with the Keep seeds of every stroke as one colour model, a short stroke's
        // flood on a missed pot, whose brown the jacket behind has, went back: plant.jpg after 3 strokes 0.891 to
        // 0.905, am_GT13 0.939 to 0.947, am_GT27 0.870 to 0.934, StrokeEval --page).
        byte[] side = new byte[gn];
        byte[] flags = new byte[gn];
        boolean any = false;
        for (int k = 0; k < gn; k++) {
            int was = cur[k] >= 0.5f ? 1 : 0;
            int s = seed[k] != 0 ? (seed[k] == 1 ? 1 : 0) : (x[k] >= 0.5f ? 1 : 0);
            if (fixed[k] == 0 && s != was && !agree[k]) {
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
        // The band: bins that may be written and touch a bin of the other side, and changed bins that touch an
        // unchanged soft one (written flat, they would end in a step one bin wide where the soft edge goes on);
        // seeds stay fixed.
        for (int i = 0; i < gh; i++) {
            for (int j = 0; j < gw; j++) {
                int k = i * gw + j;
                if ((flags[k] & WRITE) == 0 || seed[k] != 0) {
                    continue;
                }
                boolean changedHere = (flags[k] & CHANGED) != 0;
                boolean edge = false;
                for (int y = Math.max(0, i - 1); y <= Math.min(gh - 1, i + 1) && !edge; y++) {
                    for (int xx = Math.max(0, j - 1); xx <= Math.min(gw - 1, j + 1); xx++) {
                        int m = y * gw + xx;
                        if (side[m] != side[k] || (changedHere && (flags[m] & CHANGED) == 0 && cur[m] > SOLID
                                && cur[m] < 1f - SOLID)) {
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

    /**
     * Fills the 4-neighbour edge weights {@code exp(-β·|ΔI|²)} (β from the grid's mean squared colour step, as
     * GrabCut sets it); returns β.
     */
    private static float edgeWeights(float[] rgb, int gw, int gh, float[] wx, float[] wy) {
        int gn = gw * gh;
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
        return beta;
    }

    /**
     * The flood and the random walk on the whole grid; returns each bin's value (1 or 0 where fixed), and leaves in
     * {@code fixed} the bins the floods and the stages after them fixed (1 Keep, 2 Remove).
     */
    private static float[] walk(WorkGrid g, float[] rgb, int[] cells, float[] cur, float[] pri,
            StrokeFootprint foot, float[] wx, float[] wy, byte[] fixed, float[] mod) {
        int gw = g.gw;
        int gh = g.gh;
        int gn = gw * gh;
        int[] keepBudget = new int[gn];
        boolean[] missed = new boolean[gn];
        System.arraycopy(flood(cells, cur, foot, wx, wy, gw, gh, keepBudget, missed), 0, fixed, 0, gn);
        boolean[] grown = grow(cells, cur, fixed, keepBudget, wx, wy, gw, gh);
        if (mod != null) {
            confirm(mod, cells, cur, fixed, grown, missed, wx, wy, gw, gh);
        }
        propose(rgb, cur, foot, fixed, grown, missed, wx, wy, gw, gh, mod);
        holes(cells, cur, fixed, grown, gw, gh);
        float decay = REACH * Math.max(gw, gh);
        float lambda0 = 1f / (decay * decay);
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
     * The seeds grown through their own colours, stroke by stroke: from the bins a stroke seeds, across every edge of
     * weight at least {@link #FLOOD_EDGE} into bins whose colour is {@link #colourPresence present} among that
     * stroke's seeds and rare on the other side ({@link #FLOOD_OTHER}), at most its {@link StrokeFootprint#reach
     * reach} away (per stroke, so that a short stroke's colours do not open the way for a long one's flood). A bin both sides reach is left to the walk. Returns 1
     * (Keep), 2 (Remove) or 0 per bin: the seeds and the bins flooded; {@code keepBudget} is left holding the reach
     * the Keep side has left at each bin (-1 where it did not get), and {@code missed} true at the Keep bins of
     * strokes that flooded without the guard (on a part the model missed).
     */
    private static byte[] flood(int[] cells, float[] cur, StrokeFootprint foot, float[] wx, float[] wy, int gw,
            int gh, int[] keepBudget, boolean[] missed) {
        int gn = gw * gh;
        byte[] seed = foot.seed;
        byte[] out = new byte[gn];
        boolean[] allowed = new boolean[gn];
        int[] budget = new int[gn];
        Spread spread = new Spread(gn);
        java.util.Arrays.fill(keepBudget, -1);
        int strokes = 0;
        for (int o : foot.owner) {
            strokes = Math.max(strokes, o + 1);
        }
        for (int si = 0; si < strokes; si++) {
            float[] presence = colourPresence(cells, foot.owner, si);
            if (presence == null) {
                continue;
            }
            byte side = 0;
            java.util.Arrays.fill(allowed, true);
            for (int k = 0; k < gn; k++) {
                budget[k] = foot.owner[k] == si ? foot.reach[k] : -1;
                side = foot.owner[k] == si ? seed[k] : side;
            }
            // The other side's colours beyond the stroke's reach, by distance alone.
            spread.run(budget, allowed, wx, wy, gw, gh, 0f);
            int[] hist = new int[LEVELS * LEVELS * LEVELS];
            int near = 0;
            int nearSubject = 0;
            for (int k = 0; k < gn; k++) {
                if (budget[k] < 0 && (cur[k] >= 0.5f) == (side == 2)) {
                    hist[cells[k]]++;
                } else if (budget[k] >= 0 && seed[k] == 0 && presence[cells[k]] >= FLOOD_PRESENCE) {
                    near++;
                    nearSubject += cur[k] >= 0.5f ? 1 : 0;
                }
            }
            float[] other = density(hist);
            boolean guarded = side == 2 || nearSubject >= SUBJECT_NEAR * near;
            for (int k = 0; k < gn; k++) {
                int c = cells[k];
                allowed[k] = seed[k] == 0 && presence[c] >= FLOOD_PRESENCE && (!guarded || other[c] < FLOOD_OTHER);
                budget[k] = foot.owner[k] == si ? foot.reach[k] : -1;
            }
            spread.run(budget, allowed, wx, wy, gw, gh, FLOOD_EDGE);
            for (int k = 0; k < gn; k++) {
                if (side == 1 && !guarded && budget[k] >= 0) {
                    missed[k] = true;
                }
                if (budget[k] < 0 || seed[k] != 0) {
                    continue;
                }
                out[k] |= side;
                if (side == 1) {
                    keepBudget[k] = Math.max(keepBudget[k], budget[k]);
                }
            }
        }
        for (int k = 0; k < gn; k++) {
            if (seed[k] != 0) {
                out[k] = seed[k];
                if (seed[k] == 1) {
                    keepBudget[k] = foot.reach[k];
                }
            } else if (out[k] == 3) {
                out[k] = 0;
                keepBudget[k] = -1;
            }
            missed[k] &= out[k] == 1;
        }
        return out;
    }

    /**
     * The second stage of a Keep stroke's flood, for parts of the same object in other colours: from the bins the Keep
     * flood fixed, across weak edges (weight at least {@link #GROW_EDGE}), with what is left of the stroke's reach,
     * into bins whose colour the background does not have. The background is what the photo separates from the kept
     * region: bins of alpha below 0.5 that the same weak-edge search with the longest reach ({@link #FLOOD_REACH})
     * does not get to (far away, or behind strong edges everywhere), and the Remove side's bins; a colour is its own when its {@link #density} there is
     * below {@link #GROW_BACKGROUND}. A toy's green hair on its pink head, a pot's rim on a plant's stem: no strong
     * edge between them, and a colour that is nowhere else in the background.
     */
    private static boolean[] grow(int[] cells, float[] cur, byte[] fixed, int[] keepBudget, float[] wx, float[] wy,
            int gw, int gh) {
        int gn = gw * gh;
        boolean any = false;
        boolean[] grown = new boolean[gn];
        boolean[] allowed = new boolean[gn];
        int[] budget = new int[gn];
        int limit = Math.max(1, Math.round(FLOOD_REACH * Math.max(gw, gh)));
        for (int k = 0; k < gn; k++) {
            any |= keepBudget[k] >= 0;
            budget[k] = keepBudget[k] >= 0 ? limit : -1;
            allowed[k] = fixed[k] == 0;
        }
        if (!any) {
            return grown;
        }
        Spread spread = new Spread(gn);
        spread.run(budget, allowed, wx, wy, gw, gh, GROW_EDGE);
        int[] hist = new int[LEVELS * LEVELS * LEVELS];
        for (int k = 0; k < gn; k++) {
            if (fixed[k] == 2 || (fixed[k] == 0 && budget[k] < 0 && cur[k] < 0.5f)) {
                hist[cells[k]]++;
            }
        }
        float[] background = density(hist);
        for (int k = 0; k < gn; k++) {
            allowed[k] = fixed[k] == 0 && background[cells[k]] < GROW_BACKGROUND;
        }
        System.arraycopy(keepBudget, 0, budget, 0, gn);
        spread.run(budget, allowed, wx, wy, gw, gh, GROW_EDGE);
        for (int k = 0; k < gn; k++) {
            if (fixed[k] == 0 && budget[k] >= 0) {
                fixed[k] = 1;
                grown[k] = true;
            }
        }
        return grown;
    }

    /**
     * Least value of the model's mask that a Keep stroke on a missed part {@link #confirm confirms}. On the hard
     * photos of the development set 0.05 did about as well as 0.02 (am_GT13 after 3 strokes 0.883 and 0.886,
     * am_GT27 0.860 and 0.824) and better than 0.15 (am_GT13 0.752 against 0.836 with the stroke's own reach).
     */
    static final float MODEL_WEAK = 0.05f;


    /**
     * How many times as common among the background near the Keep side as among the Keep side a colour must be for
     * {@link #confirm} to leave it out. The model's mask is blurred at its 1024² scale, so its weak evidence also
     * covers the gaps between leaves, which show the background around them (am_GT13's sky and hill, taken in by
     * the first stroke); a multicoloured subject has colours that are rare on its Keep side and common in the
     * background too (am_GT27's pink strands and the pink box behind them): at 1 that lost them (after one stroke
     * 0.88 to 0.67), at 100 only colours the Keep side has almost nowhere stay out (am_GT13 after one stroke 0.947
     * to 0.950, with {@link #localGate}).
     */
    static final float CONFIRM_RATIO = 100f;

    /** The model's mask sampled at each bin's centre, bilinear. */
    private static float[] modelBins(float[] model, int mw, int mh, WorkGrid g) {
        int gw = g.gw;
        int gh = g.gh;
        float[] out = new float[gw * gh];
        for (int i = 0; i < gh; i++) {
            double cy = 0.5 * (g.rowStart[i] + g.rowStart[i + 1]);
            double v = Math.max(0, Math.min(mh - 1, cy * mh / g.height - 0.5));
            int y0 = (int) v;
            int y1 = Math.min(mh - 1, y0 + 1);
            float fy = (float) (v - y0);
            for (int j = 0; j < gw; j++) {
                double cx = 0.5 * (g.colStart[j] + g.colStart[j + 1]);
                double u = Math.max(0, Math.min(mw - 1, cx * mw / g.width - 0.5));
                int x0 = (int) u;
                int x1 = Math.min(mw - 1, x0 + 1);
                float fx = (float) (u - x0);
                out[i * gw + j] = (1 - fy) * ((1 - fx) * model[y0 * mw + x0] + fx * model[y0 * mw + x1])
                        + fy * ((1 - fx) * model[y1 * mw + x0] + fx * model[y1 * mw + x1]);
            }
        }
        return out;
    }

    /**
     * A Keep stroke on a part the model missed confirms the model's weak evidence: from the bins its flood fixed
     * (only strokes that flood without {@link #FLOOD_OTHER}, see {@link #SUBJECT_NEAR}), across weak edges (weight
     * at least {@link #GROW_EDGE}), up to {@link #FLOOD_REACH} of the grid, through the Keep side's bins and into
     * bins neither side fixed where the model's mask is at least {@link #MODEL_WEAK}; those become Keep. Where ISNet was unsure, refinement and haze removal take its faint output for haze; a Keep stroke there says
     * it was the subject: am_GT13's leaves behind the pot (3 strokes 0.712 to 0.862), am_GT27's strands (0.672 to
     * 0.766). From strokes that flood with the guard (near a subject the alpha has right), the same rule with the
     * whole reach brought haze back (am_GT03 0.978 to 0.930, am_GT10 0.988 to 0.955), so they do not confirm.
     */
    private static void confirm(float[] mod, int[] cells, float[] cur, byte[] fixed, boolean[] grown,
            boolean[] missed, float[] wx, float[] wy, int gw, int gh) {
        int gn = gw * gh;
        int limit = Math.max(1, Math.round(FLOOD_REACH * Math.max(gw, gh)));
        int[] budget = new int[gn];
        boolean any = false;
        byte[] near = new byte[gn];
        for (int k = 0; k < gn; k++) {
            boolean from = fixed[k] == 1 && missed[k];
            budget[k] = from ? limit : -1;
            any |= from;
            near[k] = (byte) (fixed[k] == 1 ? 1 : 0);
        }
        if (!any) {
            return;
        }
        WorkGrid.dilate(near, gw, gh, 1, 2, Math.max(1, Math.round(HOLE_NEAR * Math.max(gw, gh))));
        int[] keepHist = new int[LEVELS * LEVELS * LEVELS];
        int[] backgroundHist = new int[LEVELS * LEVELS * LEVELS];
        for (int k = 0; k < gn; k++) {
            if (fixed[k] == 1) {
                keepHist[cells[k]]++;
            } else if (fixed[k] == 2 || ((near[k] & 2) != 0 && fixed[k] == 0 && cur[k] < 0.5f
                    && mod[k] < MODEL_WEAK)) {
                backgroundHist[cells[k]]++;
            }
        }
        float[] keepDensity = density(keepHist);
        float[] backgroundDensity = density(backgroundHist);
        boolean[] allowed = new boolean[gn];
        for (int k = 0; k < gn; k++) {
            int c = cells[k];
            allowed[k] = fixed[k] == 1 || (fixed[k] == 0 && mod[k] >= MODEL_WEAK
                    && CONFIRM_RATIO * keepDensity[c] >= backgroundDensity[c]);
        }
        new Spread(gn).run(budget, allowed, wx, wy, gw, gh, GROW_EDGE);
        for (int k = 0; k < gn; k++) {
            if (fixed[k] == 0 && budget[k] >= 0) {
                fixed[k] = 1;
                grown[k] = true;
            }
        }
    }

    /**
     * Share of a Keep stroke's reach within which the photo's background is not taken as the background's colours
     * for {@link #propose}: nearer, it is as likely the rest of the part the stroke is on. On plant.jpg and am_GT27
     * half the reach did better than the whole (3 strokes 0.886 to 0.901, 0.838 to 0.873), a quarter no better.
     */
    static final float PROPOSE_NEAR = 0.5f;

    /**
     * Most bins a {@link #propose proposal} may add, as a multiple of the Keep bins of the strokes on a missed part
     * that it grows from; a larger one is dropped whole. A stroke along a missed part floods much of it, and the
     * rest that the cut adds is smaller; a cut that proposes more has mostly taken in the background's colours. On
     * the development photos the proposals added 0.07 to 0.88 times their floods, but 1.8 times on am_GT25, whose
     * mesh cup has the colours of the curtain and the boxes around it (3 strokes 0.542 to 0.720, as before the cut;
     * keeping the proposal's bins nearest the flood, as many as it has, gave 0.68 to 0.71, depending on the stroke's
     * width). The price: a short stroke on a long part gets its flood only, and the next stroke the rest.
     */
    static final float PROPOSE_MOST = 1f;

    /**
     * A Keep stroke on a part the model missed proposes the rest of that part by a {@link GrabCut global cut}: the
     * subject's colours from the Keep side fixed so far, the background's from the Remove side and from the bins of
     * alpha below 0.5 beyond {@link #PROPOSE_NEAR} of the Keep strokes' reach; the Keep and Remove sides are hard
     * constraints, the model's mask a weak prior. Of the cut's subject, the component that touches the Keep bins of
     * such strokes becomes Keep; only bins whose alpha is below 0.5 change.
     * The flood stops where the stroke's reach ends and at colours it did not paint; the cut takes the part's leaves
     * in shadow and the gaps between strands, which are more like the stroke's colours than like the background's
     * (3 strokes, {@code quality.StrokeEval}: am_GT13 0.862 to 0.905, am_GT27 0.766 to 0.873, plant.jpg 0.829 to
     * 0.901). Where the background has much of the stroke's colours it takes that in too: am_GT25's mesh cup, whose
     * light wires are the colour of the boxes and papers around it, 0.721 to 0.542; {@link #PROPOSE_MOST} drops such
     * a proposal.
     */
    private static void propose(float[] rgb, float[] cur, StrokeFootprint foot, byte[] fixed, boolean[] grown,
            boolean[] missed, float[] wx, float[] wy, int gw, int gh, float[] mod) {
        int gn = gw * gh;
        boolean any = false;
        for (int k = 0; k < gn && !any; k++) {
            any = missed[k] && fixed[k] == 1;
        }
        if (!any) {
            return;
        }
        int[] budget = new int[gn];
        boolean[] all = new boolean[gn];
        java.util.Arrays.fill(all, true);
        for (int k = 0; k < gn; k++) {
            budget[k] = foot.seed[k] == 1 ? Math.round(PROPOSE_NEAR * foot.reach[k]) : -1;
        }
        new Spread(gn).run(budget, all, wx, wy, gw, gh, 0f);
        byte[] hard = new byte[gn];
        boolean[] background = new boolean[gn];
        for (int k = 0; k < gn; k++) {
            hard[k] = fixed[k] == 1 ? GrabCut.SUBJECT : fixed[k] == 2 ? GrabCut.BACKGROUND : 0;
            background[k] = hard[k] == 0 && budget[k] < 0 && cur[k] < 0.5f;
        }
        boolean[] subject = GrabCut.cut(rgb, wx, wy, gw, gh, hard, background, mod);
        int[] queue = new int[gn];
        boolean[] seen = new boolean[gn];
        int tail = 0;
        for (int k = 0; k < gn; k++) {
            if (missed[k] && fixed[k] == 1) {
                seen[k] = true;
                queue[tail++] = k;
            }
        }
        int from = tail;
        int[] take = new int[gn];
        int taken = 0;
        for (int head = 0; head < tail; head++) {
            int k = queue[head];
            int j = k % gw;
            for (int e = 0; e < 4; e++) {
                int m = e == 0 ? (j > 0 ? k - 1 : -1) : e == 1 ? (j + 1 < gw ? k + 1 : -1)
                        : e == 2 ? k - gw : k + gw;
                if (m < 0 || m >= gn || seen[m] || !subject[m]) {
                    continue;
                }
                seen[m] = true;
                queue[tail++] = m;
                if (fixed[m] == 0 && cur[m] < 0.5f) {
                    take[taken++] = m;
                }
            }
        }
        if (taken > PROPOSE_MOST * from) {
            return;
        }
        for (int t = 0; t < taken; t++) {
            fixed[take[t]] = 1;
            grown[take[t]] = true;
        }
    }

    /** Most bins of a {@link #holes hole}, as a share of the Keep side's fixed bins. */
    static final float HOLE_SHARE = 0.1f;

    /**
     * How far from the Keep side, as a share of the grid's longer side, the background's colours for a {@link #holes
     * hole}'s colour test are taken: what shows through a gap is the background around the subject (on the
     * development photos 0.05 to 0.2, or the whole grid, changed no IoU by more than 0.0004).
     */
    static final float HOLE_NEAR = 0.1f;

    /**
     * Holes the Keep side encloses become Keep: a 4-connected component of bins that neither side fixed, that
     * touches neither the grid's border nor a Remove bin (so every bin around it is Keep) and that holds at most
     * {@link #HOLE_SHARE} of the Keep side's fixed bins. A Keep
     * flood goes through its stroke's colours only; inside a textured pot or a plant the spots and gaps of other
     * colours it left are, on the development photos, mostly subject (3 strokes, with the own-colour test of
     * {@link #SUBJECT_NEAR}: am_GT13 0.664 to 0.712, am_GT27 0.657 to 0.672, plant.jpg 0.819 to 0.830). A ring's
     * true hole, where the alpha had it, comes in too: a Remove stroke in it keeps it out.
     *
     * <p>Not a hole whose bins are mostly of the background's colours ({@link #density} among the Remove side and the
     * bins of alpha below 0.5 outside every hole, within {@link #HOLE_NEAR} of the Keep side, above that among the
     * Keep side's): that is the background seen through gaps between leaves or strands. On am_GT13, whose leaves frame a dark sky and ground,
     * such gaps were most of what the strokes took in wrongly (3 strokes 0.906 to 0.931).
     */
    private static void holes(int[] cells, float[] cur, byte[] fixed, boolean[] grown, int gw, int gh) {
        int gn = gw * gh;
        int kept = 0;
        for (int k = 0; k < gn; k++) {
            kept += fixed[k] == 1 || grown[k] ? 1 : 0;
        }
        if (kept == 0) {
            return;
        }
        // Components of free bins; those that are holes keep their bins in order in `queue` from `start`.
        int[] component = new int[gn];
        java.util.Arrays.fill(component, -1);
        int[] queue = new int[gn];
        int[] start = new int[gn + 1];
        boolean[] hole = new boolean[gn];
        int components = 0;
        int tail = 0;
        for (int s = 0; s < gn; s++) {
            if (fixed[s] != 0 || grown[s] || component[s] >= 0) {
                continue;
            }
            int head = tail;
            start[components] = head;
            queue[tail++] = s;
            component[s] = components;
            boolean enclosed = true;
            while (head < tail) {
                int k = queue[head++];
                int j = k % gw;
                int i = k / gw;
                if (j == 0 || i == 0 || j == gw - 1 || i == gh - 1) {
                    enclosed = false;
                }
                for (int e = 0; e < 4; e++) {
                    int m = e == 0 ? (j > 0 ? k - 1 : -1) : e == 1 ? (j + 1 < gw ? k + 1 : -1)
                            : e == 2 ? k - gw : k + gw;
                    if (m < 0 || m >= gn) {
                        continue;
                    }
                    if (fixed[m] == 2) {
                        enclosed = false;
                    } else if (fixed[m] == 0 && !grown[m] && component[m] < 0) {
                        component[m] = components;
                        queue[tail++] = m;
                    }
                }
            }
            hole[components] = enclosed && tail - start[components] <= HOLE_SHARE * kept;
            components++;
        }
        start[components] = tail;
        byte[] near = new byte[gn];
        for (int k = 0; k < gn; k++) {
            near[k] = (byte) (fixed[k] == 1 || grown[k] ? 1 : 0);
        }
        WorkGrid.dilate(near, gw, gh, 1, 2, Math.max(1, Math.round(HOLE_NEAR * Math.max(gw, gh))));
        int[] keepHist = new int[LEVELS * LEVELS * LEVELS];
        int[] backgroundHist = new int[LEVELS * LEVELS * LEVELS];
        for (int k = 0; k < gn; k++) {
            if (fixed[k] == 1 || grown[k]) {
                keepHist[cells[k]]++;
            } else if ((near[k] & 2) != 0 && (fixed[k] == 2
                    || (component[k] >= 0 && !hole[component[k]] && cur[k] < 0.5f))) {
                backgroundHist[cells[k]]++;
            }
        }
        float[] keepDensity = density(keepHist);
        float[] backgroundDensity = density(backgroundHist);
        for (int c = 0; c < components; c++) {
            if (!hole[c]) {
                continue;
            }
            int like = 0;
            for (int t = start[c]; t < start[c + 1]; t++) {
                int cell = cells[queue[t]];
                like += backgroundDensity[cell] > keepDensity[cell] ? 1 : 0;
            }
            if (2 * like > start[c + 1] - start[c]) {
                continue;
            }
            for (int t = start[c]; t < start[c + 1]; t++) {
                fixed[queue[t]] = 1;
                grown[queue[t]] = true;
            }
        }
    }

    /** A search on the grid where each step costs one unit of a budget, for the floods. */
    private static final class Spread {
        private final int[] queue;
        private final boolean[] queued;

        Spread(int n) {
            queue = new int[n];
            queued = new boolean[n];
        }

        /**
         * From every bin with {@code budget ≥ 0}, across edges of weight at least {@code minEdge} into
         * {@code allowed} bins, each step one less: leaves in {@code budget} the most left at each bin (-1 where none
         * got). Label-correcting, first in first out.
         */
        void run(int[] budget, boolean[] allowed, float[] wx, float[] wy, int gw, int gh, float minEdge) {
            int n = gw * gh;
            int head = 0;
            int size = 0;
            for (int k = 0; k < n; k++) {
                if (budget[k] > 0) {
                    queue[(head + size++) % n] = k;
                    queued[k] = true;
                }
            }
            while (size > 0) {
                int k = queue[head];
                head = head + 1 == n ? 0 : head + 1;
                size--;
                queued[k] = false;
                int next = budget[k] - 1;
                if (next < 0) {
                    continue;
                }
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
                        m = k + gw < n ? k + gw : -1;
                        wgt = k + gw < n ? wy[k] : 0f;
                    }
                    if (m < 0 || !allowed[m] || wgt < minEdge || budget[m] >= next) {
                        continue;
                    }
                    budget[m] = next;
                    if (!queued[m] && next > 0) {
                        queued[m] = true;
                        queue[(head + size++) % n] = m;
                    }
                }
            }
        }
    }

    /** Least edge weight the second stage of a Keep flood crosses. */
    static final float GROW_EDGE = 0.3f;

    /** Most background density (share of the background's bins near the colour) of a colour the second stage enters. */
    static final float GROW_BACKGROUND = 0.002f;

    /**
     * Least edge weight a flood crosses: {@code exp(-β·|ΔI|²) ≥ 0.3}, a colour step of up to about 1.5 times the
     * grid's root-mean-square one.
     */
    static final float FLOOD_EDGE = 0.3f;

    /**
     * Most {@link #density} a colour a flood enters may have among the other side's bins beyond the stroke's reach
     * (the alpha's subject for a Remove stroke, its background for a Keep stroke). A stroke along a soft edge
     * takes in colours of both sides; on am_GT21 a Remove stroke's dark shadows flooded the bouquet's dark leaves, on
     * am_GT15 the rabbit's fur lit like the rocks behind it.
     */
    static final float FLOOD_OTHER = 0.01f;

    /**
     * A Keep stroke floods without {@link #FLOOD_OTHER} where less than this share of the bins of its own colours
     * ({@link #FLOOD_PRESENCE}) within its reach, its seeds left out, is subject: it lies on a part the model missed,
     * whose colours are those of the rest of that part beyond its reach, which the alpha has as background too
     * (am_GT13's plant, am_GT27, plant.jpg's leaves next to the peg). Counted over its own colours, not over every
     * bin within reach, so that a stroke on a missed pot next to leaves already kept still counts as on a missed
     * part (am_GT13 after 2 strokes 0.641 to 0.693).
     */
    static final float SUBJECT_NEAR = 0.25f;

    /** Least {@link #colourPresence} of a colour a flood enters. */
    static final float FLOOD_PRESENCE = 0.5f;

    /**
     * Most steps of a flood from the seeds (of the longest strokes: {@link StrokeFootprint#REACH_PER_LENGTH}), as a
     * share of the grid's longer side: a flood that reaches further mostly
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
    private static boolean[] colourGate(int[] cells, float[] cur, byte[] seed, float[] x) {
        int n = cur.length;
        int levels = LEVELS * LEVELS * LEVELS;
        int[] keep = new int[levels];
        int[] remove = new int[levels];
        int[] background = new int[levels];
        int[] subject = new int[levels];
        int[] cell = cells;
        for (int k = 0; k < n; k++) {
            int c = cells[k];
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

    /**
     * Side of the tiles of {@link #localGate}, as a share of the grid's longer side; a bin's neighbourhood is its tile
     * and the 8 around it (about 0.075 of the grid across). On the development photos 0.025 did best: 0.015 as well
     * on the photos the model gets right but less on am_GT13 (after one stroke 0.947 against 0.950), 0.04 and 0.07
     * less on am_GT13 and am_GT25 (after 3 strokes 0.701 and 0.700 against 0.728).
     */
    static final float LOCAL_TILE = 0.025f;

    /**
     * The local colour gate, after {@link #colourGate}: a bin the walk moves to the other side stays where it was
     * unless its colour is at least as common (the share of each side's bins in its 3x3x3 colour neighbourhood)
     * among the bins near it of the side it goes to as among those of the side it leaves: its {@link #LOCAL_TILE
     * tile} and the 8 around it. The sides there: the Keep bins fixed and the bins that the alpha and the walk both
     * put on the subject; the Remove bins fixed and the bins that the alpha and the walk both leave out. A colour
     * neither side has near passes.
     *
     * <p>The colour gate compares with the colours of every Keep stroke and of the whole background: once a stroke has
     * painted a brown pot, the jacket's brown seen through the gaps between the leaves passes, though the gaps'
     * neighbours are green leaves and the jacket. Near them the gap is the background's colour. On the development
     * photos no stroke made IoU worse by more than 0.005 any more (were 2), am_GT13 reached 0.95 with the first
     * stroke (0.941 before), am_GT25 after 3 strokes 0.710 to 0.728 and plant.jpg 0.905 to 0.908, am_GT27 0.934 to
     * 0.927 ({@code StrokeEval --page}).
     *
     * <p>Cost: each bin is counted into the histograms of the 9 tiles near it, and each moved bin reads 27 cells of
     * two histograms.
     */
    private static void localGate(int[] cells, float[] cur, byte[] fixed, float[] x, int gw, int gh,
            boolean[] agree) {
        int n = gw * gh;
        int tile = Math.max(2, Math.round(LOCAL_TILE * Math.max(gw, gh)));
        int tw = (gw + tile - 1) / tile;
        int th = (gh + tile - 1) / tile;
        // Per bin: 1 subject side, 2 background side, 3 moved by the walk and let through by the colour gate.
        byte[] cls = new byte[n];
        boolean[] tileHas = new boolean[tw * th];
        for (int k = 0; k < n; k++) {
            boolean alpha = cur[k] >= 0.5f;
            boolean walk = x[k] >= 0.5f;
            if (fixed[k] == 1 || (fixed[k] == 0 && alpha && walk)) {
                cls[k] = 1;
            } else if (fixed[k] == 2 || (fixed[k] == 0 && !alpha && !walk)) {
                cls[k] = 2;
            } else if (agree[k]) {
                cls[k] = 3;
                tileHas[(k / gw / tile) * tw + (k % gw) / tile] = true;
            }
        }
        int levels = LEVELS;
        int[] subject = new int[levels * levels * levels];
        int[] background = new int[levels * levels * levels];
        for (int ti = 0; ti < th; ti++) {
            for (int tj = 0; tj < tw; tj++) {
                if (!tileHas[ti * tw + tj]) {
                    continue;
                }
                int y0 = Math.max(0, (ti - 1) * tile);
                int y1 = Math.min(gh, (ti + 2) * tile);
                int x0 = Math.max(0, (tj - 1) * tile);
                int x1 = Math.min(gw, (tj + 2) * tile);
                long ns = count(cells, cls, gw, x0, y0, x1, y1, subject, background, 1);
                long nb = count(cells, cls, gw, x0, y0, x1, y1, subject, background, 2);
                for (int y = ti * tile; y < Math.min(gh, (ti + 1) * tile); y++) {
                    for (int j = tj * tile; j < Math.min(gw, (tj + 1) * tile); j++) {
                        int k = y * gw + j;
                        if (cls[k] != 3) {
                            continue;
                        }
                        int c = cells[k];
                        int r = c / (levels * levels);
                        int gg = (c / levels) % levels;
                        int b = c % levels;
                        long ss = 0;
                        long sb = 0;
                        for (int dr = Math.max(0, r - 1); dr <= Math.min(levels - 1, r + 1); dr++) {
                            for (int dg = Math.max(0, gg - 1); dg <= Math.min(levels - 1, gg + 1); dg++) {
                                for (int db = Math.max(0, b - 1); db <= Math.min(levels - 1, b + 1); db++) {
                                    int cc = (dr * levels + dg) * levels + db;
                                    ss += subject[cc];
                                    sb += background[cc];
                                }
                            }
                        }
                        // ss / ns against sb / nb, without dividing.
                        long toSubject = ss * Math.max(1, nb);
                        long toBackground = sb * Math.max(1, ns);
                        agree[k] = x[k] >= 0.5f ? toSubject >= toBackground : toBackground >= toSubject;
                    }
                }
                count(cells, cls, gw, x0, y0, x1, y1, subject, background, -1);
            }
        }
    }

    /**
     * Adds the box's bins of class 1 to {@code subject} and of class 2 to {@code background} by {@code step} (1 or
     * 2 counts only that class, -1 takes both out again); returns how many it counted.
     */
    private static long count(int[] cells, byte[] cls, int gw, int x0, int y0, int x1, int y1, int[] subject,
            int[] background, int step) {
        long counted = 0;
        for (int y = y0; y < y1; y++) {
            for (int j = x0, k = y * gw + x0; j < x1; j++, k++) {
                byte c = cls[k];
                if (step < 0) {
                    if (c == 1) {
                        subject[cells[k]]--;
                    } else if (c == 2) {
                        background[cells[k]]--;
                    }
                } else if (c == step) {
                    (c == 1 ? subject : background)[cells[k]]++;
                    counted++;
                }
            }
        }
        return counted;
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
     * How much each colour is among the seeds of one stroke, 0..1: a {@code LEVELS³} histogram of their colours,
     * summed over each cell's 3x3x3 neighbourhood, relative to {@link #PRESENT} of the seeds; null when it has none.
     */
    private static float[] colourPresence(int[] cells, int[] owner, int stroke) {
        float[] hist = new float[LEVELS * LEVELS * LEVELS];
        int total = 0;
        for (int k = 0; k < owner.length; k++) {
            if (owner[k] == stroke) {
                hist[cells[k]]++;
                total++;
            }
        }
        if (total == 0) {
            return null;
        }
        float[] presence = neighbourhoodSums(hist, LEVELS);
        float full = Math.max(1f, PRESENT * total);
        for (int c = 0; c < presence.length; c++) {
            presence[c] = Math.min(1f, presence[c] / full);
        }
        return presence;
    }

    /**
     * Each cell's sum over its 3x3x3 neighbourhood (clipped at the cube's faces) of a {@code levels³} colour
     * histogram, by a box of 3 along each channel in turn; counts stay exact in float (below 2^24), so the order of
     * the additions does not matter. {@code counts} is used as scratch.
     */
    static float[] neighbourhoodSums(float[] counts, int levels) {
        float[] a = counts;
        float[] b = new float[a.length];
        for (int stride = 1; stride < a.length; stride *= levels) {
            for (int c = 0; c < a.length; c++) {
                int v = (c / stride) % levels;
                float s = a[c];
                if (v > 0) {
                    s += a[c - stride];
                }
                if (v + 1 < levels) {
                    s += a[c + stride];
                }
                b[c] = s;
            }
            float[] t = a;
            a = b;
            b = t;
        }
        return a;
    }

    private static int cell(float[] rgb, int k) {
        return cell(rgb, k, LEVELS);
    }

    /** Bin {@code k}'s colour cell with {@code levels} levels per channel (colours 0..1 interleaved). */
    static int cell(float[] rgb, int k, int levels) {
        int r = Math.min(levels - 1, (int) (rgb[3 * k] * levels));
        int g = Math.min(levels - 1, (int) (rgb[3 * k + 1] * levels));
        int b = Math.min(levels - 1, (int) (rgb[3 * k + 2] * levels));
        return (r * levels + g) * levels + b;
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

    private static Rect union(Rect a, Rect b) {
        return a == null ? b : a.union(b);
    }
}
