package org.nnid.scalar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;

import org.junit.jupiter.api.Test;

/**
 * Issue 19: a rational beyond the largest double (10^400, from {@code --at 1e400 --interval} or a
 * box bound) is enclosed by the rest of the real line on its side, not an internal error; one just
 * inside the range keeps a two-double enclosure.
 */
class RationalEnclosureTest {
    @Test
    void aRationalBeyondTheLargestDoubleIsEnclosedByTheRestOfTheLineOnItsSide() {
        Rational big = Rational.of(BigInteger.TEN.pow(400), BigInteger.ONE);
        assertEquals(Interval.of(Double.MAX_VALUE, Double.POSITIVE_INFINITY), big.enclosure());
        Rational negative = Rational.of(BigInteger.TEN.pow(400).negate(), BigInteger.ONE);
        assertEquals(Interval.of(Double.NEGATIVE_INFINITY, -Double.MAX_VALUE), negative.enclosure());
        Rational inside = Rational.of(BigInteger.TEN.pow(308), BigInteger.ONE);
        Interval e = inside.enclosure();
        assertTrue(Double.isFinite(e.lo()) && e.lo() <= 1e308 && 1e308 <= e.hi(), e.toString());
    }
}
