package org.nnid.scalar;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Optional;

import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.IFraction;
import org.matheclipse.core.interfaces.IInteger;

/**
 * The size budget of an exact value, checked on its unevaluated tree before Symja computes
 * anything: a rational power's exact value must fit in {@value #MAX_BITS} bits (about 30,000
 * decimal digits) in numerator and denominator, and any other power's magnitude within
 * 2^±{@value #MAX_BITS}. {@code 2^(10^9)}, {@code 2^(-10^9)} and {@code Pi^Pi^Pi^Pi} would otherwise
 * be computed exactly or to a precision no machine holds. Exponents are estimated in double
 * arithmetic, so the check errs only far beyond the budget.
 */
final class ExactSizeBudget {
    /** The largest size, in bits, of any power in an exact value. */
    static final double MAX_BITS = 100_000;

    private ExactSizeBudget() {}

    /** Why e exceeds the budget (the power, or a division by a base estimated as 0), if it does. */
    static Optional<String> excess(IExpr e) {
        if (!(e instanceof IAST ast)) {
            return Optional.empty();
        }
        for (int i = 1; i < ast.size(); i++) {
            Optional<String> inner = excess(ast.get(i));
            if (inner.isPresent()) {
                return inner;
            }
        }
        if (ast.head() == S.Power && ast.argSize() == 2) {
            double signed = approximate(ast.arg2());
            double exponent = Math.abs(signed);
            double bits = baseBits(ast.arg1()) * exponent;
            if (!Double.isNaN(exponent) && !(bits <= MAX_BITS)) {
                // a negative power of a base estimated as 0 (Pi-Pi, Exp(1)-E) is a division by (nearly) 0
                boolean division = signed < 0 && approximate(ast.arg1()) == 0;
                return Optional.of(division ? "it divides by " + ExactGrammar.quote(ast.arg1().toString())
                        + ", which is 0 or closer to 0 than 2^-" + (long) MAX_BITS
                        : "the power " + ExactGrammar.quote(ast.toString()) + " exceeds nnid's budget of "
                                + (long) MAX_BITS + " bits (about 30,000 digits)");
            }
        }
        return Optional.empty();
    }

    /**
     * What one unit of exponent costs: the bits of numerator and denominator for a rational base (its
     * exact power grows by that much), |log₂ b| for any other (the magnitude of the result).
     */
    private static double baseBits(IExpr b) {
        if (b instanceof IInteger i) {
            return bits(i.toBigNumerator());
        }
        if (b instanceof IFraction f) {
            return bits(f.toBigNumerator()) + bits(f.toBigDenominator());
        }
        double v = Math.abs(approximate(b));
        return Double.isNaN(v) ? 0 : Math.abs(Math.log(v) / Math.log(2));
    }

    /** The value in double arithmetic (±∞ when too large, NaN when not estimated). */
    private static double approximate(IExpr e) {
        if (e instanceof IInteger i) {
            return i.toBigNumerator().doubleValue();
        }
        if (e instanceof IFraction f) {
            return new BigDecimal(f.toBigNumerator()).divide(new BigDecimal(f.toBigDenominator()), MathContext.DECIMAL64)
                    .doubleValue();
        }
        if (e == S.Pi) {
            return Math.PI;
        }
        if (e == S.E) {
            return Math.E;
        }
        if (e == S.Degree) {
            return Math.PI / 180;
        }
        if (e == S.GoldenRatio) {
            return (1 + Math.sqrt(5)) / 2;
        }
        if (!(e instanceof IAST ast)) {
            return Double.NaN;
        }
        if (ast.head() == S.Plus || ast.head() == S.Times) {
            double s = ast.head() == S.Plus ? 0 : 1;
            for (int i = 1; i < ast.size(); i++) {
                double v = approximate(ast.get(i));
                s = ast.head() == S.Plus ? s + v : s * v;
            }
            return s;
        }
        if (ast.head() == S.Power && ast.argSize() == 2) {
            return Math.pow(approximate(ast.arg1()), approximate(ast.arg2()));
        }
        if (ast.head() == S.Exp && ast.argSize() == 1) {
            return Math.exp(approximate(ast.arg1()));
        }
        return Double.NaN; // other functions are not estimated, so never refused here
    }

    private static double bits(java.math.BigInteger i) {
        return i.abs().bitLength();
    }
}
