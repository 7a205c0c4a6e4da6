package org.nnid.equiv;

import java.math.BigDecimal;
import java.util.Optional;

import org.nnid.net.Block;
import org.nnid.net.Network;
import org.nnid.scalar.Interval;

/**
 * Exact evaluation of piecewise-linear networks (ReLU or identity) whose weights and biases are
 * doubles, at a point of doubles: every product and sum of binary fractions is a finite decimal,
 * so BigDecimal holds every intermediate value exactly and relu(t) = max(t, 0) is decided exactly.
 * It proves the EXCEEDS_EPS witnesses of such networks with no rounding at all.
 */
final class ExactPiecewise {

    private ExactPiecewise() {}

    /** Whether the network is one this class evaluates exactly. */
    static boolean applies(Network n) {
        String rho = n.activation().name();
        if (!(rho.equals("relu") || rho.equals("identity")) || !n.activation().parameters().isEmpty()) {
            return false;
        }
        for (Block b : n.blocks()) {
            if (!java.util.Arrays.equals(b.weights().enclosureLo().toArray(), b.weights().enclosureHi().toArray())
                    || !java.util.Arrays.equals(b.bias().enclosureLo().toArray(), b.bias().enclosureHi().toArray())) {
                return false; // a weight that is not a double
            }
        }
        return true;
    }

    /** The exact outputs at x (finite doubles); {@link #applies} must hold. */
    static BigDecimal[] evaluate(Network n, double[] x) {
        BigDecimal[] value = new BigDecimal[n.nodeCount()];
        for (int i = 0; i < x.length; i++) {
            value[i] = new BigDecimal(x[i]);
        }
        boolean relu = n.activation().name().equals("relu");
        for (Block b : n.blocks()) {
            double[] w = b.weights().enclosureLo().toArray();
            double[] bias = b.bias().enclosureLo().toArray();
            int width = b.width();
            boolean affine = b.output() && !n.outputActivation();
            for (int r = 0; r < b.size(); r++) {
                BigDecimal z = new BigDecimal(bias[r]);
                for (int j = 0; j < width; j++) {
                    double wj = w[r * width + j];
                    if (wj != 0) {
                        z = z.add(new BigDecimal(wj).multiply(value[b.source(j)]));
                    }
                }
                value[b.start() + r] = !affine && relu && z.signum() < 0 ? BigDecimal.ZERO : z;
            }
        }
        BigDecimal[] y = new BigDecimal[n.outputCount()];
        for (int k = 0; k < y.length; k++) {
            y[k] = value[n.outputNode(k)];
        }
        return y;
    }

    /** A witness at x when some output differs by more than eps exactly (and by enough to show in doubles). */
    static Optional<Evidence.Witness> prove(Network a, Network b, double[] x, double eps) {
        return prove(a, b, x, -1, eps);
    }

    /** The same for one output only (−1: the first output that shows it). */
    static Optional<Evidence.Witness> prove(Network a, Network b, double[] x, int output, double eps) {
        for (double xi : x) {
            if (!Double.isFinite(xi)) {
                return Optional.empty();
            }
        }
        BigDecimal[] ya = evaluate(a, x);
        BigDecimal[] yb = evaluate(b, x);
        BigDecimal e = new BigDecimal(eps);
        for (int k = 0; k < ya.length; k++) {
            if ((output < 0 || k == output) && ya[k].subtract(yb[k]).abs().compareTo(e) > 0) {
                Evidence.Witness w = new Evidence.Witness(x.clone(), k, enclosure(ya[k]), enclosure(yb[k]), new Evidence.Witness.ExactRational(),
                        eps);
                if (w.separates()) {
                    return Optional.of(w);
                }
            }
        }
        return Optional.empty();
    }

    /** The smallest interval of doubles around an exact value (a point when the value is a double). */
    static Interval enclosure(BigDecimal v) {
        double d = v.doubleValue();
        if (Double.isInfinite(d)) {
            return d > 0 ? Interval.of(Double.MAX_VALUE, d) : Interval.of(d, -Double.MAX_VALUE);
        }
        int c = new BigDecimal(d).compareTo(v);
        return c == 0 ? Interval.point(d) : c > 0 ? Interval.of(Math.nextDown(d), d) : Interval.of(d, Math.nextUp(d));
    }
}
