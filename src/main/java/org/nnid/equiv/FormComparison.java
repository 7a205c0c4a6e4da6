package org.nnid.equiv;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.nnid.net.Network;
import org.nnid.scalar.Scalar;

/**
 * Compares two canonical forms value by value, up to a relabelling of hidden nodes: the largest
 * relative difference |x − y| / max(|x|, |y|) of corresponding values, after matching every hidden
 * node of A to a node of B on the same level with the same (matched) sources, level by level.
 * Nodes are matched by id first, and otherwise to the closest unmatched node, because two
 * canonical forms of nearly equal double networks can order near-tied units differently. A
 * matching is a relabelling (move M1), so values within T under it mean "equal within T"; a
 * greedy matching that fails only makes the comparison stricter, never wrong.
 *
 * <p>Purely relative, unlike the rewrite engine's max(1, |x|, |y|): normal forms rescale units
 * (relu, abs, exp), and only a relative measure is the same before and after rescaling, so that a
 * weight changed by 1e−9 stays a change of 1e−9 however small the weight was. A 0 against any
 * nonzero value, and exact values that differ, are an infinite difference.
 */
record FormComparison(Optional<String> structuralDifference, double largestDifference, String where) {

    boolean sameGraph() {
        return structuralDifference.isEmpty();
    }

    boolean within(double tolerance) {
        return sameGraph() && largestDifference <= tolerance;
    }

    static FormComparison of(Network a, Network b) {
        return of(a, b, false, 0);
    }

    /**
     * @param positiveScaling compare modulo positive rescaling of hidden units, which must be
     *                        symmetries of ρ (relu, leaky relu: ρ(λt) = λρ(t) for λ &gt; 0): every
     *                        hidden row is divided by its largest effective entry, and every edge
     *                        out of a hidden node multiplied by that node's scale
     * @param tolerance       a node whose namesake in B is within this is matched to it without a
     *                        search for a closer one (the search costs a pass over the level)
     */
    static FormComparison of(Network a, Network b, boolean positiveScaling, double tolerance) {
        Optional<FormComparison> fast = layeredDoubles(a, b, tolerance);
        if (fast.isPresent()) {
            return fast.get();
        }
        Scales sa = positiveScaling ? Scales.of(a) : null;
        Scales sb = positiveScaling ? Scales.of(b) : null;
        if (a.inputCount() != b.inputCount() || a.outputCount() != b.outputCount()) {
            return structural("input or output counts differ");
        }
        if (a.outputActivation() != b.outputActivation()) {
            return structural("one applies the activation at its outputs, the other does not");
        }
        if (a.nodeCount() != b.nodeCount()) {
            return structural("A's canonical form has " + a.hiddenCount() + " hidden nodes, B's " + b.hiddenCount());
        }
        Map<Integer, Integer> match = new HashMap<>();
        for (int i = 0; i < a.inputCount(); i++) {
            match.put(i, i);
        }
        TreeMap<Integer, List<Integer>> levelsA = hiddenByLevel(a);
        TreeMap<Integer, List<Integer>> levelsB = hiddenByLevel(b);
        if (!sizes(levelsA).equals(sizes(levelsB))) {
            return structural("the canonical forms have different numbers of hidden nodes per level: "
                    + sizes(levelsA) + " vs " + sizes(levelsB));
        }
        double largest = 0;
        String where = "";
        for (Map.Entry<Integer, List<Integer>> level : levelsA.entrySet()) {
            List<Integer> free = new ArrayList<>(levelsB.get(level.getKey()));
            for (int va : level.getValue()) {
                int byId = b.indexOf(a.id(va));
                int best = -1;
                double bestDiff = Double.POSITIVE_INFINITY;
                if (free.contains(byId)) {
                    best = byId;
                    bestDiff = rowDifference(a, va, b, byId, match, sa, sb);
                }
                if (!(bestDiff <= tolerance)) {
                    for (int vb : free) {
                        double d = rowDifference(a, va, b, vb, match, sa, sb);
                        if (d < bestDiff) {
                            best = vb;
                            bestDiff = d;
                        }
                    }
                }
                if (best < 0 || bestDiff == Double.POSITIVE_INFINITY && !sameSources(a, va, b, best, match)) {
                    return structural("node " + a.id(va) + " has no counterpart with the same sources in B");
                }
                free.remove(Integer.valueOf(best));
                match.put(va, best);
                if (bestDiff > largest) {
                    largest = bestDiff;
                    where = "node " + a.id(va) + " of A against " + b.id(best) + " of B";
                }
            }
        }
        for (int k = 0; k < a.outputCount(); k++) {
            int va = a.outputNode(k);
            int vb = b.outputNode(k);
            if (!sameSources(a, va, b, vb, match)) {
                return structural("output " + a.id(va) + " reads different nodes in A and B");
            }
            double d = rowDifference(a, va, b, vb, match, sa, sb);
            if (d > largest) {
                largest = d;
                where = "output " + a.id(va);
            }
        }
        return new FormComparison(Optional.empty(), largest, where);
    }

    /**
     * Two layered double networks of the same shape compared array by array, node i against node
     * i: the common case of canonical forms that agree, without building a map per node. Empty
     * when the shapes differ or some value is farther apart than the tolerance (then the matching
     * comparison decides).
     */
    private static Optional<FormComparison> layeredDoubles(Network a, Network b, double tolerance) {
        Optional<List<org.nnid.net.Layer>> la = a.asLayers();
        Optional<List<org.nnid.net.Layer>> lb = b.asLayers();
        if (la.isEmpty() || lb.isEmpty() || la.get().size() != lb.get().size()) {
            return Optional.empty();
        }
        double largest = 0;
        for (int l = 0; l < la.get().size(); l++) {
            org.nnid.net.Layer x = la.get().get(l);
            org.nnid.net.Layer y = lb.get().get(l);
            if (x.rows() != y.rows() || x.cols() != y.cols() || !(x.weights() instanceof org.nnid.scalar.ScalarArray.Doubles wx)
                    || !(y.weights() instanceof org.nnid.scalar.ScalarArray.Doubles wy)
                    || !(x.bias() instanceof org.nnid.scalar.ScalarArray.Doubles bx)
                    || !(y.bias() instanceof org.nnid.scalar.ScalarArray.Doubles by)) {
                return Optional.empty();
            }
            largest = Math.max(largest, largestRelative(wx, wy));
            largest = Math.max(largest, largestRelative(bx, by));
            if (!(largest <= tolerance)) {
                return Optional.empty();
            }
        }
        return Optional.of(new FormComparison(Optional.empty(), largest, "the layers, entry by entry"));
    }

    private static double largestRelative(org.nnid.scalar.ScalarArray.Doubles x, org.nnid.scalar.ScalarArray.Doubles y) {
        org.nnid.scalar.ReadOnlyDoubles p = x.asDoubles();
        org.nnid.scalar.ReadOnlyDoubles q = y.asDoubles();
        double d = 0;
        for (int i = 0; i < p.length(); i++) {
            if (p.get(i) != q.get(i)) {
                d = Math.max(d, relative(p.get(i), q.get(i)));
            }
        }
        return d;
    }

    static TreeMap<Integer, List<Integer>> hiddenByLevel(Network n) {
        int[] levels = n.levels();
        TreeMap<Integer, List<Integer>> byLevel = new TreeMap<>();
        for (int v = n.inputCount(); v < n.nodeCount(); v++) {
            if (n.isHidden(v)) {
                byLevel.computeIfAbsent(levels[v], k -> new ArrayList<>()).add(v);
            }
        }
        return byLevel;
    }

    private static Map<Integer, Integer> sizes(TreeMap<Integer, List<Integer>> byLevel) {
        Map<Integer, Integer> s = new TreeMap<>();
        byLevel.forEach((l, vs) -> s.put(l, vs.size()));
        return s;
    }

    private static boolean sameSources(Network a, int va, Network b, int vb, Map<Integer, Integer> match) {
        Map<Integer, Scalar> ia = a.incoming(va);
        Map<Integer, Scalar> ib = b.incoming(vb);
        if (ia.size() != ib.size()) {
            return false;
        }
        for (int src : ia.keySet()) {
            Integer m = match.get(src);
            if (m == null || !ib.containsKey(m)) {
                return false;
            }
        }
        return true;
    }

    /** The largest relative difference of bias and weights under the matching; infinite if the sources differ. */
    private static double rowDifference(Network a, int va, Network b, int vb, Map<Integer, Integer> match, Scales sa,
            Scales sb) {
        if (!sameSources(a, va, b, vb, match)) {
            return Double.POSITIVE_INFINITY;
        }
        if (sa != null) {
            return sa.rowDifference(va, sb, vb, match);
        }
        double d = difference(a.bias(va), b.bias(vb));
        Map<Integer, Scalar> ib = b.incoming(vb);
        for (Map.Entry<Integer, Scalar> e : a.incoming(va).entrySet()) {
            d = Math.max(d, difference(e.getValue(), ib.get(match.get(e.getKey()))));
            if (d == Double.POSITIVE_INFINITY) {
                break;
            }
        }
        return d;
    }

    /**
     * Hidden-unit scales for comparison modulo positive rescaling: a hidden node's effective entries
     * are its bias and its weights, each weight from a hidden source multiplied by that source's
     * scale; its scale is the largest magnitude among them (1 for outputs and all-zero rows).
     */
    private record Scales(Network net, double[] scale) {
        static Scales of(Network n) {
            double[] scale = new double[n.nodeCount()];
            java.util.Arrays.fill(scale, 1);
            Scales s = new Scales(n, scale);
            for (int v = n.inputCount(); v < n.nodeCount(); v++) {
                if (n.isHidden(v)) {
                    double m = 0;
                    for (double x : s.effective(v)) {
                        m = Math.max(m, Math.abs(x));
                    }
                    scale[v] = m > 0 ? m : 1;
                }
            }
            return s;
        }

        /** Bias first, then the weights in the order of incoming(v), before v's own scaling. */
        double[] effective(int v) {
            Map<Integer, Scalar> in = net.incoming(v);
            double[] e = new double[in.size() + 1];
            e[0] = net.bias(v).toDouble();
            int i = 1;
            for (Map.Entry<Integer, Scalar> w : in.entrySet()) {
                e[i++] = w.getValue().toDouble() * (net.isHidden(w.getKey()) ? scale[w.getKey()] : 1);
            }
            return e;
        }

        double rowDifference(int va, Scales other, int vb, Map<Integer, Integer> match) {
            double ka = net.isHidden(va) ? scale[va] : 1;
            double kb = other.net.isHidden(vb) ? other.scale[vb] : 1;
            double d = relative(net.bias(va).toDouble() / ka, other.net.bias(vb).toDouble() / kb);
            Map<Integer, Scalar> ib = other.net.incoming(vb);
            for (Map.Entry<Integer, Scalar> e : net.incoming(va).entrySet()) {
                int src = e.getKey();
                int srcB = match.get(src);
                double x = e.getValue().toDouble() * (net.isHidden(src) ? scale[src] : 1) / ka;
                double y = ib.get(srcB).toDouble() * (other.net.isHidden(srcB) ? other.scale[srcB] : 1) / kb;
                d = Math.max(d, relative(x, y));
            }
            return d;
        }
    }

    private static double relative(double p, double q) {
        return p == q ? 0 : Math.abs(p - q) / Math.max(Math.abs(p), Math.abs(q));
    }

    private static FormComparison structural(String why) {
        return new FormComparison(Optional.of(why), Double.POSITIVE_INFINITY, why);
    }

    private static double difference(Scalar x, Scalar y) {
        if (x.isExact() && y.isExact()) {
            return x.equals(y) || x.compareValue(y) == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        return relative(x.toDouble(), y.toDouble());
    }
}
