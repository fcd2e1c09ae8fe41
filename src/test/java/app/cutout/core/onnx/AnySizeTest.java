package app.cutout.core.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import app.cutout.core.image.RgbaImage;
import app.cutout.core.model.ModelSpec;
import app.cutout.core.ops.Preprocessor;
import app.cutout.e2e.ProjectDirs;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link AnySize} on the shipped 8-bit model, in ONNX Runtime Java. The reference for a size other than 1024² is
 * built another way: {@link app.cutout.e2e.FixedSizeModel} keeps every {@code Resize} reading constant sizes and fixes
 * the
 * input at that one size (the model as it would have been exported at that size). The freed model must give that
 * model's output bit for bit at each size, and the original's at 1024².
 */
class AnySizeTest {
    @Test
    void theFreedModelComputesWhatAModelFixedAtEachSizeComputes() throws Exception {
        Path file = ProjectDirs.root().resolve("models/isnet-quint8.onnx");
        assumeTrue(Files.isRegularFile(file), "No " + file);
        byte[] original = Files.readAllBytes(file);
        long t = System.nanoTime();
        byte[] free = AnySize.apply(original);
        System.out.printf(Locale.ROOT, "[anysize] %d -> %d bytes in %.0f ms%n", original.length, free.length,
                (System.nanoTime() - t) / 1e6);
        IsnetFp32Test.onBigStack(() -> {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
                so.setIntraOpNumThreads(2);
                try (OrtSession freed = env.createSession(free, so)) {
                    long[] shape = ((TensorInfo) freed.getInputInfo().get(ModelSpec.INPUT_NAME).getInfo()).getShape();
                    assertArrayEquals(new long[] {1, 3, -1, -1}, shape, "height and width are free");
                    int[][] sizes = {{1024, 1024}, {768, 1024}, {1024, 704}, {128, 1024}};
                    for (int[] hw : sizes) {
                        byte[] fixed = hw[0] == 1024 && hw[1] == 1024 ? original
                                : app.cutout.e2e.FixedSizeModel.of(original, hw[0], hw[1]);
                        float[] input = noise(hw[0] * hw[1], hw[0] * 31 + hw[1]);
                        float[] expected;
                        try (OrtSession reference = env.createSession(fixed, so)) {
                            expected = run(env, reference, input, hw[0], hw[1]);
                        }
                        float[] actual = run(env, freed, input, hw[0], hw[1]);
                        assertEquals(hw[0] * hw[1], actual.length);
                        assertArrayEquals(expected, actual, 0f, hw[0] + "x" + hw[1]);
                    }
                }
            }
            return null;
        });
    }

    /**
     * The fp16 file, widened as the worker does for GPUs without 16-bit shaders, freed: its sizes are
     * {@code Concat(Slice(Shape), [h, w])} behind a Cast. Checked in ONNX Runtime's CPU against the same model fixed at
     * each size, and at 1024² against the widened model as it was.
     */
    @Test
    void theWidenedFp16ModelIsFreedToo() throws Exception {
        Path file = ProjectDirs.root().resolve("models/isnet-fp16.onnx");
        assumeTrue(Files.isRegularFile(file), "No " + file);
        byte[] wide = Fp16ToFp32.convert(Files.readAllBytes(file));
        byte[] free = AnySize.apply(wide);
        IsnetFp32Test.onBigStack(() -> {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
                so.setIntraOpNumThreads(2);
                try (OrtSession freed = env.createSession(free, so); OrtSession square = env.createSession(wide, so)) {
                    float[] input = noise(1024 * 1024, 5);
                    assertArrayEquals(run(env, square, input, 1024, 1024), run(env, freed, input, 1024, 1024), 0f);
                    // A real photo at its own aspect ratio: the freed fp32 and 8-bit models find the same cat.
                    java.awt.image.BufferedImage photo = javax.imageio.ImageIO.read(
                            ProjectDirs.testData().resolve("chelsea.png").toFile());
                    int w = photo.getWidth();
                    int h = photo.getHeight();
                    int[] rgba = app.cutout.quality.MatteFiles.packedRgba(photo);
                    int mw = ModelSpec.inputWidth(w, h);
                    int mh = ModelSpec.inputHeight(w, h);
                    float[] in = new float[3 * mw * mh];
                    Preprocessor.toModelInput(new RgbaImage(w, h, rgba), mw, mh, in);
                    float[] fp32Mask = run(env, freed, in, mh, mw);
                    float[] q8Mask;
                    byte[] q8 = AnySize.apply(
                            Files.readAllBytes(ProjectDirs.root().resolve("models/isnet-quint8.onnx")));
                    try (OrtSession quint8 = env.createSession(q8, so)) {
                        q8Mask = run(env, quint8, in, mh, mw);
                    }
                    double iou = IsnetFp32Test.iou(fp32Mask, q8Mask);
                    double cover = 0;
                    for (float v : fp32Mask) {
                        cover += v >= 0.5f ? 1 : 0;
                    }
                    System.out.printf(Locale.ROOT,
                            "[anysize] chelsea %dx%d at %dx%d: fp32 vs 8-bit IoU %.4f, subject %.3f%n",
                            w, h, mw, mh, iou, cover / fp32Mask.length);
                    assertTrue(cover / fp32Mask.length > 0.05, "the cat is found");
                    assertTrue(iou >= 0.97, "fp32 vs 8-bit IoU " + iou);
                }
            }
            return null;
        });
    }

    @Test
    void aModelWithoutConstantResizeSizesIsRefused() {
        byte[] warmup = WarmupModel.build(128, 8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AnySize.apply(warmup));
        assertTrue(e.getMessage().contains("Resize"), e.getMessage());
    }

    /** Photo-like values, seeded: the model's input range is about -0.5..0.5. */
    private static float[] noise(int plane, long seed) {
        Random random = new Random(seed);
        float[] v = new float[3 * plane];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextFloat() - 0.5f;
        }
        return v;
    }

    static float[] run(OrtEnvironment env, OrtSession session, float[] input, int h, int w)
            throws OrtException {
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), new long[] {1, 3, h, w});
                OrtSession.Result r = session.run(Map.of(ModelSpec.INPUT_NAME, tensor),
                        Set.of(ModelSpec.OUTPUT_NAME))) {
            OnnxTensor out = (OnnxTensor) r.get(ModelSpec.OUTPUT_NAME).orElseThrow();
            assertArrayEquals(new long[] {1, 1, h, w}, out.getInfo().getShape());
            FloatBuffer fb = out.getFloatBuffer();
            float[] m = new float[fb.remaining()];
            fb.get(m);
            return m;
        }
    }
}
