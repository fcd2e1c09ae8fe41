package app.cutout.core.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import app.cutout.core.image.RgbaImage;
import java.util.BitSet;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MaskStatsTest {

    @Test
    void iouOfOverlappingMasks() {
        // Threshold 128: a = {1, 2}, b = {1, 3}; intersection {1}, union {1, 2, 3}: 1/3.
        byte[] a = bytes(0, 255, 200, 10);
        byte[] b = bytes(0, 128, 127, 255);
        assertEquals(1.0 / 3.0, MaskStats.iou(a, b, 128));
        // Threshold 127 also takes b's 127: intersection {1, 2}, union {1, 2, 3}: 2/3.
        assertEquals(2.0 / 3.0, MaskStats.iou(a, b, 127));
    }

    @Test
    void identicalAndDisjointMasks() {
        byte[] a = bytes(255, 0, 255);
        assertEquals(1.0, MaskStats.iou(a, a.clone(), 1));
        assertEquals(0.0, MaskStats.iou(a, bytes(0, 255, 0), 1));
    }

    @Test
    void bothEmptyIsPerfectAgreement() {
        assertEquals(1.0, MaskStats.iou(bytes(0, 5, 127), bytes(127, 0, 0), 128));
        assertEquals(1.0, MaskStats.iou(new byte[0], new byte[0], 128));
    }

    @Test
    void rejectsMasksOfDifferentSizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MaskStats.iou(new byte[3], new byte[4], 128));
        assertEquals("Expected masks of equal size, got 3 and 4", e.getMessage());
    }

    @Test
    void alphaOfTakesTheTopByte() {
        int[] rgba = {RgbaImage.pack(1, 2, 3, 0), RgbaImage.pack(255, 255, 255, 200), RgbaImage.pack(0, 0, 0, 255)};
        assertArrayEquals(bytes(0, 200, 255), MaskStats.alphaOf(rgba));
    }

    @Test
    void matchesNaiveReferenceOnRandomMasks() {
        Random random = new Random(2024);
        for (int n = 0; n < 50; n++) {
            int length = 1 + random.nextInt(5000);
            int threshold = random.nextInt(257);
            int[] rgbaA = new int[length];
            int[] rgbaB = new int[length];
            for (int i = 0; i < length; i++) {
                rgbaA[i] = random.nextInt();
                rgbaB[i] = random.nextInt();
            }
            byte[] a = MaskStats.alphaOf(rgbaA);
            byte[] b = MaskStats.alphaOf(rgbaB);
            // Reference: foreground sets as BitSets from RgbaImage.alpha, then and/or cardinalities.
            BitSet setA = new BitSet();
            BitSet setB = new BitSet();
            for (int i = 0; i < length; i++) {
                assertEquals(RgbaImage.alpha(rgbaA[i]), a[i] & 0xFF);
                setA.set(i, RgbaImage.alpha(rgbaA[i]) >= threshold);
                setB.set(i, RgbaImage.alpha(rgbaB[i]) >= threshold);
            }
            BitSet and = (BitSet) setA.clone();
            and.and(setB);
            BitSet or = (BitSet) setA.clone();
            or.or(setB);
            double expected = or.isEmpty() ? 1.0 : (double) and.cardinality() / or.cardinality();
            assertEquals(expected, MaskStats.iou(a, b, threshold), "case " + n);
        }
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
