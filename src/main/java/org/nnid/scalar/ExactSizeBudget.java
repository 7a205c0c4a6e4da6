package org.nnid.scalar;

import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.IFraction;
import org.matheclipse.core.interfaces.IInteger;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * The size budget of an exact value, checked on its unevaluated tree before Symja computes
 * anything: every power's result must fit in {@value #MAX_BITS} bits (about 30,000 decimal digits)
 * in numerator and denominator. {@code 2^(10^9)}, {@code 2^(-10^9)} and {@code Pi^Pi^Pi^Pi} would
 * otherwise be computed exactly or to a precision no machine holds. The estimate is of log₂ of the
 * magnitude, in doubles (saturating at infinity), and errs towards refusing only far beyond the
 * budget.
 */
final class ExactSizeBudget {
    /** The largest size, in bits, of any power in an exact value. */
    static final double MAX_BITS = 100_000;

    private ExactSizeBudget() {}

    /** A power in e whose size exceeds the budget, as text, if there is one. */
    static java.util.Optional<String> excess(IExpr e) {
        if (!(e instanceof IAST ast)) {
            return java.util.Optional.empty();
        }
        for (int i = 1; i < ast.size(); i++) {
            java.util.Optional<String> inner = excess(ast.get(i));
            if (inner.isPresent()) {
                return inner;
            }
        }
        if (ast.head() == S.Power && ast.argSize() == 2) {
            double bits = Math.abs(log2Magnitude(ast.arg1())) * Math.abs(magnitude(ast.arg2()));
            if (!(bits <= MAX_BITS)) {
                return java.util.Optional.of(ExactGrammar.quote(ast.toString()));
            }
        }
        return java.util.Optional.empty();
    }

    /** An estimate of |e| (infinity when too large for a double, 1 when unknown but bounded). */
    private static double magnitude(IExpr e) {
        double l = log2Magnitude(e);
        return l > 1023 ? Double.POSITIVE_INFINITY : Math.pow(2, l);
    }

    /** An estimate of log₂|e|: bit lengths for integers, sums of logs for products and powers. */
    private static double log2Magnitude(IExpr e) {
        if (e instanceof IInteger i) {
            return i.isZero() ? 0 : bits(i);
        }
        if (e instanceof IFraction f) {
            return Math.max(bits(f.numerator()), bits(f.denominator()));
        }
        if (e instanceof ISymbol) {
            return 2; // Pi, E, Degree, GoldenRatio are all below 4
        }
        if (!(e instanceof IAST ast)) {
            return 0;
        }
        if (ast.head() == S.Power && ast.argSize() == 2) {
            return Math.abs(log2Magnitude(ast.arg1())) * magnitude(ast.arg2());
        }
        if (ast.head() == S.Times || ast.head() == S.Plus) {
            double s = 0;
            for (int i = 1; i < ast.size(); i++) {
                s = ast.head() == S.Times ? s + Math.abs(log2Magnitude(ast.get(i))) : Math.max(s, log2Magnitude(ast.get(i)) + 1);
            }
            return s;
        }
        if (ast.head() == S.Exp && ast.argSize() == 1) {
            return magnitude(ast.arg1()) * 1.4426950408889634; // log₂ e
        }
        return 0; // bounded functions (Sin, Tanh, ...) and logarithms shrink their argument
    }

    private static double bits(IInteger i) {
        return i.abs().toBigNumerator().bitLength();
    }
}
