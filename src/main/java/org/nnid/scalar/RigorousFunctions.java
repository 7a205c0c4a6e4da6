package org.nnid.scalar;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Elementary functions on {@link DecimalInterval}s, each returning an interval that contains
 * f(x) for every x in the argument. No floating-point library is trusted: every function is a
 * Taylor (or arctanh) series evaluated in outward-rounded interval arithmetic, with an explicit
 * bound on the truncated tail added, after an exact argument reduction:
 * <ul>
 *   <li>exp: x = 2^k·y with |y| ≤ 2^-8, e^x = (e^y)^(2^k); tail of Σ yⁿ/n! after N terms ≤ 2·|y|^N/N!;</li>
 *   <li>log: x = 2^e·m, log x = e·log 2 + 2·artanh((m−1)/(m+1)); tail ≤ 4·|z|^(2N+1)/(2N+1) for |z| ≤ 1/2;</li>
 *   <li>arctan: |x| &gt; 1 through π/2 − arctan(1/x), then three halvings y = z/(1+√(1+z²));
 *       alternating series, tail ≤ the first omitted term;</li>
 *   <li>sin, cos: x = k·π/2 + r with π enclosed to the digits of k more, |r| ≲ π/4; alternating
 *       series, tail ≤ the first omitted term; an interval argument widens by its radius (|sin'| ≤ 1);</li>
 *   <li>erf: the alternating Maclaurin series with ⌈x²/ln 10⌉ guard digits for its cancellation,
 *       tail ≤ the first omitted term once the terms decrease (n + 1 &gt; x²), and
 *       1 − 10^-(w+5) ≤ erf x ≤ 1 when x² &gt; (w + 5)·ln 10 (erfc x &lt; e^{-x²} for x ≥ 1);</li>
 *   <li>π by Machin's formula 16·arctan(1/5) − 4·arctan(1/239), summed by binary splitting
 *       ({@link MachinPi}); √ by BigDecimal.sqrt, corrected
 *       by squaring until the bound is on the right side.</li>
 * </ul>
 * Monotone functions are evaluated at the two endpoints. Each series runs {@value #GUARD} digits
 * above the requested precision, so the rounding of its terms costs no requested digit.
 *
 * @throws ArithmeticException (from any method) when the argument is outside the domain (log of
 *                             an interval reaching 0, |arcsin| ≥ 1, …) or beyond the supported
 *                             range (|x| &gt; {@value #EXP_ARGUMENT_LIMIT} for exp)
 */
final class RigorousFunctions {
    /** Extra working digits of every series. */
    private static final int GUARD = 10;
    /** Argument halvings (exp), square roots (log) and arctan halvings before a series: a short series. */
    private static final int HALVINGS = 16;
    /** exp's argument bound: e^(10^7) has 4.3 million digits, as far as is useful for a weight. */
    static final long EXP_ARGUMENT_LIMIT = 10_000_000L;
    private static final BigDecimal LN10_UPPER = new BigDecimal("2.3026");
    private static final BigDecimal LN10_LOWER = new BigDecimal("2.3025");

    private static final Map<Integer, DecimalInterval> PI = new ConcurrentHashMap<>();
    private static final Map<Integer, DecimalInterval> LN2 = new ConcurrentHashMap<>();

    private RigorousFunctions() {}

    // ------------------------------------------------------------------ constants

    static DecimalInterval pi(int digits) {
        return PI.computeIfAbsent(cachedPrecision(digits), MachinPi::pi).withDigits(digits);
    }

    /** Constants are computed at the next multiple of 128 digits above the request, so few are cached. */
    private static int cachedPrecision(int digits) {
        return (digits + GUARD + 127) / 128 * 128;
    }

    static DecimalInterval ln2(int digits) {
        return LN2.computeIfAbsent(cachedPrecision(digits), v -> logReduced(DecimalInterval.point(2, v))).withDigits(digits);
    }

    // ------------------------------------------------------------------ roots and powers

    static DecimalInterval sqrt(DecimalInterval x) {
        if (x.lo().signum() < 0) {
            throw new ArithmeticException("square root of an interval reaching below 0");
        }
        int w = x.digits() + GUARD;
        return new DecimalInterval(sqrtBound(x.lo(), w, false), sqrtBound(x.hi(), w, true), x.digits());
    }

    private static BigDecimal sqrtBound(BigDecimal a, int w, boolean up) {
        if (a.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal s = a.sqrt(new MathContext(w, RoundingMode.HALF_EVEN));
        BigDecimal ulp = s.ulp();
        while (up ? s.multiply(s).compareTo(a) < 0 : s.multiply(s).compareTo(a) > 0) {
            EvaluationDeadline.check();
            s = up ? s.add(ulp) : s.subtract(ulp);
        }
        return s;
    }

    // ------------------------------------------------------------------ exp and log

    static DecimalInterval exp(DecimalInterval x) {
        return new DecimalInterval(expPoint(x.lo(), x.digits()).lo(), expPoint(x.hi(), x.digits()).hi(), x.digits());
    }

    static DecimalInterval expPoint(BigDecimal x, int digits) {
        if (x.signum() == 0) {
            return DecimalInterval.point(1, digits);
        }
        if (x.abs().compareTo(BigDecimal.valueOf(EXP_ARGUMENT_LIMIT)) > 0) {
            throw new ArithmeticException("exp of an argument beyond ±" + EXP_ARGUMENT_LIMIT);
        }
        // |x|/2^k ≤ 2^-HALVINGS (a short series); each of the k squarings may double the relative
        // error: k/3 more digits.
        int k = Math.max(0, (int) Math.ceil((x.precision() - x.scale()) * 3.33)) + HALVINGS;
        int w = digits + GUARD + k / 3 + 1;
        DecimalInterval y = DecimalInterval.point(x, w).divide(DecimalInterval.point(new BigDecimal(BigInteger.TWO.pow(k)), w));
        DecimalInterval e = DecimalInterval.point(1, w).add(expm1Series(y));
        for (int i = 0; i < k; i++) {
            EvaluationDeadline.check();
            e = e.square();
        }
        return e.withDigits(digits);
    }

    /** e^y − 1 = Σ_{n≥1} yⁿ/n! for |y| ≤ 1/2; tail after the terms below n ≤ 2·|y|^n/n!. */
    private static DecimalInterval expm1Series(DecimalInterval y) {
        int w = y.digits();
        BigDecimal eps = BigDecimal.ONE.scaleByPowerOfTen(-(w + 2));
        BigDecimal m = y.magnitude();
        if (m.compareTo(new BigDecimal("0.5")) > 0) {
            throw new IllegalArgumentException("expm1Series needs |y| ≤ 1/2");
        }
        DecimalInterval sum = DecimalInterval.point(0, w);
        DecimalInterval term = y;
        BigDecimal bound = m;
        for (int n = 1; ; n++) {
            EvaluationDeadline.check();
            sum = sum.add(term);
            term = term.multiply(y).divide(n + 1);
            bound = bound.multiply(m, up(w)).divide(BigDecimal.valueOf(n + 1), up(w));
            if (bound.compareTo(eps) < 0) {
                return sum.widen(bound.multiply(BigDecimal.valueOf(2)));
            }
        }
    }

    static DecimalInterval log(DecimalInterval x) {
        if (x.lo().signum() <= 0) {
            throw new ArithmeticException("log of an interval reaching 0 or below");
        }
        return new DecimalInterval(logPoint(x.lo(), x.digits()).lo(), logPoint(x.hi(), x.digits()).hi(), x.digits());
    }

    static DecimalInterval logPoint(BigDecimal x, int digits) {
        if (x.compareTo(BigDecimal.ONE) == 0) {
            return DecimalInterval.point(0, digits);
        }
        // x = 2^e·m with m near 1; any integer e is exact, a good one makes the series short.
        int decimalExponent = x.precision() - x.scale() - 1;
        double lead = x.movePointLeft(decimalExponent).doubleValue();
        long e = Math.round((decimalExponent + Math.log10(lead)) / Math.log10(2));
        int w = digits + GUARD + String.valueOf(Math.abs(e)).length();
        DecimalInterval twoToE = DecimalInterval.point(new BigDecimal(BigInteger.TWO.pow((int) Math.abs(e))), w);
        DecimalInterval m = e >= 0 ? DecimalInterval.point(x, w).divide(twoToE) : DecimalInterval.point(x, w).multiply(twoToE);
        DecimalInterval log = logReduced(m).add(DecimalInterval.point(e, w).multiply(ln2(w)));
        return log.withDigits(digits);
    }

    /**
     * log m for m in about [1/2, 2]: HALVINGS square roots bring m within 1 + 2^-HALVINGS·0.7 of 1,
     * then log m = 2^HALVINGS · 2·artanh((r − 1)/(r + 1)) with r = m^(2^-HALVINGS).
     */
    private static DecimalInterval logReduced(DecimalInterval m) {
        int w = m.digits() + HALVINGS / 3 + 1;
        DecimalInterval r = m.withDigits(w);
        for (int i = 0; i < HALVINGS; i++) {
            r = sqrt(r);
        }
        DecimalInterval one = DecimalInterval.point(1, w);
        DecimalInterval z = r.subtract(one).divide(r.add(one));
        return artanhSeries(z).multiply(DecimalInterval.point(BigInteger.TWO.pow(HALVINGS + 1).longValueExact(), w))
                .withDigits(m.digits());
    }

    /** artanh z = Σ z^(2k+1)/(2k+1) for |z| ≤ 1/2; tail ≤ |z|^(2N+1)/((2N+1)(1 − z²)) ≤ 2·|z|^(2N+1)/(2N+1). */
    private static DecimalInterval artanhSeries(DecimalInterval z) {
        int w = z.digits();
        BigDecimal m = z.magnitude();
        if (m.compareTo(new BigDecimal("0.5")) > 0) {
            throw new IllegalArgumentException("artanhSeries needs |z| ≤ 1/2");
        }
        BigDecimal eps = BigDecimal.ONE.scaleByPowerOfTen(-(w + 2));
        DecimalInterval z2 = z.square();
        BigDecimal m2 = m.multiply(m, up(w));
        DecimalInterval sum = DecimalInterval.point(0, w);
        DecimalInterval power = z;
        BigDecimal powerBound = m;
        for (int k = 0; ; k++) {
            EvaluationDeadline.check();
            sum = sum.add(power.divide(2L * k + 1));
            power = power.multiply(z2);
            powerBound = powerBound.multiply(m2, up(w));
            BigDecimal tail = powerBound.multiply(BigDecimal.valueOf(2)).divide(BigDecimal.valueOf(2L * k + 3), up(w));
            if (tail.compareTo(eps) < 0 || m.signum() == 0) {
                return sum.widen(tail);
            }
        }
    }

    // ------------------------------------------------------------------ arctan

    static DecimalInterval arctan(DecimalInterval x) {
        return new DecimalInterval(arctanPoint(x.lo(), x.digits()).lo(), arctanPoint(x.hi(), x.digits()).hi(), x.digits());
    }

    static DecimalInterval arctanPoint(BigDecimal x, int digits) {
        if (x.signum() == 0) {
            return DecimalInterval.point(0, digits);
        }
        int w = digits + GUARD;
        DecimalInterval one = DecimalInterval.point(1, w);
        if (x.abs().compareTo(BigDecimal.ONE) > 0) {
            DecimalInterval halfPi = pi(w).divide(2);
            DecimalInterval inner = arctanReduced(one.divide(DecimalInterval.point(x, w)));
            return (x.signum() > 0 ? halfPi.subtract(inner) : halfPi.negate().subtract(inner)).withDigits(digits);
        }
        return arctanReduced(DecimalInterval.point(x, w)).withDigits(digits);
    }

    /** arctan z for |z| ≤ 1: HALVINGS times arctan z = 2·arctan(z/(1 + √(1 + z²))), then the series. */
    private static DecimalInterval arctanReduced(DecimalInterval z) {
        int w = z.digits() + HALVINGS / 3 + 1;
        DecimalInterval one = DecimalInterval.point(1, w);
        DecimalInterval y = z.withDigits(w);
        for (int i = 0; i < HALVINGS; i++) {
            y = y.divide(one.add(sqrt(one.add(y.square()))));
        }
        return DecimalInterval.point(BigInteger.TWO.pow(HALVINGS).longValueExact(), w).multiply(arctanSeries(y))
                .withDigits(z.digits());
    }

    /** Σ (−1)^k z^(2k+1)/(2k+1) for |z| &lt; 1: alternating with decreasing terms, tail ≤ the first omitted. */
    private static DecimalInterval arctanSeries(DecimalInterval z) {
        int w = z.digits();
        BigDecimal m = z.magnitude();
        if (m.compareTo(new BigDecimal("0.5")) > 0) {
            throw new IllegalArgumentException("arctanSeries needs |z| ≤ 1/2");
        }
        BigDecimal eps = BigDecimal.ONE.scaleByPowerOfTen(-(w + 2));
        DecimalInterval z2 = z.square();
        BigDecimal m2 = m.multiply(m, up(w));
        DecimalInterval sum = DecimalInterval.point(0, w);
        DecimalInterval power = z;
        BigDecimal powerBound = m;
        for (int k = 0; ; k++) {
            EvaluationDeadline.check();
            DecimalInterval term = power.divide(2L * k + 1);
            sum = k % 2 == 0 ? sum.add(term) : sum.subtract(term);
            power = power.multiply(z2);
            powerBound = powerBound.multiply(m2, up(w));
            BigDecimal next = powerBound.divide(BigDecimal.valueOf(2L * k + 3), up(w));
            if (next.compareTo(eps) < 0 || m.signum() == 0) {
                return sum.widen(next);
            }
        }
    }

    // ------------------------------------------------------------------ sin and cos

    static DecimalInterval sin(DecimalInterval x) {
        return lipschitzOne(x, sinCosPoint(x.mid(), x.digits(), true));
    }

    static DecimalInterval cos(DecimalInterval x) {
        return lipschitzOne(x, sinCosPoint(x.mid(), x.digits(), false));
    }

    /** f(mid) widened by the radius (|f'| ≤ 1), kept within [−1, 1]. */
    private static DecimalInterval lipschitzOne(DecimalInterval x, DecimalInterval atMid) {
        return atMid.widen(x.radius()).clamp(BigDecimal.ONE.negate(), BigDecimal.ONE);
    }

    /**
     * sin x or cos x at a point: x = k·π/2 + r with π to the digits of k more than asked, then the
     * series of sin or cos at r as the quadrant k mod 4 says.
     */
    static DecimalInterval sinCosPoint(BigDecimal x, int digits, boolean sine) {
        int integerDigits = Math.max(0, x.precision() - x.scale());
        int w = digits + GUARD + integerDigits;
        DecimalInterval halfPi = pi(w).divide(2);
        BigInteger k = x.divide(halfPi.mid(), new MathContext(integerDigits + 5, RoundingMode.HALF_EVEN))
                .setScale(0, RoundingMode.HALF_EVEN).toBigIntegerExact();
        DecimalInterval r = DecimalInterval.point(x, w).subtract(DecimalInterval.point(new BigDecimal(k), w).multiply(halfPi));
        int quadrant = k.mod(BigInteger.valueOf(4)).intValue();
        // sin(r + qπ/2) = sin r, cos r, −sin r, −cos r; cos(r + qπ/2) = cos r, −sin r, −cos r, sin r
        boolean sineSeries = sine == (quadrant % 2 == 0);
        boolean negate = sine ? quadrant >= 2 : quadrant == 1 || quadrant == 2;
        DecimalInterval v = trigSeries(r, sineSeries);
        return (negate ? v.negate() : v).withDigits(digits);
    }

    /** sin r = Σ (−1)ⁿ r^(2n+1)/(2n+1)!, cos r = Σ (−1)ⁿ r^(2n)/(2n)! for |r| &lt; 1; tail ≤ the first omitted term. */
    private static DecimalInterval trigSeries(DecimalInterval r, boolean sine) {
        int w = r.digits();
        BigDecimal m = r.magnitude();
        if (m.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException("trigSeries needs |r| < 1");
        }
        BigDecimal eps = BigDecimal.ONE.scaleByPowerOfTen(-(w + 2));
        DecimalInterval r2 = r.square();
        BigDecimal m2 = m.multiply(m, up(w));
        DecimalInterval term = sine ? r : DecimalInterval.point(1, w);
        BigDecimal bound = sine ? m : BigDecimal.ONE;
        DecimalInterval sum = DecimalInterval.point(0, w);
        for (int n = sine ? 1 : 0; ; n += 2) {
            EvaluationDeadline.check();
            sum = sum.add(term);
            // next term: −term·r²/((n+1)(n+2))
            BigDecimal divisor = BigDecimal.valueOf((long) (n + 1) * (n + 2));
            term = term.multiply(r2).divide((long) (n + 1) * (n + 2)).negate();
            bound = bound.multiply(m2, up(w)).divide(divisor, up(w));
            if (bound.compareTo(eps) < 0 || m.signum() == 0) {
                return sum.widen(bound);
            }
        }
    }

    // ------------------------------------------------------------------ hyperbolic functions

    static DecimalInterval tanh(DecimalInterval x) {
        return new DecimalInterval(tanhPoint(x.lo(), x.digits()).lo(), tanhPoint(x.hi(), x.digits()).hi(), x.digits());
    }

    static DecimalInterval tanhPoint(BigDecimal x, int digits) {
        if (x.signum() < 0) {
            return tanhPoint(x.negate(), digits).negate();
        }
        if (x.signum() == 0) {
            return DecimalInterval.point(0, digits);
        }
        int w = digits + GUARD;
        DecimalInterval one = DecimalInterval.point(1, w);
        BigDecimal twoX = x.multiply(BigDecimal.valueOf(2));
        if (twoX.compareTo(LN10_UPPER.multiply(BigDecimal.valueOf(w + 2))) > 0) {
            // tanh x = 1 − 2/(e^{2x} + 1) ≥ 1 − 2·e^{−2x} > 1 − 10^-(w+1)
            return new DecimalInterval(BigDecimal.ONE.subtract(BigDecimal.ONE.scaleByPowerOfTen(-(w + 1))), BigDecimal.ONE, digits);
        }
        if (twoX.compareTo(new BigDecimal("0.5")) <= 0) {
            // tanh x = E/(E + 2) with E = e^{2x} − 1, without the cancellation of 1 − 2/(e^{2x} + 1)
            DecimalInterval e = expm1Series(DecimalInterval.point(twoX, w));
            return e.divide(e.add(DecimalInterval.point(2, w))).withDigits(digits);
        }
        DecimalInterval e2 = expPoint(twoX, w);
        return one.subtract(DecimalInterval.point(2, w).divide(e2.add(one))).withDigits(digits);
    }

    static DecimalInterval sinh(DecimalInterval x) {
        return new DecimalInterval(sinhPoint(x.lo(), x.digits()).lo(), sinhPoint(x.hi(), x.digits()).hi(), x.digits());
    }

    private static DecimalInterval sinhPoint(BigDecimal x, int digits) {
        int w = digits + GUARD;
        if (x.abs().compareTo(new BigDecimal("0.5")) <= 0) {
            // (e^x − 1 − (e^{−x} − 1))/2, each part free of cancellation
            DecimalInterval a = expm1Series(DecimalInterval.point(x, w));
            DecimalInterval b = expm1Series(DecimalInterval.point(x.negate(), w));
            return a.subtract(b).divide(2).withDigits(digits);
        }
        DecimalInterval e = expPoint(x, w);
        return e.subtract(DecimalInterval.point(1, w).divide(e)).divide(2).withDigits(digits);
    }

    static DecimalInterval cosh(DecimalInterval x) {
        DecimalInterval a = x.abs();
        DecimalInterval lo = coshPoint(a.lo(), x.digits());
        DecimalInterval hi = coshPoint(a.hi(), x.digits());
        return new DecimalInterval(lo.lo(), hi.hi(), x.digits());
    }

    private static DecimalInterval coshPoint(BigDecimal x, int digits) {
        int w = digits + GUARD;
        DecimalInterval e = expPoint(x, w);
        return e.add(DecimalInterval.point(1, w).divide(e)).divide(2).withDigits(digits);
    }

    // ------------------------------------------------------------------ erf

    static DecimalInterval erf(DecimalInterval x) {
        return new DecimalInterval(erfPoint(x.lo(), x.digits()).lo(), erfPoint(x.hi(), x.digits()).hi(), x.digits());
    }

    static DecimalInterval erfPoint(BigDecimal x, int digits) {
        if (x.signum() < 0) {
            return erfPoint(x.negate(), digits).negate();
        }
        if (x.signum() == 0) {
            return DecimalInterval.point(0, digits);
        }
        BigDecimal x2 = x.multiply(x);
        if (x2.compareTo(LN10_UPPER.multiply(BigDecimal.valueOf(digits + GUARD + 5))) > 0) {
            // erfc x < e^{−x²} < 10^-(w+5) here (x > 3)
            return new DecimalInterval(BigDecimal.ONE.subtract(BigDecimal.ONE.scaleByPowerOfTen(-(digits + GUARD + 5))),
                    BigDecimal.ONE, digits);
        }
        // The terms grow to about e^{x²} before they fall: that many digits are lost to cancellation.
        int guard = x2.divide(LN10_LOWER, MathContext.DECIMAL64).setScale(0, RoundingMode.CEILING).intValueExact() + 5;
        int w = digits + GUARD + guard;
        BigDecimal eps = BigDecimal.ONE.scaleByPowerOfTen(-(w + 2));
        DecimalInterval px = DecimalInterval.point(x, w);
        DecimalInterval px2 = DecimalInterval.point(x2, w);
        DecimalInterval power = px; // x^(2n+1)/n!
        DecimalInterval sum = DecimalInterval.point(0, w);
        for (int n = 0; ; n++) {
            EvaluationDeadline.check();
            DecimalInterval term = power.divide(2L * n + 1);
            sum = n % 2 == 0 ? sum.add(term) : sum.subtract(term);
            power = power.multiply(px2).divide(n + 1);
            BigDecimal next = power.divide(2L * n + 3).magnitude();
            // From here on the terms decrease (n + 2 > x²), so the tail is at most the next term.
            if (BigDecimal.valueOf(n + 2).compareTo(x2) > 0 && next.compareTo(eps) < 0) {
                sum = sum.widen(next);
                break;
            }
        }
        DecimalInterval twoOverSqrtPi = DecimalInterval.point(2, w).divide(sqrt(pi(w)));
        return twoOverSqrtPi.multiply(sum).clamp(BigDecimal.ONE.negate(), BigDecimal.ONE).withDigits(digits);
    }

    private static MathContext up(int w) {
        return new MathContext(w, RoundingMode.CEILING);
    }
}
