package org.nnid.exact;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

import org.apache.commons.math3.fraction.BigFraction;

/**
 * docs/math.md §6, piecewise-linear networks of any depth and any number of inputs on a box: the
 * difference network is affine on each region where every relu unit keeps one phase, so it is 0 on
 * the box iff its affine form is 0 on every region with interior. The search fixes the units in
 * order; a unit whose pre-activation keeps one sign on the current region (proved by exact
 * multipliers, {@link RegionCertificates#lowerBound}) takes that phase, any other splits the region
 * in two. A leaf is closed when the outputs' affine forms are exactly 0, or when exact multipliers
 * prove it has no interior; a leaf with a nonzero form and an interior point gives a witness, a
 * point where the network's exact value is not 0.
 *
 * <p>The search writes its {@link RegionTree}, which {@link RegionTree#check} re-checks with exact
 * arithmetic alone.
 */
final class RegionCover {
    private static final double SLACK = 1e-9;

    enum Status { ZERO, NONZERO, UNDECIDED }

    record Outcome(Status status, Optional<BigFraction[]> witness, RegionTree tree, int leaves, String detail) {}

    private final ReluNet net;
    private final ExactBox box;
    private final long deadline;
    private final int maxEntries;
    private final List<RegionTree.Entry> entries = new ArrayList<>();
    private int leaves;
    private int undecidedLeaves;

    RegionCover(ReluNet net, ExactBox box, long deadlineNanos, int maxEntries) {
        this.net = net;
        this.box = box;
        this.deadline = deadlineNanos;
        this.maxEntries = maxEntries;
    }

    /** A path of the search: the constraints so far, the forms of all values, and what is proved nonnegative. */
    private record Frame(int unit, List<AffineForm> constraints, AffineForm[] forms, List<Proved> proved) {}

    /** An affine form proved ≥ 0 on the region by the multipliers λ. */
    private record Proved(AffineForm form, BigFraction[] lambda) {}

    Outcome run() {
        int n = net.inputs();
        AffineForm[] forms = new AffineForm[n + net.unitCount()];
        for (int j = 0; j < n; j++) {
            forms[j] = AffineForm.variable(n, j);
        }
        Deque<Frame> stack = new ArrayDeque<>();
        stack.push(new Frame(0, List.of(), forms, List.of()));
        while (!stack.isEmpty()) {
            if (System.nanoTime() > deadline || entries.size() > maxEntries) {
                return new Outcome(Status.UNDECIDED, Optional.empty(), RegionTree.of(entries), leaves,
                        // the count of regions reached in time is left out: it varies from run to run
                        entries.size() > maxEntries ? "more than " + maxEntries + " decisions reached after " + leaves
                                + " regions" : "the time limit reached");
            }
            Frame f = stack.pop();
            Optional<BigFraction[]> witness = descend(f, stack);
            if (witness.isPresent()) {
                return new Outcome(Status.NONZERO, witness, RegionTree.of(entries), leaves,
                        "a region with interior where the difference is a nonzero affine function");
            }
        }
        if (undecidedLeaves > 0) {
            return new Outcome(Status.UNDECIDED, Optional.empty(), RegionTree.of(entries), leaves, undecidedLeaves
                    + " of " + leaves + " regions could neither be shown empty nor given an interior point");
        }
        return new Outcome(Status.ZERO, Optional.empty(), RegionTree.of(entries), leaves,
                "the difference is exactly 0 on each of the " + leaves + " linear regions with interior");
    }

    /** Fixes units from f.unit on until a split (pushed) or the leaf; returns a witness if the leaf has one. */
    private Optional<BigFraction[]> descend(Frame f, Deque<Frame> stack) {
        int n = net.inputs();
        AffineForm[] forms = f.forms.clone();
        List<Proved> proved = new ArrayList<>(f.proved);
        List<AffineForm> constraints = f.constraints;
        RegionLp lp = new RegionLp(constraints, box);
        for (int u = f.unit; u < net.unitCount(); u++) {
            AffineForm z = net.units().get(u).form(forms, n);
            Optional<BigFraction[]> active = provedNonnegative(z, constraints, proved, lp);
            if (active.isPresent()) {
                entries.add(RegionTree.Entry.phase(u, true, active.get()));
                forms[n + u] = z;
                proved.add(new Proved(z, active.get()));
                continue;
            }
            Optional<BigFraction[]> inactive = provedNonnegative(z.negate(), constraints, proved, lp);
            if (inactive.isPresent()) {
                entries.add(RegionTree.Entry.phase(u, false, inactive.get()));
                forms[n + u] = AffineForm.constant(n, BigFraction.ZERO);
                proved.add(new Proved(z.negate(), inactive.get()));
                continue;
            }
            entries.add(RegionTree.Entry.split(u));
            // the inactive side waits on the stack; the active side goes on here
            List<AffineForm> below = append(constraints, z.negate());
            AffineForm[] belowForms = forms.clone();
            belowForms[n + u] = AffineForm.constant(n, BigFraction.ZERO);
            List<Proved> belowProved = lift(proved, below.size());
            belowProved.add(new Proved(z.negate(), unitVector(below.size(), below.size() - 1)));
            stack.push(new Frame(u + 1, below, belowForms, belowProved));
            constraints = append(constraints, z);
            proved = lift(proved, constraints.size());
            proved.add(new Proved(z, unitVector(constraints.size(), constraints.size() - 1)));
            forms[n + u] = z;
            lp = new RegionLp(constraints, box);
        }
        return leaf(constraints, forms, lp);
    }

    private Optional<BigFraction[]> leaf(List<AffineForm> constraints, AffineForm[] forms, RegionLp lp) {
        leaves++;
        int n = net.inputs();
        List<AffineForm> outputs = new ArrayList<>();
        boolean zero = true;
        for (ReluNet.Combination y : net.outputs()) {
            AffineForm form = y.form(forms, n);
            outputs.add(form);
            zero &= form.isZero();
        }
        if (zero) {
            entries.add(RegionTree.Entry.zeroLeaf());
            return Optional.empty();
        }
        Optional<BigFraction[]> witness = witness(constraints, outputs, lp);
        if (witness.isPresent()) {
            return witness;
        }
        Optional<double[]> lambda = constraints.isEmpty() ? Optional.empty() : lp.emptinessMultipliers();
        if (lambda.isPresent()) {
            List<BigFraction[]> candidates = new ArrayList<>(RegionLp.exactCandidates(lambda.get()));
            lp.supportSolution(AffineForm.constant(box.dimension(), BigFraction.ZERO), lambda.get(), true)
                    .ifPresent(candidates::add);
            for (BigFraction[] exact : candidates) {
                if (RegionCertificates.provesNoInterior(constraints, exact, box)) {
                    entries.add(RegionTree.Entry.emptyLeaf(exact));
                    return Optional.empty();
                }
            }
        }
        undecidedLeaves++;
        entries.add(RegionTree.Entry.undecidedLeaf());
        return Optional.empty();
    }

    /**
     * A point strictly inside the region where some output's affine form is not 0; there the
     * network's value is that form's, and it is confirmed by evaluating the network exactly.
     */
    private Optional<BigFraction[]> witness(List<AffineForm> constraints, List<AffineForm> outputs, RegionLp lp) {
        Optional<BigFraction[]> inside = lp.exactInteriorPoint();
        if (inside.isEmpty()) {
            return Optional.empty();
        }
        BigFraction[] x = inside.get();
        for (AffineForm y : outputs) {
            if (y.isZero()) {
                continue;
            }
            if (Rationals.sign(y.at(x)) != 0 && nonzeroAt(x)) {
                return Optional.of(x);
            }
            // the form vanishes at x (on a hyperplane through it): step off along its gradient
            BigFraction step = BigFraction.ONE;
            for (int attempt = 0; attempt < 64 && !y.isConstant(); attempt++, step = step.divide(2)) {
                BigFraction[] moved = new BigFraction[x.length];
                for (int j = 0; j < x.length; j++) {
                    moved[j] = x[j].add(y.coefficient(j).multiply(step));
                }
                if (RegionCertificates.strictlyInside(moved, constraints, box) && nonzeroAt(moved)) {
                    return Optional.of(moved);
                }
            }
        }
        return Optional.empty();
    }

    private boolean nonzeroAt(BigFraction[] x) {
        for (BigFraction y : net.at(x)) {
            if (Rationals.sign(y) != 0) {
                return true;
            }
        }
        return false;
    }

    /** Multipliers proving z ≥ 0 on the region, when the search can find exact ones. */
    private Optional<BigFraction[]> provedNonnegative(AffineForm z, List<AffineForm> constraints, List<Proved> proved,
            RegionLp lp) {
        int k = constraints.size();
        if (Rationals.sign(z.minOver(box)) >= 0) {
            return Optional.of(zeros(k));
        }
        if (Rationals.sign(z.maxOver(box)) < 0) {
            return Optional.empty();
        }
        for (Proved p : proved) { // a positive multiple of a form already proved nonnegative
            Optional<BigFraction> c = z.ratioTo(p.form);
            if (c.isPresent() && Rationals.sign(c.get()) > 0) {
                BigFraction[] lambda = new BigFraction[k];
                for (int i = 0; i < k; i++) {
                    lambda[i] = i < p.lambda.length ? p.lambda[i].multiply(c.get()) : BigFraction.ZERO;
                }
                if (Rationals.sign(RegionCertificates.lowerBound(z, constraints, lambda, box)) >= 0) {
                    return Optional.of(lambda);
                }
            }
        }
        if (k == 0) {
            return Optional.empty(); // on the box alone the corner minimum above is exact
        }
        Optional<RegionLp.DualBound> dual = lp.lowerBound(z);
        if (dual.isEmpty() || dual.get().value() < -SLACK * scale(z)) {
            return Optional.empty();
        }
        for (BigFraction[] lambda : RegionLp.exactCandidates(dual.get().multipliers())) {
            if (Rationals.sign(RegionCertificates.lowerBound(z, constraints, lambda, box)) >= 0) {
                return Optional.of(lambda);
            }
        }
        return Optional.empty();
    }

    private static double scale(AffineForm z) {
        double s = Math.abs(z.constant().doubleValue());
        for (int j = 0; j < z.dimension(); j++) {
            s = Math.max(s, Math.abs(z.coefficient(j).doubleValue()));
        }
        return Math.max(s, 1e-300);
    }

    private static List<AffineForm> append(List<AffineForm> list, AffineForm f) {
        List<AffineForm> out = new ArrayList<>(list.size() + 1);
        out.addAll(list);
        out.add(f);
        return List.copyOf(out);
    }

    /** The same proofs over a region with more constraints (their multipliers are 0). */
    private static List<Proved> lift(List<Proved> proved, int k) {
        List<Proved> out = new ArrayList<>(proved.size());
        for (Proved p : proved) {
            BigFraction[] l = zeros(k);
            System.arraycopy(p.lambda, 0, l, 0, p.lambda.length);
            out.add(new Proved(p.form, l));
        }
        return out;
    }

    private static BigFraction[] zeros(int k) {
        BigFraction[] l = new BigFraction[k];
        java.util.Arrays.fill(l, BigFraction.ZERO);
        return l;
    }

    private static BigFraction[] unitVector(int k, int i) {
        BigFraction[] l = zeros(k);
        l[i] = BigFraction.ONE;
        return l;
    }
}
