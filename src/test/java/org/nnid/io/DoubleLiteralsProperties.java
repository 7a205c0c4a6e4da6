package org.nnid.io;

import java.math.BigDecimal;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The fast decimal parser behind JSON numbers gives the double Double.parseDouble gives, bit for bit. */
class DoubleLiteralsProperties {

    @Property(tries = 3000)
    boolean fastParseEqualsDoubleParseDoubleOnEveryDoublesShortestText(@ForAll double d) {
        String text = new BigDecimal(Double.toString(d)).toString();
        return Double.doubleToRawLongBits(DoubleLiterals.parse(text)) == Double.doubleToRawLongBits(Double.parseDouble(text));
    }

    @Property(tries = 3000)
    boolean fastParseEqualsDoubleParseDoubleOnLongAndTieDecimals(@ForAll("decimals") String text) {
        return Double.doubleToRawLongBits(DoubleLiterals.parse(text)) == Double.doubleToRawLongBits(Double.parseDouble(text));
    }

    /** Up to 40 digits and exponents from the subnormal range to overflow, and doubles' exact midpoints (ties). */
    @Provide
    Arbitrary<String> decimals() {
        Arbitrary<String> digits = Combinators.combine(Arbitraries.integers().between(1, 9),
                Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(39),
                Arbitraries.integers().between(-345, 310), Arbitraries.of("", "-"))
                .as((lead, rest, exp, sign) -> sign + lead + (rest.isEmpty() ? "" : "." + rest) + "E" + exp);
        Arbitrary<String> midpoints = Arbitraries.doubles().filter(x -> Double.isFinite(Math.nextUp(x))).map(x -> {
            BigDecimal here = new BigDecimal(x);
            BigDecimal next = new BigDecimal(Math.nextUp(x));
            return here.add(next).divide(BigDecimal.valueOf(2)).toString();
        });
        return Arbitraries.oneOf(digits, midpoints);
    }
}
