package org.nnid.equiv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.nnid.activation.Activation;
import org.nnid.net.Block;
import org.nnid.net.Network;
import org.nnid.scalar.Interval;

/**
 * A proved upper bound on max |A − B| over one input box, by symbolic linear bounds (docs/math.md
 * §6.5). Every node of A and of B gets a lower and an upper linear form in the inputs, pushed
 * forward layer by layer through the affine maps and through linear relaxations of ρ (for ReLU
 * the triangle relaxation, for tanh and logistic lines of the smallest slope over the range). When
 * A and B have the same graph (a quantised, re-exported or fine-tuned copy), every node's
 * difference Δ = z_A − z_B gets its own pair of forms, as the differential verifiers ReluDiff and
 * NeuroDiff do: Δz = W_A·Δh + (W_A − W_B)·h_B + (b_A − b_B), and Δh = ρ(z_A) − ρ(z_B) = s·Δz with s
 * in the slope enclosure of ρ over both pre-activations, relaxed by chords of max(s_lo·t, s_hi·t)
 * and min(s_lo·t, s_hi·t); ReLU adds the exact cases (one side active, the other inactive). Every
 * form is computed by {@link SoundForms}, so the bound is proved, and is the same on every machine.
 * Instances are immutable and may be shared by threads.
 */
final class DiffPropagation implements BoxBounder {
    private static final Set<String> RELAXED = Set.of("identity", "relu", "tanh", "logistic");

    /** One block of a network, prepared: weights, biases, whether its nodes are affine (outputs). */
    private record Level(Block block, Coefficients w, Coefficients b, boolean affine) {}

    /** One network, prepared. */
    private record Net(Network net, List<Level> levels, int nodes, Activation rho) {
        static Net of(Network n) {
            List<Level> levels = new ArrayList<>();
            for (Block blk : n.blocks()) {
                levels.add(new Level(blk, Coefficients.of(blk.weights()), Coefficients.of(blk.bias()),
                        blk.output() && !n.outputActivation()));
            }
            return new Net(n, levels, n.nodeCount(), n.activation());
        }
    }

    private final Net a;
    private final Net b;
    /** Per block, W_A − W_B and b_A − b_B; null unless the graphs are the same. */
    private final Coefficients[] dw;
    private final Coefficients[] db;
    private final int m;
    private final BackSubstitution backSubstitution;

    private DiffPropagation(Network a, Network b, boolean differential) {
        this.backSubstitution = new BackSubstitution(a, b, differential);
        this.a = Net.of(a);
        this.b = Net.of(b);
        this.m = a.inputCount();
        dw = differential ? Coefficients.weightDifferences(a, b) : null;
        db = differential ? Coefficients.biasDifferences(a, b) : null;
    }

    /** The engine for a pair, or empty when a nonlinearity has no linear relaxation here. */
    static Optional<DiffPropagation> of(Network a, Network b) {
        if (!relaxed(a) || !relaxed(b) || a.inputCount() != b.inputCount() || a.outputCount() != b.outputCount()) {
            return Optional.empty();
        }
        return Optional.of(new DiffPropagation(a, b, DifferenceBound.sameGraph(a, b)));
    }

    private static boolean relaxed(Network n) {
        return RELAXED.contains(n.activation().name()) && n.activation().parameters().isEmpty();
    }

    boolean differential() {
        return dw != null;
    }

    @Override
    public String method() {
        return differential() ? "symbolic differential propagation (same graph)"
                : "symbolic propagation of A and B";
    }

    /** Per-network working arrays of one box: forms and concrete bounds of every node after ρ. */
    private static final class State {
        final double[] lower;
        final double[] upper;
        final double[] lo;
        final double[] hi;
        /** Proved range of every node before ρ (for inputs, the box). */
        final double[] zlo;
        final double[] zhi;

        State(int nodes, int stride) {
            lower = new double[nodes * stride];
            upper = new double[nodes * stride];
            lo = new double[nodes];
            hi = new double[nodes];
            zlo = new double[nodes];
            zhi = new double[nodes];
        }

        double magnitude(int v) {
            return Math.max(Math.abs(lo[v]), Math.abs(hi[v]));
        }
    }

    /** Per-row scratch: pre-activation forms and their concrete ranges. */
    private static final class Row {
        final double[] lower;
        final double[] upper;
        final double[] absL;
        final double[] absU;
        final double[] tmp;
        /** Ranges of the lower form and of the upper form. */
        double lowerLo;
        double lowerHi;
        double upperLo;
        double upperHi;
        /** Proved bounds of the quantity itself (tightened across A, B and Δ). */
        double zlo;
        double zhi;

        Row(int stride) {
            lower = new double[stride];
            upper = new double[stride];
            absL = new double[stride];
            absU = new double[stride];
            tmp = new double[stride];
        }

        void clear() {
            Arrays.fill(lower, 0);
            Arrays.fill(upper, 0);
            Arrays.fill(absL, 0);
            Arrays.fill(absU, 0);
        }

        void ranges(SoundForms f) {
            lowerLo = f.lower(lower, 0);
            lowerHi = f.upper(lower, 0);
            upperLo = f.lower(upper, 0);
            upperHi = f.upper(upper, 0);
            zlo = lowerLo;
            zhi = upperHi;
        }
    }

    /**
     * A proved bound on max_k |A_k − B_k| over the box [lo, hi]; +∞ when it overflows: the smaller
     * of the forward forms' and the back-substituted bound (the latter is nearly always the
     * smaller; keeping both means a bound never grows, so earlier certificates still re-check).
     */
    @Override
    public Bound bound(double[] lo, double[] hi, Bound enclosing) {
        Forward forward = forward(lo, hi);
        BackSubstitution.KnownRanges known = forward.ranges();
        if (enclosing != null && enclosing.carry() instanceof BackSubstitution.KnownRanges parent) {
            known = known.intersect(parent);
        }
        BackSubstitution.Facts back = backSubstitution.facts(lo, hi, known);
        double value = Math.min(back.value(), forward.bound().value());
        int split = back.value() < forward.bound().value() ? back.splitDimension() : forward.bound().splitDimension();
        return new Bound(value, split, back.ranges());
    }

    /** The forward forms' bound, and the pre-activation ranges they proved for every node of A and B. */
    record Forward(Bound bound, BackSubstitution.KnownRanges ranges) {}

    /** The bound of the forward forms alone, with the ranges it proved. */
    Forward forward(double[] lo, double[] hi) {
        SoundForms f = new SoundForms(lo, hi);
        int s = f.stride;
        State sa = new State(a.nodes, s);
        State sb = new State(b.nodes, s);
        State sd = differential() ? new State(a.nodes, s) : null;
        for (int i = 0; i < m; i++) {
            for (State st : new State[] {sa, sb}) {
                f.variable(i, st.lower, i * s);
                f.variable(i, st.upper, i * s);
                st.lo[i] = lo[i];
                st.hi[i] = hi[i];
            }
            if (sd != null) {
                f.constant(0, sd.lower, i * s);
                f.constant(0, sd.upper, i * s);
            }
        }
        Row ra = new Row(s);
        Row rb = new Row(s);
        Row rd = new Row(s);
        if (differential()) {
            for (int li = 0; li < a.levels.size(); li++) {
                Level la = a.levels.get(li);
                Level lb = b.levels.get(li);
                Block blk = la.block();
                for (int r = 0; r < blk.size(); r++) {
                    int v = blk.start() + r;
                    affine(f, la, r, sa, ra);
                    affine(f, lb, r, sb, rb);
                    differenceAffine(f, la, li, r, sa, sb, sd, rd);
                    tighten(ra, rb, rd);
                    relax(f, a.rho, la.affine(), ra, sa, v);
                    relax(f, b.rho, lb.affine(), rb, sb, v);
                    relaxDifference(f, a.rho, la.affine(), ra, rb, rd, sa, sb, sd, v);
                }
            }
        } else {
            for (Net n : List.of(a, b)) {
                State st = n == a ? sa : sb;
                for (Level l : n.levels) {
                    for (int r = 0; r < l.block().size(); r++) {
                        affine(f, l, r, st, ra);
                        relax(f, n.rho, l.affine(), ra, st, l.block().start() + r);
                    }
                }
            }
        }
        double worst = 0;
        int split = 0;
        double[] lowerD = new double[s];
        double[] upperD = new double[s];
        for (int k = 0; k < a.net.outputCount(); k++) {
            int va = a.net.outputNode(k);
            int vb = b.net.outputNode(k);
            double dlo;
            double dhi;
            if (sd != null) {
                f.copy(sd.lower, va * s, lowerD, 0);
                f.copy(sd.upper, va * s, upperD, 0);
                dlo = Math.max(sd.lo[va], Math.nextDown(sa.lo[va] - sb.hi[vb]));
                dhi = Math.min(sd.hi[va], Math.nextUp(sa.hi[va] - sb.lo[vb]));
            } else {
                f.difference(sa.lower, va * s, sb.upper, vb * s, true, lowerD, 0);
                f.difference(sa.upper, va * s, sb.lower, vb * s, false, upperD, 0);
                dlo = Math.max(f.lower(lowerD, 0), Math.nextDown(sa.lo[va] - sb.hi[vb]));
                dhi = Math.min(f.upper(upperD, 0), Math.nextUp(sa.hi[va] - sb.lo[vb]));
            }
            double mag = Math.max(-dlo, dhi);
            if (Double.isNaN(mag)) {
                mag = Double.POSITIVE_INFINITY;
            }
            if (mag > worst || k == 0) {
                worst = mag;
                split = f.splitDimension(lowerD, 0, upperD, 0);
            }
        }
        return new Forward(new Bound(worst, split), new BackSubstitution.KnownRanges(sa.zlo, sa.zhi, sb.zlo, sb.zhi, null, null));
    }

    // ------------------------------------------------------------------------------ affine maps

    /** Pre-activation forms of row r of a level: Σ w·h + b, each source bounded from the side its weight's sign asks. */
    private void affine(SoundForms f, Level l, int r, State st, Row row) {
        row.clear();
        Block blk = l.block();
        int width = blk.width();
        double extraL = accumulate(f, l.w(), r, width, blk, st, row.lower, row.absL, true);
        double extraU = accumulate(f, l.w(), r, width, blk, st, row.upper, row.absU, false);
        double bias = l.b().mid()[r];
        double biasRad = l.b().rad() == null ? 0 : l.b().rad()[r];
        row.lower[m] += bias;
        row.upper[m] += bias;
        row.absL[m] += Math.abs(bias);
        row.absU[m] += Math.abs(bias);
        f.close(row.lower, 0, row.absL, width + 1, extraL + biasRad, true);
        f.close(row.upper, 0, row.absU, width + 1, extraU + biasRad, false);
        row.ranges(f);
    }

    /** Adds Σ_k w_k·F_k to out (F the lower or upper form of source k as w_k's sign asks); returns the weight-radius error. */
    private static double accumulate(SoundForms f, Coefficients w, int r, int width, Block blk, State st,
            double[] out, double[] abs, boolean lower) {
        int s = f.stride;
        double[] mid = w.mid();
        double[] rad = w.rad();
        double extra = 0;
        int row = r * width;
        for (int k = 0; k < width; k++) {
            double wk = mid[row + k];
            int src = blk.source(k);
            if (rad != null && rad[row + k] != 0) {
                extra += rad[row + k] * st.magnitude(src);
            }
            if (wk == 0) {
                continue;
            }
            double[] form = (wk > 0) == lower ? st.lower : st.upper;
            int base = src * s;
            for (int j = 0; j < s; j++) {
                double t = wk * form[base + j];
                out[j] += t;
                abs[j] += Math.abs(t);
            }
        }
        return extra;
    }

    /** Forms of Δz = W_A·Δh + (W_A − W_B)·h_B + (b_A − b_B) for row r. */
    private void differenceAffine(SoundForms f, Level la, int li, int r, State sa, State sb, State sd, Row row) {
        row.clear();
        Block blk = la.block();
        int width = blk.width();
        double extraL = accumulate(f, la.w(), r, width, blk, sd, row.lower, row.absL, true)
                + accumulate(f, dw[li], r, width, blk, sb, row.lower, row.absL, true);
        double extraU = accumulate(f, la.w(), r, width, blk, sd, row.upper, row.absU, false)
                + accumulate(f, dw[li], r, width, blk, sb, row.upper, row.absU, false);
        double bias = db[li].mid()[r];
        double biasRad = db[li].rad() == null ? 0 : db[li].rad()[r];
        row.lower[m] += bias;
        row.upper[m] += bias;
        row.absL[m] += Math.abs(bias);
        row.absU[m] += Math.abs(bias);
        f.close(row.lower, 0, row.absL, 2 * width + 1, extraL + biasRad, true);
        f.close(row.upper, 0, row.absU, 2 * width + 1, extraU + biasRad, false);
        row.ranges(f);
    }

    /** z_A = z_B + Δ, z_B = z_A − Δ and Δ = z_A − z_B: each range can only shrink by the other two. */
    private static void tighten(Row ra, Row rb, Row rd) {
        double alo = Math.nextDown(rb.zlo + rd.zlo);
        double ahi = Math.nextUp(rb.zhi + rd.zhi);
        double blo = Math.nextDown(ra.zlo - rd.zhi);
        double bhi = Math.nextUp(ra.zhi - rd.zlo);
        double dlo = Math.nextDown(ra.zlo - rb.zhi);
        double dhi = Math.nextUp(ra.zhi - rb.zlo);
        ra.zlo = Math.max(ra.zlo, alo);
        ra.zhi = Math.min(ra.zhi, ahi);
        rb.zlo = Math.max(rb.zlo, blo);
        rb.zhi = Math.min(rb.zhi, bhi);
        rd.zlo = Math.max(rd.zlo, dlo);
        rd.zhi = Math.min(rd.zhi, dhi);
    }

    // ------------------------------------------------------------------------------ relaxations of ρ

    /** Forms and range of h = ρ(z) at node v from the row's pre-activation forms. */
    private void relax(SoundForms f, Activation rho, boolean affine, Row row, State st, int v) {
        int o = v * f.stride;
        st.zlo[v] = row.zlo;
        st.zhi[v] = row.zhi;
        if (affine || rho.name().equals("identity")) {
            f.copy(row.lower, 0, st.lower, o);
            f.copy(row.upper, 0, st.upper, o);
            st.lo[v] = row.zlo;
            st.hi[v] = row.zhi;
            return;
        }
        if (rho.name().equals("relu")) {
            relaxRelu(f, row, st, o);
            st.lo[v] = Math.max(0, row.zlo);
            st.hi[v] = Math.max(0, row.zhi);
            return;
        }
        // tanh, logistic: increasing; lines through an end point with the smallest slope over the range
        double l = row.lowerLo;
        double u = Math.min(row.lowerHi, row.zhi);
        if (!(l <= u) || !Double.isFinite(l) || !Double.isFinite(u)) {
            f.constant(rho.apply(Interval.point(row.zlo)).lo(), st.lower, o);
        } else {
            double slope = Math.max(0, rho.slopes(Interval.of(l, u)).orElseThrow(() -> new IllegalArgumentException("no slope enclosure for " + rho.name())).lo());
            double at = rho.apply(Interval.point(l)).lo();
            f.scaleShift(row.lower, 0, slope, Math.nextDown(at - Math.nextUp(slope * l)), true, st.lower, o);
        }
        l = Math.max(row.upperLo, row.zlo);
        u = row.upperHi;
        if (!(l <= u) || !Double.isFinite(l) || !Double.isFinite(u)) {
            f.constant(rho.apply(Interval.point(row.zhi)).hi(), st.upper, o);
        } else {
            double slope = Math.max(0, rho.slopes(Interval.of(l, u)).orElseThrow(() -> new IllegalArgumentException("no slope enclosure for " + rho.name())).lo());
            double at = rho.apply(Interval.point(u)).hi();
            f.scaleShift(row.upper, 0, slope, Math.nextUp(at - Math.nextDown(slope * u)), false, st.upper, o);
        }
        st.lo[v] = rho.apply(Interval.point(row.zlo)).lo();
        st.hi[v] = rho.apply(Interval.point(row.zhi)).hi();
    }

    /** The triangle relaxation: relu(z) ≥ s·L(x) with s ∈ {0, 1}, relu(z) ≤ λ·(U(x) − l) on the chord. */
    private static void relaxRelu(SoundForms f, Row row, State st, int o) {
        if (row.zlo >= 0) {
            f.copy(row.lower, 0, st.lower, o);
        } else if (row.zhi <= 0 || row.zhi <= -row.zlo) {
            f.constant(0, st.lower, o);
        } else {
            f.copy(row.lower, 0, st.lower, o);
        }
        if (row.zhi <= 0) {
            f.constant(0, st.upper, o);
        } else if (row.upperLo >= 0) {
            f.copy(row.upper, 0, st.upper, o);
        } else {
            upperChord(f, row.upper, row.upperLo, row.zhi, 0, 1, st.upper, o);
        }
    }

    /**
     * dst ≥ max(sLo·t, sHi·t) at t = U(x), for U ≥ t's bound, with l ≤ min U &lt; 0 &lt; u ≥ max t: the
     * chord from (l, sLo·l) to (u, sHi·u), every rounding upwards.
     */
    private static void upperChord(SoundForms f, double[] form, double l, double u, double sLo, double sHi,
            double[] dst, int o) {
        double numerator = Math.nextUp(Math.nextUp(sHi * u) + Math.nextUp(sLo * -l));
        double slope = Math.nextUp(numerator / Math.nextDown(u - l));
        double anchor = Math.nextUp(sLo * l); // the chord's value at l
        double shift = Math.nextUp(anchor + Math.nextUp(slope * -l));
        f.scaleShift(form, 0, slope, shift, false, dst, o);
    }

    /**
     * dst ≤ min(sLo·t, sHi·t) at t = L(x), for L ≤ t's bound, with l ≤ min t &lt; 0 &lt; u = max L: the
     * chord from (l, sHi·l) to (u, sLo·u), every rounding downwards.
     */
    private static void lowerChord(SoundForms f, double[] form, double l, double u, double sLo, double sHi,
            double[] dst, int o) {
        double numerator = Math.nextUp(Math.nextUp(sLo * u) + Math.nextUp(sHi * -l));
        double slope = Math.nextUp(numerator / Math.nextDown(u - l));
        double anchor = Math.nextDown(sLo * u); // the chord's value at u
        double shift = Math.nextDown(anchor - Math.nextUp(slope * u));
        f.scaleShift(form, 0, slope, shift, true, dst, o);
    }

    /**
     * Forms and range of Δh = ρ(z_A) − ρ(z_B) at node v: several valid candidates per side, the
     * one with the best range kept.
     */
    private void relaxDifference(SoundForms f, Activation rho, boolean affine, Row ra, Row rb, Row rd, State sa,
            State sb, State sd, int v) {
        int s = f.stride;
        int o = v * s;
        if (affine || rho.name().equals("identity")) {
            f.copy(rd.lower, 0, sd.lower, o);
            f.copy(rd.upper, 0, sd.upper, o);
            sd.lo[v] = rd.zlo;
            sd.hi[v] = rd.zhi;
            return;
        }
        boolean relu = rho.name().equals("relu");
        double sLo;
        double sHi;
        if (relu) {
            boolean aOn = ra.zlo >= 0;
            boolean aOff = ra.zhi <= 0;
            boolean bOn = rb.zlo >= 0;
            boolean bOff = rb.zhi <= 0;
            if (aOff && bOff) {
                f.constant(0, sd.lower, o);
                f.constant(0, sd.upper, o);
                sd.lo[v] = 0;
                sd.hi[v] = 0;
                return;
            }
            if (aOn && bOff) { // Δh = z_A, and z_A ≤ Δz since z_B ≤ 0
                f.copy(ra.lower, 0, sd.lower, o);
                pick(f, sd.upper, o, false, ra.upper, rd.upper);
                finishRange(f, sa, sb, sd, v);
                return;
            }
            if (aOff && bOn) { // Δh = −z_B, and −z_B ≥ Δz since z_A ≤ 0
                f.copy(rb.upper, 0, rd.tmp, 0);
                negate(rd.tmp, s); // exact: a lower form of −z_B
                pick(f, sd.lower, o, true, rd.tmp, rd.lower);
                f.copy(rb.lower, 0, rd.tmp, 0);
                negate(rd.tmp, s);
                f.copy(rd.tmp, 0, sd.upper, o);
                finishRange(f, sa, sb, sd, v);
                return;
            }
            if (aOn && bOn) {
                f.copy(rd.lower, 0, sd.lower, o);
                f.copy(rd.upper, 0, sd.upper, o);
                finishRange(f, sa, sb, sd, v);
                return;
            }
            sLo = 0; // relu(z_A) − relu(z_B) = s·Δz with s ∈ [0, 1], the share of [z_B, z_A] above 0
            sHi = 1;
        } else {
            Interval slope = rho.slopes(Interval.of(Math.min(ra.zlo, rb.zlo), Math.max(ra.zhi, rb.zhi))).orElseThrow(() -> new IllegalArgumentException("no slope enclosure for " + rho.name()));
            sLo = Math.max(0, slope.lo());
            sHi = slope.hi();
        }
        double[] cand = new double[s];
        // upper side
        double l = rd.upperLo;
        double u = rd.zhi;
        if (u <= 0) {
            f.scaleShift(rd.upper, 0, sLo, 0, false, sd.upper, o);
        } else if (l >= 0) {
            f.scaleShift(rd.upper, 0, sHi, 0, false, sd.upper, o);
        } else {
            upperChord(f, rd.upper, l, u, sLo, sHi, sd.upper, o);
        }
        if (relu && ra.zlo >= 0) { // z_A ≥ 0: Δh = z_A − relu(z_B) ≤ Δz
            offer(f, sd.upper, o, false, rd.upper);
        }
        if (relu && ra.zhi <= 0) {
            f.constant(0, cand, 0);
            offer(f, sd.upper, o, false, cand);
        }
        f.difference(sa.upper, o, sb.lower, o, false, cand, 0);
        offer(f, sd.upper, o, false, cand);
        // lower side
        l = rd.zlo;
        u = rd.lowerHi;
        if (l >= 0) {
            f.scaleShift(rd.lower, 0, sLo, 0, true, sd.lower, o);
        } else if (u <= 0) {
            f.scaleShift(rd.lower, 0, sHi, 0, true, sd.lower, o);
        } else {
            lowerChord(f, rd.lower, l, u, sLo, sHi, sd.lower, o);
        }
        if (relu && rb.zlo >= 0) { // z_B ≥ 0: Δh = relu(z_A) − z_B ≥ Δz
            offer(f, sd.lower, o, true, rd.lower);
        }
        if (relu && rb.zhi <= 0) {
            f.constant(0, cand, 0);
            offer(f, sd.lower, o, true, cand);
        }
        f.difference(sa.lower, o, sb.upper, o, true, cand, 0);
        offer(f, sd.lower, o, true, cand);
        finishRange(f, sa, sb, sd, v);
    }

    private static void negate(double[] form, int s) {
        for (int j = 0; j < s; j++) {
            form[j] = -form[j];
        }
    }

    /** dst ← the better of two candidate forms (by the range bound on the side that counts). */
    private static void pick(SoundForms f, double[] dst, int o, boolean lower, double[] x, double[] y) {
        f.copy(x, 0, dst, o);
        offer(f, dst, o, lower, y);
    }

    /** Replaces dst by the candidate when the candidate's range bound is better. */
    private static void offer(SoundForms f, double[] dst, int o, boolean lower, double[] candidate) {
        if (lower ? f.lower(candidate, 0) > f.lower(dst, o) : f.upper(candidate, 0) < f.upper(dst, o)) {
            f.copy(candidate, 0, dst, o);
        }
    }

    /** Δh's range: its forms' bounds, tightened by h_A − h_B. */
    private static void finishRange(SoundForms f, State sa, State sb, State sd, int v) {
        int o = v * f.stride;
        sd.lo[v] = Math.max(f.lower(sd.lower, o), Math.nextDown(sa.lo[v] - sb.hi[v]));
        sd.hi[v] = Math.min(f.upper(sd.upper, o), Math.nextUp(sa.hi[v] - sb.lo[v]));
    }
}
