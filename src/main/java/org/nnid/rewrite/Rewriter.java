package org.nnid.rewrite;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.nnid.net.Layer;
import org.nnid.net.Network;
import org.nnid.scalar.Scalar;
import org.nnid.scalar.ScalarFormatException;
import org.nnid.theory.Incoming;
import org.nnid.theory.NormalForm;
import org.nnid.theory.SymmetryElement;
import org.nnid.theory.Theory;

/**
 * Reduction (R1–R3 to a fixpoint) and the canonical form of docs/math.md §5. Every change is made by a
 * {@link Move} and recorded, so the result comes with its certificate.
 *
 * <p>Canonical form: reduce; then for level ℓ = 1, 2, …: bring every hidden node of the level into
 * the normal form NF_ρ (M2), merge nodes whose normalised incoming vectors are equal (R3), sort the
 * level by its normalised incoming vectors over the <em>canonical</em> order of the levels below,
 * and give its nodes canonical ids h&lt;ℓ&gt;_&lt;k&gt; (M1); repeat while merges happen. Sound for
 * every ρ; for null-free ρ equal functions give equal canonical forms (docs/math.md §4).
 *
 * <p>The moves are those a {@link Theory} allows: its activation folds constant nodes, its group
 * admits symmetries, its normal form ({@link NormalForm#decide}) normalises nodes. Layered networks
 * stored as doubles (the common case: millions of weights) are canonicalised by
 * {@link LayeredRewriter}, which runs this algorithm on flat arrays with the same move arithmetic
 * ({@link MoveArithmetic}), tolerances ({@link Tolerance}) and notes ({@link RewriteNotes}), and gives
 * the same network, moves and notes.
 */
public final class Rewriter {
    private final Rules rules;
    private final NormalForm normalForm;
    private final double tolerance;
    private final Graph graph;
    private final List<Move> moves = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private Rewriter(Network net, Theory theory, double tolerance) {
        Tolerance.check(tolerance);
        this.rules = Rules.of(theory);
        this.normalForm = theory.normalForm();
        this.tolerance = tolerance;
        this.graph = Graph.of(net);
    }

    /**
     * A reduced or canonical network, the moves that lead to it from the input, and notes on
     * decisions made within tolerance (merges of values that were only close, and near-ties:
     * values closer than 1000 tolerances that were kept apart). Exact networks have no notes.
     */
    public record Result(Network network, Certificate certificate, List<String> notes) {
        /** Notes in first-seen order, each once (a pass repeated after a merge can meet the same near-tie again). */
        public Result {
            notes = List.copyOf(new java.util.LinkedHashSet<>(notes));
        }
    }

    /**
     * red(N): R1–R3 applied until none applies (docs/math.md §3), by the moves the theory allows
     * (its activation folds constant nodes, its group admits symmetries, its normal form finds
     * clones), with {@link Tolerance#DEFAULT}.
     */
    public static Result reduce(Network net, Theory theory) {
        return reduce(net, theory, Tolerance.DEFAULT);
    }

    public static Result reduce(Network net, Theory theory, double tolerance) {
        Tolerance.check(tolerance);
        Optional<List<Layer>> layers = LayeredRewriter.layersOf(net);
        if (layers.isPresent()) {
            try {
                return LayeredRewriter.reduce(net, layers.get(), theory, tolerance);
            } catch (LayeredRewriter.Unsupported notMirrored) {
                // a rare case (overflow): the general path leaves the move out and says so
            }
        }
        return reduceGeneral(net, theory, tolerance);
    }

    /** red(N) on the general graph, never on the fast path for layered double networks. */
    static Result reduceGeneral(Network net, Theory theory, double tolerance) {
        Rewriter r = new Rewriter(net, theory, tolerance);
        r.reduceToFixpoint();
        Network out = r.graph.toNetwork();
        return new Result(out, Certificate.of(net, r.moves, out), r.notes);
    }

    /** The canonical form (docs/math.md §5) in a theory, with its certificate, with {@link Tolerance#DEFAULT}. */
    public static Result canonicalise(Network net, Theory theory) {
        return canonicalise(net, theory, Tolerance.DEFAULT);
    }

    /**
     * The canonical form with a tolerance for values that involve doubles (exact values are always
     * compared exactly); 0 compares doubles exactly.
     */
    public static Result canonicalise(Network net, Theory theory, double tolerance) {
        Tolerance.check(tolerance);
        Optional<List<Layer>> layers = LayeredRewriter.layersOf(net);
        if (layers.isPresent()) {
            try {
                return LayeredRewriter.canonicalise(net, layers.get(), theory, tolerance);
            } catch (LayeredRewriter.Unsupported notMirrored) {
                // a rare case (overflow): the general path leaves the move out and says so
            }
        }
        try {
            Optional<Result> exact = ExactLayeredRewriter.canonicalise(net, theory);
            if (exact.isPresent()) {
                return exact.get();
            }
        } catch (LayeredRewriter.Unsupported notMirrored) {
            // zeros, big values, clones met late: the general path computes with big fractions
        }
        return canonicaliseGeneral(net, theory, tolerance);
    }

    /**
     * Whether the canonical form of an exact network is computed on primitive arithmetic (dense
     * layers of rationals that fit in longs): then it costs about as much as reading the network.
     */
    public static boolean hasExactFastPath(Network net) {
        return ExactLayeredRewriter.applies(net);
    }

    /** The canonical form on the general graph, never on the fast path for layered double networks. */
    static Result canonicaliseGeneral(Network net, Theory theory, double tolerance) {
        Rewriter r = new Rewriter(net, theory, tolerance);
        Map<String, String> canonicalIds;
        do {
            r.reduceToFixpoint();
            canonicalIds = new LinkedHashMap<>();
        } while (r.normaliseLevels(canonicalIds));
        r.renameCanonically(canonicalIds);
        Network out = r.graph.toNetwork();
        return new Result(out, Certificate.of(net, r.moves, out), r.notes);
    }

    private void apply(Move m) {
        m.apply(graph, rules);
        moves.add(m);
    }

    /**
     * Applies a move whose new values may not be finite doubles (an overflow, ρ(θ) = ∞): if so
     * (Move applies whole or not at all), the node is kept as it is, with a note. Leaving a move
     * out keeps the function; the result is then reduced or canonical except at that node.
     */
    private boolean applyIfRepresentable(Move m) {
        try {
            apply(m);
            return true;
        } catch (PreconditionException e) {
            notes.add(RewriteNotes.keptAsItIs(e.getMessage()));
            return false;
        }
    }

    /** g_j⁻¹·g_i, or null (with a note) where it is not a finite double. */
    private SymmetryElement mergeElement(SymmetryElement gj, SymmetryElement gi, String node) {
        try {
            return gj.inverse().compose(gi);
        } catch (ScalarFormatException | ArithmeticException e) {
            notes.add(RewriteNotes.mergeElementNotFinite(node, e.getMessage()));
            return null;
        }
    }

    /** NF_ρ, or the identity (with a note) where the normalising element is not a finite double. */
    private NormalForm.Result normalise(String node, Incoming in) {
        try {
            return normalForm.normalise(in);
        } catch (ScalarFormatException | ArithmeticException e) {
            notes.add(RewriteNotes.normalFormNotFinite(node, e.getMessage()));
            return new NormalForm.Result(in, SymmetryElement.identity());
        }
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
                    // Normalise first (for sin: θ into [0, π)), so that the folded value ρ(θ) is
                    // written the same whichever orbit element the constant node was in.
                    NormalForm.Result nf = normalise(n.id, new Incoming(List.of(), n.bias));
                    if (!Tolerance.nearIdentity(nf.element(), tolerance)) {
                        applyIfRepresentable(new Move.ApplySymmetry(n.id, nf.element()));
                    }
                    changed = applyIfRepresentable(new Move.FoldConstant(n.id));
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
                nf.add(normalise(n.id, incoming(n, e.getKey())));
            }
            boolean[] gone = new boolean[group.size()];
            for (int i = 0; i < group.size(); i++) {
                for (int j = i + 1; j < group.size() && !gone[i]; j++) {
                    if (!gone[j] && closeEnough(nf.get(i).normal(), nf.get(j).normal())) {
                        // g_j·v_j = g_i·v_i  ⇒  v_j = (g_j⁻¹·g_i)·v_i
                        SymmetryElement s = mergeElement(nf.get(j).element(), nf.get(i).element(), group.get(j).id);
                        if (s != null && mergeClones(group.get(i).id, group.get(j).id, s)) {
                            gone[j] = true;
                            merged = true;
                        }
                    }
                }
            }
        }
        return merged;
    }

    /**
     * R3, recording whether the clones were equal exactly or only within the tolerance. Double
     * nodes whose normal forms agree within the tolerance need not satisfy R3's own precondition
     * (s·v within the tolerance of v', entry by entry relative to max(|x|, |y|)): normalising
     * rescales entries, and s is rounded. Such a merge is not made; the pair is reported as a
     * near-tie and kept apart. Returns whether the merge was made.
     */
    private boolean mergeClones(String keep, String remove, SymmetryElement s) {
        try {
            apply(new Move.MergeClones(keep, remove, s));
            return true;
        } catch (PreconditionException exactlyNot) {
            // try within the tolerance
        }
        try {
            apply(new Move.MergeClones(keep, remove, s, tolerance));
        } catch (PreconditionException notWithin) {
            notes.add(RewriteNotes.nearTieNotMerged(keep, remove, s, tolerance));
            return false;
        }
        notes.add(RewriteNotes.mergedWithinTolerance(remove, keep, tolerance));
        return true;
    }

    private boolean closeEnough(Incoming a, Incoming b) {
        return a.sameValues(b) || (tolerance > 0 && Tolerance.close(a, b, tolerance));
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
     * One pass of docs/math.md §5 step 2 over all levels. Fills {@code canonicalIds} for hidden nodes;
     * returns true if a merge happened (then the caller reduces and starts again).
     */
    private boolean normaliseLevels(Map<String, String> canonicalIds) {
        Map<String, Integer> level = graph.levels();
        Map<String, Integer> rank = new HashMap<>();
        for (int i = 0; i < graph.inputs.size(); i++) {
            rank.put(graph.inputs.get(i), i);
        }
        // hidden nodes by level, each level in graph order (one sweep: a chain of n levels stays linear)
        List<List<Graph.Node>> byLevel = new ArrayList<>();
        for (Graph.Node n : graph.nodes.values()) {
            int l = level.get(n.id);
            while (byLevel.size() <= l) {
                byLevel.add(new ArrayList<>());
            }
            if (!n.output) {
                byLevel.get(l).add(n);
            }
        }
        boolean merged = false;
        int nextRank = graph.inputs.size();
        for (int l = 1; l < byLevel.size(); l++) {
            List<Graph.Node> nodes = byLevel.get(l);
            List<Key> keys = new ArrayList<>();
            for (Graph.Node n : nodes) {
                List<String> order = new ArrayList<>(n.in.keySet());
                order.sort(Comparator.comparing(rank::get));
                NormalForm.Result nf = normalise(n.id, incoming(n, order));
                if (!Tolerance.nearIdentity(nf.element(), tolerance)) {
                    applyIfRepresentable(new Move.ApplySymmetry(n.id, nf.element()));
                }
                keys.add(new Key(n.id, order, rank, graph.nodes.get(n.id)));
            }
            keys.sort(Key.ORDER);
            List<Key> kept = new ArrayList<>();
            for (Key k : keys) {
                Key last = kept.isEmpty() ? null : kept.get(kept.size() - 1);
                if (last != null && (Key.ORDER.compare(last, k) == 0 || last.close(k, tolerance))
                        && mergeClones(last.id, k.id, SymmetryElement.identity())) {
                    merged = true;
                } else {
                    if (last != null && tolerance > 0 && last.close(k, Tolerance.NEAR_TIE_FACTOR * tolerance)) {
                        notes.add(RewriteNotes.nearTieKeptApart(last.id, k.id, last.difference(k), tolerance));
                    }
                    kept.add(k);
                }
            }
            for (int i = 0; i < kept.size(); i++) {
                rank.put(kept.get(i).id, nextRank++);
                canonicalIds.put(kept.get(i).id, Network.hiddenId(l, i));
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

        /** Same predecessors, and every value within tol (exact pairs must be equal). */
        boolean close(Key o, double tol) {
            if (!java.util.Arrays.equals(ranks, o.ranks)) {
                return false;
            }
            for (int i = 0; i < weights.length; i++) {
                if (!Tolerance.close(weights[i], o.weights[i], tol)) {
                    return false;
                }
            }
            return Tolerance.close(bias, o.bias, tol);
        }

        /** The largest relative difference of the values (for reports). */
        double difference(Key o) {
            double d = rel(bias, o.bias);
            for (int i = 0; i < weights.length; i++) {
                d = Math.max(d, rel(weights[i], o.weights[i]));
            }
            return d;
        }

        private static double rel(Scalar a, Scalar b) {
            return Tolerance.difference(a.toDouble(), b.toDouble());
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
