package org.nnid.scalar;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

import org.apache.commons.math3.fraction.BigFraction;

/** An exact rational weight, kept in lowest terms (Commons Math {@link BigFraction}). */
public final class Rational implements Scalar {
    private static final BigInteger TWO_53 = BigInteger.ONE.shiftLeft(53);

    private final BigFraction value;

    private Rational(BigFraction value) {
        this.value = value;
    }

    public static Rational of(BigFraction value) {
        return new Rational(value);
    }

    public static Rational of(long value) {
        return new Rational(new BigFraction(value));
    }

    public static Rational of(BigInteger numerator, BigInteger denominator) {
        return new Rational(new BigFraction(numerator, denominator));
    }

    /** The exact value of a finite double (every double is a dyadic rational). */
    public static Rational ofExactDouble(double d) {
        // Not new BigFraction(d): Commons Math 3.6.1 halves subnormal doubles (4.9E-324 becomes
        // 2^-1075). The bits give mantissa·2^exponent exactly, with an odd mantissa after the
        // trailing zeros are shifted out (so the fraction is already in lowest terms).
        if (!Double.isFinite(d)) {
            throw new ArithmeticException("not a finite number: " + d);
        }
        if (d == 0) {
            return of(0);
        }
        long bits = Double.doubleToRawLongBits(d);
        int biased = (int) ((bits >>> 52) & 0x7ff);
        long mantissa = bits & ((1L << 52) - 1);
        int exponent;
        if (biased == 0) {
            exponent = -1074; // subnormal: no implicit leading bit
        } else {
            mantissa |= 1L << 52;
            exponent = biased - 1075;
        }
        int zeros = Long.numberOfTrailingZeros(mantissa);
        mantissa >>= zeros;
        exponent += zeros;
        BigInteger m = BigInteger.valueOf(d < 0 ? -mantissa : mantissa);
        return exponent >= 0 ? of(m.shiftLeft(exponent), BigInteger.ONE) : of(m, BigInteger.ONE.shiftLeft(-exponent));
    }

    /** The exact value of a decimal. */
    public static Rational of(BigDecimal d) {
        BigInteger unscaled = d.unscaledValue();
        int scale = d.scale();
        return scale >= 0 ? of(unscaled, BigInteger.TEN.pow(scale))
                : of(unscaled.multiply(BigInteger.TEN.pow(-scale)), BigInteger.ONE);
    }

    public BigFraction fraction() {
        return value;
    }

    public BigInteger numerator() {
        return value.getNumerator();
    }

    public BigInteger denominator() {
        return value.getDenominator();
    }

    public boolean isInteger() {
        return value.getDenominator().equals(BigInteger.ONE);
    }

    @Override
    public Scalar add(Scalar other) {
        if (other instanceof Rational r) {
            return new Rational(value.add(r.value));
        }
        return other instanceof DoubleScalar d ? Scalar.of(toDouble() + d.value()) : other.add(this);
    }

    @Override
    public Scalar subtract(Scalar other) {
        if (other instanceof Rational r) {
            return new Rational(value.subtract(r.value));
        }
        return add(other.negate());
    }

    @Override
    public Scalar multiply(Scalar other) {
        if (other instanceof Rational r) {
            return new Rational(value.multiply(r.value));
        }
        return other instanceof DoubleScalar d ? Scalar.of(toDouble() * d.value()) : other.multiply(this);
    }

    @Override
    public Scalar divide(Scalar other) {
        if (other instanceof Rational r) {
            if (r.value.getNumerator().signum() == 0) {
                throw new ArithmeticException("division by zero");
            }
            return new Rational(value.divide(r.value));
        }
        if (other instanceof DoubleScalar d) {
            return Scalar.of(toDouble()).divide(d);
        }
        return Symbolic.evaluate("(" + toText() + ")/(" + other.toText() + ")");
    }

    @Override
    public Rational negate() {
        return new Rational(value.negate());
    }

    @Override
    public int signum() {
        return value.getNumerator().signum();
    }

    @Override
    public boolean isExact() {
        return true;
    }

    @Override
    public double toDouble() {
        if (isInteger() && value.getNumerator().abs().compareTo(TWO_53) <= 0) {
            return value.getNumerator().doubleValue();
        }
        if (value.getNumerator().abs().compareTo(TWO_53) <= 0 && value.getDenominator().compareTo(TWO_53) <= 0) {
            // Both exact doubles: IEEE division is the correctly rounded quotient (1/2, 1/3 without BigDecimal).
            return value.getNumerator().doubleValue() / value.getDenominator().doubleValue();
        }
        // BigDecimal.doubleValue rounds correctly; 40 digits are far inside one ulp.
        return toBigDecimal(40).doubleValue();
    }

    public BigDecimal toBigDecimal(int digits) {
        return new BigDecimal(value.getNumerator()).divide(new BigDecimal(value.getDenominator()),
                new MathContext(digits));
    }

    @Override
    public Interval enclosure() {
        double d = toDouble();
        if (Double.isInfinite(d)) {
            // beyond the largest double: the enclosure is the rest of the real line on that side
            return d > 0 ? Interval.of(Double.MAX_VALUE, d) : Interval.of(d, -Double.MAX_VALUE);
        }
        if (Rational.ofExactDouble(d).equals(this)) {
            return Interval.point(d);
        }
        return Interval.of(Math.nextDown(d), Math.nextUp(d));
    }

    @Override
    public String toText() {
        return isInteger() ? value.getNumerator().toString()
                : value.getNumerator() + "/" + value.getDenominator();
    }

    @Override
    public boolean equals(Object o) {
        // Not BigFraction.equals, which reduces both fractions (two gcds) on every call: equal
        // numerators and denominators are equal values at once, and otherwise two products decide.
        return o instanceof Rational r && (sameTerms(r) || value.compareTo(r.value) == 0);
    }

    private boolean sameTerms(Rational r) {
        return value.getDenominator().equals(r.value.getDenominator()) && value.getNumerator().equals(r.value.getNumerator());
    }

    /** Two products instead of a subtraction (which reduces its result by a gcd). */
    @Override
    public int compareValue(Scalar other) {
        if (other instanceof Rational r) {
            return value.compareTo(r.value);
        }
        return Scalar.super.compareValue(other);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return toText();
    }
}
