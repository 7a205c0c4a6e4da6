package org.nnid.scalar;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * π enclosed to a given number of digits by Machin's formula 16·arctan(1/5) − 4·arctan(1/239),
 * each arctan summed exactly as one fraction by binary splitting (Haible and Papanikolaou), so
 * that 20,000 digits take a fraction of a second where term-by-term decimal summation takes
 * minutes. The only roundings are the final divisions (outward) and the series tail.
 */
final class MachinPi {
    private MachinPi() {}

    static DecimalInterval pi(int digits) {
        DecimalInterval a = arctanOfReciprocal(5, digits);
        DecimalInterval b = arctanOfReciprocal(239, digits);
        return DecimalInterval.point(16, digits).multiply(a).subtract(DecimalInterval.point(4, digits).multiply(b));
    }

    /**
     * arctan(1/x) = Σ (−1)ⁿ / ((2n+1)·x^(2n+1)) for an integer x ≥ 2. The series alternates with
     * decreasing terms, so the tail after N terms is at most the term t_N &lt; x^−(2N+1), which
     * N is chosen to bring below 10^−(digits+3).
     */
    static DecimalInterval arctanOfReciprocal(long x, int digits) {
        int terms = (int) Math.ceil((digits + 3) * Math.log(10) / (2 * Math.log(x))) + 2;
        Split s = split(0, terms, BigInteger.valueOf(x));
        BigDecimal numerator = new BigDecimal(s.t);
        BigDecimal denominator = new BigDecimal(s.b.multiply(s.q));
        BigDecimal lo = numerator.divide(denominator, new MathContext(digits + 5, RoundingMode.FLOOR));
        BigDecimal hi = numerator.divide(denominator, new MathContext(digits + 5, RoundingMode.CEILING));
        return new DecimalInterval(lo, hi, digits).widen(BigDecimal.ONE.scaleByPowerOfTen(-(digits + 3)));
    }

    /**
     * The terms n in [from, to) as T/(B·Q), with P/Q the product of the term ratios p(k)/q(k)
     * (p(0)/q(0) = 1/x, then −1/x²) and B the product of the denominators 2n+1:
     * S[a,b) = S[a,m) + (P[a,m)/Q[a,m))·S[m,b).
     */
    private static Split split(int from, int to, BigInteger x) {
        EvaluationDeadline.check();
        if (to - from == 1) {
            BigInteger p = from == 0 ? BigInteger.ONE : BigInteger.ONE.negate();
            BigInteger q = from == 0 ? x : x.multiply(x);
            return new Split(p, q, BigInteger.valueOf(2L * from + 1), p);
        }
        int middle = (from + to) >>> 1;
        Split left = split(from, middle, x);
        Split right = split(middle, to, x);
        BigInteger t = right.b.multiply(right.q).multiply(left.t).add(left.b.multiply(left.p).multiply(right.t));
        return new Split(left.p.multiply(right.p), left.q.multiply(right.q), left.b.multiply(right.b), t);
    }

    private record Split(BigInteger p, BigInteger q, BigInteger b, BigInteger t) {}
}
