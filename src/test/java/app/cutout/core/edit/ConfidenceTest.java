package app.cutout.core.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.cutout.core.image.RgbaImage;
import java.util.List;
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
    void reasonsAreTheWarningsOfAFlaggedResultOnly() {
        byte[] soft = new byte[W * H];
        disc(soft, 50, 40, 20, 12);
        assertEquals(List.of("unsure-edges"), Confidence.measure(soft, W, H).reasons());
        byte[] hard = new byte[W * H];
        disc(hard, 30, 40, 15, 0);
        disc(hard, 75, 40, 15, 0);
        Confidence.Report twoPieces = Confidence.measure(hard, W, H);
        assertEquals(Confidence.WARN_PIECES, twoPieces.warnings());
        assertEquals(List.of(), twoPieces.reasons(), "a warning alone, under the threshold, is no reason to look");
        // Flagged by two parts that are no warning on their own: unsure share under CHECK, a subject of 1.5 %.
        Confidence.Report mixed = new Confidence.Report(0.015, 2, 0.32, 0, 0, Confidence.score(0.32, 0, 0.015, 0));
        assertTrue(mixed.needsCheck() && mixed.warnings() == 0, mixed.score + " " + mixed.warnings());
        assertEquals(List.of(Confidence.UNSURE), mixed.reasons());
    }

    /** A photo's pixels with the given alpha and a grey colour. */
    private static RgbaImage image(byte[] alpha, int w, int h) {
        int[] px = new int[w * h];
        for (int i = 0; i < px.length; i++) {
            px[i] = RgbaImage.pack(90, 100, 110, alpha[i] & 0xFF);
        }
        return new RgbaImage(w, h, px);
    }

    @Test
    void anImageUpTo1024ASideIsMeasuredWhole() {
        byte[] alpha = new byte[W * H];
        disc(alpha, 50, 40, 20, 12);
        disc(alpha, 90, 75, 6, 2);
        Confidence.Report bytes = Confidence.measure(alpha, W, H);
        Confidence.Report pixels = Confidence.measure(image(alpha, W, H));
        assertEquals(bytes.score, pixels.score, 0);
        assertEquals(bytes.unsureWidth, pixels.unsureWidth, 0);
        assertEquals(bytes.extraPieces, pixels.extraPieces, 0);
        assertEquals(bytes.borderShare, pixels.borderShare, 0);
    }

    @Test
    void aLargePhotoIsMeasuredFromASampleThatAgreesWithTheWhole() {
        // 3000x2000, sampled every third pixel: a soft-edged ellipse cut by the bottom edge and a second piece.
        int w = 3000;
        int h = 2000;
        byte[] alpha = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double e = (Math.hypot((x - 1300) / 900.0, (y - 1500) / 700.0) - 1) * 700;
                double a = Math.max(0, Math.min(1, 0.5 - e / 25));
                double d = Math.hypot(x - 2600, y - 400) - 180;
                a = Math.max(a, Math.max(0, Math.min(1, 0.5 - d / 3)));
                alpha[y * w + x] = (byte) Math.round(255 * a);
            }
        }
        Confidence.Report whole = Confidence.measure(alpha, w, h);
        Confidence.Report sample = Confidence.measure(image(alpha, w, h));
        assertTrue(whole.unsureShare > 0.02 && whole.extraPieces > 0.05 && whole.borderShare > 0.05,
                "the test image exercises every part: " + whole.unsureShare + " " + whole.extraPieces + " "
                        + whole.borderShare);
        assertEquals(whole.unsureShare, sample.unsureShare, 0.002);
        assertEquals(whole.subjectShare, sample.subjectShare, 0.002);
        assertEquals(whole.borderShare, sample.borderShare, 0.002);
        assertEquals(whole.extraPieces, sample.extraPieces, 0.01);
        assertEquals(whole.score, sample.score, 0.005);
    }

    @Test
    void anEditedAlphaIsScoredFromTheWorkersSample() {
        // 2500x1400, sampled every third pixel: a subject unsure over a wide band, then the band painted decisive.
        int w = 2500;
        int h = 1400;
        byte[] alpha = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double e = Math.hypot((x - 1250) / 600.0, (y - 700) / 450.0) - 1;
                alpha[y * w + x] = (byte) Math.round(255 * Math.max(0, Math.min(1, 0.5 - e * 1.5)));
            }
        }
        Confidence.Report worker = Confidence.measure(image(alpha, w, h));
        Confidence.Report editor = Confidence.measureSample(alpha, w, h);
        assertTrue(worker.needsCheck(), "the soft band is flagged: " + worker.score);
        assertEquals(worker.score, editor.score, 0, "an unedited cutout keeps the worker's score");
        assertEquals(worker.reasons(), editor.reasons());
        for (int i = 0; i < alpha.length; i++) {
            alpha[i] = (byte) ((alpha[i] & 0xFF) >= 128 ? 255 : 0);
        }
        Confidence.Report edited = Confidence.measureSample(alpha, w, h);
        assertEquals(Confidence.measure(image(alpha, w, h)).score, edited.score, 0);
        assertFalse(edited.needsCheck(), "a decisive alpha is not flagged: " + edited.score);
        assertThrows(IllegalArgumentException.class, () -> Confidence.measureSample(new byte[5], 2, 2));
    }

    @Test
    void rejectsWrongLength() {
        assertThrows(IllegalArgumentException.class, () -> Confidence.measure(new byte[3], 2, 2));
    }
}
