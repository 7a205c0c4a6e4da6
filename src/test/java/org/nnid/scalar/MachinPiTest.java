package org.nnid.scalar;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.apfloat.ApfloatMath;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MachinPiTest {

    @ParameterizedTest
    @ValueSource(ints = {20, 300, 5000, 20000})
    void piIsEnclosedToTheDigitsAskedAndAgreesWithApfloat(int digits) {
        DecimalInterval pi = MachinPi.pi(digits);
        // apfloat's π, computed independently, to 30 digits more than asked
        BigDecimal reference = new BigDecimal(ApfloatMath.pi(digits + 30).toString(true));
        BigDecimal slack = BigDecimal.ONE.scaleByPowerOfTen(-(digits + 25));
        assertTrue(pi.lo().compareTo(reference.add(slack)) <= 0 && pi.hi().compareTo(reference.subtract(slack)) >= 0,
                "enclosure misses π at " + digits + " digits");
        assertTrue(pi.width().compareTo(BigDecimal.ONE.scaleByPowerOfTen(-(digits - 2))) < 0, "enclosure too wide: " + pi.width());
    }

    @ParameterizedTest
    @ValueSource(longs = {2, 5, 239})
    void arctanOfAReciprocalContainsTheTermByTermSum(long x) {
        int digits = 200;
        DecimalInterval split = MachinPi.arctanOfReciprocal(x, digits);
        DecimalInterval series = RigorousFunctions.arctan(DecimalInterval.ratio(java.math.BigInteger.ONE,
                java.math.BigInteger.valueOf(x), digits));
        assertTrue(split.overlaps(series), "1/" + x + ": " + split + " vs " + series);
        assertTrue(split.width().compareTo(BigDecimal.ONE.scaleByPowerOfTen(-(digits - 2))) < 0);
    }
}
