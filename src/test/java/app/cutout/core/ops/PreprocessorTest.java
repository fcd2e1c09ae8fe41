package app.cutout.core.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import app.cutout.core.image.RgbaImage;
import app.cutout.core.model.ModelSpec;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PreprocessorTest {

    @Test
    void onePixelFillsEveryOutputWithItsNormalisedValue() {
        // (10 - 128) / 256 = -0.4609375, (20 - 128) / 256 = -0.421875, (30 - 128) / 256 = -0.3828125: all exact.
        float[] out = new float[3 * 3 * 3];
        Preprocessor.toModelInput(new int[] {RgbaImage.pack(10, 20, 30, 99)}, 1, 1, 3, 3, 128f, 256f, out);
        for (int i = 0; i < 9; i++) {
            assertEquals(-0.4609375f, out[i]);
            assertEquals(-0.421875f, out[9 + i]);
            assertEquals(-0.3828125f, out[18 + i]);
        }
    }

    @Test
    void upscalesTwoByTwoToFourByFourLikePyTorch() {
        // Scale 2/4 = 0.5, so src = (d + 0.5) * 0.5 - 0.5 for d = 0..3 is -0.25, 0.25, 0.75, 1.25, clamped to
        // 0, 0.25, 0.75, 1: taps (0, w 0), (0/1, w 0.25), (0/1, w 0.75), (1, w 0) on both axes.
        // Red [[0, 100], [200, 40]] across: row 0 [0, 25, 75, 100], row 1 [200, 160, 80, 40]. Down, rows 1 and 2
        // are 0.75 * row0 + 0.25 * row1 = [50, 58.75, 76.25, 85] and 0.25 * row0 + 0.75 * row1
        // = [150, 126.25, 78.75, 55]. Green is 255 - red, so 255 minus the same grid; blue is 7 throughout.
        int[] rgba = {
            RgbaImage.pack(0, 255, 7, 255), RgbaImage.pack(100, 155, 7, 0),
            RgbaImage.pack(200, 55, 7, 1), RgbaImage.pack(40, 215, 7, 128),
        };
        float[] out = new float[3 * 16];
        Preprocessor.toModelInput(rgba, 2, 2, 4, 4, 0f, 1f, out);
        float[] red = {
            0f, 25f, 75f, 100f,
            50f, 58.75f, 76.25f, 85f,
            150f, 126.25f, 78.75f, 55f,
            200f, 160f, 80f, 40f,
        };
        for (int i = 0; i < 16; i++) {
            assertEquals(red[i], out[i], "red " + i);
            assertEquals(255f - red[i], out[16 + i], "green " + i);
            assertEquals(7f, out[32 + i], "blue " + i);
        }
    }

    @Test
    void halvingAveragesEachTwoByTwoBlock() {
        // Scale 4/2 = 2: src = (d + 0.5) * 2 - 0.5 is 0.5 and 2.5, so each output pixel is the mean of a 2x2 block.
        // Red is 10 * index: blocks {0, 10, 40, 50} -> 25, {20, 30, 60, 70} -> 45, {80, 90, 120, 130} -> 105,
        // {100, 110, 140, 150} -> 125. Normalised with mean 25, std 4: 0, 5, 20, 25.
        int[] rgba = new int[16];
        for (int i = 0; i < 16; i++) {
            rgba[i] = RgbaImage.pack(10 * i, 0, 255, 255);
        }
        float[] out = new float[3 * 4];
        Preprocessor.toModelInput(rgba, 4, 4, 2, 2, 25f, 4f, out);
        assertArrayEquals(new float[] {0f, 5f, 20f, 25f}, slice(out, 0, 4));
        assertArrayEquals(new float[] {-6.25f, -6.25f, -6.25f, -6.25f}, slice(out, 4, 4));
        assertArrayEquals(new float[] {57.5f, 57.5f, 57.5f, 57.5f}, slice(out, 8, 4));
    }

    @Test
    void resizesEachAxisByItsOwnScale() {
        // 4x2 to 2x2: across, scale 2 averages pixel pairs (0,1) and (2,3); down, scale 1 gives src 0 and 1 exactly.
        // Red rows [0, 8, 16, 24] and [100, 102, 104, 106] give [4, 20] and [101, 105].
        int[] rgba = new int[8];
        int[] red = {0, 8, 16, 24, 100, 102, 104, 106};
        for (int i = 0; i < 8; i++) {
            rgba[i] = RgbaImage.pack(red[i], 1, 2, 3);
        }
        float[] out = new float[3 * 4];
        Preprocessor.toModelInput(rgba, 4, 2, 2, 2, 0f, 1f, out);
        assertArrayEquals(new float[] {4f, 20f, 101f, 105f}, slice(out, 0, 4));
        assertArrayEquals(new float[] {1f, 1f, 1f, 1f}, slice(out, 4, 4));
        assertArrayEquals(new float[] {2f, 2f, 2f, 2f}, slice(out, 8, 4));
    }

    @Test
    void imageOverloadUsesModelSpec() {
        // A 1x1 image fills the whole SIZE x SIZE input; (64 - 128) / 256 = -0.25, (192 - 128) / 256 = 0.25,
        // (128 - 128) / 256 = 0.
        float[] out = new float[3 * ModelSpec.SIZE * ModelSpec.SIZE];
        Preprocessor.toModelInput(new RgbaImage(1, 1, new int[] {RgbaImage.pack(64, 192, 128, 0)}), out);
        int plane = ModelSpec.SIZE * ModelSpec.SIZE;
        for (int i = 0; i < plane; i += 4099) {
            assertEquals(-0.25f, out[i]);
            assertEquals(0.25f, out[plane + i]);
            assertEquals(0f, out[2 * plane + i]);
        }
        assertEquals(0f, out[3 * plane - 1]);
    }

    @Test
    void rejectsWrongOutputLength() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Preprocessor.toModelInput(new int[4], 2, 2, 2, 2, 0f, 1f, new float[11]));
        assertEquals("Expected at least 12 floats, got 11", e.getMessage());
        IllegalArgumentException spec = assertThrows(IllegalArgumentException.class,
                () -> Preprocessor.toModelInput(new RgbaImage(1, 1, new int[1]), new float[3]));
        assertEquals("Expected at least 3145728 floats, got 3", spec.getMessage());
    }

    @Test
    void rejectsWrongPixelCountAndSizes() {
        assertThrows(IllegalArgumentException.class,
                () -> Preprocessor.toModelInput(new int[3], 2, 2, 2, 2, 0f, 1f, new float[12]));
        assertThrows(IllegalArgumentException.class,
                () -> Preprocessor.toModelInput(new int[0], 0, 2, 2, 2, 0f, 1f, new float[12]));
        assertThrows(IllegalArgumentException.class,
                () -> Preprocessor.toModelInput(new int[4], 2, 2, 0, 0, 0f, 1f, new float[0]));
    }

    @Test
    void matchesNaiveReferenceOnRandomImages() {
        Random random = new Random(42);
        int[][] cases = {{1, 1, 7}, {10, 10, 32}, {37, 23, 16}, {5, 300, 64}, {640, 480, 100}, {1023, 1025, 1024}};
        for (int[] c : cases) {
            int width = c[0];
            int height = c[1];
            int size = c[2];
            int[] rgba = new int[width * height];
            for (int i = 0; i < rgba.length; i++) {
                rgba[i] = random.nextInt();
            }
            float[] out = new float[3 * size * size];
            Preprocessor.toModelInput(rgba, width, height, size, size, 128f, 256f, out);
            assertMatchesReference(rgba, width, height, size, out, width + "x" + height + " to " + size, 1);
        }
    }

    @Test
    void theModelInputKeepsThePhotosAspectRatioWithTheLongSide1024() {
        assertEquals(1024, ModelSpec.inputWidth(4000, 3000));
        assertEquals(768, ModelSpec.inputHeight(4000, 3000));
        assertEquals(768, ModelSpec.inputWidth(3000, 4000));
        assertEquals(1024, ModelSpec.inputHeight(3000, 4000));
        // 3:2 is 682.7, rounded to the nearest multiple of 64; 16:9 is 576 exactly; a square stays square.
        assertEquals(704, ModelSpec.inputHeight(6000, 4000));
        assertEquals(576, ModelSpec.inputHeight(1920, 1080));
        assertEquals(1024, ModelSpec.inputWidth(500, 500));
        assertEquals(1024, ModelSpec.inputHeight(500, 500));
        // Nearly square rounds back to square; a strip keeps at least one step.
        assertEquals(1024, ModelSpec.inputHeight(1000, 990));
        assertEquals(64, ModelSpec.inputHeight(10000, 10));
        assertEquals(64, ModelSpec.inputWidth(1, 1000));
        assertThrows(IllegalArgumentException.class, () -> ModelSpec.inputWidth(0, 10));
    }

    @Test
    void downscalesALargePhoto() {
        // 8000x6000 is the size class the preprocessor must handle without float copies; checking every 7th output
        // row against the reference keeps the test quick.
        int width = 8000;
        int height = 6000;
        int[] rgba = new int[width * height];
        Random random = new Random(7);
        for (int i = 0; i < rgba.length; i++) {
            rgba[i] = random.nextInt();
        }
        float[] out = new float[3 * ModelSpec.SIZE * ModelSpec.SIZE];
        Preprocessor.toModelInput(new RgbaImage(width, height, rgba), out);
        assertMatchesReference(rgba, width, height, ModelSpec.SIZE, out, "8000x6000", 7);
        // At the photo's aspect ratio (?ort=input:aspect): 1024 x 768, in the first 3 x 1024 x 768 floats only.
        java.util.Arrays.fill(out, 9f);
        Preprocessor.toModelInput(new RgbaImage(width, height, rgba), 1024, 768, out);
        assertMatchesReference(rgba, width, height, 1024, 768, out, "8000x6000 at 4:3", 7);
        assertEquals(9f, out[3 * 1024 * 768]);
        assertEquals(9f, out[out.length - 1]);
    }

    /** Checks every {@code rowStep}-th output row against {@link #reference}; float vs double differ by ~1e-6. */
    private static void assertMatchesReference(int[] rgba, int width, int height, int size, float[] out,
            String label, int rowStep) {
        assertMatchesReference(rgba, width, height, size, size, out, label, rowStep);
    }

    private static void assertMatchesReference(int[] rgba, int width, int height, int outWidth, int outHeight,
            float[] out, String label, int rowStep) {
        int plane = outWidth * outHeight;
        for (int y = 0; y < outHeight; y += rowStep) {
            for (int x = 0; x < outWidth; x++) {
                for (int channel = 0; channel < 3; channel++) {
                    double expected = (reference(rgba, width, height, outWidth, outHeight, channel, x, y) - 128.0)
                            / 256.0;
                    float actual = out[channel * plane + y * outWidth + x];
                    if (Math.abs(expected - actual) > 1e-5) {
                        assertEquals(expected, actual, 1e-5, label + " channel " + channel + " at " + x + "," + y);
                    }
                }
            }
        }
    }

    /** The spec's formula, per pixel and in double, with nothing precomputed. */
    private static double reference(int[] rgba, int width, int height, int outWidth, int outHeight, int channel,
            int x, int y) {
        double sx = clamp((x + 0.5) * width / outWidth - 0.5, width - 1);
        double sy = clamp((y + 0.5) * height / outHeight - 0.5, height - 1);
        int x0 = (int) Math.floor(sx);
        int y0 = (int) Math.floor(sy);
        int x1 = Math.min(x0 + 1, width - 1);
        int y1 = Math.min(y0 + 1, height - 1);
        double fx = sx - x0;
        double fy = sy - y0;
        int shift = 8 * channel;
        double top = (1 - fx) * ((rgba[y0 * width + x0] >>> shift) & 0xFF)
                + fx * ((rgba[y0 * width + x1] >>> shift) & 0xFF);
        double bottom = (1 - fx) * ((rgba[y1 * width + x0] >>> shift) & 0xFF)
                + fx * ((rgba[y1 * width + x1] >>> shift) & 0xFF);
        return (1 - fy) * top + fy * bottom;
    }

    private static double clamp(double v, double max) {
        return Math.max(0.0, Math.min(max, v));
    }

    private static float[] slice(float[] a, int from, int length) {
        float[] s = new float[length];
        System.arraycopy(a, from, s, 0, length);
        return s;
    }
}
