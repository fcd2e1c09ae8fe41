package app.cutout.core.onnx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Two rewrites of the 8-bit model that keep its arithmetic, for timing against the shipped file in ONNX Runtime
 * Web's WASM build ({@code bench/src/wasm-probe.mjs}; with {@code --masks} on photos' inputs it shows the output is
 * bit for bit the same):
 * <ul>
 * <li>{@code prune IN OUT}: only the graph output {@code output} kept, with the nodes it needs (the five side
 *     outputs' convolutions, resizes to 1024² and sigmoids go; imgly's file lists all twelve tensors as outputs);
 * <li>{@code dequantize IN OUT}: each {@code ConvInteger → Cast → Mul(scale)} becomes {@code ConvInteger →
 *     DequantizeLinear(int32, scale)}, one pass over the int32 product instead of two ({@code float(x) * s} either
 *     way).
 * </ul>
 * Results and the decision are in bench/README.md ("Rewrites that keep the arithmetic").
 */
final class ModelRewriteProbe {
    private ModelRewriteProbe() {
    }

    public static void main(String[] args) throws Exception {
        OnnxGraph g = new OnnxGraph(Files.readAllBytes(Path.of(args[1])));
        byte[] out;
        if ("prune".equals(args[0])) {
            out = g.prefix(List.of("output"));
        } else if ("dequantize".equals(args[0])) {
            out = dequantize(g);
        } else {
            throw new IllegalArgumentException("prune or dequantize, not " + args[0]);
        }
        Files.write(Path.of(args[2]), out);
        System.out.println(args[0] + ": " + g.nodes.size() + " nodes → " + new OnnxGraph(out).nodes.size());
    }

    static byte[] dequantize(OnnxGraph g) {
        Set<OnnxGraph.Node> dropped = new HashSet<>();
        Map<OnnxGraph.Node, ProtoWriter> replaced = new HashMap<>();
        for (OnnxGraph.Node conv : g.nodes) {
            if (!conv.op.equals("ConvInteger")) {
                continue;
            }
            List<OnnxGraph.Node> next = g.consumersOf(conv.outputs.get(0));
            if (next.size() != 1 || !next.get(0).op.equals("Cast")) {
                continue;
            }
            OnnxGraph.Node cast = next.get(0);
            List<OnnxGraph.Node> after = g.consumersOf(cast.outputs.get(0));
            if (after.size() != 1 || !after.get(0).op.equals("Mul")) {
                continue;
            }
            OnnxGraph.Node mul = after.get(0);
            String scale = mul.input(0).equals(cast.outputs.get(0)) ? mul.input(1) : mul.input(0);
            dropped.add(cast);
            replaced.put(mul, OnnxGraph.node("DequantizeLinear", mul.name + "_dequantize",
                    new String[] {conv.outputs.get(0), scale}, new String[] {mul.outputs.get(0)}));
        }
        List<ProtoWriter> nodes = new ArrayList<>();
        for (OnnxGraph.Node n : g.nodes) {
            if (!dropped.contains(n)) {
                nodes.add(replaced.containsKey(n) ? replaced.get(n) : OnnxGraph.encode(n));
            }
        }
        return g.write(nodes, List.of());
    }
}
