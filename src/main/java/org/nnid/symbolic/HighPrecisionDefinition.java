package org.nnid.symbolic;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.nnid.activation.Formula;
import org.nnid.activation.Formula.Bin;
import org.nnid.activation.Formula.Call;
import org.nnid.activation.Formula.Neg;
import org.nnid.activation.Formula.Node;
import org.nnid.activation.Formula.Num;
import org.nnid.activation.Formula.Var;
import org.nnid.scalar.Rational;
import org.nnid.symja.Symja;

/**
 * An activation definition (its Symja text, read by {@link Formula}'s parser) compiled once to
 * BigDecimal arithmetic in t. Compiling to closures, not walking the tree per value, keeps
 * networks with a thousand units fast; reading the text with nnid's own parser keeps rational and
 * double networks free of Symja's start-up.
 */
final class HighPrecisionDefinition {

    /** The compiled definition, or one of its subexpressions. */
    private interface Part {
        BigDecimal at(BigDecimal t, MathContext mc);
    }

    /** The constant e, recognised when compiling E^x. */
    private static final Part E = (t, mc) -> DecimalFunctions.exp(BigDecimal.ONE, mc);

    /**
     * Functions by lower-case Symja name, of one argument. exp, tanh, sin, cos and erf are
     * {@link DecimalFunctions} series; the rarer functions use apfloat; any other goes to Symja.
     */
    private static final Map<String, BiFunction<BigDecimal, MathContext, BigDecimal>> FUNCTIONS = Map.ofEntries(
            Map.entry("exp", DecimalFunctions::exp),
            Map.entry("tanh", DecimalFunctions::tanh),
            Map.entry("sin", DecimalFunctions::sin),
            Map.entry("cos", DecimalFunctions::cos),
            Map.entry("erf", DecimalFunctions::erf),
            Map.entry("sqrt", BigDecimal::sqrt),
            Map.entry("abs", (x, mc) -> x.abs()),
            Map.entry("log", apfloat(ApfloatMath::log)),
            Map.entry("tan", apfloat(ApfloatMath::tan)),
            Map.entry("sinh", apfloat(ApfloatMath::sinh)),
            Map.entry("cosh", apfloat(ApfloatMath::cosh)),
            Map.entry("arctan", apfloat(ApfloatMath::atan)),
            Map.entry("arcsinh", apfloat(ApfloatMath::asinh)));

    /** Integer exponents up to this are taken by repeated multiplication (BigDecimal.pow). */
    private static final BigInteger LARGEST_EXACT_EXPONENT = BigInteger.valueOf(999_999);

    private final String text;
    private final Part root;

    /**
     * @throws IllegalArgumentException if the text does not parse or uses a symbol other than t,
     *                                  Pi and E
     */
    HighPrecisionDefinition(String text) {
        this.text = text;
        Formula formula;
        try {
            formula = Formula.parse(text);
        } catch (IllegalArgumentException e) {
            throw refused(e.getMessage());
        }
        this.root = compile(formula.root());
    }

    /** The value at t with {@code precision} significant digits. */
    BigDecimal apply(BigDecimal t, int precision) {
        return root.at(t, new MathContext(precision, RoundingMode.HALF_EVEN));
    }

    private IllegalArgumentException refused(String why) {
        return new IllegalArgumentException("cannot evaluate the activation definition '" + text
                + "' in high precision: " + why);
    }

    private Part compile(Node n) {
        if (n instanceof Num x) {
            BigDecimal v = decimal(x.value());
            return v != null ? (t, mc) -> v : (t, mc) -> divide(x.value(), mc);
        }
        if (n instanceof Var v) {
            return variable(v.name());
        }
        if (n instanceof Neg x) {
            Part a = compile(x.arg());
            return (t, mc) -> a.at(t, mc).negate();
        }
        if (n instanceof Bin b) {
            return b.op() == '^' ? power(b) : arithmetic(b);
        }
        if (n instanceof Call c) {
            return call(c);
        }
        throw refused("a condition has no value");
    }

    /** A literal's exact decimal value, or null when it has none (1/3). */
    private static BigDecimal decimal(Rational r) {
        if (r.isInteger()) {
            return new BigDecimal(r.numerator());
        }
        try {
            return new BigDecimal(r.numerator()).divide(new BigDecimal(r.denominator()));
        } catch (ArithmeticException nonTerminating) {
            return null;
        }
    }

    private static BigDecimal divide(Rational r, MathContext mc) {
        return new BigDecimal(r.numerator()).divide(new BigDecimal(r.denominator()), mc);
    }

    private Part variable(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "t" -> (t, mc) -> t;
            case "pi" -> (t, mc) -> DecimalFunctions.pi(mc);
            case "e" -> E;
            default -> throw refused("unknown symbol '" + name + "'");
        };
    }

    private Part arithmetic(Bin b) {
        Part l = compile(b.left());
        Part r = compile(b.right());
        return switch (b.op()) {
            case '+' -> (t, mc) -> l.at(t, mc).add(r.at(t, mc), mc);
            case '-' -> (t, mc) -> l.at(t, mc).subtract(r.at(t, mc), mc);
            case '*' -> (t, mc) -> l.at(t, mc).multiply(r.at(t, mc), mc);
            default -> (t, mc) -> {
                BigDecimal d = r.at(t, mc);
                if (d.signum() == 0) {
                    throw new ArithmeticException("division by zero in '" + text + "' at t = " + t);
                }
                return l.at(t, mc).divide(d, mc);
            };
        };
    }

    /** Non-negative integer exponents exactly, E^x as exp(x), others through apfloat. */
    private Part power(Bin b) {
        Part base = compile(b.left());
        if (b.right() instanceof Num k && k.value().isInteger() && k.value().signum() >= 0
                && k.value().numerator().compareTo(LARGEST_EXACT_EXPONENT) <= 0) {
            int n = k.value().numerator().intValueExact();
            return (t, mc) -> base.at(t, mc).pow(n, mc);
        }
        Part exponent = compile(b.right());
        if (base == E) {
            return (t, mc) -> DecimalFunctions.exp(exponent.at(t, mc), mc);
        }
        return (t, mc) -> {
            long p = mc.getPrecision();
            Apfloat r = ApfloatMath.pow(new Apfloat(base.at(t, mc), p), new Apfloat(exponent.at(t, mc), p));
            return new BigDecimal(r.toString(true)).round(mc);
        };
    }

    private Part call(Call c) {
        List<Part> args = c.args().stream().map(this::compile).toList();
        String key = c.name().toLowerCase(Locale.ROOT);
        BiFunction<BigDecimal, MathContext, BigDecimal> f = FUNCTIONS.get(key);
        if (f != null && args.size() == 1) {
            Part a = args.get(0);
            return (t, mc) -> f.apply(a.at(t, mc), mc);
        }
        if (key.equals("max") || key.equals("min")) {
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
        return symjaCall(c.name(), args);
    }

    /** A function neither BigDecimal nor apfloat has here: Symja's N at exact rational arguments. */
    private static Part symjaCall(String name, List<Part> args) {
        return (t, mc) -> {
            StringBuilder b = new StringBuilder(name).append('(');
            for (int k = 0; k < args.size(); k++) {
                b.append(k == 0 ? "" : ",").append(exactText(args.get(k).at(t, mc)));
            }
            return Symja.numeric(b.append(')').toString(), mc.getPrecision()).round(mc);
        };
    }

    private static String exactText(BigDecimal v) {
        BigInteger unscaled = v.unscaledValue();
        int scale = v.scale();
        return scale <= 0 ? "(" + unscaled.multiply(BigInteger.TEN.pow(-scale)) + ")"
                : "(" + unscaled + "/10^" + scale + ")";
    }

    private static BiFunction<BigDecimal, MathContext, BigDecimal> apfloat(UnaryOperator<Apfloat> f) {
        return (x, mc) -> new BigDecimal(f.apply(new Apfloat(x, mc.getPrecision())).toString(true)).round(mc);
    }
}
