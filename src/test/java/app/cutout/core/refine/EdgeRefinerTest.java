package app.cutout.core.refine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.cutout.core.image.RgbaImage;
import app.cutout.core.ops.MaskStats;
import app.cutout.core.ops.MaskUpsampler;
import app.cutout.quality.MatteMetrics;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EdgeRefinerTest {

    /** A blurred, wobbly blob with some noise: soft edges everywhere, plus out-of-range values. */
    private static float[] blobMask(int mw, int mh, Random rnd) {
        float[] m = new float[mw * mh];
        double cx = mw * (0.3 + 0.4 * rnd.nextDouble());
        double cy = mh * (0.3 + 0.4 * rnd.nextDouble());
        double r = Math.min(mw, mh) * (0.15 + 0.2 * rnd.nextDouble());
        double soft = 0.5 + 3 * rnd.nextDouble();
        for (int y = 0; y < mh; y++) {
            for (int x = 0; x < mw; x++) {
                double d = Math.hypot(x - cx, y - cy) * (1 + 0.1 * Math.sin(3 * Math.atan2(y - cy, x - cx)));
                double v = 1 / (1 + Math.exp((d - r) / soft)) + (rnd.nextDouble() - 0.5) * 0.01;
                m[y * mw + x] = (float) v;
            }
        }
        m[rnd.nextInt(m.length)] = 1.3f;
        m[rnd.nextInt(m.length)] = -0.2f;
        return m;
    }

    private static int[] randomPixels(int n, Random rnd) {
        int[] px = new int[n];
        for (int i = 0; i < n; i++) {
            px[i] = rnd.nextInt();
        }
        return px;
    }

    @Test
    void strengthZeroIsBitIdenticalToMaskUpsampler() {
        Random rnd = new Random(1);
        int[][] sizes = {{32, 32, 300, 200}, {64, 48, 17, 33}, {1, 1, 5, 4}, {16, 16, 16, 16}, {40, 30, 1, 1}};
        for (int[] s : sizes) {
            float[] mask = blobMask(s[0], s[1], rnd);
            mask[0] = Float.NaN;
            int[] px = randomPixels(s[2] * s[3], rnd);
            int[] expected = px.clone();
            MaskUpsampler.applyAlpha(mask, s[0], s[1], expected, s[2], s[3]);
            for (float strength : new float[] {0f, -1f, Float.NaN}) {
                int[] actual = px.clone();
                EdgeRefiner.refine(mask, s[0], s[1], new RgbaImage(s[2], s[3], actual), strength);
                assertArrayEquals(expected, actual, "strength " + strength);
            }
        }
    }

    @Test
    void onlyTheUnknownBandChangesAlphaAndOnlySoftPixelsChangeColour() {
        Random rnd = new Random(2);
        for (int trial = 0; trial < 6; trial++) {
            int mw = 24 + rnd.nextInt(60);
            int mh = 24 + rnd.nextInt(60);
            int w = 50 + rnd.nextInt(400);
            int h = 50 + rnd.nextInt(400);
            float[] mask = blobMask(mw, mh, rnd);
            int[] px = randomPixels(w * h, rnd);
            int[] raw = px.clone();
            MaskUpsampler.applyAlpha(mask, mw, mh, raw, w, h);
            RefineOptions options = new RefineOptions();
            options.workingSize = 40 + rnd.nextInt(300);
            // The band contract is the earlier refinement's; the matting step deliberately makes sure regions
            // exactly 0 or 255 and may decide pixels just outside the band (see mattingKeepsColourOfSolidPixels...).
            options.matting = false;
            int[] matted = px.clone();
            RefineOptions matting = options.copy();
            matting.matting = true;
            EdgeRefiner.refine(mask, mw, mh, new RgbaImage(w, h, matted), 1f, matting);
            for (int i = 0; i < px.length; i++) {
                int a1 = matted[i] >>> 24;
                if (a1 == 0 || a1 == 255) {
                    assertEquals(raw[i] & 0x00FFFFFF, matted[i] & 0x00FFFFFF, "matting, trial " + trial);
                }
            }
            EdgeRefiner.refine(mask, mw, mh, new RgbaImage(w, h, px), 1f, options);
            int changed = 0;
            for (int i = 0; i < px.length; i++) {
                int a0 = raw[i] >>> 24;
                int a1 = px[i] >>> 24;
                if (a0 <= 5 || a0 >= 250) {
                    // Outside the band (0.02, 0.98) of the raw alpha: exactly the raw alpha.
                    assertEquals(a0, a1, "trial " + trial + " pixel " + i);
                }
                if (a1 == 0 || a1 == 255) {
                    // Colour only changes where the final alpha is strictly between 0 and 255.
                    assertEquals(raw[i] & 0x00FFFFFF, px[i] & 0x00FFFFFF);
                }
                if (a0 != a1) {
                    changed++;
                }
            }
            assertTrue(changed > 0, "trial " + trial + " refined nothing");
        }
    }

    @Test
    void withoutForegroundOnlyAlphaChanges() {
        Random rnd = new Random(3);
        float[] mask = blobMask(40, 40, rnd);
        int[] px = randomPixels(120 * 90, rnd);
        int[] before = px.clone();
        RefineOptions options = new RefineOptions();
        options.foreground = false;
        EdgeRefiner.refine(mask, 40, 40, new RgbaImage(120, 90, px), 1f, options);
        for (int i = 0; i < px.length; i++) {
            assertEquals(before[i] & 0x00FFFFFF, px[i] & 0x00FFFFFF);
        }
    }

    @Test
    void intermediateStrengthBlendsRawAndRefinedAlpha() {
        Random rnd = new Random(4);
        float[] mask = blobMask(32, 32, rnd);
        int w = 160;
        int h = 120;
        int[] px = randomPixels(w * h, rnd);
        RefineOptions options = new RefineOptions();
        options.foreground = false;
        int[] raw = px.clone();
        MaskUpsampler.applyAlpha(mask, 32, 32, raw, w, h);
        int[] full = px.clone();
        EdgeRefiner.refine(mask, 32, 32, new RgbaImage(w, h, full), 1f, options);
        int[] quarter = px.clone();
        EdgeRefiner.refine(mask, 32, 32, new RgbaImage(w, h, quarter), 0.25f, options);
        for (int i = 0; i < px.length; i++) {
            double r = raw[i] >>> 24;
            double f = full[i] >>> 24;
            // raw + 0.25 (refined - raw), each rounded once: within one step of the blend of the rounded ends.
            assertEquals(r + 0.25 * (f - r), quarter[i] >>> 24, 1.0);
        }
    }

    @Test
    void refinedEdgeBeatsTheRawUpsampleOnASyntheticDisk() {
        // A sharp-edged disk (and a few semi-transparent strands) on a contrasting textured background; the mask is
        // the true alpha averaged down to 64x64, what a perfect low-resolution model would give.
        int w = 512;
        int h = 512;
        SyntheticScene scene = new SyntheticScene(w, h, 9, 12);
        float[] mask = scene.mask(64, 64);
        byte[] raw = MaskUpsampler.toAlpha(mask, 64, 64, w, h, null);
        RgbaImage image = scene.image();
        EdgeRefiner.refine(mask, 64, 64, image, 1f);
        byte[] refined = MaskStats.alphaOf(image.pixels);
        double rawSad = MatteMetrics.sad(raw, scene.alpha);
        double sad = MatteMetrics.sad(refined, scene.alpha);
        double rawGrad = MatteMetrics.gradientError(raw, scene.alpha, w, h);
        double grad = MatteMetrics.gradientError(refined, scene.alpha, w, h);
        // Measured: SAD 2.9 -> 1.0, gradient error 8.6 -> 0.5.
        assertTrue(sad < 0.6 * rawSad, "SAD " + sad + " vs raw " + rawSad);
        assertTrue(grad < 0.5 * rawGrad, "gradient error " + grad + " vs raw " + rawGrad);
        assertTrue(MatteMetrics.mse(refined, scene.alpha) < MatteMetrics.mse(raw, scene.alpha));
    }

    @Test
    void foregroundColourOfEdgePixelsMovesTowardsTheSubject() {
        // Composite the refined cut-out on a new background and compare with the truth composited the same way;
        // the raw path keeps the old background's colour in its soft edge.
        int w = 400;
        int h = 300;
        SyntheticScene scene = new SyntheticScene(w, h, 13, 30);
        float[] mask = scene.mask(100, 100);
        RgbaImage raw = scene.image();
        MaskUpsampler.applyAlpha(mask, 100, 100, raw.pixels, w, h);
        RgbaImage refined = scene.image();
        EdgeRefiner.refine(mask, 100, 100, refined, 1f);
        double rawError = compositeError(scene, raw.pixels);
        double error = compositeError(scene, refined.pixels);
        assertTrue(error < 0.6 * rawError, error + " vs raw " + rawError);
    }

    /** Mean absolute error of the composite over white, on pixels where either alpha is neither 0 nor 255. */
    private static double compositeError(SyntheticScene scene, int[] px) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < px.length; i++) {
            int at = scene.alpha[i] & 0xFF;
            int ae = px[i] >>> 24;
            if ((at == 0 && ae == 0) || (at == 255 && ae == 255)) {
                continue;
            }
            for (int s = 0; s < 24; s += 8) {
                double t = at * ((scene.foreground[i] >>> s) & 0xFF) + (255 - at) * 255.0;
                double e = ae * ((px[i] >>> s) & 0xFF) + (255 - ae) * 255.0;
                sum += Math.abs(t - e) / 255.0;
                n++;
            }
        }
        return sum / n;
    }

    @Test
    void handlesTinyAndDegenerateSizes() {
        Random rnd = new Random(6);
        int[][] sizes = {{1, 1, 1, 1}, {1, 1, 9, 2}, {7, 3, 1, 40}, {64, 64, 3, 2}, {2, 9, 70, 1}, {100, 80, 90, 70}};
        for (int[] s : sizes) {
            float[] mask = new float[s[0] * s[1]];
            for (int i = 0; i < mask.length; i++) {
                mask[i] = rnd.nextFloat();
            }
            int[] px = randomPixels(s[2] * s[3], rnd);
            int[] raw = px.clone();
            MaskUpsampler.applyAlpha(mask, s[0], s[1], raw, s[2], s[3]);
            // The matting step (default) must cope too; the band contract is checked without it.
            EdgeRefiner.refine(mask, s[0], s[1], new RgbaImage(s[2], s[3], px.clone()), 1f);
            RefineOptions old = new RefineOptions();
            old.matting = false;
            EdgeRefiner.refine(mask, s[0], s[1], new RgbaImage(s[2], s[3], px), 1f, old);
            for (int i = 0; i < px.length; i++) {
                int a0 = raw[i] >>> 24;
                if (a0 <= 5 || a0 >= 250) {
                    assertEquals(a0, px[i] >>> 24);
                }
            }
        }
    }

    @Test
    void solidMasksGiveTheRawAlpha() {
        // All-opaque, all-clear and hard 0/1 masks have no soft pixels in the band: the result is the raw path.
        Random rnd = new Random(7);
        float[][] masks = {new float[64], new float[64], new float[64]};
        java.util.Arrays.fill(masks[1], 1f);
        for (int i = 0; i < 64; i++) {
            masks[2][i] = i % 8 < 4 ? 0f : 1f;
        }
        for (float[] mask : masks) {
            int[] px = randomPixels(8 * 8, rnd);
            int[] raw = px.clone();
            MaskUpsampler.applyAlpha(mask, 8, 8, raw, 8, 8);
            EdgeRefiner.refine(mask, 8, 8, new RgbaImage(8, 8, px), 1f);
            assertArrayEquals(raw, px);
        }
    }

    /**
     * A 600x400 photo: a textured orange disk on a textured pale background; the 150x100 mask is the disk, except for
     * two wide unsure patches at alpha 0.45: one inside the disk (orange pixels), one in the background (pale
     * pixels), each 20 mask pixels (80 photo pixels) across, far wider than an edge ramp.
     */
    private static final class PatchScene {
        final int w = 600;
        final int h = 400;
        final int mw = 150;
        final int mh = 100;
        final int[] px = new int[w * h];
        final float[] mask = new float[mw * mh];

        PatchScene() {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int n = ((x * 7 + y * 13) % 11) - 5;
                    px[y * w + x] = inDisk(x + 0.5, y + 0.5)
                            ? RgbaImage.pack(215 + n, 90 + n, 50 + n, 255)
                            : RgbaImage.pack(205 + n, 160 + n, 120 + n, 255);
                }
            }
            for (int y = 0; y < mh; y++) {
                for (int x = 0; x < mw; x++) {
                    float v = inDisk((x + 0.5) * 4, (y + 0.5) * 4) ? 1f : 0f;
                    if (inSubjectPatch(x * 4 + 2, y * 4 + 2) || inBackgroundPatch(x * 4 + 2, y * 4 + 2)) {
                        v = 0.45f;
                    }
                    mask[y * mw + x] = v;
                }
            }
        }

        static boolean inDisk(double x, double y) {
            return Math.hypot(x - 250, y - 200) < 160;
        }

        /** 80x80 photo pixels inside the disk. */
        static boolean inSubjectPatch(int x, int y) {
            return x >= 240 && x < 320 && y >= 160 && y < 240;
        }

        /** 80x80 photo pixels in the background. */
        static boolean inBackgroundPatch(int x, int y) {
            return x >= 480 && x < 560 && y >= 40 && y < 120;
        }

        /** Mean alpha over the central 40x40 of a patch. */
        double meanAlpha(int[] pixels, int x0, int y0) {
            double sum = 0;
            for (int y = y0 + 20; y < y0 + 60; y++) {
                for (int x = x0 + 20; x < x0 + 60; x++) {
                    sum += pixels[y * w + x] >>> 24;
                }
            }
            return sum / 1600;
        }
    }

    @Test
    void decidesWideUnsurePatchesFromTheColoursTheModelIsSureOf() {
        PatchScene scene = new PatchScene();
        RefineOptions off = new RefineOptions();
        off.regions = false;
        off.matting = false;
        int[] withoutRegions = scene.px.clone();
        EdgeRefiner.refine(scene.mask, scene.mw, scene.mh, new RgbaImage(scene.w, scene.h, withoutRegions), 1f, off);
        // The fine guided filter cannot decide the middle of a patch: its window sees only unsure pixels there.
        // (Raw 0.45 is 115; measured 120 and 115.)
        assertEquals(115, scene.meanAlpha(withoutRegions, 240, 160), 10);
        assertEquals(115, scene.meanAlpha(withoutRegions, 480, 40), 10);
        for (boolean matting : new boolean[] {false, true}) {
            RefineOptions options = new RefineOptions();
            options.matting = matting;
            decidesPatches(scene, options);
        }
    }

    private static void decidesPatches(PatchScene scene, RefineOptions options) {
        int[] refined = scene.px.clone();
        EdgeRefiner.refine(scene.mask, scene.mw, scene.mh, new RgbaImage(scene.w, scene.h, refined), 1f, options);

        // Orange is subject and pale background everywhere else, so the patches go to (nearly) 255 and 0.
        assertTrue(scene.meanAlpha(refined, 240, 160) > 240, "subject patch " + scene.meanAlpha(refined, 240, 160));
        assertTrue(scene.meanAlpha(refined, 480, 40) < 15, "background patch " + scene.meanAlpha(refined, 480, 40));
        // Without matting, solid pixels are never touched; with it they may only become more solid.
        int[] raw = scene.px.clone();
        MaskUpsampler.applyAlpha(scene.mask, scene.mw, scene.mh, raw, scene.w, scene.h);
        for (int i = 0; i < raw.length; i++) {
            int a0 = raw[i] >>> 24;
            int a1 = refined[i] >>> 24;
            if (options.matting) {
                // Away from the disk's edge (the mask's is 4 photo pixels coarse) and the patches' borders, the
                // sure regions are exactly solid.
                int x = i % scene.w;
                int y = i / scene.w;
                double d = Math.abs(Math.hypot(x + 0.5 - 250, y + 0.5 - 200) - 160);
                boolean nearPatch = false;
                for (int dy = -16; dy <= 16 && !nearPatch; dy += 8) {
                    for (int dx = -16; dx <= 16 && !nearPatch; dx += 8) {
                        nearPatch = PatchScene.inSubjectPatch(x + dx, y + dy)
                                || PatchScene.inBackgroundPatch(x + dx, y + dy);
                    }
                }
                if (d > 16 && !nearPatch && (a0 <= 5 || a0 >= 250)) {
                    assertEquals(PatchScene.inDisk(x + 0.5, y + 0.5) ? 255 : 0, a1, "pixel " + i);
                }
            } else if (a0 <= 5 || a0 >= 250) {
                assertEquals(a0, a1, "pixel " + i);
            }
        }
        // Half strength: half the change, also for the region and matting steps.
        int[] half = scene.px.clone();
        EdgeRefiner.refine(scene.mask, scene.mw, scene.mh, new RgbaImage(scene.w, scene.h, half), 0.5f, options);
        for (int i = 0; i < raw.length; i++) {
            double r = raw[i] >>> 24;
            assertEquals(r + 0.5 * ((refined[i] >>> 24) - r), half[i] >>> 24, 1.0, "pixel " + i);
        }
    }

    @Test
    void rejectsBadArguments() {
        RgbaImage image = new RgbaImage(4, 4, new int[16]);
        assertThrows(IllegalArgumentException.class, () -> EdgeRefiner.refine(new float[3], 2, 2, image, 1f));
        assertThrows(IllegalArgumentException.class, () -> EdgeRefiner.refine(new float[3], 2, 2, image, 0f));
        RefineOptions bad = new RefineOptions();
        bad.epsilon = 0f;
        assertThrows(IllegalArgumentException.class, () -> EdgeRefiner.refine(new float[4], 2, 2, image, 1f, bad));
    }

    @Test
    void refinesATwelveMegapixelPhoto() {
        // 4000x3000 with a 1024x1024 mask, no timing: a disk whose colours differ from the background's.
        int w = 4000;
        int h = 3000;
        int[] px = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean in = Math.hypot(x - 2000.0, y - 1500.0) < 1000;
                px[y * w + x] = in
                        ? RgbaImage.pack(200, 120 + (x & 15), 60, 255)
                        : RgbaImage.pack(40, 90, 200 - (y & 7), 255);
            }
        }
        float[] mask = new float[1024 * 1024];
        for (int y = 0; y < 1024; y++) {
            for (int x = 0; x < 1024; x++) {
                double dx = (x + 0.5) * w / 1024.0 - 2000;
                double dy = (y + 0.5) * h / 1024.0 - 1500;
                mask[y * 1024 + x] = (float) (1 / (1 + Math.exp((Math.hypot(dx, dy) - 1000) / 6.0)));
            }
        }
        int[] raw = px.clone();
        MaskUpsampler.applyAlpha(mask, 1024, 1024, raw, w, h);
        EdgeRefiner.refine(mask, 1024, 1024, new RgbaImage(w, h, px), 1f);
        int changed = 0;
        for (int i = 0; i < px.length; i += 7) {
            int a0 = raw[i] >>> 24;
            int a1 = px[i] >>> 24;
            int y = i / w;
            double d = Math.hypot(i - y * w - 2000.0, y - 1500.0) - 1000;
            if (Math.abs(d) > 60) {
                // Sure subject and sure background (a few grid bins from the edge): exactly solid.
                assertEquals(d < 0 ? 255 : 0, a1, "pixel " + i);
            } else if (a0 <= 5) {
                assertTrue(a1 <= a0, "pixel " + i);
            } else if (a0 >= 250) {
                assertTrue(a1 >= a0, "pixel " + i);
            }
            if (a0 != a1) {
                changed++;
            }
        }
        assertTrue(changed > 0);
    }
}
