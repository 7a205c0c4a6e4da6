package org.nnid.rewrite;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.nnid.net.Network;
import org.nnid.net.NetworkBuilder;
import org.nnid.scalar.Scalar;
import org.nnid.activation.Activation;

/**
 * A mutable working copy of a network, keyed by node id, on which moves act. Zero weights are
 * never stored (an edge of weight zero is no edge, docs/math.md §3), and every node knows its
 * successors, so that moves touch only what they change.
 */
public final class Graph {
    final Activation activation;
    final boolean outputActivation;
    final List<String> inputs;
    final Set<String> inputSet;
    /** Non-input nodes, in an order that {@link #toNetwork} keeps within each level. */
    final LinkedHashMap<String, Node> nodes = new LinkedHashMap<>();
    /** Output ids in output order (docs/math.md §1: outputs are labelled and ordered). */
    final List<String> outputOrder = new ArrayList<>();
    /** Successors of input nodes (non-input nodes keep theirs in {@link Node#out}). */
    final Map<String, LinkedHashSet<String>> inputOut = new HashMap<>();

    /** One non-input node: its bias and its incoming edges; outgoing edges as successor ids. */
    static final class Node {
        final String id;
        final boolean output;
        Scalar bias;
        final LinkedHashMap<String, Scalar> in = new LinkedHashMap<>();
        final LinkedHashSet<String> out = new LinkedHashSet<>();

        Node(String id, boolean output, Scalar bias) {
            this.id = id;
            this.output = output;
            this.bias = bias;
        }
    }

    private Graph(Activation activation, boolean outputActivation, List<String> inputs) {
        this.activation = activation;
        this.outputActivation = outputActivation;
        this.inputs = List.copyOf(inputs);
        this.inputSet = Set.copyOf(inputs);
        for (String x : inputs) {
            inputOut.put(x, new LinkedHashSet<>());
        }
    }

    public static Graph of(Network net) {
        Graph g = new Graph(net.activation(), net.outputActivation(), net.inputNames());
        for (int v = net.inputCount(); v < net.nodeCount(); v++) {
            g.nodes.put(net.id(v), new Node(net.id(v), net.isOutput(v), net.bias(v)));
        }
        g.outputOrder.addAll(net.outputIds());
        for (int v = net.inputCount(); v < net.nodeCount(); v++) {
            String to = net.id(v);
            net.incoming(v).forEach((src, w) -> g.setWeight(net.id(src), to, w));
        }
        return g;
    }

    /** The network this graph is; nodes keep their order within each level, outputs their order. */
    public Network toNetwork() {
        NetworkBuilder b = Network.builder(activation, inputs).outputActivation(outputActivation);
        for (Node n : nodes.values()) {
            if (!n.output) {
                b.hidden(n.id, n.bias, n.in);
            }
        }
        for (String id : outputOrder) {
            Node n = nodes.get(id);
            b.output(n.id, n.bias, n.in);
        }
        return b.build();
    }

    Node node(String id) {
        Node n = nodes.get(id);
        if (n == null) {
            throw new PreconditionException("no node '" + id + "'");
        }
        return n;
    }

    boolean isInput(String id) {
        return inputSet.contains(id);
    }

    boolean exists(String id) {
        return isInput(id) || nodes.containsKey(id);
    }

    Collection<String> successors(String id) {
        return isInput(id) ? inputOut.get(id) : node(id).out;
    }

    Scalar weight(String from, String to) {
        Scalar w = node(to).in.get(from);
        return w == null ? Scalar.ZERO : w;
    }

    /** Sets ω_{from→to}; a zero weight removes the edge. */
    void setWeight(String from, String to, Scalar w) {
        Node t = node(to);
        Collection<String> out = successors(from);
        if (isZero(w)) {
            t.in.remove(from);
            out.remove(to);
        } else {
            t.in.put(from, w);
            out.add(to);
        }
    }

    /** Removes a node and all its edges. */
    void remove(String id) {
        Node n = node(id);
        for (String src : new ArrayList<>(n.in.keySet())) {
            successors(src).remove(id);
        }
        for (String t : n.out) {
            nodes.get(t).in.remove(id);
        }
        nodes.remove(id);
    }

    static boolean isZero(Scalar s) {
        return s.isStructuralZero();
    }

    /** Levels (docs/math.md §1) over the current edges; a node without incoming edges has level 1. */
    Map<String, Integer> levels() {
        Map<String, Integer> level = new HashMap<>();
        for (String x : inputs) {
            level.put(x, 0);
        }
        // Nodes are not kept in topological order after moves, so resolve recursively with a stack.
        for (String id : nodes.keySet()) {
            levelOf(id, level);
        }
        return level;
    }

    private int levelOf(String start, Map<String, Integer> level) {
        Integer known = level.get(start);
        if (known != null) {
            return known;
        }
        ArrayList<String> stack = new ArrayList<>();
        stack.add(start);
        while (!stack.isEmpty()) {
            String v = stack.get(stack.size() - 1);
            if (level.containsKey(v)) {
                stack.remove(stack.size() - 1);
                continue;
            }
            int max = 0;
            boolean ready = true;
            for (String src : nodes.get(v).in.keySet()) {
                Integer l = level.get(src);
                if (l == null) {
                    ready = false;
                    stack.add(src);
                } else {
                    max = Math.max(max, l);
                }
            }
            if (ready) {
                level.put(v, max + 1);
                stack.remove(stack.size() - 1);
            }
        }
        return level.get(start);
    }

    /** Renames hidden nodes (move M1) and reorders them by their new ids. */
    void rename(Map<String, String> renaming) {
        List<Node> old = new ArrayList<>(nodes.values());
        Map<String, String> full = new HashMap<>();
        for (Node n : old) {
            full.put(n.id, renaming.getOrDefault(n.id, n.id));
        }
        for (String x : inputs) {
            full.put(x, x);
        }
        nodes.clear();
        for (String x : inputs) {
            inputOut.get(x).clear();
        }
        List<Node> renamed = new ArrayList<>();
        for (Node n : old) {
            Node m = new Node(full.get(n.id), n.output, n.bias);
            n.in.forEach((src, w) -> m.in.put(full.get(src), w));
            renamed.add(m);
        }
        // Hidden nodes in natural order of their new ids, outputs after them in their own order.
        renamed.sort(Comparator.comparing((Node n) -> n.output).thenComparing(n -> n.output ? "" : n.id, NATURAL));
        for (Node n : renamed) {
            nodes.put(n.id, n);
        }
        for (Node n : renamed) {
            for (String src : n.in.keySet()) {
                successors(src).add(n.id);
            }
        }
    }

    /** Orders "h2_10" after "h2_9": digit runs compare as numbers. */
    static final Comparator<String> NATURAL = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int si = i;
                int sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && Character.isDigit(b.charAt(j))) {
                    j++;
                }
                int c = new java.math.BigInteger(a.substring(si, i)).compareTo(new java.math.BigInteger(b.substring(sj, j)));
                if (c != 0) {
                    return c;
                }
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    };
}
