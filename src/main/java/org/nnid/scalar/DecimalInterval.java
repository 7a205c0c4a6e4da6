package org.nnid.scalar;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * A closed interval [lo, hi] of reals with decimal endpoints and outward-rounded arithmetic at a
 * working precision of {@code digits} significant digits: every lower endpoint is rounded toward
 * −∞ and every upper endpoint toward +∞, so the result of each operation contains every value the
 * exact operation takes on the operands. The building block of {@link ConstantBall}.
 */
public record DecimalInterval(BigDecimal lo, BigDecimal hi, int digits) {

    public DecimalInterval {
        if (lo.compareTo(hi) > 0) {
            throw new IllegalArgumentException("empty interval [" + lo + ", " + hi + "]");
        }
    }

    /** The exact point x (no rounding: BigDecimal holds it exactly). */
    public static DecimalInterval point(BigDecimal x, int digits) {
        return new DecimalInterval(x, x, digits);
    }

    public static DecimalInterval point(long x, int digits) {
        return point(BigDecimal.valueOf(x), digits);
    }

    /** The rational p/q, rounded outward. */
    public static DecimalInterval ratio(BigInteger p, BigInteger q, int digits) {
        return point(new BigDecimal(p), digits).divide(point(new BigDecimal(q), digits));
    }

    MathContext down() {
        return new MathContext(digits, RoundingMode.FLOOR);
    }

    MathContext up() {
        return new MathContext(digits, RoundingMode.CEILING);
    }

    public DecimalInterval add(DecimalInterval o) {
        return new DecimalInterval(lo.add(o.lo, down()), hi.add(o.hi, up()), digits);
    }

    public DecimalInterval subtract(DecimalInterval o) {
        return new DecimalInterval(lo.subtract(o.hi, down()), hi.subtract(o.lo, up()), digits);
    }

    public DecimalInterval negate() {
        return new DecimalInterval(hi.negate(), lo.negate(), digits);
    }

    public DecimalInterval multiply(DecimalInterval o) {
        // Sign cases first: two products instead of eight when neither factor straddles 0.
        if (lo.signum() >= 0 && o.lo.signum() >= 0) {
            return new DecimalInterval(lo.multiply(o.lo, down()), hi.multiply(o.hi, up()), digits);
        }
        if (hi.signum() <= 0 && o.hi.signum() <= 0) {
            return new DecimalInterval(hi.multiply(o.hi, down()), lo.multiply(o.lo, up()), digits);
        }
        if (lo.signum() >= 0 && o.hi.signum() <= 0) {
            return new DecimalInterval(hi.multiply(o.lo, down()), lo.multiply(o.hi, up()), digits);
        }
        if (hi.signum() <= 0 && o.lo.signum() >= 0) {
            return new DecimalInterval(lo.multiply(o.hi, down()), hi.multiply(o.lo, up()), digits);
        }
        BigDecimal[] ends = {lo, hi};
        BigDecimal[] others = {o.lo, o.hi};
        BigDecimal min = null;
        BigDecimal max = null;
        for (BigDecimal a : ends) {
            for (BigDecimal b : others) {
                BigDecimal l = a.multiply(b, down());
                BigDecimal h = a.multiply(b, up());
                min = min == null || l.compareTo(min) < 0 ? l : min;
                max = max == null || h.compareTo(max) > 0 ? h : max;
            }
        }
        return new DecimalInterval(min, max, digits);
    }

    /** x/n for an integer n &gt; 0 (the common divisor of series terms): two divisions. */
    public DecimalInterval divide(long n) {
        if (n <= 0) {
            throw new IllegalArgumentException("divide(long) needs n > 0");
        }
        BigDecimal d = BigDecimal.valueOf(n);
        return new DecimalInterval(lo.divide(d, down()), hi.divide(d, up()), digits);
    }

    /** @throws ArithmeticException when the divisor contains 0 */
    public DecimalInterval divide(DecimalInterval o) {
        if (o.containsZero()) {
            throw new ArithmeticException("division by an interval containing 0");
        }
        BigDecimal one = BigDecimal.ONE;
        return multiply(new DecimalInterval(one.divide(o.hi, down()), one.divide(o.lo, up()), digits));
    }

    /** x², which is never negative (unlike x·x on an interval around 0). */
    public DecimalInterval square() {
        DecimalInterval a = abs();
        return new DecimalInterval(a.lo.multiply(a.lo, down()), a.hi.multiply(a.hi, up()), digits);
    }

    /** xⁿ for an integer n (n &lt; 0 needs an interval without 0). */
    public DecimalInterval pow(BigInteger n) {
        if (n.signum() < 0) {
            return point(1, digits).divide(pow(n.negate()));
        }
        DecimalInterval result = point(1, digits);
        DecimalInterval base = this;
        // Square-and-multiply; even powers go through square() so that they stay non-negative.
        for (int i = n.bitLength() - 1; i >= 0; i--) {
            result = result.square();
            if (n.testBit(i)) {
                result = result.multiply(base);
            }
        }
        return result;
    }

    public DecimalInterval abs() {
        if (lo.signum() >= 0) {
            return this;
        }
        if (hi.signum() <= 0) {
            return negate();
        }
        return new DecimalInterval(BigDecimal.ZERO, lo.negate().max(hi), digits);
    }

    /** The smallest interval holding both. */
    public DecimalInterval hull(DecimalInterval o) {
        return new DecimalInterval(lo.min(o.lo), hi.max(o.hi), Math.min(digits, o.digits));
    }

    /** The intersection with [a, b] (used to clamp by known ranges, e.g. sin into [−1, 1]). */
    public DecimalInterval clamp(BigDecimal a, BigDecimal b) {
        BigDecimal l = lo.max(a);
        BigDecimal h = hi.min(b);
        return l.compareTo(h) <= 0 ? new DecimalInterval(l, h, digits) : this;
    }

    /** This interval widened by r ≥ 0 on both sides. */
    public DecimalInterval widen(BigDecimal r) {
        return new DecimalInterval(lo.subtract(r, down()), hi.add(r, up()), digits);
    }

    /** The same endpoints, computed on with another working precision. */
    public DecimalInterval withDigits(int d) {
        return new DecimalInterval(lo, hi, d);
    }

    public boolean containsZero() {
        return lo.signum() <= 0 && hi.signum() >= 0;
    }

    public boolean overlaps(DecimalInterval o) {
        return lo.compareTo(o.hi) <= 0 && o.lo.compareTo(hi) <= 0;
    }

    /** 1 or −1 when the interval lies strictly on one side of 0, else 0 (undecided). */
    public int sign() {
        return lo.signum() > 0 ? 1 : hi.signum() < 0 ? -1 : 0;
    }

    /** The midpoint, rounded to the working precision (any point inside would do). */
    public BigDecimal mid() {
        return lo.add(hi).divide(BigDecimal.valueOf(2), new MathContext(digits, RoundingMode.HALF_EVEN));
    }

    /** An upper bound of the distance from {@link #mid()} to either endpoint. */
    public BigDecimal radius() {
        BigDecimal m = mid();
        return hi.subtract(m, up()).max(m.subtract(lo, up()));
    }

    public BigDecimal width() {
        return hi.subtract(lo, up());
    }

    /** max(|lo|, |hi|). */
    public BigDecimal magnitude() {
        return lo.abs().max(hi.abs());
    }

    /** Whether the width is at most 10^-relativeDigits times the magnitude (or 10^-relativeDigits near 0). */
    public boolean isTight(int relativeDigits) {
        BigDecimal scale = magnitude().max(BigDecimal.ONE);
        return width().compareTo(scale.scaleByPowerOfTen(-relativeDigits)) <= 0;
    }

    /** The smallest double interval holding this one; infinite ends when it is beyond the double range. */
    public Interval toDoubleInterval() {
        return Interval.of(toDouble(lo, false), toDouble(hi, true));
    }

    private static double toDouble(BigDecimal x, boolean up) {
        double d = x.doubleValue();
        if (Double.isInfinite(d)) {
            return d > 0 == up ? d : (d > 0 ? Double.MAX_VALUE : -Double.MAX_VALUE);
        }
        // doubleValue rounds to nearest: step outward until the double is on the right side of x.
        while (up ? new BigDecimal(d).compareTo(x) < 0 : new BigDecimal(d).compareTo(x) > 0) {
            d = up ? Math.nextUp(d) : Math.nextDown(d);
        }
        return d;
    }

    @Override
    public String toString() {
        return "[" + lo.round(new MathContext(6, RoundingMode.FLOOR)) + ", "
                + hi.round(new MathContext(6, RoundingMode.CEILING)) + "]";
    }
}
