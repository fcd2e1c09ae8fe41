package app.cutout.core.edit;

import app.cutout.core.image.RgbaImage;
import java.util.Arrays;
import java.util.Locale;

/**
 * JVM timing of the staging steps on a synthetic 4000x3000 (12 MP) cut-out (an ellipse covering about half the
 * photo with a 3-pixel soft edge, on noise); not run by the tests. Prints the median wall time of several runs after warm-up.
 *
 * <pre>java -cp target/classes:target/test-classes app.cutout.core.edit.EffectsBench [width height [runs]]</pre>
 */
public final class EffectsBench {
    private EffectsBench() {
    }

    public static void main(String[] args) {
        int w = args.length > 1 ? Integer.parseInt(args[0]) : 4000;
        int h = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        // Self-contained (no JUnit on the class path needed): noise photo, soft-edged ellipse subject.
        java.util.Random random = new java.util.Random(1);
        int[] px = new int[w * h];
        for (int i = 0; i < px.length; i++) {
            px[i] = random.nextInt() | 0xFF000000;
        }
        RgbaImage photo = new RgbaImage(w, h, px);
        byte[] alpha = new byte[w * h];
        double cx = w * 0.5;
        double cy = h * 0.55;
        double rx = w * 0.3;
        double ry = h * 0.4;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double nx = (x + 0.5 - cx) / rx;
                double ny = (y + 0.5 - cy) / ry;
                double d = (Math.sqrt(nx * nx + ny * ny) - 1) * Math.min(rx, ry);
                alpha[y * w + x] = (byte) Math.round(255 * Math.max(0, Math.min(1, 0.5 - d / 3)));
            }
        }
        Effects drop = Effects.none();
        drop.dropOpacity = 0.5;
        drop.dropDistance = 30;
        drop.dropBlur = 40;
        Effects contact = Effects.none();
        contact.contactOpacity = 0.6;
        contact.contactBlur = 25;
        Effects outline = Effects.none();
        outline.outlineWidth = 40;
        System.out.println(w + "x" + h + ", median of " + runs + " runs after warm-up (ms):");
        time("Outline.coverage width 40", runs, () -> Outline.coverage(alpha, w, h, 40));
        time("Shadow.drop blur 40", runs, () -> Shadow.drop(alpha, w, h, 45, 30, 40));
        time("Shadow.contact blur 25", runs, () -> Shadow.contact(alpha, w, h, 1.1, 0.12, 25));
        time("Confidence.measure", runs, () -> Confidence.measure(alpha, w, h));
        time("Staging ORIGINAL + sticker(4000)", runs,
                () -> Staging.stage(photo, alpha, Layout.Preset.ORIGINAL, 1, Effects.sticker(Math.max(w, h))));
        time("Staging MARKETPLACE (render 2000x2000)", runs,
                () -> Staging.stage(photo, alpha, Layout.Preset.MARKETPLACE, 2, null));
        time("Staging MARKETPLACE + sticker(2000)", runs,
                () -> Staging.stage(photo, alpha, Layout.Preset.MARKETPLACE, 2, Effects.sticker(2000)));
        Staging.Staged s = Staging.stage(photo, alpha, Layout.Preset.ORIGINAL, 1, Effects.sticker(Math.max(w, h)));
        time("Compositor.composite sticker canvas, transparent", runs, () -> {
            int[] out = new int[s.canvas.width * s.canvas.height];
            Compositor.composite(s.canvas, s.alpha, Compositor.prepare(s.canvas, Background.transparent(), null,
                    s.layers), null, out, 0, s.canvas.width);
        });
        Staging.Staged m = Staging.stage(photo, alpha, Layout.Preset.MARKETPLACE, 2, Effects.sticker(2000));
        time("Compositor.composite marketplace+sticker, white", runs, () -> {
            int[] out = new int[m.canvas.width * m.canvas.height];
            Compositor.composite(m.canvas, m.alpha, Compositor.prepare(m.canvas, Layout.Preset.MARKETPLACE
                    .background, null, m.layers), null, out, 0, m.canvas.width);
        });
        time("Compositor.composite plain, transparent (baseline)", runs,
                () -> Compositor.composite(photo, alpha, Background.transparent(), null));
    }

    private static void time(String what, int runs, Runnable r) {
        for (int i = 0; i < 2; i++) {
            r.run();
        }
        double[] t = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            r.run();
            t[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(t);
        System.out.println(String.format(Locale.ROOT, "  %-52s %7.0f", what, t[runs / 2]));
    }
}
