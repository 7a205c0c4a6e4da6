package org.nnid.equiv;

import java.util.ArrayList;
import java.util.List;

import org.nnid.activation.Activation;
import org.nnid.net.Block;
import org.nnid.net.Network;
import org.nnid.scalar.Interval;

/**
 * Proved bounds on every node of A and B, and on every difference neuron Δ = z_A − z_B when the
 * graphs are the same, by back-substitution (DeepPoly; for Δ, ReluDiff/NeuroDiff; docs/math.md
 * §6.5). Each node keeps a lower and an upper line in its own pre-activation (for Δ, in Δz); a
 * node's pre-activation is bounded by expanding it into its sources and replacing every source,
 * highest node first, by the line its coefficient's sign asks for, down to the inputs, where the
 * form is bounded over the box. So the dependency between a node's lower and upper bound survives
 * negative weights, which forward propagation loses.
 *
 * <p>Floating point: the substitution runs in round-to-nearest. Every entry of the coefficient
 * vector is a sum of at most T rounded products, so its error is at most γ_T times the sum of
 * the magnitudes of its terms (Higham §3.1); that error counts times the magnitude bound of the
 * node the entry multiplies, so each added term contributes |term|·mag(node) to a running total W,
 * and γ_T·W (with every weight radius times its source's magnitude) is subtracted from the final
 * constant. Every line is valid for the stored doubles ({@link SoundLines}), so the bound is proved
 * and the same number on every machine. Instances are immutable; {@link #bound} may run on several
 * threads.
 */
final class BackSubstitution {

    /**
     * One block, prepared: sources, weights, biases, whether its nodes are affine (outputs without
     * an output activation) and whether they are outputs.
     */
    private record Level(int start, int size, int[] sources, Coefficients w, Coefficients b, boolean affine,
            boolean output, int firstSource, boolean contiguous) {
        static Level of(Block blk, Coefficients w, Coefficients b, boolean affine) {
            int[] src = blk.sources();
            boolean contiguous = src.length > 0 && src[src.length - 1] - src[0] == src.length - 1;
            return new Level(blk.start(), blk.size(), src, w, b, affine, blk.output(), src.length > 0 ? src[0] : 0,
                    contiguous);
        }

        int width() {
            return sources.length;
        }

        /** c[source k] += p·w[row + k] and e[source k] += p·x[row + k] for every k, in one pass (Δz's two rows). */
        void addRows(double[] c, double[] w, double[] e, double[] x, double p, int row) {
            int width = sources.length;
            if (contiguous) {
                int base = firstSource;
                for (int k = 0; k < width; k++) {
                    c[base + k] += p * w[row + k];
                    e[base + k] += p * x[row + k];
                }
            } else {
                for (int k = 0; k < width; k++) {
                    c[sources[k]] += p * w[row + k];
                    e[sources[k]] += p * x[row + k];
                }
            }
        }

        /** c[source k] += p·w[row + k] for every k; a plain loop when the sources are consecutive (a dense layer). */
        void addRow(double[] c, double p, double[] w, int row) {
            int width = sources.length;
            if (contiguous) {
                int base = firstSource;
                for (int k = 0; k < width; k++) {
                    c[base + k] += p * w[row + k];
                }
            } else {
                for (int k = 0; k < width; k++) {
                    c[sources[k]] += p * w[row + k];
                }
            }
        }
    }

    private record Net(Network net, List<Level> levels, int nodes, Activation rho) {
        static Net of(Network n) {
            List<Level> levels = new ArrayList<>();
            for (Block blk : n.blocks()) {
                levels.add(Level.of(blk, Coefficients.of(blk.weights()), Coefficients.of(blk.bias()),
                        blk.output() && !n.outputActivation()));
            }
            return new Net(n, levels, n.nodeCount(), n.activation());
        }

        boolean relu() {
            return rho.name().equals("relu");
        }

        boolean identity() {
            return rho.name().equals("identity");
        }
    }

    /**
     * Proved facts of one box for one network (or for Δ): ranges of every node before (z) and
     * after (h) ρ, the lines h ≥ lowS·z + lowC and h ≤ upS·z + upC, and for the rounding bound
     * spread = Σ|w|·mag(source) + |b| and radius = Σ rad(w)·mag(source) + rad(b).
     */
    static final class Nodes {
        final double[] zlo;
        final double[] zhi;
        final double[] hlo;
        final double[] hhi;
        final double[] magH;
        final double[] magZ;
        final double[] lowS;
        final double[] lowC;
        final double[] upS;
        final double[] upC;
        final double[] spread;
        final double[] radius;
        /** The largest magnitude of any node so far: what an underflowing product can cost. */
        double largest;

        Nodes(int n) {
            zlo = new double[n];
            zhi = new double[n];
            hlo = new double[n];
            hhi = new double[n];
            magH = new double[n];
            magZ = new double[n];
            lowS = new double[n];
            lowC = new double[n];
            upS = new double[n];
            upC = new double[n];
            spread = new double[n];
            radius = new double[n];
        }

        void setLines(int v, SoundLines.Line low, SoundLines.Line up) {
            lowS[v] = low.slope();
            lowC[v] = low.shift();
            upS[v] = up.slope();
            upC[v] = up.shift();
        }

        void setH(int v, double lo, double hi) {
            hlo[v] = lo;
            hhi[v] = hi;
            magH[v] = Math.max(Math.abs(lo), Math.abs(hi));
            largest = Math.max(largest, magH[v]);
        }

        /** magZ from the range, and the largest magnitude so far. */
        void setMagZ(int v) {
            magZ[v] = Math.max(Math.abs(zlo[v]), Math.abs(zhi[v]));
            largest = Math.max(largest, magZ[v]);
        }
    }

    /**
     * Pre-activation ranges of the nodes of A, B and (when differential, else null) Δ, already
     * proved for the box by another method (the forward forms) or for a box containing it (the
     * parent in a split tree). Every range computed here is intersected with them, and a hidden
     * ReLU node they show stable needs no substitution, since a stable node's lines (h = z or
     * h = 0) do not depend on its range.
     */
    record KnownRanges(double[] zloA, double[] zhiA, double[] zloB, double[] zhiB, double[] zloD, double[] zhiD)
            implements BoxBounder.Carry {

        /** No ranges known. */
        static final KnownRanges NONE = new KnownRanges(null, null, null, null, null, null);

        /** Both sets of ranges hold on the box, so their intersection does. */
        KnownRanges intersect(KnownRanges o) {
            return new KnownRanges(max(zloA, o.zloA), min(zhiA, o.zhiA), max(zloB, o.zloB), min(zhiB, o.zhiB),
                    max(zloD, o.zloD), min(zhiD, o.zhiD));
        }

        // A NaN (an overflowed range) is no information: the other side is kept.
        private static double[] max(double[] x, double[] y) {
            if (x == null || y == null) {
                return x == null ? y : x;
            }
            double[] r = new double[x.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = y[i] > x[i] || Double.isNaN(x[i]) ? y[i] : x[i];
            }
            return r;
        }

        private static double[] min(double[] x, double[] y) {
            if (x == null || y == null) {
                return x == null ? y : x;
            }
            double[] r = new double[x.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = y[i] < x[i] || Double.isNaN(x[i]) ? y[i] : x[i];
            }
            return r;
        }
    }

    /** All proved node facts of one box; {@code d} is null unless the pair is differential. */
    record Facts(Nodes a, Nodes b, Nodes d, double value, int splitDimension) {
        /** The proved pre-activation ranges, for the boxes inside this one (none when the bound overflowed). */
        KnownRanges ranges() {
            return a == null ? null : new KnownRanges(a.zlo, a.zhi, b.zlo, b.zhi, d == null ? null : d.zlo,
                    d == null ? null : d.zhi);
        }
    }

    private final Net a;
    private final Net b;
    private final Coefficients[] dw;
    private final Coefficients[] db;
    private final int m;
    /** γ_T for the longest sum any entry can be: every node of A, B and Δ adds at most one term per entry. */
    private final double gamma;

    BackSubstitution(Network a, Network b, boolean differential) {
        this.a = Net.of(a);
        this.b = Net.of(b);
        this.m = a.inputCount();
        dw = differential ? Coefficients.weightDifferences(a, b) : null;
        db = differential ? Coefficients.biasDifferences(a, b) : null;
        this.gamma = SoundForms.gamma(8 * (a.nodeCount() + b.nodeCount()) + 16);
    }

    boolean differential() {
        return dw != null;
    }

    /** Which part of the coefficient vector a substitution works on. */
    private enum Part { A, B, D }

    /** Scratch of one bound: coefficient vectors on the nodes of A, B and Δ, the constant, the rounding totals. */
    private final class Work {
        final SoundForms f;
        final double[] ca;
        final double[] cb;
        final double[] cd;
        final double[] form;
        /** The form of the last upper substitution of {@link #boundPre} (w.form then holds the lower one). */
        final double[] upperForm;
        /** The Δz forms of the output nodes, by node, kept for the choice of the cut. */
        final java.util.Map<Integer, double[]> keptLower = new java.util.HashMap<>();
        final java.util.Map<Integer, double[]> keptUpper = new java.util.HashMap<>();
        double c0;
        /** Σ |term|·mag(node the term's entry multiplies): times γ, the rounding error. */
        double weighted;
        /** Weight radii times source magnitudes: exact error terms, not rounding. */
        double extra;
        /** Products computed: each may underflow by 2^-1075 beyond its relative error. */
        long products;

        final Nodes na;
        final Nodes nb;
        final Nodes nd;

        Work(SoundForms f, Nodes na, Nodes nb, Nodes nd) {
            this.f = f;
            this.na = na;
            this.nb = nb;
            this.nd = nd;
            ca = new double[a.nodes];
            cb = new double[b.nodes];
            cd = differential() ? new double[a.nodes] : null;
            form = new double[f.stride];
            upperForm = new double[f.stride];
        }

        /** Keeps the forms of node v's last {@link #boundPre}. */
        void keepForms(int v) {
            keptLower.put(v, form.clone());
            keptUpper.put(v, upperForm.clone());
        }

        void reset() {
            java.util.Arrays.fill(ca, 0);
            java.util.Arrays.fill(cb, 0);
            if (cd != null) {
                java.util.Arrays.fill(cd, 0);
            }
            c0 = 0;
            weighted = 0;
            extra = 0;
            products = 0;
        }

        Nodes nodes(Part part) {
            return part == Part.A ? na : part == Part.B ? nb : nd;
        }
    }

    /** The bound of max_k |A_k − B_k| over [lo, hi], with every node's proved facts; +∞ when it overflows. */
    Facts facts(double[] lo, double[] hi) {
        return facts(lo, hi, KnownRanges.NONE);
    }

    /** The same, using ranges already proved for the box (or a box containing it). */
    Facts facts(double[] lo, double[] hi, KnownRanges known) {
        SoundForms f = new SoundForms(lo, hi);
        Nodes na = new Nodes(a.nodes);
        Nodes nb = new Nodes(b.nodes);
        Nodes nd = differential() ? new Nodes(a.nodes) : null;
        Work w = new Work(f, na, nb, nd);
        for (int j = 0; j < m; j++) {
            na.setH(j, lo[j], hi[j]);
            nb.setH(j, lo[j], hi[j]);
            if (nd != null) {
                nd.setH(j, 0, 0);
            }
        }
        double[] outLower = new double[f.stride];
        double[] outUpper = new double[f.stride];
        double worst = 0;
        int split = 0;
        if (differential()) {
            for (int li = 0; li < a.levels.size(); li++) {
                Level la = a.levels.get(li);
                Level lb = b.levels.get(li);
                for (int r = 0; r < la.size; r++) {
                    int v = la.start + r;
                    prepare(la, r, na);
                    prepare(lb, r, nb);
                    prepareDifference(la, li, r, nd, nb);
                    boolean hiddenRelu = !la.affine && a.relu();
                    if (!(hiddenRelu && stableByKnown(w, Part.A, li, r, na, known.zloA(), known.zhiA()))) {
                        boundPre(w, Part.A, li, r, na, hiddenRelu);
                    }
                    within(na, v, known.zloA(), known.zhiA());
                    if (!(hiddenRelu && stableByKnown(w, Part.B, li, r, nb, known.zloB(), known.zhiB()))) {
                        boundPre(w, Part.B, li, r, nb, hiddenRelu);
                    }
                    if (hiddenRelu && stableInBoth(na, nb, v)) {
                        boundStableDifference(w, li, r, nd);
                    } else {
                        boundPre(w, Part.D, li, r, nd, false);
                        if (la.output) { // keep an output's Δz forms: the cut is chosen from them
                            w.keepForms(v);
                        }
                    }
                    within(nb, v, known.zloB(), known.zhiB());
                    within(nd, v, known.zloD(), known.zhiD());
                    if (!finite(na, v) || !finite(nb, v) || !finite(nd, v)) {
                        return infinite(f);
                    }
                    tighten(na, nb, nd, v);
                    relax(a, la.affine, na, v);
                    relax(b, lb.affine, nb, v);
                    relaxDifference(la.affine, na, nb, nd, v);
                }
            }
            for (int k = 0; k < a.net.outputCount(); k++) {
                int v = a.net.outputNode(k);
                double dlo = Math.max(nd.hlo[v], Math.nextDown(na.hlo[v] - nb.hhi[v]));
                double dhi = Math.min(nd.hhi[v], Math.nextUp(na.hhi[v] - nb.hlo[v]));
                double mag = Math.max(-dlo, dhi);
                if (Double.isNaN(mag)) {
                    return infinite(f);
                }
                if (mag > worst || k == 0) {
                    worst = mag;
                    // where the output's Δz forms lean on the inputs most
                    if (!w.keptLower.containsKey(v)) { // a relu output stable in both: no Δz substitution ran
                        w.keptLower.put(v, outputForm(w, v, true));
                        w.keptUpper.put(v, outputForm(w, v, false));
                    }
                    split = f.splitDimension(w.keptLower.get(v), 0, w.keptUpper.get(v), 0);
                }
            }
            return new Facts(na, nb, nd, worst, split);
        }
        for (Net n : List.of(a, b)) {
            Nodes nn = n == a ? na : nb;
            Part part = n == a ? Part.A : Part.B;
            for (int li = 0; li < n.levels.size(); li++) {
                Level l = n.levels.get(li);
                for (int r = 0; r < l.size; r++) {
                    int v = l.start + r;
                    prepare(l, r, nn);
                    boolean hiddenRelu = !l.affine && n.relu();
                    if (!(hiddenRelu && stableByKnown(w, part, li, r, nn, n == a ? known.zloA() : known.zloB(),
                            n == a ? known.zhiA() : known.zhiB()))) {
                        boundPre(w, part, li, r, nn, hiddenRelu);
                    }
                    within(nn, v, n == a ? known.zloA() : known.zloB(), n == a ? known.zhiA() : known.zhiB());
                    if (!finite(nn, v)) {
                        return infinite(f);
                    }
                    relax(n, l.affine, nn, v);
                }
            }
        }
        for (int k = 0; k < a.net.outputCount(); k++) {
            // A_k − B_k substituted jointly: the inputs they share keep their dependency
            double dlo = jointOutput(w, k, true, na, nb, outLower);
            double dhi = jointOutput(w, k, false, na, nb, outUpper);
            double mag = Math.max(-dlo, dhi);
            if (Double.isNaN(mag)) {
                return infinite(f);
            }
            if (mag > worst || k == 0) {
                worst = mag;
                split = f.splitDimension(outLower, 0, outUpper, 0);
            }
        }
        return new Facts(na, nb, null, worst, split);
    }

    private Facts infinite(SoundForms f) {
        return new Facts(null, null, null, Double.POSITIVE_INFINITY, f.splitDimension(new double[f.stride], 0,
                new double[f.stride], 0));
    }

    /** Both inactive, or both active. */
    private static boolean stableInBoth(Nodes na, Nodes nb, int v) {
        return (na.zhi[v] <= 0 && nb.zhi[v] <= 0) || (na.zlo[v] >= 0 && nb.zlo[v] >= 0);
    }

    /** Node v's range intersected with a known one (none: unchanged). */
    private static void within(Nodes n, int v, double[] kLo, double[] kHi) {
        if (kLo != null) {
            if (kLo[v] > n.zlo[v]) { // false for NaN: an overflowed range is no information
                n.zlo[v] = kLo[v];
            }
            if (kHi[v] < n.zhi[v]) {
                n.zhi[v] = kHi[v];
            }
            n.setMagZ(v);
        }
    }

    private static boolean finite(Nodes n, int v) {
        return Double.isFinite(n.zlo[v]) && Double.isFinite(n.zhi[v]) && n.zlo[v] <= n.zhi[v];
    }

    // ------------------------------------------------------------------------------ rounding totals

    /** spread and radius of node r of a level, from its sources' magnitudes (rounded up). */
    private static void prepare(Level l, int r, Nodes n) {
        int v = l.start + r;
        int row = r * l.width();
        double[] w = l.w.mid();
        double[] rad = l.w.rad();
        double spread = Math.abs(l.b.mid()[r]);
        double radius = l.b.rad() == null ? 0 : l.b.rad()[r];
        for (int k = 0; k < l.width(); k++) {
            double mag = n.magH[l.sources[k]];
            spread += Math.abs(w[row + k]) * mag;
            if (rad != null) {
                radius += rad[row + k] * mag;
            }
        }
        double up = 1 + SoundForms.gamma(l.width() + 2);
        n.spread[v] = Math.nextUp(spread * up);
        n.radius[v] = Math.nextUp(radius * up);
    }

    /** The same for Δz = W_A·Δh + (W_A − W_B)·h_B + (b_A − b_B). */
    private void prepareDifference(Level la, int li, int r, Nodes nd, Nodes nb) {
        int v = la.start + r;
        int row = r * la.width();
        double[] w = la.w.mid();
        double[] rad = la.w.rad();
        double[] d = dw[li].mid();
        double[] drad = dw[li].rad();
        double spread = Math.abs(db[li].mid()[r]);
        double radius = db[li].rad() == null ? 0 : db[li].rad()[r];
        for (int k = 0; k < la.width(); k++) {
            int src = la.sources[k];
            spread += Math.abs(w[row + k]) * nd.magH[src] + Math.abs(d[row + k]) * nb.magH[src];
            if (rad != null) {
                radius += rad[row + k] * nd.magH[src];
            }
            if (drad != null) {
                radius += drad[row + k] * nb.magH[src];
            }
        }
        double up = 1 + SoundForms.gamma(2 * la.width() + 2);
        nd.spread[v] = Math.nextUp(spread * up);
        nd.radius[v] = Math.nextUp(radius * up);
    }

    // ------------------------------------------------------------------------------ substitution

    /**
     * Proved range [zlo, zhi] of the pre-activation of node r of level li in the given part. For a
     * hidden ReLU node whose upper bound is ≤ 0 the lower bound does not matter (the node is 0 on
     * the box): it is then taken from interval arithmetic, which costs no substitution.
     */
    private void boundPre(Work w, Part part, int li, int r, Nodes n, boolean hiddenRelu) {
        int v = levels(part).get(li).start + r;
        n.zhi[v] = substituted(w, part, li, r, false);
        System.arraycopy(w.form, 0, w.upperForm, 0, w.form.length);
        n.zlo[v] = hiddenRelu && n.zhi[v] <= 0 ? Math.min(intervalLow(part, li, r, w), n.zhi[v])
                : substituted(w, part, li, r, true);
        n.setMagZ(v);
    }

    /**
     * Whether the known range shows the hidden ReLU node stable; if so its range is that range
     * intersected with interval arithmetic over its sources' proved ranges, and no substitution runs.
     */
    private boolean stableByKnown(Work w, Part part, int li, int r, Nodes n, double[] kLo, double[] kHi) {
        int v = levels(part).get(li).start + r;
        if (kLo == null || !(kHi[v] <= 0 || kLo[v] >= 0)) {
            return false;
        }
        n.zlo[v] = intervalLow(part, li, r, w);
        n.zhi[v] = intervalHigh(part, li, r, w);
        within(n, v, kLo, kHi);
        return true;
    }

    /** One side of the pre-activation of node r of level li, substituted down to the inputs. */
    private double substituted(Work w, Part part, int li, int r, boolean lower) {
        w.reset();
        expand(w, part, li, r, 1);
        return substitute(w, li - 1, lower);
    }

    /**
     * The Δz range of a hidden ReLU node that is stable in both networks (both active: Δh = Δz;
     * both inactive: Δh = 0): its lines do not depend on the range, which then only enters the
     * rounding totals, so interval arithmetic over the sources' ranges is enough.
     */
    private void boundStableDifference(Work w, int li, int r, Nodes nd) {
        int v = a.levels.get(li).start + r;
        nd.zlo[v] = intervalLow(Part.D, li, r, w);
        nd.zhi[v] = intervalHigh(Part.D, li, r, w);
        nd.setMagZ(v);
    }

    private double intervalLow(Part part, int li, int r, Work w) {
        return interval(part, li, r, w, true);
    }

    private double intervalHigh(Part part, int li, int r, Work w) {
        return interval(part, li, r, w, false);
    }

    /**
     * Σ w·[source range] + b in round-to-nearest, then moved outwards by γ·spread (every term's
     * magnitude is at most its weight times its source's magnitude) plus the weight radii.
     */
    private double interval(Part part, int li, int r, Work w, boolean lower) {
        Level l = levels(part).get(li);
        int row = r * l.width();
        int v = l.start + r;
        Nodes n = w.nodes(part);
        double sum;
        if (part == Part.D) {
            sum = db[li].mid()[r] + side(l, row, l.w.mid(), w.nd, lower) + side(l, row, dw[li].mid(), w.nb, lower);
        } else {
            sum = l.b.mid()[r] + side(l, row, l.w.mid(), n, lower);
        }
        double underflow = (2.0 * l.width() + 2) * Double.MIN_VALUE * (1 + Math.max(w.nb.largest,
                Math.max(w.na.largest, w.nd == null ? 0 : w.nd.largest)));
        double err = Math.nextUp((gamma * n.spread[v] + n.radius[v] + underflow + Double.MIN_NORMAL) * (1 + gamma));
        return lower ? Math.nextDown(sum - err) : Math.nextUp(sum + err);
    }

    /** Σ_k w_k·(the end of source k's range that makes the sum smallest, or largest). */
    private static double side(Level l, int row, double[] wm, Nodes src, boolean lower) {
        double sum = 0;
        for (int k = 0; k < l.width(); k++) {
            double wk = wm[row + k];
            int s = l.sources[k];
            sum += wk * ((wk >= 0) == lower ? src.hlo[s] : src.hhi[s]);
        }
        return sum;
    }

    private List<Level> levels(Part part) {
        return part == Part.B ? b.levels : a.levels;
    }

    /**
     * Adds p·z to the work for node r of level li of the part, z = Σ w·source + b (for Δ, with the
     * B sources through W_A − W_B): each term's magnitude times its node's goes to the rounding total.
     */
    private void expand(Work w, Part part, int li, int r, double p) {
        Level l = levels(part).get(li);
        int row = r * l.width();
        double[] wm = l.w.mid();
        double ap = Math.abs(p);
        Nodes n = w.nodes(part);
        int v = l.start + r;
        w.weighted += ap * n.spread[v];
        w.extra += ap * n.radius[v];
        w.products += 2L * l.width() + 2;
        if (part == Part.D) {
            w.c0 += p * db[li].mid()[r];
            l.addRows(w.cd, wm, w.cb, dw[li].mid(), p, row);
        } else {
            w.c0 += p * l.b.mid()[r];
            l.addRow(part == Part.A ? w.ca : w.cb, p, wm, row);
        }
    }

    /**
     * Replaces every node of levels ≤ top by its line (Δ first, as it feeds B; then B; then A),
     * highest first, and bounds the resulting form on the inputs over the box.
     */
    private double substitute(Work w, int top, boolean lower) {
        if (differential()) {
            substitutePart(w, Part.D, w.cd, top, lower);
        }
        substitutePart(w, Part.B, w.cb, top, lower);
        substitutePart(w, Part.A, w.ca, top, lower);
        double[] form = w.form;
        for (int j = 0; j < m; j++) {
            double x = w.ca[j];
            double y = w.cb[j];
            form[j] = x + y; // A and B read the same x; Δx = 0
            if (x != 0 && y != 0) {
                w.weighted += (Math.abs(x) + Math.abs(y)) * w.na.magH[j];
            }
        }
        form[m] = w.c0;
        double largest = Math.max(w.na.largest, Math.max(w.nb.largest, w.nd == null ? 0 : w.nd.largest));
        double underflow = (w.products + 2 * m + 2) * Double.MIN_VALUE * (1 + largest);
        double slack = Math.nextUp((gamma * w.weighted + w.extra * (1 + gamma) + underflow + Double.MIN_NORMAL)
                * (1 + gamma));
        return lower ? Math.nextDown(w.f.lower(form, 0) - slack) : Math.nextUp(w.f.upper(form, 0) + slack);
    }

    private void substitutePart(Work w, Part part, double[] c, int top, boolean lower) {
        List<Level> levels = levels(part);
        Nodes n = w.nodes(part);
        for (int li = Math.min(top, levels.size() - 1); li >= 0; li--) {
            Level l = levels.get(li);
            for (int r = 0; r < l.size; r++) {
                int v = l.start + r;
                double g = c[v];
                if (g == 0) {
                    continue;
                }
                c[v] = 0;
                boolean low = (g > 0) == lower;
                double s = low ? n.lowS[v] : n.upS[v];
                double shift = low ? n.lowC[v] : n.upC[v];
                if (shift != 0) {
                    double t = g * shift;
                    w.c0 += t;
                    w.weighted += Math.abs(t);
                }
                if (s == 0) {
                    continue;
                }
                double p = g;
                if (s != 1) {
                    p = g * s;
                    w.weighted += Math.abs(p) * n.magZ[v]; // p's own rounding, times |z|
                }
                expand(w, part, li, r, p);
            }
        }
    }

    /** The Δz form (on the inputs) of output node v from below or above, substituted down to the inputs. */
    private double[] outputForm(Work w, int v, boolean lower) {
        int li = levelOf(a.levels, v);
        w.reset();
        expand(w, Part.D, li, v - a.levels.get(li).start, 1);
        substitute(w, li - 1, lower);
        return w.form.clone();
    }

    /** A bound of A_k − B_k from below or above, substituting both networks down to the shared inputs. */
    private double jointOutput(Work w, int k, boolean lower, Nodes na, Nodes nb, double[] out) {
        int va = a.net.outputNode(k);
        int vb = b.net.outputNode(k);
        w.reset();
        w.ca[va] = 1;
        w.cb[vb] = -1;
        w.weighted += na.magH[va] + nb.magH[vb];
        double value = substitute(w, Math.max(a.levels.size(), b.levels.size()) - 1, lower);
        System.arraycopy(w.form, 0, out, 0, w.form.length);
        double plain = lower ? Math.nextDown(na.hlo[va] - nb.hhi[vb]) : Math.nextUp(na.hhi[va] - nb.hlo[vb]);
        return lower ? Math.max(value, plain) : Math.min(value, plain);
    }

    private static int levelOf(List<Level> levels, int v) {
        for (int i = levels.size() - 1; i >= 0; i--) {
            if (levels.get(i).start <= v) {
                return i;
            }
        }
        throw new IllegalArgumentException("node " + v + " is an input");
    }

    // ------------------------------------------------------------------------------ lines

    /** z_A = z_B + Δ, z_B = z_A − Δ, Δ = z_A − z_B: each range can only shrink by the other two. */
    private static void tighten(Nodes na, Nodes nb, Nodes nd, int v) {
        double alo = Math.nextDown(nb.zlo[v] + nd.zlo[v]);
        double ahi = Math.nextUp(nb.zhi[v] + nd.zhi[v]);
        double blo = Math.nextDown(na.zlo[v] - nd.zhi[v]);
        double bhi = Math.nextUp(na.zhi[v] - nd.zlo[v]);
        double dlo = Math.nextDown(na.zlo[v] - nb.zhi[v]);
        double dhi = Math.nextUp(na.zhi[v] - nb.zlo[v]);
        na.zlo[v] = Math.max(na.zlo[v], alo);
        na.zhi[v] = Math.min(na.zhi[v], ahi);
        nb.zlo[v] = Math.max(nb.zlo[v], blo);
        nb.zhi[v] = Math.min(nb.zhi[v], bhi);
        nd.zlo[v] = Math.max(nd.zlo[v], dlo);
        nd.zhi[v] = Math.min(nd.zhi[v], dhi);
        for (Nodes n : new Nodes[] {na, nb, nd}) {
            n.setMagZ(v);
        }
    }

    /** Lines and range of h = ρ(z) at node v: exact when stable, else the triangle (ReLU) or the monotone lines. */
    private static void relax(Net n, boolean affine, Nodes nn, int v) {
        double l = nn.zlo[v];
        double u = nn.zhi[v];
        if (affine || n.identity()) {
            nn.setLines(v, SoundLines.Line.IDENTITY, SoundLines.Line.IDENTITY);
            nn.setH(v, l, u);
        } else if (n.relu()) {
            if (u <= 0) {
                nn.setLines(v, SoundLines.Line.ZERO, SoundLines.Line.ZERO);
            } else if (l >= 0) {
                nn.setLines(v, SoundLines.Line.IDENTITY, SoundLines.Line.IDENTITY);
            } else { // DeepPoly: lower slope 0 or 1 by the smaller area, upper the chord
                nn.setLines(v, u > -l ? SoundLines.Line.IDENTITY : SoundLines.Line.ZERO,
                        SoundLines.upperChord(l, u, 0, 1));
            }
            nn.setH(v, Math.max(0, l), Math.max(0, u));
        } else {
            nn.setLines(v, SoundLines.lowerMonotone(n.rho, l, u), SoundLines.upperMonotone(n.rho, l, u));
            nn.setH(v, n.rho.apply(Interval.point(l)).lo(), n.rho.apply(Interval.point(u)).hi());
        }
    }

    /**
     * Lines (in Δz) and range of Δh = ρ(z_A) − ρ(z_B) at node v. Δh = s·Δz with s in the slope
     * enclosure [sLo, sHi] of ρ over both pre-activations, so Δh lies between min(sLo·t, sHi·t)
     * and max(sLo·t, sHi·t) at t = Δz: the chords of those over Δz's range; ReLU adds the exact
     * cases (A or B stable). When the proved constant range of Δh has the smaller area, the
     * node enters as a fresh variable of that range (NeuroDiff) instead of its chord.
     */
    private void relaxDifference(boolean affine, Nodes na, Nodes nb, Nodes nd, int v) {
        double l = nd.zlo[v];
        double u = nd.zhi[v];
        if (affine || a.identity()) {
            nd.setLines(v, SoundLines.Line.IDENTITY, SoundLines.Line.IDENTITY);
            nd.setH(v, l, u);
            return;
        }
        SoundLines.Line low;
        SoundLines.Line up;
        double hlo;
        double hhi;
        if (a.relu()) {
            boolean aOn = na.zlo[v] >= 0;
            boolean aOff = na.zhi[v] <= 0;
            boolean bOn = nb.zlo[v] >= 0;
            boolean bOff = nb.zhi[v] <= 0;
            if (aOff && bOff) {
                nd.setLines(v, SoundLines.Line.ZERO, SoundLines.Line.ZERO);
                nd.setH(v, 0, 0);
                return;
            }
            if (aOn && bOn) { // Δh = Δz exactly
                nd.setLines(v, SoundLines.Line.IDENTITY, SoundLines.Line.IDENTITY);
                nd.setH(v, Math.max(l, Math.nextDown(na.zlo[v] - nb.zhi[v])),
                        Math.min(u, Math.nextUp(na.zhi[v] - nb.zlo[v])));
                return;
            }
            // relu(z_A) − relu(z_B) lies between min(0, Δz) and max(0, Δz)
            up = aOn || l >= 0 ? SoundLines.Line.IDENTITY // z_A ≥ 0: Δh = z_A − relu(z_B) ≤ Δz
                    : aOff || u <= 0 ? SoundLines.Line.ZERO // z_A ≤ 0: Δh = −relu(z_B) ≤ 0
                    : SoundLines.upperChord(l, u, 0, 1);
            low = bOn || u <= 0 ? SoundLines.Line.IDENTITY // z_B ≥ 0: Δh = relu(z_A) − z_B ≥ Δz
                    : bOff || l >= 0 ? SoundLines.Line.ZERO // z_B ≤ 0: Δh = relu(z_A) ≥ 0
                    : SoundLines.lowerChord(l, u, 0, 1);
            hhi = aOn ? u : aOff ? 0 : Math.max(0, u);
            hlo = bOn ? l : bOff ? 0 : Math.min(0, l);
        } else {
            Interval slope = SoundLines.slopes(a.rho, Interval.of(Math.min(na.zlo[v], nb.zlo[v]),
                    Math.max(na.zhi[v], nb.zhi[v])));
            double sLo = Math.max(0, slope.lo());
            double sHi = Math.max(sLo, slope.hi());
            up = u <= 0 ? new SoundLines.Line(sLo, 0) : l >= 0 ? new SoundLines.Line(sHi, 0)
                    : SoundLines.upperChord(l, u, sLo, sHi);
            low = l >= 0 ? new SoundLines.Line(sLo, 0) : u <= 0 ? new SoundLines.Line(sHi, 0)
                    : SoundLines.lowerChord(l, u, sLo, sHi);
            hhi = Math.nextUp(Math.max(sLo * u, sHi * u));
            hlo = Math.nextDown(Math.min(sLo * l, sHi * l));
        }
        hlo = Math.max(hlo, Math.nextDown(na.hlo[v] - nb.hhi[v]));
        hhi = Math.min(hhi, Math.nextUp(na.hhi[v] - nb.hlo[v]));
        if (hhi < up.mean(l, u)) {
            up = SoundLines.Line.constant(hhi);
        }
        if (hlo > low.mean(l, u)) {
            low = SoundLines.Line.constant(hlo);
        }
        nd.setLines(v, low, up);
        nd.setH(v, hlo, hhi);
    }
}
