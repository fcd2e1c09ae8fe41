package app.cutout.quality;

import app.cutout.cli.StrokeRule;
import app.cutout.core.image.RgbaImage;
import app.cutout.core.model.ModelSpec;
import app.cutout.core.refine.EdgeRefiner;
import app.cutout.core.refine.Stroke;
import app.cutout.core.refine.StrokeSolver;
import app.cutout.e2e.ProjectDirs;
import app.cutout.e2e.TestImages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How many Keep/Remove strokes the scripted user ({@link StrokeRule}) needs on real photos: for each photo, the app's
 * automatic alpha (ISNet on the JVM, {@link EdgeRefiner} defaults, masks cached under {@code target/mask-cache/}),
 * then up to {@code N} strokes, each drawn on the previous result and solved with every stroke so far. Per stroke:
 * IoU (α ≥ 0.5), SAD, gradient error, and the solve's time (this thread's CPU time) on the photo, on the photo resized to about
 * {@link #PREVIEW_PIXELS} (the editor's screen-sized preview) and, with {@code --big}, to about {@link #BIG_PIXELS}.
 * Last, the median over photos of {@code nos95}, the strokes needed for IoU ≥ 0.95 ({@code N + 1} if never).
 *
 * <pre>java -cp target/classes:target/test-classes:ONNXRUNTIME_JAR app.cutout.quality.StrokeEval [--big] [--page]
 *     [--n N] [--save DIR] [DIR | PHOTO=TRUTH]...</pre>
 * With no photos: {@code ../shared/gt-dev} (or one level further up, for a worktree) and
 * {@code .testdata/plant.jpg=.testdata/plant_matte.png}.
 */
public final class StrokeEval {
    private StrokeEval() {
    }

    static final double PREVIEW_PIXELS = 1.5e6;
    static final double BIG_PIXELS = 12e6;

    /** A stroke that lowers IoU by more than this made the cut worse (less is noise of the band's re-solve). */
    static final double WORSE = 0.005;

    /** A photo, its truth and the app's automatic alpha for it. */
    record Photo(String name, int width, int height, byte[] rgba, byte[] truth, byte[] auto, float[] mask,
            boolean page) {
    }

    /**
     * The radius the editor draws for the rule's: the bench sets the brush size, a whole number of photo pixels,
     * to {@code round(2·radius)} (at least 2).
     */
    static float pageRadius(float radius) {
        return Math.max(2, Math.round(radius * 2)) / 2f;
    }

    /** The model's mask as the page hands it to the strokes workers: 8 bits, rounded. */
    static float[] pageMask(float[] mask) {
        float[] out = new float[mask.length];
        for (int i = 0; i < mask.length; i++) {
            float a = mask[i];
            out[i] = (a <= 0 ? 0 : a >= 1 ? 255 : (int) (a * 255 + 0.5f)) / 255f;
        }
        return out;
    }

    /** One stroke's figures. */
    record Step(Stroke stroke, byte[] alpha, double iou, double sad, double grad, double ms, double previewMs,
            double bigMs) {
    }

    /**
     * Loads a photo and its truth, and computes the automatic alpha as the app does; the model's mask is cached
     * under {@code target/mask-cache/strokes/}.
     */
    static Photo load(Path photo, Path truthFile) throws IOException {
        return load(photo, truthFile, false);
    }

    /** {@link #load(Path, Path)}, with {@code page} the strokes as the editor in the browser takes them. */
    static Photo load(Path photo, Path truthFile, boolean page) throws IOException {
        String name = photo.getFileName().toString().replaceAll("\\.[^.]+$", "");
        BufferedImage image = MatteFiles.read(photo);
        byte[] truth = MatteFiles.grayBytes(MatteFiles.read(truthFile));
        int w = image.getWidth();
        int h = image.getHeight();
        int[] packed = MatteFiles.packedRgba(image);
        Path cache = ProjectDirs.root().resolve("target/mask-cache/strokes").resolve(name + ".f32");
        float[] mask = IsnetJava.mask(packed, w, h, IsnetJava.defaultModel(), cache);
        byte[] rgba = new byte[4 * w * h];
        for (int i = 0; i < packed.length; i++) {
            int p = packed[i];
            rgba[4 * i] = (byte) p;
            rgba[4 * i + 1] = (byte) (p >>> 8);
            rgba[4 * i + 2] = (byte) (p >>> 16);
            rgba[4 * i + 3] = (byte) 255;
        }
        RgbaImage refined = new RgbaImage(w, h, packed.clone());
        EdgeRefiner.refine(mask, ModelSpec.SIZE, ModelSpec.SIZE, refined, 1f);
        byte[] auto = new byte[w * h];
        for (int i = 0; i < auto.length; i++) {
            auto[i] = (byte) (refined.pixels[i] >>> 24);
        }
        return new Photo(name, w, h, rgba, truth, auto, page ? pageMask(mask) : mask, page);
    }

    /**
     * Up to {@code n} strokes by the rule, each solved with all strokes so far on top of the previous result, and
     * timed again on the photo resized to about {@code previewPixels} and {@code bigPixels} (0 skips).
     */
    static List<Step> run(Photo p, int n, double previewPixels, double bigPixels) {
        List<Step> steps = new ArrayList<>();
        List<Stroke> strokes = new ArrayList<>();
        byte[] alpha = p.auto();
        for (int s = 0; s < n; s++) {
            Stroke stroke = StrokeRule.next(alpha, p.truth(), p.width(), p.height());
            if (stroke == null) {
                break;
            }
            if (p.page()) {
                stroke = new Stroke(stroke.kind, pageRadius(stroke.radius), stroke.points());
            }
            strokes.add(stroke);
            long t = cpuNanos();
            StrokeSolver.Solution sol = StrokeSolver.solve(p.rgba(), p.width(), p.height(), p.auto(), alpha, strokes,
                    p.mask(), ModelSpec.SIZE, ModelSpec.SIZE);
            double ms = (cpuNanos() - t) / 1e6;
            double previewMs = previewPixels > 0 ? timeResized(p, alpha, strokes, previewPixels) : Double.NaN;
            double bigMs = bigPixels > 0 ? timeResized(p, alpha, strokes, bigPixels) : Double.NaN;
            alpha = sol.alpha;
            steps.add(new Step(stroke, alpha, MatteMetrics.iou(alpha, p.truth()), MatteMetrics.sad(alpha, p.truth()),
                    MatteMetrics.gradientError(alpha, p.truth(), p.width(), p.height()), ms, previewMs, bigMs));
        }
        return steps;
    }

    /** The solve's time on the photo and alphas resized to about {@code pixels}, strokes scaled alike. */
    static double timeResized(Photo p, byte[] current, List<Stroke> strokes, double pixels) {
        double f = Math.sqrt(pixels / ((double) p.width() * p.height()));
        int w = (int) Math.round(p.width() * f);
        int h = (int) Math.round(p.height() * f);
        byte[] rgba = resize(p.rgba(), p.width(), p.height(), 4, w, h);
        byte[] prior = resize(p.auto(), p.width(), p.height(), 1, w, h);
        byte[] cur = resize(current, p.width(), p.height(), 1, w, h);
        List<Stroke> scaled = new ArrayList<>();
        for (Stroke s : strokes) {
            scaled.add(s.scaled((float) w / p.width()));
        }
        long t = cpuNanos();
        StrokeSolver.solve(rgba, w, h, prior, cur, scaled, p.mask(), ModelSpec.SIZE, ModelSpec.SIZE);
        return (cpuNanos() - t) / 1e6;
    }

    /** Bilinear resize of interleaved 8-bit channels. */
    static byte[] resize(byte[] src, int sw, int sh, int channels, int dw, int dh) {
        byte[] out = new byte[channels * dw * dh];
        double sx = (double) sw / dw;
        double sy = (double) sh / dh;
        for (int y = 0; y < dh; y++) {
            double fy = Math.max(0, Math.min(sh - 1, (y + 0.5) * sy - 0.5));
            int y0 = (int) fy;
            int y1 = Math.min(sh - 1, y0 + 1);
            float wy = (float) (fy - y0);
            for (int x = 0; x < dw; x++) {
                double fx = Math.max(0, Math.min(sw - 1, (x + 0.5) * sx - 0.5));
                int x0 = (int) fx;
                int x1 = Math.min(sw - 1, x0 + 1);
                float wx = (float) (fx - x0);
                for (int c = 0; c < channels; c++) {
                    float a = src[channels * (y0 * sw + x0) + c] & 0xFF;
                    float b = src[channels * (y0 * sw + x1) + c] & 0xFF;
                    float d = src[channels * (y1 * sw + x0) + c] & 0xFF;
                    float e = src[channels * (y1 * sw + x1) + c] & 0xFF;
                    float v = (1 - wy) * ((1 - wx) * a + wx * b) + wy * ((1 - wx) * d + wx * e);
                    out[channels * (y * dw + x) + c] = (byte) Math.round(v);
                }
            }
        }
        return out;
    }

    /** Strokes needed for IoU ≥ 0.95: 0 if the automatic alpha has it, {@code n + 1} if never. */
    static int strokesFor95(double autoIou, List<Step> steps, int n) {
        if (autoIou >= 0.95) {
            return 0;
        }
        for (int k = 0; k < steps.size(); k++) {
            if (steps.get(k).iou() >= 0.95) {
                return k + 1;
            }
        }
        return n + 1;
    }

    /**
     * This thread's CPU time: the solve runs on one thread, and on a machine shared with other work its CPU time is
     * what it costs, where wall time would count the waits for a core.
     */
    static long cpuNanos() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int m = s.length;
        return m == 0 ? Double.NaN : (m % 2 == 1 ? s[m / 2] : 0.5 * (s[m / 2 - 1] + s[m / 2]));
    }

    public static void main(String[] args) throws IOException {
        int n = 5;
        boolean big = false;
        boolean page = false;
        Path save = null;
        List<Path[]> inputs = new ArrayList<>();
        for (int a = 0; a < args.length; a++) {
            switch (args[a]) {
                case "--big" -> big = true;
                case "--page" -> page = true;
                case "--n" -> n = Integer.parseInt(args[++a]);
                case "--save" -> save = Path.of(args[++a]);
                default -> {
                    if (args[a].contains("=")) {
                        String[] pt = args[a].split("=", 2);
                        inputs.add(new Path[] {Path.of(pt[0]), Path.of(pt[1])});
                    } else {
                        addDir(Path.of(args[a]), inputs);
                    }
                }
            }
        }
        if (inputs.isEmpty()) {
            Path root = ProjectDirs.root();
            for (Path d : List.of(root.resolve("../shared/gt-dev"), root.resolve("../../shared/gt-dev"))) {
                if (Files.isDirectory(d)) {
                    addDir(d, inputs);
                    break;
                }
            }
            inputs.add(new Path[] {TestImages.plant(), TestImages.plantMatte()});
        }
        System.out.println(String.format(Locale.ROOT, "%-10s %9s %2s %-6s %7s %7s %8s %8s %8s %8s", "photo",
                "size", "#", "kind", "IoU", "SAD", "grad", "ms", "ms@1.5MP", "ms@12MP"));
        List<Double> nos = new ArrayList<>();
        List<Double> previewTimes = new ArrayList<>();
        List<Double> bigTimes = new ArrayList<>();
        List<Double> nativeTimes = new ArrayList<>();
        List<Double> nosBelow = new ArrayList<>();
        int worse = 0;
        double worst = 0;
        for (Path[] in : inputs) {
            Photo p = load(in[0], in[1], page);
            double autoIou = MatteMetrics.iou(p.auto(), p.truth());
            System.out.println(String.format(Locale.ROOT, "%-10s %4dx%-4d %2d %-6s %7.4f %7.2f %8.2f", p.name(),
                    p.width(), p.height(), 0, "auto", autoIou, MatteMetrics.sad(p.auto(), p.truth()),
                    MatteMetrics.gradientError(p.auto(), p.truth(), p.width(), p.height())));
            List<Step> steps = run(p, n, PREVIEW_PIXELS, big ? BIG_PIXELS : 0);
            double before = autoIou;
            for (int k = 0; k < steps.size(); k++) {
                Step s = steps.get(k);
                if (s.iou() < before - WORSE) {
                    worse++;
                }
                worst = Math.max(worst, before - s.iou());
                before = s.iou();
                System.out.println(String.format(Locale.ROOT, "%-10s %9s %2d %-6s %7.4f %7.2f %8.2f %8.1f %8.1f %8.1f",
                        p.name(), "", k + 1, s.stroke().kind == Stroke.Kind.KEEP ? "keep" : "remove", s.iou(),
                        s.sad(), s.grad(), s.ms(), s.previewMs(), s.bigMs()));
                nativeTimes.add(s.ms());
                previewTimes.add(s.previewMs());
                if (big) {
                    bigTimes.add(s.bigMs());
                }
            }
            int k95 = strokesFor95(autoIou, steps, n);
            System.out.println(String.format(Locale.ROOT, "%-10s nos95 %d", p.name(), k95));
            nos.add((double) k95);
            if (autoIou < 0.95) {
                nosBelow.add((double) k95);
            }
            if (save != null) {
                Files.createDirectories(save);
                MatteFiles.writeGray(save.resolve(p.name() + ".0.png"), p.auto(), p.width(), p.height());
                for (int k = 0; k < steps.size(); k++) {
                    writeStep(save.resolve(p.name() + "." + (k + 1) + ".png"), p, steps.get(k));
                    writeErrors(save.resolve(p.name() + "." + (k + 1) + ".errors.png"), p, steps.get(k));
                }
            }
        }
        System.out.println(String.format(Locale.ROOT,
                "median nos95 %.1f over the %d that start below IoU 0.95; %d strokes lowered IoU by more than %.3f"
                        + " (most %.4f)", median(unbox(nosBelow)), nosBelow.size(), worse, WORSE, worst));
        System.out.println(String.format(Locale.ROOT,
                "median nos95 %.1f over %d photos; median solve ms: photo %.1f, 1.5 MP %.1f%s", median(unbox(nos)),
                nos.size(), median(unbox(nativeTimes)), median(unbox(previewTimes)),
                big ? String.format(Locale.ROOT, ", 12 MP %.1f (max %.1f)", median(unbox(bigTimes)),
                        Arrays.stream(unbox(bigTimes)).max().orElse(Double.NaN)) : ""));
    }

    /** The step's alpha in gray with its stroke's centre line drawn over it (Keep green, Remove red). */
    static void writeStep(Path file, Photo p, Step s) throws IOException {
        int w = p.width();
        int h = p.height();
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < w * h; i++) {
            int a = s.alpha()[i] & 0xFF;
            image.setRGB(i % w, i / w, a * 0x010101);
        }
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(s.stroke().kind == Stroke.Kind.KEEP ? java.awt.Color.GREEN : java.awt.Color.RED);
        g.setStroke(new java.awt.BasicStroke(Math.max(1f, s.stroke().radius * 2f), java.awt.BasicStroke.CAP_ROUND,
                java.awt.BasicStroke.JOIN_ROUND));
        for (int k = 0; k + 1 < s.stroke().size(); k++) {
            g.draw(new java.awt.geom.Line2D.Float(s.stroke().x(k), s.stroke().y(k), s.stroke().x(k + 1),
                    s.stroke().y(k + 1)));
        }
        g.dispose();
        javax.imageio.ImageIO.write(image, "png", file.toFile());
    }

    /**
     * Where the step's alpha is wrong (IoU's sides, α ≥ 0.5) over the photo dimmed to a third: subject it left out
     * in green, background it took in red, the stroke's centre line in white.
     */
    static void writeErrors(Path file, Photo p, Step s) throws IOException {
        int w = p.width();
        int h = p.height();
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < w * h; i++) {
            boolean in = (s.alpha()[i] & 0xFF) >= 128;
            boolean truth = (p.truth()[i] & 0xFF) >= 128;
            int rgb;
            if (in == truth) {
                int r = (p.rgba()[4 * i] & 0xFF) / 3;
                int g = (p.rgba()[4 * i + 1] & 0xFF) / 3;
                int b = (p.rgba()[4 * i + 2] & 0xFF) / 3;
                rgb = r << 16 | g << 8 | b;
            } else {
                rgb = truth ? 0x00E000 : 0xFF2020;
            }
            image.setRGB(i % w, i / w, rgb);
        }
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        for (int k = 0; k + 1 < s.stroke().size(); k++) {
            g.draw(new java.awt.geom.Line2D.Float(s.stroke().x(k), s.stroke().y(k), s.stroke().x(k + 1),
                    s.stroke().y(k + 1)));
        }
        g.dispose();
        javax.imageio.ImageIO.write(image, "png", file.toFile());
    }

    private static void addDir(Path dir, List<Path[]> inputs) throws IOException {
        for (Path p : MaskCache.photos(dir)) {
            String name = p.getFileName().toString().replaceAll("\\.[^.]+$", "");
            inputs.add(new Path[] {p, dir.resolve(name + ".matte.png")});
        }
    }

    private static double[] unbox(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
