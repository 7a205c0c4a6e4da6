package org.nnid.stability;

import java.util.Optional;
import java.util.Random;

/**
 * Gradient attacks (FGSM and PGD with random restarts) and a bisection on ε. They give upper
 * bounds on d*: every reported adversarial input is a {@link Problem.Witness}, its class proved
 * by interval evaluation, its distance bounded above rigorously. A failed attack proves nothing.
 *
 * @param steps    PGD steps per restart
 * @param restarts PGD runs: the first starts at x₀, the others at random points of the ball
 * @param seed     for the random starts, so results repeat
 */
public record Attacks(int steps, int restarts, long seed) {
    /** Searches stay a relative 1e-9 inside the ball, so that rounding cannot carry a witness out of it. */
    private static final double INSIDE = 1 - 1e-9;

    public static Attacks defaults() {
        return new Attacks(50, 5, 1);
    }

    /** One signed-gradient step of length ε from x₀ (Goodfellow et al.'s fast gradient sign method). */
    public Optional<Problem.Witness> fgsm(Problem p, double eps) {
        eps *= INSIDE;
        double[] x0 = p.centre();
        double[] x = x0.clone();
        p.norm().descend(x, marginGradient(p, x0), eps);
        p.norm().project(x, x0, eps);
        return p.worstMargin(x) < 0 ? p.prove(x) : Optional.empty();
    }

    /** Projected gradient descent on the worst margin inside the ε-ball, with restarts. */
    public Optional<Problem.Witness> pgd(Problem p, double eps) {
        eps *= INSIDE;
        Random random = new Random(seed);
        double[] x0 = p.centre();
        double step = 2.5 * eps / steps;
        Optional<Problem.Witness> best = Optional.empty();
        for (int r = 0; r < restarts; r++) {
            double[] x = r == 0 ? x0.clone() : randomPoint(random, x0, eps, p.norm());
            for (int s = 0; s < steps; s++) {
                p.norm().descend(x, marginGradient(p, x), s == 0 && r == 0 ? eps : step);
                p.norm().project(x, x0, eps);
                if (p.worstMargin(x) < 0) {
                    Optional<Problem.Witness> w = p.prove(x);
                    if (w.isPresent() && (best.isEmpty() || w.get().distance() < best.get().distance())) {
                        best = w;
                    }
                    if (w.isPresent()) {
                        break;
                    }
                }
            }
        }
        return best;
    }

    /**
     * The least ε at which PGD finds a proved witness, by doubling from {@code eps} (up to 2²⁰·eps)
     * and then bisecting 30 times; the witness's own distance is the upper bound.
     */
    public Optional<Problem.Witness> smallest(Problem p, double eps) {
        Optional<Problem.Witness> best = Optional.empty();
        double lo = 0;
        double hi = eps;
        for (int k = 0; k <= 20 && best.isEmpty(); k++) {
            best = pgd(p, hi);
            if (best.isEmpty()) {
                best = fgsm(p, hi);
            }
            if (best.isEmpty()) {
                lo = hi;
                hi *= 2;
            }
        }
        if (best.isEmpty()) {
            return best;
        }
        hi = best.get().distance();
        for (int k = 0; k < 30 && hi - lo > 1e-12 * hi; k++) {
            double mid = 0.5 * (lo + hi);
            Optional<Problem.Witness> w = pgd(p, mid);
            if (w.isPresent() && w.get().distance() < best.get().distance()) {
                best = w;
                hi = w.get().distance();
            } else {
                lo = mid;
            }
        }
        return best;
    }

    private static double[] marginGradient(Problem p, double[] x) {
        double[] y = p.mlp().forward(x);
        Decision.Margin worst = null;
        for (Decision.Margin g : p.margins()) {
            if (worst == null || g.value(y) < worst.value(y)) {
                worst = g;
            }
        }
        double[] c = new double[worst.a().length];
        for (int k = 0; k < c.length; k++) {
            c[k] = worst.a()[k];
        }
        return p.mlp().gradient(x, c);
    }

    private static double[] randomPoint(Random random, double[] x0, double eps, Norm norm) {
        double[] x = new double[x0.length];
        if (norm == Norm.INF) {
            for (int i = 0; i < x.length; i++) {
                x[i] = x0[i] + eps * (2 * random.nextDouble() - 1);
            }
            return x;
        }
        double[] d = new double[x0.length];
        double n = 0;
        for (int i = 0; i < d.length; i++) {
            d[i] = random.nextGaussian();
            n += d[i] * d[i];
        }
        double r = eps * Math.pow(random.nextDouble(), 1.0 / x0.length) / Math.sqrt(n);
        for (int i = 0; i < x.length; i++) {
            x[i] = x0[i] + r * d[i];
        }
        return x;
    }
}
