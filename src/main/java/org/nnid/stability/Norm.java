package org.nnid.stability;

import org.nnid.scalar.Interval;
import org.nnid.scalar.Scalar;

/** The norm of the perturbation ball: ℓ∞ or ℓ2. */
public enum Norm {
    INF("inf"), TWO("2");

    private final String label;

    Norm(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The norm of x − x₀ in double arithmetic. */
    public double distance(double[] x, double[] x0) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double d = Math.abs(x[i] - x0[i]);
            s = this == INF ? Math.max(s, d) : s + d * d;
        }
        return this == INF ? s : Math.sqrt(s);
    }

    /** A rigorous upper bound of ‖x − x₀‖ for a double point x and an exact centre x₀. */
    public double distanceUpper(double[] x, Scalar[] x0) {
        Interval s = Interval.point(0);
        for (int i = 0; i < x.length; i++) {
            Interval d = Interval.abs(Interval.point(x[i]).sub(x0[i].enclosure()));
            s = this == INF ? Interval.max(s, d) : s.add(Interval.sqr(d));
        }
        return (this == INF ? s : Interval.sqrt(s)).hi();
    }

    /** The projection of x onto the ball of radius eps around x₀ (in place). */
    void project(double[] x, double[] x0, double eps) {
        if (this == INF) {
            for (int i = 0; i < x.length; i++) {
                x[i] = Math.min(x0[i] + eps, Math.max(x0[i] - eps, x[i]));
            }
            return;
        }
        double d = distance(x, x0);
        if (d > eps) {
            for (int i = 0; i < x.length; i++) {
                x[i] = x0[i] + (x[i] - x0[i]) * eps / d;
            }
        }
    }

    /** The steepest-descent step of length {@code step} for gradient g (sign for ℓ∞, normalised for ℓ2). */
    void descend(double[] x, double[] g, double step) {
        double n = 0;
        for (double gi : g) {
            n += gi * gi;
        }
        n = Math.sqrt(n);
        for (int i = 0; i < x.length; i++) {
            x[i] -= this == INF ? step * Math.signum(g[i]) : (n == 0 ? 0 : step * g[i] / n);
        }
    }
}
