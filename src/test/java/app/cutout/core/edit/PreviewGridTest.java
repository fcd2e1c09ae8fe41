package app.cutout.core.edit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.cutout.core.image.RgbaImage;
import org.junit.jupiter.api.Test;

class PreviewGridTest {

    @Test
    void sizeKeepsTheAspectWithinTheBudget() {
        PreviewGrid grid = PreviewGrid.of(4000, 3000, 1_500_000);
        assertEquals(1414, grid.previewWidth);
        assertEquals(1060, grid.previewHeight);
        assertTrue((long) grid.previewWidth * grid.previewHeight <= 1_500_000);
        assertEquals(1414 / 4000f, grid.factor);

        PreviewGrid small = PreviewGrid.of(640, 480, 1_500_000);
        assertTrue(small.identity());
        assertEquals(1f, small.factor);
        assertThrows(IllegalArgumentException.class, () -> PreviewGrid.of(0, 3, 10));
    }

    @Test
    void shrinkAveragesWholeBlocks() {
        // 5x2 -> 2x1 (budget 2): column blocks [0, 2) and [2, 5), both rows.
        PreviewGrid grid = PreviewGrid.of(5, 2, 2);
        assertEquals(2, grid.previewWidth);
        assertEquals(1, grid.previewHeight);
        byte[] alpha = {0, (byte) 255, 10, 20, 30, (byte) 255, (byte) 255, 40, 50, 60};
        // (0 + 255 + 255 + 255) / 4 = 191.25 -> 191; (10 + 20 + 30 + 40 + 50 + 60) / 6 = 35.
        assertArrayEquals(new byte[] {(byte) 191, 35}, grid.shrink(alpha));

        int[] rgba = new int[10];
        for (int i = 0; i < 10; i++) {
            rgba[i] = RgbaImage.pack(i * 10, 255 - i, 7, 255);
        }
        int[] out = grid.shrink(rgba);
        // Block 0: pixels 0, 1, 5, 6: red (0 + 10 + 50 + 60) / 4 = 30, green (255 + 254 + 250 + 249) / 4 = 252.
        assertEquals(RgbaImage.pack(30, 252, 7, 255), out[0]);
        // Block 1: pixels 2, 3, 4, 7, 8, 9: red 330 / 6 = 55, green (253 + 252 + 251 + 248 + 247 + 246) / 6 = 249.5 -> 250.
        assertEquals(RgbaImage.pack(55, 250, 7, 255), out[1]);
    }

    @Test
    void updateRecomputesOnlyTheBlocksAChangeMeets() {
        PreviewGrid grid = PreviewGrid.of(10, 7, 12);
        byte[] alpha = new byte[70];
        for (int i = 0; i < alpha.length; i++) {
            alpha[i] = (byte) (i * 3);
        }
        byte[] copy = grid.shrink(alpha);
        byte[] stale = copy.clone();
        // Photo pixel (5, 3) lies in copy pixel (2, 1): columns 5..6, rows 3..6.
        alpha[3 * 10 + 5] = (byte) 255;
        alpha[0] = (byte) 255;
        grid.update(alpha, copy, new Rect(5, 3, 1, 1));
        byte[] fresh = grid.shrink(alpha);
        for (int i = 0; i < copy.length; i++) {
            assertEquals(i == 1 * 4 + 2 ? fresh[i] : stale[i], copy[i], "copy pixel " + i);
        }
        assertTrue(fresh[6] != stale[6], "test set-up: the change moves that copy pixel");
        grid.update(alpha, copy, new Rect(0, 0, 10, 7));
        assertArrayEquals(fresh, copy);
        assertThrows(IllegalArgumentException.class, () -> grid.update(alpha, copy, new Rect(9, 0, 2, 1)));

        PreviewGrid same = PreviewGrid.of(3, 2, 10);
        byte[] small = {1, 2, 3, 4, 5, 6};
        byte[] mirror = same.shrink(small);
        small[4] = 50;
        same.update(small, mirror, new Rect(1, 1, 1, 1));
        assertArrayEquals(small, mirror);
    }

    @Test
    void aPhotoWithinTheBudgetIsCopied() {
        PreviewGrid grid = PreviewGrid.of(2, 2, 10);
        byte[] alpha = {1, 2, 3, 4};
        byte[] copy = grid.shrink(alpha);
        assertArrayEquals(alpha, copy);
        copy[0] = 9;
        assertEquals(1, alpha[0], "the input is not shared");
        assertEquals(new Rect(1, 0, 1, 2), grid.toPhoto(new Rect(1, 0, 1, 2)));
    }

    @Test
    void rectanglesGoBackToTheBlocksTheyCover() {
        PreviewGrid grid = PreviewGrid.of(10, 7, 12);
        // 10x7 at 12 pixels: f = sqrt(12 / 70) = 0.414 -> 4x2; columns at 0, 2, 5, 7, 10; rows at 0, 3, 7.
        assertEquals(4, grid.previewWidth);
        assertEquals(2, grid.previewHeight);
        assertEquals(new Rect(2, 0, 5, 3), grid.toPhoto(new Rect(1, 0, 2, 1)));
        assertEquals(new Rect(0, 0, 10, 7), grid.toPhoto(new Rect(0, 0, 4, 2)));
        assertThrows(IllegalArgumentException.class, () -> grid.toPhoto(new Rect(3, 0, 2, 1)));
    }
}
