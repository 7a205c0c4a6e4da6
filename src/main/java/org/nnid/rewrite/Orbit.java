package org.nnid.rewrite;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.nnid.net.Layer;
import org.nnid.net.Network;
import org.nnid.scalar.DoubleScalar;
import org.nnid.scalar.Scalar;
import org.nnid.theory.SymmetryElement;
import org.nnid.theory.SymmetryGroup;
import org.nnid.theory.Theory;

/**
 * Networks with the same function as a given one: random elements of its orbit under the moves
 * of docs/math.md §3 and their inverses, and the size of the same-layout symmetry orbit (§4.2).
 */
public final class Orbit {
    private Orbit() {}

    /**
     * A random network with the same function: symmetries at random hidden nodes (M2), a random
     * relabelling (M1), clone splits with shares (1−t, t), and added dead and constant nodes (the
     * inverses of R3, R2, R1). Exact networks stay exact and keep their function exactly.
     */
    public static Network sample(Network net, Theory theory, Random random) {
        Rules rules = Rules.of(theory);
        Graph g = Graph.of(net);
        boolean exact = net.isExact();
        List<String> hidden = hiddenIds(g);
        for (String v : hidden) {
            if (random.nextInt(3) != 0) {
                new Move.ApplySymmetry(v, theory.group().randomElement(random)).apply(g, rules);
            }
        }
        int splits = hidden.isEmpty() ? 0 : random.nextInt(Math.min(3, hidden.size()) + 1);
        for (int i = 0; i < splits; i++) {
            String v = hidden.get(random.nextInt(hidden.size()));
            Scalar share = smallNonzero(random, 4, 4, exact);
            String id = "s" + i;
            overflowNamed("a clone split of '" + v + "' (outgoing weights times " + share.toText() + ")",
                    () -> splitClone(g, v, share, id));
        }
        if (random.nextBoolean()) {
            overflowNamed("an added dead unit", () -> addDead(g, random, exact, "dead"));
        }
        if (random.nextBoolean()) {
            overflowNamed("an added constant unit", () -> addConstant(g, rules, random, exact, "const"));
        }
        List<String> ids = hiddenIds(g);
        List<String> shuffled = new ArrayList<>(ids);
        Collections.shuffle(shuffled, random);
        Map<String, String> renaming = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            renaming.put(ids.get(i), "n" + shuffled.get(i)); // fresh names: a relabelling, not a merge
        }
        new Move.Permute(renaming).apply(g, rules);
        return g.toNetwork();
    }

    /** Runs a move; a value it pushes past the double range is a precondition failure naming the move. */
    private static void overflowNamed(String move, Runnable apply) {
        try {
            apply.run();
        } catch (ArithmeticException | IllegalArgumentException e) {
            throw new PreconditionException(move + ": a new value is not a finite number (" + e.getMessage() + ")");
        }
    }

    private static List<String> hiddenIds(Graph g) {
        List<String> ids = new ArrayList<>();
        for (Graph.Node n : g.nodes.values()) {
            if (!n.output) {
                ids.add(n.id);
            }
        }
        return ids;
    }

    /** A nonzero small rational p/q (|p| ≤ maxP, 1 ≤ q ≤ maxQ), as a double for double networks. */
    private static Scalar smallNonzero(Random random, int maxP, int maxQ, boolean exact) {
        int p = random.nextInt(2 * maxP + 1) - maxP;
        int q = 1 + random.nextInt(maxQ);
        p = p == 0 ? 1 : p;
        return exact ? Scalar.of(p, q) : Scalar.of((double) p / q);
    }

    /** The inverse of R3: v's outgoing weights ω split as (1−t)·ω on v and t·ω on a new clone. */
    static void splitClone(Graph g, String v, Scalar t, String suffix) {
        Graph.Node node = g.node(v);
        String id = fresh(g, v + "_" + suffix);
        Graph.Node copy = new Graph.Node(id, false, node.bias);
        g.nodes.put(id, copy);
        node.in.forEach((src, w) -> g.setWeight(src, id, w));
        for (String succ : new ArrayList<>(node.out)) {
            Scalar w = g.weight(v, succ);
            g.setWeight(id, succ, w.multiply(t));
            g.setWeight(v, succ, w.multiply(Scalar.ONE.subtract(t)));
        }
    }

    /** The inverse of R2: a node with incoming edges and no outgoing ones. */
    static void addDead(Graph g, Random random, boolean exact, String name) {
        String id = fresh(g, name);
        g.nodes.put(id, new Graph.Node(id, false, smallNonzero(random, 3, 3, exact)));
        for (String x : g.inputs) {
            if (random.nextBoolean() || x.equals(g.inputs.get(0))) {
                g.setWeight(x, id, smallNonzero(random, 3, 3, exact));
            }
        }
    }

    /** The inverse of R1: a node without inputs feeding an output, whose bias pays for it. */
    static void addConstant(Graph g, Rules rules, Random random, boolean exact, String name) {
        String id = fresh(g, name);
        Scalar theta = smallNonzero(random, 3, 3, exact);
        g.nodes.put(id, new Graph.Node(id, false, theta));
        List<Graph.Node> outputs = g.nodes.values().stream().filter(n -> n.output).toList();
        Graph.Node out = outputs.get(random.nextInt(outputs.size()));
        Scalar u = smallNonzero(random, 3, 3, exact);
        g.setWeight(id, out.id, u);
        out.bias = out.bias.subtract(u.multiply(rules.valueAt(theta)));
    }

    private static String fresh(Graph g, String base) {
        String id = base;
        for (int i = 2; g.exists(id); i++) {
            id = base + "_" + i;
        }
        return id;
    }

    /**
     * The number of parameter vectors of the same layered layout that a reduced network's
     * symmetries produce: ∏ D_ℓ! · |S_ρ|^H for a finite group (docs/math.md §4.2, [reconstructed]),
     * where D_ℓ are the hidden widths and H their sum. Empty when the group is infinite (a
     * parametric family: then the orbit is a continuum or countably infinite).
     *
     * @throws IllegalArgumentException if the network is not layered
     */
    public static Optional<BigInteger> sameLayoutCount(Network reduced, SymmetryGroup group) {
        List<Integer> widths = layeredWidths(reduced);
        if (!group.families().isEmpty()) {
            return Optional.empty();
        }
        long groupSize = 1 + group.elements().stream().filter(e -> !e.isIdentity()).count();
        BigInteger count = BigInteger.ONE;
        for (int d : widths) {
            for (int k = 2; k <= d; k++) {
                count = count.multiply(BigInteger.valueOf(k));
            }
            count = count.multiply(BigInteger.valueOf(groupSize).pow(d));
        }
        return Optional.of(count);
    }

    /**
     * The hidden widths D_1, D_2, … of a network whose graph is layered, whatever form its file
     * uses: every edge goes from one level to the next and every output is on the last level.
     *
     * @throws IllegalArgumentException if the graph is not layered
     */
    public static List<Integer> layeredWidths(Network net) {
        int[] level = net.levels();
        int top = 0;
        for (int k = 0; k < net.outputCount(); k++) {
            top = Math.max(top, level[net.outputNode(k)]);
        }
        int[] width = new int[Math.max(top, 1)];
        for (int v = net.inputCount(); v < net.nodeCount(); v++) {
            for (int u : net.incoming(v).keySet()) {
                if (level[u] != level[v] - 1) {
                    throw new IllegalArgumentException("the orbit count is defined for layered networks (the same"
                            + " layout): the edge " + net.id(u) + " -> " + net.id(v) + " skips a level");
                }
            }
            if (net.isOutput(v) && level[v] != top) {
                throw new IllegalArgumentException("the orbit count is defined for layered networks: output "
                        + net.id(v) + " is not on the last level");
            }
            if (net.isHidden(v)) {
                width[level[v] - 1]++;
            }
        }
        List<Integer> out = new java.util.ArrayList<>();
        for (int l = 0; l < top - 1; l++) {
            out.add(width[l]);
        }
        return out;
    }

}
