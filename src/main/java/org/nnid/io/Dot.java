package org.nnid.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.nnid.net.Block;
import org.nnid.net.Network;
import org.nnid.scalar.DoubleScalar;
import org.nnid.scalar.Rational;
import org.nnid.scalar.Scalar;

/**
 * A Graphviz DOT picture of a network's graph (docs/math.md §1), left to right: the inputs, then one
 * rank per level, then the outputs. Nodes show their id and bias, edges their weight; negative
 * weights are red and dashed. The text depends only on the network, so it can be compared in
 * tests and diffs.
 *
 * <p>Networks with more than {@value #MAX_NODES} nodes are drawn one box per block (a layer of a
 * layered network) with one edge per block-to-block connection, since a drawing of every node
 * would be unreadable and slow to lay out.
 */
public final class Dot {
    /** Above this many nodes (inputs included) blocks are drawn instead of nodes. */
    public static final int MAX_NODES = 300;

    private Dot() {}

    public static String toDot(Network net) {
        return net.nodeCount() > MAX_NODES ? collapsed(net) : detailed(net);
    }

    private static String detailed(Network net) {
        StringBuilder b = header(net);
        int[] level = net.levels();
        b.append("  { rank=source;");
        for (int i = 0; i < net.inputCount(); i++) {
            b.append(' ').append(quote(net.id(i))).append(" [shape=box, label=").append(quote(net.id(i))).append("];");
        }
        b.append(" }\n");
        TreeMap<Integer, List<Integer>> hiddenByLevel = new TreeMap<>();
        List<Integer> outputs = new ArrayList<>();
        for (int v = net.inputCount(); v < net.nodeCount(); v++) {
            if (net.isOutput(v)) {
                outputs.add(v);
            } else {
                hiddenByLevel.computeIfAbsent(level[v], k -> new ArrayList<>()).add(v);
            }
        }
        for (Map.Entry<Integer, List<Integer>> e : hiddenByLevel.entrySet()) {
            b.append("  // level ").append(e.getKey()).append('\n');
            b.append("  { rank=same;");
            for (int v : e.getValue()) {
                b.append(' ').append(nodeStatement(net, v, "ellipse"));
            }
            b.append(" }\n");
        }
        b.append("  { rank=sink;");
        for (int v : outputs) {
            b.append(' ').append(nodeStatement(net, v, "doublecircle"));
        }
        b.append(" }\n");
        for (int v = net.inputCount(); v < net.nodeCount(); v++) {
            for (Map.Entry<Integer, Scalar> e : net.incoming(v).entrySet()) {
                Scalar w = e.getValue();
                b.append("  ").append(quote(net.id(e.getKey()))).append(" -> ").append(quote(net.id(v)))
                        .append(" [label=").append(quote(label(w)));
                if (isNegative(w)) {
                    b.append(", color=red, fontcolor=red, style=dashed");
                }
                b.append("];\n");
            }
        }
        return b.append("}\n").toString();
    }

    private static String nodeStatement(Network net, int v, String shape) {
        return quote(net.id(v)) + " [shape=" + shape + ", label=" + quote(net.id(v) + "\nb=" + label(net.bias(v))) + "];";
    }

    /**
     * One box per block and one edge per pair of connected blocks, labelled with the number of
     * nonzero weights; all inputs share one box.
     */
    private static String collapsed(Network net) {
        StringBuilder b = header(net);
        b.append("  // ").append(net.nodeCount()).append(" nodes (more than ").append(MAX_NODES)
                .append("): each block is drawn as one box, with one edge per block-to-block connection\n");
        b.append("  { rank=source; \"inputs\" [shape=box, label=")
                .append(quote("inputs\n" + net.inputCount() + " nodes")).append("]; }\n");
        List<Block> blocks = net.blocks();
        for (int k = 0; k < blocks.size(); k++) {
            Block bl = blocks.get(k);
            String range = net.id(bl.start()) + (bl.size() > 1 ? " .. " + net.id(bl.start() + bl.size() - 1) : "");
            String kind = bl.output() ? "output" : "hidden";
            b.append("  ").append(quote(blockName(k))).append(" [shape=box, ")
                    .append(bl.output() ? "peripheries=2, " : "")
                    .append("label=").append(quote(range + "\n" + bl.size() + " " + kind + " nodes")).append("];\n");
        }
        int[] starts = blocks.stream().mapToInt(Block::start).toArray();
        for (int k = 0; k < blocks.size(); k++) {
            Block bl = blocks.get(k);
            // source block index (-1 for the inputs) -> number of nonzero weights
            TreeMap<Integer, Long> edges = new TreeMap<>();
            for (int j = 0; j < bl.width(); j++) {
                int src = bl.source(j);
                int from = net.isInput(src) ? -1 : blockIndex(starts, src);
                for (int r = 0; r < bl.size(); r++) {
                    if (!bl.weights().isZero(r * bl.width() + j)) {
                        edges.merge(from, 1L, Long::sum);
                    }
                }
            }
            for (Map.Entry<Integer, Long> e : edges.entrySet()) {
                String from = e.getKey() < 0 ? "inputs" : blockName(e.getKey());
                b.append("  ").append(quote(from)).append(" -> ").append(quote(blockName(k)))
                        .append(" [label=").append(quote(e.getValue() + (e.getValue() == 1 ? " weight" : " weights")))
                        .append("];\n");
            }
        }
        return b.append("}\n").toString();
    }

    /** The index of the block holding a node, from the ascending block starts. */
    private static int blockIndex(int[] starts, int node) {
        int i = Arrays.binarySearch(starts, node);
        return i >= 0 ? i : -i - 2;
    }

    private static String blockName(int k) {
        return "block" + (k + 1);
    }

    private static StringBuilder header(Network net) {
        StringBuilder b = new StringBuilder("digraph network {\n");
        b.append("  // activation: ").append(net.activation().name());
        net.activation().parameters().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(p -> b.append(", ").append(p.getKey()).append('=').append(p.getValue()));
        b.append(net.outputActivation() ? "; also applied at the outputs" : "").append('\n');
        b.append("  rankdir=LR;\n");
        b.append("  node [fontname=\"Helvetica\"]; edge [fontname=\"Helvetica\", fontsize=10];\n");
        return b;
    }

    /** Exact numbers as their exact text; doubles to four significant digits. */
    private static String label(Scalar s) {
        return s instanceof DoubleScalar d ? String.format(Locale.ROOT, "%.4g", d.value()) : s.toText();
    }

    /** Sign without Symja: constants carry a 50-digit enclosure from when they were made. */
    private static boolean isNegative(Scalar s) {
        if (s instanceof DoubleScalar d) {
            return d.value() < 0;
        }
        if (s instanceof Rational r) {
            return r.signum() < 0;
        }
        return s.enclosure().hi() < 0;
    }

    /** A DOT double-quoted string; newlines become DOT's centred line breaks. */
    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
}
