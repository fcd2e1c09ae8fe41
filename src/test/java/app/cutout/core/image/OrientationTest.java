package app.cutout.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/**
 * Every EXIF orientation on a 3 × 2 image whose six pixels all differ, against the shown image written out by hand:
 *
 * <pre>
 * stored   1 2 3
 *          4 5 6
 * </pre>
 */
class OrientationTest {
    private static RgbaImage stored() {
        return new RgbaImage(3, 2, new int[] {1, 2, 3, 4, 5, 6});
    }

    private static void assertShown(int orientation, int width, int height, int[] expected) {
        RgbaImage in = stored();
        RgbaImage out = Orientation.apply(in, orientation);
        assertEquals(width + "x" + height, out.width + "x" + out.height, "size for orientation " + orientation);
        assertArrayEquals(expected, out.pixels, "pixels for orientation " + orientation);
        assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6}, in.pixels, "the stored image is not modified");
    }

    @Test
    void oneIsTheImageAsStored() {
        RgbaImage in = stored();
        assertSame(in, Orientation.apply(in, 1));
    }

    @Test
    void twoMirrorsLeftToRight() {
        assertShown(2, 3, 2, new int[] {
            3, 2, 1,
            6, 5, 4});
    }

    @Test
    void threeTurnsHalfWay() {
        assertShown(3, 3, 2, new int[] {
            6, 5, 4,
            3, 2, 1});
    }

    @Test
    void fourMirrorsTopToBottom() {
        assertShown(4, 3, 2, new int[] {
            4, 5, 6,
            1, 2, 3});
    }

    @Test
    void fiveTransposes() {
        assertShown(5, 2, 3, new int[] {
            1, 4,
            2, 5,
            3, 6});
    }

    @Test
    void sixTurnsAQuarterClockwise() {
        assertShown(6, 2, 3, new int[] {
            4, 1,
            5, 2,
            6, 3});
    }

    @Test
    void sevenFlipsOnTheOtherDiagonal() {
        assertShown(7, 2, 3, new int[] {
            6, 3,
            5, 2,
            4, 1});
    }

    @Test
    void eightTurnsAQuarterAnticlockwise() {
        assertShown(8, 2, 3, new int[] {
            3, 6,
            2, 5,
            1, 4});
    }

    @Test
    void valuesOutsideOneToEightLeaveTheImageAsStored() {
        for (int orientation : new int[] {0, -1, 9, 255}) {
            RgbaImage in = stored();
            assertSame(in, Orientation.apply(in, orientation), "orientation " + orientation);
        }
    }

    @Test
    void sixAndEightUndoEachOther() {
        RgbaImage in = new RgbaImage(5, 3, new int[] {
            1, 2, 3, 4, 5,
            6, 7, 8, 9, 10,
            11, 12, 13, 14, 15});
        RgbaImage back = Orientation.apply(Orientation.apply(in, 6), 8);
        assertEquals(5, back.width);
        assertArrayEquals(in.pixels, back.pixels);
        RgbaImage twice = Orientation.apply(Orientation.apply(in, 3), 3);
        assertArrayEquals(in.pixels, twice.pixels);
    }
}
