package org.nnid.symbolic;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apfloat.ApfloatMath;

/**
 * Elementary functions in {@link BigDecimal} to a requested precision, for high-precision
 * evaluation. exp, tanh, sin, cos and erf are series here because apfloat's versions take
 * milliseconds at 50–150 digits, too slow for networks with a thousand units.
 */
final class DecimalFunctions {

    private DecimalFunctions() {}

    /** ⌊log₁₀|v|⌋ for v ≠ 0. */
    static int exponent(BigDecimal v) {
        return v.precision() - v.scale() - 1;
    }

    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    private static final Map<Integer, BigDecimal> PI = new ConcurrentHashMap<>();

    static BigDecimal pi(MathContext mc) {
        return PI.computeIfAbsent(mc.getPrecision(), p -> new BigDecimal(ApfloatMath.pi(p + 5).toString(true))).round(mc);
    }

    /** A precision with extra guard digits. */
    private static MathContext wider(MathContext mc, int guard) {
        return new MathContext(mc.getPrecision() + guard, RoundingMode.HALF_EVEN);
    }

    /** Stops a series once a term is below the last digit of the sum. */
    private static boolean negligible(BigDecimal term, BigDecimal sum, MathContext mc) {
        return term.signum() == 0 || (sum.signum() != 0 && exponent(term) < exponent(sum) - mc.getPrecision() - 1);
    }

    /**
     * e^x − 1 without cancellation: the Taylor series at r = x/2^k with |r| &lt; 2^−8, then k
     * doublings expm1(2r) = expm1(r)·(expm1(r) + 2), each of which at most doubles the relative
     * error (hence k/3 guard digits).
     */
    static BigDecimal expm1(BigDecimal x, MathContext mc) {
        if (x.signum() == 0) {
            return BigDecimal.ZERO;
        }
        double magnitude = x.abs().doubleValue();
        if (!(magnitude <= 1e8)) {
            throw new ArithmeticException("exp of " + x.round(new MathContext(6)) + " is out of range");
        }
        int k = 0;
        while (magnitude >= 1.0 / 256) {
            magnitude /= 2;
            k++;
        }
        MathContext w = wider(mc, 10 + k / 3);
        BigDecimal r = x.divide(TWO.pow(k), w);
        BigDecimal term = r;
        BigDecimal sum = r;
        for (int n = 2; ; n++) {
            term = term.multiply(r, w).divide(BigDecimal.valueOf(n), w);
            if (negligible(term, sum, w)) {
                break;
            }
            sum = sum.add(term, w);
        }
        for (int j = 0; j < k; j++) {
            sum = sum.multiply(sum.add(TWO), w);
        }
        return sum.round(mc);
    }

    /** e^x; for x &lt; 0 as 1/e^−x, since 1 + expm1(x) would cancel. */
    static BigDecimal exp(BigDecimal x, MathContext mc) {
        MathContext w = wider(mc, 3);
        if (x.signum() >= 0) {
            return BigDecimal.ONE.add(expm1(x, w)).round(mc);
        }
        return BigDecimal.ONE.divide(BigDecimal.ONE.add(expm1(x.negate(), w)), mc);
    }

    /** tanh x = expm1(2x) / (expm1(2x) + 2): no cancellation near 0 or for large |x|. */
    static BigDecimal tanh(BigDecimal x, MathContext mc) {
        if (x.signum() == 0) {
            return BigDecimal.ZERO;
        }
        MathContext w = wider(mc, 3);
        BigDecimal m = expm1(x.abs().multiply(TWO), w);
        BigDecimal t = m.divide(m.add(TWO), mc);
        return x.signum() < 0 ? t.negate() : t;
    }

    static BigDecimal sin(BigDecimal x, MathContext mc) {
        return sinCos(x, mc, true);
    }

    static BigDecimal cos(BigDecimal x, MathContext mc) {
        return sinCos(x, mc, false);
    }

    /**
     * Taylor series after reducing x into [−π, π] with π to as many extra digits as x has before
     * the point, so the reduced argument is good to the working precision absolutely.
     */
    private static BigDecimal sinCos(BigDecimal x, MathContext mc, boolean sine) {
        int before = Math.max(0, exponent(x.signum() == 0 ? BigDecimal.ONE : x) + 1);
        MathContext w = wider(mc, 10 + before);
        BigDecimal twoPi = pi(w).multiply(TWO, w);
        BigDecimal turns = x.divide(twoPi, w).setScale(0, RoundingMode.HALF_EVEN);
        BigDecimal r = x.subtract(turns.multiply(twoPi, w), w);
        BigDecimal r2 = r.multiply(r, w);
        BigDecimal term = sine ? r : BigDecimal.ONE;
        BigDecimal sum = term;
        for (int n = sine ? 2 : 1; ; n += 2) {
            term = term.multiply(r2, w).divide(BigDecimal.valueOf(-(long) n * (n + 1)), w);
            if (negligible(term, sum, w)) {
                break;
            }
            sum = sum.add(term, w);
        }
        return sum.round(mc);
    }

    /**
     * erf(x) = 2/√π Σ (−1)ⁿ x^(2n+1) / (n!(2n+1)), with ⌈x²/ln 10⌉ guard digits for the
     * cancellation among terms of size up to e^(x²). Beyond x² > (P+5)·ln 10 the value is
     * ±(1 − erfc|x|) with erfc|x| &lt; 10^−(P+5), which rounds to ±1 at precision P.
     */
    static BigDecimal erf(BigDecimal x, MathContext mc) {
        if (x.signum() == 0) {
            return BigDecimal.ZERO;
        }
        double x2 = x.doubleValue() * x.doubleValue();
        if (x2 > (mc.getPrecision() + 5) * Math.log(10)) {
            return BigDecimal.valueOf(x.signum());
        }
        MathContext w = wider(mc, (int) Math.ceil(x2 / Math.log(10)) + 10);
        BigDecimal minusX2 = x.multiply(x, w).negate();
        BigDecimal term = x.round(w);
        BigDecimal sum = term;
        for (long n = 1; ; n++) {
            term = term.multiply(minusX2, w).divide(BigDecimal.valueOf(n), w);
            BigDecimal contribution = term.divide(BigDecimal.valueOf(2 * n + 1), w);
            if (negligible(contribution, sum, w)) {
                break;
            }
            sum = sum.add(contribution, w);
        }
        BigDecimal twoOverSqrtPi = TWO.divide(pi(w).sqrt(w), w);
        return sum.multiply(twoOverSqrtPi, mc);
    }
}
