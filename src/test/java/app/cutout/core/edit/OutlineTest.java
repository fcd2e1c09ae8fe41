package app.cutout.core.edit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class OutlineTest {
    static final int W = 40;
    static final int H = 40;

    /** An opaque square, columns and rows 10..19. */
    static byte[] square() {
        byte[] alpha = new byte[W * H];
        for (int y = 10; y < 20; y++) {
            for (int x = 10; x < 20; x++) {
                alpha[y * W + x] = (byte) 255;
            }
        }
        return alpha;
    }

    private static int at(byte[] c, int x, int y) {
        return c[y * W + x] & 0xFF;
    }

    @Test
    void strokeOfWholePixelsAlongAStraightEdge() {
        byte[] c = Outline.coverage(square(), W, H, 2);
        // The edge is at x = 20: pixels 20 and 21 lie inside the stroke, 22 outside.
        assertEquals(255, at(c, 20, 15));
        assertEquals(255, at(c, 21, 15));
        assertEquals(0, at(c, 22, 15));
        assertEquals(255, at(c, 8, 15));
        assertEquals(0, at(c, 7, 15));
        assertEquals(255, at(c, 15, 15), "inside the subject");
    }

    @Test
    void fractionalWidthGivesAntiAliasedPixel() {
        byte[] c = Outline.coverage(square(), W, H, 2.5);
        assertEquals(128, at(c, 22, 15), "half of pixel 22 is within 2.5 of the edge");
        assertEquals(0, at(c, 23, 15));
    }

    @Test
    void softEdgePixelMovesTheEdge() {
        byte[] alpha = square();
        for (int y = 10; y < 20; y++) {
            alpha[y * W + 19] = (byte) 128;
        }
        byte[] c = Outline.coverage(alpha, W, H, 2);
        // The edge now sits at about x = 19.5: pixel 21 (centre 21.5) is 2.0 from it.
        assertEquals(Math.round((2 + 0.5 - (2 + 0.5 - 128 / 255.0)) * 255), at(c, 21, 15));
    }

    @Test
    void cornersAreRound() {
        byte[] c = Outline.coverage(square(), W, H, 3);
        // Pixel (22, 21): nearest subject pixel (19, 19) at sqrt(13); e = sqrt(13) + 0.5 - 1.
        double e = Math.sqrt(13) - 0.5;
        assertEquals(Math.round((3 + 0.5 - e) * 255), at(c, 22, 21));
        assertEquals(255, at(c, 21, 21));
        assertEquals(0, at(c, 22, 22), "a square join would cover this one");
    }

    @Test
    void noSubjectNoStroke() {
        assertArrayEquals(new byte[W * H], Outline.coverage(new byte[W * H], W, H, 5));
    }

    @Test
    void rejectsBadWidth() {
        assertThrows(IllegalArgumentException.class, () -> Outline.coverage(square(), W, H, -1));
        assertThrows(IllegalArgumentException.class, () -> Outline.coverage(square(), W, H, Double.NaN));
    }
}
