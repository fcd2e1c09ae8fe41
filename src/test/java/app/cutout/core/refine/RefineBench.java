package app.cutout.core.refine;

import app.cutout.core.image.RgbaImage;
import app.cutout.core.ops.MaskUpsampler;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * JVM timing of {@link EdgeRefiner#refine} on synthetic 4000x3000 photos with a 1024x1024 mask, next to the raw
 * {@link MaskUpsampler#applyAlpha} it replaces; not run by the tests. Two scenes: a textured disk with 300
 * semi-transparent hair strands (many soft pixels), and the same outline without strands. Reports the median wall
 * time and the minimum thread CPU time of several runs after warm-up (CPU time is the steadier figure on a shared
 * machine).
 *
 * <pre>java -cp target/classes:target/test-classes app.cutout.core.refine.RefineBench [width height [runs]]</pre>
 */
public final class RefineBench {
    private RefineBench() {
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) {
        int width = args.length > 1 ? Integer.parseInt(args[0]) : 4000;
        int height = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 11;
        System.out.println(width + "x" + height + ", mask 1024x1024, " + runs + " runs after warm-up"
                + " (median wall ms / min CPU ms):");
        for (int strands : new int[] {300, 0}) {
            SyntheticScene scene = new SyntheticScene(width, height, 7, strands, true, 0.03);
            float[] mask = scene.mask(1024, 1024);
            RefineOptions alphaOnly = new RefineOptions();
            boolean matting = !"false".equals(System.getProperty("bench.matting"));
            alphaOnly.matting = matting;
            alphaOnly.foreground = false;
            RefineOptions full = new RefineOptions();
            full.matting = matting;
            RgbaImage image = new RgbaImage(width, height, new int[width * height]);
            double[][] raw = new double[2][runs];
            double[][] guided = new double[2][runs];
            double[][] all = new double[2][runs];
            for (int warm = 0; warm < 4; warm++) {
                time(scene, mask, image, 1f, full, null, 0);
                time(scene, mask, image, 0f, full, null, 0);
            }
            for (int i = 0; i < runs; i++) {
                time(scene, mask, image, 0f, full, raw, i);
                time(scene, mask, image, 1f, alphaOnly, guided, i);
                time(scene, mask, image, 1f, full, all, i);
            }
            System.out.println("  " + (strands > 0 ? strands + " hair strands" : "plain outline") + ":");
            System.out.println("    MaskUpsampler.applyAlpha (strength 0): " + report(raw));
            System.out.println("    refine, alpha only:                    " + report(guided));
            System.out.println("    refine, alpha + foreground:            " + report(all));
        }
    }

    private static void time(SyntheticScene scene, float[] mask, RgbaImage image, float strength,
            RefineOptions options, double[][] out, int i) {
        System.arraycopy(scene.composite, 0, image.pixels, 0, image.pixels.length);
        long cpu = THREADS.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        EdgeRefiner.refine(mask, 1024, 1024, image, strength, options);
        if (out != null) {
            out[0][i] = (System.nanoTime() - wall) / 1e6;
            out[1][i] = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e6;
        }
    }

    private static String report(double[][] v) {
        double[] wall = v[0].clone();
        Arrays.sort(wall);
        double cpu = Double.MAX_VALUE;
        for (double c : v[1]) {
            cpu = Math.min(cpu, c);
        }
        return Math.round(wall[wall.length / 2]) + " / " + Math.round(cpu);
    }
}
