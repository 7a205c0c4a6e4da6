package org.nnid.scalar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;

import org.junit.jupiter.api.Test;

/** A double is the rational it denotes, subnormals included (Commons Math's BigFraction(double) halves those). */
class RationalOfExactDoubleTest {
    @Test
    void theSmallestSubnormalIsTwoToTheMinus1074() {
        Rational r = Rational.ofExactDouble(Double.MIN_VALUE);
        assertEquals(BigInteger.ONE, r.numerator());
        assertEquals(BigInteger.TWO.pow(1074), r.denominator());
        assertEquals(Double.MIN_VALUE, r.toDouble());
    }

    @Test
    void everyDoubleRoundTripsThroughItsRational() {
        double[] xs = {0.1, -3 * Double.MIN_VALUE, Double.MIN_NORMAL, Math.nextDown(Double.MIN_NORMAL), 1e300, -0.0, 1};
        for (double x : xs) {
            assertEquals(x + 0.0, Rational.ofExactDouble(x).toDouble(), "" + x);
        }
    }
}
