package org.nnid.equiv;

import java.util.Optional;
import java.util.SplittableRandom;

import org.nnid.net.Evaluator;
import org.nnid.net.Network;

/**
 * A witness for piecewise-linear networks of doubles that differ by very little (a parameter moved
 * by one ulp): where A's output is about 1, the exact outputs of A and B differ by less than one
 * ulp and their double enclosures overlap, but where A's output crosses zero its exact value is
 * tiny, so is its enclosure, and the same small difference shows. The crossing is found by
 * bisection in double arithmetic on a segment whose ends give A's output opposite signs; only the
 * exact evaluation at the point found ({@link ExactPiecewise}) makes the witness.
 */
final class ZeroCrossingWitness {
    /** Halvings of the segment: the crossing to about the doubles' resolution. */
    private static final int HALVINGS = 64;

    private ZeroCrossingWitness() {}

    /**
     * @param box      where to look (empty: all of R^m, points at scale about 1)
     * @param segments random segments to try
     */
    static Optional<Evidence.Witness> find(Network a, Network b, Optional<Box> box, long seed, int segments) {
        SplittableRandom random = new SplittableRandom(seed);
        int m = a.inputCount();
        for (int s = 0; s < segments; s++) {
            double[] x0 = point(m, box, random);
            double[] x1 = point(m, box, random);
            double[] y0 = Evaluator.evaluate(a, x0);
            double[] y1 = Evaluator.evaluate(a, x1);
            for (int k = 0; k < y0.length; k++) {
                if (!(y0[k] < 0 && y1[k] > 0) && !(y0[k] > 0 && y1[k] < 0)) {
                    continue;
                }
                double[] x = crossing(a, k, x0, x1, y0[k] < 0);
                if (box.isPresent() && !box.get().contains(x)) {
                    continue;
                }
                Optional<Evidence.Witness> w = ExactPiecewise.prove(a, b, x, k, 0);
                if (w.isPresent()) {
                    return w;
                }
            }
        }
        return Optional.empty();
    }

    /** A point of the segment where output k of A changes sign, in double arithmetic. */
    private static double[] crossing(Network a, int k, double[] x0, double[] x1, boolean negativeAtStart) {
        double lo = 0;
        double hi = 1;
        for (int i = 0; i < HALVINGS && lo < hi; i++) {
            double t = lo + (hi - lo) / 2;
            if (t == lo || t == hi) {
                break;
            }
            double y = Evaluator.evaluate(a, along(x0, x1, t))[k];
            if (y == 0) {
                return along(x0, x1, t);
            }
            if ((y < 0) == negativeAtStart) {
                lo = t;
            } else {
                hi = t;
            }
        }
        return along(x0, x1, lo);
    }

    private static double[] along(double[] x0, double[] x1, double t) {
        double[] x = new double[x0.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = x0[i] + t * (x1[i] - x0[i]);
        }
        return x;
    }

    private static double[] point(int m, Optional<Box> box, SplittableRandom random) {
        double[] x = new double[m];
        for (int i = 0; i < m; i++) {
            x[i] = box.isPresent() ? box.get().lo()[i] + random.nextDouble() * (box.get().hi()[i] - box.get().lo()[i])
                    : 4 * random.nextDouble() - 2;
        }
        return x;
    }
}
