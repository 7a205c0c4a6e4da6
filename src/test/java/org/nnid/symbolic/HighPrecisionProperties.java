package org.nnid.symbolic;

import java.math.BigDecimal;

import org.nnid.net.Evaluator;
import org.nnid.net.Network;
import org.nnid.scalar.Interval;
import org.nnid.scalar.Scalar;
import org.nnid.testing.NetworkArbitraries;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class HighPrecisionProperties {

    /**
     * The three evaluations agree: the 30-digit value and the double value both lie in the
     * rigorous enclosure, so the double value is right to within the enclosure's width.
     */
    @Property(tries = 150)
    boolean exactEvaluationAgreesWithDoubleEvaluationToDoublePrecision(@ForAll("networks") Network n,
            @ForAll @IntRange(min = -12, max = 12) int p, @ForAll @IntRange(min = 1, max = 4) int q) {
        Scalar[] x = new Scalar[n.inputCount()];
        double[] xd = new double[x.length];
        Interval[] box = new Interval[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = Scalar.of(p + i, q);
            xd[i] = x[i].toDouble();
            box[i] = x[i].enclosure();
        }
        double[] d = Evaluator.evaluate(n, xd);
        // Double evaluation that overflows (exp of exp: ∞ − ∞ = NaN) has no precision to agree with.
        Assume.that(java.util.Arrays.stream(d).allMatch(Double::isFinite));
        Interval[] e = Evaluator.enclose(n, box);
        HighPrecisionEvaluator.Result hp;
        try {
            hp = HighPrecisionEvaluator.evaluate(n, x, 30);
        } catch (ArithmeticException outOfRange) {
            // Documented: exp of an astronomically large pre-activation (exp of exp) is refused;
            // such samples are outside this property.
            Assume.that(false);
            return true;
        }
        for (int k = 0; k < d.length; k++) {
            BigDecimal v = hp.values()[k];
            double vd = v.doubleValue();
            boolean inside = e[k].contains(Math.nextUp(vd)) || e[k].contains(Math.nextDown(vd)) || e[k].contains(vd);
            // Fewer agreed digits are allowed only for a value lost in cancellation: smaller than the
            // enclosure's width (for example erf(−3·…) + 1 ≈ −1.5e−19), which doubles cannot resolve anyway.
            boolean digitsOk = hp.agreedDigits()[k] >= 30 || Math.abs(vd) < e[k].width();
            if (!inside || !e[k].contains(d[k]) || !digitsOk) {
                throw new AssertionError("output " + k + ": 30 digits " + v + " (agreed " + hp.agreedDigits()[k]
                        + "), double " + d[k] + ", enclosure " + e[k] + "\n" + org.nnid.io.NetworkJson.write(n));
            }
        }
        return true;
    }

    @Provide
    Arbitrary<Network> networks() {
        return NetworkArbitraries.networks().inputs(1, 2).hiddenLayers(1, 2).width(1, 3);
    }
}
