package org.nnid.fuzz;

import java.math.BigDecimal;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.IntRange;
import org.nnid.io.NetworkJson;
import org.nnid.net.Evaluator;
import org.nnid.net.Network;
import org.nnid.scalar.Interval;
import org.nnid.scalar.Scalar;
import org.nnid.symbolic.HighPrecisionEvaluator;

/**
 * Deep width-1 chains in both network forms (issue 22): read, evaluated in double, interval and
 * high-precision arithmetic without recursion over depth, both forms giving the same values, and
 * the exact value of a relu chain of weight 1/2 (x / 2^depth) confirmed to every digit asked for.
 */
class DeepChainProperties {

    static String layered(int depth, String activation, String weight) {
        StringBuilder b = new StringBuilder("{\"format\": \"nnid-network/1\", \"activation\": \"" + activation
                + "\", \"inputs\": 1, \"layers\": [");
        for (int i = 0; i < depth; i++) {
            b.append("{\"weights\": [[\"").append(weight).append("\"]], \"bias\": [\"0\"]},");
        }
        return b.append("{\"weights\": [[\"1\"]], \"bias\": [\"0\"]}]}").toString();
    }

    static String nodeForm(int depth, String activation, String weight) {
        StringBuilder b = new StringBuilder("{\"format\": \"nnid-network/1\", \"activation\": \"" + activation
                + "\", \"inputs\": [\"x1\"], \"nodes\": [");
        String previous = "x1";
        for (int i = 0; i < depth; i++) {
            b.append("{\"id\": \"h").append(i).append("\", \"in\": {\"").append(previous).append("\": \"").append(weight)
                    .append("\"}},");
            previous = "h" + i;
        }
        return b.append("{\"id\": \"y\", \"output\": true, \"in\": {\"").append(previous).append("\": \"1\"}}]}").toString();
    }

    private static boolean bothFormsAgree(int depth, String activation, String weight) {
        Network a = NetworkJson.parse(layered(depth, activation, weight), "layered.json");
        Network b = NetworkJson.parse(nodeForm(depth, activation, weight), "nodes.json");
        double[] x = {0.75};
        Interval[] box = {Interval.point(0.75)};
        return Evaluator.evaluate(a, x)[0] == Evaluator.evaluate(b, x)[0]
                && Evaluator.enclose(a, box)[0].equals(Evaluator.enclose(b, box)[0]);
    }

    @Property(tries = 20)
    boolean bothFormsOfAChainGiveTheSameDoubleAndIntervalValues(@ForAll @IntRange(min = 1, max = 3000) int depth,
            @ForAll boolean relu) {
        return bothFormsAgree(depth, relu ? "relu" : "tanh", relu ? "1/2" : "3/2");
    }

    @Property(tries = 5)
    boolean aReluChainOfWeightOneHalfIsExactlyXOverTwoToTheDepth(@ForAll @IntRange(min = 1, max = 2000) int depth) {
        Network n = NetworkJson.parse(layered(depth, "relu", "1/2"), "chain.json");
        HighPrecisionEvaluator.Result r = HighPrecisionEvaluator.evaluate(n, new Scalar[] {Scalar.ONE}, 30);
        BigDecimal exact = BigDecimal.ONE.divide(BigDecimal.valueOf(2).pow(depth));
        // 30 significant digits: within one unit of the 30th digit of the exact value (at depth 43
        // the exact value has 31 digits ending in 5, a tie either rounding may take)
        BigDecimal unit = BigDecimal.ONE.scaleByPowerOfTen(exact.precision() - exact.scale() - 30);
        return r.minAgreedDigits() >= 30 && r.values()[0].subtract(exact).abs().compareTo(unit) <= 0;
    }

    @Example
    boolean atDepthFortyThreeTheExactValueIsATieAtThirtyDigitsAndEitherRoundingHolds() {
        return aReluChainOfWeightOneHalfIsExactlyXOverTwoToTheDepth(43);
    }

    @Example
    @Tag("long")
    boolean aHundredThousandLayerChainInBothFormsIsReadAndEvaluatedAlike() {
        return bothFormsAgree(100_000, "relu", "1/2");
    }
}
