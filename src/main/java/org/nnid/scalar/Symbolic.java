package org.nnid.scalar;

import java.math.BigDecimal;
import java.util.Optional;

import org.matheclipse.core.interfaces.IExpr;
import org.nnid.symbolic.Symja;
import org.nnid.symbolic.SymjaException;

/**
 * An exact real constant in closed form ({@code 2/3*Pi}, {@code Sqrt(2)}, {@code Log(2)}), held as
 * Symja's evaluated input form. Arithmetic is done by Symja, and a result that evaluates to a
 * rational becomes a {@link Rational}. Equality is by that form; {@link #compareValue} and
 * {@link #signum} compare real values.
 */
public final class Symbolic implements Scalar {
    /** Digits used to decide signs and to build enclosures. */
    private static final int DIGITS = 50;

    private final String form;
    private volatile Interval enclosure;
    private volatile Double value;

    private Symbolic(String form) {
        this.form = form;
    }

    /** Parses and checks a closed-form real constant; rational results come back as {@link Rational}. */
    static Scalar parse(String text) {
        IExpr e;
        try {
            e = Symja.eval(text);
        } catch (SymjaException ex) {
            throw new ScalarFormatException("unparsable exact value '" + text + "'");
        }
        return fromExpr(e, text);
    }

    /**
     * Evaluates an exact expression built from constants' texts (see {@link #fromExpr} for the
     * written form of the result).
     */
    static Scalar evaluate(String expression) {
        IExpr r = Symja.eval(expression);
        return fromExpr(r, r.toString());
    }

    private static final java.time.Duration NORMAL_FORM_LIMIT = java.time.Duration.ofSeconds(5);

    private static Scalar fromExpr(IExpr e, String text) {
        // Read rationals through their numerator and denominator: Symja can print an unnormalised
        // fraction such as 1/-1, whose text the fraction pattern would not take back.
        if (e instanceof org.matheclipse.core.interfaces.IInteger i) {
            return Rational.of(i.toBigNumerator(), java.math.BigInteger.ONE);
        }
        if (e instanceof org.matheclipse.core.interfaces.IFraction f) {
            return Rational.of(f.toBigNumerator(), f.toBigDenominator());
        }
        if (!Symja.eval("NumericQ(" + e + ")").isTrue()) {
            throw new ScalarFormatException("exact value '" + text + "' is not a constant (it evaluates to " + e + ")");
        }
        if (e.isNumber() && !e.isExactNumber()) {
            throw new ScalarFormatException("exact value '" + text + "' evaluates to a floating-point number;"
                    + " write it as a JSON number, or as an exact expression");
        }
        IExpr factored = normalForm(e);
        if (factored.isInteger() || factored.isFraction()) {
            return fromExpr(factored, text);
        }
        // Symja wraps long output over several lines; the line breaks are not part of the value.
        Symbolic s = new Symbolic(factored.toString().replace("\n", ""));
        try {
            BigDecimal re = Symja.numeric("Re(" + e + ")", DIGITS);
            BigDecimal im = Symja.numeric("Im(" + e + ")", DIGITS);
            if (im.signum() != 0) {
                throw new ScalarFormatException("exact value '" + text + "' is not real");
            }
            s.enclosure = enclose(re);
        } catch (SymjaException ex) {
            throw new ScalarFormatException("exact value '" + text + "' is not a finite real number");
        }
        return s;
    }

    /**
     * One written form for equal values reached along different paths, which canonical forms rely
     * on for byte-for-byte equality: {@code Factor(Together(…))} (one fraction, common factors
     * cancelled), then numerator and denominator expanded separately, with the sign moved out of a
     * negative denominator ({@code 1/(-1-E)} and {@code -1/(-1-E)}, which Symja leaves as they are,
     * become {@code -1/(1+E)} and {@code 1/(1+E)}), repeated until the written form no longer
     * changes, so that a stored form reads back as itself. Measured on pairs of equal constants
     * (ScalarTest, and 23 pairs tried by hand): the previous {@code Factor(ExpandAll(Together(…)))}
     * was not idempotent ({@code (1+E)/(-1+E)} became {@code ((-1+E)*(1+E))/(1-E)^2}), Factor
     * alone picks signs of factors by path ({@code 2*(1-Tanh(1))} against
     * {@code -2*(-1+Tanh(1))}), and Together or Cancel alone left fractions uncancelled.
     * Algebraic numbers are not reduced: {@code (1+Sqrt(2))^2} and {@code 3+2*Sqrt(2)} print apart.
     *
     * <p>A heuristic, not a decision procedure: equal constants may still print apart, which is
     * why replay and the checker compare constants by value. Each round runs under a time limit
     * (factoring nested exponentials can take minutes); without the normal form the value is the
     * same, only its written form may differ from an equal one's.
     */
    private static IExpr normalForm(IExpr e) {
        IExpr current = e;
        for (int round = 0; round < MAX_NORMAL_FORM_ROUNDS; round++) {
            Optional<IExpr> next = Symja.evalWithin("Factor(Together(" + current + "))", NORMAL_FORM_LIMIT)
                    .filter(r -> !Symja.aborted(r))
                    .map(Symbolic::expandedWithPositiveDenominator);
            if (next.isEmpty() || next.get().toString().equals(current.toString())) {
                return current;
            }
            current = next.get();
        }
        return current;
    }

    private static final int MAX_NORMAL_FORM_ROUNDS = 4;

    private static IExpr expandedWithPositiveDenominator(IExpr f) {
        if (f.isInteger() || f.isFraction()) {
            return f;
        }
        // Rebuilt from Numerator and Denominator: Symja prints Times(-1, Power(-1-E, -1)) as
        // -1/(-1-E), although its Denominator is 1+E; and Factor chooses the sign of a factor
        // differently along different paths (2*(1-Tanh(1)) and -2*(-1+Tanh(1))).
        IExpr numerator = Symja.eval("ExpandAll(Numerator(" + f + "))");
        IExpr denominator = Symja.eval("ExpandAll(Denominator(" + f + "))");
        if (denominator.isOne()) {
            return numerator;
        }
        if (signOfValue(denominator) < 0) {
            numerator = Symja.eval("ExpandAll(-(" + numerator + "))");
            denominator = Symja.eval("ExpandAll(-(" + denominator + "))");
        }
        return Symja.eval("(" + numerator + ")/(" + denominator + ")");
    }

    /** The sign of a constant when 50 digits show it clearly, else 0 (no sign change is made). */
    private static int signOfValue(IExpr constant) {
        try {
            BigDecimal v = Symja.numeric(constant.toString(), DIGITS);
            return v.abs().compareTo(new BigDecimal("1e-40")) > 0 ? v.signum() : 0;
        } catch (SymjaException ex) {
            return 0;
        }
    }

    private static Interval enclose(BigDecimal v) {
        double d = v.doubleValue();
        if (!Double.isFinite(d)) {
            throw new ScalarFormatException("exact value " + v + " does not fit in a double's range");
        }
        // The 50-digit value is within far less than one ulp of the constant.
        return Interval.of(Math.nextDown(d), Math.nextUp(d));
    }

    /** Symja's input form of this constant. */
    public String form() {
        return form;
    }

    private Scalar combine(String op, Scalar other) {
        if (other instanceof DoubleScalar d) {
            return switch (op) {
                case "+" -> Scalar.of(toDouble() + d.value());
                case "-" -> Scalar.of(toDouble() - d.value());
                case "*" -> Scalar.of(toDouble() * d.value());
                default -> Scalar.of(toDouble()).divide(d);
            };
        }
        if (op.equals("/") && other.isZero()) {
            throw new ArithmeticException("division by zero");
        }
        return evaluate("(" + form + ")" + op + "(" + other.toText() + ")");
    }

    @Override
    public Scalar add(Scalar other) {
        return combine("+", other);
    }

    @Override
    public Scalar subtract(Scalar other) {
        return combine("-", other);
    }

    @Override
    public Scalar multiply(Scalar other) {
        return combine("*", other);
    }

    @Override
    public Scalar divide(Scalar other) {
        return combine("/", other);
    }

    @Override
    public Scalar negate() {
        return combine("*", Scalar.of(-1));
    }

    /**
     * The sign, from a 50-digit value when that is clearly away from zero; otherwise Symja must
     * simplify the constant to 0, or the sign is reported undecidable rather than guessed.
     */
    @Override
    public int signum() {
        return signOf(form);
    }

    /**
     * The sign of an exact real expression, from a 50-digit value when that is clearly away from
     * zero; otherwise Symja must simplify it to 0, or the sign is reported undecidable rather than
     * guessed.
     */
    static int signOf(String expr) {
        BigDecimal v = Symja.numeric(expr, DIGITS);
        if (v.abs().compareTo(new BigDecimal("1e-40")) > 0) {
            return v.signum();
        }
        if (Symja.eval("PossibleZeroQ(" + expr + ")").isTrue() && Symja.eval("Simplify(" + expr + ")").isZero()) {
            return 0;
        }
        BigDecimal w = Symja.numeric(expr, 4 * DIGITS);
        if (w.abs().compareTo(new BigDecimal("1e-150")) > 0) {
            return w.signum();
        }
        throw new ArithmeticException("cannot decide the sign of " + expr);
    }

    /**
     * Compares exact values of which at least one is a constant: by their cached enclosures when
     * those are disjoint, otherwise by the sign of the difference, which is never normalised (its
     * normal form is not needed for a sign, and can be very expensive).
     */
    static int compare(Scalar x, Scalar y) {
        Interval ex = x.enclosure();
        Interval ey = y.enclosure();
        if (ex.hi() < ey.lo()) {
            return -1;
        }
        if (ex.lo() > ey.hi()) {
            return 1;
        }
        return signOf("(" + x.toText() + ")-(" + y.toText() + ")");
    }

    @Override
    public boolean isExact() {
        return true;
    }

    @Override
    public double toDouble() {
        Double v = value;
        if (v == null) {
            v = Symja.numeric(form, 40).doubleValue(); // one Symja call per constant, then cached
            value = v;
        }
        return v;
    }

    /** The value to the requested number of digits (Symja's arbitrary precision). */
    public BigDecimal toBigDecimal(int digits) {
        return Symja.numeric(form, digits);
    }

    @Override
    public Interval enclosure() {
        Interval e = enclosure;
        if (e == null) {
            e = enclose(Symja.numeric(form, DIGITS));
            enclosure = e;
        }
        return e;
    }

    @Override
    public String toText() {
        return form;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Symbolic s && s.form.equals(form);
    }

    @Override
    public int hashCode() {
        return form.hashCode();
    }

    @Override
    public String toString() {
        return form;
    }
}
