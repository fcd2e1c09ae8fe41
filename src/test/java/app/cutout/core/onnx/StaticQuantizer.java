package app.cutout.core.onnx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the dynamically quantised ISNet (each convolution {@code DynamicQuantizeLinear → ConvInteger → Cast →
 * Mul(scale) → Add(bias) [→ Relu]}) into a statically quantised one: {@code QLinearConv} with activation ranges
 * measured beforehand on photos, the weights and their zero points unchanged, the bias as int32 in the product
 * scale, the Relu folded into an output range that starts at 0. Tensors that pass from one convolution straight to
 * the next stay uint8; a {@code DequantizeLinear} gives back float only where another op reads the tensor, and a
 * {@code QuantizeLinear} goes in front of a convolution whose input comes from such an op.
 *
 * <p>{@link #calibration} gives the model with a {@code ReduceMin}/{@code ReduceMax} output for every tensor that
 * needs a range, whose values over photos {@link #convert} then takes.
 */
final class StaticQuantizer {
    /** One convolution of the dynamic model, with the nodes around it that the rewrite replaces. */
    static final class Conv {
        OnnxGraph.Node quantize;
        OnnxGraph.Node scaleMul;
        OnnxGraph.Node conv;
        OnnxGraph.Node cast;
        OnnxGraph.Node mul;
        OnnxGraph.Node add;
        OnnxGraph.Node relu;
        /** The Reshape the shipped model gives each bias; null where the bias is an initialiser of its own. */
        OnnxGraph.Node biasReshape;
        /** Float input, before the dynamic quantisation. */
        String input;
        /** Float output: after the Relu if there is one. */
        String output;
        String weights;
        String weightZero;
        float weightScale;
        float[] bias;
    }

    final OnnxGraph graph;
    final List<Conv> convs = new ArrayList<>();
    /** Tensors given back as float even where only convolutions read them (for comparing them). */
    final Set<String> alsoFloat = new HashSet<>();

    StaticQuantizer(byte[] model) {
        graph = new OnnxGraph(model);
        for (OnnxGraph.Node n : graph.nodes) {
            if ("ConvInteger".equals(n.op)) {
                convs.add(match(n));
            }
        }
    }

    private Conv match(OnnxGraph.Node n) {
        Conv c = new Conv();
        c.conv = n;
        c.quantize = graph.producer.get(n.input(0));
        require(c.quantize != null && "DynamicQuantizeLinear".equals(c.quantize.op), n, "no DynamicQuantizeLinear");
        c.input = c.quantize.input(0);
        c.weights = n.input(1);
        c.weightZero = n.input(3);
        require(graph.isInit(c.weights) && graph.isInit(c.weightZero), n, "weights are not constant");
        for (OnnxGraph.Node s : graph.consumersOf(c.quantize.outputs.get(1))) {
            if ("Mul".equals(s.op)) {
                String other = s.input(0).equals(c.quantize.outputs.get(1)) ? s.input(1) : s.input(0);
                if (graph.isInit(other)) {
                    c.scaleMul = s;
                    c.weightScale = graph.floats(other)[0];
                }
            }
        }
        require(c.scaleMul != null, n, "no scale Mul");
        c.cast = graph.only(n.outputs.get(0), "Cast");
        require(c.cast != null, n, "no Cast");
        c.mul = graph.only(c.cast.outputs.get(0), "Mul");
        require(c.mul != null, n, "no Mul");
        c.add = graph.only(c.mul.outputs.get(0), "Add");
        require(c.add != null, n, "no Add");
        String biasTensor = c.add.input(0).equals(c.mul.outputs.get(0)) ? c.add.input(1) : c.add.input(0);
        if (graph.isInit(biasTensor)) {
            c.bias = graph.floats(biasTensor);
        } else {
            c.biasReshape = graph.producer.get(biasTensor);
            require(c.biasReshape != null && "Reshape".equals(c.biasReshape.op), n, "bias is not a Reshape");
            c.bias = graph.floats(c.biasReshape.input(0));
        }
        c.relu = graph.only(c.add.outputs.get(0), "Relu");
        c.output = c.relu != null ? c.relu.outputs.get(0) : c.add.outputs.get(0);
        return c;
    }

    private static void require(boolean ok, OnnxGraph.Node n, String what) {
        if (!ok) {
            throw new IllegalArgumentException(n.name + ": " + what);
        }
    }

    /** Every tensor that needs a range: the convolutions' float inputs and outputs. */
    Set<String> rangedTensors() {
        Set<String> t = new LinkedHashSet<>();
        for (Conv c : convs) {
            t.add(c.input);
            t.add(c.output);
        }
        return t;
    }

    /** The dynamic model with {@code calib_min/T} and {@code calib_max/T} outputs for every ranged tensor T. */
    byte[] calibration() {
        List<ProtoWriter> nodes = new ArrayList<>();
        for (OnnxGraph.Node n : graph.nodes) {
            nodes.add(OnnxGraph.encode(n));
        }
        List<byte[]> extra = new ArrayList<>();
        for (String t : rangedTensors()) {
            for (String kind : new String[] {"min", "max"}) {
                String out = "calib_" + kind + "/" + t;
                nodes.add(OnnxGraph.node(kind.equals("min") ? "ReduceMin" : "ReduceMax", out, new String[] {t},
                        new String[] {out}).message(5, new ProtoWriter().string(1, "keepdims").varint(3, 0).varint(20, 2)));
                extra.add(OnnxGraph.floatOutput(out));
            }
        }
        return graph.write(nodes, extra);
    }

    /** uint8 scale and zero point for a range: the range widened to hold 0, as DynamicQuantizeLinear does. */
    static float[] params(float min, float max) {
        float lo = Math.min(0, min);
        float hi = Math.max(0, max);
        float scale = hi > lo ? (hi - lo) / 255f : 1f;
        float zero = Math.max(0, Math.min(255, Math.round(-lo / scale)));
        return new float[] {scale, zero};
    }

    /**
     * The static model for the given ranges ({@code {min, max}} per ranged tensor).
     */
    byte[] convert(Map<String, float[]> ranges) {
        return convert(ranges, convs.size());
    }

    /** As {@link #convert(Map)}, converting only the first {@code limit} convolutions (to find where error enters). */
    byte[] convert(Map<String, float[]> ranges, int limit) {
        return convert(ranges, convs.subList(0, Math.min(limit, convs.size())));
    }

    /**
     * As {@link #convert(Map)}, converting only {@code chosen} (the others stay dynamic): a mixed model, where a
     * tensor crossing from a static convolution to a dynamic one is given back as float and one crossing the other
     * way is quantised with its calibrated range.
     */
    byte[] convert(Map<String, float[]> ranges, List<Conv> chosen) {
        Set<OnnxGraph.Node> dropped = new HashSet<>();
        Map<OnnxGraph.Node, Conv> at = new HashMap<>();
        for (Conv c : chosen) {
            dropped.add(c.scaleMul);
            dropped.add(c.conv);
            dropped.add(c.cast);
            dropped.add(c.mul);
            dropped.add(c.add);
            if (c.relu != null) {
                dropped.add(c.relu);
            }
            if (c.biasReshape != null && graph.consumersOf(c.biasReshape.outputs.get(0)).size() == 1) {
                dropped.add(c.biasReshape);
            }
            at.put(c.conv, c);
        }
        // A DynamicQuantizeLinear goes when every reader of its outputs goes.
        for (Conv c : chosen) {
            boolean all = true;
            for (String o : c.quantize.outputs) {
                for (OnnxGraph.Node r : graph.consumersOf(o)) {
                    all &= dropped.contains(r);
                }
            }
            if (all) {
                dropped.add(c.quantize);
            }
        }
        List<ProtoWriter> nodes = new ArrayList<>();
        List<byte[]> extra = new ArrayList<>();
        Map<String, String> quantized = new HashMap<>();
        Set<String> paramsWritten = new HashSet<>();
        for (OnnxGraph.Node n : graph.nodes) {
            Conv c = at.get(n);
            if (c == null) {
                if (!dropped.contains(n)) {
                    nodes.add(OnnxGraph.encode(n));
                }
                continue;
            }
            float[] in = params(ranges, c.input);
            float[] out = params(ranges, c.output);
            writeParams(c.input, in, paramsWritten, extra);
            writeParams(c.output, out, paramsWritten, extra);
            String xq = quantized.get(c.input);
            if (xq == null) {
                xq = c.input + "/sq";
                nodes.add(OnnxGraph.node("QuantizeLinear", xq, new String[] {c.input, scaleName(c.input),
                        zeroName(c.input)}, new String[] {xq}));
                quantized.put(c.input, xq);
            }
            int[] bias = new int[c.bias.length];
            double product = (double) in[0] * c.weightScale;
            for (int i = 0; i < bias.length; i++) {
                bias[i] = (int) Math.round(c.bias[i] / product);
            }
            String biasName = c.conv.name + "/sq_bias";
            extra.add(OnnxGraph.initializer(biasName, OnnxGraph.INT32, OnnxGraph.intBytes(bias), bias.length));
            String weightScale = c.conv.name + "/sq_wscale";
            extra.add(OnnxGraph.initializer(weightScale, OnnxGraph.FLOAT, OnnxGraph.floatBytes(c.weightScale)));
            String yq = c.output + "/sq";
            ProtoWriter conv = OnnxGraph.node("QLinearConv", c.conv.name + "/sq", new String[] {xq, scaleName(c.input),
                    zeroName(c.input), c.weights, weightScale, c.weightZero, scaleName(c.output),
                    zeroName(c.output), biasName}, new String[] {yq});
            for (byte[] a : c.conv.attributes) {
                conv.bytes(5, a);
            }
            nodes.add(conv);
            quantized.put(c.output, yq);
            if (needsFloat(c.output, dropped)) {
                nodes.add(OnnxGraph.node("DequantizeLinear", c.output + "/dq", new String[] {yq,
                        scaleName(c.output), zeroName(c.output)}, new String[] {c.output}));
            }
        }
        return graph.write(nodes, extra);
    }

    /** True if anything but a dropped node reads the tensor, or it is a graph output. */
    private boolean needsFloat(String tensor, Set<OnnxGraph.Node> dropped) {
        if (graph.outputs.contains(tensor) || alsoFloat.contains(tensor)) {
            return true;
        }
        for (OnnxGraph.Node r : graph.consumersOf(tensor)) {
            if (!dropped.contains(r)) {
                return true;
            }
        }
        return false;
    }

    private static float[] params(Map<String, float[]> ranges, String tensor) {
        float[] r = ranges.get(tensor);
        if (r == null) {
            throw new IllegalArgumentException("No range for " + tensor);
        }
        return params(r[0], r[1]);
    }

    private static void writeParams(String tensor, float[] p, Set<String> written, List<byte[]> extra) {
        if (written.add(tensor)) {
            extra.add(OnnxGraph.initializer(scaleName(tensor), OnnxGraph.FLOAT, OnnxGraph.floatBytes(p[0])));
            extra.add(OnnxGraph.initializer(zeroName(tensor), OnnxGraph.UINT8, new byte[] {(byte) p[1]}));
        }
    }

    private static String scaleName(String tensor) {
        return tensor + "/sq_scale";
    }

    private static String zeroName(String tensor) {
        return tensor + "/sq_zero";
    }
}
