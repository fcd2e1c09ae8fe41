package app.cutout.core.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the static model's error enters: the outputs of the given convolutions (by index) in the dynamic model and
 * in the static one ({@link StaticQuantizer}, ranges from {@link StaticQuantProbe}'s {@code OUT.onnx.ranges}) on a
 * seeded noise input, as mean absolute difference against the dynamic values.
 * Usage: {@code StaticQuantDebug RANGES_FILE I,J,... LIMIT} (LIMIT: convert only the first LIMIT convolutions).
 */
final class StaticQuantDebug {
    public static void main(String[] args) throws Exception {
        Thread t = new Thread(null, () -> {
            try {
                run(args);
            } catch (Exception e) {
                e.printStackTrace();
            }
        }, "dbg", 64L << 20);
        t.start();
        t.join();
    }

    static void run(String[] args) throws Exception {
        byte[] dynamic = Files.readAllBytes(Path.of("models/isnet-quint8.onnx"));
        StaticQuantizer q = new StaticQuantizer(dynamic);
        Map<String, float[]> ranges = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            String[] f = line.split("\t");
            ranges.put(f[0], new float[] {Float.parseFloat(f[1]), Float.parseFloat(f[2])});
        }
        int limit = Integer.parseInt(args[2]);
        String[] idx = args[1].split(",");
        List<String> tensors = new ArrayList<>();
        for (String i : idx) {
            tensors.add(q.convs.get(Integer.parseInt(i)).output);
        }
        byte[] a = withOutput(q.graph, tensors);
        q.alsoFloat.addAll(tensors);
        byte[] converted = q.convert(ranges, limit);
        byte[] b = withOutput(new OnnxGraph(converted), tensors);
        OrtEnvironment env = OrtEnvironment.getEnvironment(ai.onnxruntime.OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
        float[] input = new float[3 * 1024 * 1024];
        java.util.Random rnd = new java.util.Random(1);
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) (rnd.nextDouble() - 0.5);
        }
        Map<String, float[]>[] out = new Map[2];
        int k = 0;
        for (byte[] m : List.of(a, b)) {
            out[k] = new java.util.HashMap<>();
            try (OrtSession.SessionOptions so = new OrtSession.SessionOptions();
                    OrtSession s = env.createSession(m, so);
                    OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), new long[] {1, 3, 1024, 1024});
                    OrtSession.Result r = s.run(Map.of("input", in), new java.util.HashSet<>(tensors))) {
                for (String tensor : tensors) {
                    FloatBuffer fb = ((OnnxTensor) r.get(tensor).orElseThrow()).getFloatBuffer();
                    float[] v = new float[fb.remaining()];
                    fb.get(v);
                    out[k].put(tensor, v);
                }
            }
            k++;
        }
        for (int t = 0; t < tensors.size(); t++) {
            String tensor = tensors.get(t);
            float[] x = out[0].get(tensor);
            float[] y = out[1].get(tensor);
            double d = 0;
            double m0 = 0;
            for (int i = 0; i < x.length; i++) {
                d += Math.abs(x[i] - y[i]);
                m0 += Math.abs(x[i]);
            }
            System.out.printf("conv %s %s range %s: mean|dyn| %.5f mean|diff| %.5f (%.1f%%)%n", idx[t], tensor,
                    java.util.Arrays.toString(ranges.get(tensor)), m0 / x.length, d / x.length, 100 * d / m0);
        }
    }

    static byte[] withOutput(OnnxGraph g, List<String> tensors) {
        List<ProtoWriter> nodes = new ArrayList<>();
        for (OnnxGraph.Node n : g.nodes) {
            nodes.add(OnnxGraph.encode(n));
        }
        List<byte[]> outs = new ArrayList<>();
        for (String t : tensors) {
            outs.add(OnnxGraph.floatOutput(t));
        }
        return g.write(nodes, outs);
    }
}
