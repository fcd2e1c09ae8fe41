package app.cutout.core.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import app.cutout.core.image.RgbaImage;
import app.cutout.core.model.ModelSpec;
import app.cutout.core.ops.MaskUpsampler;
import app.cutout.core.ops.Preprocessor;
import app.cutout.quality.MatteFiles;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * ISNet at the photo's aspect ratio ({@link ModelSpec#inputWidth}, through {@link AnySize}) against the square 1024²
 * input, in ONNX Runtime Java: the raw masks, stretched over the photo as the app does, scored against true mattes
 * (bench/README.md, "Input at the photo's aspect ratio"). The fp16 file is widened to fp32 first.
 * <pre>
 * java -Xss64m -cp target/classes:target/test-classes:DEPS app.cutout.core.onnx.AspectProbe MODEL PHOTO...
 *     (NAME.matte.png beside a photo is its truth)
 * ... AspectProbe --time MODEL    native inference at 1024², 1024x768, 1024x640 and 1024x512, 4 rounds
 * </pre>
 */
final class AspectProbe {
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession square;
    private final OrtSession free;

    private AspectProbe(byte[] model) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(2);
        square = env.createSession(model, options);
        free = env.createSession(AnySize.apply(model), options);
    }

    public static void main(String[] args) throws Exception {
        boolean time = args[0].equals("--time");
        Path modelFile = Path.of(args[time ? 1 : 0]);
        byte[] model = Files.readAllBytes(modelFile);
        if (modelFile.getFileName().toString().contains("fp16")) {
            model = Fp16ToFp32.convert(model);
        }
        AspectProbe probe = new AspectProbe(model);
        if (time) {
            probe.time();
            return;
        }
        double[] sums = new double[4];
        int scored = 0;
        for (int i = 1; i < args.length; i++) {
            double[] s = probe.compare(Path.of(args[i]));
            if (s != null) {
                for (int k = 0; k < 4; k++) {
                    sums[k] += s[k];
                }
                scored++;
            }
        }
        if (scored > 0) {
            System.out.printf(Locale.ROOT, "mean over %d: error square %.4f aspect %.4f, IoU square %.4f aspect %.4f%n",
                    scored, sums[0] / scored, sums[1] / scored, sums[2] / scored, sums[3] / scored);
        }
    }

    private void time() throws OrtException {
        int[][] sizes = {{1024, 1024}, {768, 1024}, {640, 1024}, {512, 1024}};
        for (int round = 0; round <= 4; round++) {
            StringBuilder line = new StringBuilder(round == 0 ? "warm-up:" : "round " + round + ":");
            for (int[] hw : sizes) {
                float[] input = new float[3 * hw[0] * hw[1]];
                Random random = new Random(round);
                for (int i = 0; i < input.length; i++) {
                    input[i] = random.nextFloat() - 0.5f;
                }
                long t = System.nanoTime();
                run(input, hw[0], hw[1]);
                long ms = (System.nanoTime() - t) / 1_000_000;
                line.append(String.format(Locale.ROOT, " %dx%d %d ms", hw[1], hw[0], ms));
            }
            System.out.println(line);
        }
    }

    /** Prints one photo's line; returns mean error and IoU against its truth (square, aspect), or null without one. */
    private double[] compare(Path photo) throws Exception {
        String name = photo.getFileName().toString().replaceAll("\\.[^.]+$", "");
        BufferedImage image = MatteFiles.read(photo);
        Path matteFile = photo.resolveSibling(name + ".matte.png");
        float[] truth = Files.exists(matteFile) ? gray(MatteFiles.read(matteFile)) : null;
        int w = image.getWidth();
        int h = image.getHeight();
        int mw = ModelSpec.inputWidth(w, h);
        int mh = ModelSpec.inputHeight(w, h);
        RgbaImage rgba = new RgbaImage(w, h, MatteFiles.packedRgba(image));
        float[] square = stretched(rgba, ModelSpec.SIZE, ModelSpec.SIZE);
        float[] aspect = stretched(rgba, mw, mh);
        String line = String.format(Locale.ROOT, "%-20s %4dx%-4d at %4dx%-4d IoU square/aspect %.4f", name, w, h, mw,
                mh, IsnetFp32Test.iou(square, aspect));
        if (truth == null) {
            System.out.println(line);
            return null;
        }
        double[] s = {IsnetFp32Test.meanAbs(square, truth), IsnetFp32Test.meanAbs(aspect, truth),
            IsnetFp32Test.iou(square, truth), IsnetFp32Test.iou(aspect, truth)};
        System.out.printf(Locale.ROOT, "%s | truth: error %.4f / %.4f, IoU %.4f / %.4f%n", line, s[0], s[1], s[2],
                s[3]);
        return s;
    }

    /** The model's mask at {@code mw x mh}, stretched over the photo by the app's own code, 0..1. */
    private float[] stretched(RgbaImage photo, int mw, int mh) throws OrtException {
        float[] input = new float[3 * mw * mh];
        Preprocessor.toModelInput(photo, mw, mh, input);
        byte[] alpha = MaskUpsampler.toAlpha(run(input, mh, mw), mw, mh, photo.width, photo.height,
                new byte[photo.width * photo.height]);
        float[] out = new float[alpha.length];
        for (int i = 0; i < alpha.length; i++) {
            out[i] = (alpha[i] & 0xFF) / 255f;
        }
        return out;
    }

    private float[] run(float[] input, int h, int w) throws OrtException {
        return AnySizeTest.run(env, h == ModelSpec.SIZE && w == ModelSpec.SIZE ? square : free, input, h, w);
    }

    private static float[] gray(BufferedImage matte) {
        int[] argb = matte.getRGB(0, 0, matte.getWidth(), matte.getHeight(), null, 0, matte.getWidth());
        float[] v = new float[argb.length];
        for (int i = 0; i < argb.length; i++) {
            v[i] = (argb[i] & 0xFF) / 255f;
        }
        return v;
    }
}
