package org.nnid.scalar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class ScalarTest {

    @Test
    void rationalsAndDecimalsAreReadExactly() {
        assertEquals(Scalar.of(1, 3), Scalar.parseExact("1/3"));
        assertEquals(Scalar.of(1, 10), Scalar.parseExact("0.1"));
        assertEquals(Scalar.of(-7), Scalar.parseExact(" -7 "));
        assertEquals(Scalar.of(1500), Scalar.parseExact("1.5e3"));
        assertEquals(Scalar.of(2, 3), Scalar.parseExact("4/6"));
    }

    @Test
    void exactArithmeticStaysExactAndDoublesContaminate() {
        Scalar third = Scalar.parseExact("1/3");
        assertEquals(Scalar.ONE, third.add(third).add(third));
        assertTrue(third.multiply(Scalar.of(3)).isExact());
        Scalar mixed = third.add(Scalar.of(0.5));
        assertInstanceOf(DoubleScalar.class, mixed);
        assertFalse(mixed.isExact());
    }

    @Test
    void badExactValuesAreRejectedWithTheReason() {
        assertTrue(assertThrows(ScalarFormatException.class, () -> Scalar.parseExact("1/0")).getMessage()
                .contains("division by zero"));
        assertTrue(assertThrows(ScalarFormatException.class, () -> Scalar.parseExact("")).getMessage()
                .contains("empty"));
        assertThrows(ScalarFormatException.class, () -> Scalar.of(Double.NaN));
        assertThrows(ScalarFormatException.class, () -> Scalar.of(Double.POSITIVE_INFINITY));
    }

    @Test
    void closedFormConstantsAreExactRealNumbers() {
        Scalar twoPiThirds = Scalar.parseExact("2*Pi/3");
        assertInstanceOf(Symbolic.class, twoPiThirds);
        assertTrue(twoPiThirds.isExact());
        assertEquals(2 * Math.PI / 3, twoPiThirds.toDouble(), 1e-15);
        assertTrue(twoPiThirds.enclosure().contains(2 * Math.PI / 3));
        // Arithmetic that cancels returns to the rationals.
        assertEquals(Scalar.ZERO, twoPiThirds.subtract(Scalar.parseExact("Pi*2/3")));
        assertEquals(Scalar.of(2), Scalar.parseExact("Sqrt(2)").multiply(Scalar.parseExact("Sqrt(2)")));
        assertEquals(1, Scalar.parseExact("Pi").subtract(Scalar.parseExact("22/7")).signum() * -1);
        assertTrue(assertThrows(ScalarFormatException.class, () -> Scalar.parseExact("x+1")).getMessage()
                .contains("not a constant"));
        assertTrue(assertThrows(ScalarFormatException.class, () -> Scalar.parseExact("Pi+")).getMessage()
                .contains("unparsable"));
        assertTrue(assertThrows(ScalarFormatException.class, () -> Scalar.parseExact("Sqrt(-2)")).getMessage()
                .contains("not real"));
    }

    @Property
    boolean rationalEnclosureContainsTheNearestDouble(@ForAll @IntRange(min = -1000, max = 1000) int p,
            @ForAll @IntRange(min = 1, max = 1000) int q) {
        Rational r = Scalar.of(p, q);
        Interval e = r.enclosure();
        return e.contains(r.toDouble()) && e.width() <= 2 * Math.ulp(r.toDouble());
    }

    @Property
    boolean textOfAnExactValueReadsBackToTheSameValue(@ForAll @IntRange(min = -1000, max = 1000) int p,
            @ForAll @IntRange(min = 1, max = 1000) int q) {
        Scalar r = Scalar.of(p, q);
        return Scalar.parseExact(r.toText()).equals(r);
    }
}
