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

    /**
     * A subject (brown, x < 400) against a blue-grey background, on an 800x400 photo (2-pixel bins): the alpha is
     * {@code wrongTo} wide on the wrong side of the true edge, and a stroke 16 pixels wide runs along the wrong
     * strip, reaching 4 to 6 pixels across the edge.
     */
    private static StrokeSolver.Solution strokeAlongAnEdge(Stroke.Kind kind, int edgeX, float strokeX) {
        int w = 800;
        int h = 400;
        byte[] rgba = new byte[4 * w * h];
        byte[] alpha = new byte[w * h];
        Random rnd = new Random(11);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int[] c = x < 400 ? new int[] {150, 90, 50} : new int[] {90, 110, 150};
                int t = 4 * (y * w + x);
                for (int k = 0; k < 3; k++) {
                    rgba[t + k] = (byte) Math.max(0, Math.min(255, c[k] + (int) Math.round(rnd.nextGaussian() * 4)));
                }
                rgba[t + 3] = (byte) 255;
                alpha[y * w + x] = (byte) (x < edgeX ? 255 : 0);
            }
        }
        Stroke s = new Stroke(kind, 8f, new float[] {strokeX, 60f, strokeX, 200f, strokeX, 340f});
        return StrokeSolver.solve(rgba, w, h, alpha, alpha, List.of(s));
    }

    @Test
    void aRemoveStrokeAcrossAStrongEdgeLeavesTheSubjectUntouched() {
        // The alpha holds 4 pixels of background; the stroke's centre is on them, its disc reaches x = 394. The
        // background is cleared along the whole edge, the subject stays.
        StrokeSolver.Solution s = strokeAlongAnEdge(Stroke.Kind.REMOVE, 404, 402f);
        int w = 800;
        for (int y = 0; y < 400; y++) {
            for (int x = 0; x < 800; x++) {
                int a = s.alpha[y * w + x] & 0xFF;
                if (x < 397) {
                    assertEquals(255, a, "subject at " + x + "," + y);
                } else if (x < 403) {
                    // The edge's bins are matted again (as the matting step does): to within 15 % there.
                    assertEquals(x < 400 ? 255 : 0, a, 40, "edge at " + x + "," + y);
                } else if (y >= 60 && y < 340) {
                    assertEquals(0, a, "background along the stroke at " + x + "," + y);
                }
            }
        }
    }

    @Test
    void aKeepStrokeAcrossAStrongEdgeLeavesTheBackgroundUntouched() {
        // The alpha misses 4 pixels of subject; the stroke's centre is on them, its disc reaches x = 406.
        StrokeSolver.Solution s = strokeAlongAnEdge(Stroke.Kind.KEEP, 396, 398f);
        int w = 800;
        for (int y = 0; y < 400; y++) {
            for (int x = 0; x < 800; x++) {
                int a = s.alpha[y * w + x] & 0xFF;
                if (x >= 403) {
                    assertEquals(0, a, "background at " + x + "," + y);
                } else if (x >= 397) {
                    assertEquals(x < 400 ? 255 : 0, a, 40, "edge at " + x + "," + y);
                } else if (y >= 60 && y < 340 && x >= 390) {
                    assertEquals(255, a, "subject under the stroke at " + x + "," + y);
                }
            }
        }
    }

    @Test
    void aKeepStrokeOnOnePartOfATwoColourObjectWithNoEdgeBetweenThePartsBringsBackBoth() {
        // 400x300: a grey background; the object x 100..259, y 100..199, red on the left turning to orange over
        // x 160..199 (no strong edge between the parts), with a sharp edge to the background. The alpha missed it;
        // the stroke runs across the red part.
        int w = 400;
        int h = 300;
        byte[] rgba = new byte[4 * w * h];
        Random rnd = new Random(5);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int[] c = GREY;
                if (x >= 100 && x < 260 && y >= 100 && y < 200) {
                    float t = Math.max(0f, Math.min(1f, (x - 160) / 40f));
                    c = new int[] {Math.round(200 + 30 * t), Math.round(40 + 110 * t), 40};
                }
                int o = 4 * (y * w + x);
                for (int k = 0; k < 3; k++) {
                    rgba[o + k] = (byte) Math.max(0, Math.min(255, c[k] + (int) Math.round(rnd.nextGaussian() * 4)));
                }
                rgba[o + 3] = (byte) 255;
            }
        }
        byte[] before = new byte[w * h];
        StrokeSolver.Solution s = StrokeSolver.solve(rgba, w, h, before, before,
                List.of(new Stroke(Stroke.Kind.KEEP, 4f, new float[] {105f, 150f, 175f, 150f})));
        int inside = 0;
        int kept = 0;
        int outside = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int a = s.alpha[y * w + x] & 0xFF;
                if (x >= 102 && x < 258 && y >= 102 && y < 198) {
                    inside++;
                    kept += a >= 128 ? 1 : 0;
                    if (x >= 210) {
                        assertTrue(a >= 128, "the orange part at " + x + "," + y);
                    }
                } else if (x < 98 || x >= 262 || y < 98 || y >= 202) {
                    outside += a == 0 ? 0 : 1;
                }
            }
        }
        assertTrue(kept > 0.99 * inside, "kept " + kept + " of " + inside);
        assertEquals(0, outside, "background pixels not clear");
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

    private static final int[] BLUE = {40, 60, 200};

    /**
     * A 400x300 scene: grey, with each {x0, y0, x1, y1} box (ends exclusive) filled with its colour, later boxes on
     * top, and light noise.
     */
    private static byte[] boxes(int[][] boxes, int[][] colours) {
        int w = 400;
        int h = 300;
        byte[] rgba = new byte[4 * w * h];
        Random rnd = new Random(11);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int[] c = GREY;
                for (int b = 0; b < boxes.length; b++) {
                    int[] r = boxes[b];
                    if (x >= r[0] && x < r[2] && y >= r[1] && y < r[3]) {
                        c = colours[b];
                    }
                }
                int o = 4 * (y * w + x);
                for (int k = 0; k < 3; k++) {
                    rgba[o + k] = (byte) Math.max(0, Math.min(255, c[k] + (int) Math.round(rnd.nextGaussian() * 4)));
                }
                rgba[o + 3] = (byte) 255;
            }
        }
        return rgba;
    }

    /** Share of the 400-wide alpha's pixels in the box (one pixel in from its edges) with alpha at least 128. */
    private static double opaqueIn(byte[] a, int x0, int y0, int x1, int y1) {
        int inside = 0;
        int opaque = 0;
        for (int y = y0 + 1; y < y1 - 1; y++) {
            for (int x = x0 + 1; x < x1 - 1; x++) {
                inside++;
                opaque += (a[y * 400 + x] & 0xFF) >= 128 ? 1 : 0;
            }
        }
        return (double) opaque / inside;
    }

    @Test
    void aSmallHoleOfAnotherColourThatTheKeepSideEnclosesComesWithIt() {
        // A red object the alpha missed, with a blue spot inside it; blue is also in the background (top right), so
        // neither the flood (red only) nor the second stage (a colour the background has) enters the spot.
        int[][] box = {{100, 80, 260, 220}, {160, 140, 200, 180}, {320, 20, 380, 80}};
        byte[] rgba = boxes(box, new int[][] {RED, BLUE, BLUE});
        byte[] before = new byte[400 * 300];
        StrokeSolver.Solution s = StrokeSolver.solve(rgba, 400, 300, before, before,
                List.of(new Stroke(Stroke.Kind.KEEP, 4f, new float[] {110f, 110f, 250f, 110f})));
        assertTrue(opaqueIn(s.alpha, 100, 80, 160, 220) > 0.99, "red kept: " + opaqueIn(s.alpha, 100, 80, 160, 220));
        assertEquals(1.0, opaqueIn(s.alpha, 160, 140, 200, 180), "the enclosed blue spot");
        assertEquals(0.0, opaqueIn(s.alpha, 320, 20, 380, 80), "the background's blue");
        assertEquals(0.0, opaqueIn(s.alpha, 270, 0, 400, 20), "the background");
    }

    @Test
    void aGapThatShowsTheBackgroundAroundTheSubjectStaysOut() {
        // The same red object with a grey spot inside, the colour of the background around it: the background seen
        // through a gap, not a part of the object. A blue spot beside it, blue only far away, still comes.
        int[][] box = {{100, 80, 260, 220}, {140, 140, 170, 170}, {200, 140, 230, 170}, {320, 20, 380, 80}};
        byte[] rgba = boxes(box, new int[][] {RED, GREY, BLUE, BLUE});
        byte[] before = new byte[400 * 300];
        StrokeSolver.Solution s = StrokeSolver.solve(rgba, 400, 300, before, before,
                List.of(new Stroke(Stroke.Kind.KEEP, 4f, new float[] {110f, 110f, 250f, 110f})));
        assertTrue(opaqueIn(s.alpha, 100, 80, 140, 220) > 0.99, "red kept: " + opaqueIn(s.alpha, 100, 80, 140, 220));
        assertEquals(0.0, opaqueIn(s.alpha, 142, 142, 168, 168), "the grey gap");
        assertEquals(1.0, opaqueIn(s.alpha, 200, 140, 230, 170), "the blue spot");
        assertEquals(0.0, opaqueIn(s.alpha, 320, 20, 380, 80), "the background's blue");
    }

    @Test
    void aLargeEnclosedRegionOfAnotherColourStaysOut() {
        // The same red object around a blue region more than a tenth of its size: a frame, not a spot.
        int[][] box = {{100, 80, 260, 220}, {130, 130, 230, 210}, {320, 20, 380, 80}};
        byte[] rgba = boxes(box, new int[][] {RED, BLUE, BLUE});
        byte[] before = new byte[400 * 300];
        StrokeSolver.Solution s = StrokeSolver.solve(rgba, 400, 300, before, before,
                List.of(new Stroke(Stroke.Kind.KEEP, 4f, new float[] {110f, 105f, 250f, 105f})));
        assertTrue(opaqueIn(s.alpha, 100, 80, 260, 130) > 0.99, "red kept: " + opaqueIn(s.alpha, 100, 80, 260, 130));
        assertEquals(0.0, opaqueIn(s.alpha, 140, 140, 220, 200), "the blue inside the frame");
    }

    @Test
    void aKeepStrokeOnAMissedPartNextToTheSubjectFloodsItThoughTheBackgroundHasItsColourFarAway() {
        // The alpha has a large yellow subject (left); the red part right of it, touching it, was missed; red is also
        // the background's far away (top right). Most bins within the stroke's reach are subject, but none of its
        // own colour: the stroke lies on a part the model missed, so the far red does not guard its flood.
        int[][] box = {{0, 40, 150, 260}, {150, 70, 280, 230}, {345, 5, 395, 45}};
        byte[] rgba = boxes(box, new int[][] {YELLOW, RED, RED});
        byte[] before = new byte[400 * 300];
        for (int y = 40; y < 260; y++) {
            for (int x = 0; x < 150; x++) {
                before[y * 400 + x] = (byte) 255;
            }
        }
        StrokeSolver.Solution s = StrokeSolver.solve(rgba, 400, 300, before, before,
                List.of(new Stroke(Stroke.Kind.KEEP, 4f, new float[] {165f, 150f, 215f, 150f})));
        assertTrue(opaqueIn(s.alpha, 150, 70, 280, 230) > 0.99, "red part: " + opaqueIn(s.alpha, 150, 70, 280, 230));
        assertEquals(1.0, opaqueIn(s.alpha, 0, 40, 150, 260), "the subject stays");
        assertEquals(0.0, opaqueIn(s.alpha, 345, 5, 395, 45), "the far red stays out");
    }

    @Test
    void whatAKeepStrokesFloodFixedStaysThoughItsColourIsRareAmongTheKeepSeeds() {
        // A yellow subject the alpha has, with a long Keep stroke on it, and a red part of it the alpha missed, with
        // a short one; a wide red band far below is background. Among the Keep seeds red is a small share (the long
        // stroke's yellow is most), among the background's bins a large one: the colour gate, which judges the bins
        // the walk moves, would send the red part back, but the short stroke's flood fixed it.
        int[][] box = {{20, 40, 200, 200}, {200, 60, 300, 140}, {0, 250, 400, 300}};
        byte[] rgba = boxes(box, new int[][] {YELLOW, RED, RED});
        byte[] before = new byte[400 * 300];
        for (int y = 40; y < 200; y++) {
            for (int x = 20; x < 200; x++) {
                before[y * 400 + x] = (byte) 255;
            }
        }
        StrokeSolver.Solution s = StrokeSolver.solve(rgba, 400, 300, before, before, List.of(
                new Stroke(Stroke.Kind.KEEP, 5f, new float[] {30f, 60f, 190f, 60f, 190f, 180f, 30f, 180f}),
                new Stroke(Stroke.Kind.KEEP, 4f, new float[] {210f, 100f, 240f, 100f})));
        assertTrue(opaqueIn(s.alpha, 200, 60, 300, 140) > 0.99, "red part: " + opaqueIn(s.alpha, 200, 60, 300, 140));
        assertEquals(1.0, opaqueIn(s.alpha, 20, 40, 200, 200), "the subject stays");
        assertEquals(0.0, opaqueIn(s.alpha, 0, 250, 400, 300), "the red band stays out");
    }

    private static final int[] BROWN = {120, 80, 50};

    private static final int[][] GAPS = {{70, 41}, {120, 41}, {160, 41}};

    /**
     * 400x300, grey: a brown wall (x 20..219, y 10..89) behind a green crown (x 40..199, y 30..65) with {@link #GAPS},
     * 6-pixel brown cores fading into green over 6 pixels (weak edges), and, with {@code trunk}, a brown trunk (x
     * 260..329, y 170..289). Returns the photo and its true alpha (the crown without the gaps, the trunk).
     */
    private static byte[][] crown(boolean trunk) {
        byte[] rgba = new byte[4 * 400 * 300];
        byte[] truth = new byte[400 * 300];
        Random rnd = new Random(5);
        for (int y = 0; y < 300; y++) {
            for (int x = 0; x < 400; x++) {
                int[] c = GREY;
                boolean subject = false;
                if (trunk && x >= 260 && x < 330 && y >= 170 && y < 290) {
                    c = BROWN;
                    subject = true;
                } else if (x >= 40 && x < 200 && y >= 30 && y < 66) {
                    float t = 1f;
                    for (int[] gap : GAPS) {
                        float d = Math.max(Math.abs(x + 0.5f - gap[0]), Math.abs(y + 0.5f - gap[1]));
                        t = Math.min(t, Math.max(0f, Math.min(1f, (d - 3f) / 6f)));
                    }
                    c = new int[3];
                    for (int k = 0; k < 3; k++) {
                        c[k] = Math.round(BROWN[k] + t * (GREEN[k] - BROWN[k]));
                    }
                    subject = t >= 0.5f;
                } else if (x >= 20 && x < 220 && y >= 10 && y < 90) {
                    c = BROWN;
                }
                int o = 4 * (y * 400 + x);
                for (int k = 0; k < 3; k++) {
                    rgba[o + k] = (byte) Math.max(0, Math.min(255, c[k] + (int) Math.round(rnd.nextGaussian() * 4)));
                }
                rgba[o + 3] = (byte) 255;
                truth[y * 400 + x] = subject ? (byte) 255 : 0;
            }
        }
        return new byte[][] {rgba, truth};
    }

    /** Share of each gap's 6-pixel core, one pixel in, with alpha at least 128: the most over the gaps. */
    private static double gapShare(byte[] alpha) {
        double most = 0;
        for (int[] gap : GAPS) {
            most = Math.max(most, opaqueIn(alpha, gap[0] - 3, gap[1] - 3, gap[0] + 3, gap[1] + 3));
        }
        return most;
    }

    @Test
    void gapsBetweenTheLeavesStayOutThoughAnotherStrokePaintedTheirColourElsewhere() {
        // The crown and the trunk, which the alpha has; a Keep stroke on each. The walk fills the gaps, whose edges
        // are weak; the Keep seeds have brown (the trunk's), and brown is a small share of the background's bins, so
        // the colour gate lets them through. Near the gaps brown is the background's: most of each stays out (all
        // of it comes without the local gate; the rim is the matting band's).
        byte[][] scene = crown(true);
        StrokeSolver.Solution s = StrokeSolver.solve(scene[0], 400, 300, scene[1], scene[1], List.of(
                new Stroke(Stroke.Kind.KEEP, 3f, new float[] {45f, 35f, 45f, 60f, 195f, 60f, 195f, 35f}),
                new Stroke(Stroke.Kind.KEEP, 4f, new float[] {295f, 180f, 295f, 280f})));
        assertTrue(opaqueIn(s.alpha, 40, 52, 200, 66) > 0.99, "the crown: " + opaqueIn(s.alpha, 40, 52, 200, 66));
        assertTrue(opaqueIn(s.alpha, 260, 170, 330, 290) > 0.99, "the trunk: "
                + opaqueIn(s.alpha, 260, 170, 330, 290));
        assertTrue(gapShare(s.alpha) < 0.5, "a gap: " + gapShare(s.alpha));
        assertEquals(0.0, opaqueIn(s.alpha, 20, 10, 220, 28), "the wall");
    }

    @Test
    void aKeepStrokeOnAMissedPartDoesNotConfirmTheModelsWeakEvidenceOverGapsOfTheBackgroundsColour() {
        // The crown, which the alpha missed; the model's weak evidence covers it, gaps included (its mask is blurred).
        // A Keep stroke on the crown takes it, and not the gaps' brown, which the wall around has and the crown not.
        byte[][] scene = crown(false);
        float[] model = new float[100 * 75];
        for (int y = 7; y < 17; y++) {
            for (int x = 10; x < 50; x++) {
                model[y * 100 + x] = 0.2f;
            }
        }
        byte[] before = new byte[400 * 300];
        StrokeSolver.Solution s = StrokeSolver.solve(scene[0], 400, 300, before, before, List.of(
                new Stroke(Stroke.Kind.KEEP, 3f, new float[] {45f, 35f, 45f, 60f, 195f, 60f, 195f, 35f})), model, 100,
                75);
        assertTrue(opaqueIn(s.alpha, 40, 52, 200, 66) > 0.99, "the crown: " + opaqueIn(s.alpha, 40, 52, 200, 66));
        assertTrue(gapShare(s.alpha) < 0.5, "a gap: " + gapShare(s.alpha));
        assertEquals(0.0, opaqueIn(s.alpha, 20, 10, 220, 28), "the wall");
    }

    /**
     * 400x300: an object the alpha missed, red (x 100..179) turning over x 180..219 into blue (to x 299), y 100..199;
     * a blue patch in the background (top right) and a red one (bottom left, away from the object).
     */
    private static byte[] twoPartObject() {
        int w = 400;
        int h = 300;
        byte[] rgba = new byte[4 * w * h];
        Random rnd = new Random(13);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int[] c = GREY;
                if (x >= 100 && x < 300 && y >= 100 && y < 200) {
                    float t = Math.max(0f, Math.min(1f, (x - 180) / 40f));
                    c = new int[] {Math.round(200 - 140 * t), Math.round(40 + 20 * t), Math.round(40 + 160 * t)};
                } else if (x >= 330 && x < 390 && y >= 10 && y < 70) {
                    c = BLUE;
                } else if (x >= 10 && x < 60 && y >= 230 && y < 290) {
                    c = RED;
                }
                int o = 4 * (y * w + x);
                for (int k = 0; k < 3; k++) {
                    rgba[o + k] = (byte) Math.max(0, Math.min(255, c[k] + (int) Math.round(rnd.nextGaussian() * 4)));
                }
                rgba[o + 3] = (byte) 255;
            }
        }
        return rgba;
    }

    /** A 100x75 model mask stretched over the 400x300 scene: {@code weak} over the object and the blue patch. */
    private static float[] weakModel(float weak) {
        float[] m = new float[100 * 75];
        for (int y = 0; y < 75; y++) {
            for (int x = 0; x < 100; x++) {
                boolean object = x >= 25 && x < 75 && y >= 25 && y < 50;
                boolean patch = x >= 83 && x < 97 && y >= 3 && y < 17;
                m[y * 100 + x] = object || patch ? weak : 0f;
            }
        }
        return m;
    }

    @Test
    void aKeepStrokeOnAMissedPartConfirmsTheModelsWeakEvidenceConnectedToIt() {
        byte[] rgba = twoPartObject();
        byte[] before = new byte[400 * 300];
        List<Stroke> keep = List.of(new Stroke(Stroke.Kind.KEEP, 4f, new float[] {110f, 150f, 170f, 150f}));
        StrokeSolver.Solution without = StrokeSolver.solve(rgba, 400, 300, before, before, keep);
        assertEquals(0.0, opaqueIn(without.alpha, 240, 100, 300, 200), "without the model the blue part stays out");
        StrokeSolver.Solution s = StrokeSolver.solve(rgba, 400, 300, before, before, keep, weakModel(0.2f), 100, 75);
        double object = opaqueIn(s.alpha, 100, 100, 300, 200);
        assertTrue(object > 0.99, "the object: " + object);
        assertEquals(0.0, opaqueIn(s.alpha, 330, 10, 390, 70), "weak evidence behind the background stays out");
        assertEquals(0.0, opaqueIn(s.alpha, 10, 230, 60, 290), "the stroke's colour far away stays out");
        StrokeSolver.Solution faint = StrokeSolver.solve(rgba, 400, 300, before, before, keep, weakModel(0.02f), 100,
                75);
        assertEquals(0.0, opaqueIn(faint.alpha, 240, 100, 300, 200), "below the model's least evidence");
        assertThrows(IllegalArgumentException.class,
                () -> StrokeSolver.solve(rgba, 400, 300, before, before, keep, new float[10], 100, 75));
    }

    @Test
    void aKeepStrokeOnAMissedPartTakesAllOfItBeyondItsReachByTheCut() {
        // A red bar 360 pixels long that the alpha missed, with dark knots (a colour the stroke did not paint) along
        // it, and a red patch apart from it in the background. A stroke over the bar's first fifth floods about half
        // of it; the cut takes the rest of the bar, knots included, and not the patch.
        byte[] rgba = knottedBar();
        byte[] before = new byte[400 * 300];
        List<Stroke> keep = List.of(new Stroke(Stroke.Kind.KEEP, 4f, new float[] {30f, 155f, 100f, 155f}));
        StrokeSolver.Solution s = StrokeSolver.solve(rgba, 400, 300, before, before, keep);
        assertTrue(opaqueIn(s.alpha, 22, 142, 378, 168) > 0.99, "the bar: " + opaqueIn(s.alpha, 22, 142, 378, 168));
        assertEquals(1.0, opaqueIn(s.alpha, 240, 148, 246, 154), "a knot");
        assertEquals(0.0, opaqueIn(s.alpha, 0, 0, 400, 130), "the background above");
        assertEquals(0.0, opaqueIn(s.alpha, 0, 180, 400, 300), "the background below");
        assertEquals(0.0, opaqueIn(s.alpha, 300, 20, 360, 60), "the red patch apart");
    }

    @Test
    void aProposalMuchLargerThanItsFloodIsDropped() {
        // A stroke 10 pixels long at the bar's left end floods some 1500 bins; the cut proposes the whole bar, more
        // than that: the proposal is dropped, the flood stays, and the bar's right part is left to a next stroke.
        byte[] rgba = knottedBar();
        byte[] before = new byte[400 * 300];
        List<Stroke> keep = List.of(new Stroke(Stroke.Kind.KEEP, 4f, new float[] {30f, 155f, 40f, 155f}));
        StrokeSolver.Solution s = StrokeSolver.solve(rgba, 400, 300, before, before, keep);
        assertEquals(1.0, opaqueIn(s.alpha, 22, 142, 60, 168), "the bar's left end");
        assertEquals(0.0, opaqueIn(s.alpha, 240, 142, 378, 168), "the bar's right part");
        assertEquals(0.0, opaqueIn(s.alpha, 0, 0, 400, 130), "the background above");
        List<Stroke> two = List.of(keep.get(0), new Stroke(Stroke.Kind.KEEP, 4f, new float[] {200f, 155f, 300f, 155f}));
        StrokeSolver.Solution next = StrokeSolver.solve(rgba, 400, 300, before, s.alpha, two);
        assertTrue(opaqueIn(next.alpha, 22, 142, 378, 168) > 0.99, "the bar after a second stroke: "
                + opaqueIn(next.alpha, 22, 142, 378, 168));
    }

    /** A red bar with two dark knots and a red patch apart, on the grey background of {@link #boxes}. */
    private static byte[] knottedBar() {
        int[][] box = {{20, 140, 380, 170}, {120, 150, 126, 156}, {240, 148, 246, 154}, {300, 20, 360, 60}};
        int[] dark = {60, 30, 40};
        return boxes(box, new int[][] {RED, dark, dark, RED});
    }
}
