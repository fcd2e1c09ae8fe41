package app.cutout.core.edit;

import static app.cutout.core.edit.BrushTest.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CropTest {

    @Test
    void subjectBoundsUsesTheThreshold() {
        byte[] alpha = bytes(
                0, 0, 0, 0, 0,
                0, 0, 200, 0, 0,
                0, 90, 0, 0, 0,
                0, 0, 0, 0, 130);
        // Threshold 128: (2, 1) and (4, 3): columns 2..4, rows 1..3.
        assertEquals(new Rect(2, 1, 3, 3), Crop.subjectBounds(alpha, 5, 4, 128));
        // Threshold 90 adds (1, 2): columns 1..4.
        assertEquals(new Rect(1, 1, 4, 3), Crop.subjectBounds(alpha, 5, 4, 90));
        // Threshold 201: nothing.
        assertNull(Crop.subjectBounds(alpha, 5, 4, 201));
        assertEquals(new Rect(0, 0, 1, 1), Crop.subjectBounds(bytes(255), 1, 1, 255));
    }

    @Test
    void subjectBoundsMatchesNaiveScan() {
        Random random = new Random(17);
        for (int n = 0; n < 500; n++) {
            int width = 1 + random.nextInt(40);
            int height = 1 + random.nextInt(40);
            byte[] alpha = new byte[width * height];
            int dots = random.nextInt(6);
            for (int k = 0; k < dots; k++) {
                alpha[random.nextInt(alpha.length)] = (byte) (1 + random.nextInt(255));
            }
            int threshold = 1 + random.nextInt(255);
            Rect naive = null;
            for (int i = 0; i < alpha.length; i++) {
                if ((alpha[i] & 0xFF) >= threshold) {
                    naive = new Rect(i % width, i / width, 1, 1).union(naive);
                }
            }
            assertEquals(naive, Crop.subjectBounds(alpha, width, height, threshold), "case " + n);
        }
    }

    @Test
    void freeAspectAddsTheMarginAndClamps() {
        // Bounds 10x20 at (40, 30): margin round(0.1 * 20) = 2 each side: (38, 28) 14x24.
        assertEquals(new Rect(38, 28, 14, 24), Crop.withMargin(new Rect(40, 30, 10, 20), 100, 80, 0.1, 0));
        // Near the corner the margin is cut at the image edge: 5 - 2 -> 3, but 1 - 2 -> 0; right 5 + 10 + 2 = 17.
        assertEquals(new Rect(3, 0, 14, 23), Crop.withMargin(new Rect(5, 1, 10, 20), 100, 80, 0.1, 0));
    }

    @Test
    void squareGrowsTheShorterSideAroundTheSubject() {
        // (38, 28) 14x24 grows to 24x24; centred on the subject centre (45, 40): x = 45 - 12 = 33, y = 40 - 12 = 28.
        assertEquals(new Rect(33, 28, 24, 24), Crop.withMargin(new Rect(40, 30, 10, 20), 100, 80, 0.1, 1.0));
    }

    @Test
    void wideAspectGrowsTheWidthAndShiftsInside() {
        // Bounds (2, 10) 20x30, no margin, 16:9: width round(30 * 16 / 9) = round(53.33) = 53, height 30.
        // Centred x = (2 * 2 + 20 - 53) / 2 = -14 (integer halves), shifted inside to 0.
        assertEquals(new Rect(0, 10, 53, 30), Crop.withMargin(new Rect(2, 10, 20, 30), 200, 100, 0, 16 / 9.0));
        // 4:3 on a wide subject grows the height: round(40 / (4 / 3.0)) = 30.
        // Centred y = (2 * 50 + 10 - 30) / 2 = 40.
        assertEquals(new Rect(10, 40, 40, 30), Crop.withMargin(new Rect(10, 50, 40, 10), 200, 100, 0, 4 / 3.0));
    }

    @Test
    void aspectThatCannotFitShrinksTheOtherSide() {
        // Image 100x50, bounds (10, 5) 80x40, square: height would be 80 > 50, so height 50 and width 50.
        // Centred on x 50: x = (20 + 80 - 50) / 2 = 25; y = (10 + 40 - 50) / 2 = 0.
        assertEquals(new Rect(25, 0, 50, 50), Crop.withMargin(new Rect(10, 5, 80, 40), 100, 50, 0, 1.0));
        // A huge margin on a 16:9 crop of a 90x90 image: width 90, height round(90 * 9 / 16) = round(50.6) = 51.
        Rect crop = Crop.withMargin(new Rect(40, 40, 10, 10), 90, 90, 5, 16 / 9.0);
        assertEquals(new Rect(0, 19, 90, 51), crop);
    }

    @Test
    void randomCropsStayInsideAndKeepTheAspect() {
        Random random = new Random(23);
        double[] aspects = {0, 1, 4 / 3.0, 3 / 4.0, 16 / 9.0, 9 / 16.0, 2.35};
        for (int n = 0; n < 2000; n++) {
            int width = 1 + random.nextInt(500);
            int height = 1 + random.nextInt(500);
            int x = random.nextInt(width);
            int y = random.nextInt(height);
            Rect bounds = new Rect(x, y, 1 + random.nextInt(width - x), 1 + random.nextInt(height - y));
            double aspect = aspects[random.nextInt(aspects.length)];
            double margin = random.nextDouble() * 0.5;
            Rect crop = Crop.withMargin(bounds, width, height, margin, aspect);
            assertTrue(new Rect(0, 0, width, height).contains(crop), "case " + n);
            if (aspect == 0) {
                assertTrue(crop.contains(bounds), "case " + n);
            } else {
                // Within half a pixel of the derived side, or a clamp to 1 pixel.
                double err = Math.min(Math.abs(crop.width - crop.height * aspect),
                        Math.abs(crop.height - crop.width / aspect));
                assertTrue(err <= 0.5 + 1e-9 || crop.width == 1 || crop.height == 1, "case " + n + " " + crop);
                boolean fitsBoth = crop.width < width && crop.height < height;
                if (fitsBoth) {
                    assertTrue(crop.contains(bounds), "case " + n);
                }
            }
        }
    }

    @Test
    void rejectsBadArguments() {
        assertEquals("Expected a threshold in 1..255, got 0", assertThrows(IllegalArgumentException.class,
                () -> Crop.subjectBounds(new byte[1], 1, 1, 0)).getMessage());
        assertEquals("Expected bounds inside the 10x10 image, got Rect(5, 5, 6x1)",
                assertThrows(IllegalArgumentException.class,
                        () -> Crop.withMargin(new Rect(5, 5, 6, 1), 10, 10, 0, 0)).getMessage());
        assertEquals("Expected an aspect of 0 (free) or a positive finite ratio, got -1.0",
                assertThrows(IllegalArgumentException.class,
                        () -> Crop.withMargin(new Rect(0, 0, 1, 1), 10, 10, 0, -1)).getMessage());
        assertEquals("Expected a finite margin fraction >= 0, got NaN",
                assertThrows(IllegalArgumentException.class,
                        () -> Crop.withMargin(new Rect(0, 0, 1, 1), 10, 10, Double.NaN, 0)).getMessage());
    }
}
