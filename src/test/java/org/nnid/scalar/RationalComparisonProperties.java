package org.nnid.scalar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Rational equality and order decided without gcds agree with the sign of the difference. */
class RationalComparisonProperties {
    @Property(tries = 2000)
    void equalsAndCompareValueAgreeWithTheSignOfTheDifference(@ForAll @LongRange(min = -50, max = 50) long p,
            @ForAll @LongRange(min = 1, max = 50) long q, @ForAll @LongRange(min = -50, max = 50) long r,
            @ForAll @LongRange(min = 1, max = 50) long s, @ForAll @IntRange(min = 1, max = 200) int scale) {
        // x = p/q, y = r/s; y is also written with both terms scaled, which the constructor reduces
        Rational x = Rational.of(BigInteger.valueOf(p), BigInteger.valueOf(q));
        Rational y = Rational.of(BigInteger.valueOf(r).shiftLeft(scale), BigInteger.valueOf(s).shiftLeft(scale));
        int sign = x.subtract(y).signum();
        assertEquals(sign, x.compareValue(y));
        assertEquals(-sign, y.compareValue(x));
        assertEquals(sign == 0, x.equals(y));
        assertEquals(sign == 0, y.equals(x));
        assertEquals(0, x.compareValue(Rational.of(BigInteger.valueOf(-p), BigInteger.valueOf(-q))));
    }

    @Property(tries = 500)
    void theExactValuesOfDoublesCompareAsTheDoublesDo(@ForAll double a, @ForAll double b) {
        if (!Double.isFinite(a) || !Double.isFinite(b)) {
            return;
        }
        Rational x = Rational.ofExactDouble(a);
        Rational y = Rational.ofExactDouble(b);
        assertEquals(Integer.signum(Double.compare(a + 0.0, b + 0.0)), x.compareValue(y));
        assertEquals(a == b, x.equals(y));
    }
}
