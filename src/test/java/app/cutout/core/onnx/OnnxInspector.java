package app.cutout.core.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an ONNX model holds, read straight from its protobuf with its own schema walk (independent of
 * {@link Fp16ToFp32}'s): op types, tensor data types and how tensors store their data, typed attributes, value types,
 * and every place a FLOAT16 appears. Run {@link #main} on a model file for a dump.
 */
final class OnnxInspector {
    static final int FLOAT16 = 10;
    /** Standard ops whose {@code dtype} attribute is a tensor data type (Cast's is {@code to}). */
    static final java.util.Set<String> DTYPE_OPS = java.util.Set.of("EyeLike", "RandomNormal", "RandomUniform",
            "RandomNormalLike", "RandomUniformLike", "Bernoulli", "SequenceEmpty");

    /** Counts, keyed by a description; {@link #float16} lists each FLOAT16 place with a path. */
    static final class Report {
        final Map<String, Integer> header = new TreeMap<>();
        final Map<String, Integer> ops = new TreeMap<>();
        final Map<String, Integer> tensors = new TreeMap<>();
        final Map<String, Long> tensorElements = new TreeMap<>();
        final Map<String, Integer> typeAttributes = new TreeMap<>();
        final Map<String, Integer> attributeKinds = new TreeMap<>();
        final Map<String, Integer> valueTypes = new TreeMap<>();
        final Map<String, Integer> graphIo = new TreeMap<>();
        final List<String> float16 = new ArrayList<>();
        long rawBytes;

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            section(sb, "model", header);
            section(sb, "op types (domain:op)", ops);
            section(sb, "tensors (where, data type, storage)", tensors);
            section(sb, "tensor elements (where, data type)", tensorElements);
            section(sb, "type-valued attributes (op.attr=value)", typeAttributes);
            section(sb, "attribute kinds (op.attr:type)", attributeKinds);
            section(sb, "value types (where elem_type)", valueTypes);
            section(sb, "graph inputs/outputs", graphIo);
            sb.append("raw_data bytes: ").append(rawBytes).append('\n');
            sb.append("FLOAT16 places: ").append(float16.size()).append('\n');
            for (int i = 0; i < Math.min(20, float16.size()); i++) {
                sb.append("  ").append(float16.get(i)).append('\n');
            }
            return sb.toString();
        }

        private static void section(StringBuilder sb, String title, Map<String, ? extends Number> m) {
            sb.append(title).append(":\n");
            for (Map.Entry<String, ? extends Number> e : m.entrySet()) {
                sb.append("  ").append(e.getKey()).append(" = ").append(e.getValue()).append('\n');
            }
        }
    }

    private final Report report = new Report();

    private OnnxInspector() {
    }

    static Report inspect(byte[] model) {
        OnnxInspector inspector = new OnnxInspector();
        inspector.model(new ProtoReader(model));
        return inspector.report;
    }

    public static void main(String[] args) throws IOException {
        for (String file : args) {
            System.out.println("== " + file);
            System.out.println(inspect(Files.readAllBytes(Path.of(file))));
        }
    }

    private static <K> void add(Map<K, Integer> m, K key) {
        m.merge(key, 1, Integer::sum);
    }

    private void model(ProtoReader r) {
        while (r.next()) {
            switch (r.field()) {
                case 1 -> report.header.put("ir_version " + r.varint(), 1);
                case 2 -> report.header.put("producer " + r.string(), 1);
                case 3 -> report.header.put("producer_version " + r.string(), 1);
                case 8 -> {
                    ProtoReader o = r.message();
                    String domain = "";
                    long version = 0;
                    while (o.next()) {
                        if (o.field() == 1) {
                            domain = o.string();
                        } else if (o.field() == 2) {
                            version = o.varint();
                        }
                    }
                    report.header.put("opset " + domain + " " + version, 1);
                }
                case 7 -> graph(r.message(), "graph", true);
                case 20 -> {
                    ProtoReader t = r.message();
                    while (t.next()) {
                        if (t.field() == 1 || t.field() == 2) {
                            graph(t.message(), "training", false);
                        }
                    }
                }
                case 25 -> function(r.message());
                default -> {
                }
            }
        }
    }

    private void graph(ProtoReader r, String path, boolean main) {
        while (r.next()) {
            switch (r.field()) {
                case 1 -> node(r.message(), path);
                case 5 -> tensor(r.message(), path + "/initializer");
                case 15 -> sparse(r.message(), path + "/sparse_initializer");
                case 11, 12, 13 -> {
                    String where = r.field() == 11 ? "input" : r.field() == 12 ? "output" : "value_info";
                    valueInfo(r.message(), path + "/" + where, main && r.field() != 13);
                }
                default -> {
                }
            }
        }
    }

    private void function(ProtoReader r) {
        while (r.next()) {
            switch (r.field()) {
                case 7 -> node(r.message(), "function");
                case 11 -> attribute(r.message(), "function", "function", false);
                case 12 -> valueInfo(r.message(), "function/value_info", false);
                default -> {
                }
            }
        }
    }

    private void node(ProtoReader r, String path) {
        String op = "?";
        String domain = "";
        String name = "";
        ProtoReader scan = r.copy();
        while (scan.next()) {
            if (scan.field() == 4) {
                op = scan.string();
            } else if (scan.field() == 7) {
                domain = scan.string();
            } else if (scan.field() == 3) {
                name = scan.string();
            }
        }
        add(report.ops, domain + ":" + op);
        while (r.next()) {
            if (r.field() == 5) {
                attribute(r.message(), path + "/" + op + "(" + name + ")", op,
                        domain.isEmpty() || domain.equals("ai.onnx"));
            }
        }
    }

    private void attribute(ProtoReader r, String path, String op, boolean standard) {
        String name = "?";
        long type = 0;
        Long i = null;
        ProtoReader scan = r.copy();
        while (scan.next()) {
            if (scan.field() == 1) {
                name = scan.string();
            } else if (scan.field() == 20) {
                type = scan.varint();
            } else if (scan.field() == 3) {
                i = scan.varint();
            }
        }
        add(report.attributeKinds, op + "." + name + ":" + type);
        if (i != null && (name.equals("to") || name.equals("dtype") || name.endsWith("_type")
                || name.endsWith("dtype"))) {
            add(report.typeAttributes, op + "." + name + "=" + i);
            if (i == FLOAT16 && standard && (op.equals("Cast") && name.equals("to")
                    || DTYPE_OPS.contains(op) && name.equals("dtype"))) {
                report.float16.add(path + "." + name);
            }
        }
        String where = path + "." + name;
        while (r.next()) {
            switch (r.field()) {
                case 5, 10 -> tensor(r.message(), "attribute(" + op + "." + name + ")");
                case 6, 11 -> graph(r.message(), where + "/subgraph", false);
                case 22, 23 -> sparse(r.message(), "attribute(" + op + "." + name + ")");
                case 14, 15 -> type(r.message(), "attribute", where);
                default -> {
                }
            }
        }
    }

    private void sparse(ProtoReader r, String where) {
        while (r.next()) {
            if (r.field() == 1 || r.field() == 2) {
                tensor(r.message(), where + "/sparse");
            }
        }
    }

    private void tensor(ProtoReader r, String where) {
        long dataType = 0;
        String name = "";
        long elements = 1;
        StringBuilder storage = new StringBuilder();
        while (r.next()) {
            switch (r.field()) {
                case 1 -> {
                    if (r.wireType() == ProtoReader.LEN) {
                        ProtoReader d = r.message();
                        while (d.next()) {
                            elements *= d.varint();
                        }
                    } else {
                        elements *= r.varint();
                    }
                }
                case 2 -> dataType = r.varint();
                case 8 -> name = r.string();
                case 9 -> {
                    storage.append(" raw_data");
                    report.rawBytes += r.length();
                }
                case 4 -> storage.append(" float_data");
                case 5 -> storage.append(" int32_data");
                case 6 -> storage.append(" string_data");
                case 7 -> storage.append(" int64_data");
                case 10 -> storage.append(" double_data");
                case 11 -> storage.append(" uint64_data");
                case 13 -> storage.append(" external_data");
                case 14 -> storage.append(" data_location=").append(r.varint());
                default -> {
                }
            }
        }
        add(report.tensors, where + " type " + dataType + storage);
        report.tensorElements.merge(where + " type " + dataType, elements, Long::sum);
        if (dataType == FLOAT16) {
            report.float16.add(where + ":" + name);
        }
    }

    private void valueInfo(ProtoReader r, String where, boolean io) {
        String name = "";
        while (r.next()) {
            if (r.field() == 1) {
                name = r.string();
            } else if (r.field() == 2) {
                long elem = type(r.message(), where, where + ":" + name);
                if (io) {
                    add(report.graphIo, where + " " + name + " elem_type " + elem);
                }
            }
        }
    }

    /** Records the TypeProto's element types; returns the tensor elem_type, or -1. */
    private long type(ProtoReader r, String where, String path) {
        long found = -1;
        while (r.next()) {
            switch (r.field()) {
                case 1, 8 -> {
                    ProtoReader t = r.message();
                    while (t.next()) {
                        if (t.field() == 1) {
                            found = t.varint();
                            add(report.valueTypes, where + " elem_type " + found);
                            if (found == FLOAT16) {
                                report.float16.add(path);
                            }
                        }
                    }
                }
                case 4, 9 -> {
                    ProtoReader t = r.message();
                    while (t.next()) {
                        if (t.field() == 1) {
                            type(t.message(), where, path + "/elem");
                        }
                    }
                }
                case 5 -> {
                    ProtoReader t = r.message();
                    while (t.next()) {
                        if (t.field() == 2) {
                            type(t.message(), where, path + "/value");
                        }
                    }
                }
                default -> {
                }
            }
        }
        return found;
    }
}
