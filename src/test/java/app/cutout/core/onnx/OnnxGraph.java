package app.cutout.core.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The main graph of an ONNX model as far as a node-level rewrite needs it: nodes (op, inputs, outputs and their
 * encoded attributes), initialisers (type, dimensions, where their raw data lies), graph outputs, and the encoded
 * bytes of everything else, which a rewrite copies through unchanged. Read with {@link ProtoReader}.
 */
final class OnnxGraph {
    static final int FLOAT = 1;
    static final int UINT8 = 2;
    static final int INT32 = 6;

    /** One node; {@code attributes} are the encoded AttributeProto messages, copied verbatim when re-emitted. */
    static final class Node {
        String op;
        String domain = "";
        String name = "";
        final List<String> inputs = new ArrayList<>();
        final List<String> outputs = new ArrayList<>();
        final List<byte[]> attributes = new ArrayList<>();

        String input(int i) {
            return i < inputs.size() ? inputs.get(i) : "";
        }

        @Override
        public String toString() {
            return op + inputs + "->" + outputs;
        }
    }

    /** An initialiser: where its data lies in the model bytes. */
    static final class Init {
        String name;
        int type;
        long[] dims = new long[0];
        int rawStart = -1;
        int rawLength;
        /** float_data, when the values are kept there instead of raw_data. */
        final List<Float> floatData = new ArrayList<>();
    }

    final byte[] model;
    final List<Node> nodes = new ArrayList<>();
    final Map<String, Init> inits = new LinkedHashMap<>();
    final List<String> outputs = new ArrayList<>();
    /** Producer node of each tensor. */
    final Map<String, Node> producer = new HashMap<>();
    /** Consumer nodes of each tensor. */
    final Map<String, List<Node>> consumers = new HashMap<>();
    /** Encoded model fields other than the graph, and graph fields other than nodes, in order. */
    final List<byte[]> modelRest = new ArrayList<>();
    final List<byte[]> graphRest = new ArrayList<>();

    OnnxGraph(byte[] model) {
        this.model = model;
        ProtoReader m = new ProtoReader(model);
        while (m.next()) {
            if (m.field() == 7) {
                graph(m.message());
            } else {
                modelRest.add(slice(m.fieldStart(), m.valueEnd()));
            }
        }
        for (Node n : nodes) {
            for (String o : n.outputs) {
                producer.put(o, n);
            }
            for (String i : n.inputs) {
                consumers.computeIfAbsent(i, k -> new ArrayList<>()).add(n);
            }
        }
    }

    private void graph(ProtoReader g) {
        while (g.next()) {
            switch (g.field()) {
                case 1:
                    nodes.add(node(g.message()));
                    break;
                case 5:
                    Init t = init(g.message());
                    inits.put(t.name, t);
                    graphRest.add(slice(g.fieldStart(), g.valueEnd()));
                    break;
                case 12: {
                    ProtoReader v = g.message();
                    while (v.next()) {
                        if (v.field() == 1) {
                            outputs.add(v.string());
                        }
                    }
                    graphRest.add(slice(g.fieldStart(), g.valueEnd()));
                    break;
                }
                default:
                    graphRest.add(slice(g.fieldStart(), g.valueEnd()));
            }
        }
    }

    private Node node(ProtoReader r) {
        Node n = new Node();
        while (r.next()) {
            switch (r.field()) {
                case 1:
                    n.inputs.add(r.string());
                    break;
                case 2:
                    n.outputs.add(r.string());
                    break;
                case 3:
                    n.name = r.string();
                    break;
                case 4:
                    n.op = r.string();
                    break;
                case 5:
                    n.attributes.add(slice(r.valueStart(), r.valueEnd()));
                    break;
                case 7:
                    n.domain = r.string();
                    break;
                default:
                    break;
            }
        }
        return n;
    }

    private Init init(ProtoReader r) {
        Init t = new Init();
        List<Long> dims = new ArrayList<>();
        while (r.next()) {
            switch (r.field()) {
                case 1:
                    if (r.wireType() != ProtoReader.VARINT) {
                        throw new IllegalArgumentException("packed dims of " + t.name + " are not read here");
                    }
                    dims.add(r.varint());
                    break;
                case 2:
                    t.type = (int) r.varint();
                    break;
                case 8:
                    t.name = r.string();
                    break;
                case 9:
                    t.rawStart = r.valueStart();
                    t.rawLength = r.length();
                    break;
                case 4:
                    if (r.wireType() == ProtoReader.FIXED32) {
                        t.floatData.add(Float.intBitsToFloat((int) r.fixed()));
                    } else {
                        ByteBuffer b = ByteBuffer.wrap(model, r.valueStart(), r.length()).order(ByteOrder.LITTLE_ENDIAN);
                        while (b.remaining() >= 4) {
                            t.floatData.add(b.getFloat());
                        }
                    }
                    break;
                default:
                    break;
            }
        }
        t.dims = dims.stream().mapToLong(Long::longValue).toArray();
        return t;
    }

    byte[] slice(int from, int to) {
        byte[] b = new byte[to - from];
        System.arraycopy(model, from, b, 0, b.length);
        return b;
    }

    /** A float initialiser's values (raw_data only). */
    float[] floats(String name) {
        Init t = inits.get(name);
        if (t == null || t.type != FLOAT) {
            throw new IllegalArgumentException("No float initialiser " + name);
        }
        if (t.rawStart < 0) {
            float[] v = new float[t.floatData.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = t.floatData.get(i);
            }
            return v;
        }
        float[] v = new float[t.rawLength / 4];
        ByteBuffer.wrap(model, t.rawStart, t.rawLength).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }

    boolean isInit(String name) {
        return inits.containsKey(name);
    }

    List<Node> consumersOf(String tensor) {
        return consumers.getOrDefault(tensor, List.of());
    }

    /** The one consumer of {@code tensor} if there is exactly one and it is an {@code op}, else null. */
    Node only(String tensor, String op) {
        List<Node> c = consumersOf(tensor);
        return c.size() == 1 && op.equals(c.get(0).op) ? c.get(0) : null;
    }

    // ------------------------------------------------------------------------------------------------ writing

    /** The model with {@code nodes} as its graph's nodes and {@code extra} appended to the graph (encoded fields). */
    byte[] write(List<ProtoWriter> newNodes, List<byte[]> extraGraphFields) {
        return write(newNodes, extraGraphFields, graphRest);
    }

    private byte[] write(List<ProtoWriter> newNodes, List<byte[]> extraGraphFields, List<byte[]> graphRest) {
        java.io.ByteArrayOutputStream g = new java.io.ByteArrayOutputStream();
        for (ProtoWriter n : newNodes) {
            writeField(g, 1, n.toByteArray());
        }
        for (byte[] f : graphRest) {
            g.write(f, 0, f.length);
        }
        for (byte[] f : extraGraphFields) {
            g.write(f, 0, f.length);
        }
        java.io.ByteArrayOutputStream m = new java.io.ByteArrayOutputStream();
        for (byte[] f : modelRest) {
            m.write(f, 0, f.length);
        }
        writeField(m, 7, g.toByteArray());
        return m.toByteArray();
    }

    /**
     * The part of the model that computes {@code tensors}, which become its only outputs (float): for timing a
     * stage of the network on its own.
     */
    byte[] prefix(List<String> tensors) {
        java.util.Set<Node> keep = new java.util.HashSet<>();
        java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(tensors);
        while (!todo.isEmpty()) {
            Node p = producer.get(todo.pop());
            if (p != null && keep.add(p)) {
                todo.addAll(p.inputs);
            }
        }
        List<ProtoWriter> kept = new ArrayList<>();
        for (Node n : nodes) {
            if (keep.contains(n)) {
                kept.add(encode(n));
            }
        }
        List<byte[]> rest = new ArrayList<>(graphRest);
        rest.removeIf(f -> f[0] == (12 << 3 | 2));
        List<byte[]> outs = new ArrayList<>();
        for (String t : tensors) {
            outs.add(floatOutput(t));
        }
        return write(kept, outs, rest);
    }

    /** A node re-encoded (its attributes verbatim). */
    static ProtoWriter encode(Node n) {
        ProtoWriter p = new ProtoWriter();
        for (String i : n.inputs) {
            p.string(1, i);
        }
        for (String o : n.outputs) {
            p.string(2, o);
        }
        if (!n.name.isEmpty()) {
            p.string(3, n.name);
        }
        p.string(4, n.op);
        for (byte[] a : n.attributes) {
            p.bytes(5, a);
        }
        if (!n.domain.isEmpty()) {
            p.string(7, n.domain);
        }
        return p;
    }

    static ProtoWriter node(String op, String name, String[] inputs, String[] outputs) {
        return WarmupModel.node(op, name, inputs, outputs);
    }

    /** An encoded graph field 5 (initialiser) holding {@code raw} of {@code type} and {@code dims}. */
    static byte[] initializer(String name, int type, byte[] raw, long... dims) {
        ProtoWriter t = new ProtoWriter();
        for (long d : dims) {
            t.varint(1, d);
        }
        t.varint(2, type).string(8, name).bytes(9, raw);
        return new ProtoWriter().message(5, t).toByteArray();
    }

    /** An encoded graph field 12 (output) of a float tensor with no shape given. */
    static byte[] floatOutput(String name) {
        ProtoWriter type = new ProtoWriter().message(1, new ProtoWriter().varint(1, FLOAT));
        return new ProtoWriter().message(12, new ProtoWriter().string(1, name).message(2, type)).toByteArray();
    }

    static byte[] floatBytes(float v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(v).array();
    }

    static byte[] intBytes(int[] v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int x : v) {
            b.putInt(x);
        }
        return b.array();
    }

    private static void writeField(java.io.ByteArrayOutputStream out, int field, byte[] value) {
        varint(out, (long) field << 3 | 2);
        varint(out, value.length);
        out.write(value, 0, value.length);
    }

    private static void varint(java.io.ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
