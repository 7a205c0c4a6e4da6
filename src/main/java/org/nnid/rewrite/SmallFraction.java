package org.nnid.rewrite;

import java.math.BigInteger;

import org.nnid.scalar.Rational;
import org.nnid.scalar.Scalar;

/**
 * A rational whose numerator and denominator fit in a long, in lowest terms with a positive
 * denominator: the arithmetic of {@link ExactLayeredRewriter}. Every operation is exact or throws
 * {@link ArithmeticException} (an overflow), never rounds; the caller then hands the network to
 * the general path, which computes with big integers.
 */
record SmallFraction(long num, long den) {
    static final SmallFraction ZERO = new SmallFraction(0, 1);

    /** The value of an exact rational scalar, or null when it is not one or does not fit. */
    static SmallFraction of(Scalar s) {
        if (!(s instanceof Rational r) || r.numerator().bitLength() > 62 || r.denominator().bitLength() > 62) {
            return null;
        }
        return new SmallFraction(r.numerator().longValue(), r.denominator().longValue());
    }

    /** num/den reduced; den ≠ 0. */
    static SmallFraction reduced(long num, long den) {
        if (den == 0) {
            throw new ArithmeticException("division by zero");
        }
        if (num == 0) {
            return ZERO;
        }
        long g = gcd(Math.abs(num), Math.abs(den));
        num /= g;
        den /= g;
        if (den < 0) {
            num = Math.negateExact(num);
            den = Math.negateExact(den);
        }
        return new SmallFraction(num, den);
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    SmallFraction add(SmallFraction o) {
        if (den == o.den) {
            return reduced(Math.addExact(num, o.num), den);
        }
        long g = gcd(den, o.den);
        long da = den / g;
        return reduced(Math.addExact(Math.multiplyExact(num, o.den / g), Math.multiplyExact(o.num, da)),
                Math.multiplyExact(da, o.den));
    }

    SmallFraction subtract(SmallFraction o) {
        return add(o.negate());
    }

    SmallFraction multiply(SmallFraction o) {
        if (num == 0 || o.num == 0) {
            return ZERO;
        }
        long g1 = gcd(Math.abs(num), o.den);
        long g2 = gcd(Math.abs(o.num), den);
        return new SmallFraction(Math.multiplyExact(num / g1, o.num / g2), Math.multiplyExact(den / g2, o.den / g1));
    }

    SmallFraction divide(SmallFraction o) {
        if (o.num == 0) {
            throw new ArithmeticException("division by zero");
        }
        return multiply(reduced(o.den, o.num));
    }

    SmallFraction negate() {
        return new SmallFraction(Math.negateExact(num), den);
    }

    int signum() {
        return Long.signum(num);
    }

    int compareTo(SmallFraction o) {
        if (den == o.den) {
            return Long.compare(num, o.num);
        }
        // num/den vs o.num/o.den with positive denominators; exact in 128 bits when a product overflows
        try {
            return Long.compare(Math.multiplyExact(num, o.den), Math.multiplyExact(o.num, den));
        } catch (ArithmeticException overflow) {
            return BigInteger.valueOf(num).multiply(BigInteger.valueOf(o.den))
                    .compareTo(BigInteger.valueOf(o.num).multiply(BigInteger.valueOf(den)));
        }
    }

    Rational toRational() {
        return Rational.of(BigInteger.valueOf(num), BigInteger.valueOf(den));
    }
}
