package org.nnid.testing;

import org.nnid.net.Network;
import org.nnid.nulls.NetworkSum;
import org.nnid.rewrite.Graph;
import org.nnid.rewrite.Move;
import org.nnid.rewrite.PreconditionException;
import org.nnid.rewrite.Rules;
import org.nnid.scalar.Scalar;
import org.nnid.theory.NullFreeness;
import org.nnid.theory.SymmetryElement;
import org.nnid.theory.Theory;

/**
 * Edits for building conjectures' test cases by hand: a symmetry applied at a chosen node (the
 * same function), a null network added to an output (the same function when it is one), one
 * parameter moved (a different network, usually a different function). Node ids are those of the
 * network's file (x1.., h1_1.., y1.. for layered networks).
 */
public final class NetworkEdits {
    private NetworkEdits() {}

    /**
     * Move M2 (docs/math.md §3): the element s = (a, b, c, d) of the symmetry group of the network's
     * nonlinearity applied at hidden node {@code node}, written as four exact values, e.g.
     * {@code "-1,0,-1,0"} (the tanh sign flip) or {@code "1,2*Pi,1,0"} (a period of sin).
     *
     * @throws IllegalArgumentException if the text is not four exact values, the element is not in
     *                                  the group (as the built-in theory states it), or the node is
     *                                  not a hidden node
     */
    public static Network applySymmetry(Network net, String node, String element) {
        String[] parts = element.split(",");
        if (parts.length != 4) {
            throw new IllegalArgumentException("a symmetry element is four exact values a,b,c,d, found '" + element + "'");
        }
        return applySymmetry(net, node, SymmetryElement.parse(parts[0].strip(), parts[1].strip(), parts[2].strip(),
                parts[3].strip()));
    }

    /** As {@link #applySymmetry(Network, String, String)}, with the element given. */
    public static Network applySymmetry(Network net, String node, SymmetryElement element) {
        Theory theory = NetworkAssertions.theoryOf(net);
        Graph g = Graph.of(net);
        try {
            new Move.ApplySymmetry(node, element).apply(g, Rules.of(theory));
        } catch (PreconditionException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return g.toNetwork();
    }

    /**
     * The network with the first null network its theory lists (theories/null/, proved ≡ 0) added
     * to output {@code output}: the same function, more units.
     *
     * @throws IllegalArgumentException if the nonlinearity has no listed null network
     */
    public static Network addNullNetwork(Network net, String output) {
        NullFreeness nf = NetworkAssertions.theoryOf(net).nullFreeness();
        if (nf.nullNetworks().isEmpty()) {
            throw new IllegalArgumentException(net.activation().name() + " has no listed null network ("
                    + nf.status().word() + ")");
        }
        return addNetwork(net, nf.nullNetworks().get(0).network(), output);
    }

    /**
     * {@code net} with the single-output network {@code added} (same activation) summed into output
     * {@code output} ({@link NetworkSum#add}: its input j reads net's input j mod n, its hidden nodes
     * join as {@code add_<id>}). The function changes by exactly ⟨added⟩, so by nothing when
     * {@code added} is a null network.
     */
    public static Network addNetwork(Network net, Network added, String output) {
        return NetworkSum.add(net, added, output, Scalar.ONE);
    }

    /**
     * The network with the weight of the edge {@code source} → {@code node} increased by {@code delta}
     * (an absent edge has weight 0 and is added; {@code source} must be evaluated before {@code node}).
     */
    public static Network perturbWeight(Network net, String node, String source, Scalar delta) {
        int v = nodeIndex(net, node);
        int u = nodeIndex(net, source);
        if (u >= v) {
            // nodes are numbered in evaluation order: an edge from a later node would make a cycle
            throw new IllegalArgumentException("'" + source + "' is not evaluated before '" + node + "': no edge can join them");
        }
        Scalar w = net.incoming(v).getOrDefault(u, Scalar.ZERO);
        return NetworkShrinks.withWeight(net, v, u, w.add(delta));
    }

    /** The network with the bias of {@code node} increased by {@code delta}. */
    public static Network perturbBias(Network net, String node, Scalar delta) {
        int v = nodeIndex(net, node);
        if (net.isInput(v)) {
            throw new IllegalArgumentException("'" + node + "' is an input: it has no bias");
        }
        return NetworkShrinks.withBias(net, v, net.bias(v).add(delta));
    }

    private static int nodeIndex(Network net, String id) {
        int v = net.indexOf(id);
        if (v < 0) {
            throw new IllegalArgumentException("no node '" + id + "' in the network");
        }
        return v;
    }
}
