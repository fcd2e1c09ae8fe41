package app.cutout.core.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConfidenceTest {
    static final int W = 100;
    static final int H = 80;

    /** An opaque disc of radius r at (cx, cy) with a linear soft edge {@code soft} pixels wide, drawn into alpha. */
    static void disc(byte[] alpha, double cx, double cy, double r, double soft) {
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                double d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy) - r;
                double a = soft == 0 ? (d <= 0 ? 1 : 0) : Math.max(0, Math.min(1, 0.5 - d / soft));
                int v = (int) Math.round(255 * a);
                int i = y * W + x;
                alpha[i] = (byte) Math.max(alpha[i] & 0xFF, v);
            }
        }
    }

    @Test
    void hardSingleSubjectScoresZero() {
        byte[] alpha = new byte[W * H];
        disc(alpha, 50, 40, 20, 0);
        Confidence.Report r = Confidence.measure(alpha, W, H);
        assertEquals(0, r.unsureShare, 0);
        assertEquals(0, r.extraPieces, 0);
        assertEquals(0, r.borderShare, 0);
        assertEquals(Math.PI * 400 / (W * H), r.subjectShare, 0.01);
        assertEquals(0, r.score, 0);
        assertEquals(0, r.warnings());
        assertEquals(false, r.needsCheck());
    }

    @Test
    void softEdgesRaiseTheScore() {
        byte[] sharp = new byte[W * H];
        disc(sharp, 50, 40, 20, 2);
        byte[] soft = new byte[W * H];
        disc(soft, 50, 40, 20, 12);
        Confidence.Report a = Confidence.measure(sharp, W, H);
        Confidence.Report b = Confidence.measure(soft, W, H);
        assertTrue(a.score > 0 && b.score > 3 * a.score, a.score + " vs " + b.score);
        assertTrue(b.needsCheck() && !a.needsCheck(), b.score + " vs " + a.score);
        assertEquals(Confidence.WARN_UNSURE_EDGES, b.warnings());
        // Band of about 12 * 0.88 unsure pixels across the outline, whose city-block length is 4 / pi too long.
        assertEquals(12 * (239 - 16) / 255.0 * Math.PI / 4, b.unsureWidth, 0.5);
    }

    @Test
    void warningsAddToTheScore() {
        byte[] one = new byte[W * H];
        disc(one, 30, 40, 15, 0);
        byte[] two = one.clone();
        disc(two, 75, 40, 15, 0);
        Confidence.Report r = Confidence.measure(two, W, H);
        assertEquals(1, r.extraPieces, 0.05);
        assertEquals(Confidence.PENALTY, r.score, 0.01);

        byte[] tiny = new byte[W * H];
        disc(tiny, 50, 40, 3, 0);
        Confidence.Report t = Confidence.measure(tiny, W, H);
        assertTrue(t.subjectShare < 0.01);
        assertEquals(Confidence.PENALTY * (1 - t.subjectShare / 0.02), t.score, 1e-9);

        byte[] full = new byte[W * H];
        java.util.Arrays.fill(full, (byte) 255);
        Confidence.Report f = Confidence.measure(full, W, H);
        assertEquals(1, f.borderShare, 0);
        assertEquals(Confidence.PENALTY, f.score, 1e-9);
        assertEquals(Confidence.WARN_BORDER, f.warnings());
        assertEquals(Confidence.WARN_PIECES, r.warnings());
        assertEquals(Confidence.WARN_TINY, t.warnings());
    }

    @Test
    void specksAreNotPieces() {
        byte[] alpha = new byte[W * H];
        disc(alpha, 50, 40, 30, 0);
        alpha[0] = (byte) 255;
        assertEquals(0, Confidence.measure(alpha, W, H).extraPieces, 0);
    }

    @Test
    void rejectsWrongLength() {
        assertThrows(IllegalArgumentException.class, () -> Confidence.measure(new byte[3], 2, 2));
    }
}
