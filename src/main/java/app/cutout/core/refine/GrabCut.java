package app.cutout.core.refine;

/**
 * A GrabCut-style segmentation on the {@link StrokeSolver}'s grid (Rother, Kolmogorov and Blake, "GrabCut", SIGGRAPH
 * 2004), with colour histograms in place of Gaussian mixtures: a subject and a background colour model from sample
 * bins, a {@link MinCut minimum cut} of {@code Σ -ln p(colour | side) + Σ γ·exp(-β·|ΔI|²)} over the 4-connected
 * grid with the hard constraints held, then the models again from the cut's two sides and a second cut. The
 * segmentation model's soft mask, where given, adds a weak log-odds term.
 *
 * <p>Where the model missed a part entirely, a Keep stroke's flood gets only the colours the stroke painted, within
 * its reach; the cut takes the whole part that is more like the stroke's colours than like the background's, and
 * the smoothness term fills the small gaps of other colours between leaves or strands.
 */
final class GrabCut {
    private GrabCut() {
    }

    /** Levels per channel of the colour histograms (twice the solver's: 32768 cells for at most 147456 bins). */
    static final int LEVELS = 32;

    /**
     * Weight γ of the pairwise term, in nats per edge of weight 1 (on the grid's bin means, smoother than pixels; 5
     * did no better than 2 on the development photos: plant.jpg after 3 strokes 0.850 against 0.886, am_GT27 0.839
     * against 0.838, with the whole reach left out of the background's samples).
     */
    static final float GAMMA = 2f;

    /**
     * Weight of the segmentation model's log-odds (its mask clamped to {@link #MODEL_CLAMP}..1 - that): weak, since
     * the cut is for parts the model missed. 0.3 kept more of am_GT25's background out (3 strokes 0.609 against
     * 0.542) but less of plant.jpg's leaves (0.856 against 0.901).
     */
    static final float MODEL_WEIGHT = 0.1f;

    static final float MODEL_CLAMP = 0.01f;

    /** Floor of a colour's density, so that a colour a side never showed costs a bounded amount. */
    private static final float FLOOR = 1e-4f;

    /**
     * Cuts: the first from the samples, each further one from the previous cut's sides (one alone: plant.jpg after 3
     * strokes 0.845 against 0.886, with the whole reach left out of the background's samples). On the grid's
     * own bins, not on 2x2 blocks: a cut on blocks, even with the grid's cut again in a band of 2 bins about its
     * edge, lost thin leaves and strands (plant.jpg 0.901 to 0.853, am_GT27 0.873 to 0.799 after 3 strokes).
     */
    static final int ROUNDS = 2;

    /** Hard constraint values. */
    static final byte SUBJECT = 1;
    static final byte BACKGROUND = 2;

    /**
     * @param rgb bin colours, 0..1 interleaved
     * @param wx weights {@code exp(-β·|ΔI|²)} of the edges from bin {@code k} to {@code k + 1}
     * @param wy the same from bin {@code k} to {@code k + gw}
     * @param hard per bin {@link #SUBJECT}, {@link #BACKGROUND} or 0 (free)
     * @param background per bin, whether its colour samples the background at first (the subject's first samples
     *     are the {@link #SUBJECT} bins)
     * @param model the segmentation model's mask per bin, 0..1; null for none
     * @return per bin, whether the cut puts it on the subject's side
     */
    static boolean[] cut(float[] rgb, float[] wx, float[] wy, int gw, int gh, byte[] hard, boolean[] background,
            float[] model) {
        int n = gw * gh;
        int[] cells = new int[n];
        for (int k = 0; k < n; k++) {
            cells[k] = cell(rgb, k);
        }
        float[] px = new float[n];
        float[] py = new float[n];
        for (int k = 0; k < n; k++) {
            px[k] = GAMMA * wx[k];
            py[k] = GAMMA * wy[k];
        }
        boolean[] subjectSide = new boolean[n];
        boolean[] backgroundSide = background.clone();
        for (int k = 0; k < n; k++) {
            subjectSide[k] = hard[k] == SUBJECT;
            backgroundSide[k] |= hard[k] == BACKGROUND;
        }
        float[] source = new float[n];
        float[] sink = new float[n];
        // The model's log-odds for the subject, clamped, weighted.
        float[] odds = null;
        if (model != null) {
            odds = new float[n];
            for (int k = 0; k < n; k++) {
                float m = Math.max(MODEL_CLAMP, Math.min(1f - MODEL_CLAMP, model[k]));
                odds[k] = MODEL_WEIGHT * (float) Math.log(m / (1f - m));
            }
        }
        boolean[] label = subjectSide;
        for (int round = 0; round < ROUNDS; round++) {
            float[] costSubject = cost(density(cells, subjectSide));
            float[] costBackground = cost(density(cells, backgroundSide));
            for (int k = 0; k < n; k++) {
                if (hard[k] == SUBJECT) {
                    source[k] = Float.MAX_VALUE / 16;
                    sink[k] = 0;
                    continue;
                }
                if (hard[k] == BACKGROUND) {
                    source[k] = 0;
                    sink[k] = Float.MAX_VALUE / 16;
                    continue;
                }
                int c = cells[k];
                // Cost of each side: its colour's negative log-likelihood, less the model's log-odds for it.
                float cs = costSubject[c];
                float cb = costBackground[c];
                if (odds != null) {
                    cs -= Math.min(0f, odds[k]);
                    cb += Math.max(0f, odds[k]);
                }
                float least = Math.min(cs, cb);
                source[k] = cb - least;
                sink[k] = cs - least;
            }
            label = MinCut.solve(px, py, source, sink, gw, gh);
            if (round + 1 < ROUNDS) {
                subjectSide = label;
                backgroundSide = new boolean[n];
                for (int k = 0; k < n; k++) {
                    backgroundSide[k] = !label[k];
                }
            }
        }
        return label;
    }

    /** {@code -ln(d + FLOOR)} per colour cell. */
    private static float[] cost(float[] density) {
        float[] c = new float[density.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = (float) -Math.log(density[i] + FLOOR);
        }
        return c;
    }

    private static int cell(float[] rgb, int k) {
        return StrokeSolver.cell(rgb, k, LEVELS);
    }

    /**
     * The share of the chosen bins whose colour lies in each cell's 3x3x3 neighbourhood (all 0 when none is chosen):
     * a histogram smoothed by a box along each channel in turn.
     */
    static float[] density(int[] cells, boolean[] chosen) {
        float[] a = new float[LEVELS * LEVELS * LEVELS];
        int total = 0;
        for (int k = 0; k < cells.length; k++) {
            if (chosen[k]) {
                a[cells[k]]++;
                total++;
            }
        }
        if (total == 0) {
            return a;
        }
        a = StrokeSolver.neighbourhoodSums(a, LEVELS);
        float inv = 1f / total;
        for (int c = 0; c < a.length; c++) {
            a[c] *= inv;
        }
        return a;
    }
}
