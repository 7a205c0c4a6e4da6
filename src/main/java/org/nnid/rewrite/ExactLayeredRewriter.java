package org.nnid.rewrite;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.nnid.net.Layer;
import org.nnid.net.Network;
import org.nnid.scalar.Rational;
import org.nnid.scalar.Scalar;
import org.nnid.scalar.ScalarArray;
import org.nnid.theory.NormalForm;
import org.nnid.theory.SymmetryElement;
import org.nnid.theory.Theory;

/**
 * The canonical form of a dense layered network of exact rationals, as {@link Rewriter#canonicalise}
 * computes it, on {@link SmallFraction}s (longs with overflow checks) instead of boxed big
 * fractions in a graph of string ids: the same moves in the same order, the same network, no notes
 * (exact values are compared exactly). It mirrors the general path only where that path is simple
 * and hands every other case back ({@link LayeredRewriter.Unsupported}), and the general path runs:
 * a zero weight (predecessor sets would differ), a value that does not fit in a long, a symmetry
 * element or normal-form decision that is not rational, a merge during the level pass.
 *
 * <p>On dense layers the general path's steps are: R1 and R2 find nothing (every hidden node has
 * inputs and successors); R3 groups each hidden level (one predecessor set), normalises its nodes
 * over their predecessors sorted by id as text, and merges equal normal forms in node order, the
 * first kept (s = g_j⁻¹·g_i); then each level in node order is brought into its normal form over
 * the canonical order of the level below (M2 when the element is not the identity), sorted by its
 * incoming vectors and bias, and renamed h&lt;ℓ&gt;_&lt;k&gt; (one M1 at the end).
 */
final class ExactLayeredRewriter {
    private final Rules rules;
    private final NormalForm normalForm;
    private final int depth;
    /** size[0] inputs, size[l] nodes of layer l (1..depth; depth holds the outputs). */
    private final int[] size;
    /** Row-major weights of layer l over the original indices of both layers. */
    private final SmallFraction[][] w;
    private final SmallFraction[][] bias;
    private final boolean[][] alive;
    /** ids[0] input names, ids[l] the ids of layer l. */
    private final String[][] ids;
    private final List<Move> moves = new ArrayList<>();
    private SymmetryElement lastInGroup;

    private ExactLayeredRewriter(Network net, List<Layer> layers, Theory theory) {
        rules = Rules.of(theory);
        normalForm = theory.normalForm();
        depth = layers.size();
        size = new int[depth + 1];
        size[0] = net.inputCount();
        w = new SmallFraction[depth + 1][];
        bias = new SmallFraction[depth + 1][];
        alive = new boolean[depth + 1][];
        ids = new String[depth + 1][];
        ids[0] = net.inputNames().toArray(new String[0]);
        alive[0] = new boolean[size[0]];
        Arrays.fill(alive[0], true);
        int v = net.inputCount();
        for (int l = 1; l <= depth; l++) {
            Layer layer = layers.get(l - 1);
            size[l] = layer.rows();
            w[l] = fractions(layer.weights(), true);
            bias[l] = fractions(layer.bias(), false);
            alive[l] = new boolean[size[l]];
            Arrays.fill(alive[l], true);
            ids[l] = new String[size[l]];
            for (int i = 0; i < size[l]; i++) {
                ids[l][i] = net.id(v++);
            }
        }
    }

    /** Whether {@link #canonicalise} takes the network: dense layers of rationals that fit in longs. */
    static boolean applies(Network net) {
        Optional<List<Layer>> layers = net.asLayers();
        if (layers.isEmpty() || !net.isExact() || net.inputCount() == 0
                || !net.inputNames().equals(Network.defaultInputNames(net.inputCount()))) {
            return false;
        }
        for (Layer l : layers.get()) {
            if (l.rows() == 0 || !(l.weights() instanceof ScalarArray.Boxed) || !small(l.weights(), true)
                    || !small(l.bias(), false)) {
                return false;
            }
        }
        return true;
    }

    private static boolean small(ScalarArray a, boolean nonzero) {
        for (int i = 0; i < a.length(); i++) {
            SmallFraction f = SmallFraction.of(a.get(i));
            if (f == null || (nonzero && f.signum() == 0)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The canonical form, or empty when the network is not a dense layered network of rationals
     * that fit in longs.
     *
     * @throws LayeredRewriter.Unsupported when the rewrite meets a case this class does not mirror
     */
    static Optional<Rewriter.Result> canonicalise(Network net, Theory theory) {
        if (!applies(net)) {
            return Optional.empty();
        }
        ExactLayeredRewriter r = new ExactLayeredRewriter(net, net.asLayers().orElseThrow(), theory);
        try {
            r.reduceToFixpoint();
            List<int[]> order = r.normaliseLevels();
            Network out = r.result(net, order);
            return Optional.of(new Rewriter.Result(out, Certificate.of(net, r.moves, out), List.of()));
        } catch (ArithmeticException overflow) {
            throw new LayeredRewriter.Unsupported("a value does not fit in a long");
        }
    }

    private static SmallFraction[] fractions(ScalarArray a, boolean nonzero) {
        SmallFraction[] f = new SmallFraction[a.length()];
        for (int i = 0; i < f.length; i++) {
            f[i] = SmallFraction.of(a.get(i));
            if (f[i] == null || (nonzero && f[i].signum() == 0)) {
                throw new LayeredRewriter.Unsupported("not a dense layer of small rationals");
            }
        }
        return f;
    }

    private SmallFraction weight(int l, int row, int col) {
        return w[l][row * size[l - 1] + col];
    }

    /**
     * A weight written by a move. A zero is mirrored only in the weights of a single output: the
     * general path drops the edge (a later merge may add it again), and a hidden node left without
     * it is dead. Elsewhere a zero would split a level's predecessor sets, which is not mirrored.
     */
    private void setWeight(int l, int row, int col, SmallFraction x) {
        if (x.signum() == 0 && (l != depth || size[depth] != 1)) {
            throw new LayeredRewriter.Unsupported("a move makes a weight 0");
        }
        w[l][row * size[l - 1] + col] = x;
    }

    private int[] aliveIndices(int l) {
        int n = 0;
        for (boolean a : alive[l]) {
            n += a ? 1 : 0;
        }
        int[] out = new int[n];
        int k = 0;
        for (int i = 0; i < size[l]; i++) {
            if (alive[l][i]) {
                out[k++] = i;
            }
        }
        return out;
    }

    private void requireInGroup(SymmetryElement s) {
        if (s == lastInGroup) {
            return;
        }
        if (!rules.inGroup().test(s)) {
            throw new LayeredRewriter.Unsupported(s + " is not in the symmetry group");
        }
        lastInGroup = s;
    }

    /** An element's entries as small fractions (a, b, c, d). */
    private static SmallFraction[] entries(SymmetryElement s) {
        SmallFraction[] e = {SmallFraction.of(s.a()), SmallFraction.of(s.b()), SmallFraction.of(s.c()),
                SmallFraction.of(s.d())};
        for (SmallFraction x : e) {
            if (x == null) {
                throw new LayeredRewriter.Unsupported("a symmetry element that is not a small rational");
            }
        }
        return e;
    }

    /** NF_ρ of node i of layer l over the columns {@code cols}: the element and the normal (w, θ) as one array. */
    private NormalForm.Decision decide(int l, int i, int[] cols) {
        Rational first = weight(l, i, cols[0]).toRational(); // dense: the first weight is nonzero
        NormalForm.Decision d = normalForm.decide(first, bias[l][i].toRational(), true);
        if (d.steppedBias() != null) {
            throw new LayeredRewriter.Unsupported("a stepped normal form");
        }
        return d;
    }

    // ------------------------------------------------------------------ reduction (R3 only on dense layers)

    private void reduceToFixpoint() {
        boolean changed = true;
        while (changed) {
            changed = deleteDead();
            for (int l = 1; l < depth; l++) {
                changed |= mergeSymmetricClones(l);
            }
        }
    }

    /**
     * Rewriter.foldAndDelete (R2 only): a node of the last hidden level whose weight into the single
     * output a merge made 0 is dead, deleted in node order.
     */
    private boolean deleteDead() {
        if (depth < 2 || size[depth] != 1) {
            return false;
        }
        int l = depth - 1;
        boolean any = false;
        for (int i = 0; i < size[l]; i++) {
            if (alive[l][i] && weight(depth, 0, i).signum() == 0) {
                alive[l][i] = false;
                moves.add(new Move.DeleteDead(ids[l][i]));
                any = true;
            }
        }
        if (aliveIndices(l).length == 0) {
            throw new LayeredRewriter.Unsupported("every node of the last hidden level is dead");
        }
        return any;
    }

    /** Rewriter.mergeSymmetricClones on one hidden level (one predecessor set). */
    private boolean mergeSymmetricClones(int l) {
        int[] group = aliveIndices(l);
        if (group.length < 2) {
            return false;
        }
        int[] cols = textOrder(l);
        SymmetryElement[] element = new SymmetryElement[group.length];
        Map<List<SmallFraction>, Integer> firstWithForm = new HashMap<>();
        int[] classOf = new int[group.length];
        for (int k = 0; k < group.length; k++) {
            NormalForm.Decision d = decide(l, group[k], cols);
            element[k] = d.element();
            List<SmallFraction> normal = new ArrayList<>(cols.length + 1);
            if (d.leavesAsItIs()) {
                for (int c : cols) {
                    normal.add(weight(l, group[k], c));
                }
                normal.add(bias[l][group[k]]);
            } else {
                SmallFraction[] s = entries(d.element());
                for (int c : cols) {
                    normal.add(s[0].multiply(weight(l, group[k], c)));
                }
                normal.add(s[0].multiply(bias[l][group[k]]).add(s[1]));
            }
            Integer first = firstWithForm.putIfAbsent(normal, k);
            classOf[k] = first == null ? k : first;
        }
        // the general path's pairs (i, j), i < j, in that order: each class's first member keeps, the others go in order
        List<List<Integer>> removedInto = new ArrayList<>();
        for (int k = 0; k < group.length; k++) {
            removedInto.add(null);
            if (classOf[k] != k) {
                List<Integer> members = removedInto.get(classOf[k]);
                if (members == null) {
                    members = new ArrayList<>();
                    removedInto.set(classOf[k], members);
                }
                members.add(k);
            }
        }
        boolean merged = false;
        for (int i = 0; i < group.length; i++) {
            if (removedInto.get(i) == null) {
                continue;
            }
            for (int k : removedInto.get(i)) {
                // g_j·v_j = g_i·v_i  ⇒  v_j = (g_j⁻¹·g_i)·v_i
                SymmetryElement s = element[k].inverse().compose(element[i]);
                requireInGroup(s);
                merge(l, group[i], group[k], s);
                merged = true;
            }
        }
        return merged;
    }

    /** The alive columns of layer l sorted by their ids as text (the general path sorts predecessor ids so). */
    private int[] textOrder(int l) {
        int[] cols = aliveIndices(l - 1);
        String[] names = ids[l - 1];
        return Arrays.stream(cols).boxed().sorted(Comparator.comparing(c -> names[c])).mapToInt(Integer::intValue)
                .toArray();
    }

    /** Move.MergeClones exactly: ω_vt += c·ω_v't, θ_t += d·ω_v't, then v' goes. */
    private void merge(int l, int keep, int remove, SymmetryElement s) {
        SmallFraction[] e = entries(s);
        for (int t : aliveIndices(l + 1)) {
            SmallFraction x = weight(l + 1, t, remove);
            if (x.signum() == 0) {
                continue; // no edge: the general path visits only the removed node's successors
            }
            setWeight(l + 1, t, keep, weight(l + 1, t, keep).add(e[2].multiply(x)));
            bias[l + 1][t] = bias[l + 1][t].add(e[3].multiply(x));
        }
        alive[l][remove] = false;
        moves.add(new Move.MergeClones(ids[l][keep], ids[l][remove], s));
    }

    // ------------------------------------------------------------------ the level pass (docs/math.md §5 step 2)

    /** Rewriter.normaliseLevels: per hidden level, the kept indices in canonical order. */
    private List<int[]> normaliseLevels() {
        List<int[]> order = new ArrayList<>();
        order.add(aliveIndices(0));
        for (int l = 1; l < depth; l++) {
            int[] cols = order.get(l - 1);
            int[] nodes = aliveIndices(l);
            int[] successors = aliveIndices(l + 1);
            for (int i : nodes) {
                NormalForm.Decision d = decide(l, i, cols);
                if (!d.element().isIdentity()) {
                    applySymmetry(l, i, d.element(), cols, successors);
                }
            }
            Integer[] sorted = Arrays.stream(nodes).boxed().toArray(Integer[]::new);
            int level = l;
            Comparator<Integer> byKey = (x, y) -> compareRows(level, cols, x, y);
            Arrays.sort(sorted, byKey);
            for (int k = 1; k < sorted.length; k++) {
                if (byKey.compare(sorted[k - 1], sorted[k]) == 0) {
                    throw new LayeredRewriter.Unsupported("clones met in the level pass");
                }
            }
            order.add(Arrays.stream(sorted).mapToInt(Integer::intValue).toArray());
        }
        Map<String, String> renaming = new LinkedHashMap<>();
        for (int l = 1; l < depth; l++) {
            int[] o = order.get(l);
            for (int k = 0; k < o.length; k++) {
                String canonical = Network.hiddenId(l, k);
                if (Arrays.asList(ids[0]).contains(canonical) || Arrays.asList(ids[depth]).contains(canonical)) {
                    throw new LayeredRewriter.Unsupported("a canonical id clashes with an input or output name");
                }
                if (!ids[l][o[k]].equals(canonical)) {
                    renaming.put(ids[l][o[k]], canonical);
                }
            }
        }
        moves.add(new Move.Permute(renaming));
        return order;
    }

    /** Move.ApplySymmetry: ω_uv ← a·ω_uv, θ_v ← a·θ_v + b; ω_vt ← ω_vt / c, θ_t ← θ_t − ω_vt·d/c. */
    private void applySymmetry(int l, int i, SymmetryElement g, int[] predecessors, int[] successors) {
        requireInGroup(g);
        SmallFraction[] e = entries(g);
        for (int c : predecessors) {
            setWeight(l, i, c, e[0].multiply(weight(l, i, c)));
        }
        bias[l][i] = e[0].multiply(bias[l][i]).add(e[1]);
        for (int t : successors) {
            SmallFraction old = weight(l + 1, t, i);
            setWeight(l + 1, t, i, old.divide(e[2]));
            bias[l + 1][t] = bias[l + 1][t].subtract(old.multiply(e[3]).divide(e[2]));
        }
        moves.add(new Move.ApplySymmetry(ids[l][i], g));
    }

    /** Rewriter.Key.ORDER on exact rows: incoming weights over the canonical columns, then the bias. */
    private int compareRows(int l, int[] cols, int x, int y) {
        for (int c : cols) {
            int r = weight(l, x, c).compareTo(weight(l, y, c));
            if (r != 0) {
                return r;
            }
        }
        return bias[l][x].compareTo(bias[l][y]);
    }

    // ------------------------------------------------------------------ the result

    /** Graph.toNetwork on dense levels: one layer per level, rows and columns in canonical order. */
    private Network result(Network input, List<int[]> order) {
        List<Layer> layers = new ArrayList<>(depth);
        for (int l = 1; l <= depth; l++) {
            int[] rows = l < depth ? order.get(l) : aliveIndices(l);
            int[] cols = order.get(l - 1);
            Scalar[] ws = new Scalar[rows.length * cols.length];
            Scalar[] bs = new Scalar[rows.length];
            for (int r = 0; r < rows.length; r++) {
                for (int c = 0; c < cols.length; c++) {
                    ws[r * cols.length + c] = weight(l, rows[r], cols[c]).toRational();
                }
                bs[r] = bias[l][rows[r]].toRational();
            }
            layers.add(new Layer(rows.length, cols.length, ScalarArray.of(ws), ScalarArray.of(bs)));
        }
        return Network.layered(input.activation(), size[0], layers, input.outputActivation());
    }
}
