package app.cutout.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfidenceEvalTest {

    private static List<double[]> rows(double[] a, double[] b) {
        java.util.ArrayList<double[]> rows = new java.util.ArrayList<>();
        for (int i = 0; i < a.length; i++) {
            rows.add(new double[] {a[i], b[i]});
        }
        return rows;
    }

    @Test
    void spearmanOfMonotoneAndReversedOrders() {
        double[] x = {1, 5, 2, 9, 3};
        assertEquals(1, ConfidenceEval.spearman(rows(x, new double[] {10, 50, 20, 900, 30}), 0, 1), 1e-12);
        assertEquals(-1, ConfidenceEval.spearman(rows(x, new double[] {5, 1, 4, 0, 3}), 0, 1), 1e-12);
    }

    @Test
    void spearmanMatchesTheTextbookFormulaWithoutTies() {
        // rho = 1 - 6 sum d^2 / (n (n^2 - 1)); ranks of b: 2 1 4 3 5, d = -1 1 -1 1 0.
        double[] a = {1, 2, 3, 4, 5};
        double[] b = {20, 10, 40, 30, 50};
        assertEquals(1 - 6.0 * 4 / (5 * 24), ConfidenceEval.spearman(rows(a, b), 0, 1), 1e-12);
    }

    @Test
    void tiesShareTheirAverageRank() {
        assertArrayEquals(new double[] {1, 2.5, 2.5, 4}, ConfidenceEval.ranks(rows(new double[] {1, 2, 2, 3},
                new double[4]), 0), 0);
    }
}
