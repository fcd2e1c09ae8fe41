package app.cutout.quality;

import app.cutout.core.image.RgbaImage;
import app.cutout.core.model.ModelSpec;
import app.cutout.core.refine.EdgeRefiner;
import app.cutout.core.refine.RefineOptions;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The quality loop on the JVM, for tuning {@link EdgeRefiner} without a browser: the app's pre-processing and the
 * same model, run by ONNX Runtime Java instead of ONNX Runtime Web ({@link IsnetJava}), then the app's own
 * post-processing at strength 0 and 1, scored like {@link QualityScore} (plus edge SAD and the refinement's JVM time).
 * Masks are cached in {@code GT_DIR/.probe-masks/}. The figures that count are {@code bench/run.sh --quality}'s (the
 * browser's decoder and ORT build); on the set of {@link GroundTruthSet} the two agreed to the last printed digit.
 *
 * <pre>java -cp target/classes:target/test-classes:DEPS [-Dcutout.refine.radius=8 …] app.cutout.quality.QualityProbe
 *     GT_DIR [OUT_DIR]</pre>
 *
 * DEPS: {@code mvn -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout}.
 * {@code -Dcutout.refine.FIELD=VALUE} sets any public {@link RefineOptions} field; OUT_DIR receives
 * {@code NAME.raw.png} and {@code NAME.refined.png} alpha mattes to look at. Run from the repository root (the model
 * is read from {@code models/}).
 */
public final class QualityProbe {
    private QualityProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path gt = Path.of(args[0]);
        Path out = args.length > 1 ? Path.of(args[1]) : null;
        if (out != null) {
            Files.createDirectories(out);
        }
        RefineOptions options = optionsFromProperties();
        Path model = IsnetJava.defaultModel();
        List<Path> images = new ArrayList<>();
        try (Stream<Path> files = Files.list(gt)) {
            files.filter(p -> p.toString().matches(".*\\.(jpg|png)") && !p.toString().endsWith(".matte.png"))
                    .sorted().forEach(images::add);
        }
        for (Path file : images) {
            String name = file.getFileName().toString().replaceAll("\\.[^.]+$", "");
            BufferedImage photo = MatteFiles.read(file);
            byte[] truth = MatteFiles.grayBytes(MatteFiles.read(gt.resolve(name + ".matte.png")));
            int w = photo.getWidth();
            int h = photo.getHeight();
            int[] rgba = MatteFiles.packedRgba(photo);
            float[] mask = IsnetJava.mask(rgba, w, h, model, gt.resolve(".probe-masks").resolve(name + ".f32"));
            byte[] band = QualityScore.edgeBand(truth, w, h, QualityScore.edgeRadius(w, h));
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-16s %4dx%-4d", name, w, h));
            for (float strength : new float[] {0f, 1f}) {
                RgbaImage image = new RgbaImage(w, h, rgba.clone());
                long t = System.nanoTime();
                EdgeRefiner.refine(mask, ModelSpec.SIZE, ModelSpec.SIZE, image, strength, options);
                double ms = (System.nanoTime() - t) / 1e6;
                byte[] alpha = new byte[w * h];
                for (int i = 0; i < alpha.length; i++) {
                    alpha[i] = (byte) (image.pixels[i] >>> 24);
                }
                line.append(strength == 0f ? "  raw " : "  refined ").append(QualityScore.scores(alpha, truth, w, h))
                        .append(String.format(Locale.ROOT, " edge %.4f %.0fms", MatteMetrics.sad(alpha, truth, band),
                                ms));
                if (out != null) {
                    MatteFiles.writeGray(out.resolve(name + (strength == 0f ? ".raw.png" : ".refined.png")),
                            alpha, w, h);
                }
            }
            System.out.println(line);
        }
    }

    static RefineOptions optionsFromProperties() throws ReflectiveOperationException {
        RefineOptions o = new RefineOptions();
        for (String key : System.getProperties().stringPropertyNames()) {
            if (!key.startsWith("cutout.refine.")) {
                continue;
            }
            var field = RefineOptions.class.getField(key.substring("cutout.refine.".length()));
            String v = System.getProperty(key);
            if (field.getType() == int.class) {
                field.setInt(o, Integer.parseInt(v));
            } else if (field.getType() == float.class) {
                field.setFloat(o, Float.parseFloat(v));
            } else {
                field.setBoolean(o, Boolean.parseBoolean(v));
            }
        }
        return o;
    }
}
