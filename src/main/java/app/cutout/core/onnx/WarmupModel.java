package app.cutout.core.onnx;

/**
 * A small ONNX model built of the very operations the 8-bit ISNet runs, in each form it uses them, for warming an
 * engine up before the first photo: every convolution is ISNet's dynamically quantised one
 * ({@code DynamicQuantizeLinear → ConvInteger → Cast → Mul → Mul → Add → Relu}), with the same 3×3 kernels, stride
 * 2 once and dilations 1, 2, 4 and 8, between the same {@code MaxPool}, bilinear {@code Resize}, {@code Concat} and a
 * final {@code Sigmoid}. A WebAssembly engine compiles its code in a quick first tier and optimises each function only
 * once it has run enough; ISNet's first run in a fresh worker is about a second slower on 2 cores for that reason
 * ({@code bench/README.md}, "First visit"). A few runs of this model, while nobody waits for a photo, move that
 * second out of the first photo's time. Its weights are fixed pseudo-random bytes: what it computes is never used.
 *
 * <p>Input {@value #INPUT_NAME}: float {@code [1, 3, size, size]}; output {@value #OUTPUT_NAME}: float
 * {@code [1, 1, size, size]}, each value in 0..1.
 */
public final class WarmupModel {
    public static final String INPUT_NAME = "input";
    public static final String OUTPUT_NAME = "output";
    /** The side of {@link #buildWide}'s input. */
    public static final int WIDE_INPUT_SIZE = 16;
    /** The side of {@link #buildWide}'s widest maps and of its output. */
    public static final int WIDE_SIZE = 512;

    private static final int FLOAT = 1;
    private static final int UINT8 = 2;
    private static final int INT64 = 7;
    /** AttributeProto types. */
    private static final int ATTR_INT = 2;
    private static final int ATTR_STRING = 3;
    private static final int ATTR_INTS = 7;

    private final ProtoWriter graph = new ProtoWriter();
    private int seed = 12345;
    private int nodes;

    private WarmupModel() {
    }

    /**
     * The model's bytes.
     *
     * @param size the input's side, a multiple of 8 (at 128 one run is a few tens of milliseconds on one core)
     * @param channels the feature channels between the convolutions
     */
    public static byte[] build(int size, int channels) {
        if (size < 8 || size % 8 != 0 || channels < 1) {
            throw new IllegalArgumentException("size " + size + " (a multiple of 8) and channels " + channels);
        }
        WarmupModel m = new WarmupModel();
        int c = channels;
        int half = size / 2;
        // ISNet's conv_in: the 3-channel photo, stride 2.
        String in = m.conv(INPUT_NAME, 3, c, 2, 1, true);
        String c1 = m.conv(in, c, c, 1, 1, true);
        String pooled = m.maxPool(c1);
        String c2 = m.conv(pooled, c, c, 1, 1, true);
        // RSU4F's dilated convolutions.
        String c3 = m.conv(c2, c, c, 1, 2, true);
        String c4 = m.conv(c3, c, c, 1, 4, true);
        String c5 = m.conv(c4, c, c, 1, 8, true);
        String d1 = m.conv(m.concat(c5, c2), 2 * c, c, 1, 1, true);
        // The decoder: up to the encoder's size, joined with it; then a side output to the input's size.
        String up = m.resize(d1, c, half);
        String d2 = m.conv(m.concat(up, c1), 2 * c, c, 1, 1, true);
        String side = m.conv(d2, c, 1, 1, 1, false);
        String full = m.resize(side, 1, size);
        return m.finish(full, "cutout-warmup", size, size);
    }

    /**
     * A model that does little arithmetic but needs buffers as large as ISNet's widest layers: a {@code 16²} input
     * taken to {@code channels} feature maps, stretched to {@code 512²} and fed to one quantised 3×3 convolution down
     * to one channel, whose unfolded input ({@code ConvInteger}'s copy of each value for each of the 9 taps) is the
     * largest buffer. Run once before ISNet, it is what first touches that much of the engine's memory, so that
     * ISNet's first run does not. Input {@value #INPUT_NAME}: float {@code [1, 3, 16, 16]}; output
     * {@value #OUTPUT_NAME}: float {@code [1, 1, 512, 512]}.
     */
    public static byte[] buildWide(int channels) {
        if (channels < 1) {
            throw new IllegalArgumentException("channels " + channels);
        }
        WarmupModel m = new WarmupModel();
        String in = m.conv(INPUT_NAME, 3, channels, 1, 1, true);
        String wide = m.resize(in, channels, WIDE_SIZE);
        String side = m.conv(wide, channels, 1, 1, 1, false);
        return m.finish(side, "cutout-warmup-wide", WIDE_INPUT_SIZE, WIDE_SIZE);
    }

    /**
     * The model's bytes: a sigmoid of {@code last} as the output {@code [1, 1, outSize, outSize]}, the input
     * {@code [1, 3, inSize, inSize]}, opset 13.
     */
    private byte[] finish(String last, String name, int inSize, int outSize) {
        graph.message(1, node("Sigmoid", "sigmoid", new String[] {last}, new String[] {OUTPUT_NAME}));
        graph.string(2, name);
        graph.message(11, valueInfo(INPUT_NAME, 3, inSize));
        graph.message(12, valueInfo(OUTPUT_NAME, 1, outSize));
        return new ProtoWriter().varint(1, 7).string(2, "cutout").message(8, new ProtoWriter().string(1, "")
                .varint(2, 13)).message(7, graph).toByteArray();
    }

    /** ISNet's quantised convolution, 3×3 with padding equal to the dilation; {@code relu} except on side outputs. */
    private String conv(String x, int in, int out, int stride, int dilation, boolean relu) {
        String p = "conv" + nodes++ + "_";
        graph.message(5, tensor(p + "w", UINT8, weights(out * in * 9), out, in, 3, 3));
        graph.message(5, tensor(p + "wz", UINT8, new byte[] {(byte) 128}));
        graph.message(5, tensor(p + "ws", FLOAT, ProtoWriter.rawFloats(0.004f)));
        float[] bias = new float[out];
        for (int i = 0; i < out; i++) {
            bias[i] = (next() - 128) / 1280f;
        }
        graph.message(5, tensor(p + "b", FLOAT, ProtoWriter.rawFloats(bias), 1, out, 1, 1));
        graph.message(1, node("DynamicQuantizeLinear", p + "dql", new String[] {x},
                new String[] {p + "xq", p + "xs", p + "xz"}));
        graph.message(1, node("ConvInteger", p + "conv", new String[] {p + "xq", p + "w", p + "xz", p + "wz"},
                new String[] {p + "acc"})
                .message(5, ints("dilations", dilation, dilation))
                .message(5, ints("group", 1))
                .message(5, ints("kernel_shape", 3, 3))
                .message(5, ints("pads", dilation, dilation, dilation, dilation))
                .message(5, ints("strides", stride, stride)));
        graph.message(1, node("Cast", p + "cast", new String[] {p + "acc"}, new String[] {p + "accf"})
                .message(5, new ProtoWriter().string(1, "to").varint(3, FLOAT).varint(20, ATTR_INT)));
        graph.message(1, node("Mul", p + "scale", new String[] {p + "xs", p + "ws"}, new String[] {p + "s"}));
        graph.message(1, node("Mul", p + "mul", new String[] {p + "accf", p + "s"}, new String[] {p + "y"}));
        String sum = relu ? p + "sum" : p + "out";
        graph.message(1, node("Add", p + "bias", new String[] {p + "y", p + "b"}, new String[] {sum}));
        if (!relu) {
            return sum;
        }
        graph.message(1, node("Relu", p + "relu", new String[] {sum}, new String[] {p + "out"}));
        return p + "out";
    }

    private String maxPool(String x) {
        String y = "pool" + nodes++;
        graph.message(1, node("MaxPool", y, new String[] {x}, new String[] {y})
                .message(5, ints("ceil_mode", 1))
                .message(5, ints("kernel_shape", 2, 2))
                .message(5, ints("storage_order", 0))
                .message(5, ints("strides", 2, 2)));
        return y;
    }

    private String concat(String a, String b) {
        String y = "concat" + nodes++;
        graph.message(1, node("Concat", y, new String[] {a, b}, new String[] {y}).message(5, ints("axis", 1)));
        return y;
    }

    /** ISNet's upsampling: bilinear, half-pixel centres, to fixed sizes. */
    private String resize(String x, int c, int size) {
        String y = "resize" + nodes++;
        byte[] sizes = new byte[32];
        long[] dims = {1, c, size, size};
        for (int i = 0; i < 4; i++) {
            for (int k = 0; k < 8; k++) {
                sizes[8 * i + k] = (byte) (dims[i] >>> (8 * k));
            }
        }
        graph.message(5, tensor(y + "_sizes", INT64, sizes, 4));
        graph.message(1, node("Resize", y, new String[] {x, "", "", y + "_sizes"}, new String[] {y})
                .message(5, text("coordinate_transformation_mode", "half_pixel"))
                .message(5, ints("exclude_outside", 0))
                .message(5, text("mode", "linear"))
                .message(5, text("nearest_mode", "floor")));
        return y;
    }

    /** An ONNX NodeProto with its inputs, outputs, name and op type (attributes to be added as field 5). */
    static ProtoWriter node(String op, String name, String[] inputs, String[] outputs) {
        ProtoWriter n = new ProtoWriter();
        for (String i : inputs) {
            n.string(1, i);
        }
        for (String o : outputs) {
            n.string(2, o);
        }
        return n.string(3, name).string(4, op);
    }

    /** An INT attribute for one value, INTS for several. */
    private static ProtoWriter ints(String name, long... values) {
        ProtoWriter a = new ProtoWriter().string(1, name);
        if (values.length == 1) {
            return a.varint(3, values[0]).varint(20, ATTR_INT);
        }
        for (long v : values) {
            a.varint(8, v);
        }
        return a.varint(20, ATTR_INTS);
    }

    private static ProtoWriter text(String name, String value) {
        return new ProtoWriter().string(1, name).string(4, value).varint(20, ATTR_STRING);
    }

    private static ProtoWriter valueInfo(String name, int c, int size) {
        ProtoWriter shape = new ProtoWriter();
        for (long dim : new long[] {1, c, size, size}) {
            shape.message(1, new ProtoWriter().varint(1, dim));
        }
        ProtoWriter tensorType = new ProtoWriter().varint(1, FLOAT).message(2, shape);
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
    }

    private static ProtoWriter tensor(String name, int type, byte[] raw, long... dims) {
        ProtoWriter t = new ProtoWriter();
        for (long dim : dims) {
            t.varint(1, dim);
        }
        return t.varint(2, type).string(8, name).bytes(9, raw);
    }

    /** Weights spread around the zero point 128, as in ISNet's 8-bit file. */
    private byte[] weights(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (96 + next() / 4);
        }
        return b;
    }

    /** The next of a fixed sequence, 0..255 (a linear congruential generator: the model is the same every time). */
    private int next() {
        seed = seed * 1103515245 + 12345;
        return (seed >>> 16) & 0xFF;
    }
}
