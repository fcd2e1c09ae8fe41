package app.cutout.quality;

import app.cutout.core.edit.Confidence;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks that {@link Confidence}'s score ranks results by their true error: for each ground-truth directory, the
 * app's result for every photo ({@link MaskCache}), its SAD against the true matte, the features and score, then
 * Spearman's rho between score and SAD.
 *
 * <pre>java -cp target/classes:target/test-classes:ONNXRUNTIME_JAR app.cutout.quality.ConfidenceEval DIR...</pre>
 */
public final class ConfidenceEval {
    private ConfidenceEval() {
    }

    public static void main(String[] args) throws Exception {
        List<double[]> all = new ArrayList<>();
        for (String d : args) {
            Path dir = Path.of(d);
            List<double[]> rows = new ArrayList<>();
            System.out.println("# " + dir);
            System.out.println(String.format(Locale.ROOT, "%-14s %9s %8s %7s %7s %7s %7s %7s %8s %s", "name",
                    "size", "SAD", "subj", "uWidth", "uShare", "border", "extra", "score", "check"));
            for (Path p : MaskCache.photos(dir)) {
                MaskCache.Sample s = MaskCache.load(dir, p);
                Confidence.Report r = Confidence.measure(s.alpha(), s.width(), s.height());
                double sad = MatteMetrics.sad(s.alpha(), s.truth());
                System.out.println(String.format(Locale.ROOT,
                        "%-14s %4dx%-4d %8.2f %7.3f %7.2f %7.3f %7.3f %7.3f %8.4f %s", s.name(), s.width(),
                        s.height(), sad, r.subjectShare, r.unsureWidth, r.unsureShare, r.borderShare, r.extraPieces,
                        r.score, r.needsCheck() ? "CHECK" : ""));
                rows.add(new double[] {r.score, sad, sad / (s.width() * (double) s.height()) * 1e6,
                        r.subjectShare, r.unsureWidth, r.unsureShare, r.borderShare, r.extraPieces});
            }
            report(rows);
            all.addAll(rows);
        }
        if (args.length > 1) {
            System.out.println("# all");
            report(all);
        }
    }

    private static void report(List<double[]> rows) {
        String[] names = {"score", "subj", "uWidth", "uShare", "border", "extra"};
        int[] cols = {0, 3, 4, 5, 6, 7};
        StringBuilder b = new StringBuilder("rho vs SAD:");
        StringBuilder n = new StringBuilder("rho vs SAD/MP:");
        for (int k = 0; k < cols.length; k++) {
            b.append(String.format(Locale.ROOT, " %s %.3f", names[k], spearman(rows, cols[k], 1)));
            n.append(String.format(Locale.ROOT, " %s %.3f", names[k], spearman(rows, cols[k], 2)));
        }
        System.out.println(b);
        System.out.println(n);
        // How the CHECK flag splits the set at SAD 50.
        int flaggedBad = 0;
        int flaggedGood = 0;
        int missedBad = 0;
        for (double[] r : rows) {
            boolean bad = r[1] >= 50;
            boolean flagged = r[0] >= Confidence.CHECK;
            flaggedBad += bad && flagged ? 1 : 0;
            flaggedGood += !bad && flagged ? 1 : 0;
            missedBad += bad && !flagged ? 1 : 0;
        }
        System.out.println("CHECK flag vs SAD >= 50: " + flaggedBad + " caught, " + missedBad + " missed, "
                + flaggedGood + " flagged with SAD < 50, of " + rows.size());
    }

    /** Spearman's rho with average ranks for ties. */
    static double spearman(List<double[]> rows, int a, int b) {
        double[] ra = ranks(rows, a);
        double[] rb = ranks(rows, b);
        int n = ra.length;
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < n; i++) {
            ma += ra[i] / n;
            mb += rb[i] / n;
        }
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < n; i++) {
            sab += (ra[i] - ma) * (rb[i] - mb);
            saa += (ra[i] - ma) * (ra[i] - ma);
            sbb += (rb[i] - mb) * (rb[i] - mb);
        }
        return saa == 0 || sbb == 0 ? 0 : sab / Math.sqrt(saa * sbb);
    }

    static double[] ranks(List<double[]> rows, int col) {
        int n = rows.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(rows.get(x)[col], rows.get(y)[col]));
        double[] r = new double[n];
        for (int i = 0; i < n;) {
            int j = i;
            while (j + 1 < n && rows.get(order[j + 1])[col] == rows.get(order[i])[col]) {
                j++;
            }
            for (int k = i; k <= j; k++) {
                r[order[k]] = (i + j) / 2.0 + 1;
            }
            i = j + 1;
        }
        return r;
    }
}
