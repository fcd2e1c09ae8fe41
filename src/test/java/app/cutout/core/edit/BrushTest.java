package app.cutout.core.edit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import app.cutout.core.edit.Brush.Mode;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BrushTest {

    @Test
    void hardSegmentWritesExactZeroInsideTheRadiusOnly() {
        // Segment (2.5, 2.5) to (6.5, 2.5), radius 1.5, on a 10x5 mask of 255. Pixel centres are at +0.5.
        // Row 2 (on the segment): columns 1..7 are within 1.5 (column 0: centre 0.5, distance 2; column 8: 2).
        // Rows 1 and 3 (dy 1): columns 1 and 7 are at sqrt(1 + 1) = 1.41 <= 1.5, columns 0 and 8 at sqrt(5).
        // Rows 0 and 4: dy 2 > 1.5.
        byte[] alpha = filled(10 * 5, 255);
        Rect dirty = Brush.paintSegment(alpha, null, 10, 5, 2.5, 2.5, 6.5, 2.5, 1.5, 0, Mode.ERASE, 1f);
        int[] expected = {
            255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
            255, 0, 0, 0, 0, 0, 0, 0, 255, 255,
            255, 0, 0, 0, 0, 0, 0, 0, 255, 255,
            255, 0, 0, 0, 0, 0, 0, 0, 255, 255,
            255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
        };
        assertArrayEquals(bytes(expected), alpha);
        // Centres within [1, 8] x [1, 4]: columns ceil(0.5)=1 .. floor(7.5)=7, rows 1 .. floor(3.5)=3.
        assertEquals(new Rect(1, 1, 7, 3), dirty);
        assertEquals(dirty, Brush.segmentBounds(10, 5, 2.5, 2.5, 6.5, 2.5, 1.5));
    }

    @Test
    void hardAddWritesExact255() {
        byte[] alpha = new byte[3 * 3];
        Brush.paintSegment(alpha, null, 3, 3, 1.5, 1.5, 1.5, 1.5, 1.0, 0, Mode.ADD, 1f);
        // Centre pixel at distance 0, its 4 neighbours at distance 1 (<= radius), corners at 1.41.
        assertArrayEquals(bytes(0, 255, 0, 255, 255, 255, 0, 255, 0), alpha);
    }

    @Test
    void softFalloffIsSmoothstep() {
        // Dab at (3, 0.5), radius 4, softness 0.5: inner radius 2, band 2. Column centres px + 0.5 give distances
        // 2.5, 1.5, 0.5, 0.5, 1.5, 2.5, 3.5, 4.5.
        // d 2.5: t = (4 - 2.5) / 2 = 0.75, smoothstep 0.5625 * 1.5 = 0.84375, w = 55296;
        //   erase: (255 * (65536 - 55296) + 32768) >> 16 = (2611200 + 32768) >> 16 = 40.
        // d 3.5: t = 0.25, smoothstep 0.0625 * 2.5 = 0.15625, w = 10240;
        //   erase: (255 * 55296 + 32768) >> 16 = 14133248 >> 16 = 215.
        // d 4.5 > radius: untouched.
        byte[] alpha = filled(8, 255);
        Rect dirty = Brush.paintSegment(alpha, null, 8, 1, 3.0, 0.5, 3.0, 0.5, 4, 0.5, Mode.ERASE, 1f);
        assertArrayEquals(bytes(40, 0, 0, 0, 0, 40, 215, 255), alpha);
        // Columns ceil(3 - 4 - 0.5) = -1 -> 0 .. floor(3 + 4 - 0.5) = 6.
        assertEquals(new Rect(0, 0, 7, 1), dirty);

        // Add from 0: (255 * 55296 + 32768) >> 16 = 215 and (255 * 10240 + 32768) >> 16 = 40.
        byte[] added = new byte[8];
        Brush.paintSegment(added, null, 8, 1, 3.0, 0.5, 3.0, 0.5, 4, 0.5, Mode.ADD, 1f);
        assertArrayEquals(bytes(215, 255, 255, 255, 255, 215, 40, 0), added);
    }

    @Test
    void coverageAtTheMidpointOfTheBand() {
        // Radius 4, softness 0.5, distance 3: t = 0.5, smoothstep 0.5, w = 32768:
        // (255 * 32768 + 32768) >> 16 = 8388608 >> 16 = 128.
        byte[] alpha = filled(8, 255);
        Brush.paintSegment(alpha, null, 8, 1, 3.5, 0.5, 3.5, 0.5, 4, 0.5, Mode.ERASE, 1f);
        // Distances 3, 2, 1, 0, 1, 2, 3, 4 (distance 4: coverage 0, unchanged).
        assertArrayEquals(bytes(128, 0, 0, 0, 0, 0, 128, 255), alpha);
    }

    @Test
    void opacityScalesTheMove() {
        // Hard, opacity 0.5: w = 32768, 255 -> (255 * 32768 + 32768) >> 16 = 128 (127.5 rounds up); a second
        // segment over it moves 128 -> (128 * 32768 + 32768) >> 16 = 4227072 >> 16 = 64.
        byte[] alpha = filled(1, 255);
        Brush.paintSegment(alpha, null, 1, 1, 0.5, 0.5, 0.5, 0.5, 1, 0, Mode.ERASE, 0.5f);
        assertEquals(128, alpha[0] & 0xFF);
        Brush.paintSegment(alpha, null, 1, 1, 0.5, 0.5, 0.5, 0.5, 1, 0, Mode.ERASE, 0.5f);
        assertEquals(64, alpha[0] & 0xFF);
    }

    @Test
    void strokeStartKeepsMaximumCoverageAcrossSegments() {
        // The same two half-opacity dabs inside one recorded stroke: both aim at 255 -> 128, so the pixel stays 128.
        byte[] alpha = filled(1, 255);
        UndoStack undo = new UndoStack(1, 1);
        undo.begin(alpha);
        for (int i = 0; i < 2; i++) {
            undo.record(Brush.segmentBounds(1, 1, 0.5, 0.5, 0.5, 0.5, 1));
            Brush.paintSegment(alpha, null, 1, 1, 0.5, 0.5, 0.5, 0.5, 1, 0, Mode.ERASE, 0.5f, undo);
        }
        undo.end();
        assertEquals(128, alpha[0] & 0xFF);
    }

    @Test
    void restoreMovesTowardTheModelAlpha() {
        byte[] model = bytes(0, 100, 255);
        byte[] alpha = bytes(255, 0, 0);
        Brush.paintSegment(alpha, model, 3, 1, 0.5, 0.5, 2.5, 0.5, 1, 0, Mode.RESTORE, 1f);
        assertArrayEquals(model, alpha);
        // Half opacity: 255 -> (255 * 32768 + 0 + 32768) >> 16 = 128; 0 -> (100 * 32768 + 32768) >> 16 = 50;
        // 0 -> (255 * 32768 + 32768) >> 16 = 128.
        byte[] half = bytes(255, 0, 0);
        Brush.paintSegment(half, model, 3, 1, 0.5, 0.5, 2.5, 0.5, 1, 0, Mode.RESTORE, 0.5f);
        assertArrayEquals(bytes(128, 50, 128), half);
    }

    @Test
    void segmentOffTheImageTouchesNothing() {
        byte[] alpha = filled(16, 77);
        assertNull(Brush.paintSegment(alpha, null, 4, 4, -10, -10, -6, -3, 2, 0.3, Mode.ERASE, 1f));
        assertNull(Brush.segmentBounds(4, 4, 100, 1, 200, 1, 5));
        assertArrayEquals(filled(16, 77), alpha);
    }

    @Test
    void pixelsOutsideTheCapsuleAreUntouched() {
        Random random = new Random(7);
        int width = 97;
        int height = 61;
        for (int n = 0; n < 300; n++) {
            byte[] alpha = randomBytes(random, width * height);
            byte[] before = alpha.clone();
            double x0 = random.nextDouble() * 140 - 20;
            double y0 = random.nextDouble() * 100 - 20;
            double x1 = random.nextInt(4) == 0 ? x0 : random.nextDouble() * 140 - 20;
            double y1 = random.nextInt(4) == 0 ? y0 : random.nextDouble() * 100 - 20;
            double radius = 0.3 + random.nextDouble() * 25;
            double softness = random.nextInt(3) == 0 ? 0 : random.nextDouble();
            Mode mode = random.nextBoolean() ? Mode.ERASE : Mode.ADD;
            Rect dirty = Brush.paintSegment(alpha, null, width, height, x0, y0, x1, y1, radius, softness, mode, 1f);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int i = y * width + x;
                    double d = distanceToSegment(x + 0.5, y + 0.5, x0, y0, x1, y1);
                    if ((d > radius + 1e-9 || dirty == null || !dirty.contains(x, y)) && before[i] != alpha[i]) {
                        fail("pixel " + x + "," + y + " outside the capsule changed in case " + n);
                    }
                    if (softness == 0 && d < radius - 1e-9 && (alpha[i] & 0xFF) != (mode == Mode.ERASE ? 0 : 255)) {
                        fail("pixel " + x + "," + y + " inside a hard brush is " + (alpha[i] & 0xFF) + " in case "
                                + n);
                    }
                }
            }
        }
    }

    @Test
    void matchesNaiveWholeImageEvaluation() {
        Random random = new Random(2025);
        int width = 83;
        int height = 71;
        for (int n = 0; n < 300; n++) {
            byte[] alpha = randomBytes(random, width * height);
            byte[] model = randomBytes(random, width * height);
            byte[] expected = alpha.clone();
            double x0 = random.nextDouble() * 120 - 20;
            double y0 = random.nextDouble() * 110 - 20;
            // Long, short, axis-aligned and degenerate segments.
            double x1;
            double y1;
            switch (random.nextInt(4)) {
                case 0:
                    x1 = x0;
                    y1 = y0;
                    break;
                case 1:
                    x1 = x0 + random.nextDouble() * 4 - 2;
                    y1 = y0;
                    break;
                case 2:
                    x1 = x0;
                    y1 = random.nextDouble() * 110 - 20;
                    break;
                default:
                    x1 = random.nextDouble() * 120 - 20;
                    y1 = random.nextDouble() * 110 - 20;
            }
            double radius = 0.2 + random.nextDouble() * 30;
            double softness = random.nextInt(4) == 0 ? 0 : random.nextDouble();
            Mode mode = Mode.values()[random.nextInt(3)];
            float opacity = random.nextInt(3) == 0 ? 1f : random.nextFloat();
            naivePaint(expected, model, width, height, x0, y0, x1, y1, radius, softness, mode, opacity);
            Brush.paintSegment(alpha, model, width, height, x0, y0, x1, y1, radius, softness, mode, opacity);
            assertArrayEquals(expected, alpha, "case " + n);
        }
    }

    @Test
    void strokeMatchesNaiveMaximumCoverage() {
        // Within one stroke the result is the start value moved by the largest weight any segment gave the pixel.
        Random random = new Random(99);
        int width = 150;
        int height = 70;
        for (int n = 0; n < 40; n++) {
            byte[] alpha = randomBytes(random, width * height);
            byte[] model = randomBytes(random, width * height);
            byte[] start = alpha.clone();
            int[] maxWeight = new int[width * height];
            Mode mode = Mode.values()[random.nextInt(3)];
            double radius = 1 + random.nextDouble() * 20;
            double softness = random.nextDouble();
            float opacity = random.nextFloat();
            UndoStack undo = new UndoStack(width, height);
            undo.begin(alpha);
            double x = random.nextDouble() * width;
            double y = random.nextDouble() * height;
            for (int s = 0; s < 12; s++) {
                double nx = x + random.nextDouble() * 30 - 15;
                double ny = y + random.nextDouble() * 30 - 15;
                undo.record(Brush.segmentBounds(width, height, x, y, nx, ny, radius));
                Brush.paintSegment(alpha, model, width, height, x, y, nx, ny, radius, softness, mode, opacity, undo);
                for (int py = 0; py < height; py++) {
                    for (int px = 0; px < width; px++) {
                        int w = naiveWeight(px, py, x, y, nx, ny, radius, softness, opacity);
                        maxWeight[py * width + px] = Math.max(maxWeight[py * width + px], w);
                    }
                }
                x = nx;
                y = ny;
            }
            undo.end();
            for (int i = 0; i < alpha.length; i++) {
                int target = mode == Mode.ERASE ? 0 : mode == Mode.ADD ? 255 : model[i] & 0xFF;
                int w = maxWeight[i];
                int b = start[i] & 0xFF;
                int value = (b * (65536 - w) + target * w + 32768) >>> 16;
                if (value != (alpha[i] & 0xFF)) {
                    assertEquals(value, alpha[i] & 0xFF, "pixel " + i + " of stroke " + n);
                }
            }
        }
    }

    @Test
    void rejectsBadArguments() {
        byte[] alpha = new byte[4];
        assertEquals("Expected 4 alpha bytes for 2x2, got 3", assertThrows(IllegalArgumentException.class,
                () -> Brush.paintSegment(new byte[3], null, 2, 2, 0, 0, 1, 1, 1, 0, Mode.ERASE, 1f)).getMessage());
        assertEquals("Expected a positive finite radius, got 0.0", assertThrows(IllegalArgumentException.class,
                () -> Brush.paintSegment(alpha, null, 2, 2, 0, 0, 1, 1, 0, 0, Mode.ERASE, 1f)).getMessage());
        assertEquals("Expected softness in [0, 1], got 1.5", assertThrows(IllegalArgumentException.class,
                () -> Brush.paintSegment(alpha, null, 2, 2, 0, 0, 1, 1, 1, 1.5, Mode.ERASE, 1f)).getMessage());
        assertEquals("Expected opacity in [0, 1], got NaN", assertThrows(IllegalArgumentException.class,
                () -> Brush.paintSegment(alpha, null, 2, 2, 0, 0, 1, 1, 1, 0, Mode.ERASE, Float.NaN)).getMessage());
        assertEquals("Expected a finite x1, got Infinity", assertThrows(IllegalArgumentException.class,
                () -> Brush.paintSegment(alpha, null, 2, 2, 0, 0, Double.POSITIVE_INFINITY, 1, 1, 0, Mode.ERASE, 1f))
                .getMessage());
        assertEquals("Expected model alpha for mode RESTORE, got null", assertThrows(IllegalArgumentException.class,
                () -> Brush.paintSegment(alpha, null, 2, 2, 0, 0, 1, 1, 1, 0, Mode.RESTORE, 1f)).getMessage());
        assertEquals("Expected a brush mode, got null", assertThrows(IllegalArgumentException.class,
                () -> Brush.paintSegment(alpha, null, 2, 2, 0, 0, 1, 1, 1, 0, null, 1f)).getMessage());
    }

    @Test
    void boundsHoldEveryChangedPixel() {
        Random random = new Random(3);
        for (int n = 0; n < 200; n++) {
            int width = 1 + random.nextInt(60);
            int height = 1 + random.nextInt(60);
            byte[] alpha = filled(width * height, 255);
            double x0 = random.nextDouble() * 80 - 10;
            double y0 = random.nextDouble() * 80 - 10;
            double x1 = random.nextDouble() * 80 - 10;
            double y1 = random.nextDouble() * 80 - 10;
            double radius = 0.1 + random.nextDouble() * 10;
            Rect dirty = Brush.paintSegment(alpha, null, width, height, x0, y0, x1, y1, radius, 0, Mode.ERASE, 1f);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    if (alpha[y * width + x] == 0 && (dirty == null || !dirty.contains(x, y))) {
                        fail("pixel " + x + "," + y + " changed outside the bounds in case " + n);
                    }
                }
            }
            if (dirty != null) {
                assertTrue(new Rect(0, 0, width, height).contains(dirty));
            }
        }
    }

    /** The weight the class comment defines, evaluated for one pixel with no bounds or spans. */
    static int naiveWeight(int px, int py, double x0, double y0, double x1, double y1, double radius,
            double softness, float opacity) {
        double dx = x1 - x0;
        double dy = y1 - y0;
        double len2 = dx * dx + dy * dy;
        double ex = px + 0.5 - x0;
        double ey = py + 0.5 - y0;
        double qx = ex;
        double qy = ey;
        if (len2 > 0) {
            double t = Math.max(0, Math.min(1, (ex * dx + ey * dy) / len2));
            qx = ex - t * dx;
            qy = ey - t * dy;
        }
        double d2 = qx * qx + qy * qy;
        if (d2 > radius * radius) {
            return 0;
        }
        double inner = radius * (1 - softness);
        double scale = opacity * 65536.0;
        if (d2 <= inner * inner) {
            return (int) (scale + 0.5);
        }
        double s = (radius - Math.sqrt(d2)) / (radius - inner);
        return (int) (s * s * (3 - 2 * s) * scale + 0.5);
    }

    private static void naivePaint(byte[] alpha, byte[] model, int width, int height, double x0, double y0,
            double x1, double y1, double radius, double softness, Mode mode, float opacity) {
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int w = naiveWeight(x, y, x0, y0, x1, y1, radius, softness, opacity);
                if (w > 0) {
                    int i = y * width + x;
                    int target = mode == Mode.ERASE ? 0 : mode == Mode.ADD ? 255 : model[i] & 0xFF;
                    alpha[i] = (byte) (((alpha[i] & 0xFF) * (65536 - w) + target * w + 32768) >>> 16);
                }
            }
        }
    }

    private static double distanceToSegment(double px, double py, double x0, double y0, double x1, double y1) {
        double dx = x1 - x0;
        double dy = y1 - y0;
        double len2 = dx * dx + dy * dy;
        double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((px - x0) * dx + (py - y0) * dy) / len2));
        return Math.hypot(px - (x0 + t * dx), py - (y0 + t * dy));
    }

    static byte[] randomBytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
