package org.nnid.symbolic;

import org.nnid.symja.Symja;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.nnid.net.Block;
import org.nnid.net.Network;
import org.nnid.scalar.DoubleScalar;
import org.nnid.scalar.Rational;
import org.nnid.scalar.Scalar;
import org.nnid.scalar.ScalarArray;
import org.nnid.scalar.Symbolic;

/**
 * Evaluates a network at an exact point to a requested number of significant digits
 * (docs/math.md §6: a witness ⟨N₁⟩(x) ≠ ⟨N₂⟩(x) proved "in high precision").
 *
 * <p>The network is evaluated node by node, never as one expression: pre-activations with
 * {@link BigDecimal} at a working precision, activations from the activation's own definition
 * {@link org.nnid.activation.Activation#symja()}, compiled once to BigDecimal series (exp, tanh, sin,
 * cos, erf), apfloat (log, arctan, …) or, for anything else, Symja's arbitrary precision. Doubles
 * enter exactly ({@code new BigDecimal(double)}), rationals by division at the working precision,
 * closed-form constants by Symja's arbitrary precision. The working precision P is the requested
 * digits plus 10 + 3·depth guard digits.
 *
 * <p>Trust comes from doing it twice: at working precisions P and 2P. Per output the result
 * reports on how many leading significant digits the two agree. Caveat: when both runs give
 * exactly 0 the value is reported as 0 with full agreement; a true value that cancels to 0 at
 * both precisions (for example gelu far left, written as t·(1+erf(t/√2))/2) is not detected.
 * Piecewise definitions (Max, Min, Abs) choose their branch at the working precision.
 */
public final class HighPrecisionEvaluator {

    /**
     * @param values       per output, rounded to the requested significant digits
     * @param agreedDigits per output, the leading significant digits on which the evaluations at
     *                     P and 2P agree, ⌊−log₁₀(|v_P − v_2P| / |v_2P|)⌋ capped at P; at least the
     *                     requested digits when the result is trustworthy
     */
    public record Result(BigDecimal[] values, int[] agreedDigits) {
        /** The smallest agreement over the outputs. */
        public int minAgreedDigits() {
            int m = Integer.MAX_VALUE;
            for (int d : agreedDigits) {
                m = Math.min(m, d);
            }
            return m;
        }
    }

    /** Compiled activation definitions, by definition text. */
    private static final Map<String, Formula> FORMULAS = new ConcurrentHashMap<>();

    private HighPrecisionEvaluator() {}

    /**
     * The outputs at x to {@code digits} significant digits.
     *
     * @throws IllegalArgumentException if x has the wrong length or digits &lt; 1
     * @throws ArithmeticException      if the definition cannot be evaluated at some pre-activation
     *                                  (a division by zero, a logarithm of a non-positive number)
     */
    public static Result evaluate(Network net, Scalar[] x, int digits) {
        if (x.length != net.inputCount()) {
            throw new IllegalArgumentException("the network has " + net.inputCount() + " inputs, but the point has "
                    + x.length + " coordinates");
        }
        if (digits < 1) {
            throw new IllegalArgumentException("digits must be positive, got " + digits);
        }
        // Each level can lose a few digits to cancellation; the second run shows how many were lost.
        int p = digits + 10 + 3 * net.depth();
        Formula rho = FORMULAS.computeIfAbsent(net.activation().symja(), Formula::compile);
        BigDecimal[] low = new Run(net, rho, p).outputs(x);
        BigDecimal[] high = new Run(net, rho, 2 * p).outputs(x);
        BigDecimal[] values = new BigDecimal[low.length];
        int[] agreed = new int[low.length];
        MathContext out = new MathContext(digits, RoundingMode.HALF_EVEN);
        for (int k = 0; k < low.length; k++) {
            values[k] = high[k].round(out);
            agreed[k] = agreement(low[k], high[k], p);
        }
        return new Result(values, agreed);
    }

    /** Leading significant digits on which a and b agree (b the more precise), at most cap. */
    static int agreement(BigDecimal a, BigDecimal b, int cap) {
        BigDecimal diff = a.subtract(b).abs();
        if (diff.signum() == 0) {
            return cap;
        }
        if (b.signum() == 0) {
            return 0;
        }
        int d = exponent(b) - exponent(diff);
        // exponents are floors of log10; fix the estimate with one exact comparison
        if (diff.scaleByPowerOfTen(d).compareTo(b.abs()) > 0) {
            d--;
        }
        return Math.max(0, Math.min(cap, d));
    }

    /** ⌊log₁₀|v|⌋ for v ≠ 0. */
    private static int exponent(BigDecimal v) {
        return v.precision() - v.scale() - 1;
    }

    /** One evaluation at one working precision. */
    private static final class Run {
        private final Network net;
        private final Formula rho;
        private final int precision;
        private final MathContext mc;
        private final Map<String, BigDecimal> constants = new HashMap<>();

        Run(Network net, Formula rho, int precision) {
            this.net = net;
            this.rho = rho;
            this.precision = precision;
            this.mc = new MathContext(precision, RoundingMode.HALF_EVEN);
        }

        BigDecimal[] outputs(Scalar[] x) {
            BigDecimal[] h = new BigDecimal[net.nodeCount()];
            for (int i = 0; i < x.length; i++) {
                h[i] = decimal(x[i]);
            }
            for (Block b : net.blocks()) {
                BigDecimal[] w = weights(b.weights());
                BigDecimal[] bias = weights(b.bias());
                int width = b.width();
                boolean activate = !b.output() || net.outputActivation();
                for (int r = 0; r < b.size(); r++) {
                    BigDecimal p = bias[r] == null ? BigDecimal.ZERO : bias[r];
                    for (int j = 0; j < width; j++) {
                        BigDecimal wj = w[r * width + j];
                        if (wj != null) {
                            p = p.add(wj.multiply(h[b.source(j)]), mc);
                        }
                    }
                    h[b.start() + r] = activate ? rho.apply(p, precision) : p;
                }
            }
            BigDecimal[] y = new BigDecimal[net.outputCount()];
            for (int k = 0; k < y.length; k++) {
                y[k] = h[net.outputNode(k)];
            }
            return y;
        }

        /** Entries at the working precision; null for structural zeros. */
        private BigDecimal[] weights(ScalarArray a) {
            BigDecimal[] out = new BigDecimal[a.length()];
            if (a instanceof ScalarArray.Doubles) {
                double[] d = a.doubles();
                for (int i = 0; i < d.length; i++) {
                    out[i] = d[i] == 0.0 ? null : new BigDecimal(d[i]);
                }
                return out;
            }
            for (int i = 0; i < out.length; i++) {
                out[i] = a.isZero(i) ? null : decimal(a.get(i));
            }
            return out;
        }

        /** The exact value of a double, a rational to the working precision, a constant via Symja. */
        private BigDecimal decimal(Scalar s) {
            if (s instanceof DoubleScalar d) {
                return new BigDecimal(d.value());
            }
            if (s instanceof Rational r) {
                return r.isInteger() ? new BigDecimal(r.numerator())
                        : new BigDecimal(r.numerator()).divide(new BigDecimal(r.denominator()), mc);
            }
            Symbolic c = (Symbolic) s;
            return constants.computeIfAbsent(c.form(), f -> c.toBigDecimal(precision + 5).round(mc));
        }
    }

    // ------------------------------------------------------------------------------ definitions

    /**
     * An activation definition compiled to BigDecimal arithmetic: a small recursive-descent reader
     * of the Symja syntax used by definitions (numbers, t, Pi, E, + − * / ^, function calls).
     * Reading the text directly keeps rational and double networks free of Symja's start-up.
     */
    private interface Formula {
        BigDecimal at(BigDecimal t, MathContext mc);

        default BigDecimal apply(BigDecimal t, int precision) {
            return at(t, new MathContext(precision, RoundingMode.HALF_EVEN));
        }

        static Formula compile(String definition) {
            return new Parser(definition).parse();
        }
    }

    /**
     * Functions by lower-case Symja name. exp, tanh, sin, cos and erf are series in BigDecimal:
     * apfloat's versions take milliseconds at 50–150 digits, too slow for networks with a
     * thousand units; the rarer functions use apfloat.
     */
    private static final Map<String, BiFunction<BigDecimal, MathContext, BigDecimal>> FUNCTIONS = Map.ofEntries(
            Map.entry("exp", HighPrecisionEvaluator::exp),
            Map.entry("tanh", HighPrecisionEvaluator::tanh),
            Map.entry("sin", HighPrecisionEvaluator::sin),
            Map.entry("cos", HighPrecisionEvaluator::cos),
            Map.entry("erf", HighPrecisionEvaluator::erf),
            Map.entry("sqrt", BigDecimal::sqrt),
            Map.entry("abs", (x, mc) -> x.abs()),
            Map.entry("log", apfloat(ApfloatMath::log)),
            Map.entry("tan", apfloat(ApfloatMath::tan)),
            Map.entry("sinh", apfloat(ApfloatMath::sinh)),
            Map.entry("cosh", apfloat(ApfloatMath::cosh)),
            Map.entry("arctan", apfloat(ApfloatMath::atan)),
            Map.entry("arcsinh", apfloat(ApfloatMath::asinh)));

    private static BiFunction<BigDecimal, MathContext, BigDecimal> apfloat(UnaryOperator<Apfloat> f) {
        return (x, mc) -> new BigDecimal(f.apply(new Apfloat(x, mc.getPrecision())).toString(true)).round(mc);
    }

    private static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        Formula parse() {
            Formula f = sum();
            skip();
            if (i != s.length()) {
                throw error("unexpected '" + s.charAt(i) + "'");
            }
            return f;
        }

        private IllegalArgumentException error(String why) {
            return new IllegalArgumentException("cannot evaluate the activation definition '" + s
                    + "' in high precision: " + why + " at position " + i);
        }

        private void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private boolean eat(char c) {
            skip();
            if (i < s.length() && s.charAt(i) == c) {
                i++;
                return true;
            }
            return false;
        }

        private Formula sum() {
            Formula f = product();
            while (true) {
                Formula a = f;
                if (eat('+')) {
                    Formula b = product();
                    f = (t, mc) -> a.at(t, mc).add(b.at(t, mc), mc);
                } else if (eat('-')) {
                    Formula b = product();
                    f = (t, mc) -> a.at(t, mc).subtract(b.at(t, mc), mc);
                } else {
                    return f;
                }
            }
        }

        private Formula product() {
            Formula f = unary();
            while (true) {
                Formula a = f;
                if (eat('*')) {
                    Formula b = unary();
                    f = (t, mc) -> a.at(t, mc).multiply(b.at(t, mc), mc);
                } else if (eat('/')) {
                    Formula b = unary();
                    f = (t, mc) -> {
                        BigDecimal d = b.at(t, mc);
                        if (d.signum() == 0) {
                            throw new ArithmeticException("division by zero in '" + s + "' at t = " + t);
                        }
                        return a.at(t, mc).divide(d, mc);
                    };
                } else {
                    return f;
                }
            }
        }

        private Formula unary() {
            if (eat('-')) {
                Formula a = unary();
                return (t, mc) -> a.at(t, mc).negate();
            }
            eat('+');
            return power();
        }

        /** Right-associative; integer exponents exactly, E^x as exp(x), others through apfloat. */
        private Formula power() {
            Formula base = atom();
            if (!eat('^')) {
                return base;
            }
            skip();
            int start = i;
            Formula exponent = unary();
            String exponentText = s.substring(start, i).strip();
            if (exponentText.matches("\\d{1,6}")) {
                int n = Integer.parseInt(exponentText);
                return (t, mc) -> base.at(t, mc).pow(n, mc);
            }
            if (base instanceof Constant c && c.name().equals("e")) {
                return (t, mc) -> exp(exponent.at(t, mc), mc);
            }
            return (t, mc) -> {
                long p = mc.getPrecision();
                Apfloat r = ApfloatMath.pow(new Apfloat(base.at(t, mc), p), new Apfloat(exponent.at(t, mc), p));
                return new BigDecimal(r.toString(true)).round(mc);
            };
        }

        private Formula atom() {
            skip();
            if (eat('(')) {
                Formula f = sum();
                if (!eat(')')) {
                    throw error("')' expected");
                }
                return f;
            }
            int start = i;
            if (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                    i++;
                }
                BigDecimal v = new BigDecimal(s.substring(start, i));
                return (t, mc) -> v;
            }
            while (i < s.length() && Character.isLetterOrDigit(s.charAt(i))) {
                i++;
            }
            String name = s.substring(start, i);
            if (name.isEmpty()) {
                throw error(i < s.length() ? "unexpected '" + s.charAt(i) + "'" : "unexpected end");
            }
            if (!eat('(')) {
                return variable(name);
            }
            List<Formula> args = new ArrayList<>();
            if (!eat(')')) {
                do {
                    args.add(sum());
                } while (eat(','));
                if (!eat(')')) {
                    throw error("')' expected");
                }
            }
            return call(name, args);
        }

        private Formula variable(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "t" -> (t, mc) -> t;
                case "pi" -> new Constant("pi", HighPrecisionEvaluator::pi);
                case "e" -> new Constant("e", mc -> exp(BigDecimal.ONE, mc));
                default -> throw error("unknown symbol '" + name + "'");
            };
        }

        private Formula call(String name, List<Formula> args) {
            String key = name.toLowerCase(Locale.ROOT);
            BiFunction<BigDecimal, MathContext, BigDecimal> f = FUNCTIONS.get(key);
            if (f != null && args.size() == 1) {
                Formula a = args.get(0);
                return (t, mc) -> f.apply(a.at(t, mc), mc);
            }
            if ((key.equals("max") || key.equals("min")) && !args.isEmpty()) {
                int sign = key.equals("max") ? 1 : -1;
                return (t, mc) -> {
                    BigDecimal best = args.get(0).at(t, mc);
                    for (int k = 1; k < args.size(); k++) {
                        BigDecimal v = args.get(k).at(t, mc);
                        if (v.compareTo(best) * sign > 0) {
                            best = v;
                        }
                    }
                    return best;
                };
            }
            return symjaCall(name, args);
        }

        /** A function neither BigDecimal nor apfloat has here: Symja's N at exact rational arguments. */
        private Formula symjaCall(String name, List<Formula> args) {
            return (t, mc) -> {
                StringBuilder b = new StringBuilder(name).append('(');
                for (int k = 0; k < args.size(); k++) {
                    b.append(k == 0 ? "" : ",").append(exactText(args.get(k).at(t, mc)));
                }
                return Symja.numeric(b.append(')').toString(), mc.getPrecision()).round(mc);
            };
        }
    }

    /** A named constant, recognisable when compiling E^x. */
    private record Constant(String name, Function<MathContext, BigDecimal> value) implements Formula {
        @Override
        public BigDecimal at(BigDecimal t, MathContext mc) {
            return value.apply(mc);
        }
    }

    private static String exactText(BigDecimal v) {
        BigInteger unscaled = v.unscaledValue();
        int scale = v.scale();
        return scale <= 0 ? "(" + unscaled.multiply(BigInteger.TEN.pow(-scale)) + ")"
                : "(" + unscaled + "/10^" + scale + ")";
    }

    // ------------------------------------------------------------------------------ elementary functions

    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    private static final Map<Integer, BigDecimal> PI = new ConcurrentHashMap<>();

    static BigDecimal pi(MathContext mc) {
        return PI.computeIfAbsent(mc.getPrecision(), p -> new BigDecimal(ApfloatMath.pi(p + 5).toString(true))).round(mc);
    }

    /** A precision with extra guard digits. */
    private static MathContext wider(MathContext mc, int guard) {
        return new MathContext(mc.getPrecision() + guard, RoundingMode.HALF_EVEN);
    }

    /** Stops a series once a term is below the last digit of the sum. */
    private static boolean negligible(BigDecimal term, BigDecimal sum, MathContext mc) {
        return term.signum() == 0 || (sum.signum() != 0 && exponent(term) < exponent(sum) - mc.getPrecision() - 1);
    }

    /**
     * e^x − 1 without cancellation: the Taylor series at r = x/2^k with |r| &lt; 2^−8, then k
     * doublings expm1(2r) = expm1(r)·(expm1(r) + 2), each of which at most doubles the relative
     * error (hence k/3 guard digits).
     */
    static BigDecimal expm1(BigDecimal x, MathContext mc) {
        if (x.signum() == 0) {
            return BigDecimal.ZERO;
        }
        double magnitude = x.abs().doubleValue();
        if (!(magnitude <= 1e8)) {
            throw new ArithmeticException("exp of " + x.round(new MathContext(6)) + " is out of range");
        }
        int k = 0;
        while (magnitude >= 1.0 / 256) {
            magnitude /= 2;
            k++;
        }
        MathContext w = wider(mc, 10 + k / 3);
        BigDecimal r = x.divide(TWO.pow(k), w);
        BigDecimal term = r;
        BigDecimal sum = r;
        for (int n = 2; ; n++) {
            term = term.multiply(r, w).divide(BigDecimal.valueOf(n), w);
            if (negligible(term, sum, w)) {
                break;
            }
            sum = sum.add(term, w);
        }
        for (int j = 0; j < k; j++) {
            sum = sum.multiply(sum.add(TWO), w);
        }
        return sum.round(mc);
    }

    /** e^x; for x &lt; 0 as 1/e^−x, since 1 + expm1(x) would cancel. */
    static BigDecimal exp(BigDecimal x, MathContext mc) {
        MathContext w = wider(mc, 3);
        if (x.signum() >= 0) {
            return BigDecimal.ONE.add(expm1(x, w)).round(mc);
        }
        return BigDecimal.ONE.divide(BigDecimal.ONE.add(expm1(x.negate(), w)), mc);
    }

    /** tanh x = expm1(2x) / (expm1(2x) + 2): no cancellation near 0 or for large |x|. */
    static BigDecimal tanh(BigDecimal x, MathContext mc) {
        if (x.signum() == 0) {
            return BigDecimal.ZERO;
        }
        MathContext w = wider(mc, 3);
        BigDecimal m = expm1(x.abs().multiply(TWO), w);
        BigDecimal t = m.divide(m.add(TWO), mc);
        return x.signum() < 0 ? t.negate() : t;
    }

    static BigDecimal sin(BigDecimal x, MathContext mc) {
        return sinCos(x, mc, true);
    }

    static BigDecimal cos(BigDecimal x, MathContext mc) {
        return sinCos(x, mc, false);
    }

    /**
     * Taylor series after reducing x into [−π, π] with π to as many extra digits as x has before
     * the point, so the reduced argument is good to the working precision absolutely.
     */
    private static BigDecimal sinCos(BigDecimal x, MathContext mc, boolean sine) {
        int before = Math.max(0, exponent(x.signum() == 0 ? BigDecimal.ONE : x) + 1);
        MathContext w = wider(mc, 10 + before);
        BigDecimal twoPi = pi(w).multiply(TWO, w);
        BigDecimal turns = x.divide(twoPi, w).setScale(0, RoundingMode.HALF_EVEN);
        BigDecimal r = x.subtract(turns.multiply(twoPi, w), w);
        BigDecimal r2 = r.multiply(r, w);
        BigDecimal term = sine ? r : BigDecimal.ONE;
        BigDecimal sum = term;
        for (int n = sine ? 2 : 1; ; n += 2) {
            term = term.multiply(r2, w).divide(BigDecimal.valueOf(-(long) n * (n + 1)), w);
            if (negligible(term, sum, w)) {
                break;
            }
            sum = sum.add(term, w);
        }
        return sum.round(mc);
    }

    /**
     * erf(x) = 2/√π Σ (−1)ⁿ x^(2n+1) / (n!(2n+1)), with ⌈x²/ln 10⌉ guard digits for the
     * cancellation among terms of size up to e^(x²). Beyond x² > (P+5)·ln 10 the value is
     * ±(1 − erfc|x|) with erfc|x| &lt; 10^−(P+5), which rounds to ±1 at precision P.
     */
    static BigDecimal erf(BigDecimal x, MathContext mc) {
        if (x.signum() == 0) {
            return BigDecimal.ZERO;
        }
        double x2 = x.doubleValue() * x.doubleValue();
        if (x2 > (mc.getPrecision() + 5) * Math.log(10)) {
            return BigDecimal.valueOf(x.signum());
        }
        MathContext w = wider(mc, (int) Math.ceil(x2 / Math.log(10)) + 10);
        BigDecimal minusX2 = x.multiply(x, w).negate();
        BigDecimal term = x.round(w);
        BigDecimal sum = term;
        for (long n = 1; ; n++) {
            term = term.multiply(minusX2, w).divide(BigDecimal.valueOf(n), w);
            BigDecimal contribution = term.divide(BigDecimal.valueOf(2 * n + 1), w);
            if (negligible(contribution, sum, w)) {
                break;
            }
            sum = sum.add(contribution, w);
        }
        BigDecimal twoOverSqrtPi = TWO.divide(pi(w).sqrt(w), w);
        return sum.multiply(twoOverSqrtPi, mc);
    }
}
