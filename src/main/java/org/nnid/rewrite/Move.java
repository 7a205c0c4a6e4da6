package org.nnid.rewrite;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.nnid.scalar.Scalar;
import org.nnid.scalar.ScalarFormatException;
import org.nnid.theory.Incoming;
import org.nnid.theory.SymmetryElement;

/**
 * The function-preserving moves of docs/math.md §3, as named immutable values. Each checks its own
 * precondition and applies itself to a {@link Graph}; a certificate is a list of them. The
 * algebra of each move is one line of docs/math.md §3, computed by {@link MoveArithmetic} (which
 * the fast path for layered doubles computes by too), its closeness by {@link Tolerance}: with
 * those, this file is all the code a replay trusts.
 */
public sealed interface Move {

    /** The move's name in certificates. */
    String name();

    /**
     * Applies the move.
     *
     * @throws PreconditionException if the precondition does not hold (nothing is changed then)
     */
    void apply(Graph g, Rules rules);

    /** M1: relabel hidden nodes (a bijection of hidden ids onto fresh or freed ids). */
    record Permute(Map<String, String> renaming) implements Move {
        public Permute {
            renaming = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(renaming));
        }

        @Override
        public String name() {
            return "permute";
        }

        @Override
        public void apply(Graph g, Rules rules) {
            Set<String> targets = new HashSet<>();
            for (Map.Entry<String, String> e : renaming.entrySet()) {
                Graph.Node n = g.nodes.get(e.getKey());
                if (n == null || n.output) {
                    throw new PreconditionException("permute: '" + e.getKey() + "' is not a hidden node");
                }
                if (!targets.add(e.getValue())) {
                    throw new PreconditionException("permute: two nodes renamed to '" + e.getValue() + "'");
                }
            }
            for (String t : targets) {
                if (g.isInput(t) || (g.nodes.containsKey(t) && !renaming.containsKey(t))) {
                    throw new PreconditionException("permute: '" + t + "' is already taken");
                }
            }
            g.rename(renaming);
        }
    }

    /**
     * M2: apply s = (a,b,c,d) ∈ S_ρ at hidden node v: ω_uv ← a·ω_uv, θ_v ← a·θ_v + b; then for each
     * successor t: ω_vt ← ω_vt / c and θ_t ← θ_t − ω_vt·d/c (old ω_vt).
     */
    record ApplySymmetry(String node, SymmetryElement element) implements Move {
        @Override
        public String name() {
            return "symmetry";
        }

        @Override
        public void apply(Graph g, Rules rules) {
            Graph.Node v = hidden(g, node, name());
            if (!rules.inGroup().test(element)) {
                throw new PreconditionException("symmetry at '" + node + "': " + element + " is not in the symmetry group of "
                        + rules.activation().name());
            }
            Map<String, Scalar> in = new LinkedHashMap<>();
            Map<String, Scalar> out = new LinkedHashMap<>();
            Map<String, Scalar> succBias = new LinkedHashMap<>();
            Scalar bias = representable(name() + " at '" + node + "'", () -> {
                v.in.forEach((src, w) -> in.put(src, MoveArithmetic.incomingWeight(element.a(), w)));
                for (String t : v.out) {
                    Graph.Node succ = g.nodes.get(t);
                    Scalar old = succ.in.get(node);
                    out.put(t, MoveArithmetic.outgoingWeight(old, element.c()));
                    succBias.put(t, MoveArithmetic.successorBias(succ.bias, old, element.c(), element.d()));
                }
                return MoveArithmetic.incomingBias(element, v.bias);
            });
            in.forEach((src, w) -> g.setWeight(src, node, w));
            v.bias = bias;
            out.forEach((t, w) -> g.setWeight(node, t, w));
            succBias.forEach((t, b) -> g.nodes.get(t).bias = b);
        }
    }

    /** R1: hidden node v has no incoming edge; delete it and add ω_vt·ρ(θ_v) to each successor's bias. */
    record FoldConstant(String node) implements Move {
        @Override
        public String name() {
            return "fold_constant";
        }

        @Override
        public void apply(Graph g, Rules rules) {
            Graph.Node v = hidden(g, node, name());
            if (!v.in.isEmpty()) {
                throw new PreconditionException("fold_constant: '" + node + "' has incoming edges");
            }
            Map<String, Scalar> succBias = new LinkedHashMap<>();
            representable(name() + " at '" + node + "'", () -> {
                Scalar value = rules.valueAt(v.bias);
                for (String t : v.out) {
                    Graph.Node succ = g.nodes.get(t);
                    succBias.put(t, MoveArithmetic.foldedBias(succ.bias, succ.in.get(node), value));
                }
                return value;
            });
            succBias.forEach((t, b) -> g.nodes.get(t).bias = b);
            g.remove(node);
        }
    }

    /** R2: hidden node v has no outgoing edge; delete it and its incoming edges. */
    record DeleteDead(String node) implements Move {
        @Override
        public String name() {
            return "delete_dead";
        }

        @Override
        public void apply(Graph g, Rules rules) {
            Graph.Node v = hidden(g, node, name());
            if (!v.out.isEmpty()) {
                throw new PreconditionException("delete_dead: '" + node + "' feeds " + v.out.iterator().next());
            }
            g.remove(node);
        }
    }

    /**
     * R3: v' ({@code remove}) and v ({@code keep}) have the same predecessors and
     * (ω_·v', θ_v') = (a·ω_·v, a·θ_v + b) for s = (a,b,c,d) ∈ S_ρ, so h_v' = c·h_v + d. Delete v';
     * ω_vt += c·ω_v't and θ_t += d·ω_v't. With a positive {@code tolerance} (double networks only)
     * the equation need hold only within it, entry by entry relative to max(|x|, |y|): the
     * function is then preserved within that tolerance, not exactly.
     */
    record MergeClones(String keep, String remove, SymmetryElement element, double tolerance) implements Move {
        public MergeClones(String keep, String remove, SymmetryElement element) {
            this(keep, remove, element, 0.0);
        }

        public MergeClones {
            if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
                throw new IllegalArgumentException("merge_clones: tolerance must be a finite number >= 0");
            }
        }

        @Override
        public String name() {
            return "merge_clones";
        }

        @Override
        public void apply(Graph g, Rules rules) {
            Graph.Node v = hidden(g, keep, name());
            Graph.Node w = hidden(g, remove, name());
            if (keep.equals(remove)) {
                throw new PreconditionException("merge_clones: a node cannot be merged into itself");
            }
            if (!v.in.keySet().equals(w.in.keySet())) {
                throw new PreconditionException("merge_clones: '" + keep + "' and '" + remove
                        + "' have different predecessors");
            }
            List<Scalar> wv = new ArrayList<>();
            List<Scalar> ww = new ArrayList<>();
            for (String src : v.in.keySet()) {
                wv.add(v.in.get(src));
                ww.add(w.in.get(src));
            }
            Incoming expected = element.apply(new Incoming(wv, v.bias));
            Incoming found = new Incoming(ww, w.bias);
            if (!(tolerance == 0 ? expected.sameValues(found) : Tolerance.close(expected, found, tolerance))) {
                throw new PreconditionException("merge_clones: '" + remove + "' is not " + element + " applied to '" + keep
                        + "'" + (tolerance == 0 ? "" : " within tolerance " + tolerance) + ": expected " + expected
                        + ", found " + found);
            }
            if (!rules.inGroup().test(element)) {
                throw new PreconditionException("merge_clones: " + element + " is not in the symmetry group of "
                        + rules.activation().name());
            }
            Map<String, Scalar> out = new LinkedHashMap<>();
            Map<String, Scalar> succBias = new LinkedHashMap<>();
            representable(name() + " of '" + remove + "' into '" + keep + "'", () -> {
                for (String t : w.out) {
                    Graph.Node succ = g.nodes.get(t);
                    Scalar x = succ.in.get(remove);
                    out.put(t, MoveArithmetic.mergedWeight(g.weight(keep, t), element.c(), x));
                    succBias.put(t, MoveArithmetic.mergedBias(succ.bias, element.d(), x));
                }
                return null;
            });
            out.forEach((t, x) -> g.setWeight(keep, t, x));
            succBias.forEach((t, b) -> g.nodes.get(t).bias = b);
            g.remove(remove);
        }
    }

    /**
     * Computes a move's new values before any is written, so that a move either applies whole or
     * not at all: a value that is not a finite double (an overflow, ρ(θ) = ∞) or a division by
     * zero is a failed precondition, and the graph is unchanged.
     */
    private static <T> T representable(String what, java.util.function.Supplier<T> values) {
        try {
            return values.get();
        } catch (ScalarFormatException | ArithmeticException e) {
            throw new PreconditionException(what + ": a new value is not a finite number (" + e.getMessage() + ")");
        }
    }

    private static Graph.Node hidden(Graph g, String id, String move) {
        Graph.Node n = g.nodes.get(id);
        if (n == null) {
            throw new PreconditionException(move + ": no hidden node '" + id + "'");
        }
        if (n.output) {
            throw new PreconditionException(move + ": '" + id + "' is an output node");
        }
        return n;
    }
}
