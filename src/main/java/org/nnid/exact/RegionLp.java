package org.nnid.exact;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.commons.math3.fraction.BigFraction;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * Linear programs over a region {x in a box : φ_i(x) ≥ 0 for each constraint}, solved in floating
 * point by ojAlgo and never trusted: every answer that a decision rests on is an exact certificate
 * that {@link RegionCertificates} checks in rational arithmetic. The floating-point values only
 * guide the search (whether to split, where to look for a witness).
 *
 * <p>The certificates use the box to absorb rounding (Neumaier and Shcherbina's safe bounds): for
 * multipliers λ ≥ 0, z − Σ λ_i φ_i is affine, and its exact minimum over the box is a lower bound of
 * z on the region whatever λ is; the LP only has to find good λ.
 */
final class RegionLp {
    /** Multipliers are capped so that the dual stays bounded when the region is empty. */
    private static final double MULTIPLIER_CAP = 1e7;

    static {
        // ojAlgo prints a hardware notice on first use unless told not to; nnid's output is its own
        System.setProperty("shut.up.ojAlgo", "true");
    }

    private final List<AffineForm> constraints;
    private final ExactBox box;
    private final double[] lo;
    private final double[] hi;

    RegionLp(List<AffineForm> constraints, ExactBox box) {
        this.constraints = constraints;
        this.box = box;
        int n = box.dimension();
        lo = new double[n];
        hi = new double[n];
        for (int j = 0; j < n; j++) {
            lo[j] = box.lo(j).doubleValue();
            hi[j] = box.hi(j).doubleValue();
        }
    }

    /** A floating-point estimate of min z over the region, and the multipliers that give it. */
    record DualBound(double value, double[] multipliers) {}

    /**
     * The dual of min z over the region: maximise Σ_j q_j + c0 − Σ_i λ_i φ_i0 over λ ≥ 0, with
     * q_j ≤ lo_j·r_j and q_j ≤ hi_j·r_j, r = c − Σ_i λ_i a_i (so Σ_j q_j is the box minimum of r·x).
     */
    Optional<DualBound> lowerBound(AffineForm z) {
        int n = box.dimension();
        int k = constraints.size();
        ExpressionsBasedModel model = new ExpressionsBasedModel();
        Variable[] lambda = new Variable[k];
        for (int i = 0; i < k; i++) {
            lambda[i] = model.addVariable("l" + i).lower(0).upper(MULTIPLIER_CAP)
                    .weight(-constraints.get(i).constant().doubleValue());
        }
        Variable[] q = new Variable[n];
        for (int j = 0; j < n; j++) {
            q[j] = model.addVariable("q" + j).weight(1);
        }
        for (int j = 0; j < n; j++) {
            double c = z.coefficient(j).doubleValue();
            for (double corner : new double[] {lo[j], hi[j]}) {
                Expression e = model.addExpression().upper(corner * c);
                e.set(q[j], 1);
                for (int i = 0; i < k; i++) {
                    double a = constraints.get(i).coefficient(j).doubleValue();
                    if (a != 0) {
                        e.set(lambda[i], corner * a);
                    }
                }
            }
        }
        Optimisation.Result r = model.maximise();
        if (!r.getState().isOptimal()) {
            return Optional.empty();
        }
        double[] l = new double[k];
        for (int i = 0; i < k; i++) {
            l[i] = Math.max(0, r.doubleValue(i));
        }
        return Optional.of(new DualBound(r.getValue() + z.constant().doubleValue(), l));
    }

    /**
     * A point that the LP believes lies strictly inside the region and the box, as far inside as
     * it can (max t with φ_i(x) ≥ t·‖a_i‖ and every box side ≥ t away), and that depth t.
     */
    Optional<Interior> interiorPoint() {
        int n = box.dimension();
        ExpressionsBasedModel model = new ExpressionsBasedModel();
        Variable[] x = new Variable[n];
        for (int j = 0; j < n; j++) {
            x[j] = model.addVariable("x" + j).lower(lo[j]).upper(hi[j]);
        }
        Variable t = model.addVariable("t").upper(1).weight(1);
        for (int j = 0; j < n; j++) {
            model.addExpression().lower(lo[j]).set(x[j], 1).set(t, -1);
            model.addExpression().upper(hi[j]).set(x[j], 1).set(t, 1);
        }
        for (AffineForm phi : constraints) {
            double norm = 0;
            for (int j = 0; j < n; j++) {
                double a = phi.coefficient(j).doubleValue();
                norm += a * a;
            }
            Expression e = model.addExpression().lower(-phi.constant().doubleValue());
            for (int j = 0; j < n; j++) {
                double a = phi.coefficient(j).doubleValue();
                if (a != 0) {
                    e.set(x[j], a);
                }
            }
            e.set(t, -Math.sqrt(norm));
        }
        Optimisation.Result r = model.maximise();
        if (!r.getState().isFeasible()) {
            return Optional.empty();
        }
        double[] p = new double[n];
        for (int j = 0; j < n; j++) {
            p[j] = r.doubleValue(j);
        }
        return Optional.of(new Interior(p, r.doubleValue(n)));
    }

    record Interior(double[] x, double depth) {}

    /**
     * Multipliers λ ≥ 0 with Σ λ = 1 that make max over the box of Σ λ_i φ_i as small as the LP can:
     * when that maximum is ≤ 0, no point of the box satisfies every constraint strictly, so the
     * region has no interior.
     */
    Optional<double[]> emptinessMultipliers() {
        int n = box.dimension();
        int k = constraints.size();
        ExpressionsBasedModel model = new ExpressionsBasedModel();
        Variable[] lambda = new Variable[k];
        Expression sum = model.addExpression().level(1);
        for (int i = 0; i < k; i++) {
            lambda[i] = model.addVariable("l" + i).lower(0).weight(constraints.get(i).constant().doubleValue());
            sum.set(lambda[i], 1);
        }
        Variable[] p = new Variable[n];
        for (int j = 0; j < n; j++) {
            p[j] = model.addVariable("p" + j).weight(1);
        }
        for (int j = 0; j < n; j++) {
            for (double corner : new double[] {lo[j], hi[j]}) {
                Expression e = model.addExpression().lower(0);
                e.set(p[j], 1);
                for (int i = 0; i < k; i++) {
                    double a = constraints.get(i).coefficient(j).doubleValue();
                    if (a != 0) {
                        e.set(lambda[i], -corner * a);
                    }
                }
            }
        }
        Optimisation.Result r = model.minimise();
        if (!r.getState().isOptimal()) {
            return Optional.empty();
        }
        double[] l = new double[k];
        for (int i = 0; i < k; i++) {
            l[i] = Math.max(0, r.doubleValue(i));
        }
        return Optional.of(l);
    }

    /** Exact candidates for multipliers given as doubles: simple fractions first, then the doubles as they are. */
    static List<BigFraction[]> exactCandidates(double[] multipliers) {
        BigFraction[] simple = new BigFraction[multipliers.length];
        BigFraction[] asIs = new BigFraction[multipliers.length];
        for (int i = 0; i < multipliers.length; i++) {
            simple[i] = Rationals.simple(multipliers[i]);
            asIs[i] = Rationals.ofDouble(multipliers[i]);
        }
        List<BigFraction[]> out = new ArrayList<>();
        out.add(simple);
        out.add(asIs);
        return out;
    }
}
