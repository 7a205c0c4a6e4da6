package org.nnid.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The double-arithmetic shifted rounding is the exact decimal definition, bit for bit. */
class ShiftedRoundProperties {
    @Property(tries = 3000)
    void shiftedRoundEqualsTheExactDecimalDefinitionOnAnyDouble(@ForAll("doubles") double v, @ForAll("digits") int digits) {
        assertEquals(Double.doubleToLongBits(definition(v, digits)),
                Double.doubleToLongBits(HashKeys.shiftedRound(v, digits)), v + " at " + digits + " digits");
    }

    @Property(tries = 3000)
    void shiftedRoundEqualsTheExactDecimalDefinitionNearCellBoundariesAndPowersOfTen(
            @ForAll("nearBoundaries") double v, @ForAll("digits") int digits) {
        assertEquals(Double.doubleToLongBits(definition(v, digits)),
                Double.doubleToLongBits(HashKeys.shiftedRound(v, digits)), v + " at " + digits + " digits");
    }

    /** shiftedRound as it was defined before its double-arithmetic path: zeros and non-finite values kept. */
    private static double definition(double v, int digits) {
        return v == 0 || !Double.isFinite(v) ? v : HashKeys.shiftedRoundExactly(v, digits);
    }

    @Provide
    Arbitrary<Integer> digits() {
        return Arbitraries.of(HashKeys.DIGITS, HashKeys.COARSE_DIGITS, 1, 15, 16);
    }

    @Provide
    Arbitrary<Double> doubles() {
        return Arbitraries.oneOf(Arbitraries.doubles().between(-1e3, 1e3),
                Arbitraries.longs().map(Double::longBitsToDouble).filter(Double::isFinite));
    }

    /** (k + ¾)·10^j and (k + ½)·10^j moved by a few ulps, and powers of ten moved by a few ulps. */
    @Provide
    Arbitrary<Double> nearBoundaries() {
        Arbitrary<Double> base = Combinators.combine(Arbitraries.longs().between(1, 999_999_999L),
                Arbitraries.of(0.75, 0.5, 0.0), Arbitraries.integers().between(-30, 10))
                .as((k, f, j) -> (k + f) * Math.pow(10, j - 8));
        return Combinators.combine(base, Arbitraries.integers().between(-3, 3), Arbitraries.of(1.0, -1.0))
                .as((b, ulps, sign) -> sign * (b + ulps * Math.ulp(b)));
    }
}
