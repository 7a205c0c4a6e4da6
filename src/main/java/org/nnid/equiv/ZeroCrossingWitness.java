package org.nnid.equiv;

import java.util.ArrayList;
import java.util.List;
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
    /** Points evaluated in doubles to find segment ends of opposite signs: half at scale 2, half at 20. */
    private static final int SAMPLES = 16;

    private ZeroCrossingWitness() {}

    /**
     * @param box      where to look (empty: all of R^m, points in cubes of half-widths 2 and 20)
     * @param segments segments whose ends give A's output opposite signs to try, per output
     */
    static Optional<Evidence.Witness> find(Network a, Network b, Optional<Box> box, long seed, int segments) {
        SplittableRandom random = new SplittableRandom(seed);
        List<double[]> points = new ArrayList<>();
        List<double[]> outputs = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
            double[] x = point(a.inputCount(), box, random, i < SAMPLES / 2 ? 2 : 20);
            points.add(x);
            outputs.add(Evaluator.evaluate(a, x));
        }
        for (int k = 0; k < a.outputCount(); k++) {
            int tried = 0;
            for (int i = 0; i < SAMPLES && tried < segments; i++) {
                for (int j = i + 1; j < SAMPLES && tried < segments; j++) {
                    double yi = outputs.get(i)[k];
                    double yj = outputs.get(j)[k];
                    if (!(yi < 0 && yj > 0) && !(yi > 0 && yj < 0)) {
                        continue;
                    }
                    tried++;
                    double[] x = crossing(a, k, points.get(i), points.get(j), yi < 0);
                    if (box.isPresent() && !box.get().contains(x)) {
                        continue;
                    }
                    Optional<Evidence.Witness> w = ExactPiecewise.prove(a, b, x, k, 0);
                    if (w.isPresent()) {
                        return w;
                    }
                    break; // the next segment from another start
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

    private static double[] point(int m, Optional<Box> box, SplittableRandom random, double scale) {
        double[] x = new double[m];
        for (int i = 0; i < m; i++) {
            x[i] = box.isPresent() ? box.get().lo()[i] + random.nextDouble() * (box.get().hi()[i] - box.get().lo()[i])
                    : scale * (2 * random.nextDouble() - 1);
        }
        return x;
    }
}
