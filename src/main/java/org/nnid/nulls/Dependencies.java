package org.nnid.nulls;

import java.math.BigInteger;
import java.util.Optional;

import org.apache.commons.math3.fraction.BigFraction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * Numeric detection of linear dependencies among sampled functions and the constant 1 (docs/math.md §6,
 * "generic null-space detection"): the SVD (Commons Math) of the sample matrix with every column
 * scaled to unit length; a relative singular value below {@value #THRESHOLD} marks a candidate
 * relation, which must then be proved. Exact dependencies give about 1e-16; the near-dependence of
 * tanh near-clones docs/math.md measured was 2e-5.
 */
final class Dependencies {
    static final double THRESHOLD = 1e-9;
    /** Coefficients are read as rationals with denominators up to this. */
    private static final int MAX_DENOMINATOR = 1000;

    private Dependencies() {}

    static int[] allIndices(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    /** The matrix [1 | columns of the subset], every column scaled to unit length (zero columns stay zero). */
    private static double[][] matrix(double[][] columns, int[] subset, int rows) {
        double[][] m = new double[rows][subset.length + 1];
        double one = 1 / Math.sqrt(rows);
        for (int i = 0; i < rows; i++) {
            m[i][0] = one;
        }
        for (int j = 0; j < subset.length; j++) {
            double[] c = columns[subset[j]];
            double norm = 0;
            for (double v : c) {
                norm += v * v;
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < rows; i++) {
                m[i][j + 1] = norm > 0 ? c[i] / norm : 0;
            }
        }
        return m;
    }

    static double smallestRelativeSingularValue(double[][] columns, int[] subset) {
        if (subset.length == 0) {
            return 1;
        }
        double[][] m = matrix(columns, subset, columns[0].length);
        double[] s = new SingularValueDecomposition(new Array2DRowRealMatrix(m, false)).getSingularValues();
        return s[s.length - 1] / s[0];
    }

    /** The dependency of the subset with exact small rational coefficients, if it has one and all units take part. */
    static Optional<Relation> relation(double[][] columns, int[] subset) {
        int rows = columns[0].length;
        double[][] m = matrix(columns, subset, rows);
        SingularValueDecomposition svd = new SingularValueDecomposition(new Array2DRowRealMatrix(m, false));
        double[] v = svd.getV().getColumn(subset.length);
        double[] c = new double[v.length];
        double max = 0;
        for (int j = 0; j < v.length; j++) {
            double norm;
            if (j == 0) {
                norm = Math.sqrt(rows);
            } else {
                double s = 0;
                for (double x : columns[subset[j - 1]]) {
                    s += x * x;
                }
                norm = Math.sqrt(s);
            }
            // coefficient of the unscaled column: v_j / ‖column‖ (a zero column takes v_j as it is)
            c[j] = norm > 0 ? v[j] / norm : v[j];
            if (j > 0) {
                max = Math.max(max, Math.abs(c[j]));
            }
        }
        if (max == 0) {
            return Optional.empty();
        }
        BigFraction[] q = new BigFraction[c.length];
        for (int j = 0; j < c.length; j++) {
            double x = c[j] / max;
            if (j > 0 && Math.abs(x) < 1e-6) {
                return Optional.empty(); // a unit that does not take part: a smaller subset holds the relation
            }
            Optional<BigFraction> f = rational(x);
            if (f.isEmpty()) {
                return Optional.empty();
            }
            q[j] = f.get();
        }
        return Optional.of(Relation.of(subset, q));
    }

    /** A rational p/q with q ≤ 1000 within 1e-7 of x, or empty. */
    private static Optional<BigFraction> rational(double x) {
        if (Math.abs(x) < 1e-9) {
            return Optional.of(BigFraction.ZERO);
        }
        try {
            BigFraction f = new BigFraction(x, 1e-10, 64);
            if (f.getDenominator().compareTo(BigInteger.valueOf(MAX_DENOMINATOR)) <= 0
                    && Math.abs(f.doubleValue() - x) < 1e-7) {
                return Optional.of(f);
            }
        } catch (org.apache.commons.math3.fraction.FractionConversionException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The next k-subset of {0..n−1} in lexicographic order; false after the last. */
    static boolean next(int[] s, int n) {
        int k = s.length;
        int i = k - 1;
        while (i >= 0 && s[i] == n - k + i) {
            i--;
        }
        if (i < 0) {
            return false;
        }
        s[i]++;
        for (int j = i + 1; j < k; j++) {
            s[j] = s[j - 1] + 1;
        }
        return true;
    }

    static BigInteger binomial(int n, int k) {
        BigInteger c = BigInteger.ONE;
        for (int i = 1; i <= k; i++) {
            c = c.multiply(BigInteger.valueOf(n - k + i)).divide(BigInteger.valueOf(i));
        }
        return c;
    }

}
