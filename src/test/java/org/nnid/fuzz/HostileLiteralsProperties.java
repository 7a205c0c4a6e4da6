package org.nnid.fuzz;

import java.math.BigDecimal;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.nnid.io.NetworkFormatException;
import org.nnid.io.NetworkJson;
import org.nnid.net.Network;
import org.nnid.scalar.Scalar;

/**
 * Values not read as written (issue 22): a JSON number is the double its text denotes, correctly
 * rounded, or it is refused naming the place with the hint to write it as an exact string; an
 * exact string outside the grammar is refused naming the value, and no value changes how another
 * is read.
 */
class HostileLiteralsProperties {

    private static String oneWeight(String literal) {
        return "{\"format\": \"nnid-network/1\", \"activation\": \"tanh\", \"inputs\": 1, \"layers\": [{\"weights\": [["
                + literal + "]], \"bias\": [0]}, {\"weights\": [[1]], \"bias\": [0]}]}";
    }

    private static Scalar weightOf(String json) {
        Network n = NetworkJson.parse(json, "w.json");
        return n.blocks().get(0).weights().get(0);
    }

    @Property(tries = 300)
    boolean aJsonNumberIsTheCorrectlyRoundedDoubleOfItsTextOrIsRefusedWithTheHint(
            @ForAll @IntRange(min = 1, max = 999_999_999) int digits, @ForAll @IntRange(min = -420, max = 420) int exponent,
            @ForAll boolean negative) {
        String literal = (negative ? "-" : "") + digits + "e" + exponent;
        BigDecimal exact = new BigDecimal(literal);
        double rounded = Double.parseDouble(literal);
        boolean representable = Double.isFinite(rounded) && rounded != 0
                && (Math.abs(rounded) >= Double.MIN_NORMAL || new BigDecimal(rounded).compareTo(exact) == 0
                || new BigDecimal(Double.toString(rounded)).compareTo(exact) == 0);
        try {
            Scalar w = weightOf(oneWeight(literal));
            return representable && w.toDouble() == rounded;
        } catch (NetworkFormatException e) {
            return !representable && e.getMessage().contains("layers[0].weights[0][0]")
                    && e.getMessage().contains("write it as an exact string");
        }
    }

    @Provide
    Arbitrary<String> outsideTheGrammar() {
        return Arbitraries.of("0x10", "a=5", "a", "x", "Sign(1)", "1;2", "a:=5", "Set(a,5)", "t", "1/0", "Infinity",
                "NaN", "D(x,x)", "{1,2}", "1e", "--1e", "If(1>0,1,2)", "Random()", "ComplexInfinity", "I", "Sqrt(-1)",
                "Log(0)", "0^0", "Indeterminate", "Hold(1)", "$x", "%", "#1");
    }

    @Property(tries = 60)
    boolean anExactStringOutsideTheGrammarIsRefusedNamingIt(@ForAll("outsideTheGrammar") String value) {
        try {
            weightOf(oneWeight("\"" + value + "\""));
            return false;
        } catch (NetworkFormatException e) {
            return e.getMessage().contains("layers[0].weights[0][0]") && e.getMessage().contains(value);
        }
    }

    @Property(tries = 40)
    boolean aValueOutsideTheGrammarDoesNotChangeHowALaterValueIsRead(@ForAll("outsideTheGrammar") String first) {
        try {
            Scalar.parseExact(first);
            return false;
        } catch (RuntimeException refused) {
            // read on its own, and refused; it must have defined nothing that a later value could use
        }
        for (String later : new String[] {"a", "x", "x10", "b", "t"}) {
            try {
                Scalar.parseExact(later);
                return false;
            } catch (RuntimeException refused) {
                // still unknown
            }
        }
        return Scalar.parseExact("5").toDouble() == 5;
    }
}
