package app.cutout.core.refine;

import app.cutout.core.image.RgbaImage;
import java.util.Set;

/**
 * Refines a small made-up scene once, so that a photo's refinement runs in the browser's optimised code. The browser
 * runs a WebAssembly function's first calls in its baseline code and swaps in optimised code only for later calls
 * (there is no switch inside a running loop), so the first photo of a visit was refined in baseline code: 12 MP on a
 * first visit 525 ms against 345 ms for later photos (Chromium 156, 2-core AMD EPYC, medians of 5 cold visits and of
 * 5 warm runs, 2026-12-07). The stroke workers warm their solver up for the same reason.
 *
 * <p>The scene reaches every pass of {@link EdgeRefiner#refine} with the default options: a subject with a soft edge
 * (the unknown band), a mottled part of it that the model is unsure of (solid cores, the second look), a faint haze
 * over flat background (the haze rule). At {@value #WIDTH}×{@value #HEIGHT} the working grid is one bin per pixel and
 * its loops still run long enough for the browser to optimise them, in a few tens of milliseconds.
 */
public final class RefineWarmUp {
    static final int WIDTH = 240;
    static final int HEIGHT = 180;
    /** A quarter of ISNet's 1024 a side: the same code, 1/16 of the mask's loops, still long enough. */
    private static final int MASK = 256;

    private RefineWarmUp() {
    }

    /** Refines the scene once and drops it; nothing is kept. */
    public static void run() {
        refine(PassLog.OFF);
    }

    /** {@link #run}, returning the names of the passes that ran. */
    static Set<String> passes() {
        PassLog log = new PassLog(() -> 0.0, null);
        refine(log);
        return log.millis().keySet();
    }

    private static void refine(PassLog log) {
        int[] px = new int[WIDTH * HEIGHT];
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                double u = (x + 0.5) / WIDTH;
                double v = (y + 0.5) / HEIGHT;
                int r;
                int g;
                int b;
                if (inside(u, v) < 1.0) {
                    // A warm subject with a fine texture.
                    int t = ((x * 7 + y * 13) % 9) * 3;
                    r = 200 - t;
                    g = 120 + t;
                    b = 80;
                } else if (u < 0.5) {
                    r = 90;
                    g = 110;
                    b = 130;
                } else {
                    // Stripes, so that the background is not flat everywhere.
                    int s = (x / 6) % 2 == 0 ? 40 : 0;
                    r = 60 + s;
                    g = 140;
                    b = 90 + s;
                }
                px[y * WIDTH + x] = 0xFF000000 | r << 16 | g << 8 | b;
            }
        }
        float[] mask = new float[MASK * MASK];
        for (int y = 0; y < MASK; y++) {
            for (int x = 0; x < MASK; x++) {
                double u = (x + 0.5) / MASK;
                double v = (y + 0.5) / MASK;
                double d = inside(u, v);
                float a = (float) Math.max(0.0, Math.min(1.0, (1.0 - d) / 0.08 + 0.5));
                if (d < 0.3 && u < 0.5) {
                    // Unsure inside the subject: mottled 0.6–0.9.
                    a = 0.6f + 0.3f * (((x * 31 + y * 17) & 15) / 15f);
                } else if (d > 1.4 && u < 0.3 && v < 0.35) {
                    a = 0.25f;
                }
                mask[y * MASK + x] = a;
            }
        }
        EdgeRefiner.refine(mask, MASK, MASK, new RgbaImage(WIDTH, HEIGHT, px), 1f, new RefineOptions(), log);
    }

    /** Below 1 inside the subject's ellipse (squared, normalised distance from its centre). */
    private static double inside(double u, double v) {
        double du = (u - 0.5) / 0.3;
        double dv = (v - 0.55) / 0.35;
        return du * du + dv * dv;
    }
}
