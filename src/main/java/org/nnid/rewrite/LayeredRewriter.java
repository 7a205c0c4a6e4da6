package org.nnid.rewrite;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.nnid.net.Layer;
import org.nnid.net.Network;
import org.nnid.net.NetworkBuilder;
import org.nnid.scalar.DoubleScalar;
import org.nnid.scalar.Scalar;
import org.nnid.scalar.ScalarArray;
import org.nnid.scalar.ScalarFormatException;
import org.nnid.theory.NormalForm;
import org.nnid.theory.SymmetryElement;
import org.nnid.theory.Theory;

import it.unimi.dsi.fastutil.ints.IntArrays;

/**
 * The canonical form of {@link Rewriter} for the common case of a layered network whose values are
 * all doubles, computed on one flat {@code double[]} per layer instead of a map per node. It runs
 * the same algorithm step by step (reduce: R2/R1 sweeps in node order, then R3 within groups of
 * equal predecessors; then docs/math.md §5 level by level) and records the same {@link Move}s in
 * the same order. What it shares with the general path rather than mirrors: the moves' arithmetic
 * ({@link MoveArithmetic}, whose double formulas are Move's Scalar ones evaluated on doubles), the
 * normal form's decision ({@link NormalForm#decide}), the closeness of values ({@link Tolerance})
 * and the notes ({@link RewriteNotes}). So its result is byte for byte the general path's and its
 * certificate is the same list of moves.
 *
 * <p>What makes it fast: no boxing of weights; a move's effect on the next layer is applied in the
 * pass that writes that layer in canonical order; clone candidates are found by sorting rows on
 * an estimate of the sum of their normalised entries over a few fixed columns, with a rigorous
 * error radius, instead of comparing every pair (a pair within the tolerance always has overlapping intervals, and every
 * candidate is confirmed with the exact comparison of the general path).
 *
 * <p>A row is normalised from its first nonzero weight and its bias, as {@link NormalForm#decide}
 * promises every rule does. When a case is not mirrored (an overflow, a move whose precondition
 * fails, which the general path would report itself) it throws {@link Unsupported} and
 * {@link Rewriter} runs the general path instead.
 */
final class LayeredRewriter {
    /** The unit roundoff of doubles, 2^-53. */
    private static final double U = 0x1p-53;

    /** A case the fast path does not mirror; the general path is run instead. */
    static final class Unsupported extends RuntimeException {
        Unsupported(String why) {
            super(why, null, false, false);
        }
    }

    /** One layer's weights: row-major, reached through row and column maps, copied on first write. */
    private static final class Matrix {
        double[] a;
        int stride;
        final int[] rowPos;
        final int[] colPos;
        boolean owned;

        Matrix(double[] shared, int rows, int cols) {
            a = shared;
            stride = cols;
            rowPos = iota(rows);
            colPos = iota(cols);
        }

        double get(int i, int j) {
            int r = rowPos[i];
            int c = colPos[j];
            return r < 0 || c < 0 ? 0.0 : a[r * stride + c];
        }

        void set(int i, int j, double v) {
            if (!owned) {
                a = a.clone();
                owned = true;
            }
            a[rowPos[i] * stride + colPos[j]] = v;
        }

        /** A fresh layout: row i at rowOrder's position, column j at colOrder's position. */
        void replace(double[] data, int[] rowOrder, int[] colOrder) {
            a = data;
            stride = colOrder.length;
            owned = true;
            Arrays.fill(rowPos, -1);
            Arrays.fill(colPos, -1);
            for (int r = 0; r < rowOrder.length; r++) {
                rowPos[rowOrder[r]] = r;
            }
            for (int c = 0; c < colOrder.length; c++) {
                colPos[colOrder[c]] = c;
            }
        }
    }

    /** Symmetry moves of one level whose effect on the next layer is not yet written (docs/math.md §3, M2). */
    private static final class Pending {
        final double[] c;
        final double[] d;
        final boolean[] has;
        boolean any;
        boolean bias;

        Pending(int n) {
            c = new double[n];
            d = new double[n];
            has = new boolean[n];
        }
    }

    private final Rules rules;
    private final NormalForm normalForm;
    private final double tolerance;
    private final List<String> inputNames;
    /** Number of layers; layers 1..depth-1 are hidden, layer depth holds the outputs. */
    private final int depth;
    /** size[0] inputs, size[l] nodes of layer l. */
    private final int[] size;
    private final Matrix[] w;
    private final double[][] bias;
    private final boolean[][] alive;
    private final int[][] textOrder;
    private int[][] indeg;
    private int[][] outdeg;
    /** Per layer, this level's sparsity of the last written layout: [nonzero entries, empty rows, empty columns]. */
    private final long[][] written;
    private final List<Move> moves = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private SymmetryElement lastInGroup;

    private LayeredRewriter(Network net, List<Layer> layers, Theory theory, double tolerance) {
        this.rules = Rules.of(theory);
        this.normalForm = theory.normalForm();
        this.tolerance = tolerance;
        this.inputNames = net.inputNames();
        depth = layers.size();
        size = new int[depth + 1];
        size[0] = net.inputCount();
        w = new Matrix[depth + 1];
        bias = new double[depth + 1][];
        alive = new boolean[depth + 1][];
        textOrder = new int[depth + 1][];
        written = new long[depth + 1][];
        for (int l = 1; l <= depth; l++) {
            Layer layer = layers.get(l - 1);
            size[l] = layer.rows();
            w[l] = new Matrix(layer.weights().doubles(), layer.rows(), layer.cols());
            bias[l] = layer.bias().doubles().clone();
            alive[l] = new boolean[size[l]];
            Arrays.fill(alive[l], true);
        }
    }

    /** Whether the fast path applies: a layered network stored as doubles. */
    static Optional<List<Layer>> layersOf(Network net) {
        Optional<List<Layer>> layers = net.asLayers();
        if (layers.isEmpty()) {
            return layers;
        }
        for (Layer l : layers.get()) {
            if (!(l.weights() instanceof ScalarArray.Doubles) || !(l.bias() instanceof ScalarArray.Doubles)) {
                return Optional.empty();
            }
        }
        return layers;
    }

    /**
     * The canonical form as {@link Rewriter#canonicalise} computes it.
     *
     * @throws Unsupported when the network meets a case this class does not mirror
     */
    static Rewriter.Result canonicalise(Network net, List<Layer> layers, Theory theory, double tolerance) {
        LayeredRewriter r = new LayeredRewriter(net, layers, theory, tolerance);
        Map<String, String> canonicalIds;
        try {
            do {
                r.reduceToFixpoint();
                canonicalIds = new LinkedHashMap<>();
            } while (r.normaliseLevels(canonicalIds));
        } catch (MoveArithmetic.NotFinite e) {
            throw new Unsupported(e.getMessage());
        }
        r.renameCanonically(canonicalIds);
        Network out = r.result(net);
        return new Rewriter.Result(out, Certificate.of(net, r.moves, out), r.notes);
    }

    /**
     * red(N) as {@link Rewriter#reduce} computes it: the same moves and notes, and the network its
     * Graph.toNetwork builds (nodes keep their ids and order).
     *
     * @throws Unsupported when the network meets a case this class does not mirror
     */
    static Rewriter.Result reduce(Network net, List<Layer> layers, Theory theory, double tolerance) {
        LayeredRewriter r = new LayeredRewriter(net, layers, theory, tolerance);
        try {
            r.reduceToFixpoint();
        } catch (MoveArithmetic.NotFinite e) {
            throw new Unsupported(e.getMessage());
        }
        Network out = r.reducedNetwork(net, layers);
        return new Rewriter.Result(out, Certificate.of(net, r.moves, out), r.notes);
    }

    // ------------------------------------------------------------------ ids and small helpers

    private String id(int l, int i) {
        return l == 0 ? inputNames.get(i) : l == depth ? Network.outputId(i) : Network.hiddenId(l, i);
    }

    private static int[] iota(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    private boolean aliveNode(int l, int i) {
        return l == 0 || l == depth || alive[l][i];
    }

    private void requireInGroup(SymmetryElement s) {
        if (s == lastInGroup) {
            return;
        }
        if (!rules.inGroup().test(s)) {
            throw new Unsupported(s + " is not in the symmetry group");
        }
        lastInGroup = s;
    }

    /** NF_ρ's decision for a row of doubles from its first nonzero weight (0 for none) and its bias. */
    private NormalForm.Decision decide(double first, double theta) {
        try {
            return normalForm.decide(first == 0 ? null : DoubleScalar.of(first), DoubleScalar.of(theta), false);
        } catch (ArithmeticException | ScalarFormatException e) {
            throw new Unsupported("the normal form is not a finite double");
        }
    }

    /** The representative's bias under a decision, as the general path's NF_ρ computes it. */
    private static double representativeBias(NormalForm.Decision d, double theta) {
        try {
            return d.bias(DoubleScalar.of(theta)).toDouble();
        } catch (ArithmeticException | ScalarFormatException e) {
            throw new Unsupported("the normal form is not a finite double");
        }
    }

    // ------------------------------------------------------------------ edges and counts

    /**
     * In- and out-degrees over the current nonzero weights. A row without zeros (the normal case)
     * is counted by one comparison per weight; only rows with zeros are counted column by column.
     */
    private void recount() {
        indeg = new int[depth + 1][];
        outdeg = new int[depth + 1][];
        for (int l = 0; l <= depth; l++) {
            indeg[l] = new int[size[l]];
            outdeg[l] = new int[size[l]];
        }
        for (int l = 1; l <= depth; l++) {
            Matrix m = w[l];
            int[] od = outdeg[l - 1];
            int cols = size[l - 1];
            int[] cp = m.colPos;
            boolean direct = m.stride == cols;
            for (int j = 0; j < cols && direct; j++) {
                direct = cp[j] == j;
            }
            int fullRows = 0;
            for (int i = 0; i < size[l]; i++) {
                int r = m.rowPos[i];
                if (r < 0) {
                    continue;
                }
                int base = r * m.stride;
                double[] a = m.a;
                int zeros = 0;
                if (direct) {
                    for (int j = 0; j < cols; j++) {
                        zeros += a[base + j] == 0 ? 1 : 0;
                    }
                }
                if (direct && zeros == 0) {
                    indeg[l][i] = cols;
                    fullRows++;
                    continue;
                }
                int count = 0;
                for (int j = 0; j < cols; j++) {
                    if (cp[j] >= 0 && a[base + cp[j]] != 0) {
                        count++;
                        od[j]++;
                    }
                }
                indeg[l][i] = count;
            }
            for (int j = 0; j < cols; j++) {
                od[j] += fullRows;
            }
        }
    }

    private void dropEdge(int l, int t, int j) {
        indeg[l][t]--;
        outdeg[l - 1][j]--;
    }

    private void addEdge(int l, int t, int j) {
        indeg[l][t]++;
        outdeg[l - 1][j]++;
    }

    /** Graph.remove: the node and all its edges. */
    private void remove(int l, int i) {
        Matrix m = w[l];
        for (int j = 0; j < size[l - 1]; j++) {
            if (m.get(i, j) != 0) {
                outdeg[l - 1][j]--;
            }
        }
        Matrix next = w[l + 1];
        for (int t = 0; t < size[l + 1]; t++) {
            if (next.get(t, i) != 0) {
                indeg[l + 1][t]--;
            }
        }
        m.rowPos[i] = -1;
        next.colPos[i] = -1;
        alive[l][i] = false;
        indeg[l][i] = 0;
        outdeg[l][i] = 0;
    }

    // ------------------------------------------------------------------ reduction (Rewriter.reduceToFixpoint)

    private void reduceToFixpoint() {
        recount();
        boolean changed = true;
        while (changed) {
            changed = foldAndDelete();
            changed |= mergeSymmetricClones();
        }
    }

    /** Rewriter.foldAndDelete: sweeps in node order until neither R2 nor R1 applies. */
    private boolean foldAndDelete() {
        boolean any = false;
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int l = 1; l < depth; l++) {
                for (int i = 0; i < size[l]; i++) {
                    if (!alive[l][i]) {
                        continue;
                    }
                    if (outdeg[l][i] == 0) {
                        remove(l, i);
                        moves.add(new Move.DeleteDead(id(l, i)));
                        changed = true;
                    } else if (indeg[l][i] == 0) {
                        SymmetryElement g = decide(0, bias[l][i]).element();
                        if (!Tolerance.nearIdentity(g, tolerance)) {
                            applySymmetry(l, i, g);
                        }
                        foldConstant(l, i);
                        changed = true;
                    }
                }
            }
            any |= changed;
        }
        return any;
    }

    /** Move.ApplySymmetry at once (a constant node during reduction). */
    private void applySymmetry(int l, int i, SymmetryElement g) {
        requireInGroup(g);
        double a = g.a().toDouble();
        double b = g.b().toDouble();
        double c = g.c().toDouble();
        double d = g.d().toDouble();
        Matrix m = w[l];
        for (int j = 0; j < size[l - 1]; j++) {
            double x = m.get(i, j);
            if (x != 0) {
                double y = MoveArithmetic.incomingWeight(a, x);
                m.set(i, j, y);
                if (y == 0) {
                    dropEdge(l, i, j);
                }
            }
        }
        bias[l][i] = MoveArithmetic.incomingBias(a, b, bias[l][i]);
        Matrix next = w[l + 1];
        for (int t = 0; t < size[l + 1]; t++) {
            double old = next.get(t, i);
            if (old != 0) {
                double y = MoveArithmetic.outgoingWeight(old, c);
                next.set(t, i, y);
                if (y == 0) {
                    dropEdge(l + 1, t, i);
                }
                bias[l + 1][t] = MoveArithmetic.successorBias(bias[l + 1][t], old, c, d);
            }
        }
        moves.add(new Move.ApplySymmetry(id(l, i), g));
    }

    /** Move.FoldConstant: θ_t += ω_vt·ρ(θ_v), then the node goes. */
    private void foldConstant(int l, int i) {
        double value;
        try {
            value = rules.valueAt(DoubleScalar.of(bias[l][i])).toDouble();
        } catch (ArithmeticException | ScalarFormatException e) {
            throw new Unsupported("ρ(θ) is not a finite double");
        }
        Matrix next = w[l + 1];
        for (int t = 0; t < size[l + 1]; t++) {
            double x = next.get(t, i);
            if (x != 0) {
                bias[l + 1][t] = MoveArithmetic.foldedBias(bias[l + 1][t], x, value);
            }
        }
        remove(l, i);
        moves.add(new Move.FoldConstant(id(l, i)));
    }

    /**
     * Rewriter.mergeSymmetricClones: per layer, nodes grouped by their predecessor sets as they were
     * when the pass began (a merge in layer l changes rows of layer l+1 before their groups are
     * processed: those rows keep their old key, with absent entries as exact zeros, as the general
     * path reads them), clones found in each group and merged greedily in node order.
     */
    private boolean mergeSymmetricClones() {
        boolean merged = false;
        Map<Integer, BitSet> startPattern = new HashMap<>();
        for (int l = 1; l < depth; l++) {
            Map<Integer, BitSet> dirty = startPattern;
            startPattern = new HashMap<>();
            for (List<Integer> group : groupsByPredecessors(l, dirty).values()) {
                if (group.size() >= 2) {
                    merged |= mergeGroup(l, group, dirty, startPattern);
                }
            }
        }
        return merged;
    }

    private static final Object FULL = new Object();
    /** Clone candidates are found on the sum of this many key columns (a necessary condition, see mergeGroup). */
    private static final int PROJECTED = 16;

    /** Groups of hidden nodes of layer l with equal predecessor sets, in order of first appearance. */
    private Map<Object, List<Integer>> groupsByPredecessors(int l, Map<Integer, BitSet> dirty) {
        int aliveBelow = 0;
        for (int j = 0; j < size[l - 1]; j++) {
            aliveBelow += aliveNode(l - 1, j) ? 1 : 0;
        }
        boolean bitsets = !dirty.isEmpty();
        Map<Object, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < size[l]; i++) {
            if (!alive[l][i]) {
                continue;
            }
            Object key;
            BitSet old = dirty.get(i);
            if (old != null) {
                key = old;
            } else if (indeg[l][i] == 0) {
                continue;
            } else if (!bitsets && indeg[l][i] == aliveBelow) {
                key = FULL;
            } else {
                key = pattern(l, i);
            }
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
        }
        return groups;
    }

    private BitSet pattern(int l, int i) {
        BitSet p = new BitSet(size[l - 1]);
        for (int j = 0; j < size[l - 1]; j++) {
            if (w[l].get(i, j) != 0) {
                p.set(j);
            }
        }
        return p;
    }

    /** The general path's key columns of a group: its (old) predecessors. */
    private int[] keyColumns(int l, int member, Map<Integer, BitSet> dirty) {
        BitSet old = dirty.get(member);
        return (old != null ? old : pattern(l, member)).stream().toArray();
    }

    /** The columns of layer l sorted by their source ids as text (the general path sorts ids so). */
    private int[] textOrder(int l) {
        if (textOrder[l] == null) {
            String[] ids = new String[size[l - 1]];
            for (int j = 0; j < ids.length; j++) {
                ids[j] = id(l - 1, j);
            }
            int[] cols = iota(ids.length);
            IntArrays.mergeSort(cols, (x, y) -> ids[x].compareTo(ids[y]));
            textOrder[l] = cols;
        }
        return textOrder[l];
    }

    private boolean mergeGroup(int l, List<Integer> group, Map<Integer, BitSet> dirty, Map<Integer, BitSet> nextDirty) {
        int n = group.size();
        int[] key = keyColumns(l, group.get(0), dirty);
        BitSet inKey = new BitSet(size[l - 1]);
        for (int j : key) {
            inKey.set(j);
        }
        int[] order = textOrder(l);
        int projected = Math.min(PROJECTED, key.length);
        SymmetryElement[] g = new SymmetryElement[n];
        double[] a = new double[n];
        boolean[] aExact = new boolean[n];
        double[] nb = new double[n];
        double[] lo = new double[n];
        double[] hi = new double[n];
        for (int k = 0; k < n; k++) {
            int i = group.get(k);
            double first = 0;
            for (int j : order) {
                if (inKey.get(j) && (first = w[l].get(i, j)) != 0) {
                    break;
                }
            }
            NormalForm.Decision nf = decide(first, bias[l][i]);
            g[k] = nf.element();
            a[k] = g[k].a().toDouble();
            aExact[k] = g[k].a().isExact();
            nb[k] = representativeBias(nf, bias[l][i]);
            // The sum of the normalised entries over the first PROJECTED key columns is within err
            // of est; entries within tol of another row's move that sum by at most
            // tol·(p + Σ|x| + Σ|y|): half of that is this row's share of the radius.
            double s = 0;
            double abs = 0;
            for (int c = 0; c < projected; c++) {
                double x = w[l].get(i, key[c]);
                s += x;
                abs += Math.abs(x);
            }
            double aa = Math.abs(a[k]) * abs;
            double est = a[k] * s;
            double err = aa * (projected + 4) * 2 * U + projected * Double.MIN_NORMAL;
            double r = (tolerance * (projected / 2.0 + aa * (1 + 4 * U)) + err) * (1 + 1e-9) + 4 * U * Math.abs(est)
                    + Double.MIN_NORMAL;
            lo[k] = est - r;
            hi[k] = est + r;
        }
        int[][] candidates = overlapping(lo, hi);
        int[] start = candidates[0];
        int[] list = candidates[1];
        boolean merged = false;
        boolean[] gone = new boolean[n];
        for (int x = 0; x < n; x++) {
            if (gone[x]) {
                continue;
            }
            for (int c = start[x]; c < start[x + 1]; c++) {
                int y = list[c];
                if (!gone[y] && normalsClose(l, key, group.get(x), a[x], aExact[x], nb[x], group.get(y), a[y], aExact[y],
                        nb[y])) {
                    // g_y·v_y = g_x·v_x  ⇒  v_y = (g_y⁻¹·g_x)·v_x
                    SymmetryElement s;
                    try {
                        s = g[y].inverse().compose(g[x]);
                    } catch (ArithmeticException | ScalarFormatException e) {
                        throw new Unsupported("the merge element is not a finite double");
                    }
                    if (mergeClones(l, group.get(x), group.get(y), s, nextDirty)) {
                        gone[y] = true;
                        merged = true;
                    }
                }
            }
        }
        return merged;
    }

    /**
     * For each interval x, the later intervals (by index) that overlap it, ascending: the entries
     * {@code list[start[x]] .. list[start[x + 1] - 1]} of the returned {start, list}.
     */
    private static int[][] overlapping(double[] lo, double[] hi) {
        int n = lo.length;
        int[] byLo = iota(n);
        IntArrays.mergeSort(byLo, (x, y) -> Double.compare(lo[x], lo[y]));
        int[] count = new int[n + 1];
        for (int p = 0; p < n; p++) {
            int x = byLo[p];
            for (int q = p + 1; q < n && lo[byLo[q]] <= hi[x]; q++) {
                count[Math.min(x, byLo[q])]++;
            }
        }
        int[] start = new int[n + 1];
        for (int x = 0; x < n; x++) {
            start[x + 1] = start[x] + count[x];
        }
        int[] list = new int[start[n]];
        int[] fill = Arrays.copyOf(start, n);
        for (int p = 0; p < n; p++) {
            int x = byLo[p];
            for (int q = p + 1; q < n && lo[byLo[q]] <= hi[x]; q++) {
                int y = byLo[q];
                list[fill[Math.min(x, y)]++] = Math.max(x, y);
            }
        }
        for (int x = 0; x < n; x++) {
            Arrays.sort(list, start[x], start[x + 1]);
        }
        return new int[][] {start, list};
    }

    /**
     * Rewriter.closeEnough on the normal forms of two rows over the key columns: an absent entry is
     * an exact zero, and a·0 stays exact when a is, so an exact and a double zero differ in value
     * equality (Incoming.sameValues) but not within a tolerance.
     */
    private boolean normalsClose(int l, int[] key, int i, double ai, boolean ei, double bi, int j, double aj, boolean ej,
            double bj) {
        if (!(bi == bj || (tolerance > 0 && Tolerance.close(bi, bj, tolerance)))) {
            return false;
        }
        Matrix m = w[l];
        for (int c : key) {
            double x = m.get(i, c);
            double y = m.get(j, c);
            boolean exactX = x == 0 && ei;
            boolean exactY = y == 0 && ej;
            double nx = x == 0 ? 0 : MoveArithmetic.incomingWeight(ai, x);
            double ny = y == 0 ? 0 : MoveArithmetic.incomingWeight(aj, y);
            boolean same = (exactX && exactY) || (exactX == exactY && nx == ny);
            if (!same && !(tolerance > 0 && Tolerance.close(nx, ny, tolerance))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Rewriter.mergeClones and Move.MergeClones: remove = s·keep exactly, else within the
     * tolerance (with a note); then ω_keep,t += c·ω_remove,t, θ_t += d·ω_remove,t and remove goes.
     * When neither holds (or s is not in the group) the merge is not made, with the general
     * path's near-tie note; returns whether it was made.
     */
    private boolean mergeClones(int l, int keep, int remove, SymmetryElement s, Map<Integer, BitSet> nextDirty) {
        double sa = s.a().toDouble();
        double sb = s.b().toDouble();
        boolean exact = true;
        boolean near = true;
        Matrix m = w[l];
        for (int j = 0; j < size[l - 1]; j++) {
            double x = m.get(keep, j);
            double y = m.get(remove, j);
            if ((x != 0) != (y != 0)) {
                throw new Unsupported("merge_clones: different predecessors");
            }
            if (x != 0) {
                double e = MoveArithmetic.incomingWeight(sa, x);
                exact &= e == y;
                near &= Tolerance.close(e, y, tolerance);
            }
        }
        double eb = MoveArithmetic.incomingBias(sa, sb, bias[l][keep]);
        exact &= eb == bias[l][remove];
        near &= Tolerance.close(eb, bias[l][remove], tolerance);
        if ((!exact && !(tolerance > 0 && near)) || !(s == lastInGroup || rules.inGroup().test(s))) {
            notes.add(RewriteNotes.nearTieNotMerged(id(l, keep), id(l, remove), s, tolerance));
            return false;
        }
        lastInGroup = s;
        applyMerge(l, keep, remove, s.c().toDouble(), s.d().toDouble(), nextDirty);
        moves.add(new Move.MergeClones(id(l, keep), id(l, remove), s, exact ? 0 : tolerance));
        if (!exact) {
            notes.add(RewriteNotes.mergedWithinTolerance(id(l, remove), id(l, keep), tolerance));
        }
        return true;
    }

    /** The successor side of R3, then the removal; rows it changes are remembered with their old pattern. */
    private void applyMerge(int l, int keep, int remove, double c, double d, Map<Integer, BitSet> nextDirty) {
        Matrix next = w[l + 1];
        for (int t = 0; t < size[l + 1]; t++) {
            double out = next.get(t, remove);
            if (out == 0) {
                continue;
            }
            if (nextDirty != null && l + 1 < depth && !nextDirty.containsKey(t)) {
                nextDirty.put(t, pattern(l + 1, t));
            }
            double kv = next.get(t, keep);
            double nk = MoveArithmetic.mergedWeight(kv, c, out);
            next.set(t, keep, nk);
            if (kv == 0 && nk != 0) {
                addEdge(l + 1, t, keep);
            } else if (kv != 0 && nk == 0) {
                dropEdge(l + 1, t, keep);
            }
            bias[l + 1][t] = MoveArithmetic.mergedBias(bias[l + 1][t], d, out);
        }
        remove(l, remove);
    }

    // ------------------------------------------------------------------ docs/math.md §5 (Rewriter.normaliseLevels)

    /**
     * One pass of docs/math.md §5 step 2 over all levels, writing each layer in canonical order (rows
     * sorted, columns in the canonical order of the level below) as it goes. Returns true if a
     * merge happened.
     */
    private boolean normaliseLevels(Map<String, String> canonicalIds) {
        boolean merged = false;
        int[] prevKept = iota(size[0]);
        Pending pending = null;
        for (int l = 1; l < depth; l++) {
            Level v = new Level(l, prevKept, pending);
            pending = v.normalise();
            int[] sorted = v.sort();
            int[] kept = new int[sorted.length];
            int keptCount = 0;
            for (int i : sorted) {
                int last = keptCount == 0 ? -1 : kept[keptCount - 1];
                int cmp = last < 0 ? 1 : v.compare(last, i);
                if (last >= 0 && (cmp == 0 || v.close(last, i, tolerance))) {
                    if (pending != null) {
                        materialise(l + 1, pending);
                        pending = null;
                    }
                    boolean exact = cmp == 0;
                    applyMerge(l, last, i, 1.0, 0.0, null);
                    moves.add(new Move.MergeClones(id(l, last), id(l, i), SymmetryElement.identity(), exact ? 0 : tolerance));
                    if (!exact) {
                        notes.add(RewriteNotes.mergedWithinTolerance(id(l, i), id(l, last), tolerance));
                    }
                    merged = true;
                } else {
                    if (last >= 0 && tolerance > 0 && v.close(last, i, Tolerance.NEAR_TIE_FACTOR * tolerance)) {
                        notes.add(RewriteNotes.nearTieKeptApart(id(l, last), id(l, i), v.difference(last, i), tolerance));
                    }
                    kept[keptCount++] = i;
                }
            }
            int[] keptOrder = Arrays.copyOf(kept, keptCount);
            for (int k = 0; k < keptOrder.length; k++) {
                canonicalIds.put(id(l, keptOrder[k]), Network.hiddenId(l, k));
            }
            v.write(keptOrder);
            prevKept = keptOrder;
        }
        new Level(depth, prevKept, pending).write(iota(size[depth]));
        return merged;
    }

    /** Writes pending symmetry moves into layer l: the successor side of M2 (ω/c, θ − ω·d/c). */
    private void materialise(int l, Pending p) {
        Matrix m = w[l];
        for (int t = 0; t < size[l]; t++) {
            if (!aliveNode(l, t)) {
                continue;
            }
            for (int j = 0; j < size[l - 1]; j++) {
                double old = m.get(t, j);
                if (p.has[j] && old != 0) {
                    m.set(t, j, MoveArithmetic.outgoingWeight(old, p.c[j]));
                    bias[l][t] = MoveArithmetic.successorBias(bias[l][t], old, p.c[j], p.d[j]);
                }
            }
        }
    }

    /**
     * Layer l seen as the general path sees it at level l: the moves of level l-1 applied to its
     * columns (pending), its own normalising moves applied to its rows, columns in canonical order.
     */
    private final class Level {
        final int l;
        final Matrix m;
        final int[] cols;
        final int[] cp;
        final double[] pc;
        final boolean[] pHas;
        final Pending pending;
        final double[] am;
        final boolean[] moved;
        /** Per row the first two key entries (position, value): most comparisons end there. */
        final int[] firstK;
        final double[] firstV;
        final int[] secondK;
        final double[] secondV;

        Level(int l, int[] prevKept, Pending pending) {
            this.l = l;
            this.m = w[l];
            this.cols = prevKept;
            this.pending = pending;
            cp = new int[prevKept.length];
            pc = new double[prevKept.length];
            pHas = new boolean[prevKept.length];
            for (int k = 0; k < prevKept.length; k++) {
                cp[k] = m.colPos[prevKept[k]];
                if (pending != null && pending.has[prevKept[k]]) {
                    pHas[k] = true;
                    pc[k] = pending.c[prevKept[k]];
                }
            }
            am = new double[size[l]];
            moved = new boolean[size[l]];
            firstK = new int[size[l]];
            firstV = new double[size[l]];
            secondK = new int[size[l]];
            secondV = new double[size[l]];
            if (pending != null && pending.bias) {
                correctBiases();
            }
        }

        /** θ_t −= ω_vt·d/c for the moves below, in their node order. */
        private void correctBiases() {
            for (int t = 0; t < size[l]; t++) {
                if (!aliveNode(l, t)) {
                    continue;
                }
                for (int j = 0; j < size[l - 1]; j++) {
                    if (pending.has[j] && pending.d[j] != 0) {
                        double old = m.get(t, j);
                        if (old != 0) {
                            bias[l][t] = MoveArithmetic.successorBias(bias[l][t], old, pending.c[j], pending.d[j]);
                        }
                    }
                }
            }
        }

        /** The weight at canonical column k after the moves below (before this node's own move). */
        double current(int i, int k) {
            double s = m.a[m.rowPos[i] * m.stride + cp[k]];
            return s != 0 && pHas[k] ? MoveArithmetic.outgoingWeight(s, pc[k]) : s;
        }

        /** The key entry: the weight after this node's move too. */
        double value(int i, int k) {
            double s = current(i, k);
            return s != 0 && moved[i] ? MoveArithmetic.incomingWeight(am[i], s) : s;
        }

        /** M2 at every node of the level in node order; returns the moves as pending for the next layer. */
        Pending normalise() {
            Pending next = new Pending(size[l]);
            for (int i = 0; i < size[l]; i++) {
                if (!alive[l][i]) {
                    continue;
                }
                double first = 0;
                for (int k = 0; k < cols.length && first == 0; k++) {
                    first = current(i, k);
                }
                SymmetryElement g = decide(first, bias[l][i]).element();
                if (!Tolerance.nearIdentity(g, tolerance)) {
                    requireInGroup(g);
                    moves.add(new Move.ApplySymmetry(id(l, i), g));
                    moved[i] = true;
                    am[i] = g.a().toDouble();
                    bias[l][i] = MoveArithmetic.incomingBias(am[i], g.b().toDouble(), bias[l][i]);
                    next.has[i] = true;
                    next.c[i] = g.c().toDouble();
                    next.d[i] = g.d().toDouble();
                    next.any = true;
                    next.bias |= next.d[i] != 0;
                }
                firstK[i] = next(i, 0);
                firstV[i] = firstK[i] < cols.length ? value(i, firstK[i]) : 0;
                secondK[i] = firstK[i] < cols.length ? next(i, firstK[i] + 1) : cols.length;
                secondV[i] = secondK[i] < cols.length ? value(i, secondK[i]) : 0;
            }
            return next.any ? next : null;
        }

        int[] sort() {
            int[] nodes = new int[size[l]];
            int n = 0;
            for (int i = 0; i < size[l]; i++) {
                if (alive[l][i]) {
                    nodes[n++] = i;
                }
            }
            nodes = Arrays.copyOf(nodes, n);
            IntArrays.mergeSort(nodes, this::compare); // stable, as List.sort in the general path
            return nodes;
        }

        private int next(int i, int k) {
            while (k < cols.length && value(i, k) == 0) {
                k++;
            }
            return k;
        }

        /** Rewriter.Key.ORDER: (rank, weight) pairs lexicographically, then the count, then the bias. */
        int compare(int x, int y) {
            int kx = firstK[x];
            int ky = firstK[y];
            int pair = 0;
            while (kx < cols.length && ky < cols.length) {
                if (kx != ky) {
                    return kx < ky ? -1 : 1;
                }
                double vx = pair == 0 ? firstV[x] : pair == 1 ? secondV[x] : value(x, kx);
                double vy = pair == 0 ? firstV[y] : pair == 1 ? secondV[y] : value(y, ky);
                int c = Double.compare(vx + 0.0, vy + 0.0);
                if (c != 0) {
                    return c;
                }
                kx = ++pair == 1 ? secondK[x] : next(x, kx + 1);
                ky = pair == 1 ? secondK[y] : next(y, ky + 1);
            }
            if (kx < cols.length || ky < cols.length) {
                return kx < cols.length ? 1 : -1;
            }
            return Double.compare(bias[l][x] + 0.0, bias[l][y] + 0.0);
        }

        /** Rewriter.Key.close: the same nonzero positions, and every value within tol. */
        boolean close(int x, int y, double tol) {
            for (int k = 0; k < cols.length; k++) {
                double vx = value(x, k);
                double vy = value(y, k);
                if ((vx == 0) != (vy == 0) || !Tolerance.close(vx, vy, tol)) {
                    return false;
                }
            }
            return Tolerance.close(bias[l][x], bias[l][y], tol);
        }

        double difference(int x, int y) {
            double d = Tolerance.difference(bias[l][x], bias[l][y]);
            for (int k = 0; k < cols.length; k++) {
                double vx = value(x, k);
                double vy = value(y, k);
                if (vx != 0 || vy != 0) {
                    d = Math.max(d, Tolerance.difference(vx, vy));
                }
            }
            return d;
        }

        /**
         * Writes the layer in canonical order (rows in {@code rowOrder}, columns in the canonical
         * order of the level below) with every pending and own move applied, and records its
         * nonzero entries, empty rows and empty columns for {@link #result}: from the degrees when
         * no weight became zero on the way (the usual case), else by counting.
         */
        void write(int[] rowOrder) {
            int width = cols.length;
            double[] out = new double[rowOrder.length * width];
            double[] div = new double[width];
            double[] mul = new double[width];
            double[] negMul = new double[width];
            boolean unitColumns = true;
            for (int k = 0; k < width; k++) {
                div[k] = pHas[k] ? pc[k] : 1.0;
                mul[k] = 1.0 / div[k];
                negMul[k] = -mul[k];
                unitColumns &= Math.abs(div[k]) == 1.0;
            }
            boolean kept = true;
            boolean finite = true;
            double[] a = m.a;
            // Each source row is first copied whole (a sequential read), then gathered in canonical
            // column order from that copy, which stays in the L1 cache: faster than gathering from
            // the layer's array, which is read in an order the prefetcher cannot follow.
            double[] src = new double[m.stride];
            double[] row = new double[width];
            for (int r = 0; r < rowOrder.length; r++) {
                int i = rowOrder[r];
                System.arraycopy(a, m.rowPos[i] * m.stride, src, 0, m.stride);
                int o = r * width;
                double ai = moved[i] ? am[i] : 1.0;
                if (unitColumns && Math.abs(ai) == 1.0) {
                    // every factor is ±1: ai·(x/c) = x·(ai/c) exactly, and nothing overflows or underflows
                    double[] f = ai == 1.0 ? mul : negMul;
                    for (int k = 0; k < width; k++) {
                        out[o + k] = src[cp[k]] * f[k] + 0.0;
                    }
                } else {
                    // gather, then MoveArithmetic.incomingWeight(ai, outgoingWeight(x, c)) as plain
                    // arithmetic the JIT can vectorise, then its finiteness checks for the whole row
                    for (int k = 0; k < width; k++) {
                        row[k] = src[cp[k]];
                    }
                    for (int k = 0; k < width; k++) {
                        out[o + k] = ai * (row[k] / div[k] + 0.0) + 0.0;
                    }
                    int zeros = 0;
                    for (int k = 0; k < width; k++) {
                        double x = out[o + k];
                        zeros += x == 0 ? 1 : 0;
                        finite &= Math.abs(x) <= Double.MAX_VALUE;
                    }
                    kept &= zeros == width - indeg[l][i];
                }
            }
            if (!finite) {
                throw new Unsupported("a value overflows");
            }
            m.replace(out, rowOrder, cols);
            written[l] = kept ? statsFromDegrees(rowOrder) : statsByCounting(out, rowOrder.length, width);
        }

        private long[] statsFromDegrees(int[] rowOrder) {
            long nonzero = 0;
            long emptyRows = 0;
            for (int i : rowOrder) {
                nonzero += indeg[l][i];
                emptyRows += indeg[l][i] == 0 ? 1 : 0;
            }
            long emptyCols = 0;
            for (int j : cols) {
                emptyCols += outdeg[l - 1][j] == 0 ? 1 : 0;
            }
            return new long[] {nonzero, emptyRows, emptyCols};
        }

        private static long[] statsByCounting(double[] out, int rows, int width) {
            long nonzero = 0;
            long emptyRows = 0;
            int[] colCount = new int[width];
            for (int r = 0; r < rows; r++) {
                int rowCount = 0;
                for (int k = 0; k < width; k++) {
                    if (out[r * width + k] != 0) {
                        rowCount++;
                        colCount[k]++;
                    }
                }
                nonzero += rowCount;
                emptyRows += rowCount == 0 ? 1 : 0;
            }
            long emptyCols = 0;
            for (int c : colCount) {
                emptyCols += c == 0 ? 1 : 0;
            }
            return new long[] {nonzero, emptyRows, emptyCols};
        }
    }

    // ------------------------------------------------------------------ M1 and the result

    /** Rewriter.renameCanonically (layered ids never clash with x.. inputs or y.. outputs). */
    private void renameCanonically(Map<String, String> canonicalIds) {
        Map<String, String> renaming = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : canonicalIds.entrySet()) {
            if (!e.getKey().equals(e.getValue())) {
                renaming.put(e.getKey(), e.getValue());
            }
        }
        moves.add(new Move.Permute(renaming));
    }

    /**
     * The canonical network. It is what Graph.toNetwork builds through NetworkBuilder: stored as
     * layers exactly when the builder would store it so (every level one dense block whose
     * sources are the whole level below, outputs on the last level); otherwise built the same way.
     */
    private Network result(Network input) {
        boolean layered = true;
        for (int l = 1; l <= depth && layered; l++) {
            long rows = rowsOf(l);
            long[] s = written[l];
            // a row without edges above the first layer sits on level 1; a source without edges is
            // no source of the block; a mostly-zero level is split into one block per node
            layered = rows > 0 && (l == 1 || s[1] == 0) && s[2] == 0
                    && NetworkBuilder.storedAsOneBlock(rows, w[l].stride, s[0]);
        }
        if (layered) {
            List<Layer> layers = new ArrayList<>(depth);
            for (int l = 1; l <= depth; l++) {
                Matrix m = w[l];
                int rows = rowsOf(l);
                layers.add(new Layer(rows, m.stride, ScalarArray.wrapCheckedDoubles(m.a),
                        ScalarArray.wrapCheckedDoubles(keptBias(l, rows))));
            }
            return Network.layered(input.activation(), size[0], layers, input.outputActivation());
        }
        NetworkBuilder b = Network.builder(input.activation(), inputNames).outputActivation(input.outputActivation());
        for (int l = 1; l <= depth; l++) {
            Matrix m = w[l];
            int rows = rowsOf(l);
            double[] bs = keptBias(l, rows);
            for (int r = 0; r < rows; r++) {
                Map<String, Scalar> in = new LinkedHashMap<>();
                for (int k = 0; k < m.stride; k++) {
                    double x = m.a[r * m.stride + k];
                    if (x != 0) {
                        in.put(l == 1 ? inputNames.get(k) : Network.hiddenId(l - 1, k), DoubleScalar.of(x));
                    }
                }
                if (l == depth) {
                    b.output(Network.outputId(r), DoubleScalar.of(bs[r]), in);
                } else {
                    b.hidden(Network.hiddenId(l, r), DoubleScalar.of(bs[r]), in);
                }
            }
        }
        return b.build();
    }

    /**
     * The reduced network as NetworkBuilder builds it from the kept nodes in their order: as
     * dense layers (with the kept ids) when every layer is one dense block over all kept nodes of
     * the layer below, each kept node on the level of its layer; otherwise through the builder.
     * Unchanged layers share the input's arrays.
     */
    private Network reducedNetwork(Network input, List<Layer> layers) {
        boolean layered = true;
        for (int l = 1; l <= depth && layered; l++) {
            long rows = 0;
            long nonzero = 0;
            boolean emptyRow = false;
            for (int i = 0; i < size[l]; i++) {
                if (aliveNode(l, i)) {
                    rows++;
                    nonzero += indeg[l][i];
                    emptyRow |= indeg[l][i] == 0;
                }
            }
            long cols = 0;
            boolean emptyCol = false;
            for (int j = 0; j < size[l - 1]; j++) {
                if (aliveNode(l - 1, j)) {
                    cols++;
                    emptyCol |= outdeg[l - 1][j] == 0;
                }
            }
            // an output without edges sits on level 1; an unused input is no source of the block
            layered = rows > 0 && (l == 1 || !emptyRow) && !emptyCol && NetworkBuilder.storedAsOneBlock(rows, cols, nonzero);
        }
        if (!layered) {
            return reducedByBuilder(input);
        }
        List<Layer> out = new ArrayList<>(depth);
        List<String> hiddenIds = new ArrayList<>();
        for (int l = 1; l <= depth; l++) {
            int[] rows = aliveIndices(l);
            int[] cols = aliveIndices(l - 1);
            if (l < depth) {
                for (int i : rows) {
                    hiddenIds.add(id(l, i));
                }
            }
            Matrix m = w[l];
            Layer original = layers.get(l - 1);
            boolean sameBias = true;
            double[] b = new double[rows.length];
            for (int r = 0; r < rows.length; r++) {
                b[r] = bias[l][rows[r]];
                sameBias &= rows.length == size[l] && b[r] == original.bias().getDouble(r);
            }
            ScalarArray weights;
            if (!m.owned && rows.length == size[l] && cols.length == size[l - 1]) {
                weights = original.weights();
            } else {
                double[] a = new double[rows.length * cols.length];
                for (int r = 0; r < rows.length; r++) {
                    int base = m.rowPos[rows[r]] * m.stride;
                    for (int k = 0; k < cols.length; k++) {
                        a[r * cols.length + k] = m.a[base + m.colPos[cols[k]]];
                    }
                }
                weights = ScalarArray.wrapCheckedDoubles(a);
            }
            out.add(new Layer(rows.length, cols.length, weights, sameBias ? original.bias() : ScalarArray.wrapCheckedDoubles(b)));
        }
        return Network.layered(input.activation(), size[0], out, input.outputActivation(), hiddenIds);
    }

    /** Graph.toNetwork on the kept nodes: hidden nodes in their order, then the outputs, through NetworkBuilder. */
    private Network reducedByBuilder(Network input) {
        NetworkBuilder b = Network.builder(input.activation(), inputNames).outputActivation(input.outputActivation());
        for (int l = 1; l <= depth; l++) {
            for (int i : aliveIndices(l)) {
                Map<String, Scalar> in = new LinkedHashMap<>();
                for (int j = 0; j < size[l - 1]; j++) {
                    double x = aliveNode(l - 1, j) ? w[l].get(i, j) : 0;
                    if (x != 0) {
                        in.put(id(l - 1, j), DoubleScalar.of(x));
                    }
                }
                b.node(id(l, i), l == depth, DoubleScalar.of(bias[l][i]), in);
            }
        }
        return b.build();
    }

    private int[] aliveIndices(int l) {
        int[] out = new int[size[l]];
        int n = 0;
        for (int i = 0; i < size[l]; i++) {
            if (aliveNode(l, i)) {
                out[n++] = i;
            }
        }
        return Arrays.copyOf(out, n);
    }

    private int rowsOf(int l) {
        int rows = 0;
        for (int p : w[l].rowPos) {
            rows += p >= 0 ? 1 : 0;
        }
        return rows;
    }

    private double[] keptBias(int l, int rows) {
        double[] out = new double[rows];
        int[] rp = w[l].rowPos;
        for (int i = 0; i < rp.length; i++) {
            if (rp[i] >= 0) {
                out[rp[i]] = bias[l][i];
            }
        }
        return out;
    }
}
