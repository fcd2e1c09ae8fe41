package app.cutout.quality;

import app.cutout.core.image.RgbaImage;
import app.cutout.core.model.ModelSpec;
import app.cutout.core.refine.EdgeRefiner;
import app.cutout.core.refine.RefineOptions;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Three-way matte quality on a ground-truth set, for tuning the matting step of {@link EdgeRefiner} on the JVM: the
 * raw mask ({@code strength 0}, which is also what the peer outputs), the previous refinement
 * ({@link RefineOptions#matting} off) and the current options ({@code -Dcutout.refine.FIELD=VALUE} as in
 * {@link QualityProbe}; matting on by default). Per image and as medians (all, odd- and even-numbered images): SAD,
 * MSE, gradient error, IoU, the share of truly opaque pixels (truth 255) that get alpha at least 250 and the share of
 * truly transparent ones (truth 0) that get at most 5, and the refinement's thread CPU time (the least of {@code -Dprobe.runs=3} runs).
 *
 * <pre>java -cp target/classes:target/test-classes:ONNXRUNTIME_JAR app.cutout.quality.MattingProbe GT_DIR [OUT_DIR]</pre>
 *
 * ISNet's masks are cached in {@code target/gt-cache/}. OUT_DIR receives {@code NAME.{raw,old,new}.png}.
 */
public final class MattingProbe {
    private MattingProbe() {
    }

    static final String[] LABELS = {"raw", "old", "new"};

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    static final int TIMING_RUNS = Integer.getInteger("probe.runs", 3);

    public static void main(String[] args) throws Exception {
        if (args[0].equals("--time")) {
            timeLarge(Path.of(args[1]), args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            return;
        }
        Path gt = Path.of(args[0]);
        Path out = args.length > 1 ? Path.of(args[1]) : null;
        if (out != null) {
            Files.createDirectories(out);
        }
        RefineOptions fresh = QualityProbe.optionsFromProperties();
        RefineOptions old = new RefineOptions();
        old.matting = false;
        List<Path> images = MatteFiles.photos(gt);
        int n = images.size();
        // [image][variant][metric]: sad, mse, grad, iou, opaque share, transparent share, ms
        double[][][] m = new double[n][3][7];
        System.out.println(String.format(Locale.ROOT, "%-10s %-4s %8s %9s %8s %7s %7s %7s %6s", "image", "", "SAD",
                "MSE", "grad", "IoU", "op>=250", "tr<=5", "ms"));
        for (int f = 0; f < n; f++) {
            Path file = images.get(f);
            String name = file.getFileName().toString().replaceAll("\\.[^.]+$", "");
            BufferedImage photo = MatteFiles.read(file);
            byte[] truth = MatteFiles.grayBytes(MatteFiles.read(gt.resolve(name + ".matte.png")));
            int w = photo.getWidth();
            int h = photo.getHeight();
            int[] rgba = MatteFiles.packedRgba(photo);
            float[] mask = IsnetJava.cachedMask(rgba, w, h, name);
            for (int v = 0; v < 3; v++) {
                RgbaImage image = null;
                double ms = Double.MAX_VALUE;
                // The fastest of a few runs (the machine is shared; the first runs also pay for compilation).
                for (int rep = 0; rep < TIMING_RUNS; rep++) {
                    image = new RgbaImage(w, h, rgba.clone());
                    long t = THREADS.getCurrentThreadCpuTime();
                    EdgeRefiner.refine(mask, ModelSpec.SIZE, ModelSpec.SIZE, image, v == 0 ? 0f : 1f,
                            v == 1 ? old : fresh);
                    ms = Math.min(ms, (THREADS.getCurrentThreadCpuTime() - t) / 1e6);
                }
                byte[] alpha = new byte[w * h];
                for (int i = 0; i < alpha.length; i++) {
                    alpha[i] = (byte) (image.pixels[i] >>> 24);
                }
                double[] s = m[f][v];
                s[0] = MatteMetrics.sad(alpha, truth);
                s[1] = MatteMetrics.mse(alpha, truth);
                s[2] = MatteMetrics.gradientError(alpha, truth, w, h);
                s[3] = MatteMetrics.iou(alpha, truth);
                long op = 0;
                long opOk = 0;
                long tr = 0;
                long trOk = 0;
                for (int i = 0; i < alpha.length; i++) {
                    int tv = truth[i] & 0xFF;
                    int a = alpha[i] & 0xFF;
                    if (tv == 255) {
                        op++;
                        opOk += a >= 250 ? 1 : 0;
                    } else if (tv == 0) {
                        tr++;
                        trOk += a <= 5 ? 1 : 0;
                    }
                }
                s[4] = op == 0 ? 1 : (double) opOk / op;
                s[5] = tr == 0 ? 1 : (double) trOk / tr;
                s[6] = ms;
                System.out.println(row(v == 0 ? name : "", LABELS[v], s));
                if (out != null) {
                    MatteFiles.writeGray(out.resolve(name + "." + LABELS[v] + ".png"), alpha, w, h);
                }
            }
        }
        summary("median", m, 0, 1);
        summary("median odd", m, 0, 2);
        summary("median even", m, 1, 2);
        // Ratios new / raw and new / old per image, then their medians.
        double[][] ratioRaw = new double[2][n];
        double[][] ratioOld = new double[2][n];
        for (int f = 0; f < n; f++) {
            for (int k = 0; k < 2; k++) {
                int metric = k == 0 ? 0 : 2;
                ratioRaw[k][f] = m[f][2][metric] / m[f][0][metric];
                ratioOld[k][f] = m[f][2][metric] / m[f][1][metric];
            }
        }
        System.out.println(String.format(Locale.ROOT,
                "median ratio new/raw: SAD %.3f grad %.3f; new/old: SAD %.3f grad %.3f", median(ratioRaw[0]),
                median(ratioRaw[1]), median(ratioOld[0]), median(ratioOld[1])));
    }

    /**
     * {@code --time GT_DIR NAME WIDTH HEIGHT}: refinement time (thread CPU, least of 5 runs after 3 warm-ups) of
     * photo NAME scaled bilinearly to WIDTH x HEIGHT, with the mask of the photo at its own size (cached as for the
     * quality run), old and new: the real photo's mask and colours at a 12 MP cost.
     */
    static void timeLarge(Path gt, String name, int w, int h) throws Exception {
        BufferedImage photo = MatteFiles.read(gt.resolve(name + ".png"));
        int[] small = MatteFiles.packedRgba(photo);
        float[] mask = IsnetJava.cachedMask(small, photo.getWidth(), photo.getHeight(), name);
        BufferedImage big = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D gfx = big.createGraphics();
        gfx.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION,
                java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        gfx.drawImage(photo, 0, 0, w, h, null);
        gfx.dispose();
        int[] rgba = MatteFiles.packedRgba(big);
        RefineOptions fresh = QualityProbe.optionsFromProperties();
        RefineOptions old = new RefineOptions();
        old.matting = false;
        StringBuilder line = new StringBuilder(name + " " + w + "x" + h);
        for (int v = 0; v < 3; v++) {
            double best = Double.MAX_VALUE;
            for (int rep = 0; rep < 8; rep++) {
                RgbaImage image = new RgbaImage(w, h, rgba.clone());
                long t = THREADS.getCurrentThreadCpuTime();
                EdgeRefiner.refine(mask, ModelSpec.SIZE, ModelSpec.SIZE, image, v == 0 ? 0f : 1f,
                        v == 1 ? old : fresh);
                double ms = (THREADS.getCurrentThreadCpuTime() - t) / 1e6;
                if (rep >= 3) {
                    best = Math.min(best, ms);
                }
            }
            line.append(String.format(Locale.ROOT, "  %s %.0f ms", LABELS[v], best));
        }
        System.out.println(line);
    }

    private static String row(String name, String label, double[] s) {
        return String.format(Locale.ROOT, "%-10s %-4s %8.3f %9.6f %8.3f %7.4f %7.4f %7.4f %6.0f", name, label, s[0],
                s[1], s[2], s[3], s[4], s[5], s[6]);
    }

    private static void summary(String title, double[][][] m, int from, int step) {
        for (int v = 0; v < 3; v++) {
            double[] med = new double[7];
            for (int k = 0; k < 7; k++) {
                List<Double> vals = new ArrayList<>();
                for (int f = from; f < m.length; f += step) {
                    vals.add(m[f][v][k]);
                }
                double[] a = new double[vals.size()];
                for (int i = 0; i < a.length; i++) {
                    a[i] = vals.get(i);
                }
                med[k] = median(a);
            }
            System.out.println(row(v == 0 ? title : "", LABELS[v], med));
        }
    }

    static double median(double[] v) {
        double[] a = v.clone();
        Arrays.sort(a);
        int k = a.length / 2;
        return a.length % 2 == 1 ? a[k] : 0.5 * (a[k - 1] + a[k]);
    }
}
