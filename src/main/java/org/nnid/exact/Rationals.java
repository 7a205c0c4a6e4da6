package org.nnid.exact;

import org.apache.commons.math3.fraction.BigFraction;
import org.nnid.scalar.Rational;
import org.nnid.scalar.Scalar;

/** Conversions between the project's exact scalars, doubles and Commons Math fractions. */
final class Rationals {
    private Rationals() {}

    /** −1, 0 or 1 (Commons Math 3.6.1's BigFraction has no signum; its denominator is positive). */
    static int sign(BigFraction f) {
        return f.getNumerator().signum() * f.getDenominator().signum();
    }

    /** The exact value of a finite double ({@link Rational#ofExactDouble}). */
    static BigFraction ofDouble(double d) {
        return Rational.ofExactDouble(d).fraction();
    }

    /** The rational value of a scalar, or empty when it is not rational (π, √2, a double). */
    static java.util.Optional<BigFraction> of(Scalar s) {
        return s instanceof Rational r ? java.util.Optional.of(r.fraction()) : java.util.Optional.empty();
    }

    /**
     * A rational with a small denominator within about 1e-12 relative of d (continued fractions):
     * LP multipliers are floating-point approximations of simple exact ones, and an exact
     * certificate needs the exact ones.
     */
    static BigFraction simple(double d) {
        if (d == 0 || !Double.isFinite(d)) {
            return BigFraction.ZERO;
        }
        try {
            return new BigFraction(d, 1e-12 * Math.max(1, Math.abs(d)), 1000);
        } catch (org.apache.commons.math3.fraction.FractionConversionException e) {
            return ofDouble(d);
        }
    }
}
