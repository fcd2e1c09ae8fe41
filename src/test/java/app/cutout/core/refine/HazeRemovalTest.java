package app.cutout.core.refine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.cutout.core.image.RgbaImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HazeRemovalTest {
    private static final float[] ORANGE = {0.9f, 0.5f, 0.1f};
    private static final float[] BLUE = {0.2f, 0.4f, 0.8f};

    /**
     * A 40x30 grid: sure subject (orange) for x < 12, sure background (blue, with noise of 0.005) for x ≥ 32, an
     * unknown band between where the mask says 0.3 over blue pixels. Through the band runs a faint strand on row 15,
     * a 1-pixel line of 30 % orange over blue from the subject to the background.
     */
    private static final class Grid {
        final int w;
        final int h = 30;
        final float[] rgb;
        final float[] alpha;
        final byte[] constraint;

        Grid() {
            this(40, 12, 32);
        }

        /** {@code w} wide, sure subject for {@code x < subject}, sure background for {@code x ≥ background}. */
        Grid(int w, int subject, int background) {
            this.w = w;
            rgb = new float[3 * w * h];
            alpha = new float[w * h];
            constraint = new byte[w * h];
            Random rnd = new Random(3);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int i = y * w + x;
                    float f = x < subject ? 1f : (y == 15 ? 0.3f : 0f);
                    for (int c = 0; c < 3; c++) {
                        rgb[3 * i + c] = f * ORANGE[c] + (1 - f) * BLUE[c] + 0.005f * (rnd.nextFloat() - 0.5f);
                    }
                    if (x < subject) {
                        constraint[i] = AlphaMatting.FOREGROUND;
                        alpha[i] = 1f;
                    } else if (x >= background) {
                        constraint[i] = AlphaMatting.BACKGROUND;
                    } else {
                        alpha[i] = 0.3f;
                    }
                }
            }
        }

        int mark() {
            return HazeRemoval.markBackgroundColours(rgb, alpha, constraint, w, h, 24, 0.5f, 1e-4f, 9f, 4f, 0.05f,
                    1e-3f, 1);
        }

        int mark(int radius, int block) {
            return HazeRemoval.markBackgroundColours(rgb, alpha, constraint, w, h, radius, 0.5f, 1e-4f, 9f, 4f,
                    0.05f, 1e-3f, 1, block);
        }

        int markReaching(int radius, int reach) {
            return HazeRemoval.markBackgroundColours(rgb, alpha, constraint, w, h, radius, 0.5f, 1e-4f, 9f, 4f,
                    0.05f, 1e-3f, reach);
        }
    }

    /**
     * An unsure band far wider than the window (sure subject for x < 10, sure background from x = 50, window radius
     * 4): with one window only the haze within its reach of the background can be recognised; with two, the haze
     * up to twice as far is (the window twice as wide finds the background), and nothing further.
     */
    @Test
    void aWiderWindowFindsTheBackgroundAcrossAWideBand() {
        int radius = 4;
        Grid one = new Grid(70, 10, 50);
        one.markReaching(radius, 1);
        Grid two = new Grid(70, 10, 50);
        two.markReaching(radius, 2);
        int gained = 0;
        for (int y = 0; y < one.h; y++) {
            if (Math.abs(y - 15) <= 1) {
                continue;
            }
            for (int x = 10; x < 50; x++) {
                int i = y * one.w + x;
                int fromBackground = 50 - x;
                if (fromBackground > radius + 1) {
                    assertEquals(AlphaMatting.FREE, one.constraint[i], "one window, x " + x + " y " + y);
                }
                if (fromBackground > radius + 1 && fromBackground <= 2 * radius - 2) {
                    assertEquals(AlphaMatting.BACKGROUND, two.constraint[i], "two windows, x " + x + " y " + y);
                    gained++;
                }
                if (fromBackground > 2 * radius + 2) {
                    assertEquals(AlphaMatting.FREE, two.constraint[i], "two windows, x " + x + " y " + y);
                }
            }
        }
        assertTrue(gained > 0);
    }

    /** Flat blue under a pale mask is background; the strand, and the pixels beside it, are left to the solve. */
    @Test
    void backgroundColouredFlatHazeBecomesBackgroundAndAStrandStays() {
        Grid g = new Grid();
        int marked = g.mark();
        for (int y = 0; y < g.h; y++) {
            for (int x = 12; x < 32; x++) {
                byte c = g.constraint[y * g.w + x];
                if (Math.abs(y - 15) <= 1 || x <= 12) {
                    // The strand's rows, and the column touching the subject, have colour edges in their 3x3.
                    assertEquals(AlphaMatting.FREE, c, "x " + x + " y " + y);
                } else {
                    assertEquals(AlphaMatting.BACKGROUND, c, "x " + x + " y " + y);
                }
            }
        }
        assertEquals(19 * 27, marked);
    }

    /**
     * Colour models summed over 2x2 blocks mark the same pixels as models summed per pixel, at a wide window and at
     * the narrowest one that uses blocks (support counted in pixels either way).
     */
    @Test
    void blockModelsMarkWhatPixelModelsMark() {
        for (int radius : new int[] {HazeRemoval.BLOCK_RADIUS, 24}) {
            Grid perPixel = new Grid();
            Grid blocks = new Grid();
            int a = perPixel.mark(radius, 1);
            int b = blocks.mark(radius, HazeRemoval.BLOCK);
            assertTrue(a > 0, "marked " + a);
            assertEquals(a, b, "radius " + radius);
            for (int i = 0; i < perPixel.constraint.length; i++) {
                assertEquals(perPixel.constraint[i], blocks.constraint[i], "radius " + radius + " pixel " + i);
            }
        }
    }

    /** A subject whose colour is the background's is not background by colour: the subject model explains it too. */
    @Test
    void nothingBecomesBackgroundWhereTheSubjectHasTheBackgroundsColour() {
        Grid g = new Grid();
        for (int i = 0; i < g.w * g.h; i++) {
            if (g.constraint[i] == AlphaMatting.FOREGROUND) {
                System.arraycopy(BLUE, 0, g.rgb, 3 * i, 3);
            }
        }
        assertEquals(0, g.mark());
    }

    /**
     * After the solve: the faint strand touches the sure subject and stays; a faint blob in the background goes to 0;
     * a blob whose peak is clearly translucent (glass) stays.
     */
    @Test
    void faintFloatingBlobsGoAndConnectedStrandsAndTranslucentBlobsStay() {
        Grid g = new Grid();
        java.util.Arrays.fill(g.alpha, 0f);
        for (int i = 0; i < g.w * g.h; i++) {
            if (g.constraint[i] == AlphaMatting.FOREGROUND) {
                g.alpha[i] = 1f;
            }
        }
        for (int x = 12; x < 32; x++) {
            g.alpha[15 * g.w + x] = 0.12f;
        }
        for (int y = 3; y < 7; y++) {
            for (int x = 20; x < 25; x++) {
                g.alpha[y * g.w + x] = 0.2f;
                g.alpha[(y + 18) * g.w + x] = y == 4 && x == 22 ? 0.5f : 0.25f;
            }
        }
        float[] before = g.alpha.clone();
        int cleared = HazeRemoval.clearFloating(g.alpha, g.constraint, g.w, g.h, 0.05f, 0.3f);
        assertEquals(20, cleared);
        for (int i = 0; i < g.alpha.length; i++) {
            int x = i % g.w;
            int y = i / g.w;
            boolean faintBlob = y >= 3 && y < 7 && x >= 20 && x < 25;
            assertEquals(faintBlob ? 0f : before[i], g.alpha[i], 0f, "x " + x + " y " + y);
        }
    }

    /**
     * The whole refinement: an orange disk on a flat blue photo, with a 1024-style mask that is the disk plus a pale
     * patch (0.35) over the blue next to it, as ISNet leaves over sky. Without the haze step the matting keeps the
     * patch as haze (measured mean alpha 20 in its middle); with it the patch is clear, and the disk stays solid.
     */
    @Test
    void aBackgroundColouredHazePatchNextToTheSubjectGoesToZero() {
        int w = 400;
        int h = 300;
        int mw = 100;
        int mh = 75;
        Random rnd = new Random(8);
        int[] px = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int n = rnd.nextInt(3) - 1;
                // A sky whose colour drifts smoothly, so that no single colour line explains it.
                px[y * w + x] = Math.hypot(x - 150, y - 150) < 90
                        ? RgbaImage.pack(220 + n, 120 + n, 40 + n, 255)
                        : RgbaImage.pack((int) (70 + 30 * Math.sin(x / 30.0)) + n,
                                (int) (110 + 25 * Math.cos(y / 25.0)) + n,
                                (int) (190 - 25 * Math.sin((x + y) / 40.0)) + n, 255);
            }
        }
        float[] mask = new float[mw * mh];
        for (int y = 0; y < mh; y++) {
            for (int x = 0; x < mw; x++) {
                double px0 = (x + 0.5) * 4;
                double py0 = (y + 0.5) * 4;
                boolean patch = px0 >= 236 && px0 < 316 && py0 >= 100 && py0 < 200;
                mask[y * mw + x] = Math.hypot(px0 - 150, py0 - 150) < 90 ? 1f : (patch ? 0.35f : 0f);
            }
        }
        RefineOptions off = new RefineOptions();
        off.haze = false;
        int[] hazy = px.clone();
        EdgeRefiner.refine(mask, mw, mh, new RgbaImage(w, h, hazy), 1f, off);
        int[] clear = px.clone();
        EdgeRefiner.refine(mask, mw, mh, new RgbaImage(w, h, clear), 1f, new RefineOptions());
        double hazyMean = meanAlpha(hazy, w, 256, 300, 120, 180);
        double clearMean = meanAlpha(clear, w, 256, 300, 120, 180);
        assertTrue(hazyMean > 10, "without the haze step " + hazyMean);
        assertEquals(0.0, clearMean, 0.0, "with it");
        assertEquals(255.0, meanAlpha(clear, w, 100, 200, 100, 200), 0.0);
    }

    /**
     * A 60x40 grid: sure background (blue) for x < 10, then a wide unknown region where the model says 0.7 over
     * flat green (a leaf in shade), then sure subject (orange) from x = 50. Its core, 6 or more pixels from the model's
     * background side, becomes subject; the pixels nearer the background stay free for the solve.
     */
    private static byte[] coreGrid(float[] rgb, float[] alpha, float[] colour, boolean textured) {
        int w = 60;
        int h = 40;
        byte[] constraint = new byte[w * h];
        Random rnd = new Random(5);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                float[] c = x < 10 ? BLUE : (x >= 50 ? ORANGE : colour);
                float grain = textured && x >= 10 && x < 50 && (x + y) % 2 == 0 ? 0.15f : 0f;
                for (int k = 0; k < 3; k++) {
                    rgb[3 * i + k] = c[k] + grain + 0.004f * (rnd.nextFloat() - 0.5f);
                }
                if (x < 10) {
                    constraint[i] = AlphaMatting.BACKGROUND;
                } else if (x >= 50) {
                    constraint[i] = AlphaMatting.FOREGROUND;
                    alpha[i] = 1f;
                } else {
                    alpha[i] = 0.7f;
                }
            }
        }
        return constraint;
    }

    private static int markCores(float[] rgb, float[] alpha, byte[] constraint) {
        return HazeRemoval.markSubjectCores(rgb, alpha, constraint, 60, 40, 12, 6, 0, 0.5f, 1e-4f, 9f, 0.05f, 1e-3f);
    }

    @Test
    void theCoreOfAWideUnsureRegionOfItsOwnColourBecomesSubject() {
        float[] rgb = new float[3 * 60 * 40];
        float[] alpha = new float[60 * 40];
        byte[] constraint = coreGrid(rgb, alpha, new float[] {0.3f, 0.45f, 0.15f}, false);
        int marked = markCores(rgb, alpha, constraint);
        for (int y = 0; y < 40; y++) {
            for (int x = 10; x < 50; x++) {
                // Chessboard distance to the background side (x < 10) is x - 9; flatness needs a 3x3 of one colour.
                boolean core = x - 9 >= 6 && x <= 48;
                assertEquals(core ? AlphaMatting.FOREGROUND : AlphaMatting.FREE, constraint[y * 60 + x],
                        "x " + x + " y " + y);
            }
        }
        assertEquals((48 - 15 + 1) * 40, marked);
    }

    /**
     * The model's mask mottled over the unsure region (0.45 and 0.85 in a checkerboard, as ISNet's speckle over a part
     * it was unsure of): read pixel by pixel, every pixel is next to the background side and nothing is a core; read
     * from the mask's local mean (radius 2), the deep part's 0.85 pixels are cores, and none within the depth is.
     */
    @Test
    void aMottledMaskIsReadByItsLocalMean() {
        for (int smooth : new int[] {0, 2}) {
            float[] rgb = new float[3 * 60 * 40];
            float[] alpha = new float[60 * 40];
            byte[] constraint = coreGrid(rgb, alpha, new float[] {0.3f, 0.45f, 0.15f}, false);
            for (int y = 0; y < 40; y++) {
                for (int x = 10; x < 50; x++) {
                    alpha[y * 60 + x] = (x + y) % 2 == 0 ? 0.85f : 0.45f;
                }
            }
            int marked = HazeRemoval.markSubjectCores(rgb, alpha, constraint, 60, 40, 12, 6, smooth, 0.5f, 1e-4f, 9f,
                    0.05f, 1e-3f);
            if (smooth == 0) {
                assertEquals(0, marked);
                continue;
            }
            for (int y = 0; y < 40; y++) {
                for (int x = 10; x < 50; x++) {
                    int i = y * 60 + x;
                    boolean high = alpha[i] > 0.5f;
                    if (x - 9 < 6 || !high) {
                        assertEquals(AlphaMatting.FREE, constraint[i], "x " + x + " y " + y);
                    } else if (x >= 18 && x <= 46) {
                        assertEquals(AlphaMatting.FOREGROUND, constraint[i], "x " + x + " y " + y);
                    }
                }
            }
            assertTrue(marked > 0);
        }
    }

    /**
     * The refinement's two looks for cores share the first one's background models (between them only subject marks
     * are added): the second look marks exactly what it marks with fresh models, over several window levels (the
     * background lies up to 40 pixels from the cores, the window's radius is 12).
     */
    @Test
    void sharedBackgroundModelsMarkWhatFreshOnesMark() {
        float[] rgb = new float[3 * 60 * 40];
        float[] alpha = new float[60 * 40];
        byte[] shared = coreGrid(rgb, alpha, new float[] {0.3f, 0.45f, 0.15f}, false);
        for (int y = 20; y < 40; y++) {
            for (int x = 10; x < 50; x++) {
                alpha[y * 60 + x] = 0.4f;
            }
        }
        byte[] fresh = shared.clone();
        HazeRemoval.BackgroundModels models = new HazeRemoval.BackgroundModels(rgb, shared, 60, 40, 12);
        int first = HazeRemoval.markSubjectCores(rgb, alpha, shared, 60, 40, 12, 6, 0, 0.5f, 1e-4f, 9f, 0.05f, 1e-3f,
                models);
        assertEquals(markCores(rgb, alpha, fresh), first);
        assertTrue(first > 0);
        int second = HazeRemoval.markSubjectCores(rgb, alpha, shared, 60, 40, 12, 6, 0, 0.3f, 1e-4f, 9f, 0.05f,
                1e-3f, models);
        assertEquals(HazeRemoval.markSubjectCores(rgb, alpha, fresh, 60, 40, 12, 6, 0, 0.3f, 1e-4f, 9f, 0.05f, 1e-3f),
                second);
        assertTrue(second > 0);
        assertArrayEquals(fresh, shared);
    }

    /** Glass or a veil: the unsure region shows the background's colour through it, so it keeps its alpha. */
    @Test
    void anUnsureRegionOfTheBackgroundsColourStaysFree() {
        float[] rgb = new float[3 * 60 * 40];
        float[] alpha = new float[60 * 40];
        byte[] constraint = coreGrid(rgb, alpha, BLUE, false);
        assertEquals(0, markCores(rgb, alpha, constraint));
    }

    /** Strands and fur are not flat: a textured unsure region is left to the solve. */
    @Test
    void aTexturedUnsureRegionStaysFree() {
        float[] rgb = new float[3 * 60 * 40];
        float[] alpha = new float[60 * 40];
        byte[] constraint = coreGrid(rgb, alpha, new float[] {0.3f, 0.45f, 0.15f}, true);
        assertEquals(0, markCores(rgb, alpha, constraint));
    }

    /**
     * The whole refinement: a disk on a blue photo, orange above and olive below, whose mask says 0.75 over the olive
     * half (as ISNet leaves where it is unsure of a wide part of the subject: a plant's leaves below its flowers).
     * Without the core rule the matting keeps that half translucent (over flat colour cut off by colour edges the
     * prior decides); with it the disk is solid, and the background stays clear.
     */
    @Test
    void aSubjectTheModelWasUnsureOfComesOutSolid() {
        int w = 400;
        int h = 300;
        int mw = 400;
        int mh = 300;
        Random rnd = new Random(9);
        int[] px = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int n = rnd.nextInt(3) - 1;
                px[y * w + x] = Math.hypot(x - 200, y - 150) >= 120 ? RgbaImage.pack(60 + n, 110 + n, 200 + n, 255)
                        : y < 150 ? RgbaImage.pack(220 + n, 120 + n, 40 + n, 255)
                        : RgbaImage.pack(90 + n, 100 + n, 40 + n, 255);
            }
        }
        float[] mask = new float[mw * mh];
        for (int y = 0; y < mh; y++) {
            for (int x = 0; x < mw; x++) {
                double r = Math.hypot(x + 0.5 - 200, y + 0.5 - 150);
                mask[y * mw + x] = r < 120 ? (y + 0.5 > 150 ? 0.75f : 1f) : 0f;
            }
        }
        RefineOptions off = new RefineOptions();
        off.solid = false;
        int[] translucent = px.clone();
        EdgeRefiner.refine(mask, mw, mh, new RgbaImage(w, h, translucent), 1f, off);
        int[] solid = px.clone();
        EdgeRefiner.refine(mask, mw, mh, new RgbaImage(w, h, solid), 1f, new RefineOptions());
        double before = meanAlpha(translucent, w, 170, 230, 180, 240);
        assertTrue(before < 250, "without the core rule " + before);
        assertEquals(255.0, meanAlpha(solid, w, 170, 230, 180, 240), 0.0, "with it");
        assertEquals(0.0, meanAlpha(solid, w, 0, 60, 0, 300), 0.0, "the background");
    }

    private static double meanAlpha(int[] px, int w, int x0, int x1, int y0, int y1) {
        double sum = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                sum += px[y * w + x] >>> 24;
            }
        }
        return sum / ((x1 - x0) * (y1 - y0));
    }
}
