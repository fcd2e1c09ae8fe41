package app.cutout.core.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Small ONNX models that put the two ways of running an 8-bit convolution side by side, for timing them in ONNX
 * Runtime Web's WebAssembly build ({@code bench/src/conv-probe.mjs}) before converting a whole model:
 * <ul>
 * <li>{@code dynamic}: what the shipped ISNet does for each of its 119 convolutions, repeated {@code layers} times:
 * {@code DynamicQuantizeLinear → ConvInteger → Cast → Mul(scale) → Add(bias) → Relu}, float between layers;
 * <li>{@code static}: the same layers with fixed activation ranges, {@code QuantizeLinear}, then {@code QLinearConv}
 * after {@code QLinearConv} on uint8 (the Relu is the output range starting at 0), {@code DequantizeLinear} at the
 * end.
 * </ul>
 * Weights are random uint8 with zero point 128 (as in the shipped model); only time is measured, not values.
 * Usage: {@code ConvProbeModels OUT_DIR [channels size kernel dilation layers]}.
 */
final class ConvProbeModels {
    private static final int FLOAT = 1;
    private static final int UINT8 = 2;
    private static final int INT32 = 6;

    private ConvProbeModels() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        int channels = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int size = args.length > 2 ? Integer.parseInt(args[2]) : 256;
        int kernel = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        int dilation = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        int layers = args.length > 5 ? Integer.parseInt(args[5]) : 4;
        Files.createDirectories(out);
        String tag = "c" + channels + "-s" + size + "-k" + kernel + "-d" + dilation + "-l" + layers;
        Files.write(out.resolve("dynamic-" + tag + ".onnx"), dynamic(channels, size, kernel, dilation, layers));
        Files.write(out.resolve("static-" + tag + ".onnx"), staticModel(channels, size, kernel, dilation, layers));
        System.out.println(out.resolve("dynamic-" + tag + ".onnx"));
        System.out.println(out.resolve("static-" + tag + ".onnx"));
    }

    static byte[] dynamic(int c, int size, int k, int d, int layers) {
        ProtoWriter g = new ProtoWriter().string(2, "dynamic");
        Random rnd = new Random(1);
        String x = "input";
        for (int l = 0; l < layers; l++) {
            String p = "l" + l + "_";
            g.message(5, tensor(p + "w", UINT8, weights(rnd, c * c * k * k), c, c, k, k));
            g.message(5, tensor(p + "wz", UINT8, new byte[] {(byte) 128}));
            g.message(5, tensor(p + "ws", FLOAT, ProtoWriter.rawFloats(0.002f)));
            g.message(5, tensor(p + "b", FLOAT, floats(rnd, c), 1, c, 1, 1));
            g.message(1, node("DynamicQuantizeLinear", new String[] {x}, new String[] {p + "xq", p + "xs", p + "xz"}));
            g.message(1, conv(node("ConvInteger", new String[] {p + "xq", p + "w", p + "xz", p + "wz"},
                    new String[] {p + "y32"}), k, d));
            g.message(1, node("Cast", new String[] {p + "y32"}, new String[] {p + "yf"}).message(5, intAttr("to", FLOAT)));
            g.message(1, node("Mul", new String[] {p + "xs", p + "ws"}, new String[] {p + "s"}));
            g.message(1, node("Mul", new String[] {p + "yf", p + "s"}, new String[] {p + "ym"}));
            g.message(1, node("Add", new String[] {p + "ym", p + "b"}, new String[] {p + "ya"}));
            String y = l == layers - 1 ? "output" : p + "y";
            g.message(1, node("Relu", new String[] {p + "ya"}, new String[] {y}));
            x = y;
        }
        return model(g, c, size);
    }

    static byte[] staticModel(int c, int size, int k, int d, int layers) {
        ProtoWriter g = new ProtoWriter().string(2, "static");
        Random rnd = new Random(1);
        g.message(5, tensor("s", FLOAT, ProtoWriter.rawFloats(0.02f)));
        g.message(5, tensor("z", UINT8, new byte[] {0}));
        g.message(5, tensor("zin", UINT8, new byte[] {(byte) 128}));
        g.message(1, node("QuantizeLinear", new String[] {"input", "s", "zin"}, new String[] {"q0"}));
        String x = "q0";
        String xz = "zin";
        for (int l = 0; l < layers; l++) {
            String p = "l" + l + "_";
            g.message(5, tensor(p + "w", UINT8, weights(rnd, c * c * k * k), c, c, k, k));
            g.message(5, tensor(p + "wz", UINT8, new byte[] {(byte) 128}));
            g.message(5, tensor(p + "ws", FLOAT, ProtoWriter.rawFloats(0.002f)));
            int[] bias = new int[c];
            for (int i = 0; i < c; i++) {
                bias[i] = rnd.nextInt(2001) - 1000;
            }
            g.message(5, tensor(p + "b", INT32, ints(bias), c));
            String y = "q" + (l + 1);
            g.message(1, conv(node("QLinearConv", new String[] {x, "s", xz, p + "w", p + "ws", p + "wz", "s", "z",
                    p + "b"}, new String[] {y}), k, d));
            x = y;
            xz = "z";
        }
        g.message(1, node("DequantizeLinear", new String[] {x, "s", "z"}, new String[] {"output"}));
        return model(g, c, size);
    }

    private static byte[] model(ProtoWriter graph, int c, int size) {
        graph.message(11, valueInfo("input", c, size));
        graph.message(12, valueInfo("output", c, size));
        return new ProtoWriter().varint(1, 7).message(8, new ProtoWriter().string(1, "").varint(2, 13)).message(7, graph)
                .toByteArray();
    }

    private static ProtoWriter conv(ProtoWriter node, int k, int d) {
        int pad = d * (k - 1) / 2;
        return node.message(5, intsAttr("kernel_shape", k, k)).message(5, intsAttr("pads", pad, pad, pad, pad))
                .message(5, intsAttr("dilations", d, d)).message(5, intsAttr("strides", 1, 1));
    }

    private static ProtoWriter node(String op, String[] inputs, String[] outputs) {
        ProtoWriter n = new ProtoWriter();
        for (String i : inputs) {
            n.string(1, i);
        }
        for (String o : outputs) {
            n.string(2, o);
        }
        return n.string(3, op + "_" + outputs[0]).string(4, op);
    }

    private static ProtoWriter intAttr(String name, long value) {
        return new ProtoWriter().string(1, name).varint(3, value).varint(20, 2);
    }

    private static ProtoWriter intsAttr(String name, long... values) {
        ProtoWriter a = new ProtoWriter().string(1, name);
        for (long v : values) {
            a.varint(8, v);
        }
        return a.varint(20, 7);
    }

    private static ProtoWriter valueInfo(String name, int c, int size) {
        ProtoWriter shape = new ProtoWriter();
        for (long dim : new long[] {1, c, size, size}) {
            shape.message(1, new ProtoWriter().varint(1, dim));
        }
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, new ProtoWriter().varint(1, FLOAT).message(2, shape)));
    }

    private static ProtoWriter tensor(String name, int type, byte[] raw, long... dims) {
        ProtoWriter t = new ProtoWriter();
        for (long dim : dims) {
            t.varint(1, dim);
        }
        return t.varint(2, type).string(8, name).bytes(9, raw);
    }

    private static byte[] weights(Random rnd, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (128 + (int) Math.round(rnd.nextGaussian() * 30));
        }
        return b;
    }

    private static byte[] floats(Random rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rnd.nextGaussian() * 0.1f;
        }
        return ProtoWriter.rawFloats(v);
    }

    private static byte[] ints(int[] v) {
        byte[] b = new byte[4 * v.length];
        for (int i = 0; i < v.length; i++) {
            for (int k = 0; k < 4; k++) {
                b[4 * i + k] = (byte) (v[i] >>> (8 * k));
            }
        }
        return b;
    }
}
