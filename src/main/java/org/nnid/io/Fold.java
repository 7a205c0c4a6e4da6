package org.nnid.io;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.math3.fraction.BigFraction;

/**
 * Folds an input transformation x'_j = a_j·x_j + c_j (an input normalisation such as
 * (x − mean)/std) into the layer that reads x': W'_ij = W_ij·a_j and b'_i = b_i + Σ_j W_ij·c_j.
 * The a_j and c_j are exact rationals (the normalisation constants of a file are doubles, so
 * their quotients are exact rationals); every folded weight and bias is computed from the exact
 * value and rounded once to a double: a product or quotient of two doubles by one IEEE operation
 * (correctly rounded), anything else from a 40-digit value.
 */
final class Fold {
    private static final MathContext DIGITS = new MathContext(40);

    /** The per-input factors a_j, prepared for the fast cases. */
    static final class Factors {
        private final BigFraction[] a;
        private final double[] times;
        private final double[] divide;

        Factors(BigFraction[] a) {
            this.a = a.clone();
            times = new double[a.length];
            divide = new double[a.length];
            for (int j = 0; j < a.length; j++) {
                times[j] = exactDouble(a[j]);
                divide[j] = a[j].equals(BigFraction.ZERO) ? Double.NaN : exactDouble(a[j].reciprocal());
            }
        }

        /** W·a_j rounded once to the nearest double. */
        double apply(double w, int j) {
            if (!Double.isNaN(times[j])) {
                return w * times[j];
            }
            if (!Double.isNaN(divide[j])) {
                return w / divide[j];
            }
            return round(new BigFraction(w).multiply(a[j]));
        }
    }

    private Fold() {}

    /** The double equal to {@code f}, or NaN when there is none. */
    static double exactDouble(BigFraction f) {
        double d = round(f);
        return Double.isFinite(d) && org.nnid.scalar.Rational.ofExactDouble(d).fraction().equals(f) ? d : Double.NaN;
    }

    /** {@code f} rounded to a double (from a 40-significant-digit value). */
    static double round(BigFraction f) {
        if (f.getDenominator().equals(BigInteger.ONE)) {
            return new BigDecimal(f.getNumerator()).doubleValue();
        }
        return new BigDecimal(f.getNumerator()).divide(new BigDecimal(f.getDenominator()), DIGITS).doubleValue();
    }

    /**
     * b + Σ_j w[offset + j·stride]·c_j, computed exactly and rounded once. The sum over j is grouped
     * by the value of c_j (normalisations usually share one mean), so that the exact arithmetic is
     * a sum of doubles per distinct c.
     */
    static double affine(double b, double[] w, int offset, int stride, BigFraction[] c) {
        Map<BigFraction, BigDecimal> sums = new LinkedHashMap<>();
        for (int j = 0; j < c.length; j++) {
            if (!c[j].equals(BigFraction.ZERO)) {
                double wj = w[offset + j * stride];
                if (wj != 0) {
                    sums.merge(c[j], new BigDecimal(wj), BigDecimal::add);
                }
            }
        }
        if (sums.isEmpty()) {
            return b;
        }
        BigFraction total = new BigFraction(b);
        for (Map.Entry<BigFraction, BigDecimal> e : sums.entrySet()) {
            total = total.add(fraction(e.getValue()).multiply(e.getKey()));
        }
        return round(total);
    }

    static BigFraction fraction(BigDecimal d) {
        return d.scale() <= 0 ? new BigFraction(d.toBigIntegerExact())
                : new BigFraction(d.unscaledValue(), BigInteger.TEN.pow(d.scale()));
    }
}
