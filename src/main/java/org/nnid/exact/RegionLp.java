package org.nnid.exact;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.commons.math3.fraction.BigFraction;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;
import org.ojalgo.type.context.NumberContext;

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
     * it can (max t with φ_i(x) ≥ t·‖a_i‖₁ and every box side ≥ t away), and that depth t.
     */
    Optional<Interior> interiorPoint() {
        int n = box.dimension();
        ExpressionsBasedModel model = new ExpressionsBasedModel(precise());
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
            double norm = oneNorm(phi).doubleValue();
            Expression e = model.addExpression().lower(-phi.constant().doubleValue());
            for (int j = 0; j < n; j++) {
                double a = phi.coefficient(j).doubleValue();
                if (a != 0) {
                    e.set(x[j], a);
                }
            }
            e.set(t, -norm);
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
     * An exact point strictly inside the region and the box: the LP's point as the doubles it is,
     * or else the exact vertex of the same LP, found from the constraints its floating-point
     * solution left tight (thin regions are where rounding puts the LP's point outside).
     */
    Optional<BigFraction[]> exactInteriorPoint() {
        Optional<Interior> found = interiorPoint();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        int n = box.dimension();
        double[] x = found.get().x();
        double t = found.get().depth();
        BigFraction[] asIs = new BigFraction[n];
        for (int j = 0; j < n; j++) {
            asIs[j] = Rationals.ofDouble(x[j]);
        }
        if (RegionCertificates.strictlyInside(asIs, constraints, box)) {
            return Optional.of(asIs);
        }
        // rows over (x, t): value = rhs, with the float slack that orders them
        record Row(BigFraction[] row, double slack) {}
        List<Row> rows = new ArrayList<>();
        for (AffineForm phi : constraints) {
            BigFraction[] r = new BigFraction[n + 2];
            double value = phi.constant().doubleValue();
            for (int j = 0; j < n; j++) {
                r[j] = phi.coefficient(j);
                value += phi.coefficient(j).doubleValue() * x[j];
            }
            BigFraction norm = oneNorm(phi);
            r[n] = norm.negate();
            r[n + 1] = phi.constant().negate();
            rows.add(new Row(r, Math.abs(value - t * norm.doubleValue()) / Math.max(norm.doubleValue(), 1e-300)));
        }
        for (int j = 0; j < n; j++) {
            rows.add(new Row(boxRow(n, j, BigFraction.MINUS_ONE, box.lo(j)), Math.abs(x[j] - t - lo[j])));
            rows.add(new Row(boxRow(n, j, BigFraction.ONE, box.hi(j)), Math.abs(hi[j] - x[j] - t)));
        }
        BigFraction[] cap = new BigFraction[n + 2];
        java.util.Arrays.fill(cap, BigFraction.ZERO);
        cap[n] = BigFraction.ONE;
        cap[n + 1] = BigFraction.ONE;
        rows.add(new Row(cap, Math.abs(1 - t)));
        rows.sort(java.util.Comparator.comparingDouble(Row::slack));
        Optional<BigFraction[]> vertex = ExactLinearSystem.solveFirstIndependent(rows.stream().map(Row::row).toList(), n + 1);
        if (vertex.isEmpty() || Rationals.sign(vertex.get()[n]) <= 0) {
            return Optional.empty();
        }
        BigFraction[] point = java.util.Arrays.copyOf(vertex.get(), n);
        return RegionCertificates.strictlyInside(point, constraints, box) ? Optional.of(point) : Optional.empty();
    }

    /** x_j + sign·t = bound: a box side at distance t (sign −1 for the lower side). */
    private static BigFraction[] boxRow(int n, int j, BigFraction sign, BigFraction bound) {
        BigFraction[] r = new BigFraction[n + 2];
        java.util.Arrays.fill(r, BigFraction.ZERO);
        r[j] = BigFraction.ONE;
        r[n] = sign;
        r[n + 1] = bound;
        return r;
    }

    private static BigFraction oneNorm(AffineForm phi) {
        BigFraction s = BigFraction.ZERO;
        for (int j = 0; j < phi.dimension(); j++) {
            s = s.add(phi.coefficient(j).abs());
        }
        return s;
    }

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

    /** Tighter tolerances than ojAlgo's defaults: the regions of near misses are slivers 10⁻⁶ wide or less. */
    private static Optimisation.Options precise() {
        Optimisation.Options o = new Optimisation.Options();
        o.feasibility = NumberContext.of(15, 14);
        o.solution = NumberContext.of(15, 14);
        return o;
    }

    /**
     * Exact multipliers on the support of the floating-point ones that make the residual
     * z − Σ λ_i φ_i vanish exactly in every coordinate where it nearly vanishes (and Σ λ = 1 when
     * {@code normalised}): degenerate regions need exact cancellations that no rounding of the
     * doubles gives. The rows that do not fix λ are completed by λ_i = the double's simple fraction.
     */
    Optional<BigFraction[]> supportSolution(AffineForm z, double[] multipliers, boolean normalised) {
        int n = box.dimension();
        int k = constraints.size();
        List<Integer> support = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            if (multipliers[i] > 1e-12) {
                support.add(i);
            }
        }
        if (support.isEmpty()) {
            return Optional.empty();
        }
        int m = support.size();
        List<BigFraction[]> rows = new ArrayList<>();
        if (normalised) {
            BigFraction[] sum = new BigFraction[m + 1];
            java.util.Arrays.fill(sum, BigFraction.ONE);
            rows.add(sum);
        }
        for (int j = 0; j < n; j++) {
            double residual = z.coefficient(j).doubleValue();
            double scale = Math.abs(residual);
            for (int i = 0; i < k; i++) {
                double term = multipliers[i] * constraints.get(i).coefficient(j).doubleValue();
                residual -= term;
                scale = Math.max(scale, Math.abs(term));
            }
            if (Math.abs(residual) <= 1e-9 * Math.max(scale, 1e-300)) {
                BigFraction[] row = new BigFraction[m + 1];
                for (int s = 0; s < m; s++) {
                    row[s] = constraints.get(support.get(s)).coefficient(j);
                }
                row[m] = z.coefficient(j);
                rows.add(row);
            }
        }
        for (int s = 0; s < m; s++) {
            BigFraction[] row = new BigFraction[m + 1];
            java.util.Arrays.fill(row, BigFraction.ZERO);
            row[s] = BigFraction.ONE;
            row[m] = Rationals.simple(multipliers[support.get(s)]);
            rows.add(row);
        }
        return ExactLinearSystem.solveFirstIndependent(rows, m).map(solution -> {
            BigFraction[] lambda = new BigFraction[k];
            java.util.Arrays.fill(lambda, BigFraction.ZERO);
            for (int s = 0; s < m; s++) {
                lambda[support.get(s)] = solution[s];
            }
            return lambda;
        }).filter(lambda -> java.util.Arrays.stream(lambda).allMatch(l -> Rationals.sign(l) >= 0));
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
