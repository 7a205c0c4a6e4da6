package org.nnid.stability;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The non-computability mechanism of docs/math.md §8, run: the cost C_a(θ) = (θ₁ + θ₂(1+a) − 1)² +
 * ½(|θ₁| + |θ₂|) has the unique minimiser (0, v/(1+a)) with v = 1 − 1/(4(1+a)) for a &gt; 0 and
 * (v, 0) with v = 1 − 1/4 for a &lt; 0 (the ℓ1 term favours the coordinate with the larger
 * coefficient); at a = 0 every θ ≥ 0 with θ₁ + θ₂ = ¾ minimises it.
 *
 * <p>The algorithm reads a from an oracle at precision 2^−n and minimises the cost for what it
 * read; when it reads 0 it picks one of the two sparse minimisers by a fair coin. The oracle is
 * legal and adversarial: it returns the value nearest 0 within 2^−n of a, so for a = ±2^−m and
 * n ≤ m it answers 0 to both, the algorithm's outputs have the same distribution for both, and
 * its two success events (being within {@value #TOLERANCE} of two minimisers 0.75·√2 apart) are
 * disjoint: P(success | +) + P(success | −) ≤ 1, so one of them is ≤ ½. The same seed drives
 * both runs, so the empirical sums obey the bound exactly, not only in expectation.
 */
public final class OracleExperiment {
    static final double TOLERANCE = 0.1;

    private OracleExperiment() {}

    public record Row(int m, int n, double read, double successPlus, double successMinus) {
        public double sum() {
            return successPlus + successMinus;
        }
    }

    /** The oracle: the number nearest 0 within 2^−n of a. */
    static double oracle(double a, int n) {
        double p = Math.scalb(1.0, -n);
        return Math.signum(a) * Math.max(0, Math.abs(a) - p);
    }

    static double[] minimiser(double a) {
        if (a > 0) {
            double v = 1 - 1 / (4 * (1 + a));
            return new double[] {0, v / (1 + a)};
        }
        return new double[] {0.75, 0};
    }

    static double[] algorithm(double read, Random coin) {
        if (read != 0) {
            return minimiser(read);
        }
        return coin.nextBoolean() ? new double[] {0, 0.75} : new double[] {0.75, 0};
    }

    public static List<Row> run(int[] ms, int trials, long seed) {
        List<Row> rows = new ArrayList<>();
        for (int m : ms) {
            for (int n = Math.max(1, m - 2); n <= m + 2; n++) {
                double a = Math.scalb(1.0, -m);
                rows.add(new Row(m, n, oracle(a, n), rate(a, n, trials, seed), rate(-a, n, trials, seed)));
            }
        }
        return rows;
    }

    private static double rate(double a, int n, int trials, long seed) {
        Random coin = new Random(seed);
        double[] target = minimiser(a);
        int success = 0;
        for (int t = 0; t < trials; t++) {
            double[] theta = algorithm(oracle(a, n), coin);
            success += Math.hypot(theta[0] - target[0], theta[1] - target[1]) <= TOLERANCE ? 1 : 0;
        }
        return (double) success / trials;
    }
}
