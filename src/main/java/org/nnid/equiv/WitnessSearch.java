package org.nnid.equiv;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;
import org.nnid.net.Evaluator;
import org.nnid.net.Network;
import org.nnid.scalar.DoubleScalar;
import org.nnid.scalar.Interval;
import org.nnid.scalar.Scalar;
import org.nnid.symbolic.HighPrecisionEvaluator;

/**
 * Looks for an input where two networks provably differ (docs/math.md §6, step 4): deterministic
 * sample points (the origin, unit vectors, random points at several scales, or points of the
 * user's box), then local maximisation of the relative difference |A − B| / max(1, |A|, |B|) from
 * the most promising points (Nelder–Mead from Commons Math for up to 12 inputs, a shrinking random
 * walk beyond). A point only becomes a witness when outward-rounded interval enclosures of the two
 * outputs are disjoint there, or, for networks small enough, when two high-precision evaluations
 * at different working precisions agree on enough digits to separate the values.
 */
final class WitnessSearch {
    /** Promising points from which to maximise locally. */
    private static final int STARTS = 4;
    private static final int HIGH_PRECISION_DIGITS = 40;
    private static final int HIGH_PRECISION_MAX_NODES = 400;

    record Outcome(Optional<Evidence.Witness> witness, Evidence.Search search) {}

    private final Network a;
    private final Network b;
    private final Box box;
    private final SplittableRandom random;
    /** 0: look for any difference (scored relatively); otherwise for |A − B| &gt; eps (scored absolutely). */
    private final double eps;
    private int evaluations;
    private double best = -1;
    private double[] bestAt;
    private int bestOutput;

    private WitnessSearch(Network a, Network b, Box box, long seed, double eps) {
        this.a = a;
        this.b = b;
        this.box = box;
        this.random = new SplittableRandom(seed);
        this.eps = eps;
    }

    /**
     * @param box where to look (empty: all of R^m, with points at scales 0.1 to 10)
     * @param eps 0 to look for any proved difference, otherwise for a proved |A − B| &gt; eps
     */
    static Outcome run(Network a, Network b, java.util.Optional<Box> box, long seed, int points, double eps) {
        return new WitnessSearch(a, b, box.orElse(null), seed, eps).search(points);
    }

    private record Candidate(double[] x, double score) {}

    private Outcome search(int points) {
        List<Candidate> candidates = new ArrayList<>();
        for (double[] x : samplePoints(points)) {
            candidates.add(new Candidate(x, score(x)));
        }
        candidates.sort(Comparator.comparingDouble(Candidate::score).reversed());
        for (int i = 0; i < Math.min(STARTS, candidates.size()); i++) {
            Candidate c = candidates.get(i);
            if (!(c.score > 0)) {
                break;
            }
            Optional<Evidence.Witness> w = proveAt(a, b, c.x, eps);
            if (w.isEmpty()) {
                double[] y = maximise(c.x);
                w = proveAt(a, b, y, eps);
            }
            if (w.isPresent()) {
                return new Outcome(w, searchEvidence());
            }
        }
        return new Outcome(Optional.empty(), searchEvidence());
    }

    private Evidence.Search searchEvidence() {
        return new Evidence.Search(evaluations, Math.max(best, 0), Optional.ofNullable(bestAt), bestOutput);
    }

    private List<double[]> samplePoints(int n) {
        int m = a.inputCount();
        List<double[]> pts = new ArrayList<>();
        if (box == null) {
            pts.add(new double[m]);
            for (int i = 0; i < m && pts.size() < n / 2; i++) {
                for (double s : new double[] {1, -1}) {
                    double[] e = new double[m];
                    e[i] = s;
                    pts.add(e);
                }
            }
            double[] scales = {1, 0.1, 3, 10, 0.5};
            for (int k = 0; pts.size() < n; k++) {
                double[] x = new double[m];
                double s = scales[k % scales.length];
                for (int i = 0; i < m; i++) {
                    x[i] = s * gaussian();
                }
                pts.add(x);
            }
        } else {
            double[] centre = new double[m];
            for (int i = 0; i < m; i++) {
                centre[i] = box.lo()[i] + (box.hi()[i] - box.lo()[i]) / 2;
            }
            pts.add(centre);
            pts.add(box.lo().clone());
            pts.add(box.hi().clone());
            while (pts.size() < n) {
                double[] x = new double[m];
                for (int i = 0; i < m; i++) {
                    x[i] = box.lo()[i] + random.nextDouble() * (box.hi()[i] - box.lo()[i]);
                }
                pts.add(x);
            }
        }
        return pts;
    }

    private double gaussian() {
        // Box–Muller on the seeded generator (SplittableRandom has no nextGaussian on Java 17).
        double u = random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
    }

    /** The largest relative output difference at x; NaN differences count as none. */
    private double score(double[] x) {
        evaluations++;
        double[] fa = Evaluator.evaluate(a, x);
        double[] fb = Evaluator.evaluate(b, x);
        double s = 0;
        for (int k = 0; k < fa.length; k++) {
            double d = eps > 0 ? Math.abs(fa[k] - fb[k])
                    : Math.abs(fa[k] - fb[k]) / Math.max(1, Math.max(Math.abs(fa[k]), Math.abs(fb[k])));
            if (d > s && Double.isFinite(d)) {
                s = d;
            }
            double abs = Math.abs(fa[k] - fb[k]);
            if (abs > best && Double.isFinite(abs)) {
                best = abs;
                bestAt = x.clone();
                bestOutput = k;
            }
        }
        return s;
    }

    private double[] maximise(double[] start) {
        int m = start.length;
        if (m <= 12) {
            MultivariateFunction f = x -> score(box == null ? x : box.clamp(x));
            double[] steps = new double[m];
            for (int i = 0; i < m; i++) {
                steps[i] = box == null ? Math.max(0.1, Math.abs(start[i]) / 4)
                        : Math.max(1e-9, (box.hi()[i] - box.lo()[i]) / 8);
            }
            try {
                PointValuePair p = new SimplexOptimizer(1e-12, 1e-14).optimize(new MaxEval(200 * (m + 1)),
                        new ObjectiveFunction(f), GoalType.MAXIMIZE, new InitialGuess(start),
                        new NelderMeadSimplex(steps));
                return box == null ? p.getPoint() : box.clamp(p.getPoint());
            } catch (TooManyEvaluationsException e) {
                return bestAt == null ? start : bestAt.clone();
            }
        }
        double[] x = start.clone();
        double fx = score(x);
        double step = 0.25;
        for (int it = 0; it < 200 && step > 1e-6; it++) {
            double[] y = x.clone();
            for (int i = 0; i < m; i++) {
                y[i] += step * Math.max(1, Math.abs(x[i])) * gaussian();
            }
            if (box != null) {
                y = box.clamp(y);
            }
            double fy = score(y);
            if (fy > fx) {
                x = y;
                fx = fy;
                step *= 1.5;
            } else {
                step *= 0.8;
            }
        }
        return x;
    }

    /** A witness at x if the outputs provably differ there by more than eps. */
    static Optional<Evidence.Witness> proveAt(Network a, Network b, double[] x, double eps) {
        Interval[] ea = Evaluator.enclose(a, x);
        Interval[] eb = Evaluator.enclose(b, x);
        for (int k = 0; k < ea.length; k++) {
            Evidence.Witness w = new Evidence.Witness(x.clone(), k, ea[k], eb[k], new Evidence.Witness.OutwardIntervals(), eps);
            if (w.separates()) {
                return Optional.of(w);
            }
        }
        if (a.nodeCount() + b.nodeCount() > HIGH_PRECISION_MAX_NODES) {
            return Optional.empty();
        }
        return highPrecision(a, b, x, eps);
    }

    /**
     * Both networks at x in high precision (HighPrecisionEvaluator) to find an output where they
     * seem to differ, then a proof: A(x) − B(x), with x's exact binary values, enclosed in
     * outward-rounded decimal interval arithmetic ({@link RigorousWitness}); only an enclosure
     * outside [−eps, eps] makes a witness.
     */
    private static Optional<Evidence.Witness> highPrecision(Network a, Network b, double[] x, double eps) {
        Scalar[] sx = new Scalar[x.length];
        for (int i = 0; i < x.length; i++) {
            sx[i] = DoubleScalar.of(x[i]);
        }
        HighPrecisionEvaluator.Result ra;
        HighPrecisionEvaluator.Result rb;
        try {
            ra = HighPrecisionEvaluator.evaluate(a, sx, HIGH_PRECISION_DIGITS);
            rb = HighPrecisionEvaluator.evaluate(b, sx, HIGH_PRECISION_DIGITS);
        } catch (ArithmeticException | org.nnid.symja.SymjaException e) {
            return Optional.empty();
        }
        for (int k = 0; k < ra.values().length; k++) {
            Interval ia = enclosure(ra.values()[k], ra.agreedDigits()[k]);
            Interval ib = enclosure(rb.values()[k], rb.agreedDigits()[k]);
            if (ia == null || ib == null) {
                continue;
            }
            if (Evidence.Witness.separates(ia, ib, eps)) { // an estimate: the proof follows
                Optional<Evidence.Witness> proved = RigorousWitness.prove(a, b, x, k, eps);
                if (proved.isPresent()) {
                    return proved;
                }
            }
        }
        return Optional.empty();
    }

    /** [v − r, v + r] with r one unit in the last agreed digit, rounded outwards; null if too few digits agree. */
    static Interval enclosure(BigDecimal v, int agreedDigits) {
        if (agreedDigits < 10) {
            return null;
        }
        if (v.signum() == 0) {
            return null; // HighPrecisionEvaluator cannot tell a true 0 from cancellation
        }
        BigDecimal r = BigDecimal.ONE.movePointLeft(agreedDigits - 1).multiply(v.abs(), MathContext.DECIMAL64);
        double lo = v.subtract(r).doubleValue();
        double hi = v.add(r).doubleValue();
        return Interval.of(Math.nextDown(lo), Math.nextUp(hi));
    }
}
