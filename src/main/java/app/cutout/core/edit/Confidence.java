package app.cutout.core.edit;

import app.cutout.core.image.RgbaImage;
import java.util.ArrayList;
import java.util.List;

/**
 * "Check this one": how likely a cut-out's mask is wrong, from the mask alone, so a batch can list the results worth a
 * look first. Each feature is simple and shown to the user as a reason; the score combines them.
 */
public final class Confidence {
    /** Alpha at or above which a pixel counts as subject. */
    static final int SUBJECT = 128;
    /** Alpha strictly between these is "unsure". */
    static final int UNSURE_LOW = 16;
    static final int UNSURE_HIGH = 239;

    /**
     * Score from which a result is flagged "Check this one". Chosen on the development set (the 16 photos of
     * {@code shared/gt-dev}: the app's results with the 8-bit model and default refinement, {@code ConfidenceEval}),
     * whose scores have their widest gap between 0.26 and 0.44: 0.35 is its middle, so no photo of the set lies near
     * the line. Above it are the five results with SAD 41 to 289: all four with SAD over 50 (thin leaves and hanging
     * yarn, which the model all but lost; a teddy bear's fur; pencils in a mesh cup) and gerbera petals at 41. Below
     * it are the eleven with SAD 1.4 to 46. A lower line would take in the bouquet at SAD 46 (score 0.26), but next
     * two plush toys and a thistle at SAD 9 to 17 (0.12 to 0.18), which look right. A photo of another set,
     * {@code plant.jpg}, shows what the score cannot see: the model cuts out a clothes-peg instead of the plant,
     * crisply, and scores 0.17.
     */
    public static final double CHECK = 0.35;

    /** {@link Report#warnings} bits, for the UI to word. */
    public static final int WARN_UNSURE_EDGES = 1;
    public static final int WARN_PIECES = 2;
    public static final int WARN_TINY = 4;
    public static final int WARN_BORDER = 8;

    /**
     * Reason codes of {@link Report#reasons}, in {@code WARN_*} bit order; the page words them ({@code check.CODE} in
     * {@code Texts}).
     */
    static final String[] REASONS = {"unsure-edges", "pieces", "tiny", "border"};
    /** The reason of a score that reached {@link #CHECK} through several small parts, none a warning on its own. */
    public static final String UNSURE = "unsure";

    /**
     * Longest side of the sample {@link #measure(RgbaImage)} takes. Every part of the score is a share of pixels (of
     * the image, of the subject, of the border), which a regular grid of point samples estimates without bias, and
     * piece areas are counted on a {@value #GRID} grid anyway; a 12 MP photo is read at every fourth pixel of every
     * fourth row. Photos up to 1024 pixels a side are measured whole. At 12 MP this takes 5 to 12 ms in Chromium (2
     * cores, loaded), and moved a cut-out's score by 0.0002 against measuring all of its pixels (about 0.3 s on the
     * JVM).
     */
    static final int SAMPLE = 1024;

    private Confidence() {
    }

    /** The features of one mask and its score; immutable. */
    public static final class Report {
        /** Subject pixels ({@code alpha >= 128}) as a share of the image, 0..1. */
        public final double subjectShare;
        /**
         * Unsure pixels ({@code 16 <= alpha <= 239}) per unit of the subject's outline, measured as the pixel sides
         * between subject and not (a city-block length, {@code 4 / pi} of a smooth outline's true length): about the
         * soft band's width.
         */
        public final double unsureWidth;
        /** Unsure pixels as a share of the subject's area (plus the unsure pixels), 0..1. */
        public final double unsureShare;
        /** Share of the image's border pixels that are subject, 0..1. */
        public final double borderShare;
        /** Subject pieces (8-connected, at a reduced resolution) beyond the largest, weighted by their size. */
        public final double extraPieces;
        /** Higher means more likely wrong; 0 for a clean, hard-edged single subject. */
        public final double score;

        /** Whether the score reaches {@link #CHECK}. */
        public boolean needsCheck() {
            return score >= CHECK;
        }

        /**
         * Why, as {@code WARN_*} bits: unsure edges (unsure share at least {@link #CHECK}), extra pieces (at least
         * 10 % of the subject's size), a tiny subject (under 1 % of the image), the subject along more than half of
         * the border.
         */
        public int warnings() {
            return (unsureShare >= CHECK ? WARN_UNSURE_EDGES : 0) | (extraPieces >= 0.1 ? WARN_PIECES : 0)
                    | (subjectShare < 0.01 ? WARN_TINY : 0) | (borderShare > 0.5 ? WARN_BORDER : 0);
        }

        /**
         * Why a result needs a look, as codes for the UI to word: those of {@link #warnings}, or {@link #UNSURE} when
         * the score reaches {@link #CHECK} without any; empty when it does not need one.
         */
        public List<String> reasons() {
            List<String> codes = new ArrayList<>();
            if (!needsCheck()) {
                return codes;
            }
            int bits = warnings();
            for (int i = 0; i < REASONS.length; i++) {
                if ((bits & (1 << i)) != 0) {
                    codes.add(REASONS[i]);
                }
            }
            if (codes.isEmpty()) {
                codes.add(UNSURE);
            }
            return codes;
        }

        Report(double subjectShare, double unsureWidth, double unsureShare, double borderShare, double extraPieces,
                double score) {
            this.subjectShare = subjectShare;
            this.unsureWidth = unsureWidth;
            this.unsureShare = unsureShare;
            this.borderShare = borderShare;
            this.extraPieces = extraPieces;
            this.score = score;
        }
    }

    /**
     * Measures the alpha of a finished cutout from a sample of at most {@value #SAMPLE} pixels a side that keeps the
     * border rows and columns; nothing is modified. Equal to {@link #measure(byte[], int, int)} of its alpha when
     * neither side is longer.
     */
    public static Report measure(RgbaImage image) {
        Sample s = new Sample(image.width, image.height);
        int[] px = image.pixels;
        for (int y = 0, o = 0; y < s.height; y++) {
            int row = s.rows[y];
            for (int x = 0; x < s.width; x++, o++) {
                s.alpha[o] = (byte) (px[row + s.columns[x]] >>> 24);
            }
        }
        return measure(s.alpha, s.width, s.height);
    }

    /**
     * Measures an edited alpha of {@code width x height} from the same sample as {@link #measure(RgbaImage)}, so a
     * cutout scores the same before an edit here as in the worker, and the editor can score each edit in a few
     * milliseconds at 12 MP; nothing is modified.
     *
     * @throws IllegalArgumentException if {@code alpha} has the wrong length
     */
    public static Report measureSample(byte[] alpha, int width, int height) {
        Rect.checkLength("alpha bytes", alpha.length, width, height);
        Sample s = new Sample(width, height);
        for (int y = 0, o = 0; y < s.height; y++) {
            int row = s.rows[y];
            for (int x = 0; x < s.width; x++, o++) {
                s.alpha[o] = alpha[row + s.columns[x]];
            }
        }
        return measure(s.alpha, s.width, s.height);
    }

    /** The sample's grid: at most {@value #SAMPLE} columns and rows, spread evenly from the first to the last. */
    private static final class Sample {
        final int width;
        final int height;
        /** The source column of each sample column. */
        final int[] columns;
        /** The source offset ({@code y * w}) of each sample row. */
        final int[] rows;
        final byte[] alpha;

        Sample(int w, int h) {
            int step = (Math.max(w, h) + SAMPLE - 1) / SAMPLE;
            width = (w + step - 1) / step;
            height = (h + step - 1) / step;
            columns = new int[width];
            for (int x = 0; x < width; x++) {
                columns[x] = width == 1 ? 0 : (int) ((long) x * (w - 1) / (width - 1));
            }
            rows = new int[height];
            for (int y = 0; y < height; y++) {
                rows[y] = (height == 1 ? 0 : (int) ((long) y * (h - 1) / (height - 1))) * w;
            }
            alpha = new byte[width * height];
        }
    }

    /**
     * Measures {@code alpha}; nothing is modified.
     *
     * @throws IllegalArgumentException if {@code alpha} has the wrong length
     */
    public static Report measure(byte[] alpha, int width, int height) {
        Rect.checkLength("alpha bytes", alpha.length, width, height);
        long subject = 0;
        long unsure = 0;
        long outline = 0;
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int x = 0; x < width; x++) {
                int a = alpha[row + x] & 0xFF;
                boolean in = a >= SUBJECT;
                if (in) {
                    subject++;
                }
                if (a >= UNSURE_LOW && a <= UNSURE_HIGH) {
                    unsure++;
                }
                if (x + 1 < width && in != ((alpha[row + x + 1] & 0xFF) >= SUBJECT)) {
                    outline++;
                }
                if (y + 1 < height && in != ((alpha[row + width + x] & 0xFF) >= SUBJECT)) {
                    outline++;
                }
            }
        }
        long border = 0;
        long borderIn = 0;
        for (int x = 0; x < width; x++) {
            borderIn += (alpha[x] & 0xFF) >= SUBJECT ? 1 : 0;
            borderIn += (alpha[(height - 1) * width + x] & 0xFF) >= SUBJECT ? 1 : 0;
            border += 2;
        }
        for (int y = 1; y < height - 1; y++) {
            borderIn += (alpha[y * width] & 0xFF) >= SUBJECT ? 1 : 0;
            borderIn += (alpha[y * width + width - 1] & 0xFF) >= SUBJECT ? 1 : 0;
            border += 2;
        }
        double pixels = (double) width * height;
        double subjectShare = subject / pixels;
        double unsureWidth = unsure / (double) Math.max(1, outline);
        double unsureShare = unsure / (double) Math.max(1, subject + unsure);
        double borderShare = borderIn / (double) border;
        double extra = extraPieces(alpha, width, height);
        return new Report(subjectShare, unsureWidth, unsureShare, borderShare, extra,
                score(unsureShare, extra, subjectShare, borderShare));
    }

    /**
     * The score: the unsure share, which alone ranked the 16 photos of the development set by their true error with
     * Spearman's rho 0.95 (soft alpha marks where the model hesitated, and hesitation is where it errs), plus
     * {@value #PENALTY} for each of three warnings, each ramping from 0 to 1: extra pieces (from none to as large as
     * the subject), a tiny subject (from 2 % of the image to nothing) and a subject along most of the border (from
     * half to all of it). Chosen before measuring them on held-out photos; small enough that a clean mask with a
     * warning still ranks below a visibly unsure one.
     */
    static double score(double unsureShare, double extraPieces, double subjectShare, double borderShare) {
        return unsureShare + PENALTY * (ramp(extraPieces, 0, 1) + ramp(-subjectShare, -0.02, 0)
                + ramp(borderShare, 0.5, 1));
    }

    /** Weight of each warning in the score. */
    static final double PENALTY = 0.2;

    /** 0 at or below {@code lo}, 1 at or above {@code hi}, linear between. */
    static double ramp(double v, double lo, double hi) {
        return v <= lo ? 0 : v >= hi ? 1 : (v - lo) / (hi - lo);
    }

    /** Side of the grid on which pieces are counted: enough to tell pieces apart, cheap at 12 MP. */
    static final int GRID = 256;

    /**
     * Area of every 8-connected piece but the largest, on a grid of at most {@value #GRID} cells a side (a cell is
     * subject when its mean alpha is at least 128), as a share of the largest piece's area. Tiny specks (under 0.1 %
     * of the largest) are not counted.
     */
    static double extraPieces(byte[] alpha, int width, int height) {
        int f = Math.max(1, (Math.max(width, height) + GRID - 1) / GRID);
        int gw = (width + f - 1) / f;
        int gh = (height + f - 1) / f;
        int[] sum = new int[gw * gh];
        int[] count = new int[gw * gh];
        for (int y = 0; y < height; y++) {
            int g = (y / f) * gw;
            int row = y * width;
            for (int x0 = 0; x0 < width; x0 += f, g++) {
                int s = 0;
                int end = Math.min(width, x0 + f);
                for (int x = x0; x < end; x++) {
                    s += alpha[row + x] & 0xFF;
                }
                sum[g] += s;
                count[g] += end - x0;
            }
        }
        int[] label = new int[gw * gh];
        for (int i = 0; i < label.length; i++) {
            label[i] = sum[i] >= SUBJECT * count[i] ? -1 : 0;
        }
        int[] stack = new int[gw * gh];
        int pieces = 0;
        long largest = 0;
        int largestPiece = -1;
        long[] areas = new long[16];
        for (int start = 0; start < label.length; start++) {
            if (label[start] != -1) {
                continue;
            }
            pieces++;
            label[start] = pieces;
            int top = 0;
            stack[top++] = start;
            long area = 0;
            while (top > 0) {
                int i = stack[--top];
                area++;
                int cx = i % gw;
                int cy = i / gw;
                for (int dy = -1; dy <= 1; dy++) {
                    int ny = cy + dy;
                    if (ny < 0 || ny >= gh) {
                        continue;
                    }
                    for (int dx = -1; dx <= 1; dx++) {
                        int nx = cx + dx;
                        if (nx < 0 || nx >= gw) {
                            continue;
                        }
                        int j = ny * gw + nx;
                        if (label[j] == -1) {
                            label[j] = pieces;
                            stack[top++] = j;
                        }
                    }
                }
            }
            if (pieces > areas.length) {
                areas = java.util.Arrays.copyOf(areas, areas.length * 2);
            }
            areas[pieces - 1] = area;
            if (area > largest) {
                largest = area;
                largestPiece = pieces - 1;
            }
        }
        if (largest == 0) {
            return 0;
        }
        long extra = 0;
        for (int p = 0; p < pieces; p++) {
            if (p != largestPiece && areas[p] * 1000 >= largest) {
                extra += areas[p];
            }
        }
        return (double) extra / largest;
    }
}
