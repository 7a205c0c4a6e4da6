package org.nnid.stability;

import java.util.Optional;
import java.util.function.DoubleUnaryOperator;

import org.apache.commons.math3.fraction.BigFraction;

/**
 * Everything nnid can say about one point: the minimal adversarial distance d* bounded from both
 * sides, and the verdict at ε. The figures are ordered by construction and by the mathematics,
 * IBP ≤ CROWN ≤ exact ≤ attack, and the order is checked: a violation is a bug in nnid.
 */
public final class Robustness {
    /** Hidden ReLUs up to which branch and bound is tried for networks with more than two inputs. */
    public static final int BRANCH_AND_BOUND_LIMIT = 64;
    private static final int BISECTION_STEPS = 40;

    private Robustness() {}

    public enum Verdict { ROBUST, NOT_ROBUST, UNKNOWN }

    /** How d* was computed exactly, when it was. */
    public record Exact(double lower, double upper, Optional<BigFraction> value, String method, boolean complete) {}

    /**
     * @param ibp        the largest ε certified by interval bound propagation (a lower bound of d*)
     * @param crown      the largest ε certified by linear bounds (a lower bound), empty for non-ReLU
     * @param exact      d* (or bounds on it from the exact method), empty when no exact method applies
     * @param attack     the closest proved witness found (its distance is an upper bound of d*)
     * @param fgsm       FGSM's witness at ε, if it found one
     * @param pgd        PGD's witness at ε, if it found one
     * @param verdict    at ε
     * @param reason     what the verdict rests on
     */
    public record Report(Problem problem, double eps, double ibp, Optional<Double> crown, Optional<Exact> exact,
            Optional<Problem.Witness> attack, Optional<Problem.Witness> fgsm, Optional<Problem.Witness> pgd,
            boolean ibpAtEps, Optional<Boolean> crownAtEps, Verdict verdict, String reason) {}

    public static Report analyse(Problem p, double eps, Attacks attacks) {
        Optional<Problem.Witness> fgsm = attacks.fgsm(p, eps);
        Optional<Problem.Witness> pgd = attacks.pgd(p, eps);
        Optional<Problem.Witness> attack = attacks.smallest(p, eps);
        for (Optional<Problem.Witness> w : java.util.List.of(fgsm, pgd)) {
            if (w.isPresent() && (attack.isEmpty() || w.get().distance() < attack.get().distance())) {
                attack = w;
            }
        }
        double cap = attack.map(Problem.Witness::distance).orElse(eps * (1 << 20));
        double ibp = largestCertified(e -> IntervalBounds.marginLower(p, e), 0, cap);
        boolean ibpAtEps = IntervalBounds.marginLower(p, eps) > 0;
        Optional<Double> crown = Optional.empty();
        Optional<Boolean> crownAtEps = Optional.empty();
        if (p.mlp().isRelu()) {
            crown = Optional.of(largestCertified(e -> LinearBounds.marginLower(p, e), ibp, cap));
            crownAtEps = Optional.of(ibpAtEps || LinearBounds.marginLower(p, eps) > 0);
        }
        Optional<Exact> exact = exact(p, attack.map(Problem.Witness::distance).orElse(4 * eps));
        double certified = crown.orElse(ibp);
        if (exact.isPresent() && exact.get().value().isEmpty() && exact.get().upper() + 10 * BranchAndBound.TOL < certified) {
            // Floating-point branch and bound below a certified bound: the margins are smaller than its
            // tolerance (a deep chain of weight 1/2 has outputs near 1e-12), so its bounds say nothing.
            exact = Optional.empty();
        }
        check(ibp, crown, exact, attack);

        Verdict verdict = Verdict.UNKNOWN;
        String reason = "neither certified nor attacked successfully at eps";
        if (ibpAtEps || crownAtEps.orElse(false)) {
            verdict = Verdict.ROBUST;
            reason = ibpAtEps ? "certified by interval bound propagation" : "certified by linear (CROWN) bounds";
        } else if (attack.isPresent() && attack.get().distance() <= eps) {
            verdict = Verdict.NOT_ROBUST;
            reason = "a witness within eps, its class proved by interval evaluation";
        } else if (exact.isPresent() && exact.get().complete()) {
            Exact x = exact.get();
            if (x.value().isPresent() && x.value().get().compareTo(new BigFraction(eps)) > 0
                    || x.value().isEmpty() && x.lower() > eps) {
                verdict = Verdict.ROBUST;
                reason = "the exact minimal distance exceeds eps";
            } else if (x.value().isPresent() && x.value().get().compareTo(new BigFraction(eps)) < 0) {
                verdict = Verdict.NOT_ROBUST;
                reason = "the exact minimal distance is below eps";
            }
        }
        return new Report(p, eps, ibp, crown, exact, attack, fgsm, pgd, ibpAtEps, crownAtEps, verdict, reason);
    }

    /** The exact d* within radius R: region enumeration for 2 inputs, branch and bound for small networks. */
    static Optional<Exact> exact(Problem p, double radius) {
        if (!p.mlp().isRelu() || p.norm() != Norm.INF) {
            return Optional.empty();
        }
        if (p.mlp().inputs() == 2) {
            Optional<ExactPlanar.Result> r = ExactPlanar.minimalDistance(p, new BigFraction(radius));
            if (r.isPresent()) {
                Optional<BigFraction> d = r.get().distance();
                return Optional.of(new Exact(d.map(BigFraction::doubleValue).orElse(radius),
                        d.map(BigFraction::doubleValue).orElse(Double.POSITIVE_INFINITY), d,
                        "linear regions in exact rational arithmetic (" + r.get().regions() + " regions examined within radius "
                                + (float) radius + ")", true));
            }
        }
        if (p.mlp().network().hiddenCount() <= BRANCH_AND_BOUND_LIMIT) {
            BranchAndBound.Result r = BranchAndBound.minimalDistance(p, radius, 5000);
            return Optional.of(new Exact(r.lower(), r.upper(), Optional.empty(),
                    "LP branch and bound over ReLU phases (floating-point simplex, tolerance " + BranchAndBound.TOL
                            + "; " + r.nodes() + " LPs" + (r.solved() ? "" : ", stopped at the node limit") + ")",
                    r.solved()));
        }
        return Optional.empty();
    }

    /** The largest ε in [lo, hi) at which {@code lower(ε) > 0}, by bisection; lo must be certified (or 0). */
    static double largestCertified(DoubleUnaryOperator lower, double lo, double hi) {
        if (lower.applyAsDouble(hi) > 0) {
            return hi;
        }
        for (int k = 0; k < BISECTION_STEPS && hi - lo > 1e-12 * hi; k++) {
            double mid = 0.5 * (lo + hi);
            if (lower.applyAsDouble(mid) > 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** IBP ≤ CROWN ≤ exact ≤ attack; the floating-point branch and bound within its tolerance. */
    private static void check(double ibp, Optional<Double> crown, Optional<Exact> exact,
            Optional<Problem.Witness> attack) {
        double c = crown.orElse(ibp);
        double slack = exact.isPresent() && exact.get().value().isEmpty() ? 10 * BranchAndBound.TOL : 0;
        boolean ok = ibp <= c;
        if (exact.isPresent()) {
            Exact x = exact.get();
            ok &= x.value().map(v -> v.compareTo(new BigFraction(c)) >= 0).orElse(c <= x.upper() + slack);
            ok &= attack.isEmpty() || x.lower() <= attack.get().distance() + slack;
        }
        if (!ok) {
            throw new IllegalStateException("bounds out of order: IBP " + ibp + ", CROWN " + c + ", exact "
                    + exact.map(x -> "[" + x.lower() + ", " + x.upper() + "]").orElse("-") + ", attack "
                    + attack.map(w -> String.valueOf(w.distance())).orElse("-"));
        }
    }
}
