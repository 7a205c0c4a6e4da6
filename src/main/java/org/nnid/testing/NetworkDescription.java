package org.nnid.testing;

import java.util.List;
import java.util.stream.Collectors;

import org.nnid.io.NetworkJson;
import org.nnid.net.Network;
import org.nnid.symbolic.NetworkExpressions;

/**
 * A network as a person reads it in a failed property: its shape, one formula per output, and its
 * weights as an nnid-network/1 document (save it as {@code net.json} and every nnid command reads it).
 */
public final class NetworkDescription {
    /** Formulas longer than this are cut: a counterexample that large is read from its weights. */
    private static final int MAX_FORMULA = 2_000;

    private NetworkDescription() {}

    /** Several lines, each after the first indented by {@code indent}. */
    public static String of(Network net, String indent) {
        StringBuilder s = new StringBuilder(summary(net));
        try {
            List<String> outs = NetworkExpressions.toSymja(net);
            for (int k = 0; k < outs.size(); k++) {
                String f = outs.get(k);
                if (f.length() > MAX_FORMULA) {
                    f = f.substring(0, MAX_FORMULA) + " … (" + f.length() + " characters)";
                }
                s.append('\n').append(indent).append(net.id(net.outputNode(k))).append(" = ").append(f);
            }
        } catch (IllegalArgumentException e) {
            s.append('\n').append(indent).append("(no formula: ").append(e.getMessage()).append(')');
        }
        s.append('\n').append(indent).append("weights: ")
                .append(NetworkJson.write(net).strip().replace("\n", "\n" + indent + "  "));
        return s.toString();
    }

    /** "tanh network, 2 inputs (x1, x2), 1 output, hidden widths [2, 1], exact weights". */
    static String summary(Network net) {
        List<Integer> widths = hiddenWidths(net);
        return net.activation().name() + " network, " + net.inputCount() + " input" + plural(net.inputCount())
                + " (" + String.join(", ", net.inputNames()) + "), " + net.outputCount() + " output"
                + plural(net.outputCount()) + ", " + (net.asLayers().isPresent() ? "layered, hidden widths "
                        : "general graph, hidden nodes per level ")
                + widths.stream().map(String::valueOf).collect(Collectors.joining(", ", "(", ")"))
                + (net.isExact() ? ", exact weights" : ", double weights")
                + (net.outputActivation() ? ", activation on the outputs" : "");
    }

    private static List<Integer> hiddenWidths(Network net) {
        return net.asLayers().map(ls -> ls.subList(0, ls.size() - 1).stream().map(l -> l.rows()).toList())
                .orElseGet(() -> {
                    int[] level = net.levels();
                    int top = 0;
                    for (int v = 0; v < net.nodeCount(); v++) {
                        top = net.isHidden(v) ? Math.max(top, level[v]) : top;
                    }
                    Integer[] count = new Integer[top];
                    java.util.Arrays.fill(count, 0);
                    for (int v = 0; v < net.nodeCount(); v++) {
                        if (net.isHidden(v)) {
                            count[level[v] - 1]++;
                        }
                    }
                    return List.of(count);
                });
    }

    private static String plural(int n) {
        return n == 1 ? "" : "s";
    }
}
