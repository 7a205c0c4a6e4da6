package org.nnid.rewrite;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nnid.net.Network;
import org.nnid.scalar.Scalar;
import org.nnid.theory.Incoming;
import org.nnid.theory.NormalForm;
import org.nnid.theory.SymmetryElement;

/**
 * Reduction (R1–R3 to a fixpoint) and the canonical form of MATH.md §5. Every change is made by a
 * {@link Move} and recorded, so the result comes with its certificate.
 *
 * <p>Canonical form: reduce; then for level ℓ = 1, 2, …: bring every hidden node of the level into
 * the normal form NF_ρ (M2), merge nodes whose normalised incoming vectors are equal (R3), sort the
 * level by its normalised incoming vectors over the <em>canonical</em> order of the levels below,
 * and give its nodes canonical ids h&lt;ℓ&gt;_&lt;k&gt; (M1); repeat while merges happen. Sound for
 * every ρ; for null-free ρ equal functions give equal canonical forms (MATH.md §4).
 */
public final class Rewriter {
    private final Rules rules;
    private final NormalForm normalForm;
    private final Graph graph;
    private final List<Move> moves = new ArrayList<>();

    private Rewriter(Network net, Rules rules, NormalForm normalForm) {
        this.rules = rules;
        this.normalForm = normalForm;
        this.graph = Graph.of(net);
    }

    /** A reduced or canonical network and the moves that lead to it from the input. */
    public record Result(Network network, Certificate certificate) {}

    /** red(N): R1–R3 applied until none applies (MATH.md §3). */
    public static Result reduce(Network net, Rules rules, NormalForm normalForm) {
        Rewriter r = new Rewriter(net, rules, normalForm);
        r.reduceToFixpoint();
        Network out = r.graph.toNetwork();
        return new Result(out, Certificate.of(net, r.moves, out));
    }

    /** The canonical form (MATH.md §5) with its certificate. */
    public static Result canonicalise(Network net, Rules rules, NormalForm normalForm) {
        Rewriter r = new Rewriter(net, rules, normalForm);
        Map<String, String> canonicalIds;
        do {
            r.reduceToFixpoint();
            canonicalIds = new LinkedHashMap<>();
        } while (r.normaliseLevels(canonicalIds));
        r.renameCanonically(canonicalIds);
        Network out = r.graph.toNetwork();
        return new Result(out, Certificate.of(net, r.moves, out));
    }

    private void apply(Move m) {
        m.apply(graph, rules);
        moves.add(m);
    }

    private void reduceToFixpoint() {
        boolean changed = true;
        while (changed) {
            changed = foldAndDelete();
            changed |= mergeSymmetricClones();
        }
    }

    /** R1 and R2 until neither applies; true if anything changed. */
    private boolean foldAndDelete() {
        boolean any = false;
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Graph.Node n : new ArrayList<>(graph.nodes.values())) {
                if (n.output || !graph.nodes.containsKey(n.id)) {
                    continue;
                }
                if (n.out.isEmpty()) {
                    apply(new Move.DeleteDead(n.id));
                    changed = true;
                } else if (n.in.isEmpty()) {
                    apply(new Move.FoldConstant(n.id));
                    changed = true;
                }
            }
            any |= changed;
        }
        return any;
    }

    /**
     * R3 with any s ∈ S_ρ: nodes with the same predecessors whose incoming vectors have equal
     * normal forms are S-clones (NF is constant on orbits), with s = g'⁻¹·g where g, g' are the
     * elements that normalise them.
     */
    private boolean mergeSymmetricClones() {
        Map<List<String>, List<Graph.Node>> byPredecessors = new LinkedHashMap<>();
        for (Graph.Node n : graph.nodes.values()) {
            if (!n.output && !n.in.isEmpty()) {
                List<String> preds = new ArrayList<>(n.in.keySet());
                preds.sort(Comparator.naturalOrder());
                byPredecessors.computeIfAbsent(preds, k -> new ArrayList<>()).add(n);
            }
        }
        boolean merged = false;
        for (Map.Entry<List<String>, List<Graph.Node>> e : byPredecessors.entrySet()) {
            List<Graph.Node> group = e.getValue();
            if (group.size() < 2) {
                continue;
            }
            List<NormalForm.Result> nf = new ArrayList<>();
            for (Graph.Node n : group) {
                nf.add(normalForm.normalise(incoming(n, e.getKey())));
            }
            boolean[] gone = new boolean[group.size()];
            for (int i = 0; i < group.size(); i++) {
                for (int j = i + 1; j < group.size() && !gone[i]; j++) {
                    if (!gone[j] && nf.get(i).normal().sameValues(nf.get(j).normal())) {
                        // g_j·v_j = g_i·v_i  ⇒  v_j = (g_j⁻¹·g_i)·v_i
                        SymmetryElement s = nf.get(j).element().inverse().compose(nf.get(i).element());
                        apply(new Move.MergeClones(group.get(i).id, group.get(j).id, s));
                        gone[j] = true;
                        merged = true;
                    }
                }
            }
        }
        return merged;
    }

    private static Incoming incoming(Graph.Node n, List<String> order) {
        List<Scalar> w = new ArrayList<>(order.size());
        for (String src : order) {
            Scalar x = n.in.get(src);
            w.add(x == null ? Scalar.ZERO : x);
        }
        return new Incoming(w, n.bias);
    }

    /**
     * One pass of MATH.md §5 step 2 over all levels. Fills {@code canonicalIds} for hidden nodes;
     * returns true if a merge happened (then the caller reduces and starts again).
     */
    private boolean normaliseLevels(Map<String, String> canonicalIds) {
        Map<String, Integer> level = graph.levels();
        Map<String, Integer> rank = new HashMap<>();
        for (int i = 0; i < graph.inputs.size(); i++) {
            rank.put(graph.inputs.get(i), i);
        }
        int maxLevel = 0;
        for (Graph.Node n : graph.nodes.values()) {
            maxLevel = Math.max(maxLevel, level.get(n.id));
        }
        boolean merged = false;
        int nextRank = graph.inputs.size();
        for (int l = 1; l <= maxLevel; l++) {
            List<Graph.Node> nodes = new ArrayList<>();
            for (Graph.Node n : graph.nodes.values()) {
                if (!n.output && level.get(n.id) == l) {
                    nodes.add(n);
                }
            }
            List<Key> keys = new ArrayList<>();
            for (Graph.Node n : nodes) {
                List<String> order = new ArrayList<>(n.in.keySet());
                order.sort(Comparator.comparing(rank::get));
                NormalForm.Result nf = normalForm.normalise(incoming(n, order));
                if (!nf.element().isIdentity()) {
                    apply(new Move.ApplySymmetry(n.id, nf.element()));
                }
                keys.add(new Key(n.id, order, rank, graph.nodes.get(n.id)));
            }
            keys.sort(Key.ORDER);
            List<Key> kept = new ArrayList<>();
            for (Key k : keys) {
                Key last = kept.isEmpty() ? null : kept.get(kept.size() - 1);
                if (last != null && Key.ORDER.compare(last, k) == 0) {
                    apply(new Move.MergeClones(last.id, k.id, SymmetryElement.identity()));
                    merged = true;
                } else {
                    kept.add(k);
                }
            }
            for (int i = 0; i < kept.size(); i++) {
                rank.put(kept.get(i).id, nextRank++);
                canonicalIds.put(kept.get(i).id, "h" + l + "_" + (i + 1));
            }
        }
        return merged;
    }

    /** M1 to the canonical ids, avoiding clashes with input and output names by a prefix. */
    private void renameCanonically(Map<String, String> canonicalIds) {
        String prefix = "";
        boolean clash = true;
        while (clash) {
            clash = false;
            for (String id : canonicalIds.values()) {
                String c = prefix + id;
                Graph.Node n = graph.nodes.get(c);
                if (graph.isInput(c) || (n != null && n.output)) {
                    clash = true;
                }
            }
            if (clash) {
                prefix += "n";
            }
        }
        Map<String, String> renaming = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : canonicalIds.entrySet()) {
            if (!e.getKey().equals(prefix + e.getValue())) {
                renaming.put(e.getKey(), prefix + e.getValue());
            }
        }
        // Always record the final M1, even when empty, so that the node order is canonical too.
        apply(new Move.Permute(renaming));
    }

    /** A hidden node's incoming vector over the canonical ranks of its predecessors, then its bias. */
    private record Key(String id, int[] ranks, Scalar[] weights, Scalar bias) {
        Key(String id, List<String> order, Map<String, Integer> rank, Graph.Node n) {
            this(id, order.stream().mapToInt(rank::get).toArray(),
                    order.stream().map(n.in::get).toArray(Scalar[]::new), n.bias);
        }

        static final Comparator<Key> ORDER = (x, y) -> {
            int len = Math.min(x.ranks.length, y.ranks.length);
            for (int i = 0; i < len; i++) {
                int c = Integer.compare(x.ranks[i], y.ranks[i]);
                if (c != 0) {
                    return c;
                }
                c = compare(x.weights[i], y.weights[i]);
                if (c != 0) {
                    return c;
                }
            }
            int c = Integer.compare(x.ranks.length, y.ranks.length);
            return c != 0 ? c : compare(x.bias, y.bias);
        };

        /** Real order; an exact value and a double of the same value are kept apart (exact first). */
        private static int compare(Scalar a, Scalar b) {
            int c = a.compareValue(b);
            if (c != 0 || a.isExact() == b.isExact()) {
                return c;
            }
            return a.isExact() ? -1 : 1;
        }
    }
}
