package app.cutout.core.refine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.cutout.core.image.RgbaImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ForegroundEstimatorTest {

    @Test
    void aSweepLeavesNoSubnormalColour() {
        // A black, half-transparent patch whose estimates start subnormal, as a coarser level's can after the 2x2
        // solve cancels: the solve here gives about 1e-39 again (the colour term is 0, the neighbours carry the rest),
        // which the sweeps that follow would read on and on; it must come out as exactly 0.
        int w = 4;
        int h = 3;
        float[] img = new float[3 * w * h];
        float[] alpha = new float[w * h];
        float[] f = new float[3 * w * h];
        float[] b = new float[3 * w * h];
        java.util.Arrays.fill(alpha, 0.5f);
        java.util.Arrays.fill(f, 1e-39f);
        java.util.Arrays.fill(b, 3e-39f);
        float unclamped = (0.25f + 4e-5f) / ((0.25f + 4e-5f) * (0.25f + 4e-5f) - 0.0625f) * (4e-5f * 1e-39f);
        assertTrue(unclamped > 0f && unclamped < Float.MIN_NORMAL, "the plain solve gives a subnormal: " + unclamped);
        ForegroundEstimator.sweep(img, alpha, null, w, h, f, b, 1e-5f, 1f);
        for (int i = 0; i < f.length; i++) {
            assertEquals(0f, f[i], "F[" + i + "]");
            assertEquals(0f, b[i], "B[" + i + "]");
        }
    }

    @Test
    void opaqueUniformImageKeepsItsColour() {
        // alpha = 1 everywhere: the compositing term pins F to I and every neighbour agrees, so F = I exactly
        // up to float rounding.
        int w = 6;
        int h = 5;
        float[] img = new float[3 * w * h];
        float[] alpha = new float[w * h];
        for (int i = 0; i < w * h; i++) {
            img[3 * i] = 0.2f;
            img[3 * i + 1] = 0.4f;
            img[3 * i + 2] = 0.6f;
            alpha[i] = 1f;
        }
        float[] f = new float[3 * w * h];
        ForegroundEstimator.estimateMultiLevel(img, alpha, w, h, new RefineOptions(), f, null);
        for (int i = 0; i < w * h; i++) {
            assertEquals(0.2f, f[3 * i], 1e-5f);
            assertEquals(0.4f, f[3 * i + 1], 1e-5f);
            assertEquals(0.6f, f[3 * i + 2], 1e-5f);
        }
    }

    @Test
    void multiLevelRecoversTheForegroundOfASyntheticComposite() {
        // Smooth F (reddish) and B (bluish), alpha a ramp 0 -> 1 across columns with an opaque block on the right
        // and a clear block on the left; I = alpha F + (1 - alpha) B.
        int w = 48;
        int h = 40;
        float[] img = new float[3 * w * h];
        float[] alpha = new float[w * h];
        float[] trueF = new float[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                float a = Math.max(0f, Math.min(1f, (x - 12) / 24f));
                float[] f = {0.8f + 0.1f * y / h, 0.3f + 0.1f * x / w, 0.2f};
                float[] b = {0.1f, 0.4f + 0.2f * y / h, 0.9f - 0.2f * x / w};
                alpha[i] = a;
                for (int c = 0; c < 3; c++) {
                    trueF[3 * i + c] = f[c];
                    img[3 * i + c] = a * f[c] + (1 - a) * b[c];
                }
            }
        }
        float[] est = new float[3 * w * h];
        float[] bg = new float[3 * w * h];
        ForegroundEstimator.estimateMultiLevel(img, alpha, w, h, new RefineOptions(), est, bg);
        double observedError = 0;
        double estimateError = 0;
        int n = 0;
        for (int i = 0; i < w * h; i++) {
            if (alpha[i] > 0f && alpha[i] < 1f) {
                for (int c = 0; c < 3; c++) {
                    observedError += alpha[i] * Math.abs(img[3 * i + c] - trueF[3 * i + c]);
                    estimateError += alpha[i] * Math.abs(est[3 * i + c] - trueF[3 * i + c]);
                }
                n++;
            }
        }
        assertTrue(n > 0);
        assertTrue(estimateError < 0.2 * observedError, estimateError + " vs observed " + observedError);
        // Opaque pixels keep their colour.
        int opaque = 5 * w + 45;
        assertEquals(img[3 * opaque], est[3 * opaque], 1e-3f);
    }

    @Test
    void estimateOnAPhotoRecoversForegroundAndTouchesOnlySoftPixels() {
        SyntheticScene scene = new SyntheticScene(400, 300, 21, 40);
        int[] px = scene.composite.clone();
        for (int i = 0; i < px.length; i++) {
            px[i] = (px[i] & 0x00FFFFFF) | ((scene.alpha[i] & 0xFF) << 24);
        }
        int[] before = px.clone();
        RgbaImage image = new RgbaImage(400, 300, px);
        RefineOptions small = new RefineOptions();
        small.workingSize = 128; // a coarse grid, so that the full-resolution step does real work
        ForegroundEstimator.estimate(image, small, 1f);
        double observedError = 0;
        double estimateError = 0;
        for (int i = 0; i < px.length; i++) {
            int a = px[i] >>> 24;
            assertEquals(before[i] >>> 24, a);
            if (a == 0 || a == 255) {
                assertEquals(before[i], px[i]);
                continue;
            }
            for (int s = 0; s < 24; s += 8) {
                int truth = (scene.foreground[i] >>> s) & 0xFF;
                observedError += a * Math.abs(((before[i] >>> s) & 0xFF) - truth);
                estimateError += a * Math.abs(((px[i] >>> s) & 0xFF) - truth);
            }
        }
        assertTrue(estimateError < 0.25 * observedError, estimateError + " vs observed " + observedError);
    }

    @Test
    void strengthZeroLeavesThePhotoAloneAndHalfBlends() {
        Random rnd = new Random(2);
        int[] px = new int[30 * 20];
        for (int i = 0; i < px.length; i++) {
            px[i] = rnd.nextInt();
        }
        int[] before = px.clone();
        ForegroundEstimator.estimate(new RgbaImage(30, 20, px), new RefineOptions(), 0f);
        assertEquals(java.util.Arrays.toString(before), java.util.Arrays.toString(px));

        int[] full = before.clone();
        int[] half = before.clone();
        ForegroundEstimator.estimate(new RgbaImage(30, 20, full), new RefineOptions(), 1f);
        ForegroundEstimator.estimate(new RgbaImage(30, 20, half), new RefineOptions(), 0.5f);
        for (int i = 0; i < px.length; i++) {
            for (int s = 0; s < 24; s += 8) {
                int b = (before[i] >>> s) & 0xFF;
                int f = (full[i] >>> s) & 0xFF;
                int m = (half[i] >>> s) & 0xFF;
                assertTrue(Math.abs(m - (b + f) / 2.0) <= 1.0, b + " " + f + " " + m);
            }
        }
    }
}
