package org.nnid.activation;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.nnid.scalar.Interval;
import org.nnid.scalar.Rational;
import org.nnid.scalar.Scalar;
import org.nnid.scalar.ScalarFormatException;

/**
 * The arguments t at which a user theory's ρ may be evaluated (its file's {@code domain:} key,
 * issue 22): one interval of ℝ with exact bounds, each open or closed, written as a comparison in
 * t: {@code t > 0}, {@code t >= -1}, {@code t < 1}, {@code -1 < t <= 1}, {@code 0 < t}. A bound is
 * an exact value (docs/exact-values.md: {@code 1/2}, {@code Pi/2}). Membership is decided exactly
 * (a rigorous enclosure of the bound first, exact comparison only when that does not decide), so a
 * pre-activation is never let through because of rounding.
 *
 * @param lower the lower bound, empty for −∞
 * @param upper the upper bound, empty for +∞
 */
public record DeclaredDomain(Optional<Bound> lower, Optional<Bound> upper) {

    /** All of ℝ: the domain of every built-in activation and of a theory without {@code domain:}. */
    public static final DeclaredDomain REAL_LINE = new DeclaredDomain(Optional.empty(), Optional.empty());

    /** A bound: its exact value, a rigorous enclosure of it, and whether the bound itself is excluded. */
    public record Bound(Scalar value, Interval enclosure, boolean open) {
        static Bound of(Scalar value, boolean open) {
            return new Bound(value, value.enclosure(), open);
        }
    }

    private static final Pattern OPERATOR = Pattern.compile("<=|>=|<|>");

    /** The domain of an activation: its declared one for a user theory's definition, otherwise ℝ. */
    public static DeclaredDomain of(Activation rho) {
        return rho instanceof DefinedActivation d ? d.domain() : REAL_LINE;
    }

    /**
     * Reads {@code t > a}, {@code t >= a}, {@code t < b}, {@code t <= b}, the same with t on the
     * right ({@code a < t}), or {@code a < t < b} with {@code <} or {@code <=} on either side.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static DeclaredDomain parse(String text) {
        String s = text.strip();
        Matcher m = OPERATOR.matcher(s);
        java.util.List<String> parts = new java.util.ArrayList<>();
        java.util.List<String> ops = new java.util.ArrayList<>();
        int from = 0;
        while (m.find()) {
            parts.add(s.substring(from, m.start()).strip());
            ops.add(m.group());
            from = m.end();
        }
        parts.add(s.substring(from).strip());
        String form = "expected a comparison in t such as 't > 0', 't >= -1', '-1 < t < 1' or '0 <= t <= Pi/2'";
        int at = parts.indexOf("t");
        if (ops.isEmpty() || ops.size() > 2 || at < 0 || parts.lastIndexOf("t") != at) {
            throw new IllegalArgumentException("'" + s + "': " + form);
        }
        Optional<Bound> lower = Optional.empty();
        Optional<Bound> upper = Optional.empty();
        if (ops.size() == 2) {
            if (at != 1 || !(ops.get(0).startsWith("<") && ops.get(1).startsWith("<"))) {
                throw new IllegalArgumentException("'" + s + "': " + form + " (a two-sided domain is written 'a < t < b')");
            }
            lower = Optional.of(Bound.of(value(parts.get(0), s), ops.get(0).equals("<")));
            upper = Optional.of(Bound.of(value(parts.get(2), s), ops.get(1).equals("<")));
        } else {
            boolean tFirst = at == 0;
            String op = ops.get(0);
            Bound b = Bound.of(value(parts.get(tFirst ? 1 : 0), s), op.length() == 1);
            boolean isLower = tFirst == op.startsWith(">");
            if (isLower) {
                lower = Optional.of(b);
            } else {
                upper = Optional.of(b);
            }
        }
        if (lower.isPresent() && upper.isPresent() && lower.get().value().compareValue(upper.get().value()) >= 0) {
            throw new IllegalArgumentException("'" + s + "': the lower bound must be below the upper bound");
        }
        return new DeclaredDomain(lower, upper);
    }

    private static Scalar value(String text, String whole) {
        try {
            return Scalar.parseExact(text);
        } catch (ScalarFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + whole + "': the bound " + e.getMessage());
        }
    }

    public boolean isRealLine() {
        return lower.isEmpty() && upper.isEmpty();
    }

    /** Whether the exact value of the double t lies in the domain. */
    public boolean contains(double t) {
        return Double.isFinite(t) && containsExact(t, null);
    }

    /** Whether the exact value of the decimal t lies in the domain. */
    public boolean contains(BigDecimal t) {
        return containsExact(t.doubleValue(), t);
    }

    private boolean containsExact(double approx, BigDecimal exact) {
        return lower.map(b -> above(b, approx, exact)).orElse(true) && upper.map(b -> below(b, approx, exact)).orElse(true);
    }

    private static boolean above(Bound b, double t, BigDecimal exact) {
        int c = compare(t, exact, b);
        return b.open ? c > 0 : c >= 0;
    }

    private static boolean below(Bound b, double t, BigDecimal exact) {
        int c = compare(t, exact, b);
        return b.open ? c < 0 : c <= 0;
    }

    /** Sign of t − bound, from the enclosure where it decides, exactly otherwise (0 when undecidable: refused). */
    private static int compare(double t, BigDecimal exact, Bound b) {
        if (exact == null && t < b.enclosure.lo() || exact != null && Double.isFinite(t) && Math.nextUp(t) < b.enclosure.lo()) {
            return -1;
        }
        if (exact == null && t > b.enclosure.hi() || exact != null && Double.isFinite(t) && Math.nextDown(t) > b.enclosure.hi()) {
            return 1;
        }
        try {
            Rational r = exact == null ? Rational.ofExactDouble(t) : Rational.of(exact);
            return r.compareValue(b.value);
        } catch (ArithmeticException e) {
            return 0;
        }
    }

    /** Whether every point of the interval t lies in the domain (proved with the bounds' enclosures). */
    public boolean containsAll(Interval t) {
        boolean lo = lower.map(b -> b.open ? t.lo() > b.enclosure.hi() : t.lo() >= b.enclosure.hi()).orElse(true);
        boolean hi = upper.map(b -> b.open ? t.hi() < b.enclosure.lo() : t.hi() <= b.enclosure.lo()).orElse(true);
        return lo && hi;
    }

    @Override
    public String toString() {
        if (isRealLine()) {
            return "all real t";
        }
        String lo = lower.map(b -> b.value.toText() + (b.open ? " < " : " <= ")).orElse("");
        String hi = upper.map(b -> (b.open ? " < " : " <= ") + b.value.toText()).orElse("");
        return lo + "t" + hi;
    }
}
