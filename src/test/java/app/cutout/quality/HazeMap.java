package app.cutout.quality;

import app.cutout.core.image.RgbaImage;
import app.cutout.core.model.ModelSpec;
import app.cutout.core.ops.Chessboard;
import app.cutout.core.refine.EdgeRefiner;
import app.cutout.core.refine.RefineOptions;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Where the refined alpha leaves haze: per photo of a ground-truth set, the truly transparent pixels (truth 0) that
 * get alpha above 5, by their distance to the nearest pixel of the true subject (truth above 0), by the raw mask's
 * alpha there, and how many lie in 8-connected components of alpha above 5 that hold no pixel of alpha 250 or more
 * (floating blobs). With OUT_DIR, {@code NAME.haze.png}: the photo dimmed, those pixels in red (brighter for more
 * alpha), truly opaque pixels that miss 250 in blue.
 *
 * <pre>java -cp target/classes:target/test-classes:ONNXRUNTIME_JAR app.cutout.quality.HazeMap GT_DIR [OUT_DIR]</pre>
 *
 * Options as {@link MattingProbe}'s ({@code -Dcutout.refine.FIELD=VALUE}); masks cached in {@code target/gt-cache/}.
 */
public final class HazeMap {
    private HazeMap() {
    }

    /** Upper ends of the distance buckets, in pixels (the last is open). */
    static final int[] DISTANCES = {2, 8, 24};

    public static void main(String[] args) throws Exception {
        Path gt = Path.of(args[0]);
        Path out = args.length > 1 ? Path.of(args[1]) : null;
        if (out != null) {
            Files.createDirectories(out);
        }
        RefineOptions options = QualityProbe.optionsFromProperties();
        List<Path> images = MatteFiles.photos(gt);
        System.out.println(String.format(Locale.ROOT,
                "%-10s %7s %6s | %6s %6s %6s %6s | %6s %6s %6s | %6s %5s | %7s %7s %6s", "image", "truth0", "tr<=5",
                "d<=2", "<=8", "<=24", ">24", "raw<=5", "<128", ">=128", "float", "mean", "SAD", "grad", "op"));
        List<double[]> rows = new ArrayList<>();
        for (Path file : images) {
            String name = file.getFileName().toString().replaceAll("\\.[^.]+$", "");
            BufferedImage photo = MatteFiles.read(file);
            byte[] truth = MatteFiles.grayBytes(MatteFiles.read(gt.resolve(name + ".matte.png")));
            int w = photo.getWidth();
            int h = photo.getHeight();
            int[] rgba = MatteFiles.packedRgba(photo);
            float[] mask = IsnetJava.cachedMask(rgba, w, h, name);
            int[] alpha = alpha(mask, rgba, w, h, 1f, options);
            int[] raw = alpha(mask, rgba, w, h, 0f, options);
            int[] dist = distanceToSubject(truth, w, h);
            boolean[] anchored = anchored(alpha, w, h);
            long truth0 = 0;
            long haze = 0;
            long[] byDist = new long[DISTANCES.length + 1];
            long[] byRaw = new long[3];
            long floating = 0;
            double sum = 0;
            for (int i = 0; i < w * h; i++) {
                if ((truth[i] & 0xFF) != 0) {
                    continue;
                }
                truth0++;
                if (alpha[i] <= 5) {
                    continue;
                }
                haze++;
                sum += alpha[i];
                int b = 0;
                while (b < DISTANCES.length && dist[i] > DISTANCES[b]) {
                    b++;
                }
                byDist[b]++;
                byRaw[raw[i] <= 5 ? 0 : (raw[i] < 128 ? 1 : 2)]++;
                floating += anchored[i] ? 0 : 1;
            }
            double t0 = Math.max(1, truth0);
            byte[] a8 = new byte[w * h];
            long op = 0;
            long opOk = 0;
            for (int i = 0; i < a8.length; i++) {
                a8[i] = (byte) alpha[i];
                if ((truth[i] & 0xFF) == 255) {
                    op++;
                    opOk += alpha[i] >= 250 ? 1 : 0;
                }
            }
            double[] row = {1 - haze / t0, MatteMetrics.sad(a8, truth), MatteMetrics.gradientError(a8, truth, w, h),
                (double) opOk / Math.max(1, op)};
            rows.add(row);
            System.out.println(String.format(Locale.ROOT,
                    "%-10s %7d %6.4f | %6.4f %6.4f %6.4f %6.4f | %6.4f %6.4f %6.4f | %6.4f %5.0f | %7.3f %7.3f %6.4f",
                    name, truth0, row[0], byDist[0] / t0, byDist[1] / t0, byDist[2] / t0, byDist[3] / t0,
                    byRaw[0] / t0, byRaw[1] / t0, byRaw[2] / t0, floating / t0, haze == 0 ? 0 : sum / haze, row[1],
                    row[2], row[3]));
            if (out != null) {
                BufferedImage map = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
                for (int i = 0; i < w * h; i++) {
                    int p = rgba[i];
                    int grey = (((p & 0xFF) + ((p >>> 8) & 0xFF) + ((p >>> 16) & 0xFF)) / 3) * 2 / 5;
                    int rgb = grey << 16 | grey << 8 | grey;
                    int t = truth[i] & 0xFF;
                    if (t == 0 && alpha[i] > 5) {
                        rgb = (120 + alpha[i] * 135 / 255) << 16 | (anchored[i] ? 0 : 160) << 8;
                    } else if (t == 255 && alpha[i] < 250) {
                        rgb = 0x2060FF;
                    }
                    map.setRGB(i % w, i / w, rgb);
                }
                ImageIO.write(map, "png", out.resolve(name + ".haze.png").toFile());
                MatteFiles.writeGray(out.resolve(name + ".alpha.png"), a8, w, h);
            }
        }
        for (int from = 0; from < 3; from++) {
            double[][] med = new double[4][];
            for (int k = 0; k < 4; k++) {
                List<Double> v = new ArrayList<>();
                for (int f = from == 2 ? 1 : 0; f < rows.size(); f += from == 0 ? 1 : 2) {
                    v.add(rows.get(f)[k]);
                }
                med[k] = v.stream().mapToDouble(Double::doubleValue).toArray();
            }
            System.out.println(String.format(Locale.ROOT, "median %-4s tr<=5 %.4f SAD %.3f grad %.3f op %.4f",
                    from == 0 ? "all" : (from == 1 ? "odd" : "even"), MattingProbe.median(med[0]),
                    MattingProbe.median(med[1]), MattingProbe.median(med[2]), MattingProbe.median(med[3])));
        }
    }

    private static int[] alpha(float[] mask, int[] rgba, int w, int h, float strength, RefineOptions options) {
        RgbaImage image = new RgbaImage(w, h, rgba.clone());
        EdgeRefiner.refine(mask, ModelSpec.SIZE, ModelSpec.SIZE, image, strength, options);
        int[] a = new int[w * h];
        for (int i = 0; i < a.length; i++) {
            a[i] = image.pixels[i] >>> 24;
        }
        return a;
    }

    /** Chessboard distance to the nearest pixel with truth above 0 (two passes). */
    static int[] distanceToSubject(byte[] truth, int w, int h) {
        int big = w + h;
        int[] d = new int[w * h];
        for (int i = 0; i < d.length; i++) {
            d[i] = truth[i] != 0 ? 0 : big;
        }
        Chessboard.distances(d, w, h);
        return d;
    }

    /** Whether each pixel lies in an 8-connected component of alpha above 5 that holds an alpha of 250 or more. */
    static boolean[] anchored(int[] alpha, int w, int h) {
        boolean[] seen = new boolean[w * h];
        int[] stack = new int[w * h];
        for (int i = 0; i < w * h; i++) {
            if (alpha[i] < 250 || seen[i]) {
                continue;
            }
            int top = 0;
            stack[top++] = i;
            seen[i] = true;
            while (top > 0) {
                int k = stack[--top];
                int y = k / w;
                int x = k - y * w;
                for (int yy = Math.max(0, y - 1); yy <= Math.min(h - 1, y + 1); yy++) {
                    for (int xx = Math.max(0, x - 1); xx <= Math.min(w - 1, x + 1); xx++) {
                        int j = yy * w + xx;
                        if (!seen[j] && alpha[j] > 5) {
                            seen[j] = true;
                            stack[top++] = j;
                        }
                    }
                }
            }
        }
        return seen;
    }
}
