package app.cutout.core.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The static rewrite on a small model of the shipped model's shape (three layers of {@code DynamicQuantizeLinear →
 * ConvInteger → Cast → Mul → Add → Relu}, {@link ConvProbeModels#dynamic}): every layer becomes one
 * {@code QLinearConv}, the float glue goes, and with ranges calibrated on the same input ONNX Runtime gives the dynamic
 * model's output to within 8-bit rounding; so does a mixed model with only the middle layer converted. This is what
 * rules out a wrong rewrite as the cause of the whole ISNet's disagreement (bench/README.md, "Inference options").
 */
class StaticQuantizerTest {
    private static final int C = 8;
    private static final int SIZE = 32;

    @Test
    void rewritesEveryLayerAndKeepsTheOutput() throws Throwable {
        // ONNX Runtime's environment overflows a default thread stack on this machine (see IsnetFp32Test).
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(null, () -> {
            try {
                check();
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "static-quant-test", 64L << 20);
        t.start();
        t.join();
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    private static void check() throws Exception {
        byte[] dynamic = ConvProbeModels.dynamic(C, SIZE, 3, 2, 3);
        StaticQuantizer q = new StaticQuantizer(dynamic);
        assertEquals(3, q.convs.size());
        OrtEnvironment env = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
        float[] input = new float[C * SIZE * SIZE];
        Random rnd = new Random(7);
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) rnd.nextGaussian();
        }
        Map<String, float[]> ranges = new HashMap<>();
        Set<String> outputs = new LinkedHashSet<>();
        for (String t : q.rangedTensors()) {
            outputs.add("calib_min/" + t);
            outputs.add("calib_max/" + t);
        }
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions();
                OrtSession calib = env.createSession(q.calibration(), so);
                OnnxTensor in = tensor(env, input);
                OrtSession.Result r = calib.run(Map.of("input", in), outputs)) {
            for (String t : q.rangedTensors()) {
                ranges.put(t, new float[] {value(r, "calib_min/" + t), value(r, "calib_max/" + t)});
            }
        }
        byte[] converted = q.convert(ranges);
        OnnxGraph after = new OnnxGraph(converted);
        Map<String, Integer> ops = new HashMap<>();
        for (OnnxGraph.Node n : after.nodes) {
            ops.merge(n.op, 1, Integer::sum);
        }
        assertEquals(Map.of("QuantizeLinear", 1, "QLinearConv", 3, "DequantizeLinear", 1), ops);

        float[] expected = run(env, dynamic, input);
        // Three uint8 layers: each rounds to half a step of its range; a wrong scale, bias or zero point is off by
        // tens of percent.
        double whole = relativeDifference(expected, run(env, converted, input));
        assertTrue(whole < 0.03, "relative mean difference " + whole);

        // Mixed: only the middle layer static. Its input comes from a dynamic layer (quantised with its range), its
        // output goes back to float for the dynamic layer after it, whose own dynamic quantisation stays.
        byte[] mixed = q.convert(ranges, List.of(q.convs.get(1)));
        Map<String, Integer> mixedOps = new HashMap<>();
        for (OnnxGraph.Node n : new OnnxGraph(mixed).nodes) {
            mixedOps.merge(n.op, 1, Integer::sum);
        }
        assertEquals(1, mixedOps.get("QLinearConv"));
        assertEquals(2, mixedOps.get("ConvInteger"));
        assertEquals(2, mixedOps.get("DynamicQuantizeLinear"));
        assertEquals(1, mixedOps.get("QuantizeLinear"));
        assertEquals(1, mixedOps.get("DequantizeLinear"));
        double part = relativeDifference(expected, run(env, mixed, input));
        assertTrue(part < 0.015, "relative mean difference, one layer static " + part);
    }

    private static double relativeDifference(float[] expected, float[] actual) {
        double diff = 0;
        double size = 0;
        for (int i = 0; i < expected.length; i++) {
            diff += Math.abs(expected[i] - actual[i]);
            size += Math.abs(expected[i]);
        }
        return diff / size;
    }

    private static float[] run(OrtEnvironment env, byte[] model, float[] input) throws Exception {
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions();
                OrtSession s = env.createSession(model, so);
                OnnxTensor in = tensor(env, input);
                OrtSession.Result r = s.run(Map.of("input", in), Set.of("output"))) {
            FloatBuffer fb = ((OnnxTensor) r.get("output").orElseThrow()).getFloatBuffer();
            float[] out = new float[fb.remaining()];
            fb.get(out);
            return out;
        }
    }

    private static OnnxTensor tensor(OrtEnvironment env, float[] input) throws Exception {
        return OnnxTensor.createTensor(env, FloatBuffer.wrap(input), new long[] {1, C, SIZE, SIZE});
    }

    private static float value(OrtSession.Result r, String name) throws Exception {
        return ((OnnxTensor) r.get(name).orElseThrow()).getFloatBuffer().get(0);
    }
}
