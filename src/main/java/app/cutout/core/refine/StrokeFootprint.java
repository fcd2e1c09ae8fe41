package app.cutout.core.refine;

import app.cutout.core.edit.Rect;
import java.util.Arrays;
import java.util.List;

/**
 * Where Keep and Remove {@link Stroke strokes} are the user's word: the part of each stroke on its centre line's side
 * of the photo's strong edges. A stroke is a rough, wide brush: drawn along a thin wrong region next to the subject's
 * true edge, its disc reaches across that edge, and taking the far side as a hard constraint (and as the colours the
 * stroke means) paints and grows across the edge (on am_GT05 a Remove stroke over 430 wrong pixels cost IoU 0.06).
 *
 * <p>On the {@link StrokeSolver}'s working grid: the bins whose centre lies within the stroke's radius (at least half
 * a bin) form its capsule; its core is the bins nearest the centre line. The footprint is the capsule bins reached
 * from the core, breadth first, through bins whose colour is near that of the core bin they were reached from:
 * {@code β·|ΔI|² ≤} {@link #LIMIT}, β the grid's (as for the solver's edge weights), so about 2.4 times the grid's
 * root-mean-square colour step. Against the core's colour rather than step by step, so that noise does not add up
 * and a blurred edge stops the footprint as a sharp one does, half way. Footprint bins
 * are the solve's seeds (the later stroke winning where strokes overlap); the rest of the capsule is left to the
 * solve. At full resolution the pixels under the stroke take its value where their bin and its 8 neighbours are all
 * footprint, none where they are all cut off, and where both meet, each pixel by its own colour: the value when it is
 * nearer the colour of a neighbouring footprint bin than of a cut-off one, so the cut follows the edge to the pixel.
 */
final class StrokeFootprint {
    /** Most colour difference {@code β·|ΔI|²} of a footprint bin from its core bin. */
    static final float LIMIT = 3f;

    /** Radius of a stroke's core as a share of its radius (at least half a bin). */
    static final float CORE = 0.25f;

    private static final byte FOOT = 1;
    private static final byte CUT = 2;

    /**
     * How far a stroke's flood may go, in bins, per bin of the stroke's length (its polyline plus its width): a short
     * stroke fixes something small. The rule's strokes on the thin wrong regions along an edge that is right
     * elsewhere are short, and their footprint's colours are often the background's too (a dark flag's edge against
     * dark leaves on am_GT16, the bear's rim against the town on am_GT05): with the grid-wide reach their Keep floods
     * took in the background (IoU 0.99 to 0.85). A long stroke across a part the model missed still reaches it all.
     * The reach is also scaled by the square of the share of the footprint whose alpha is not yet on the stroke's
     * side: a stroke along an edge, half on what the alpha already has right, moves the edge rather than floods.
     */
    static final float REACH_PER_LENGTH = 2f;

    /** Least reach of a stroke's flood, in bins. */
    static final int MIN_REACH = 4;

    /** Per bin: 1 under a Keep footprint, 2 under a Remove one, 0 elsewhere. */
    final byte[] seed;
    /** Per seed bin, its stroke's reach in bins: how many steps its flood may take. */
    final int[] reach;
    /** Per seed bin, the index of the stroke that seeds it (the latest over it); -1 elsewhere. */
    final int[] owner;
    /** Per stroke, the share of its footprint whose alpha is not yet on its side. */
    final float[] open;
    /** Per stroke, its capsule's bins and their class ({@link #FOOT} or {@link #CUT}). */
    private final int[][] bins;
    private final byte[][] classes;
    private final List<Stroke> strokes;
    private final WorkGrid g;
    private final float[] rgb;

    private StrokeFootprint(List<Stroke> strokes, WorkGrid g, float[] rgb, byte[] seed, int[] reach, int[] owner,
            float[] open, int[][] bins, byte[][] classes) {
        this.strokes = strokes;
        this.open = open;
        this.reach = reach;
        this.owner = owner;
        this.g = g;
        this.rgb = rgb;
        this.seed = seed;
        this.bins = bins;
        this.classes = classes;
    }

    /**
     * @param rgb the grid's bin colours, 0..1 interleaved
     * @param beta the grid's edge contrast, {@code 1 / (2 · mean squared colour step)}
     * @param cur the grid's mean alpha being edited, 0..1
     * @param maxReach the most reach of any stroke, in bins
     */
    static StrokeFootprint of(List<Stroke> strokes, WorkGrid g, float[] rgb, float beta, float[] cur, int maxReach) {
        int gw = g.gw;
        int gn = gw * g.gh;
        byte[] seed = new byte[gn];
        int[] reach = new int[gn];
        int[] owner = new int[gn];
        Arrays.fill(owner, -1);
        float[] opens = new float[strokes.size()];
        int[][] bins = new int[strokes.size()][];
        byte[][] classes = new byte[strokes.size()][];
        float[] d2 = new float[gn];
        Arrays.fill(d2, Float.POSITIVE_INFINITY);
        int[] root = new int[gn];
        Arrays.fill(root, -1);
        int[] queue = new int[gn];
        double half = 0.5 * Math.max((double) g.width / gw, (double) g.height / g.gh);
        for (int si = 0; si < strokes.size(); si++) {
            Stroke s = strokes.get(si);
            double r = Math.max(s.radius, half);
            double core = Math.max(half, CORE * s.radius);
            int[] list = capsule(s, g, r, d2);
            int count = list.length;
            // Breadth first from the core through capsule bins whose colour is near their core bin's.
            int head = 0;
            int tail = 0;
            float core2 = (float) (core * core);
            for (int k : list) {
                if (d2[k] <= core2) {
                    root[k] = k;
                    queue[tail++] = k;
                }
            }
            while (head < tail) {
                int k = queue[head++];
                int j = k % gw;
                int o = root[k];
                for (int e = 0; e < 4; e++) {
                    int m = e == 0 ? (j > 0 ? k - 1 : -1) : e == 1 ? (j + 1 < gw ? k + 1 : -1)
                            : e == 2 ? k - gw : k + gw;
                    if (m < 0 || m >= gn || d2[m] == Float.POSITIVE_INFINITY || root[m] >= 0
                            || beta * colour2(rgb, o, m) > LIMIT) {
                        continue;
                    }
                    root[m] = o;
                    queue[tail++] = m;
                }
            }
            byte value = s.kind == Stroke.Kind.KEEP ? (byte) 1 : (byte) 2;
            double length = 2 * s.radius;
            for (int k = 0; k + 1 < s.size(); k++) {
                length += Math.hypot(s.x(k + 1) - s.x(k), s.y(k + 1) - s.y(k));
            }
            int footBins = 0;
            int agree = 0;
            for (int k : list) {
                if (root[k] >= 0) {
                    footBins++;
                    agree += (cur[k] >= 0.5f) == (value == 1) ? 1 : 0;
                }
            }
            float open = footBins == 0 ? 1f : 1f - (float) agree / footBins;
            opens[si] = open;
            int strokeReach = (int) Math.min(maxReach, Math.max(MIN_REACH, Math.round(REACH_PER_LENGTH * open * open
                    * length / (2 * half))));
            byte[] cls = new byte[count];
            for (int t = 0; t < count; t++) {
                int k = list[t];
                if (root[k] >= 0) {
                    cls[t] = FOOT;
                    seed[k] = value;
                    reach[k] = strokeReach;
                    owner[k] = si;
                } else {
                    cls[t] = CUT;
                }
                d2[k] = Float.POSITIVE_INFINITY;
                root[k] = -1;
            }
            bins[si] = list;
            classes[si] = cls;
        }
        return new StrokeFootprint(strokes, g, rgb, seed, reach, owner, opens, bins, classes);
    }

    /**
     * The bins whose centre is within {@code r} of the stroke's polyline; their squared distance is left in
     * {@code d2} (which is +∞ elsewhere on entry and for the caller to reset).
     */
    private static int[] capsule(Stroke s, WorkGrid g, double r, float[] d2) {
        int gw = g.gw;
        double r2 = r * r;
        int[] list = new int[64];
        int count = 0;
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
                    double d = Stroke.segmentDistance2(cx, cy, x0, y0, x1, y1);
                    if (d > r2) {
                        continue;
                    }
                    int b = i * gw + j;
                    if (d2[b] == Float.POSITIVE_INFINITY) {
                        if (count == list.length) {
                            list = Arrays.copyOf(list, 2 * count);
                        }
                        list[count++] = b;
                    }
                    d2[b] = Math.min(d2[b], (float) d);
                }
            }
        }
        return Arrays.copyOf(list, count);
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

    /** Whether any stroke has a footprint bin. */
    boolean any() {
        for (byte s : seed) {
            if (s != 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Sets the pixels of each stroke's footprint, in order, to its value (255 Keep, 0 Remove); returns the box of
     * those pixels, or null.
     */
    Rect paint(byte[] out, byte[] rgba) {
        int width = g.width;
        int height = g.height;
        int gw = g.gw;
        int gh = g.gh;
        int[] colBin = new int[width];
        for (int j = 0; j < gw; j++) {
            Arrays.fill(colBin, g.colStart[j], g.colStart[j + 1], j);
        }
        int[] rowBin = new int[height];
        for (int i = 0; i < gh; i++) {
            Arrays.fill(rowBin, g.rowStart[i], g.rowStart[i + 1], i);
        }
        byte[] cls = new byte[gw * gh];
        byte[] mode = new byte[gw * gh];
        int[] touchedList = new int[256];
        int touched = 0;
        int minX = Integer.MAX_VALUE;
        int minY = Integer.MAX_VALUE;
        int maxX = -1;
        int maxY = -1;
        for (int si = 0; si < strokes.size(); si++) {
            Stroke s = strokes.get(si);
            int[] list = bins[si];
            for (int t = 0; t < list.length; t++) {
                cls[list[t]] = classes[si][t];
            }
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
                    int bi = rowBin[y];
                    for (int x = xa; x <= xb; x++) {
                        if (Stroke.segmentDistance2(x + 0.5, y + 0.5, x0, y0, x1, y1) > r2) {
                            continue;
                        }
                        int b = bi * gw + colBin[x];
                        if (mode[b] == 0) {
                            mode[b] = mode(cls, bi, colBin[x], gw, gh);
                            if (touched == touchedList.length) {
                                touchedList = Arrays.copyOf(touchedList, 2 * touched);
                            }
                            touchedList[touched++] = b;
                        }
                        if (mode[b] == SKIP || (mode[b] == TEST
                                && !nearerFootprint(rgba, 4 * (y * width + x), cls, bi, colBin[x], gw, gh))) {
                            continue;
                        }
                        out[y * width + x] = v;
                        minX = Math.min(minX, x);
                        maxX = Math.max(maxX, x);
                        minY = Math.min(minY, y);
                        maxY = Math.max(maxY, y);
                    }
                }
            }
            for (int k : list) {
                cls[k] = 0;
            }
            for (int t = 0; t < touched; t++) {
                mode[touchedList[t]] = 0;
            }
            touched = 0;
        }
        return maxX < 0 ? null : Rect.fromEdges(minX, minY, maxX + 1, maxY + 1);
    }

    private static final byte PAINT = 1;
    private static final byte TEST = 2;
    private static final byte SKIP = 3;

    /**
     * What the pixels of bin {@code (bi, bj)} under the stroke do, by the classes of the bin and the 8 around it:
     * {@link #PAINT} with no cut-off bin among them (a footprint bin, or one of the rim the capsule missed),
     * {@link #SKIP} for a cut-off bin with no footprint bin near, else {@link #TEST} each pixel's colour.
     */
    private static byte mode(byte[] cls, int bi, int bj, int gw, int gh) {
        boolean foot = false;
        boolean cut = false;
        for (int i = Math.max(0, bi - 1); i <= Math.min(gh - 1, bi + 1); i++) {
            for (int j = Math.max(0, bj - 1); j <= Math.min(gw - 1, bj + 1); j++) {
                foot |= cls[i * gw + j] == FOOT;
                cut |= cls[i * gw + j] == CUT;
            }
        }
        if (!cut) {
            return PAINT;
        }
        return foot ? TEST : SKIP;
    }

    /**
     * Whether the pixel at RGBA offset {@code t} in bin {@code (bi, bj)} is nearer in colour to a footprint bin among
     * its bin and the 8 around it than to a cut-off one.
     */
    private boolean nearerFootprint(byte[] rgba, int t, byte[] cls, int bi, int bj, int gw, int gh) {
        float pr = (rgba[t] & 0xFF) / 255f;
        float pg = (rgba[t + 1] & 0xFF) / 255f;
        float pb = (rgba[t + 2] & 0xFF) / 255f;
        float foot = Float.POSITIVE_INFINITY;
        float cut = Float.POSITIVE_INFINITY;
        for (int i = Math.max(0, bi - 1); i <= Math.min(gh - 1, bi + 1); i++) {
            for (int j = Math.max(0, bj - 1); j <= Math.min(gw - 1, bj + 1); j++) {
                int k = i * gw + j;
                int c = cls[k];
                if (c == 0) {
                    continue;
                }
                float dr = rgb[3 * k] - pr;
                float dg = rgb[3 * k + 1] - pg;
                float db = rgb[3 * k + 2] - pb;
                float d = dr * dr + dg * dg + db * db;
                if (c == FOOT) {
                    foot = Math.min(foot, d);
                } else {
                    cut = Math.min(cut, d);
                }
            }
        }
        return foot <= cut;
    }

    private static float colour2(float[] rgb, int a, int b) {
        float dr = rgb[3 * a] - rgb[3 * b];
        float dg = rgb[3 * a + 1] - rgb[3 * b + 1];
        float db = rgb[3 * a + 2] - rgb[3 * b + 2];
        return dr * dr + dg * dg + db * db;
    }
}
