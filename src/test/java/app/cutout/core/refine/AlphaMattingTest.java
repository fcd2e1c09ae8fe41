package app.cutout.core.refine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AlphaMattingTest {
    private static final float[] FG = {0.9f, 0.2f, 0.1f};
    private static final float[] BG = {0.1f, 0.3f, 0.8f};

    /** I = αF + (1 - α)B per pixel. */
    private static float[] composite(float[] alpha) {
        float[] rgb = new float[3 * alpha.length];
        for (int i = 0; i < alpha.length; i++) {
            for (int c = 0; c < 3; c++) {
                rgb[3 * i + c] = alpha[i] * FG[c] + (1f - alpha[i]) * BG[c];
            }
        }
        return rgb;
    }

    /**
     * Two colours, any matte: alpha is then an affine function of the colour everywhere, which the matting
     * Laplacian does not penalise, so one column of sure background and one of sure subject pin it down and the
     * solve must give back the true matte, however irregular, with and without the coarse-to-fine levels.
     */
    @Test
    void recoversTheMatteOfATwoColourImage() {
        int w = 24;
        int h = 20;
        Random rnd = new Random(5);
        float[] truth = new float[w * h];
        byte[] constraint = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (x == 0) {
                    truth[i] = 0f;
                    constraint[i] = AlphaMatting.BACKGROUND;
                } else if (x == w - 1) {
                    truth[i] = 1f;
                    constraint[i] = AlphaMatting.FOREGROUND;
                } else {
                    // A ramp with noise on it: strands and holes alike.
                    truth[i] = Math.min(1f, Math.max(0f, x / (w - 1f) + 0.3f * (rnd.nextFloat() - 0.5f)));
                }
            }
        }
        float[] rgb = composite(truth);
        for (int levels : new int[] {1, AlphaMatting.MAX_LEVELS}) {
            float[] alpha = filled(w * h, 0.5f);
            int free = AlphaMatting.solve(rgb, alpha, null, constraint, w, h, null, 1e-7f, 2000, levels);
            assertEquals(w * h - 2 * h, free);
            for (int i = 0; i < alpha.length; i++) {
                assertEquals(truth[i], alpha[i], 0.01f, "pixel " + i + " with " + levels + " levels");
            }
        }
    }

    private static float[] filled(int n, float value) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, value);
        return a;
    }

    private static final int EDGE_W = 96;
    private static final int EDGE_H = 80;

    /**
     * A wavy soft edge, 12 pixels wide, around x = 48 of a 96x80 image: fills {@code truth} and returns the trimap
     * (sure background and subject more than 14 pixels from the edge's middle, free between).
     */
    private static byte[] wavyEdge(float[] truth) {
        byte[] constraint = new byte[EDGE_W * EDGE_H];
        for (int y = 0; y < EDGE_H; y++) {
            for (int x = 0; x < EDGE_W; x++) {
                int i = y * EDGE_W + x;
                float edge = 48f + 8f * (float) Math.sin(y * 0.3);
                truth[i] = Math.min(1f, Math.max(0f, (x - edge) / 12f + 0.5f));
                if (x < edge - 14f) {
                    constraint[i] = AlphaMatting.BACKGROUND;
                } else if (x > edge + 14f) {
                    constraint[i] = AlphaMatting.FOREGROUND;
                }
            }
        }
        return constraint;
    }

    /** The same with a band of unknown between sure regions, as the refiner's trimap gives, and a larger image. */
    @Test
    void recoversASoftEdgeBetweenSureRegions() {
        int w = EDGE_W;
        int h = EDGE_H;
        float[] truth = new float[w * h];
        byte[] constraint = wavyEdge(truth);
        float[] rgb = composite(truth);
        // A poor starting point and a weak prior pulling towards it: the colours must win.
        float[] alpha = filled(w * h, 0.5f);
        float[] weight = filled(w * h, 1e-4f);
        AlphaMatting.solve(rgb, alpha, weight, constraint, w, h, null, 1e-6f, 200);
        double err = 0;
        for (int i = 0; i < alpha.length; i++) {
            err = Math.max(err, Math.abs(alpha[i] - truth[i]));
        }
        assertTrue(err < 0.02, "max error " + err);
    }

    /**
     * The preview (the half-resolution level alone): the same wavy soft edge as above, so its answer must be close to
     * the truth though coarser (measured: 0.115 at worst, 0.005 on average); fixed pixels come out exactly as fixed and
     * the input is not changed.
     */
    @Test
    void theCoarsePreviewIsCloseToTheMatteAndKeepsTheConstraints() {
        int w = EDGE_W;
        int h = EDGE_H;
        float[] truth = new float[w * h];
        byte[] constraint = wavyEdge(truth);
        float[] rgb = composite(truth);
        float[] alpha = filled(w * h, 0.5f);
        float[] input = alpha.clone();
        float[] weight = filled(w * h, 1e-4f);
        float[] preview = AlphaMatting.coarseSolution(rgb, alpha, weight, constraint, w, h, 1e-6f, 200);
        assertTrue(java.util.Arrays.equals(input, alpha), "the input changed");
        double worst = 0;
        double sum = 0;
        for (int i = 0; i < preview.length; i++) {
            if (constraint[i] == AlphaMatting.BACKGROUND) {
                assertEquals(0f, preview[i], 0f);
            } else if (constraint[i] == AlphaMatting.FOREGROUND) {
                assertEquals(1f, preview[i], 0f);
            }
            double e = Math.abs(preview[i] - truth[i]);
            worst = Math.max(worst, e);
            sum += e;
        }
        assertTrue(worst < 0.15, "max error " + worst);
        assertTrue(sum / preview.length < 0.01, "mean error " + sum / preview.length);
    }

    /** Constrained pixels come out exactly 0, 1 or their input; pixels outside the region are not touched. */
    @Test
    void respectsConstraintsExactly() {
        int w = 40;
        int h = 30;
        Random rnd = new Random(11);
        float[] rgb = new float[3 * w * h];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = rnd.nextFloat();
        }
        float[] input = new float[w * h];
        byte[] constraint = new byte[w * h];
        for (int i = 0; i < input.length; i++) {
            input[i] = rnd.nextFloat();
            int c = rnd.nextInt(6);
            constraint[i] = c < 3 ? AlphaMatting.FREE : (byte) (c - 2);
        }
        int[] region = {5, 4, 33, 25};
        float[] weight = new float[w * h];
        java.util.Arrays.fill(weight, 0.01f);
        for (int levels = 1; levels <= AlphaMatting.MAX_LEVELS; levels++) {
            float[] alpha = input.clone();
            AlphaMatting.solve(rgb, alpha, weight, constraint, w, h, region, 1e-5f, 50, levels);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int i = y * w + x;
                    boolean inside = x >= region[0] && x < region[2] && y >= region[1] && y < region[3];
                    switch (constraint[i]) {
                        case AlphaMatting.BACKGROUND:
                            assertEquals(0f, alpha[i], 0f);
                            break;
                        case AlphaMatting.FOREGROUND:
                            assertEquals(1f, alpha[i], 0f);
                            break;
                        case AlphaMatting.KEEP:
                            assertEquals(input[i], alpha[i], 0f);
                            break;
                        default:
                            if (!inside) {
                                assertEquals(input[i], alpha[i], 0f);
                            } else {
                                assertTrue(alpha[i] >= 0f && alpha[i] <= 1f);
                            }
                    }
                }
            }
        }
    }

    /**
     * A stroke-editor style re-solve: user strokes as sure subject inside a region of an existing matte move the
     * free pixels of matching colour towards 1 and leave everything outside the region as it was.
     */
    @Test
    void strokesPullMatchingColours() {
        int w = 32;
        int h = 32;
        float[] truth = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                truth[y * w + x] = x >= 16 ? 1f : 0f;
            }
        }
        float[] rgb = composite(truth);
        // The matte the user corrects: the right half wrongly at 0.3 in the rows of the region, right below it.
        float[] alpha = new float[w * h];
        for (int i = 0; i < alpha.length; i++) {
            alpha[i] = i < 24 * w ? truth[i] * 0.3f : truth[i];
        }
        byte[] constraint = new byte[w * h];
        constraint[10 * w + 20] = AlphaMatting.FOREGROUND;
        constraint[10 * w + 5] = AlphaMatting.BACKGROUND;
        int[] region = {0, 0, w, 24};
        AlphaMatting.solve(rgb, alpha, null, constraint, w, h, region, 1e-6f, 300);
        for (int y = 0; y < 24; y++) {
            for (int x = 0; x < w; x++) {
                assertEquals(truth[y * w + x], alpha[y * w + x], 0.02f, "(" + x + ", " + y + ")");
            }
        }
        for (int y = 24; y < h; y++) {
            for (int x = 0; x < w; x++) {
                assertEquals(truth[y * w + x], alpha[y * w + x], 0f);
            }
        }
    }
}
