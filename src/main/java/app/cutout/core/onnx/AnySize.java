package app.cutout.core.onnx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Frees ISNet's input size: the shipped models fix it at 1 x 3 x 1024 x 1024, but nothing in the network needs a
 * square. Its convolutions and poolings take any size; only its 39 {@code Resize} nodes name their output sizes as
 * constants (the size of the tensor each upsampled map is joined with): in the 8-bit model {@code sizes = [1, C, h, w]}
 * is one constant, in the fp16 model it is {@code Concat(Slice(Shape(x)), [h, w])} with {@code [h, w]} a constant and
 * the map cast to float32 in front. Rewritten:
 * <ul>
 * <li>each such {@code Resize} takes {@code scales = [1, 1, h / h0, w / w0]} instead, where {@code h0 x w0} is its
 * input's size at 1024² (from the model's {@code value_info}, looking through a {@code Cast}); every factor is a whole
 * number (2 to 32), so at any input whose sides are multiples of {@code ModelSpec.STEP} each map is scaled to exactly
 * the size it meets, as the constants did at 1024²;</li>
 * <li>the graph input's height and width become the free dimensions {@code height} and {@code width}; the outputs
 * keep their element type and lose their fixed shape;</li>
 * <li>{@code value_info} (shapes inferred at 1024², wrong at any other size) is dropped, and so are the
 * {@code sizes} constants no node reads any more.</li>
 * </ul>
 * At 1024² the rewritten model computes exactly what the original does (same nodes, same order, same arithmetic:
 * {@code AnySizeTest} checks the output bit for bit in ONNX Runtime). The rest of the file is copied byte for byte.
 *
 * <p>The result is returned as a list of {@link Piece}s, most of them ranges of the original bytes, so that a host
 * holding the model outside Java (a worker's {@code Uint8Array}) assembles it with a few memory copies; {@link #apply}
 * assembles it in Java.
 */
public final class AnySize {
    /** The names the free input dimensions get. */
    public static final String HEIGHT = "height";
    public static final String WIDTH = "width";

    private static final int INT64 = 7;
    private static final int FLOAT = 1;

    /** A run of the rewritten model: {@code length} bytes of the original from {@code offset}, or new bytes. */
    public static final class Piece {
        /** Where the run starts in the original model, when {@link #bytes} is null. */
        public final int offset;
        public final int length;
        /** New bytes, or null for a run of the original. */
        public final byte[] bytes;

        Piece(int offset, int length, byte[] bytes) {
            this.offset = offset;
            this.length = length;
            this.bytes = bytes;
        }
    }

    private final byte[] model;
    private final List<Piece> graph = new ArrayList<>();
    /** Spatial size (height, width) of each tensor that has a 4-dimensional {@code value_info}. */
    private final Map<String, long[]> shapes = new HashMap<>();
    /** int64 constants of 2 or 4 values (initialisers and {@code Constant} nodes): name to values. */
    private final Map<String, long[]> constants = new HashMap<>();
    /** {@code Concat} and {@code Cast} nodes: output name to input names. */
    private final Map<String, List<String>> concats = new HashMap<>();
    private final Map<String, String> casts = new HashMap<>();
    /** How many node inputs read each name (a {@code sizes} constant is dropped when Resize is its only reader). */
    private final Map<String, Integer> readers = new HashMap<>();
    private final Set<String> replaced = new HashSet<>();
    private int resizes;

    private AnySize(byte[] model) {
        this.model = model;
    }

    /**
     * The pieces of the rewritten model, in order.
     *
     * @throws IllegalArgumentException if the model is not one this rewrite knows how to free: no {@code Resize}
     *     with constant sizes, an input size it cannot find, or a scale that is not a whole number
     */
    public static List<Piece> pieces(byte[] model) {
        return new AnySize(model).rewrite();
    }

    /** The rewritten model as one array. */
    public static byte[] apply(byte[] model) {
        List<Piece> pieces = pieces(model);
        byte[] out = new byte[length(pieces)];
        int at = 0;
        for (Piece p : pieces) {
            if (p.bytes != null) {
                System.arraycopy(p.bytes, 0, out, at, p.length);
            } else {
                System.arraycopy(model, p.offset, out, at, p.length);
            }
            at += p.length;
        }
        return out;
    }

    /** The rewritten model's size in bytes. */
    public static int length(List<Piece> pieces) {
        long n = 0;
        for (Piece p : pieces) {
            n += p.length;
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Model too large: " + n + " bytes");
        }
        return (int) n;
    }

    private List<Piece> rewrite() {
        List<Piece> out = new ArrayList<>();
        boolean found = false;
        ProtoReader m = new ProtoReader(model);
        while (m.next()) {
            if (m.field() == 7 && !found) {
                found = true;
                survey(m.message());
                graph(m.message());
                // Field 7, length-delimited, then the graph's new length.
                byte[] header = lengthPrefix(7 << 3 | 2, length(graph));
                out.add(new Piece(0, header.length, header));
                for (Piece p : graph) {
                    add(out, p);
                }
            } else {
                add(out, original(m.fieldStart(), m.valueEnd()));
            }
        }
        if (!found) {
            throw new IllegalArgumentException("No graph in the model");
        }
        if (resizes == 0) {
            throw new IllegalArgumentException("No Resize with constant sizes: nothing to free");
        }
        return out;
    }

    /** First pass: value shapes, constants and how often each name is read. */
    private void survey(ProtoReader g) {
        while (g.next()) {
            switch (g.field()) {
                case 1:
                    surveyNode(g.message());
                    break;
                case 5: {
                    ProtoReader t = g.message();
                    String name = tensorName(t.copy());
                    long[] v = int64s(t);
                    if (name != null && v != null) {
                        constants.put(name, v);
                    }
                    break;
                }
                case 11:
                case 12:
                case 13:
                    valueShape(g.message());
                    break;
                default:
                    break;
            }
        }
    }

    private void surveyNode(ProtoReader n) {
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        String op = "";
        long[] value = null;
        while (n.next()) {
            switch (n.field()) {
                case 1:
                    inputs.add(n.string());
                    readers.merge(n.string(), 1, Integer::sum);
                    break;
                case 2:
                    outputs.add(n.string());
                    break;
                case 4:
                    op = n.string();
                    break;
                case 5: {
                    // AttributeProto: name = 1, t = 5.
                    ProtoReader a = n.message();
                    String name = "";
                    ProtoReader tensor = null;
                    while (a.next()) {
                        if (a.field() == 1) {
                            name = a.string();
                        } else if (a.field() == 5) {
                            tensor = a.message();
                        }
                    }
                    if (name.equals("value") && tensor != null) {
                        value = int64s(tensor);
                    }
                    break;
                }
                default:
                    break;
            }
        }
        if (outputs.size() != 1) {
            return;
        }
        if (op.equals("Constant") && value != null) {
            constants.put(outputs.get(0), value);
        } else if (op.equals("Concat")) {
            concats.put(outputs.get(0), inputs);
        } else if (op.equals("Cast") && inputs.size() == 1) {
            casts.put(outputs.get(0), inputs.get(0));
        }
    }

    private static String tensorName(ProtoReader t) {
        while (t.next()) {
            if (t.field() == 8) {
                return t.string();
            }
        }
        return null;
    }

    /** The values of a 1-d int64 TensorProto of 2 or 4 values ({@code raw_data} or {@code int64_data}), or null. */
    private long[] int64s(ProtoReader t) {
        List<Long> dims = new ArrayList<>();
        List<Long> data = new ArrayList<>();
        int type = 0;
        int rawStart = -1;
        int rawLength = 0;
        while (t.next()) {
            switch (t.field()) {
                case 1:
                    dims.add(t.varint());
                    break;
                case 2:
                    type = (int) t.varint();
                    break;
                case 7:
                    // int64_data, unpacked; a packed run (never written by the exporters of these models) leaves
                    // the count short, and the constant is then not taken for a size.
                    if (t.wireType() == ProtoReader.VARINT) {
                        data.add(t.varint());
                    }
                    break;
                case 9:
                    rawStart = t.valueStart();
                    rawLength = t.length();
                    break;
                default:
                    break;
            }
        }
        if (type != INT64 || dims.size() != 1 || (dims.get(0) != 2 && dims.get(0) != 4)) {
            return null;
        }
        int n = (int) (long) dims.get(0);
        long[] v = new long[n];
        if (rawLength == 8 * n) {
            for (int i = 0; i < n; i++) {
                v[i] = littleEndianLong(rawStart + 8 * i);
            }
        } else if (data.size() == n) {
            for (int i = 0; i < n; i++) {
                v[i] = data.get(i);
            }
        } else {
            return null;
        }
        return v;
    }

    /**
     * The spatial size a Resize's {@code sizes} input names: a constant {@code [N, C, h, w]}, or a
     * {@code Concat(anything, [h, w])}; null when it is neither.
     */
    private long[] targetSize(String sizes) {
        long[] v = constants.get(sizes);
        if (v != null && v.length == 4) {
            return new long[] {v[2], v[3]};
        }
        List<String> parts = concats.get(sizes);
        if (parts != null && parts.size() == 2) {
            long[] hw = constants.get(parts.get(1));
            if (hw != null && hw.length == 2) {
                return hw;
            }
        }
        return null;
    }

    private void valueShape(ProtoReader v) {
        String name = null;
        List<Long> dims = null;
        while (v.next()) {
            if (v.field() == 1) {
                name = v.string();
            } else if (v.field() == 2) {
                dims = tensorDims(v.message());
            }
        }
        if (name != null && dims != null && dims.size() == 4 && dims.get(2) > 0 && dims.get(3) > 0) {
            shapes.put(name, new long[] {dims.get(2), dims.get(3)});
        }
    }

    /** The fixed dimensions of a TypeProto's tensor type ({@code -1} for a free one), or null. */
    private static List<Long> tensorDims(ProtoReader type) {
        while (type.next()) {
            if (type.field() != 1) {
                continue;
            }
            ProtoReader tensor = type.message();
            while (tensor.next()) {
                if (tensor.field() != 2) {
                    continue;
                }
                List<Long> dims = new ArrayList<>();
                ProtoReader shape = tensor.message();
                while (shape.next()) {
                    if (shape.field() != 1) {
                        continue;
                    }
                    long value = -1;
                    ProtoReader dim = shape.message();
                    while (dim.next()) {
                        if (dim.field() == 1) {
                            value = dim.varint();
                        }
                    }
                    dims.add(value);
                }
                return dims;
            }
        }
        return null;
    }

    /** Second pass: the graph's pieces. */
    private void graph(ProtoReader g) {
        List<byte[]> scales = new ArrayList<>();
        while (g.next()) {
            switch (g.field()) {
                case 1: {
                    byte[] node = resize(g.message(), scales);
                    add(graph, node != null ? newBytes(lengthPrefix(1 << 3 | 2, node.length), node)
                            : original(g.fieldStart(), g.valueEnd()));
                    break;
                }
                case 5:
                    if (!replaced.contains(tensorName(g.message()))) {
                        add(graph, original(g.fieldStart(), g.valueEnd()));
                    }
                    break;
                case 11:
                    add(graph, freeValue(g.message(), 11, true));
                    break;
                case 12:
                    add(graph, freeValue(g.message(), 12, false));
                    break;
                case 13:
                    break;
                default:
                    add(graph, original(g.fieldStart(), g.valueEnd()));
            }
        }
        for (byte[] s : scales) {
            add(graph, newBytes(lengthPrefix(5 << 3 | 2, s.length), s));
        }
    }

    /** A Resize node rewritten to read scales (adding the scales constant to {@code scales}), or null to keep it. */
    private byte[] resize(ProtoReader n, List<byte[]> scales) {
        List<String> inputs = new ArrayList<>();
        String op = null;
        String domain = "";
        ProtoReader copy = n.copy();
        while (copy.next()) {
            if (copy.field() == 1) {
                inputs.add(copy.string());
            } else if (copy.field() == 4) {
                op = copy.string();
            } else if (copy.field() == 7) {
                domain = copy.string();
            }
        }
        long[] target = inputs.size() == 4 ? targetSize(inputs.get(3)) : null;
        if (!"Resize".equals(op) || !domain.isEmpty() || target == null) {
            return null;
        }
        String x = inputs.get(0);
        long[] source = shapes.get(x);
        if (source == null && casts.containsKey(x)) {
            source = shapes.get(casts.get(x));
        }
        if (source == null) {
            throw new IllegalArgumentException("No shape for " + x + ", the input of a Resize");
        }
        if (target[0] % source[0] != 0 || target[1] % source[1] != 0) {
            throw new IllegalArgumentException("Resize of " + x + " from " + source[0] + "x" + source[1] + " to "
                    + target[0] + "x" + target[1] + " is not by a whole factor");
        }
        String scalesName = inputs.get(3) + "_anysize_scales";
        scales.add(new ProtoWriter().varint(1, 4).varint(2, FLOAT).string(8, scalesName)
                .bytes(9, ProtoWriter.rawFloats(1f, 1f, target[0] / source[0], target[1] / source[1]))
                .toByteArray());
        if (readers.getOrDefault(inputs.get(3), 0) == 1 && constants.containsKey(inputs.get(3))) {
            replaced.add(inputs.get(3));
        }
        resizes++;
        ProtoWriter node = new ProtoWriter().string(1, x).string(1, inputs.get(1)).string(1, scalesName);
        byte[] head = node.toByteArray();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(head, 0, head.length);
        while (n.next()) {
            if (n.field() != 1) {
                out.write(model, n.fieldStart(), n.valueEnd() - n.fieldStart());
            }
        }
        return out.toByteArray();
    }

    /**
     * A graph input or output with free height and width: an input becomes {@code [N, C, height, width]} with its
     * batch and channels kept; an output keeps only its element type.
     */
    private Piece freeValue(ProtoReader v, int field, boolean input) {
        java.io.ByteArrayOutputStream value = new java.io.ByteArrayOutputStream();
        ProtoReader probe = v.copy();
        List<Long> dims = null;
        int elemType = 0;
        while (probe.next()) {
            if (probe.field() == 2) {
                dims = tensorDims(probe.message());
                elemType = elemType(probe.message());
            }
        }
        if (dims == null || dims.size() != 4 || elemType == 0) {
            throw new IllegalArgumentException("Graph " + (input ? "input" : "output") + " is not a 4-d tensor");
        }
        ProtoWriter shape = new ProtoWriter();
        if (input) {
            shape.message(1, new ProtoWriter().varint(1, dims.get(0)))
                    .message(1, new ProtoWriter().varint(1, dims.get(1)))
                    .message(1, new ProtoWriter().string(2, HEIGHT))
                    .message(1, new ProtoWriter().string(2, WIDTH));
        }
        ProtoWriter tensor = new ProtoWriter().varint(1, elemType);
        if (input) {
            tensor.message(2, shape);
        }
        ProtoWriter type = new ProtoWriter().message(1, tensor);
        while (v.next()) {
            if (v.field() == 2) {
                byte[] t = new ProtoWriter().message(2, type).toByteArray();
                value.write(t, 0, t.length);
            } else {
                value.write(model, v.fieldStart(), v.valueEnd() - v.fieldStart());
            }
        }
        byte[] body = value.toByteArray();
        return newBytes(lengthPrefix(field << 3 | 2, body.length), body);
    }

    private static int elemType(ProtoReader type) {
        while (type.next()) {
            if (type.field() == 1) {
                ProtoReader tensor = type.message();
                while (tensor.next()) {
                    if (tensor.field() == 1) {
                        return (int) tensor.varint();
                    }
                }
            }
        }
        return 0;
    }

    private long littleEndianLong(int at) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (model[at + i] & 0xFF);
        }
        return v;
    }

    /** Appends a piece, joining a run of the original to the run just before it when they are adjacent. */
    private static void add(List<Piece> pieces, Piece p) {
        if (p.bytes == null && !pieces.isEmpty()) {
            Piece last = pieces.get(pieces.size() - 1);
            if (last.bytes == null && last.offset + last.length == p.offset) {
                pieces.set(pieces.size() - 1, new Piece(last.offset, last.length + p.length, null));
                return;
            }
        }
        pieces.add(p);
    }

    private static Piece original(int from, int to) {
        return new Piece(from, to - from, null);
    }

    private static Piece newBytes(byte[] prefix, byte[] body) {
        byte[] all = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, all, 0, prefix.length);
        System.arraycopy(body, 0, all, prefix.length, body.length);
        return new Piece(0, all.length, all);
    }

    /** A one-byte tag followed by a varint length. */
    private static byte[] lengthPrefix(int tag, long length) {
        byte[] b = new byte[11];
        b[0] = (byte) tag;
        int n = 1;
        long v = length;
        while ((v & ~0x7FL) != 0) {
            b[n++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        b[n++] = (byte) v;
        return java.util.Arrays.copyOf(b, n);
    }
}
