package org.nnid.scalar;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;


/**
 * A weight or bias: a double, or an exact real number (a rational, or a closed-form constant such
 * as {@code 2*Pi/3}). Algorithms are written once against this interface (STYLE.md, JAS): exact
 * operands give exact results, and a double operand makes the result a double, so a network is
 * exact exactly when every one of its numbers is.
 *
 * <p>Rationals never touch Symja; only closed-form constants do, so double and rational work
 * does not pay Symja's start-up.
 */
public sealed interface Scalar permits DoubleScalar, Rational, Symbolic {

    Rational ZERO = Rational.of(0);
    Rational ONE = Rational.of(1);

    /** A double value; NaN and infinities are not weights. */
    static DoubleScalar of(double value) {
        return DoubleScalar.of(value);
    }

    static Rational of(long value) {
        return Rational.of(value);
    }

    static Rational of(long numerator, long denominator) {
        return Rational.of(BigInteger.valueOf(numerator), BigInteger.valueOf(denominator));
    }

    /** A value's text as error messages quote it: on one line, shortened to at most 80 characters. */
    static String quoted(String text) {
        return ExactGrammar.quote(text);
    }

    /**
     * Parses an exact value: an integer, a fraction {@code p/q}, a decimal (taken exactly, so
     * {@code "0.1"} is 1/10), or a real closed-form constant in Symja syntax ({@code "Sqrt(2)"},
     * {@code "-Pi/4"}, {@code "Log(2)"}).
     *
     * <p>The grammar of closed forms is closed: integers and fractions; the constants {@code Pi},
     * {@code E}, {@code Degree}, {@code GoldenRatio}; {@code + - * / ^}; the functions {@code Sqrt},
     * {@code Exp}, {@code Log} (one or two arguments), {@code Sin}, {@code Cos}, {@code Tan},
     * {@code Cot}, {@code Sec}, {@code Csc}, {@code ArcTan}, {@code ArcSin}, {@code ArcCos},
     * {@code Sinh}, {@code Cosh}, {@code Tanh}, {@code Coth}, {@code Sech}, {@code Csch},
     * {@code Erf}, {@code Erfc}, {@code LogisticSigmoid}; and {@code Abs}, {@code Max}, {@code Min}
     * when rigorous enclosures decide the sign of Abs's argument or the order of Max's and Min's.
     * These are continuous real functions that nnid encloses rigorously ({@link ConstantBall}), so
     * every sign decision on the value is a proof. Anything else is refused before Symja evaluates
     * anything (the heads are checked on Symja's unevaluated parse): discontinuous functions
     * ({@code Sign}, {@code Round}, {@code Floor}, {@code Ceiling}, {@code IntegerPart},
     * {@code FractionalPart}, {@code Mod}, {@code Boole}, {@code Piecewise}), comparisons,
     * assignments ({@code a=5}), decimals inside expressions, and any other symbol ({@code 0x10}
     * reads as 0·x10). The value must be real, and must fit in a double's range.
     *
     * @throws ScalarFormatException saying what was wrong and quoting the value (shortened to at
     *                               most 80 characters), without the location (callers add it)
     */
    static Scalar parseExact(String text) {
        String s = text.strip();
        if (s.length() > MAX_DIGITS && (INTEGER.matcher(s).matches() || FRACTION.matcher(s).matches()
                || DECIMAL.matcher(s).matches())) {
            throw new ScalarFormatException("exact value '" + ExactGrammar.quote(s) + "' has " + s.length()
                    + " characters; nnid's budget is " + MAX_DIGITS + " digits per number (about 100,000 bits)");
        }
        if (INTEGER.matcher(s).matches()) {
            return Rational.of(new BigInteger(s.startsWith("+") ? s.substring(1) : s), BigInteger.ONE);
        }
        if (FRACTION.matcher(s).matches()) {
            int slash = s.indexOf('/');
            String num = s.substring(0, slash).strip();
            BigInteger den = new BigInteger(s.substring(slash + 1).strip());
            if (den.signum() == 0) {
                throw new ScalarFormatException("division by zero in exact value '" + ExactGrammar.quote(s) + "'");
            }
            return Rational.of(new BigInteger(num.startsWith("+") ? num.substring(1) : num), den);
        }
        if (DECIMAL.matcher(s).matches()) {
            BigDecimal d;
            try {
                d = new BigDecimal(s);
            } catch (NumberFormatException e) { // an exponent beyond int
                throw new ScalarFormatException("exact value '" + ExactGrammar.quote(s) + "' has a decimal exponent"
                        + " beyond nnid's budget of ±" + MAX_DIGITS + " (about 100,000 bits)");
            }
            if (Math.abs(d.scale()) > MAX_DIGITS) {
                throw new ScalarFormatException("exact value '" + ExactGrammar.quote(s) + "' has the decimal exponent "
                        + -d.scale() + "; nnid's budget is ±" + MAX_DIGITS + " (about 100,000 bits)");
            }
            return Rational.of(d);
        }
        if (s.isEmpty()) {
            throw new ScalarFormatException("empty exact value");
        }
        return Symbolic.parse(s);
    }

    /**
     * The budget of a number written in digits (integer, fraction or decimal): at most this many
     * characters, and a decimal exponent within ±this, so its exact value fits in about 100,000 bits
     * (the budget of a power, {@link ExactSizeBudget}).
     */
    int MAX_DIGITS = 30_000;

    Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    Pattern FRACTION = Pattern.compile("[+-]?\\d+\\s*/\\s*\\d+");
    Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.\\d*|\\.\\d+|\\d+)([eE][+-]?\\d+)?");

    Scalar add(Scalar other);

    Scalar subtract(Scalar other);

    Scalar multiply(Scalar other);

    /** @throws ArithmeticException on division by an exact zero */
    Scalar divide(Scalar other);

    Scalar negate();

    /**
     * -1, 0 or 1; exact for rationals; for constants, nonzero only from a rigorous enclosure that
     * excludes 0 and zero only from exact arithmetic or a symbolic proof ({@link ConstantSigns}).
     *
     * @throws ArithmeticException when neither decides a constant's sign
     */
    int signum();

    default boolean isZero() {
        return signum() == 0;
    }

    /**
     * True for the double 0 and the rational 0: the zeros that mean "no edge". Cheap, and never
     * asks Symja (a closed-form constant is never a structural zero).
     */
    default boolean isStructuralZero() {
        return this instanceof DoubleScalar d ? d.value() == 0.0 : this instanceof Rational r && r.signum() == 0;
    }

    /** True for rationals and closed-form constants, false for doubles. */
    boolean isExact();

    /** The nearest double (for constants, to the midpoint of a rigorous 30-digit enclosure). */
    double toDouble();

    /** A rigorous enclosure of the real value: a point for doubles, outward-rounded otherwise. */
    Interval enclosure();

    /**
     * Text that {@link #parseExact} (exact values) or a JSON number (doubles) reads back to the
     * same value: {@code "1/3"}, {@code "2/3*Pi"}, {@code 0.1}.
     */
    String toText();

    /** Compares real values (not representations); constants are compared by the sign of the difference. */
    default int compareValue(Scalar other) {
        if (this instanceof DoubleScalar || other instanceof DoubleScalar) {
            return Double.compare(toDouble() + 0.0, other.toDouble() + 0.0);
        }
        if (this instanceof Symbolic || other instanceof Symbolic) {
            return Symbolic.compare(this, other);
        }
        return subtract(other).signum();
    }
}
