package org.nnid.exact;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.commons.math3.fraction.BigFraction;

/**
 * Square systems of linear equations over the rationals, by Gaussian elimination: the exact vertex
 * of a linear program whose floating-point solution named the tight constraints.
 */
final class ExactLinearSystem {
    private ExactLinearSystem() {}

    /**
     * From the candidate rows (each a[0..n−1] = rhs at index n), tried in the given order, keeps the
     * first n that are linearly independent and solves them exactly; empty when fewer than n are
     * independent.
     */
    static Optional<BigFraction[]> solveFirstIndependent(List<BigFraction[]> rows, int n) {
        List<BigFraction[]> basis = new ArrayList<>(); // reduced copies, for the independence test
        List<BigFraction[]> chosen = new ArrayList<>();
        List<Integer> pivots = new ArrayList<>();
        for (BigFraction[] row : rows) {
            BigFraction[] r = row.clone();
            for (int b = 0; b < basis.size(); b++) {
                int p = pivots.get(b);
                if (Rationals.sign(r[p]) != 0) {
                    BigFraction f = r[p].divide(basis.get(b)[p]);
                    for (int j = 0; j <= n; j++) {
                        r[j] = r[j].subtract(basis.get(b)[j].multiply(f));
                    }
                }
            }
            int pivot = -1;
            for (int j = 0; j < n && pivot < 0; j++) {
                if (Rationals.sign(r[j]) != 0) {
                    pivot = j;
                }
            }
            if (pivot < 0) {
                continue;
            }
            basis.add(r);
            pivots.add(pivot);
            chosen.add(row);
            if (chosen.size() == n) {
                return Optional.of(backSubstitute(basis, pivots, n));
            }
        }
        return Optional.empty();
    }

    /** The reduced rows are triangular in pivot order: later rows have no entries in earlier pivots. */
    private static BigFraction[] backSubstitute(List<BigFraction[]> basis, List<Integer> pivots, int n) {
        BigFraction[] x = new BigFraction[n];
        for (int b = basis.size() - 1; b >= 0; b--) {
            BigFraction[] r = basis.get(b);
            int p = pivots.get(b);
            BigFraction s = r[n];
            for (int j = 0; j < n; j++) {
                if (j != p && x[j] != null && Rationals.sign(r[j]) != 0) {
                    s = s.subtract(r[j].multiply(x[j]));
                }
            }
            x[p] = s.divide(r[p]);
        }
        return x;
    }
}
