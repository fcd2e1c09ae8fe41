package app.cutout.core.refine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.cutout.core.edit.Rect;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StrokeSolverTest {
    /** Background grey, patch A red, patch B green right of A and touching it, a yellow subject disc. */
    private static final int W = 240;
    private static final int H = 160;
    private static final int[] GREY = {120, 125, 130};
    private static final int[] RED = {200, 40, 40};
    private static final int[] GREEN = {40, 170, 60};
    private static final int[] YELLOW = {230, 210, 40};

    /** A: x 30..99, y 40..109; B: x 100..169, same rows; disc at (200, 60) radius 25. */
    private static int patch(int x, int y) {
        if (y >= 40 && y < 110 && x >= 30 && x < 100) {
            return 1;
        }
        if (y >= 40 && y < 110 && x >= 100 && x < 170) {
            return 2;
        }
        int dx = x - 200;
        int dy = y - 60;
        return dx * dx + dy * dy <= 25 * 25 ? 3 : 0;
    }

    /** The scene at {@code scale} times the size (each pixel a block), with light noise. */
    private static byte[] scene(int scale) {
        int w = W * scale;
        int h = H * scale;
        byte[] rgba = new byte[4 * w * h];
        Random rnd = new Random(7);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = patch(x / scale, y / scale);
                int[] c = p == 1 ? RED : p == 2 ? GREEN : p == 3 ? YELLOW : GREY;
                int t = 4 * (y * w + x);
                for (int k = 0; k < 3; k++) {
                    rgba[t + k] = (byte) Math.max(0, Math.min(255, c[k] + (int) Math.round(rnd.nextGaussian() * 4)));
                }
                rgba[t + 3] = (byte) 255;
            }
        }
        return rgba;
    }

    /** An alpha with the given patches opaque (bit p set in {@code opaque}) and the rest 0. */
    private static byte[] alpha(int scale, int opaque) {
        int w = W * scale;
        int h = H * scale;
        byte[] a = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = patch(x / scale, y / scale);
                if (p != 0 && (opaque & (1 << p)) != 0) {
                    a[y * w + x] = (byte) 255;
                }
            }
        }
        return a;
    }

    /** Share of the pixels of patch {@code p} (one pixel in from its border) whose alpha is at least 128. */
    private static double opaqueShare(byte[] a, int scale, int p) {
        int w = W * scale;
        int inside = 0;
        int opaque = 0;
        for (int y = 0; y < H * scale; y++) {
            for (int x = 0; x < w; x++) {
                boolean interior = true;
                for (int d = -1; d <= 1 && interior; d += 2) {
                    interior = patch((x + d * scale) / scale, y / scale) == p
                            && patch(x / scale, Math.max(0, y + d * scale) / scale) == p;
                }
                if (patch(x / scale, y / scale) == p && interior) {
                    inside++;
                    opaque += (a[y * w + x] & 0xFF) >= 128 ? 1 : 0;
                }
            }
        }
        return (double) opaque / inside;
    }

    /** Squared distance from a point to a stroke's polyline. */
    private static double distance2(Stroke s, double x, double y) {
        double best = Double.MAX_VALUE;
        for (int k = 0; k < Math.max(1, s.size() - 1); k++) {
            int e = Math.min(k + 1, s.size() - 1);
            best = Math.min(best, Stroke.segmentDistance2(x, y, s.x(k), s.y(k), s.x(e), s.y(e)));
        }
        return best;
    }

    private static final float[] IN_A = {50f, 70f, 70f, 80f};

    @Test
    void keepBringsBackTheWholePatchOfItsColourButNotItsNeighbour() {
        byte[] before = alpha(1, 1 << 3);
        StrokeSolver.Solution s = StrokeSolver.solve(scene(1), W, H, before, before,
                List.of(new Stroke(Stroke.Kind.KEEP, 4f, IN_A)));
        assertTrue(opaqueShare(s.alpha, 1, 1) > 0.99, "patch A kept: " + opaqueShare(s.alpha, 1, 1));
        assertEquals(0.0, opaqueShare(s.alpha, 1, 2), "patch B stays out");
        assertEquals(1.0, opaqueShare(s.alpha, 1, 3), "the subject stays");
        assertEquals(0.0, opaqueShare(s.alpha, 1, 0), "the background stays out");
    }

    @Test
    void removeTakesOutTheWholePatchOfItsColourButNotItsNeighbour() {
        byte[] before = alpha(1, (1 << 1) | (1 << 2) | (1 << 3));
        StrokeSolver.Solution s = StrokeSolver.solve(scene(1), W, H, before, before,
                List.of(new Stroke(Stroke.Kind.REMOVE, 4f, IN_A)));
        assertEquals(0.0, opaqueShare(s.alpha, 1, 1), "patch A removed");
        assertTrue(opaqueShare(s.alpha, 1, 2) > 0.99, "patch B stays: " + opaqueShare(s.alpha, 1, 2));
        assertEquals(1.0, opaqueShare(s.alpha, 1, 3), "the subject stays");
    }

    @Test
    void strokesAreHardConstraintsAndNothingOutsideTheChangedBoxMoves() {
        byte[] rgba = scene(1);
        // A soft, arbitrary alpha: strokes across regions of any value must still end exactly at 0 or 255.
        byte[] current = new byte[W * H];
        Random rnd = new Random(3);
        for (int i = 0; i < current.length; i++) {
            current[i] = (byte) (patch(i % W, i / W) == 3 ? 255 : rnd.nextInt(40));
        }
        Stroke keep = new Stroke(Stroke.Kind.KEEP, 3.5f, new float[] {10f, 10f, 60f, 30f, 90f, 12f});
        Stroke remove = new Stroke(Stroke.Kind.REMOVE, 2.5f, new float[] {200f, 40f, 215f, 75f});
        Stroke dot = new Stroke(Stroke.Kind.KEEP, 0.6f, new float[] {130.5f, 150.5f});
        StrokeSolver.Solution s = StrokeSolver.solve(rgba, W, H, current, current, List.of(keep, remove, dot));
        assertNotNull(s.changed);
        int under = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int i = y * W + x;
                int a = s.alpha[i] & 0xFF;
                if (distance2(keep, x + 0.5, y + 0.5) <= 3.5 * 3.5 || distance2(dot, x + 0.5, y + 0.5) <= 0.36) {
                    assertEquals(255, a, "keep at " + x + "," + y);
                    under++;
                } else if (distance2(remove, x + 0.5, y + 0.5) <= 2.5 * 2.5) {
                    assertEquals(0, a, "remove at " + x + "," + y);
                    under++;
                } else if (!s.changed.contains(x, y)) {
                    assertEquals(current[i], s.alpha[i], "outside the changed box at " + x + "," + y);
                }
            }
        }
        assertTrue(under > 300, "pixels under strokes: " + under);
        assertEquals(255, s.alpha[150 * W + 130] & 0xFF, "a stroke thinner than a pixel still sets its pixel");
    }

    @Test
    void laterStrokesWinWhereStrokesOverlap() {
        byte[] before = alpha(1, 1 << 3);
        Stroke keep = new Stroke(Stroke.Kind.KEEP, 5f, new float[] {20f, 20f, 60f, 20f});
        Stroke remove = new Stroke(Stroke.Kind.REMOVE, 3f, new float[] {40f, 10f, 40f, 30f});
        StrokeSolver.Solution s = StrokeSolver.solve(scene(1), W, H, before, before, List.of(keep, remove));
        assertEquals(0, s.alpha[20 * W + 40], "the Remove stroke drawn last wins");
        assertEquals(255, s.alpha[20 * W + 25] & 0xFF);
    }

    @Test
    void theSameStrokesOnTheImageAtTwiceTheSizeGiveTheSameCut() {
        byte[] small = alpha(1, 1 << 3);
        Stroke keep = new Stroke(Stroke.Kind.KEEP, 4f, IN_A);
        StrokeSolver.Solution s1 = StrokeSolver.solve(scene(1), W, H, small, small, List.of(keep));
        byte[] big = alpha(2, 1 << 3);
        StrokeSolver.Solution s2 = StrokeSolver.solve(scene(2), 2 * W, 2 * H, big, big, List.of(keep.scaled(2f)));
        for (int p = 0; p <= 3; p++) {
            assertEquals(opaqueShare(s1.alpha, 1, p), opaqueShare(s2.alpha, 2, p), 0.01, "patch " + p);
        }
        int differ = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                boolean a = (s1.alpha[y * W + x] & 0xFF) >= 128;
                boolean b = (s2.alpha[(2 * y) * 2 * W + 2 * x] & 0xFF) >= 128;
                differ += a == b ? 0 : 1;
            }
        }
        assertTrue(differ < W * H / 200, "pixels on different sides: " + differ);
    }

    @Test
    void scaledScalesPointsAndRadius() {
        Stroke s = new Stroke(Stroke.Kind.REMOVE, 2f, new float[] {1f, 2f, 3f, 4f}).scaled(0.5f);
        assertEquals(Stroke.Kind.REMOVE, s.kind);
        assertEquals(1f, s.radius);
        assertArrayEquals(new float[] {0.5f, 1f, 1.5f, 2f}, s.points());
        assertThrows(IllegalArgumentException.class, () -> s.scaled(0f));
    }

    @Test
    void solvingTwiceGivesTheSameBytes() {
        byte[] rgba = scene(1);
        byte[] before = alpha(1, (1 << 2) | (1 << 3));
        List<Stroke> strokes = List.of(new Stroke(Stroke.Kind.KEEP, 4f, IN_A),
                new Stroke(Stroke.Kind.REMOVE, 3f, new float[] {130f, 60f, 140f, 90f}));
        StrokeSolver.Solution a = StrokeSolver.solve(rgba, W, H, before, before, strokes);
        StrokeSolver.Solution b = StrokeSolver.solve(rgba, W, H, before, before, strokes);
        assertArrayEquals(a.alpha, b.alpha);
        assertEquals(a.changed, b.changed);
    }

    @Test
    void noStrokesLeaveTheAlphaAsItIs() {
        byte[] before = alpha(1, 1 << 3);
        StrokeSolver.Solution s = StrokeSolver.solve(scene(1), W, H, before, before, List.of());
        assertArrayEquals(before, s.alpha);
        assertNull(s.changed);
        Stroke outside = new Stroke(Stroke.Kind.KEEP, 3f, new float[] {-50f, -50f, -20f, -40f});
        s = StrokeSolver.solve(scene(1), W, H, before, before, List.of(outside));
        assertArrayEquals(before, s.alpha);
        assertNull(s.changed);
    }

    @Test
    void theCurrentAlphaIsNotModified() {
        byte[] before = alpha(1, 1 << 3);
        byte[] copy = before.clone();
        StrokeSolver.solve(scene(1), W, H, before, before, List.of(new Stroke(Stroke.Kind.KEEP, 4f, IN_A)));
        assertArrayEquals(copy, before);
    }

    @Test
    void badInputIsRefused() {
        byte[] a = new byte[W * H];
        List<Stroke> none = List.of();
        assertThrows(IllegalArgumentException.class, () -> StrokeSolver.solve(new byte[3], W, H, a, a, none));
        assertThrows(IllegalArgumentException.class,
                () -> StrokeSolver.solve(scene(1), W, H, new byte[2], a, none));
        assertThrows(IllegalArgumentException.class, () -> new Stroke(Stroke.Kind.KEEP, 0f, new float[] {1f, 1f}));
        assertThrows(IllegalArgumentException.class, () -> new Stroke(Stroke.Kind.KEEP, 1f, new float[] {1f}));
        assertThrows(IllegalArgumentException.class, () -> new Stroke(null, 1f, new float[] {1f, 1f}));
        assertThrows(IllegalArgumentException.class,
                () -> new Stroke(Stroke.Kind.KEEP, 1f, new float[] {Float.NaN, 1f}));
    }

    @Test
    void theChangedBoxHoldsEveryChangedPixel() {
        byte[] before = alpha(1, 1 << 3);
        StrokeSolver.Solution s = StrokeSolver.solve(scene(1), W, H, before, before,
                List.of(new Stroke(Stroke.Kind.KEEP, 4f, IN_A)));
        Rect c = s.changed;
        assertNotNull(c);
        for (int i = 0; i < before.length; i++) {
            if (before[i] != s.alpha[i]) {
                assertTrue(c.contains(i % W, i / W), "changed pixel " + i % W + "," + i / W + " outside " + c);
            }
        }
        assertTrue(c.contains(new Rect(30, 40, 70, 70)), "the whole patch: " + c);
    }
}
