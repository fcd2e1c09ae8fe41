package app.cutout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.cutout.core.refine.Stroke;
import org.junit.jupiter.api.Test;

class StrokeRuleTest {
    private static final int W = 200;
    private static final int H = 150;

    private static void fill(byte[] a, int x0, int y0, int x1, int y1, int v) {
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                a[y * W + x] = (byte) v;
            }
        }
    }

    private static boolean inside(Stroke s, int x0, int y0, int x1, int y1) {
        for (int k = 0; k < s.size(); k++) {
            if (!(s.x(k) >= x0 && s.x(k) <= x1 && s.y(k) >= y0 && s.y(k) <= y1)) {
                return false;
            }
        }
        return true;
    }

    @Test
    void aMissedPartGetsAKeepStrokeAlongItsLengthInsideIt() {
        byte[] truth = new byte[W * H];
        byte[] alpha = new byte[W * H];
        // The subject: a block the alpha has, a long arm it misses (120x16) and a small piece it misses (6x6).
        fill(truth, 20, 20, 60, 130, 255);
        fill(alpha, 20, 20, 60, 130, 255);
        fill(truth, 60, 60, 180, 76, 255);
        fill(truth, 150, 100, 156, 106, 255);
        // Soft truth at the arm's tip: 200 and 100 vs alpha 0, only the first is wrong by more than half.
        fill(truth, 180, 60, 182, 76, 200);
        fill(truth, 182, 60, 184, 76, 100);
        Stroke s = StrokeRule.next(alpha, truth, W, H);
        assertNotNull(s);
        assertEquals(Stroke.Kind.KEEP, s.kind);
        assertEquals(1.5f, s.radius, 1e-6f, "width 2 % of the short side");
        assertTrue(s.size() >= 2 && s.size() <= StrokeRule.MAX_POINTS, "points: " + s.size());
        assertTrue(inside(s, 60, 60, 182, 76), "inside the arm");
        float minX = Float.MAX_VALUE;
        float maxX = -Float.MAX_VALUE;
        for (int k = 0; k < s.size(); k++) {
            minX = Math.min(minX, s.x(k));
            maxX = Math.max(maxX, s.x(k));
        }
        assertTrue(maxX - minX > 90, "along the arm's length: " + minX + ".." + maxX);
    }

    @Test
    void anExtraPartGetsARemoveStroke() {
        byte[] truth = new byte[W * H];
        byte[] alpha = new byte[W * H];
        fill(truth, 20, 20, 80, 120, 255);
        fill(alpha, 20, 20, 80, 120, 255);
        // A wrongly picked peg: 20x70 in the alpha, background in truth; a smaller missed piece elsewhere.
        fill(alpha, 120, 30, 140, 100, 255);
        fill(truth, 90, 130, 110, 140, 255);
        Stroke s = StrokeRule.next(alpha, truth, W, H);
        assertNotNull(s);
        assertEquals(Stroke.Kind.REMOVE, s.kind);
        assertTrue(inside(s, 120, 30, 140, 100), "inside the peg");
        float minY = Float.MAX_VALUE;
        float maxY = -Float.MAX_VALUE;
        for (int k = 0; k < s.size(); k++) {
            minY = Math.min(minY, s.y(k));
            maxY = Math.max(maxY, s.y(k));
        }
        assertTrue(maxY - minY > 40, "along the peg: " + minY + ".." + maxY);
    }

    @Test
    void noStrokeWhenNothingLargeIsWrong() {
        byte[] truth = new byte[W * H];
        byte[] alpha = new byte[W * H];
        fill(truth, 20, 20, 80, 120, 255);
        fill(alpha, 20, 20, 80, 120, 255);
        assertNull(StrokeRule.next(alpha, truth, W, H));
        // 3x3 wrong pixels: under the minimum region (16 pixels here); off by less than half is not wrong.
        fill(alpha, 100, 100, 103, 103, 255);
        fill(alpha, 120, 100, 160, 140, 120);
        assertEquals(16, StrokeRule.minimumRegion(W, H));
        assertNull(StrokeRule.next(alpha, truth, W, H));
    }

    @Test
    void aDiscGetsAtLeastOnePointAtItsCentre() {
        byte[] truth = new byte[W * H];
        byte[] alpha = new byte[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                if ((x - 100) * (x - 100) + (y - 70) * (y - 70) <= 100) {
                    truth[y * W + x] = (byte) 255;
                }
            }
        }
        Stroke s = StrokeRule.next(alpha, truth, W, H);
        assertNotNull(s);
        assertEquals(Stroke.Kind.KEEP, s.kind);
        assertTrue(inside(s, 93, 63, 108, 78), "near the centre: " + StrokeRule.json(s, 0));
    }

    @Test
    void jsonLine() {
        Stroke s = new Stroke(Stroke.Kind.REMOVE, 1.5f, new float[] {10.5f, 20f, 30.25f, 40.125f});
        assertEquals("{\"kind\":\"remove\",\"radius\":1.5,\"points\":[10.5,20,30.25,40.13],\"region_px\":77}",
                StrokeRule.json(s, 77));
        assertEquals("{\"kind\":null}", StrokeRule.json(null, 0));
    }
}
