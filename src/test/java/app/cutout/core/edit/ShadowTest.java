package app.cutout.core.edit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ShadowTest {
    static final int W = 60;
    static final int H = 50;

    /** An opaque rectangle, columns 20..29, rows 10..29. */
    static byte[] block() {
        byte[] alpha = new byte[W * H];
        for (int y = 10; y < 30; y++) {
            for (int x = 20; x < 30; x++) {
                alpha[y * W + x] = (byte) 255;
            }
        }
        return alpha;
    }

    private static int at(byte[] a, int x, int y) {
        return a[y * W + x] & 0xFF;
    }

    @Test
    void unblurredDropShadowIsTheCasterMoved() {
        byte[] caster = block();
        byte[] right = Shadow.drop(caster, W, H, 0, 3, 0);
        byte[] down = Shadow.drop(caster, W, H, 90, 4, 0);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                assertEquals(x >= 3 ? at(caster, x - 3, y) : 0, at(right, x, y));
                assertEquals(y >= 4 ? at(caster, x, y - 4) : 0, at(down, x, y));
            }
        }
    }

    @Test
    void blurKeepsTheMassAndSpreadsIt() {
        byte[] caster = block();
        byte[] shadow = Shadow.drop(caster, W, H, 45, 0, 3);
        long before = 0;
        long after = 0;
        for (int i = 0; i < caster.length; i++) {
            before += caster[i] & 0xFF;
            after += shadow[i] & 0xFF;
        }
        // Three boxes each round to the nearest level: the total moves by well under a level a pixel.
        assertTrue(Math.abs(after - before) < 0.01 * before, before + " vs " + after);
        assertTrue(at(shadow, 25, 20) > 200, "5 pixels (1.7 sigma) inside each edge: about 0.9 of full");
        assertTrue(at(shadow, 31, 20) > 0 && at(shadow, 31, 20) < 128, "spreads beyond the edge");
        assertEquals(at(shadow, 19, 20), at(shadow, 30, 20), "symmetric");
    }

    @Test
    void blurOfZeroOrNothingLeavesZeros() {
        assertArrayEquals(new byte[W * H], Shadow.drop(new byte[W * H], W, H, 30, 5, 10));
        assertArrayEquals(new byte[W * H], Shadow.contact(new byte[W * H], W, H, 1.1, 0.1, 2));
    }

    @Test
    void contactShadowIsAnEllipseUnderTheLowestPoints() {
        byte[] alpha = block();
        byte[] shadow = Shadow.contact(alpha, W, H, 1.0, 0.2, 0);
        // Footprint columns 20..29 (width 10), centre x 25, ground line y 30; rx 5, ry 1.
        assertEquals(255, at(shadow, 24, 30));
        assertEquals(255, at(shadow, 25, 29));
        assertEquals(0, at(shadow, 25, 31));
        assertEquals(0, at(shadow, 19, 30));
        assertEquals(0, at(shadow, 30, 30));
        assertEquals(at(shadow, 21, 30), at(shadow, 28, 30), "symmetric");
        assertTrue(at(shadow, 20, 30) > 0 && at(shadow, 20, 30) < 255, "anti-aliased end");
        for (int y = 0; y < 29; y++) {
            for (int x = 0; x < W; x++) {
                assertEquals(0, at(shadow, x, y), "only at the ground");
            }
        }
        byte[] soft = Shadow.contact(alpha, W, H, 1.0, 0.2, 2);
        assertTrue(at(soft, 25, 32) > 0 && at(soft, 25, 30) < 255, "blurred");
    }

    @Test
    void contactFootprintIsTheLowestPart() {
        // A "T" upside down: a wide top (columns 10..49, rows 5..9) on a thin leg (columns 28..31, rows 10..39).
        byte[] alpha = new byte[W * H];
        for (int y = 5; y < 40; y++) {
            for (int x = y < 10 ? 10 : 28; x < (y < 10 ? 50 : 32); x++) {
                alpha[y * W + x] = (byte) 255;
            }
        }
        byte[] shadow = Shadow.contact(alpha, W, H, 2.0, 0.25, 0);
        // Footprint 28..31 (4 wide) times 2: x from 26 to 34, centre 30.
        assertTrue(at(shadow, 27, 40) > 0);
        assertEquals(0, at(shadow, 25, 40));
        assertEquals(0, at(shadow, 34, 40));
    }

    @Test
    void gaussianIsThreeZeroPaddedBoxesPerAxis() {
        java.util.Random random = new java.util.Random(11);
        int w = 37;
        int h = 29;
        int[] plane = new int[w * h];
        for (int i = 0; i < 40; i++) {
            plane[(5 + random.nextInt(20)) * w + 8 + random.nextInt(20)] = random.nextInt(65536);
        }
        int[] expected = plane.clone();
        int[] radii = BoxBlur.radii(2.7);
        for (int r : radii) {
            int[] prev = expected.clone();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    long sum = 0;
                    for (int k = Math.max(0, x - r); k <= Math.min(w - 1, x + r); k++) {
                        sum += prev[y * w + k];
                    }
                    expected[y * w + x] = (int) ((sum + r) / (2 * r + 1));
                }
            }
        }
        for (int r : radii) {
            int[] prev = expected.clone();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    long sum = 0;
                    for (int k = Math.max(0, y - r); k <= Math.min(h - 1, y + r); k++) {
                        sum += prev[k * w + x];
                    }
                    expected[y * w + x] = (int) ((sum + r) / (2 * r + 1));
                }
            }
        }
        Shadow.gaussian(plane, w, h, 2.7);
        assertArrayEquals(expected, plane);
    }

    @Test
    void rejectsBadNumbers() {
        assertThrows(IllegalArgumentException.class, () -> Shadow.drop(block(), W, H, 0, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> Shadow.drop(block(), W, H, Double.NaN, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> Shadow.contact(block(), W, H, 1, 0.1, -2));
    }
}
