package app.cutout.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.cutout.core.image.ImageLimits.Verdict;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ImageLimitsTest {
    @Test
    void judgesEachSideOfEachLimit() {
        assertEquals(Verdict.FULL, ImageLimits.judge(1, 1));
        assertEquals(Verdict.FULL, ImageLimits.judge(8660, 5774), "50 MP");
        assertEquals(Verdict.FULL, ImageLimits.judge(10000, 10000), "exactly 100 MP");
        assertEquals(Verdict.TOO_MANY_PIXELS, ImageLimits.judge(10000, 10001));
        assertEquals(Verdict.FULL, ImageLimits.judge(32767, 10));
        assertEquals(Verdict.TOO_LONG, ImageLimits.judge(32768, 10));
        assertEquals(Verdict.TOO_LONG, ImageLimits.judge(10, 40000));
        assertEquals(Verdict.TOO_MANY_PIXELS, ImageLimits.judge(16384, 16384), "exactly the open limit");
        assertEquals(Verdict.TOO_LARGE_TO_OPEN, ImageLimits.judge(16384, 16385));
        assertEquals(Verdict.TOO_LARGE_TO_OPEN, ImageLimits.judge(30000, 30000));
        assertEquals(Verdict.TOO_LARGE_TO_OPEN, ImageLimits.judge(Integer.MAX_VALUE, Integer.MAX_VALUE),
                "no overflow");
    }

    @Test
    void fittingKeepsSizesThatFit() {
        assertArrayEquals(new int[] {1, 1}, ImageLimits.fit(1, 1));
        assertArrayEquals(new int[] {8660, 5774}, ImageLimits.fit(8660, 5774));
        assertArrayEquals(new int[] {10000, 10000}, ImageLimits.fit(10000, 10000));
    }

    @Test
    void fittingScalesToTheLimitWithTheSameAspect() {
        assertArrayEquals(new int[] {10000, 10000}, ImageLimits.fit(30000, 30000));
        assertArrayEquals(new int[] {11547, 8660}, ImageLimits.fit(12000, 9000), "4:3 at 100 MP");
        assertArrayEquals(new int[] {32767, 81}, ImageLimits.fit(40000, 100), "the side limit");
        assertArrayEquals(new int[] {1, 32767}, ImageLimits.fit(1, 90000), "never below one pixel");
        assertArrayEquals(new int[] {50, 25}, ImageLimits.fit(200, 100, 1250, 1000));
    }

    @Test
    void fittedSizesAreWithinTheLimitsAndAsLargeAsRoundingAllows() {
        Random random = new Random(11);
        for (int i = 0; i < 20000; i++) {
            int w = 1 + random.nextInt(60000);
            int h = 1 + random.nextInt(60000);
            long max = 1 + random.nextInt(200_000_000);
            int side = 1 + random.nextInt(40000);
            int[] fit = ImageLimits.fit(w, h, max, side);
            String what = w + "x" + h + " in " + max + "/" + side + " -> " + fit[0] + "x" + fit[1];
            assertTrue(fit[0] >= 1 && fit[1] >= 1, what);
            assertTrue(fit[0] <= w && fit[1] <= h, "never enlarged: " + what);
            assertTrue(fit[0] <= side && fit[1] <= side, what);
            assertTrue((long) fit[0] * fit[1] <= max || (fit[0] == 1 && fit[1] == 1) || fit[0] == 1
                    || fit[1] == 1, what);
            if (fit[0] > 1 && fit[1] > 1) {
                // Aspect ratio within rounding of one pixel on the shorter side.
                double expected = (double) w / h;
                double low = (double) fit[0] / (fit[1] + 1);
                double high = (double) (fit[0] + 1) / fit[1];
                assertTrue(low <= expected && expected <= high, "aspect " + what);
                // Not needlessly small: one more pixel on both sides would break a limit.
                long bigger = (long) (fit[0] + 2) * (fit[1] + 2);
                assertTrue(bigger > max || fit[0] + 2 > side || fit[1] + 2 > side || fit[0] + 2 > w
                        || fit[1] + 2 > h, "too small: " + what);
            }
        }
    }

    @Test
    void refusesNonPositiveArguments() {
        assertThrows(IllegalArgumentException.class, () -> ImageLimits.fit(0, 10));
        assertThrows(IllegalArgumentException.class, () -> ImageLimits.fit(10, 10, 0, 10));
    }

    @Test
    void littleMemoryLowersTheFullResolutionLimit() {
        assertEquals(100_000_000L, ImageLimits.maxPixels(0), "not reported: as before");
        assertEquals(100_000_000L, ImageLimits.maxPixels(Double.NaN), "not a number: as before");
        assertEquals(100_000_000L, ImageLimits.maxPixels(-1));
        assertEquals(100_000_000L, ImageLimits.maxPixels(8), "Chromium's most");
        assertEquals(100_000_000L, ImageLimits.maxPixels(32));
        assertEquals(50_000_000L, ImageLimits.maxPixels(4));
        assertEquals(25_000_000L, ImageLimits.maxPixels(2));
        assertEquals(12_500_000L, ImageLimits.maxPixels(1));
        assertEquals(6_250_000L, ImageLimits.maxPixels(0.5));
        assertEquals(3_125_000L, ImageLimits.maxPixels(0.25), "Chromium's least");
        assertEquals(1024L * 1024, ImageLimits.maxPixels(0.001), "never below the model's own 1024²");
        long previous = 0;
        for (double gb = 0.05; gb < 12; gb += 0.05) {
            long limit = ImageLimits.maxPixels(gb);
            assertTrue(limit >= previous, "more memory never lowers the limit: " + gb);
            previous = limit;
        }
    }

    @Test
    void judgesByTheLimitGiven() {
        assertEquals(Verdict.FULL, ImageLimits.judge(4000, 3000, ImageLimits.maxPixels(1)), "12 MP phone photo, 1 GB");
        assertEquals(Verdict.TOO_MANY_PIXELS, ImageLimits.judge(8000, 6000, ImageLimits.maxPixels(2)), "48 MP, 2 GB");
        assertEquals(Verdict.FULL, ImageLimits.judge(8000, 6000, ImageLimits.maxPixels(4)), "48 MP, 4 GB");
        assertEquals(Verdict.TOO_LONG, ImageLimits.judge(40000, 10, ImageLimits.maxPixels(1)));
        assertEquals(Verdict.TOO_LARGE_TO_OPEN, ImageLimits.judge(16384, 16385, ImageLimits.maxPixels(1)),
                "the open limit does not move");
        assertEquals(ImageLimits.judge(10000, 10001), ImageLimits.judge(10000, 10001, ImageLimits.MAX_PIXELS));
    }

    @Test
    void gigabytesForMessages() {
        assertEquals("4", ImageLimits.gigabytes(4));
        assertEquals("1", ImageLimits.gigabytes(1));
        assertEquals("0.5", ImageLimits.gigabytes(0.5));
        assertEquals("0.25", ImageLimits.gigabytes(0.25));
        assertEquals("1.05", ImageLimits.gigabytes(1.05));
        assertEquals("0", ImageLimits.gigabytes(0));
    }

    @Test
    void megapixelsForMessages() {
        assertEquals("900", ImageLimits.megapixels(900_000_000L));
        assertEquals("50", ImageLimits.megapixels(8660L * 5774));
        assertEquals("0", ImageLimits.megapixels(1));
        assertEquals("1.5", ImageLimits.megapixels(1_450_000));
        assertEquals("120", ImageLimits.megapixels(12000L * 10000));
    }
}
