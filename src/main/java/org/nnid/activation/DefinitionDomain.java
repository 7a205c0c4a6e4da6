package org.nnid.activation;

import org.nnid.activation.Formula.Bin;
import org.nnid.activation.Formula.Call;
import org.nnid.activation.Formula.Fn;
import org.nnid.activation.Formula.Node;
import org.nnid.activation.Formula.Num;
import org.nnid.scalar.Interval;
import org.nnid.scalar.Rational;
import org.nnid.scalar.Scalar;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a definition ρ(t) is real and finite at every real t (issue 22): a pole (1/t, Tan(t)) or
 * a value that is not real (Sqrt(t), Log(t) for t ≤ 0) makes a theory's networks undefined at some
 * inputs. Every operation with a restricted domain (a divisor ≠ 0, a Log argument > 0, a Sqrt
 * argument ≥ 0, the Cos of a Tan argument ≠ 0, a base of a non-integer power > 0) gives a condition
 * on a subterm; the real line is covered by pieces on which the natural interval extension of each
 * such subterm ({@link Formula#enclose}) proves its condition, bisecting where it does not.
 *
 * <p>A counterexample is a proof too: a point t whose enclosure of a subterm violates its
 * condition, or a piece at whose two ends a continuous divisor has opposite signs (so it vanishes
 * between them). What neither proves within the budget is reported as undecided, with the reason.
 */
public final class DefinitionDomain {

    /** How a definition fared. */
    public sealed interface Result permits Defined, Undefined, Undecided {}

    /** Real and finite on all of ℝ, proved on {@code pieces} pieces. */
    public record Defined(int pieces) implements Result {}

    /** Not real or not finite somewhere: where, and why. */
    public record Undefined(String where) implements Result {}

    /** Neither proved nor refuted, and why. */
    public record Undecided(String reason) implements Result {}

    /** Pieces examined at most (each costs one interval evaluation per condition). */
    static final int BUDGET = 4000;
    /** Points tried first, so that a counterexample reads well. */
    private static final double[] POINTS = {0, -1, 1, -0.5, 0.5, -2, 2, -0.7, 0.7, -10, 10};

    private enum Need {
        NONZERO("a division by zero"), POSITIVE("a Log or a power of a number ≤ 0"), NONNEGATIVE("the square root of a negative number"),
        NO_POLE("a pole of Tan");

        final String what;

        Need(String what) {
            this.what = what;
        }
    }

    /** A subterm and what its value must satisfy. */
    private record Condition(Node term, Need need, String text) {}

    private DefinitionDomain() {}

    /**
     * A piece of the cover: the closed double interval that contains it, and its exact ends (null
     * for ±∞), each excluded or not. Only a piece at an open bound of the declared domain has an
     * excluded end.
     */
    private record Piece(Interval box, Scalar lo, boolean loOpen, Scalar hi, boolean hiOpen) {
        static Piece closed(double lo, double hi) {
            return new Piece(Interval.of(lo, hi), Double.isFinite(lo) ? Rational.ofExactDouble(lo) : null, false,
                    Double.isFinite(hi) ? Rational.ofExactDouble(hi) : null, false);
        }
    }

    /** Checks the formula in the variable t (no other free variable) on all of ℝ. */
    public static Result check(Formula rho) {
        return check(rho, DeclaredDomain.REAL_LINE);
    }

    /**
     * Checks the formula in the variable t on the declared domain only: counterexamples are points
     * of the domain, and the cover covers the domain (a condition at an open bound, such as t &gt; 0
     * for Log(t) on t &gt; 0, is settled exactly when its term is affine in t).
     */
    public static Result check(Formula rho, DeclaredDomain domain) {
        List<Condition> conditions = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        collect(rho.root(), conditions, unknown);
        for (double t : POINTS) {
            if (!domain.contains(t)) {
                continue;
            }
            Optional<String> bad = violatedAt(conditions, t);
            if (bad.isPresent()) {
                return new Undefined(bad.get());
            }
        }
        if (!unknown.isEmpty()) {
            return new Undecided(unknown.get(0));
        }
        if (conditions.isEmpty()) {
            return new Defined(1);
        }
        Deque<Piece> queue = new ArrayDeque<>();
        if (domain.isRealLine()) {
            queue.add(Piece.closed(Double.NEGATIVE_INFINITY, -1));
            queue.add(Piece.closed(-1, 1));
            queue.add(Piece.closed(1, Double.POSITIVE_INFINITY));
        } else {
            DeclaredDomain.Bound lo = domain.lower().orElse(null);
            DeclaredDomain.Bound hi = domain.upper().orElse(null);
            queue.add(new Piece(Interval.of(lo == null ? Double.NEGATIVE_INFINITY : lo.enclosure().lo(),
                    hi == null ? Double.POSITIVE_INFINITY : hi.enclosure().hi()), lo == null ? null : lo.value(),
                    lo != null && lo.open(), hi == null ? null : hi.value(), hi != null && hi.open()));
        }
        String where = domain.isRealLine() ? "ℝ" : "the domain " + domain;
        int pieces = 0;
        while (!queue.isEmpty()) {
            if (pieces >= BUDGET) {
                return new Undecided("interval arithmetic did not settle every piece of " + where + " within " + BUDGET + " pieces");
            }
            Piece piece = queue.poll();
            pieces++;
            Condition open = null;
            for (Condition c : conditions) {
                Optional<Interval> e = enclose(c.term, piece.box());
                if (e.isEmpty()) {
                    return new Undecided("no interval version of " + c.text + " in nnid");
                }
                if (!holds(c.need, e.get()) && !affineHolds(c, piece)) {
                    open = c;
                    break;
                }
            }
            if (open == null) {
                continue;
            }
            Optional<String> bad = violatedOn(open, piece.box(), domain);
            if (bad.isPresent()) {
                return new Undefined(bad.get());
            }
            Optional<Interval[]> halves = split(piece.box());
            if (halves.isEmpty()) {
                return new Undecided("interval arithmetic cannot show " + open.text + " " + need(open.need)
                        + " on " + piece.box());
            }
            double m = halves.get()[0].hi();
            Rational cut = Rational.ofExactDouble(m);
            queue.add(new Piece(halves.get()[0], piece.lo(), piece.loOpen(), cut, false));
            queue.add(new Piece(halves.get()[1], cut, false, piece.hi(), piece.hiOpen()));
        }
        return new Defined(pieces);
    }

    /**
     * The condition proved exactly on the piece when its term is α·t + β with rational α, β: a
     * linear function is bounded by its values at the ends, and at an excluded end the strict
     * inequality may hold as equality.
     */
    private static boolean affineHolds(Condition c, Piece piece) {
        Optional<Rational[]> ab = affine(c.term);
        if (ab.isEmpty() || c.need == Need.NO_POLE) {
            return false;
        }
        Rational alpha = ab.get()[0];
        Rational beta = ab.get()[1];
        try {
            int lo = endSign(alpha, beta, piece.lo(), -1);
            int hi = endSign(alpha, beta, piece.hi(), 1);
            return switch (c.need) {
                case NONNEGATIVE -> lo >= 0 && hi >= 0;
                case POSITIVE -> positive(lo, piece.loOpen()) && positive(hi, piece.hiOpen());
                case NONZERO -> positive(lo, piece.loOpen()) && positive(hi, piece.hiOpen())
                        || positive(-lo, piece.loOpen()) && positive(-hi, piece.hiOpen());
                case NO_POLE -> false;
            };
        } catch (ArithmeticException e) {
            return false;
        }
    }

    private static boolean positive(int sign, boolean excluded) {
        return sign > 0 || sign == 0 && excluded;
    }

    /** The sign of α·end + β; at an infinite end (null) the sign of α·(±∞), or of β when α = 0. */
    private static int endSign(Rational alpha, Rational beta, Scalar end, int infinity) {
        if (end == null) {
            return alpha.signum() != 0 ? alpha.signum() * infinity : beta.signum();
        }
        return alpha.multiply(end).add(beta).signum();
    }

    /** (α, β) when the term is α·t + β with rational coefficients. */
    private static Optional<Rational[]> affine(Node n) {
        if (n instanceof Num x) {
            return Optional.of(new Rational[] {Rational.of(0), x.value()});
        }
        if (n instanceof Formula.Var v && v.name().equals("t")) {
            return Optional.of(new Rational[] {Rational.of(1), Rational.of(0)});
        }
        if (n instanceof Formula.Neg g) {
            return affine(g.arg()).map(a -> new Rational[] {(Rational) a[0].negate(), (Rational) a[1].negate()});
        }
        if (n instanceof Bin b) {
            Optional<Rational[]> l = affine(b.left());
            Optional<Rational[]> r = affine(b.right());
            if (l.isEmpty() || r.isEmpty()) {
                return Optional.empty();
            }
            Rational[] x = l.get();
            Rational[] y = r.get();
            switch (b.op()) {
                case '+':
                    return Optional.of(new Rational[] {(Rational) x[0].add(y[0]), (Rational) x[1].add(y[1])});
                case '-':
                    return Optional.of(new Rational[] {(Rational) x[0].subtract(y[0]), (Rational) x[1].subtract(y[1])});
                case '*':
                    if (x[0].signum() == 0) {
                        return Optional.of(new Rational[] {(Rational) y[0].multiply(x[1]), (Rational) y[1].multiply(x[1])});
                    }
                    if (y[0].signum() == 0) {
                        return Optional.of(new Rational[] {(Rational) x[0].multiply(y[1]), (Rational) x[1].multiply(y[1])});
                    }
                    return Optional.empty();
                case '/':
                    if (y[0].signum() == 0 && y[1].signum() != 0) {
                        return Optional.of(new Rational[] {(Rational) x[0].divide(y[1]), (Rational) x[1].divide(y[1])});
                    }
                    return Optional.empty();
                default:
                    return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static String need(Need n) {
        return switch (n) {
            case NONZERO -> "≠ 0";
            case POSITIVE -> "> 0";
            case NONNEGATIVE -> "≥ 0";
            case NO_POLE -> "≠ 0 (the Cos of a Tan argument)";
        };
    }

    /** The conditions of every subterm, inner ones first, and what cannot be checked. */
    private static void collect(Node n, List<Condition> out, List<String> unknown) {
        for (Node k : Formula.children(n)) {
            collect(k, out, unknown);
        }
        if (n instanceof Formula.Cmp || n instanceof Formula.And) {
            unknown.add("a condition (" + text(n) + ") has no value to check");
        }
        if (n instanceof Call c && c.fn() == null) {
            unknown.add(c.name() + " has no interval version in nnid");
        }
        if (n instanceof Call c && !c.args().isEmpty()) {
            Node a = c.args().get(0);
            switch (c.fn() == null ? Fn.ABS : c.fn()) {
                case LOG -> out.add(new Condition(a, Need.POSITIVE, text(a)));
                case SQRT -> out.add(new Condition(a, Need.NONNEGATIVE, text(a)));
                case TAN -> {
                    Node cos = new Call("Cos", Fn.COS, List.of(a));
                    out.add(new Condition(cos, Need.NO_POLE, text(cos)));
                }
                default -> { }
            }
        }
        if (n instanceof Bin b && b.op() == '/') {
            out.add(new Condition(b.right(), Need.NONZERO, text(b.right())));
        }
        if (n instanceof Bin b && b.op() == '^' && !(b.left() instanceof Formula.Var v && v.name().equals("E"))) {
            Optional<Interval> k = enclose(b.right(), Interval.ENTIRE);
            boolean integer = k.isPresent() && k.get().isPoint() && k.get().lo() == Math.rint(k.get().lo());
            if (integer && k.get().lo() < 0) {
                out.add(new Condition(b.left(), Need.NONZERO, text(b.left())));
            } else if (!integer) {
                out.add(new Condition(b.left(), Need.POSITIVE, text(b.left())));
            }
        }
    }

    private static String text(Node n) {
        return Formula.wrap(n).toSymja();
    }

    private static Optional<Interval> enclose(Node term, Interval t) {
        try {
            return Formula.wrap(term).enclose(Map.of("t", t));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static boolean holds(Need need, Interval e) {
        return switch (need) {
            case NONZERO, NO_POLE -> e.lo() > 0 || e.hi() < 0;
            case POSITIVE -> e.lo() > 0;
            case NONNEGATIVE -> e.lo() >= 0;
        };
    }

    /** The enclosure at t proves the value breaks the condition (an undefined subterm is a violation too). */
    private static boolean violated(Need need, Interval e) {
        return switch (need) {
            case NONZERO, NO_POLE -> e.lo() == 0 && e.hi() == 0;
            case POSITIVE -> e.hi() <= 0;
            case NONNEGATIVE -> e.hi() < 0;
        };
    }

    private static Optional<String> violatedAt(List<Condition> conditions, double t) {
        for (Condition c : conditions) {
            Optional<String> bad = violatedAt(c, t);
            if (bad.isPresent()) {
                return bad;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> violatedAt(Condition c, double t) {
        Optional<Interval> e = enclose(c.term, Interval.point(t));
        if (e.isPresent() && violated(c.need, e.get())) {
            return Optional.of("not defined at t = " + plain(t) + ": " + c.need.what + " (" + c.text + " is " + (e.get().isPoint() ? plain(e.get().lo()) : e.get()) + ")");
        }
        return Optional.empty();
    }

    /**
     * A counterexample at the ends or the middle of the piece, or a sign change of a continuous
     * divisor, at points of the domain only.
     */
    private static Optional<String> violatedOn(Condition c, Interval piece, DeclaredDomain domain) {
        List<Double> ends = new ArrayList<>();
        for (double x : new double[] {piece.lo(), mid(piece), piece.hi()}) {
            if (Double.isFinite(x) && domain.contains(x)) {
                ends.add(x);
                Optional<String> bad = violatedAt(c, x);
                if (bad.isPresent()) {
                    return bad;
                }
            }
        }
        if ((c.need == Need.NONZERO || c.need == Need.NO_POLE) && ends.size() >= 2) {
            double a = ends.get(0), b = ends.get(ends.size() - 1);
            Optional<Interval> ea = enclose(c.term, Interval.point(a));
            Optional<Interval> eb = enclose(c.term, Interval.point(b));
            Optional<Interval> whole = enclose(c.term, Interval.of(a, b));
            // Continuous and finite on [a, b] with opposite signs at the ends: a zero between them.
            if (ea.isPresent() && eb.isPresent() && whole.isPresent() && continuous(c.term, Interval.of(a, b))
                    && Double.isFinite(whole.get().lo())
                    && Double.isFinite(whole.get().hi())
                    && (ea.get().hi() < 0 && eb.get().lo() > 0 || ea.get().lo() > 0 && eb.get().hi() < 0)) {
                return Optional.of("not defined between t = " + plain(a) + " and t = " + plain(b) + ": " + c.need.what
                        + " (" + c.text + " changes sign there)");
            }
        }
        return Optional.empty();
    }

    /**
     * Continuous on the piece: every operation with a restricted domain (or a jump, Sign) has its
     * argument's enclosure inside the part of its domain where it is continuous.
     */
    private static boolean continuous(Node n, Interval piece) {
        if (n instanceof Formula.Cmp || n instanceof Formula.And || n instanceof Call c && c.fn() == null) {
            return false;
        }
        if (n instanceof Call c && !c.args().isEmpty()) {
            Node a = c.args().get(0);
            boolean ok = switch (c.fn()) {
                case LOG -> within(a, piece, Need.POSITIVE);
                case SQRT -> within(a, piece, Need.NONNEGATIVE);
                case TAN -> within(new Call("Cos", Fn.COS, List.of(a)), piece, Need.NONZERO);
                case SIGN -> within(a, piece, Need.NONZERO);
                default -> true;
            };
            if (!ok) {
                return false;
            }
        }
        if (n instanceof Bin b && b.op() == '/' && !within(b.right(), piece, Need.NONZERO)) {
            return false;
        }
        if (n instanceof Bin b && b.op() == '^' && !(b.left() instanceof Formula.Var v && v.name().equals("E"))
                && !(b.right() instanceof Num x && x.value().isInteger() && x.value().signum() >= 0)
                && !within(b.left(), piece, Need.POSITIVE)) {
            return false;
        }
        for (Node k : Formula.children(n)) {
            if (!continuous(k, piece)) {
                return false;
            }
        }
        return true;
    }

    private static boolean within(Node term, Interval piece, Need need) {
        Optional<Interval> e = enclose(term, piece);
        return e.isPresent() && holds(need, e.get());
    }

    private static String plain(double x) {
        boolean plain = x == 0 || Math.abs(x) >= 1e-4 && Math.abs(x) < 1e7;
        return plain ? new java.math.BigDecimal(Double.toString(x)).stripTrailingZeros().toPlainString() : Double.toString(x);
    }

    private static double mid(Interval i) {
        return i.lo() / 2 + i.hi() / 2;
    }

    /** Two halves; an unbounded piece is split far out (at twice its finite end, or at ±1). */
    private static Optional<Interval[]> split(Interval i) {
        double m;
        if (i.lo() == Double.NEGATIVE_INFINITY && i.hi() == Double.POSITIVE_INFINITY) {
            m = 0;
        } else if (i.lo() == Double.NEGATIVE_INFINITY) {
            m = i.hi() < 0 ? i.hi() * 2 : -1;
        } else if (i.hi() == Double.POSITIVE_INFINITY) {
            m = i.lo() > 0 ? i.lo() * 2 : 1;
        } else {
            m = mid(i);
        }
        if (!Double.isFinite(m) || m <= i.lo() || m >= i.hi()) {
            return Optional.empty();
        }
        return Optional.of(new Interval[] {Interval.of(i.lo(), m), Interval.of(m, i.hi())});
    }
}
