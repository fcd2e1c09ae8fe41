package app.cutout.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class QualityScoreTest {
    @Test
    void edgeBandMarksBothSidesOfAStepAndSoftPixelsThenDilates() {
        // One row: 0 0 0 0 255 255 255 | 128 in a second row, first column.
        byte[] t = {
            0, 0, 0, 0, (byte) 255, (byte) 255, (byte) 255,
            (byte) 128, 0, 0, 0, (byte) 255, (byte) 255, (byte) 255,
        };
        // Edge pixels: (3,0),(4,0) and (3,1),(4,1) across the step; (0,1) soft and its right neighbour (1,1) differs;
        // (0,0) differs from (0,1) below it.
        assertArrayEquals(new byte[] {
            1, 0, 0, 1, 1, 0, 0,
            1, 1, 0, 1, 1, 0, 0,
        }, QualityScore.edgeBand(t, 7, 2, 0));
        assertArrayEquals(new byte[] {
            1, 1, 1, 1, 1, 1, 0,
            1, 1, 1, 1, 1, 1, 0,
        }, QualityScore.edgeBand(t, 7, 2, 1));
    }

    @Test
    void edgeRadiusIsThreeMaskPixels() {
        assertEquals(3, QualityScore.edgeRadius(500, 333));
        assertEquals(4, QualityScore.edgeRadius(1200, 1200));
        assertEquals(12, QualityScore.edgeRadius(4000, 3000));
    }
}
