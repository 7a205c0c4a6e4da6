package org.nnid.scalar;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IFraction;
import org.matheclipse.core.interfaces.IRational;
import org.matheclipse.core.interfaces.IExpr;
import org.nnid.symja.Symja;
import org.nnid.symja.SymjaException;

/**
 * An exact real constant in closed form ({@code 2/3*Pi}, {@code Sqrt(2)}, {@code Log(2)}), held as
 * Symja's evaluated input form. Arithmetic is done by Symja, and a result that evaluates to a
 * rational becomes a {@link Rational}. Equality is by that form; {@link #compareValue} and
 * {@link #signum} compare real values: a sign only from a rigorous enclosure ({@link ConstantBall})
 * that excludes 0, a zero only from exact arithmetic or a symbolic proof ({@link ConstantSigns}),
 * else an {@link ArithmeticException}.
 */
public final class Symbolic implements Scalar {
    /**
     * The longest time reading one exact value may take before its rigorous evaluation stops:
     * {@code Sin(10^100)} takes well under a second, {@code Sin(10^20000)} needs π to 20,000 digits.
     * Generous, as it also holds Symja's normal form (at most 4 rounds of 5 s) on a loaded machine.
     */
    static final long PARSE_LIMIT_MILLIS = 30_000;
    /** Time limit of each symbolic zero proof when a sign is not decided by enclosures ({@link ConstantSigns}). */
    static final java.time.Duration ZERO_PROOF_LIMIT = java.time.Duration.ofSeconds(2);
    /** Relative digits of the enclosure behind {@link #enclosure()} and {@link #toDouble()}. */
    private static final int ENCLOSURE_DIGITS = 30;

    private final String form;
    private volatile Interval enclosure;
    private volatile Double value;
    private volatile Integer sign;

    private Symbolic(String form) {
        this.form = form;
    }

    /**
     * Parses a closed-form real constant in {@link ExactGrammar}'s grammar, checked on Symja's
     * unevaluated parse before anything is evaluated; rational results come back as {@link Rational}.
     */
    static Scalar parse(String text) {
        return parse(text, PARSE_LIMIT_MILLIS);
    }

    /** {@link #parse(String)} under another time limit (tests reach the limit without waiting for it). */
    static Scalar parse(String text, long limitMillis) {
        try {
            return EvaluationDeadline.within(limitMillis, () -> parseWithinLimit(text));
        } catch (EvaluationDeadline.Exceeded e) {
            throw new ScalarFormatException("exact value '" + ExactGrammar.quote(text) + "' is a valid constant, but"
                    + " evaluating it rigorously took longer than nnid's limit of " + limitMillis / 1000.0
                    + " s for one exact value");
        }
    }

    private static Scalar parseWithinLimit(String text) {
        IExpr held = ExactGrammar.parse(text);
        ConstantBall.whyNotEnclosable(held).ifPresent(why -> {
            throw new ScalarFormatException("exact value '" + ExactGrammar.quote(text) + "' is not a finite real number ("
                    + ExactGrammar.quote(why) + ")");
        });
        IExpr e;
        try {
            e = Symja.eval(held);
        } catch (SymjaException ex) {
            throw new ScalarFormatException("unparsable exact value '" + ExactGrammar.quote(text) + "'");
        }
        return fromExpr(e, text, held);
    }

    /**
     * Evaluates an exact expression built from constants' texts (see {@link #fromExpr} for the
     * written form of the result).
     */
    static Scalar evaluate(String expression) {
        IExpr held = Symja.parse(expression);
        IExpr r = Symja.eval(held);
        return fromExpr(r, r.toString(), held);
    }

    private static final java.time.Duration NORMAL_FORM_LIMIT = java.time.Duration.ofSeconds(5);

    /**
     * The scalar of Symja's evaluation {@code e} of the constant {@code held} (as parsed). The
     * evaluation must agree with the parsed value ({@link RewriteCheck}): Symja takes some
     * decisions in double precision, and a result that encloses to another value is refused.
     */
    private static Scalar fromExpr(IExpr e, String text, IExpr held) {
        if (e.isNumber() && !e.isExactNumber()) {
            throw new ScalarFormatException("exact value '" + ExactGrammar.quote(text) + "' evaluates to a floating-point"
                    + " number; write it as a JSON number, or as an exact expression");
        }
        Optional<String> notEnclosable = ConstantBall.whyNotEnclosable(e);
        if (notEnclosable.isPresent()) {
            throw new ScalarFormatException("exact value '" + ExactGrammar.quote(text) + "' is not a finite real number ("
                    + ExactGrammar.quote(notEnclosable.get()) + ")");
        }
        if (!RewriteCheck.agrees(held, e)) {
            throw new ScalarFormatException("Symja evaluates exact value '" + ExactGrammar.quote(text) + "' to '"
                    + ExactGrammar.quote(e.toString()) + "', whose enclosure is another value; nnid does not use it");
        }
        // Read rationals through their numerator and denominator: Symja can print an unnormalised
        // fraction such as 1/-1, whose text the fraction pattern would not take back.
        if (e instanceof org.matheclipse.core.interfaces.IInteger i) {
            return Rational.of(i.toBigNumerator(), java.math.BigInteger.ONE);
        }
        if (e instanceof IFraction f) {
            return Rational.of(f.toBigNumerator(), f.toBigDenominator());
        }
        IExpr factored = normalForm(e);
        if (factored.isInteger() || factored.isFraction()) {
            return fromExpr(factored, text, e);
        }
        // Symja wraps long output over several lines; the line breaks are not part of the value.
        Symbolic s = new Symbolic(Symja.text(factored));
        s.enclosure = doubleEnclosure(factored, text);
        return s;
    }

    /**
     * One written form for equal values reached along different paths, which canonical forms rely
     * on for byte-for-byte equality: the constant as a rational function of its atoms (π, e,
     * Sin(1), Tanh(1/3), Sqrt(2), …; see {@link Atoms}), brought to one fraction with common
     * factors cancelled ({@code Factor(Together(…))}), numerator and denominator expanded, the sign
     * moved out of a negative denominator ({@code 1/(-1-E)} becomes {@code -1/(1+E)}), repeated
     * until the written form no longer changes, so that a stored form reads back as itself.
     *
     * <p>The atoms are replaced by plain variables before Symja factors, and put back after:
     * Symja's Factor is wrong on some constants with trigonometric atoms (measured:
     * {@code Factor(Together((2+8*Pi+Cos(1)+4*Pi*Cos(1)+Sin(1))/(2+Cos(1))))} returns
     * {@code (1+4*Pi+2*Pi*Cos(1))*Sec(1)*(Cos(1)+Sin(1))}, 43.38 instead of 13.90), while factoring
     * polynomials in variables is its well-trodden path. As a guard against such errors, a normal
     * form that {@link RewriteCheck} finds to enclose to another value is discarded (the constant
     * keeps the form it had).
     *
     * <p>Measured on pairs of equal constants (ScalarTest, and 23 pairs tried by hand): Factor
     * alone picks signs of factors by path ({@code 2*(1-Tanh(1))} against
     * {@code -2*(-1+Tanh(1))}), and Together or Cancel alone leave fractions uncancelled. Rational
     * powers of one base share a variable; other algebraic relations between atoms are not used.
     * A heuristic, not a decision procedure: equal constants may still print apart, which is why
     * replay and the checker compare constants by value. Each round runs under a time limit;
     * without the normal form the value is the same, only its written form may differ.
     */
    private static IExpr normalForm(IExpr e) {
        IExpr current = e;
        for (int round = 0; round < MAX_NORMAL_FORM_ROUNDS; round++) {
            Optional<IExpr> next = normalFormStep(current);
            if (next.isEmpty() || next.get().toString().equals(current.toString())) {
                return current;
            }
            current = next.get();
        }
        return current;
    }

    private static final int MAX_NORMAL_FORM_ROUNDS = 4;

    private static Optional<IExpr> normalFormStep(IExpr e) {
        if (e.isInteger() || e.isFraction()) {
            return Optional.of(e);
        }
        Atoms atoms = new Atoms();
        atoms.collect(e);
        String rules = atoms.rules();
        Optional<IExpr> factored = Symja.evalWithin("Factor(Together(" + atoms.withVariables(e) + "))",
                NORMAL_FORM_LIMIT).filter(r -> !Symja.aborted(r));
        if (factored.isEmpty()) {
            return Optional.empty();
        }
        IExpr numerator = Symja.eval("ExpandAll(Numerator(" + Symja.text(factored.get()) + "))");
        IExpr denominator = Symja.eval("ExpandAll(Denominator(" + Symja.text(factored.get()) + "))");
        if (signOfValue(Symja.eval("ReplaceAll(" + Symja.text(denominator) + "," + rules + ")")) < 0) { // a choice of written form only
            numerator = Symja.eval("ExpandAll(-(" + Symja.text(numerator) + "))");
            denominator = Symja.eval("ExpandAll(-(" + Symja.text(denominator) + "))");
        }
        IExpr result = Symja.eval("ReplaceAll((" + Symja.text(numerator) + ")/(" + Symja.text(denominator) + ")," + rules + ")");
        return RewriteCheck.agrees(e, result) ? Optional.of(result) : Optional.empty();
    }

    /**
     * The atoms of a constant: its maximal subexpressions that are not sums, products or rational
     * powers, each replaced by a variable. Rational powers of one base share a variable, the
     * base's 1/L-th power with L the least common denominator of its exponents, so that E, Sqrt(E)
     * and E^(3/2) become w², w and w³ and cancel with each other.
     */
    private static final class Atoms {
        /** Each atom (or base of rational powers) and the denominator L of its variable, in text order. */
        private final TreeMap<String, Long> roots = new TreeMap<>();
        private final Map<String, String> names = new HashMap<>();
        private final Map<String, String> normalisedAtoms = new HashMap<>();
        /**
         * Bases whose shared variable would reach a degree above {@value #MAX_SHARED_DEGREE}
         * (E^(1499/300) would be w^1499): their rational powers stay separate atoms, since
         * factoring such polynomials runs into the time limit.
         */
        private final java.util.Set<String> opaqueBases = new java.util.HashSet<>();
        private final Map<String, Long> scanRoots = new HashMap<>();
        private final Map<String, Double> maxExponent = new HashMap<>();
        private static final int MAX_SHARED_DEGREE = 48;

        void collect(IExpr e) {
            scanRationalPowers(e);
            scanRoots.forEach((base, l) -> {
                if (maxExponent.get(base) * l > MAX_SHARED_DEGREE) {
                    opaqueBases.add(base);
                }
            });
            collectAtoms(e);
        }

        /** Per base of rational powers: L and the largest |r| (its shared variable reaches degree max |r|·L). */
        private void scanRationalPowers(IExpr e) {
            if ((e.isPlus() || e.isTimes()) && e instanceof IAST ast) {
                for (int i = 1; i < ast.size(); i++) {
                    scanRationalPowers(ast.get(i));
                }
            } else if (e.isPower() && e.exponent().isInteger()) {
                scanRationalPowers(e.base());
            } else if (e.isPower() && e.exponent().isFraction()) {
                IFraction r = (IFraction) e.exponent();
                String base = atomText(e.base());
                scanRoots.merge(base, r.toBigDenominator().longValueExact(), (a, b) -> a / gcd(a, b) * b);
                maxExponent.merge(base, Math.abs(r.doubleValue()), Math::max);
            }
        }

        private void collectAtoms(IExpr e) {
            if (e.isInteger() || e.isFraction()) {
                return;
            }
            if ((e.isPlus() || e.isTimes()) && e instanceof IAST ast) {
                for (int i = 1; i < ast.size(); i++) {
                    collectAtoms(ast.get(i));
                }
            } else if (e.isPower() && e.exponent().isInteger()) {
                collectAtoms(e.base());
            } else if (e.isPower() && e.exponent().isFraction() && !opaqueBases.contains(atomText(e.base()))) {
                long q = ((IFraction) e.exponent()).toBigDenominator().longValueExact();
                roots.merge(atomText(e.base()), q, (a, b) -> a / gcd(a, b) * b);
            } else {
                roots.merge(atomText(e), 1L, (a, b) -> a);
            }
        }

        String withVariables(IExpr e) {
            if (e.isInteger() || e.isFraction()) {
                return "(" + Symja.text(e) + ")";
            }
            if ((e.isPlus() || e.isTimes()) && e instanceof IAST ast) {
                StringBuilder b = new StringBuilder("(");
                for (int i = 1; i < ast.size(); i++) {
                    b.append(i > 1 ? (e.isPlus() ? "+" : "*") : "").append(withVariables(ast.get(i)));
                }
                return b.append(')').toString();
            }
            if (e.isPower() && (e.exponent().isInteger()
                    || e.exponent().isFraction() && !opaqueBases.contains(atomText(e.base())))) {
                String base = atomText(e.base());
                if (roots.containsKey(base)) { // base^(p/q) = w^(p·L/q), w = base^(1/L)
                    IRational r = (IRational) e.exponent();
                    BigInteger p = r.toBigNumerator().multiply(BigInteger.valueOf(roots.get(base)))
                            .divide(r.toBigDenominator());
                    return "(" + name(base) + ")^(" + p + ")";
                }
                return "(" + withVariables(e.base()) + ")^(" + e.exponent() + ")";
            }
            String atom = atomText(e);
            return roots.get(atom) == 1 ? name(atom) : "(" + name(atom) + ")^(" + roots.get(atom) + ")";
        }

        /** The substitution back: each variable by its atom's 1/L-th power. */
        String rules() {
            StringBuilder b = new StringBuilder("{");
            roots.forEach((atom, l) -> b.append(b.length() > 1 ? "," : "").append(name(atom)).append("->(")
                    .append(atom).append(l == 1 ? ")" : ")^(1/" + l + ")"));
            return b.append('}').toString();
        }

        /**
         * The atom with its arguments in normal form (recursively), so that E^((4+E)/E) and
         * E^(11/5+(20-6*E)/(5*E)) are one atom; computed once per atom.
         */
        private String atomText(IExpr e) {
            return normalisedAtoms.computeIfAbsent(text(e), k -> text(withNormalArguments(e)));
        }

        private static IExpr withNormalArguments(IExpr e) {
            if (!(e instanceof IAST ast)) {
                return e;
            }
            if (e.isPower()) {
                return Symja.eval("(" + argument(e.base()) + ")^(" + argument(e.exponent()) + ")");
            }
            StringBuilder b = new StringBuilder(text(ast.head())).append('(');
            for (int i = 1; i < ast.size(); i++) {
                b.append(i > 1 ? "," : "").append(argument(ast.get(i)));
            }
            return Symja.eval(b.append(')').toString());
        }

        private static String argument(IExpr x) {
            return x instanceof IAST ? text(normalForm(x)) : text(x);
        }

        private String name(String atom) {
            return names.computeIfAbsent(atom, a -> "nnidatom" + (roots.headMap(a).size() + 1));
        }

        private static String text(IExpr e) {
            return Symja.text(e);
        }

        private static long gcd(long a, long b) {
            return b == 0 ? a : gcd(b, a % b);
        }
    }

    /**
     * The sign of a constant when a 64-digit enclosure shows it, else 0: used only to choose which
     * of two equal written forms to keep (numerator and denominator negated together).
     */
    private static int signOfValue(IExpr constant) {
        return ConstantBall.at(constant, ConstantBall.PRECISIONS[0]).map(DecimalInterval::sign).orElse(0);
    }

    /** The double interval around a 30-digit enclosure, outward rounded. */
    private static Interval doubleEnclosure(IExpr constant, String text) {
        DecimalInterval ball = ConstantBall.tight(constant, ENCLOSURE_DIGITS).orElseThrow(() ->
                new ScalarFormatException("exact value '" + ExactGrammar.quote(text) + "' cannot be enclosed"));
        Interval e = ball.toDoubleInterval();
        if (!Double.isFinite(e.lo()) || !Double.isFinite(e.hi())) {
            throw new ScalarFormatException("exact value '" + ExactGrammar.quote(text) + "' does not fit in a double's range");
        }
        return e;
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
     * The sign, decided by {@link ConstantSigns}: nonzero only when a rigorous enclosure excludes 0,
     * zero only when exact arithmetic or a symbolic proof shows it.
     *
     * @throws ArithmeticException when neither decides (callers report UNKNOWN, never a guess)
     */
    @Override
    public int signum() {
        Integer s = sign;
        if (s == null) {
            try {
                s = signOf(form);
            } catch (ArithmeticException undecided) {
                s = UNDECIDED; // remembered: the work is not repeated on every question
            }
            sign = s;
        }
        if (s == UNDECIDED) {
            throw new ArithmeticException("cannot decide whether " + ExactGrammar.quote(form) + " is zero");
        }
        return s;
    }

    /** The cached sign of a constant whose sign is undecidable. */
    private static final int UNDECIDED = 2;

    /**
     * The sign of an exact real expression: nonzero only from a rigorous enclosure that excludes 0
     * (up to {@value ConstantBall#MAX_DIGITS} digits), zero only from exact arithmetic or a symbolic
     * proof ({@link ConstantSigns}).
     *
     * @throws ArithmeticException when neither decides
     */
    static int signOf(String expr) {
        return ConstantSigns.decide(expr, ZERO_PROOF_LIMIT).map(ConstantSigns.Decision::sign).orElseThrow(() ->
                new ArithmeticException("cannot decide whether " + ExactGrammar.quote(expr) + " is zero"));
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

    /**
     * The floor, decided rigorously: from an enclosure when both its ends have the same floor, else
     * by the sign of the constant minus the integer between them.
     *
     * @throws ArithmeticException when that sign cannot be decided
     */
    public BigInteger floor() {
        DecimalInterval ball = ConstantBall.tight(Symja.parse(form), ENCLOSURE_DIGITS)
                .orElseThrow(() -> new ArithmeticException("cannot enclose " + ExactGrammar.quote(form)));
        BigInteger lo = ball.lo().setScale(0, java.math.RoundingMode.FLOOR).toBigIntegerExact();
        BigInteger hi = ball.hi().setScale(0, java.math.RoundingMode.FLOOR).toBigIntegerExact();
        if (lo.equals(hi)) {
            return lo;
        }
        if (hi.subtract(lo).compareTo(BigInteger.ONE) > 0) {
            throw new ArithmeticException("cannot decide the floor of " + ExactGrammar.quote(form));
        }
        return signOf("(" + form + ")-(" + hi + ")") >= 0 ? hi : lo;
    }

    @Override
    public boolean isExact() {
        return true;
    }

    /** The double nearest to the midpoint of a 30-digit enclosure (one computation per constant, then cached). */
    @Override
    public double toDouble() {
        Double v = value;
        if (v == null) {
            v = ConstantBall.tight(Symja.parse(form), ENCLOSURE_DIGITS).map(b -> b.mid().doubleValue())
                    .orElseGet(() -> Symja.numeric(form, 40).doubleValue());
            value = v;
        }
        return v;
    }

    /**
     * The value to the requested number of significant digits: the midpoint of a rigorous
     * enclosure that tight (Symja's N overflows on {@code Tanh(10^100)}), or Symja's arbitrary
     * precision beyond the enclosures' reach.
     *
     * @throws ArithmeticException when neither gives the value (within the enclosures' time limit)
     */
    public BigDecimal toBigDecimal(int digits) {
        Optional<DecimalInterval> ball = ConstantBall.tightTo(Symja.parse(form), digits);
        if (ball.isPresent()) {
            return ball.get().mid().round(new java.math.MathContext(digits));
        }
        try {
            return Symja.numeric(form, digits);
        } catch (SymjaException e) {
            throw new ArithmeticException("cannot evaluate " + ExactGrammar.quote(form) + " to " + digits
                    + " digits: no rigorous enclosure within " + ConstantBall.HARD_LIMIT_MILLIS / 1000
                    + " s, and Symja failed");
        }
    }

    /** A rigorous enclosure: a 30-digit interval enclosure ({@link ConstantBall}) rounded outward to doubles. */
    @Override
    public Interval enclosure() {
        Interval e = enclosure;
        if (e == null) {
            e = doubleEnclosure(Symja.parse(form), form);
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
