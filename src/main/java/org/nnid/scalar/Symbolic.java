package org.nnid.scalar;

import java.math.BigDecimal;

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
        // One written form for equal values reached along different paths, which canonical forms
        // rely on for byte-for-byte equality: Factor(ExpandAll(Together(…))) was the one pipeline
        // that was idempotent and agreed on every pair of equal constants we tried (Together,
        // Factor and Cancel(Together(…)) alone were not: signs and split fractions differed).
        // It is a heuristic, not a decision procedure: equal constants may still print apart.
        // Under a time limit: ExpandAll of nested exponentials can run for minutes. Without the
        // normal form the value is the same, only its written form may differ from an equal one's.
        IExpr factored = Symja.evalWithin("Factor(ExpandAll(Together(" + e + ")))", NORMAL_FORM_LIMIT)
                .filter(r -> !Symja.aborted(r)).orElse(e);
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
