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
import app.cutout.e2e.ProjectDirs;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The warm-up's stand-in model: valid ONNX that ONNX Runtime runs, the same every time, and made of every operation
 * and every convolution form the shipped 8-bit ISNet uses (read from the model file itself), so that warming it up
 * compiles what ISNet's first run needs.
 */
class WarmupModelTest {
    @Test
    void runsInOnnxRuntimeWithAnOutputOfTheInputsSizeIn0To1() throws OrtException {
        int size = 64;
        assertRunsToASigmoidOfTheInput(WarmupModel.build(size, 16), size, size);
    }

    @Test
    void wideModelRunsInOnnxRuntimeWithAFullSizeOutputIn0To1() throws OrtException {
        byte[] model = WarmupModel.buildWide(8);
        assertRunsToASigmoidOfTheInput(model, WarmupModel.WIDE_INPUT_SIZE, WarmupModel.WIDE_SIZE);
        assertArrayEquals(model, WarmupModel.buildWide(8));
        assertThrows(IllegalArgumentException.class, () -> WarmupModel.buildWide(0));
    }

    /** Runs {@code model} in ONNX Runtime Java: output {@code [1, 1, outSide, outSide]}, in 0..1, not constant. */
    private static void assertRunsToASigmoidOfTheInput(byte[] model, int inSide, int outSide) throws OrtException {
        float[] input = new float[3 * inSide * inSide];
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) Math.sin(i * 0.37) * 2;
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(model, new OrtSession.SessionOptions());
                OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(input),
                        new long[] {1, 3, inSide, inSide});
                OrtSession.Result result = session.run(Map.of(WarmupModel.INPUT_NAME, x))) {
            OnnxTensor y = (OnnxTensor) result.get(WarmupModel.OUTPUT_NAME).get();
            assertArrayEquals(new long[] {1, 1, outSide, outSide}, y.getInfo().getShape());
            FloatBuffer out = y.getFloatBuffer();
            float min = Float.MAX_VALUE;
            float max = -Float.MAX_VALUE;
            while (out.hasRemaining()) {
                float v = out.get();
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            assertTrue(min >= 0 && max <= 1, "a sigmoid's output: " + min + ".." + max);
            assertTrue(max - min > 1e-3, "the convolutions did work on the input: " + min + ".." + max);
        }
    }

    @Test
    void isTheSameEveryTime() {
        assertArrayEquals(WarmupModel.build(128, 32), WarmupModel.build(128, 32));
    }

    @Test
    void refusesSizesTheGraphCannotHalveThreeTimes() {
        assertThrows(IllegalArgumentException.class, () -> WarmupModel.build(100, 32));
        assertThrows(IllegalArgumentException.class, () -> WarmupModel.build(128, 0));
    }

    @Test
    void holdsEveryOperationAndConvolutionFormOfTheShippedModel() throws IOException {
        Path isnet = ProjectDirs.root().resolve("models/isnet-quint8.onnx");
        assumeTrue(Files.isRegularFile(isnet), "No " + isnet);
        Set<String> shipped = forms(new OnnxGraph(Files.readAllBytes(isnet)));
        Set<String> warmup = forms(new OnnxGraph(WarmupModel.build(128, 32)));
        // ISNet's bias Reshapes act on initialisers only: constant-folded when its session starts, never run.
        shipped.remove("Reshape");
        assertEquals(shipped, warmup);
    }

    /** Op types, with each ConvInteger's stride and dilation, MaxPool's and Resize's attributes. */
    private static Set<String> forms(OnnxGraph graph) {
        Set<String> forms = new TreeSet<>();
        for (OnnxGraph.Node n : graph.nodes) {
            if (n.op.equals("ConvInteger") || n.op.equals("MaxPool") || n.op.equals("Resize")) {
                forms.add(n.op + attributes(n));
            } else {
                forms.add(n.op);
            }
        }
        return forms;
    }

    /** Attribute name=value pairs, sorted; integer lists and strings, defaults (empty values) left out. */
    private static String attributes(OnnxGraph.Node n) {
        Set<String> pairs = new TreeSet<>();
        for (byte[] a : n.attributes) {
            ProtoReader r = new ProtoReader(a);
            String name = "";
            StringBuilder value = new StringBuilder();
            while (r.next()) {
                switch (r.field()) {
                    case 1:
                        name = r.string();
                        break;
                    case 3:
                    case 8:
                        value.append(r.varint()).append(' ');
                        break;
                    case 4:
                        value.append(r.string());
                        break;
                    default:
                        break;
                }
            }
            if (value.length() > 0 && !name.equals("auto_pad") && !name.equals("pads")) {
                pairs.add(name + "=" + value.toString().trim());
            }
        }
        return pairs.toString();
    }
}
