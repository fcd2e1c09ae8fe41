package app.cutout.core.refine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GrabCutTest {
    private static final int W = 60;
    private static final int H = 40;

    /** Red left of x = 25, blue from there, each channel with noise of 0.02. */
    private static float[] twoColours() {
        float[] rgb = new float[3 * W * H];
        Random rnd = new Random(5);
        for (int k = 0; k < W * H; k++) {
            float[] c = k % W < 25 ? new float[] {0.8f, 0.15f, 0.15f} : new float[] {0.15f, 0.2f, 0.7f};
            for (int i = 0; i < 3; i++) {
                rgb[3 * k + i] = (float) Math.max(0, Math.min(1, c[i] + 0.02 * rnd.nextGaussian()));
            }
        }
        return rgb;
    }

    /** The solver's edge weights {@code exp(-β·|ΔI|²)}, β from the mean squared step. */
    private static float[][] weights(float[] rgb) {
        float[] wx = new float[W * H];
        float[] wy = new float[W * H];
        double sum = 0;
        int count = 0;
        for (int k = 0; k < W * H; k++) {
            if (k % W + 1 < W) {
                wx[k] = d2(rgb, k, k + 1);
                sum += wx[k];
                count++;
            }
            if (k + W < W * H) {
                wy[k] = d2(rgb, k, k + W);
                sum += wy[k];
                count++;
            }
        }
        double beta = 1 / (2 * sum / count);
        for (int k = 0; k < W * H; k++) {
            wx[k] = (float) Math.exp(-beta * wx[k]);
            wy[k] = (float) Math.exp(-beta * wy[k]);
        }
        return new float[][] {wx, wy};
    }

    private static float d2(float[] rgb, int a, int b) {
        float s = 0;
        for (int i = 0; i < 3; i++) {
            float d = rgb[3 * a + i] - rgb[3 * b + i];
            s += d * d;
        }
        return s;
    }

    @Test
    void aSubjectStrokeAndBackgroundSamplesSeparateTwoColoursExactly() {
        float[] rgb = twoColours();
        float[][] w = weights(rgb);
        byte[] hard = new byte[W * H];
        boolean[] background = new boolean[W * H];
        for (int y = 18; y < 22; y++) {
            for (int x = 3; x < 10; x++) {
                hard[y * W + x] = GrabCut.SUBJECT;
            }
        }
        for (int y = 0; y < H; y++) {
            background[y * W + W - 1] = true;
        }
        boolean[] cut = GrabCut.cut(rgb, w[0], w[1], W, H, hard, background, null);
        for (int k = 0; k < W * H; k++) {
            assertEquals(k % W < 25, cut[k], "bin " + k % W + "," + k / W);
        }
    }

    @Test
    void hardConstraintsHoldAgainstColourAndTheModel() {
        float[] rgb = twoColours();
        float[][] w = weights(rgb);
        byte[] hard = new byte[W * H];
        boolean[] background = new boolean[W * H];
        float[] model = new float[W * H];
        for (int k = 0; k < W * H; k++) {
            // The model says the opposite everywhere.
            model[k] = k % W < 25 ? 0f : 1f;
        }
        for (int y = 18; y < 22; y++) {
            for (int x = 3; x < 10; x++) {
                hard[y * W + x] = GrabCut.SUBJECT;
            }
        }
        for (int y = 0; y < H; y++) {
            background[y * W + W - 1] = true;
        }
        // One blue bin held as subject, one red bin as background: each alone against its colour.
        hard[5 * W + 40] = GrabCut.SUBJECT;
        hard[35 * W + 10] = GrabCut.BACKGROUND;
        boolean[] cut = GrabCut.cut(rgb, w[0], w[1], W, H, hard, background, model);
        assertEquals(true, cut[5 * W + 40]);
        assertEquals(false, cut[35 * W + 10]);
        // The model's weak prior does not outweigh the colours: the rest is cut by colour.
        for (int k = 0; k < W * H; k++) {
            if (hard[k] == 0) {
                assertEquals(k % W < 25, cut[k], "bin " + k % W + "," + k / W);
            }
        }
    }
}
