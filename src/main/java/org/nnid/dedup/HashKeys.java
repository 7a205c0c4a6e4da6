package org.nnid.dedup;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.nnid.io.NetworkJson;
import org.nnid.net.Network;
import org.nnid.rewrite.CanonicalHash;
import org.nnid.rewrite.Certificate;
import org.nnid.scalar.DoubleScalar;
import org.nnid.scalar.Scalar;

/**
 * The two hashes a file is bucketed by. {@code rounded} is {@code nnid hash}: the canonical form
 * with every double rounded half-up to 9 significant digits. {@code shifted} rounds on a grid
 * moved by a quarter of a step: its cell boundaries lie at …75 in the 10th digit, a quarter step
 * from every boundary of the first grid (…5) and away from round numbers such as 1.0, which
 * relu-like normal forms produce. Two copies whose canonical doubles differ by a few ulps but
 * straddle a boundary of one grid (…4999 vs …5000) share the other hash, unless another value
 * straddles a boundary of the second grid as well; files linked by either hash are confirmed
 * together (README, "Deduplication"). Exact networks hash their canonical form exactly, twice the same.
 */
record HashKeys(String rounded, String shifted) {
    /** The digits of {@code nnid hash}. */
    static final int DIGITS = CanonicalHash.DEFAULT_DIGITS;
    /** The digits of the coarse keys that --eps adds, so that close but unequal copies meet in a bucket. */
    static final int COARSE_DIGITS = 4;

    static HashKeys of(Network canonical, int digits) {
        String rounded = CanonicalHash.of(canonical, digits);
        if (canonical.isExact()) {
            return new HashKeys(rounded, rounded);
        }
        Network shifted = canonical.mapValues(s -> s instanceof DoubleScalar d ? Scalar.of(shiftedRound(d.value(), digits)) : s);
        return new HashKeys(rounded, Certificate.sha256(NetworkJson.write(shifted)));
    }

    /**
     * v rounded to {@code digits} significant digits on the grid whose boundaries are at a quarter
     * step: the cell of t = v / step is floor(t + ¼), so boundaries are at t ≡ ¾ (mod 1).
     */
    static double shiftedRound(double v, int digits) {
        if (v == 0 || !Double.isFinite(v)) {
            return v;
        }
        double fast = shiftedRoundInDoubles(v, digits);
        return Double.isNaN(fast) ? shiftedRoundExactly(v, digits) : fast;
    }

    /** Powers of ten that are exact doubles. */
    private static final double[] POW10 = new double[23];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    /**
     * {@link #shiftedRound} in double arithmetic, where that is provably the same double, else NaN
     * (hashing spent most of its time in BigDecimal). t = v·10^s is one correctly rounded operation,
     * off by at most half an ulp of t (at most 2^-24 for |t| below 10^9); when t + ¼ lies more than
     * 10^-6 from an integer, its floor is that of the exact value. t inside [10^(d-1) + 1, 10^d − 1)
     * proves the exponent from log10 right. The cell times 10^-s is one correctly rounded operation
     * on exact doubles, which is what BigDecimal.doubleValue gives for an integer below 2^52.
     */
    static double shiftedRoundInDoubles(double v, int digits) {
        if (digits > 15) {
            return Double.NaN; // t + 1/4 would no longer be exact
        }
        int exponent = (int) Math.floor(Math.log10(Math.abs(v)));
        int s = digits - 1 - exponent;
        if (Math.abs(s) >= POW10.length) {
            return Double.NaN;
        }
        double t = s >= 0 ? v * POW10[s] : v / POW10[-s];
        double a = Math.abs(t);
        if (!(a >= POW10[digits - 1] + 1 && a < POW10[digits] - 1)) {
            return Double.NaN;
        }
        double u = t + 0.25; // exact: |t| < 2^50, so 1/4 is a multiple of t's ulp
        double cell = Math.floor(u);
        double frac = u - cell;
        if (frac < 1e-6 || frac > 1 - 1e-6) {
            return Double.NaN;
        }
        return s >= 0 ? cell / POW10[s] : cell * POW10[-s];
    }

    /** The definition, in exact decimal arithmetic. */
    static double shiftedRoundExactly(double v, int digits) {
        BigDecimal x = new BigDecimal(v);
        int exponent = x.precision() - x.scale() - 1; // floor(log10 |v|), exactly
        BigDecimal t = x.scaleByPowerOfTen(digits - 1 - exponent);
        BigDecimal cell = t.add(new BigDecimal("0.25")).setScale(0, RoundingMode.FLOOR);
        return cell.scaleByPowerOfTen(exponent - (digits - 1)).doubleValue();
    }
}
