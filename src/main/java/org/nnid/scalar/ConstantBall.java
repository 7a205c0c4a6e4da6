package org.nnid.scalar;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;
import java.util.OptionalInt;

import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.IFraction;
import org.matheclipse.core.interfaces.IInteger;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * Rigorous enclosures of closed-form real constants: a Symja expression tree (parsed or
 * evaluated) is walked bottom-up in outward-rounded interval arithmetic ({@link DecimalInterval},
 * {@link RigorousFunctions}), so the interval returned contains the exact value. Nothing is
 * guessed: a head that is not listed below, a value that is not real (the square root or log of
 * a negative number), or an argument outside the supported range gives no enclosure.
 *
 * <p>Enclosed: integers, fractions, Pi, E, Degree, GoldenRatio; Plus, Times; Power with an
 * integer exponent (|n| ≤ {@value #MAX_INTEGER_EXPONENT}), with E as base, or with a positive
 * base; Sqrt, Exp, Log (one or two arguments), Sin, Cos, Tan, Cot, Sec, Csc, ArcTan, ArcSin,
 * ArcCos, Sinh, Cosh, Tanh, Coth, Sech, Csch, Erf, Erfc, LogisticSigmoid, Abs, Max, Min.
 *
 * <p>Precision: {@link #PRECISIONS} significant digits are tried in turn (64, 128, … up to
 * {@value #MAX_DIGITS}) until the question is answered, and no higher one when it would likely
 * end after {@value #TIME_LIMIT_MILLIS} ms, and none runs past {@value #HARD_LIMIT_MILLIS} ms
 * whatever the precision (so a sign that is decided on one machine may stay undecided on a slower
 * one, never the reverse of a decision); the cap bounds the work on a constant that is 0 (or
 * closer to 0 than about 10^-2000 of its terms), which no precision can separate from 0.
 */
public final class ConstantBall {
    /** The working precisions tried, in significant digits. */
    static final int[] PRECISIONS = {64, 128, 256, 512, 1024, 2048};
    /** The precision cap in significant digits. */
    public static final int MAX_DIGITS = 2048;
    /** No higher precision is tried after this much time on one question. */
    public static final long TIME_LIMIT_MILLIS = 2000;
    static final long MAX_INTEGER_EXPONENT = 10_000_000L;
    /** No question runs longer than this, whatever the precision: the question stays undecided. */
    static final long HARD_LIMIT_MILLIS = 4 * TIME_LIMIT_MILLIS;

    /** A head this class cannot enclose: no precision helps, so the caller stops at once. */
    static final class NotEnclosable extends RuntimeException {
        NotEnclosable(String message) {
            super(message, null, false, false);
        }
    }

    private ConstantBall() {}

    /**
     * An enclosure at the given working precision, or empty when there is none (an unknown head, a
     * value that is not real, a division by an interval reaching 0 at this precision, …).
     */
    public static Optional<DecimalInterval> at(IExpr e, int digits) {
        try {
            return Optional.of(enclose(e, digits));
        } catch (NotEnclosable | ArithmeticException ex) {
            return Optional.empty();
        }
    }

    /**
     * The sign when an enclosure excludes 0 at some precision up to the cap (within the time
     * limit); empty otherwise (0, a value too close to 0, or a constant that cannot be enclosed).
     */
    public static OptionalInt sign(IExpr e) {
        return sign(e, MAX_DIGITS);
    }

    /** {@link #sign(IExpr)} with a lower precision cap. */
    public static OptionalInt sign(IExpr e, int maxDigits) {
        int[] sign = {0};
        boolean[] stop = {false};
        withinLimits(digits -> {
            if (digits > maxDigits) {
                return true;
            }
            try {
                sign[0] = enclose(e, digits).sign();
                return sign[0] != 0;
            } catch (NotEnclosable ex) {
                stop[0] = true;
                return true;
            } catch (ArithmeticException tooCoarse) {
                return false; // a division or log met an interval reaching 0: a higher precision may separate it
            }
        });
        return sign[0] != 0 && !stop[0] ? OptionalInt.of(sign[0]) : OptionalInt.empty();
    }

    /**
     * Runs {@code done} at the precisions of {@link #PRECISIONS} in turn until it returns true,
     * the cap is passed, or the next precision would likely end after {@link #TIME_LIMIT_MILLIS}
     * (each doubling of the digits costs about four times as much).
     */
    static void withinLimits(java.util.function.IntPredicate done) {
        // The estimate cannot stop the first precision, which a constant such as Sin(10^2000) makes
        // long: a hard limit of a few times the budget ends any step.
        try {
            EvaluationDeadline.within(HARD_LIMIT_MILLIS, () -> {
                stepThroughPrecisions(done);
                return null;
            });
        } catch (EvaluationDeadline.Exceeded e) {
            if (EvaluationDeadline.passed()) {
                throw e; // an enclosing limit ran out: its owner reports it
            }
        }
    }

    private static void stepThroughPrecisions(java.util.function.IntPredicate done) {
        long start = System.nanoTime();
        long last = 0;
        for (int digits : PRECISIONS) {
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            if (elapsed + 4 * last > TIME_LIMIT_MILLIS) {
                return;
            }
            long before = System.nanoTime();
            if (done.test(digits)) {
                return;
            }
            last = (System.nanoTime() - before) / 1_000_000;
        }
    }

    /**
     * An enclosure whose width is at most 10^-relativeDigits of its magnitude (or absolute, near
     * 0), at the lowest precision that gives one; the widest one computed when none does within
     * the cap and time limit; empty when the constant cannot be enclosed.
     */
    public static Optional<DecimalInterval> tight(IExpr e, int relativeDigits) {
        DecimalInterval[] best = {null};
        boolean[] stop = {false};
        withinLimits(digits -> {
            try {
                best[0] = enclose(e, digits);
                return best[0].isTight(relativeDigits);
            } catch (NotEnclosable ex) {
                stop[0] = true;
                return true;
            } catch (ArithmeticException tooCoarse) {
                return false;
            }
        });
        return stop[0] ? Optional.empty() : Optional.ofNullable(best[0]);
    }

    /**
     * An enclosure that excludes 0 and whose width is at most 10^-relativeDigits of its smallest
     * magnitude (so its midpoint has that many correct significant digits), trying working precisions
     * from relativeDigits + 16 upward (doubling, up to 8 times the digits asked) within
     * {@link #HARD_LIMIT_MILLIS}; empty when none is reached (a constant equal to 0, one that
     * cannot be enclosed, or the limit ran out).
     */
    public static Optional<DecimalInterval> tightTo(IExpr e, int relativeDigits) {
        DecimalInterval[] found = {null};
        try {
            EvaluationDeadline.within(HARD_LIMIT_MILLIS, () -> {
                for (int digits = relativeDigits + 16; digits <= 8 * relativeDigits + 16; digits *= 2) {
                    try {
                        DecimalInterval b = enclose(e, digits);
                        if (b.sign() != 0 && b.width().compareTo(b.lo().abs().min(b.hi().abs())
                                .scaleByPowerOfTen(-relativeDigits)) <= 0) {
                            found[0] = b;
                            return null;
                        }
                    } catch (NotEnclosable ex) {
                        return null;
                    } catch (ArithmeticException tooCoarse) {
                        // a division or log met an interval reaching 0: a higher precision may separate it
                    }
                }
                return null;
            });
        } catch (EvaluationDeadline.Exceeded ex) {
            if (EvaluationDeadline.passed()) {
                throw ex;
            }
        }
        return Optional.ofNullable(found[0]);
    }

    /** Why {@code e} cannot be enclosed at all (an unknown head, a value that is not real), if so. */
    public static Optional<String> whyNotEnclosable(IExpr e) {
        try {
            enclose(e, PRECISIONS[0]);
            return Optional.empty();
        } catch (NotEnclosable ex) {
            return Optional.of(ex.getMessage());
        } catch (ArithmeticException tooCoarse) {
            return Optional.empty();
        }
    }

    static DecimalInterval enclose(IExpr e, int d) {
        if (e instanceof IInteger i) {
            return DecimalInterval.point(new BigDecimal(i.toBigNumerator()), d);
        }
        if (e instanceof IFraction f) {
            return DecimalInterval.ratio(f.toBigNumerator(), f.toBigDenominator(), d);
        }
        if (e instanceof ISymbol s) {
            return constant(s, d);
        }
        if (!(e instanceof IAST ast) || !(ast.head() instanceof ISymbol head)) {
            throw new NotEnclosable("'" + e + "' is not a real closed-form constant");
        }
        if (e.isPlus()) {
            DecimalInterval sum = DecimalInterval.point(0, d);
            for (int i = 1; i < ast.size(); i++) {
                sum = sum.add(enclose(ast.get(i), d));
            }
            return sum;
        }
        if (e.isTimes()) {
            DecimalInterval product = DecimalInterval.point(1, d);
            for (int i = 1; i < ast.size(); i++) {
                product = product.multiply(enclose(ast.get(i), d));
            }
            return product;
        }
        if (e.isPower() && ast.size() == 3) {
            return power(ast.get(1), ast.get(2), d);
        }
        if ((head == S.Max || head == S.Min) && ast.size() >= 2) {
            DecimalInterval m = enclose(ast.get(1), d);
            for (int i = 2; i < ast.size(); i++) {
                DecimalInterval x = enclose(ast.get(i), d);
                m = head == S.Max ? new DecimalInterval(m.lo().max(x.lo()), m.hi().max(x.hi()), d)
                        : new DecimalInterval(m.lo().min(x.lo()), m.hi().min(x.hi()), d);
            }
            return m;
        }
        if (head == S.Log && ast.size() == 3) { // Log(b, x) = log x / log b
            return RigorousFunctions.log(positive(enclose(ast.get(2), d), e))
                    .divide(RigorousFunctions.log(positive(enclose(ast.get(1), d), e)));
        }
        if (ast.size() != 2) {
            throw new NotEnclosable("nnid cannot enclose '" + e + "'");
        }
        return function(head, enclose(ast.get(1), d), e);
    }

    private static DecimalInterval constant(ISymbol s, int d) {
        if (s == S.Pi) {
            return RigorousFunctions.pi(d);
        }
        if (s == S.E) {
            return RigorousFunctions.expPoint(BigDecimal.ONE, d);
        }
        if (s == S.Degree) {
            return RigorousFunctions.pi(d).divide(DecimalInterval.point(180, d));
        }
        if (s == S.GoldenRatio) {
            DecimalInterval one = DecimalInterval.point(1, d);
            return one.add(RigorousFunctions.sqrt(DecimalInterval.point(5, d))).divide(DecimalInterval.point(2, d));
        }
        throw new NotEnclosable("'" + s + "' is not a known real constant");
    }

    private static DecimalInterval power(IExpr base, IExpr exponent, int d) {
        if (exponent instanceof IInteger n) {
            BigInteger k = n.toBigNumerator();
            if (base instanceof IInteger b && b.toBigNumerator().abs().compareTo(BigInteger.ONE) <= 0) {
                // (−1)^k, 0^k, 1^k exactly, whatever the size of k (shifts by kπ give (−1)^k)
                if (b.isZero() && k.signum() <= 0) {
                    throw new NotEnclosable("0^" + k + " is not a finite real number");
                }
                return DecimalInterval.point(b.isZero() ? 0 : b.isMinusOne() && k.testBit(0) ? -1 : 1, d);
            }
            if (k.abs().compareTo(BigInteger.valueOf(MAX_INTEGER_EXPONENT)) > 0) {
                throw new NotEnclosable("exponent " + k + " is beyond ±" + MAX_INTEGER_EXPONENT);
            }
            return enclose(base, d).pow(k);
        }
        if (base == S.E) {
            return RigorousFunctions.exp(enclose(exponent, d));
        }
        DecimalInterval b = enclose(base, d);
        if (exponent instanceof IFraction f && f.toBigDenominator().equals(BigInteger.TWO)) {
            // (√b)^p: cheaper and tighter than exp(p·log b), and defined at b = 0
            return RigorousFunctions.sqrt(nonNegative(b, base)).pow(f.toBigNumerator());
        }
        DecimalInterval p = enclose(exponent, d);
        return RigorousFunctions.exp(p.multiply(RigorousFunctions.log(positive(b, base))));
    }

    private static DecimalInterval function(ISymbol head, DecimalInterval x, IExpr e) {
        int d = x.digits();
        DecimalInterval one = DecimalInterval.point(1, d);
        if (head == S.Sqrt) {
            return RigorousFunctions.sqrt(nonNegative(x, e));
        }
        if (head == S.Exp) {
            return RigorousFunctions.exp(x);
        }
        if (head == S.Log) {
            return RigorousFunctions.log(positive(x, e));
        }
        if (head == S.Sin) {
            return RigorousFunctions.sin(x);
        }
        if (head == S.Cos) {
            return RigorousFunctions.cos(x);
        }
        if (head == S.Tan) {
            return RigorousFunctions.sin(x).divide(RigorousFunctions.cos(x));
        }
        if (head == S.Cot) {
            return RigorousFunctions.cos(x).divide(RigorousFunctions.sin(x));
        }
        if (head == S.Sec) {
            return one.divide(RigorousFunctions.cos(x));
        }
        if (head == S.Csc) {
            return one.divide(RigorousFunctions.sin(x));
        }
        if (head == S.ArcTan) {
            return RigorousFunctions.arctan(x);
        }
        if (head == S.ArcSin || head == S.ArcCos) {
            if (x.lo().compareTo(BigDecimal.ONE) > 0 || x.hi().compareTo(BigDecimal.ONE.negate()) < 0) {
                throw new NotEnclosable("'" + e + "' is not real");
            }
            if (x.lo().compareTo(BigDecimal.ONE.negate()) <= 0 || x.hi().compareTo(BigDecimal.ONE) >= 0) {
                throw new ArithmeticException("argument of " + head + " too close to ±1 at this precision");
            }
            // arcsin x = arctan(x/√(1 − x²)) on (−1, 1)
            DecimalInterval arcsin = RigorousFunctions.arctan(x.divide(RigorousFunctions.sqrt(one.subtract(x.square()))));
            return head == S.ArcSin ? arcsin
                    : RigorousFunctions.pi(d).divide(DecimalInterval.point(2, d)).subtract(arcsin);
        }
        if (head == S.Sinh) {
            return RigorousFunctions.sinh(x);
        }
        if (head == S.Cosh) {
            return RigorousFunctions.cosh(x);
        }
        if (head == S.Tanh) {
            return RigorousFunctions.tanh(x);
        }
        if (head == S.Coth) {
            return one.divide(RigorousFunctions.tanh(x));
        }
        if (head == S.Sech) {
            return one.divide(RigorousFunctions.cosh(x));
        }
        if (head == S.Csch) {
            return one.divide(RigorousFunctions.sinh(x));
        }
        if (head == S.Erf) {
            return RigorousFunctions.erf(x);
        }
        if (head == S.Erfc) {
            return one.subtract(RigorousFunctions.erf(x));
        }
        if (head == S.LogisticSigmoid) {
            // 1/(1 + e^−x), increasing: its ends are the values at x's ends
            return new DecimalInterval(logistic(x.lo(), d).lo(), logistic(x.hi(), d).hi(), d);
        }
        if (head == S.Abs) {
            return x.abs();
        }
        throw new NotEnclosable("nnid cannot enclose '" + head + "' (in '" + e + "')");
    }

    /** σ(x) = (1 + tanh(x/2))/2, which keeps its relative accuracy where σ is near 1. */
    private static DecimalInterval logistic(BigDecimal x, int d) {
        if (x.signum() < 0) { // σ(x) = e^x/(1 + e^x): no cancellation for x ≪ 0
            DecimalInterval ex = RigorousFunctions.expPoint(x, d);
            return ex.divide(DecimalInterval.point(1, d).add(ex));
        }
        DecimalInterval t = RigorousFunctions.tanhPoint(x.divide(BigDecimal.valueOf(2)), d);
        return DecimalInterval.point(1, d).add(t).divide(DecimalInterval.point(2, d));
    }

    /** x when it is > 0; not real when x &lt; 0 throughout; too coarse to tell otherwise. */
    private static DecimalInterval positive(DecimalInterval x, IExpr e) {
        if (x.hi().signum() < 0 || x.hi().signum() == 0 && x.lo().signum() == 0) {
            throw new NotEnclosable("'" + e + "' is not a finite real number");
        }
        if (x.lo().signum() <= 0) {
            throw new ArithmeticException("argument of log reaches 0 at this precision");
        }
        return x;
    }

    private static DecimalInterval nonNegative(DecimalInterval x, IExpr e) {
        if (x.hi().signum() < 0) {
            throw new NotEnclosable("'" + e + "' is not real");
        }
        if (x.lo().signum() < 0) {
            throw new ArithmeticException("argument of a square root reaches below 0 at this precision");
        }
        return x;
    }
}
