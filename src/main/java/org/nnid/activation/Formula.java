package org.nnid.activation;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.commons.math3.special.Erf;
import org.nnid.scalar.DoubleScalar;
import org.nnid.scalar.Interval;
import org.nnid.scalar.Rational;
import org.nnid.scalar.Scalar;

/**
 * A real expression in Symja syntax: the language of theory files (a definition in t, the entries
 * of a symmetry element in its parameters, a family's condition). nnid parses it itself, so that
 * the engine can use a theory without Symja: in double arithmetic, in sound interval arithmetic,
 * exactly over {@link Scalar}s, and as an exact piecewise-linear function. Symja sees the text
 * ({@link #toSymja}) only when a fact is to be proved.
 *
 * <p>Grammar: numbers (integers and decimals, read exactly), identifiers (variables, the constants
 * {@code Pi} and {@code E}), {@code + - * / ^}, function calls {@code Name(args)}, comparisons
 * {@code > < >= <= == !=} (chains such as {@code 0 < s < 1} allowed) and {@code &&}. Formulas are
 * immutable values; equality is structural.
 */
public final class Formula {

    /** Functions nnid can evaluate without Symja; any other function name is passed to Symja as written. */
    public enum Fn {
        SIN("Sin"), COS("Cos"), TAN("Tan"), EXP("Exp"), LOG("Log"), SQRT("Sqrt"), TANH("Tanh"), SINH("Sinh"),
        COSH("Cosh"), ARCTAN("ArcTan"), ERF("Erf"), ERFC("Erfc"), ABS("Abs"), MAX("Max"), MIN("Min"), SIGN("Sign"),
        LOGISTIC_SIGMOID("LogisticSigmoid"), RAMP("Ramp");

        final String symja;

        Fn(String symja) {
            this.symja = symja;
        }

        static Fn of(String name) {
            for (Fn f : values()) {
                if (f.symja.equalsIgnoreCase(name)) {
                    return f;
                }
            }
            return null;
        }

        boolean variadic() {
            return this == MAX || this == MIN;
        }
    }

    // ------------------------------------------------------------------------------ syntax tree

    public sealed interface Node permits Num, Var, Neg, Bin, Call, Cmp, And {}

    /** An exact numeric literal. */
    public record Num(Rational value) implements Node {}

    /** A variable, or the constants Pi and E. */
    public record Var(String name) implements Node {}

    public record Neg(Node arg) implements Node {}

    /** op is one of + - * / ^. */
    public record Bin(char op, Node left, Node right) implements Node {}

    /** A function call; {@code fn} is null for functions nnid does not know. */
    public record Call(String name, Fn fn, List<Node> args) implements Node {
        public Call {
            args = List.copyOf(args);
        }
    }

    /** op is one of > < >= <= == !=. */
    public record Cmp(String op, Node left, Node right) implements Node {}

    public record And(List<Node> args) implements Node {
        public And {
            args = List.copyOf(args);
        }
    }

    private final Node root;
    private final String text;

    private Formula(Node root, String text) {
        this.root = root;
        this.text = text;
    }

    private static Formula of(Node root) {
        return new Formula(root, null);
    }

    /** A formula around a syntax tree built elsewhere in this package. */
    public static Formula wrap(Node root) {
        return of(root);
    }

    /**
     * Parses Symja-syntax text.
     *
     * @throws IllegalArgumentException with a one-line message naming the position of the problem
     */
    public static Formula parse(String text) {
        Parser p = new Parser(text);
        Node n = p.expression();
        p.skipSpace();
        if (p.pos < text.length()) {
            throw p.error("unexpected '" + text.charAt(p.pos) + "'");
        }
        return new Formula(n, text.strip());
    }

    /** The exact value as a constant formula (rationals; closed-form constants by their Symja text). */
    public static Formula of(Scalar value) {
        if (value instanceof Rational r) {
            return of(new Num(r));
        }
        if (!value.isExact()) {
            throw new IllegalArgumentException("a formula holds exact values only, not the double " + value);
        }
        return parse(value.toText());
    }

    public static Formula variable(String name) {
        return of(new Var(name));
    }

    public Formula plus(Formula other) {
        return of(new Bin('+', root, other.root));
    }

    public Formula minus(Formula other) {
        return of(new Bin('-', root, other.root));
    }

    public Formula times(Formula other) {
        return of(new Bin('*', root, other.root));
    }

    public Node root() {
        return root;
    }

    /** The text as written in the file, or Symja text for formulas built in code. */
    @Override
    public String toString() {
        return text != null ? text : toSymja();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Formula f && f.root.equals(root);
    }

    @Override
    public int hashCode() {
        return root.hashCode();
    }

    // ------------------------------------------------------------------------------ queries

    /** The free variables (everything but Pi and E), in order of first occurrence. */
    public Set<String> variables() {
        Set<String> out = new LinkedHashSet<>();
        collectVariables(root, out);
        return out;
    }

    private static void collectVariables(Node n, Set<String> out) {
        if (n instanceof Var v) {
            if (!isConstant(v.name)) {
                out.add(v.name);
            }
            return;
        }
        for (Node c : children(n)) {
            collectVariables(c, out);
        }
    }

    /** The direct subexpressions. */
    public static List<Node> children(Node n) {
        if (n instanceof Neg x) {
            return List.of(x.arg);
        }
        if (n instanceof Bin b) {
            return List.of(b.left, b.right);
        }
        if (n instanceof Call c) {
            return c.args;
        }
        if (n instanceof Cmp c) {
            return List.of(c.left, c.right);
        }
        if (n instanceof And a) {
            return a.args;
        }
        return List.of();
    }

    /** The same node over new subexpressions (as many as {@link #children} gave). */
    public static Node withChildren(Node n, List<Node> k) {
        if (n instanceof Neg) {
            return new Neg(k.get(0));
        }
        if (n instanceof Bin b) {
            return new Bin(b.op, k.get(0), k.get(1));
        }
        if (n instanceof Call c) {
            return new Call(c.name, c.fn, k);
        }
        if (n instanceof Cmp c) {
            return new Cmp(c.op, k.get(0), k.get(1));
        }
        if (n instanceof And) {
            return new And(k);
        }
        return n;
    }

    /** Names of the functions nnid cannot evaluate itself (Symja must). */
    public Set<String> unknownFunctions() {
        Set<String> out = new LinkedHashSet<>();
        visitCalls(root, c -> {
            if (c.fn == null) {
                out.add(c.name);
            }
        });
        return out;
    }

    /** True when the formula is a condition (a comparison or a conjunction of them). */
    public boolean isCondition() {
        return root instanceof Cmp || root instanceof And;
    }

    private static void visitCalls(Node n, java.util.function.Consumer<Call> f) {
        if (n instanceof Call c) {
            f.accept(c);
        }
        for (Node c : children(n)) {
            visitCalls(c, f);
        }
    }

    private static boolean isConstant(String name) {
        return name.equals("Pi") || name.equals("E");
    }

    // ------------------------------------------------------------------------------ rewriting

    /** Replaces variables by formulas (simultaneously). */
    public Formula substitute(Map<String, Formula> values) {
        return of(substitute(root, values));
    }

    /** Replaces one variable. */
    public Formula substitute(String name, Formula value) {
        return substitute(Map.of(name, value));
    }

    private static Node substitute(Node n, Map<String, Formula> values) {
        if (n instanceof Var v) {
            return values.containsKey(v.name) ? values.get(v.name).root : v;
        }
        List<Node> kids = children(n);
        if (kids.isEmpty()) {
            return n;
        }
        return withChildren(n, kids.stream().map(c -> substitute(c, values)).toList());
    }

    /** Symja input for this formula: fully parenthesised, known functions in their canonical spelling. */
    public String toSymja() {
        StringBuilder b = new StringBuilder();
        render(root, b);
        return b.toString();
    }

    private static void render(Node n, StringBuilder b) {
        if (n instanceof Num x) {
            String s = x.value.toText();
            if (x.value.signum() < 0 || !x.value.isInteger()) {
                b.append('(').append(s).append(')');
            } else {
                b.append(s);
            }
        } else if (n instanceof Var v) {
            b.append(v.name);
        } else if (n instanceof Neg x) {
            b.append("(-");
            render(x.arg, b);
            b.append(')');
        } else if (n instanceof Bin x) {
            b.append('(');
            render(x.left, b);
            b.append(x.op);
            render(x.right, b);
            b.append(')');
        } else if (n instanceof Call c) {
            b.append(c.fn != null ? c.fn.symja : c.name).append('(');
            for (int i = 0; i < c.args.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                render(c.args.get(i), b);
            }
            b.append(')');
        } else if (n instanceof Cmp c) {
            b.append('(');
            render(c.left, b);
            b.append(c.op);
            render(c.right, b);
            b.append(')');
        } else if (n instanceof And a) {
            b.append('(');
            for (int i = 0; i < a.args.size(); i++) {
                if (i > 0) {
                    b.append("&&");
                }
                render(a.args.get(i), b);
            }
            b.append(')');
        }
    }

    // ------------------------------------------------------------------------------ double evaluation

    /** True when {@link #evaluate(Map)} needs no Symja (every function is one nnid knows). */
    public boolean hasDoubleEvaluation() {
        return unknownFunctions().isEmpty();
    }

    /**
     * The value in double arithmetic; NaN where the expression is undefined.
     *
     * @throws UnsupportedOperationException if the formula uses a function nnid does not know
     * @throws IllegalArgumentException      if a variable has no value
     */
    public double evaluate(Map<String, Double> env) {
        return eval(root, env);
    }

    /** The value at t (the only variable). */
    public double evaluate(double t) {
        return evaluate(Map.of("t", t));
    }

    private static double eval(Node n, Map<String, Double> env) {
        if (n instanceof Num x) {
            return x.value.toDouble();
        }
        if (n instanceof Var v) {
            if (v.name.equals("Pi")) {
                return Math.PI;
            }
            if (v.name.equals("E")) {
                return Math.E;
            }
            Double d = env.get(v.name);
            if (d == null) {
                throw new IllegalArgumentException("no value for '" + v.name + "'");
            }
            return d;
        }
        if (n instanceof Neg x) {
            return -eval(x.arg, env);
        }
        if (n instanceof Bin b) {
            double r = eval(b.right, env);
            if (b.op == '^' && b.left instanceof Var v && v.name.equals("E")) {
                return Math.exp(r);
            }
            double l = eval(b.left, env);
            return switch (b.op) {
                case '+' -> l + r;
                case '-' -> l - r;
                case '*' -> l * r;
                case '/' -> l / r;
                default -> Math.pow(l, r);
            };
        }
        if (n instanceof Call c) {
            return call(c, env);
        }
        if (n instanceof Cmp c) {
            return truth(compare(eval(c.left, env), eval(c.right, env), c.op));
        }
        for (Node x : ((And) n).args) {
            if (eval(x, env) == 0) {
                return 0;
            }
        }
        return 1;
    }

    private static double truth(boolean b) {
        return b ? 1 : 0;
    }

    private static boolean compare(double l, double r, String op) {
        return switch (op) {
            case ">" -> l > r;
            case "<" -> l < r;
            case ">=" -> l >= r;
            case "<=" -> l <= r;
            case "==" -> l == r;
            default -> l != r;
        };
    }

    private static double call(Call c, Map<String, Double> env) {
        if (c.fn == null) {
            throw new UnsupportedOperationException("nnid cannot evaluate " + c.name + " without Symja");
        }
        double[] a = new double[c.args.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = eval(c.args.get(i), env);
        }
        double x = a[0];
        return switch (c.fn) {
            case SIN -> Math.sin(x);
            case COS -> Math.cos(x);
            case TAN -> Math.tan(x);
            case EXP -> Math.exp(x);
            case LOG -> Math.log(x);
            case SQRT -> Math.sqrt(x);
            case TANH -> Math.tanh(x);
            case SINH -> Math.sinh(x);
            case COSH -> Math.cosh(x);
            case ARCTAN -> Math.atan(x);
            // Commons Math's erf returns 0 once x² underflows; the leading term is exact enough there.
            case ERF -> Math.abs(x) < 1e-8 ? x * 1.1283791670955126 : Erf.erf(x);
            case ERFC -> Erf.erfc(x);
            case ABS -> Math.abs(x);
            case MAX -> {
                double m = x;
                for (double y : a) {
                    m = Math.max(m, y);
                }
                yield m;
            }
            case MIN -> {
                double m = x;
                for (double y : a) {
                    m = Math.min(m, y);
                }
                yield m;
            }
            case SIGN -> Math.signum(x);
            case LOGISTIC_SIGMOID -> x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
            case RAMP -> Math.max(0, x);
        };
    }

    // ------------------------------------------------------------------------------ interval evaluation

    /**
     * The natural interval extension: an enclosure of every value the formula takes when each
     * variable ranges over its interval. It is sound because every operation is, by
     * {@link Interval}'s outward rounding (inclusion isotonicity); empty when some function has no
     * rigorous interval version in nnid (Tan, non-integer powers, unknown functions).
     */
    public Optional<Interval> enclose(Map<String, Interval> env) {
        try {
            return Optional.of(encl(root, env));
        } catch (UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /** Whether {@link #enclose} can succeed (no function without an interval version). */
    public boolean hasIntervalExtension() {
        return hasIntervalExtension(root);
    }

    private static boolean hasIntervalExtension(Node n) {
        if (n instanceof Cmp || n instanceof And) {
            return false;
        }
        if (n instanceof Bin b && b.op == '^' && !(b.left instanceof Var v && v.name.equals("E"))
                && integerExponent(b.right) == null) {
            return false;
        }
        if (n instanceof Call c && (c.fn == null || c.fn == Fn.TAN)) {
            return false;
        }
        return children(n).stream().allMatch(Formula::hasIntervalExtension);
    }

    private static final Interval ONE = Interval.point(1);
    private static final Interval E_ENCLOSURE = Interval.exp(ONE);

    private static Interval encl(Node n, Map<String, Interval> env) {
        if (n instanceof Num x) {
            return x.value.enclosure();
        }
        if (n instanceof Var v) {
            if (v.name.equals("Pi")) {
                return Interval.PI;
            }
            if (v.name.equals("E")) {
                return E_ENCLOSURE;
            }
            Interval i = env.get(v.name);
            if (i == null) {
                throw new IllegalArgumentException("no value for '" + v.name + "'");
            }
            return i;
        }
        if (n instanceof Neg x) {
            return encl(x.arg, env).neg();
        }
        if (n instanceof Bin b) {
            if (b.op == '^') {
                return power(b, env);
            }
            Interval l = encl(b.left, env);
            Interval r = encl(b.right, env);
            return switch (b.op) {
                case '+' -> l.add(r);
                case '-' -> l.sub(r);
                case '*' -> l.mul(r);
                default -> l.div(r);
            };
        }
        if (n instanceof Call c) {
            return enclCall(c, env);
        }
        throw new UnsupportedOperationException("a condition has no value");
    }

    private static Interval power(Bin b, Map<String, Interval> env) {
        if (b.left instanceof Var v && v.name.equals("E")) {
            return Interval.exp(encl(b.right, env));
        }
        BigInteger k = integerExponent(b.right);
        if (k == null) {
            // An exponent that evaluates to one integer (a parameter such as k in (-1)^k) is as good.
            Interval e = encl(b.right, env);
            if (e.isPoint() && e.lo() == Math.rint(e.lo()) && Math.abs(e.lo()) < 1e9) {
                k = BigInteger.valueOf((long) e.lo());
            }
        }
        if (k == null || k.bitLength() > 31) {
            throw new UnsupportedOperationException("no interval version of a non-integer power");
        }
        Interval x = encl(b.left, env);
        int n = k.intValue();
        Interval p = integerPower(x, Math.abs(n));
        return n >= 0 ? p : ONE.div(p);
    }

    /** x^n by squaring; each step is sound, and sqr keeps even powers non-negative. */
    private static Interval integerPower(Interval x, int n) {
        if (n == 0) {
            return ONE;
        }
        if (n == 1) {
            return x;
        }
        if (n == 3) {
            return Interval.cube(x);
        }
        Interval half = integerPower(x, n / 2);
        Interval sq = Interval.sqr(half);
        return n % 2 == 0 ? sq : sq.mul(x);
    }

    private static BigInteger integerExponent(Node n) {
        if (n instanceof Num x && x.value.isInteger()) {
            return x.value.numerator();
        }
        if (n instanceof Neg g && g.arg instanceof Num x && x.value.isInteger()) {
            return x.value.numerator().negate();
        }
        return null;
    }

    private static Interval enclCall(Call c, Map<String, Interval> env) {
        if (c.fn == null || c.fn == Fn.TAN) {
            throw new UnsupportedOperationException("no interval version of " + c.name);
        }
        List<Interval> a = new ArrayList<>();
        for (Node x : c.args) {
            a.add(encl(x, env));
        }
        Interval x = a.get(0);
        Interval half = Interval.point(0.5);
        return switch (c.fn) {
            case SIN -> Interval.sin(x);
            case COS -> Interval.cos(x);
            case EXP -> Interval.exp(x);
            // log x = log1p(x − 1); the subtraction is rounded outward. Outside the domain: no information.
            case LOG -> x.lo() <= 0 ? Interval.ENTIRE : Interval.log1p(x.sub(ONE));
            case SQRT -> x.lo() < 0 ? Interval.ENTIRE : Interval.sqrt(x);
            case TANH -> Interval.tanh(x);
            case SINH -> Interval.exp(x).sub(Interval.exp(x.neg())).mul(half);
            case COSH -> Interval.exp(x).add(Interval.exp(x.neg())).mul(half);
            case ARCTAN -> Interval.atan(x);
            case ERF -> Interval.erf(x);
            case ERFC -> Interval.erfc(x);
            case ABS -> Interval.abs(x);
            case MAX -> a.stream().reduce(Interval::max).orElseThrow();
            case MIN -> a.stream().reduce(Interval::min).orElseThrow();
            // Sign is monotone (not continuous): its values at the ends bound it.
            case SIGN -> Interval.of(Math.signum(x.lo()), Math.signum(x.hi()));
            case LOGISTIC_SIGMOID -> ONE.div(ONE.add(Interval.exp(x.neg())));
            case RAMP -> Interval.max(x, Interval.point(0));
            case TAN -> throw new UnsupportedOperationException("no interval version of Tan");
        };
    }

    // ------------------------------------------------------------------------------ exact evaluation

    /**
     * The exact value over {@link Scalar}s: rational arithmetic, integer powers, Abs, Max, Min,
     * Sign and Ramp are computed without Symja; other functions of exact arguments (Exp(1/3),
     * Pi) become closed-form constants through Symja. Double arguments give a double.
     *
     * @throws ArithmeticException on division by zero
     */
    public Scalar evaluateExact(Map<String, Scalar> env) {
        return exact(root, env);
    }

    /** The truth of a condition at exact values. */
    public boolean holds(Map<String, Scalar> env) {
        return exact(root, env).signum() != 0;
    }

    private static Scalar constant(String name) {
        return Scalar.parseExact(name);
    }

    private static Scalar exact(Node n, Map<String, Scalar> env) {
        if (n instanceof Num x) {
            return x.value;
        }
        if (n instanceof Var v) {
            Scalar s = env.get(v.name);
            if (s != null) {
                return s;
            }
            if (isConstant(v.name)) {
                return constant(v.name);
            }
            throw new IllegalArgumentException("no value for '" + v.name + "'");
        }
        if (n instanceof Neg x) {
            return exact(x.arg, env).negate();
        }
        if (n instanceof Bin b) {
            if (b.op == '^') {
                return exactPower(b, env);
            }
            Scalar l = exact(b.left, env);
            Scalar r = exact(b.right, env);
            return switch (b.op) {
                case '+' -> l.add(r);
                case '-' -> l.subtract(r);
                case '*' -> l.multiply(r);
                default -> l.divide(r);
            };
        }
        if (n instanceof Call c) {
            return exactCall(c, env);
        }
        if (n instanceof Cmp c) {
            int cmp = exact(c.left, env).compareValue(exact(c.right, env));
            boolean t = switch (c.op) {
                case ">" -> cmp > 0;
                case "<" -> cmp < 0;
                case ">=" -> cmp >= 0;
                case "<=" -> cmp <= 0;
                case "==" -> cmp == 0;
                default -> cmp != 0;
            };
            return t ? Scalar.ONE : Scalar.ZERO;
        }
        for (Node x : ((And) n).args) {
            if (exact(x, env).signum() == 0) {
                return Scalar.ZERO;
            }
        }
        return Scalar.ONE;
    }

    private static final java.math.BigInteger SMALL_POWER = java.math.BigInteger.valueOf(64);

    private static Scalar exactPower(Bin b, Map<String, Scalar> env) {
        Scalar base = b.left instanceof Var v && v.name.equals("E") && !env.containsKey("E") ? null : exact(b.left, env);
        Scalar e = exact(b.right, env);
        if (base instanceof Rational q && q.equals(Rational.of(-1)) && e instanceof Rational r && r.isInteger()) {
            // (−1)^k for any k: shifts by kπ of the sin and cos groups reach k ≈ 10^17
            return r.numerator().testBit(0) ? Rational.of(-1) : Scalar.ONE;
        }
        // Small integer powers by repeated products; larger ones go through the exact-value grammar,
        // which refuses a power beyond nnid's size budget instead of building it
        if (base != null && e instanceof Rational r && r.isInteger() && r.numerator().abs().compareTo(SMALL_POWER) <= 0) {
            int k = r.numerator().intValue();
            Scalar p = Scalar.ONE;
            for (int i = 0; i < Math.abs(k); i++) {
                p = p.multiply(base);
            }
            return k >= 0 ? p : Scalar.ONE.divide(p);
        }
        if (e instanceof DoubleScalar || base instanceof DoubleScalar) {
            double bv = base == null ? Math.E : base.toDouble();
            return Scalar.of(base == null ? Math.exp(e.toDouble()) : Math.pow(bv, e.toDouble()));
        }
        if (base == null) {
            return e.isZero() ? Scalar.ONE : Scalar.parseExact("Exp(" + e.toText() + ")");
        }
        return Scalar.parseExact("(" + base.toText() + ")^(" + e.toText() + ")");
    }

    private static Scalar exactCall(Call c, Map<String, Scalar> env) {
        List<Scalar> a = new ArrayList<>();
        boolean anyDouble = false;
        for (Node x : c.args) {
            Scalar s = exact(x, env);
            anyDouble |= s instanceof DoubleScalar;
            a.add(s);
        }
        Scalar x = a.get(0);
        if (c.fn != null) {
            switch (c.fn) {
                case ABS -> {
                    return x.signum() < 0 ? x.negate() : x;
                }
                case MAX, MIN -> {
                    Scalar m = x;
                    for (Scalar y : a) {
                        int cmp = y.compareValue(m);
                        if (c.fn == Fn.MAX ? cmp > 0 : cmp < 0) {
                            m = y;
                        }
                    }
                    return m;
                }
                case SIGN -> {
                    return Rational.of(x.signum());
                }
                case RAMP -> {
                    return x.signum() > 0 ? x : Scalar.ZERO;
                }
                default -> {
                    if (anyDouble) {
                        Map<String, Double> d = new LinkedHashMap<>();
                        List<Node> args = new ArrayList<>();
                        for (int i = 0; i < a.size(); i++) {
                            d.put("a" + i, a.get(i).toDouble());
                            args.add(new Var("a" + i));
                        }
                        return Scalar.of(call(new Call(c.name, c.fn, args), d));
                    }
                }
            }
        }
        if (anyDouble) {
            throw new UnsupportedOperationException("nnid cannot evaluate " + c.name + " on doubles without Symja");
        }
        StringBuilder b = new StringBuilder(c.fn != null ? c.fn.symja : c.name).append('(');
        for (int i = 0; i < a.size(); i++) {
            b.append(i > 0 ? "," : "").append('(').append(a.get(i).toText()).append(')');
        }
        return Scalar.parseExact(b.append(')').toString());
    }

    // ------------------------------------------------------------------------------ piecewise-linear form

    /**
     * This formula as an exact piecewise-linear function of {@code variable}, when it is one: built
     * from the variable and constants by +, −, multiplication and division by constants, Abs, Max,
     * Min and Ramp (Max(u,v) = (u+v+|u−v|)/2). Every other variable must have a value in
     * {@code env}. Empty when the formula is not of that form.
     */
    public Optional<PiecewiseLinear> toPiecewiseLinear(String variable, Map<String, Scalar> env) {
        try {
            return Optional.of(pl(root, variable, env));
        } catch (NotPiecewiseLinear e) {
            return Optional.empty();
        }
    }

    private static final class NotPiecewiseLinear extends RuntimeException {
        NotPiecewiseLinear() {
            super(null, null, false, false);
        }
    }

    private static PiecewiseLinear pl(Node n, String var, Map<String, Scalar> env) {
        if (n instanceof Num x) {
            return PiecewiseLinear.constant(x.value);
        }
        if (n instanceof Var v) {
            if (v.name.equals(var)) {
                return PiecewiseLinear.identity();
            }
            if (env.containsKey(v.name) || isConstant(v.name)) {
                return PiecewiseLinear.constant(exact(v, env));
            }
            throw new NotPiecewiseLinear();
        }
        if (n instanceof Neg x) {
            return pl(x.arg, var, env).times(Rational.of(-1));
        }
        if (n instanceof Bin b) {
            if (b.op == '^') {
                PiecewiseLinear base = pl(b.left, var, env);
                BigInteger k = integerExponent(b.right);
                if (k != null && k.equals(BigInteger.ONE)) {
                    return base;
                }
                if (base.isConstant() && !variablesOf(b.right).contains(var)) {
                    return PiecewiseLinear.constant(exact(b, env));
                }
                throw new NotPiecewiseLinear();
            }
            PiecewiseLinear l = pl(b.left, var, env);
            PiecewiseLinear r = pl(b.right, var, env);
            switch (b.op) {
                case '+':
                    return l.plus(r);
                case '-':
                    return l.plus(r.times(Rational.of(-1)));
                case '*':
                    if (l.isConstant()) {
                        return r.times(l.constantValue());
                    }
                    if (r.isConstant()) {
                        return l.times(r.constantValue());
                    }
                    throw new NotPiecewiseLinear();
                default:
                    if (!r.isConstant() || r.constantValue().isZero()) {
                        throw new NotPiecewiseLinear();
                    }
                    return l.times(Scalar.ONE.divide(r.constantValue()));
            }
        }
        if (n instanceof Call c && c.fn != null) {
            List<PiecewiseLinear> a = new ArrayList<>();
            for (Node x : c.args) {
                a.add(pl(x, var, env));
            }
            Scalar half = Rational.of(BigInteger.ONE, BigInteger.TWO);
            switch (c.fn) {
                case ABS:
                    return a.get(0).abs();
                case RAMP:
                    return a.get(0).plus(a.get(0).abs()).times(half);
                case MAX:
                case MIN: {
                    PiecewiseLinear m = a.get(0);
                    for (int i = 1; i < a.size(); i++) {
                        PiecewiseLinear u = m;
                        PiecewiseLinear v = a.get(i);
                        PiecewiseLinear gap = u.plus(v.times(Rational.of(-1))).abs();
                        m = u.plus(v).plus(c.fn == Fn.MAX ? gap : gap.times(Rational.of(-1))).times(half);
                    }
                    return m;
                }
                default:
                    if (a.stream().allMatch(PiecewiseLinear::isConstant)) {
                        return PiecewiseLinear.constant(exact(c, env));
                    }
                    throw new NotPiecewiseLinear();
            }
        }
        throw new NotPiecewiseLinear();
    }

    /**
     * The formula as a polynomial in {@code variable}, coefficients from the constant term up, when
     * it is built from numbers, parameters, constants and the variable by +, −, ·, division by a
     * constant and non-negative integer powers (as tⁿ and the identity are); empty otherwise. The
     * coefficients are exact for exact parameters, so docs/math.md §6's polynomial procedure can expand
     * a network exactly.
     */
    public Optional<List<Scalar>> toPolynomial(String variable, Map<String, Scalar> env) {
        try {
            List<Scalar> p = poly(root, variable, env);
            int n = p.size();
            while (n > 1 && p.get(n - 1).isZero()) {
                n--;
            }
            return Optional.of(List.copyOf(p.subList(0, n)));
        } catch (NotPiecewiseLinear | ArithmeticException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Exponents above this are not expanded (no activation needs them). */
    private static final int MAX_POLYNOMIAL_DEGREE = 16;

    private static List<Scalar> poly(Node n, String var, Map<String, Scalar> env) {
        if (!variablesOf(n).contains(var)) {
            return List.of(exact(n, env));
        }
        if (n instanceof Var) {
            return List.of(Scalar.ZERO, Scalar.ONE);
        }
        if (n instanceof Neg x) {
            return polyScale(poly(x.arg, var, env), Rational.of(-1));
        }
        if (n instanceof Bin b) {
            List<Scalar> l = poly(b.left, var, env);
            if (b.op == '^') {
                BigInteger k = integerExponent(b.right);
                if (k == null || k.signum() < 0 || k.compareTo(BigInteger.valueOf(MAX_POLYNOMIAL_DEGREE)) > 0) {
                    throw new NotPiecewiseLinear();
                }
                List<Scalar> r = List.of(Scalar.ONE);
                for (int i = 0; i < k.intValue(); i++) {
                    r = polyTimes(r, l);
                }
                return r;
            }
            List<Scalar> r = poly(b.right, var, env);
            switch (b.op) {
                case '+':
                    return polyPlus(l, r);
                case '-':
                    return polyPlus(l, polyScale(r, Rational.of(-1)));
                case '*':
                    return polyTimes(l, r);
                default:
                    if (r.size() != 1 || r.get(0).isZero()) {
                        throw new NotPiecewiseLinear();
                    }
                    return polyScale(l, Scalar.ONE.divide(r.get(0)));
            }
        }
        throw new NotPiecewiseLinear();
    }

    private static List<Scalar> polyPlus(List<Scalar> a, List<Scalar> b) {
        List<Scalar> out = new ArrayList<>();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            out.add((i < a.size() ? a.get(i) : Scalar.ZERO).add(i < b.size() ? b.get(i) : Scalar.ZERO));
        }
        return out;
    }

    private static List<Scalar> polyTimes(List<Scalar> a, List<Scalar> b) {
        List<Scalar> out = new ArrayList<>();
        for (int i = 0; i < a.size() + b.size() - 1; i++) {
            out.add(Scalar.ZERO);
        }
        for (int i = 0; i < a.size(); i++) {
            for (int j = 0; j < b.size(); j++) {
                out.set(i + j, out.get(i + j).add(a.get(i).multiply(b.get(j))));
            }
        }
        return out;
    }

    private static List<Scalar> polyScale(List<Scalar> a, Scalar c) {
        List<Scalar> out = new ArrayList<>();
        for (Scalar x : a) {
            out.add(x.multiply(c));
        }
        return out;
    }

    private static Set<String> variablesOf(Node n) {
        Set<String> out = new LinkedHashSet<>();
        collectVariables(n, out);
        return out;
    }

    // ------------------------------------------------------------------------------ parser

    private static final class Parser {
        final String s;
        int pos;

        Parser(String s) {
            this.s = s;
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException(what + " at position " + (pos + 1) + " of '" + s.strip() + "'");
        }

        void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        boolean eat(String token) {
            skipSpace();
            if (s.startsWith(token, pos)) {
                pos += token.length();
                return true;
            }
            return false;
        }

        Node expression() {
            List<Node> parts = new ArrayList<>();
            parts.add(comparison());
            while (eat("&&")) {
                parts.add(comparison());
            }
            return parts.size() == 1 ? parts.get(0) : new And(parts);
        }

        private static final List<String> CMP = List.of(">=", "<=", "==", "!=", ">", "<");

        Node comparison() {
            Node left = sum();
            List<Node> chain = new ArrayList<>();
            while (true) {
                skipSpace();
                String op = null;
                for (String c : CMP) {
                    if (s.startsWith(c, pos)) {
                        op = c;
                        break;
                    }
                }
                if (op == null) {
                    break;
                }
                pos += op.length();
                Node right = sum();
                chain.add(new Cmp(op, left, right));
                left = right;
            }
            if (chain.isEmpty()) {
                return left;
            }
            return chain.size() == 1 ? chain.get(0) : new And(chain);
        }

        Node sum() {
            Node n = product();
            while (true) {
                skipSpace();
                if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                    char op = s.charAt(pos++);
                    n = new Bin(op, n, product());
                } else {
                    return n;
                }
            }
        }

        Node product() {
            Node n = unary();
            while (true) {
                skipSpace();
                if (pos < s.length() && (s.charAt(pos) == '*' || s.charAt(pos) == '/')) {
                    char op = s.charAt(pos++);
                    n = new Bin(op, n, unary());
                } else {
                    return n;
                }
            }
        }

        Node unary() {
            if (eat("-")) {
                Node a = unary();
                return a instanceof Num x ? new Num(x.value.negate()) : new Neg(a);
            }
            if (eat("+")) {
                return unary();
            }
            return power();
        }

        Node power() {
            Node base = primary();
            if (eat("^")) {
                return new Bin('^', base, unary()); // right-associative; the exponent may be negative
            }
            return base;
        }

        Node primary() {
            skipSpace();
            if (pos >= s.length()) {
                throw error("unexpected end");
            }
            char ch = s.charAt(pos);
            if (ch == '(') {
                pos++;
                Node n = expression();
                if (!eat(")")) {
                    throw error("expected ')'");
                }
                return n;
            }
            if (Character.isDigit(ch) || ch == '.') {
                return number();
            }
            if (Character.isLetter(ch)) {
                int start = pos;
                while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
                    pos++;
                }
                String name = s.substring(start, pos);
                if (eat("(")) {
                    List<Node> args = new ArrayList<>();
                    if (!eat(")")) {
                        do {
                            args.add(expression());
                        } while (eat(","));
                        if (!eat(")")) {
                            throw error("expected ')' or ','");
                        }
                    }
                    Fn fn = Fn.of(name);
                    if (fn != null && (args.isEmpty() || (!fn.variadic() && args.size() != 1))) {
                        throw error(fn.symja + " takes " + (fn.variadic() ? "one or more arguments" : "one argument"));
                    }
                    return new Call(name, fn, args);
                }
                if (name.equalsIgnoreCase("pi")) {
                    return new Var("Pi");
                }
                if (name.equals("I")) {
                    throw error("the imaginary unit I is not allowed (theories are real functions)");
                }
                return new Var(name);
            }
            throw error("unexpected '" + ch + "'");
        }

        Node number() {
            int start = pos;
            while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
                pos++;
            }
            if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E') && pos + 1 < s.length()
                    && (Character.isDigit(s.charAt(pos + 1))
                    || ((s.charAt(pos + 1) == '-' || s.charAt(pos + 1) == '+') && pos + 2 < s.length()
                    && Character.isDigit(s.charAt(pos + 2))))) {
                pos += 2;
                while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                    pos++;
                }
            }
            String lit = s.substring(start, pos);
            try {
                BigDecimal d = new BigDecimal(lit.toLowerCase(Locale.ROOT));
                if (Math.abs(d.scale()) > 10_000) {
                    throw error("exponent too large in " + lit);
                }
                return new Num(Rational.of(d));
            } catch (NumberFormatException e) {
                throw error("malformed number '" + lit + "'");
            }
        }
    }
}
