package org.nnid.symbolic;

import org.nnid.symja.Symja;
import org.nnid.symja.SymjaException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.matheclipse.core.expression.ApfloatNum;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.IFraction;
import org.matheclipse.core.interfaces.IInteger;
import org.matheclipse.core.interfaces.INum;
import org.matheclipse.core.interfaces.ISymbol;
import org.nnid.net.Evaluator;
import org.nnid.net.Network;
import org.nnid.net.NetworkBuilder;
import org.nnid.scalar.DoubleScalar;
import org.nnid.scalar.Rational;
import org.nnid.scalar.Scalar;
import org.nnid.scalar.ScalarFormatException;
import org.nnid.scalar.Symbolic;
import org.nnid.activation.Activation;

/**
 * A network as closed-form expressions, one per output, and back (docs/math.md §1: ⟨N⟩ written out).
 *
 * <p>Writing expands the DAG into a tree: a hidden node used by several successors is written out
 * at every use. Each hidden node v becomes the activation's definition {@link Activation#symja()}
 * with its pre-activation Σ ω_uv·h_u + θ_v put in for {@code t}. Writing never starts Symja.
 *
 * <p>Reading ({@link #fromSymja}) lets Symja evaluate each expression and recognises the shape
 * c₀ + Σ c_i·x_i + Σ c_k·ρ(p_k), each p_k again of that shape. Identical inner expressions become
 * one hidden node, so the network read back from {@link #toSymja} has the same function; it need
 * not be the same network, because Symja normalises as it evaluates: {@code Tanh(2*x1-1)} becomes
 * {@code -Tanh(1-2*x1)} (the tanh sign flip of docs/math.md §2, applied by Symja), a ρ-node whose
 * pre-activation is constant becomes part of a bias (move R1, docs/math.md §3), duplicate nodes merge
 * (R3 with s = id), and an output activation comes back as one more hidden node.
 */
public final class NetworkExpressions {
    /** Writing refuses expressions longer than this: a dense DAG expands exponentially with depth. */
    private static final long MAX_CHARS = 20_000_000L;
    /** Writing refuses networks whose nodes' texts would add up to more than this (a deep chain: quadratic). */
    private static final long MAX_WORK = 200_000_000L;
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9]*");
    private static final Pattern NUMBER = Pattern.compile("\\d+(\\.\\d*)?");
    private static final Pattern TOKEN_T = Pattern.compile("(?<![A-Za-z0-9$])t(?![A-Za-z0-9$])");
    /** Quotients are simplified by Symja only for terms up to this size (Together's GCDs can blow up). */
    private static final long MAX_QUOTIENT_LEAVES = 200;
    /** The definition's variable while reading; distinct from any plausible input name. */
    private static final String VAR = "nnidvar";

    private NetworkExpressions() {}

    // ------------------------------------------------------------------------------ writing

    /**
     * One Symja input-form expression per output, in the input names, e.g.
     * {@code 3*Tanh(x1+1/2) - Tanh(2*x1-1) + 1/4}. Exact numbers appear in their exact text,
     * doubles as decimals that read back to the same double.
     *
     * @throws IllegalArgumentException if an input name is not a Symja identifier, or an expression
     *                                  would be unreasonably long
     */
    public static List<String> toSymja(Network net) {
        Writer w = new Writer(net);
        List<String> out = new ArrayList<>(net.outputCount());
        for (int k = 0; k < net.outputCount(); k++) {
            out.add(w.output(k));
        }
        return out;
    }

    /** The expression of one output (0-based), as in {@link #toSymja(Network)}. */
    public static String toSymja(Network net, int output) {
        return new Writer(net).output(output);
    }

    /** The expression of one output (0-based), parsed and evaluated by Symja. */
    public static IExpr toExpr(Network net, int output) {
        return Symja.eval(toSymja(net, output));
    }

    /**
     * One definition per node instead of one expression per output, for networks whose expressions
     * would be too long to write out (a deep chain, a wide dense network): each hidden node that an
     * output uses, in topological order, as {@code name = ρ(Σ ω·h + θ)}, then each output as
     * {@code id = Σ ω·h + θ} (with ρ applied when the outputs have the activation). Hidden nodes
     * whose id is not a Symja identifier are named {@code h<index>}, with the id in a comment.
     * Linear in the network's size; never recursive over depth.
     */
    public static List<String> toSymjaDefinitions(Network net) {
        Writer w = new Writer(net, true);
        List<String> lines = new ArrayList<>();
        for (int v = net.inputCount(); v < net.nodeCount(); v++) {
            if (w.needed[v] && net.isHidden(v)) {
                String name = w.memo[v];
                String comment = name.equals(net.id(v)) ? "" : "  (* " + net.id(v) + " *)";
                lines.add(name + " = " + w.apply(w.preActivation(v, false)) + comment);
            }
        }
        for (int k = 0; k < net.outputCount(); k++) {
            lines.add(net.id(net.outputNode(k)) + " = " + w.output(k));
        }
        return lines;
    }

    /**
     * The length that {@link #toSymja(Network)} would write for the longest output, or more (an
     * upper bound, saturating at {@link Long#MAX_VALUE}): lets a caller choose
     * {@link #toSymjaDefinitions} without writing anything. Linear in the network's size.
     */
    public static long expandedLength(Network net) {
        return measure(net)[0];
    }

    /**
     * {longest output, total}: upper bounds of the length of the longest output written out and of
     * the characters written for all the nodes the outputs use (each node's text is built from its
     * sources' texts, so the total is the writing's cost: quadratic in a chain's depth).
     */
    private static long[] measure(Network net) {
        long[] len = new long[net.nodeCount()];
        String definition = net.activation().symja();
        long uses = Math.max(1, TOKEN_T.matcher(definition).results().count());
        long rest = definition.length();
        long longest = 0;
        long total = 0;
        for (int v = 0; v < net.nodeCount(); v++) {
            if (net.isInput(v)) {
                len[v] = net.inputNames().get(v).length();
                continue;
            }
            long pre = 0;
            for (Map.Entry<Integer, Scalar> e : net.incoming(v).entrySet()) {
                pre = saturatingAdd(pre, saturatingAdd(len[e.getKey()], coefficientLength(e.getValue()) + 6));
            }
            pre = saturatingAdd(pre, coefficientLength(net.bias(v)) + 3);
            boolean applied = net.isHidden(v) || net.outputActivation();
            len[v] = applied ? saturatingAdd(rest, saturatingMultiply(uses, saturatingAdd(pre, 2))) : pre;
            total = saturatingAdd(total, len[v]);
            if (net.isOutput(v)) {
                longest = Math.max(longest, len[v]);
            }
        }
        return new long[] {longest, total};
    }

    private static long coefficientLength(Scalar s) {
        String[] c = coefficient(s);
        return c[1] == null ? 1 : c[1].length() + 1;
    }

    private static long saturatingAdd(long a, long b) {
        long r = a + b;
        return r < 0 ? Long.MAX_VALUE : r;
    }

    private static long saturatingMultiply(long a, long b) {
        return b != 0 && a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }

    /**
     * Builds the expression strings without recursion: the nodes an output uses are marked from
     * the outputs down, then each one's text is built once, sources first (node indices are in
     * topological order), and copied at every use. In definitions mode a node's text is its name.
     */
    private static final class Writer {
        private final Network net;
        private final String definition;
        private final String[] memo;
        private final boolean[] needed;
        /** Uses of each node's text still to come; a text no longer needed is dropped (a chain keeps one). */
        private final int[] usesLeft;
        private final boolean definitions;

        Writer(Network net) {
            this(net, false);
        }

        Writer(Network net, boolean definitions) {
            this.net = net;
            this.definition = net.activation().symja();
            this.memo = new String[net.nodeCount()];
            this.needed = new boolean[net.nodeCount()];
            this.usesLeft = new int[net.nodeCount()];
            this.definitions = definitions;
            for (String name : net.inputNames()) {
                if (!IDENTIFIER.matcher(name).matches()) {
                    throw new IllegalArgumentException("input name '" + name + "' is not a Symja identifier"
                            + " (letters and digits, starting with a letter); rename the inputs first");
                }
            }
            long[] size = definitions ? new long[2] : measure(net);
            if (size[0] > MAX_CHARS) {
                throw new IllegalArgumentException("the expression of an output would exceed " + MAX_CHARS
                        + " characters (a DAG is written out as a tree)");
            }
            if (size[1] > MAX_WORK) {
                throw new IllegalArgumentException("writing the outputs out would copy more than " + MAX_WORK
                        + " characters (a network this deep is written one definition per node)");
            }
            for (int k = 0; k < net.outputCount(); k++) {
                needed[net.outputNode(k)] = true;
            }
            java.util.Set<String> inputs = new java.util.HashSet<>(net.inputNames());
            java.util.Set<String> taken = new java.util.HashSet<>(inputs);
            for (int v = net.inputCount(); v < net.nodeCount(); v++) {
                if (net.isOutput(v) || IDENTIFIER.matcher(net.id(v)).matches()) {
                    taken.add(net.id(v)); // names a node keeps, and the outputs' own lines
                }
            }
            for (int v = net.nodeCount() - 1; v >= net.inputCount(); v--) {
                if (!needed[v]) {
                    continue;
                }
                for (int u : net.incoming(v).keySet()) {
                    if (u >= v) {
                        throw new IllegalStateException("node " + net.id(u) + " comes after its successor " + net.id(v));
                    }
                    needed[u] = true;
                    usesLeft[u]++;
                }
            }
            for (int v = 0; v < net.nodeCount(); v++) {
                if (!needed[v] || net.isOutput(v)) {
                    continue;
                }
                if (net.isInput(v)) {
                    memo[v] = net.inputNames().get(v);
                } else if (definitions) {
                    String id = net.id(v);
                    String name = id;
                    if (!IDENTIFIER.matcher(id).matches() || inputs.contains(id)) {
                        name = "h" + v;
                        while (!taken.add(name)) { // "h3" may be another node's own id
                            name = "h" + name;
                        }
                    }
                    memo[v] = name;
                } else {
                    memo[v] = apply(preActivation(v, false));
                }
            }
        }

        String output(int k) {
            int node = net.outputNode(k);
            String pre = preActivation(node, true);
            return net.outputActivation() ? apply(pre) : pre;
        }

        /** Σ ω·h + θ; top-level sums are spaced for reading, inner ones compact. */
        private String preActivation(int v, boolean spaced) {
            List<String[]> terms = new ArrayList<>(); // {sign, text}
            long length = 0;
            for (Map.Entry<Integer, Scalar> e : net.incoming(v).entrySet()) {
                String[] c = coefficient(e.getValue());
                String h = memo[e.getKey()];
                if (!definitions && --usesLeft[e.getKey()] == 0) {
                    memo[e.getKey()] = null;
                }
                boolean minus = c[0].equals("-");
                if (!isAtomic(h) && (c[1] != null || minus && (hasTopLevelSum(h) || h.startsWith("-")))) {
                    h = "(" + h + ")"; // 2*(a/b), -(a+b); but -a/b
                }
                String t = c[1] == null ? h : c[1] + "*" + h;
                length += t.length() + 3;
                if (length > MAX_CHARS) {
                    throw new IllegalArgumentException("the expression of node " + net.id(v) + " would exceed "
                            + MAX_CHARS + " characters (a DAG is written out as a tree)");
                }
                terms.add(new String[] {c[0], t});
            }
            Scalar bias = net.bias(v);
            if (!isZero(bias)) {
                String[] c = coefficient(bias);
                terms.add(new String[] {c[0], c[1] == null ? "1" : c[1]});
            }
            if (terms.isEmpty()) {
                return "0";
            }
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < terms.size(); i++) {
                boolean minus = terms.get(i)[0].equals("-");
                if (i == 0) {
                    b.append(minus ? "-" : "");
                } else if (spaced) {
                    b.append(minus ? " - " : " + ");
                } else {
                    b.append(minus ? '-' : '+');
                }
                b.append(terms.get(i)[1]);
            }
            return b.toString();
        }

        /** The definition with the pre-activation put in for t; parenthesised unless it is a whole argument. */
        private String apply(String pre) {
            Matcher m = TOKEN_T.matcher(definition);
            StringBuilder b = new StringBuilder();
            int last = 0;
            while (m.find()) {
                b.append(definition, last, m.start());
                char before = prevNonSpace(definition, m.start());
                char after = nextNonSpace(definition, m.end());
                boolean wholeArgument = (before == '(' || before == ',') && (after == ')' || after == ',');
                b.append(wholeArgument || isAtomic(pre) ? pre : "(" + pre + ")");
                last = m.end();
            }
            return b.append(definition.substring(last)).toString();
        }
    }

    private static char prevNonSpace(String s, int i) {
        for (int j = i - 1; j >= 0; j--) {
            if (!Character.isWhitespace(s.charAt(j))) {
                return s.charAt(j);
            }
        }
        return '\0';
    }

    private static char nextNonSpace(String s, int i) {
        for (int j = i; j < s.length(); j++) {
            if (!Character.isWhitespace(s.charAt(j))) {
                return s.charAt(j);
            }
        }
        return '\0';
    }

    /** An identifier, an unsigned number, or one function application spanning the whole text. */
    static boolean isAtomic(String s) {
        if (IDENTIFIER.matcher(s).matches() || NUMBER.matcher(s).matches()) {
            return true;
        }
        int open = s.indexOf('(');
        if (open <= 0 || !IDENTIFIER.matcher(s.substring(0, open)).matches() || !s.endsWith(")")) {
            return false;
        }
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth == 0 && i < s.length() - 1) {
                return false;
            }
        }
        return true;
    }

    private static boolean isZero(Scalar s) {
        return s instanceof DoubleScalar d ? d.value() == 0.0 : s instanceof Rational r && r.signum() == 0;
    }

    /**
     * {sign, magnitude text}; the magnitude is null for an exact ±1. The sign of a closed-form
     * constant is read from its text only (a leading minus on a product), so that writing never
     * needs Symja; other constants are parenthesised and kept with a plus sign.
     */
    private static String[] coefficient(Scalar s) {
        if (s instanceof Rational r) {
            Rational abs = r.signum() < 0 ? r.negate() : r;
            return new String[] {r.signum() < 0 ? "-" : "+", abs.equals(Scalar.ONE) ? null : abs.toText()};
        }
        if (s instanceof DoubleScalar d) {
            return new String[] {d.value() < 0 ? "-" : "+", decimal(Math.abs(d.value()))};
        }
        String form = ((Symbolic) s).form();
        if (form.startsWith("-") && !hasTopLevelSum(form.substring(1))) {
            return new String[] {"-", form.substring(1)};
        }
        return new String[] {"+", hasTopLevelSum(form) ? "(" + form + ")" : form};
    }

    private static boolean hasTopLevelSum(String s) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth == 0 && i > 0 && (c == '+' || c == '-') && s.charAt(i - 1) != '^') {
                return true;
            }
        }
        return false;
    }

    /**
     * A decimal that Symja reads back as the same double: the shortest round-trip digits, in plain
     * notation or with Symja's {@code *^} exponent (Symja reads {@code 2.5e-3} as 2.5·e − 3).
     */
    static String decimal(double v) {
        String s = Double.toString(v);
        if (Double.parseDouble(s) != v) { // guard against pre-JDK-19 Double.toString anomalies
            s = new BigDecimal(v).round(new MathContext(17)).toString();
        }
        BigDecimal d = new BigDecimal(s);
        if (d.signum() == 0) {
            return "0.0";
        }
        int exponent = d.precision() - d.scale() - 1;
        if (exponent >= -20 && exponent <= 20) {
            String plain = d.toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        String mantissa = d.movePointLeft(exponent).toPlainString();
        return (mantissa.contains(".") ? mantissa : mantissa + ".0") + "*^" + exponent;
    }

    // ------------------------------------------------------------------------------ reading

    /**
     * Reads networks back from expressions: each output must evaluate (in Symja) to
     * c₀ + Σ c_i·x_i + Σ c_k·ρ(p_k) with every p_k of the same shape, at any depth and with skip
     * connections. Coefficients are exact (rationals, or closed-form constants such as
     * {@code Sqrt(2)}) or floats (read as doubles). Hidden node ids are h1, h2, … in the order the
     * nodes are completed, inner before outer; outputs are y1..yn.
     *
     * <p>ρ-applications are recognised through the definition {@link Activation#symja()}: by its
     * head for definitions such as {@code Tanh(t)}, {@code Exp(t)} or {@code Max(0,t)}, and
     * otherwise by evaluating the definition at a candidate argument (found from a function
     * application inside the definition, such as {@code Exp(-t)} in the logistic sigmoid) and
     * comparing; such readings are also checked numerically at two points. Symja can merge what a
     * network keeps apart (E^(2·Log(1+E^x)) = (1+E^x)² in nested softplus, (u²)² = u⁴ for square);
     * such expressions are refused.
     *
     * @throws IllegalArgumentException "cannot read ... as a ρ network: ..." if an expression has
     *                                  another shape, or an input name is not a plain Symja symbol
     */
    public static Network fromSymja(List<String> outputs, Activation rho, List<String> inputNames) {
        Reader reader = new Reader(rho, inputNames);
        for (int k = 0; k < outputs.size(); k++) {
            reader.readOutput(Network.outputId(k), outputs.get(k));
        }
        Network net = reader.builder.build();
        if (!reader.definition.singleHead()) {
            for (int k = 0; k < outputs.size(); k++) {
                reader.check(net, k, outputs.get(k));
            }
        }
        return net;
    }

    /** An affine combination over node and input ids. */
    private record Affine(Map<String, Scalar> weights, Scalar bias) {
        Affine() {
            this(new LinkedHashMap<>(), Scalar.ZERO);
        }

        Affine plus(Affine o, Scalar factor) {
            Map<String, Scalar> w = new LinkedHashMap<>(weights);
            o.weights.forEach((id, x) -> w.merge(id, x.multiply(factor), Scalar::add));
            w.values().removeIf(NetworkExpressions::isZero);
            return new Affine(w, bias.add(o.bias.multiply(factor)));
        }

        /** Equal pre-activations have equal keys (hash-consing of hidden nodes). */
        String key() {
            StringBuilder b = new StringBuilder();
            new TreeMap<>(weights).forEach((id, x) -> b.append(id).append('=').append(x.toText()).append(';'));
            return b.append("|").append(bias.toText()).toString();
        }
    }

    /** One term of a flattened sum: constant factors times non-constant factors. */
    private record Term(List<IExpr> constants, List<IExpr> factors) {}

    /** A function application inside the definition whose arguments are fixed or linear in t. */
    private record Anchor(IExpr head, int arity, boolean orderless, IExpr[] fixed, IExpr[] slope, IExpr[] offset) {}

    /**
     * The definition ρ(t), evaluated by Symja, split as a·t + b + Σ_j N_j(t) with each N_j a
     * product d_j·G_j(t); the anchors are where a candidate argument can be read off.
     */
    private static final class Definition {
        final IExpr var;
        final Scalar a;
        final Scalar b;
        final List<IExpr> nonlinear = new ArrayList<>();
        final List<Anchor> anchors = new ArrayList<>();

        Definition(Activation rho) {
            String text = TOKEN_T.matcher(rho.symja()).replaceAll(VAR);
            IExpr d = Symja.eval(text);
            var = Symja.eval(VAR);
            Scalar aa = Scalar.ZERO;
            Scalar bb = Scalar.ZERO;
            for (IExpr term : d.isPlus() ? args(d) : List.of(d)) {
                if (term.isFree(var)) {
                    bb = bb.add(constant(term));
                } else if (term.equals(var)) {
                    aa = aa.add(Scalar.ONE);
                } else if (term.isTimes() && term.argSize() == 2 && term.getAt(1).isFree(var) && term.getAt(2).equals(var)) {
                    aa = aa.add(constant(term.getAt(1)));
                } else {
                    nonlinear.add(term);
                    collectAnchors(term);
                }
            }
            a = aa;
            b = bb;
        }

        /** ρ(t) = F(t) (or F with fixed further arguments): read by head alone, without evaluation. */
        boolean singleHead() {
            if (nonlinear.size() != 1 || !isZero(a) || !isZero(b) || anchors.size() != 1) {
                return false;
            }
            Anchor an = anchors.get(0);
            int linear = 0;
            for (int i = 0; i < an.arity; i++) {
                if (an.fixed[i] == null) {
                    linear++;
                    if (!an.slope[i].isOne() || !an.offset[i].isZero()) {
                        return false;
                    }
                }
            }
            return linear == 1 && nonlinear.get(0).isAST(an.head, an.arity + 1);
        }

        /**
         * Outermost applications with an argument linear in t (c·t + e, c ≠ 0). Plus, Times and
         * powers with a constant exponent are arithmetic around them, not anchors.
         */
        private void collectAnchors(IExpr e) {
            if (!e.isAST() || e.isFree(var)) {
                return;
            }
            boolean arithmetic = e.isPlus() || e.isTimes() || (e.isPower() && e.getAt(2).isFree(var) && linear(e.getAt(1)) == null);
            if (!arithmetic) {
                int n = e.argSize();
                IExpr[] fixed = new IExpr[n];
                IExpr[] slope = new IExpr[n];
                IExpr[] offset = new IExpr[n];
                boolean any = false;
                for (int i = 0; i < n; i++) {
                    IExpr arg = e.getAt(i + 1);
                    IExpr[] lin = arg.isFree(var) ? null : linear(arg);
                    if (arg.isFree(var)) {
                        fixed[i] = arg;
                    } else if (lin != null) {
                        slope[i] = lin[0];
                        offset[i] = lin[1];
                        any = true;
                    } else {
                        any = false;
                        break;
                    }
                }
                if (any) {
                    boolean orderless = e.head().isSymbol() && (((ISymbol) e.head()).getAttributes() & ISymbol.ORDERLESS) != 0;
                    anchors.add(new Anchor(e.head(), n, orderless, fixed, slope, offset));
                    return;
                }
            }
            for (int i = 1; i <= e.argSize(); i++) {
                collectAnchors(e.getAt(i));
            }
        }

        /** {c, e} when x = c·t + e with c ≠ 0 constant, else null. */
        private IExpr[] linear(IExpr x) {
            if (x.equals(var)) {
                return new IExpr[] {F.C1, F.C0};
            }
            if (x.isTimes() && x.argSize() == 2 && x.getAt(1).isFree(var) && x.getAt(2).equals(var)) {
                return new IExpr[] {x.getAt(1), F.C0};
            }
            if (x.isPlus()) {
                IExpr c = null;
                List<IExpr> rest = new ArrayList<>();
                for (IExpr s : args(x)) {
                    IExpr[] l = s.isFree(var) ? null : linear(s);
                    if (s.isFree(var)) {
                        rest.add(s);
                    } else if (l != null && c == null && l[1].isZero()) {
                        c = l[0];
                    } else {
                        return null;
                    }
                }
                return c == null ? null : new IExpr[] {c, Symja.eval(text(plus(rest)))};
            }
            return null;
        }
    }

    /** The state of one reading: definition, input symbols, hidden nodes made so far. */
    private static final class Reader {
        final Activation rho;
        final Definition definition;
        final Map<IExpr, String> inputs = new HashMap<>();
        final List<String> inputNames;
        final NetworkBuilder builder;
        final Map<String, String> nodeByKey = new HashMap<>();
        final Map<String, Affine> preActivation = new HashMap<>();
        final Map<String, List<IExpr>> evaluated = new HashMap<>();
        String current = "";

        Reader(Activation rho, List<String> inputNames) {
            this.rho = rho;
            this.inputNames = List.copyOf(inputNames);
            this.builder = Network.builder(rho, inputNames);
            for (String name : inputNames) {
                IExpr s = IDENTIFIER.matcher(name).matches() ? Symja.eval(name) : null;
                if (s == null || !s.isSymbol() || s.isBuiltInSymbol() || inputs.containsKey(s)) {
                    throw new IllegalArgumentException("input name '" + name + "' is not a plain Symja symbol"
                            + " (built-in names such as E, D, Pi, and names differing only in case, are not allowed)");
                }
                inputs.put(s, name);
            }
            this.definition = new Definition(rho);
        }

        void readOutput(String id, String text) {
            current = text;
            IExpr e;
            try {
                e = Symja.eval(text);
            } catch (SymjaException ex) {
                throw cannot("Symja cannot parse it: " + ex.getMessage());
            }
            Affine f = read(e);
            builder.output(id, f.bias, f.weights);
        }

        private IllegalArgumentException cannot(String why) {
            return new IllegalArgumentException("cannot read '" + abbreviate(current) + "' as a " + rho.name()
                    + " network: " + why);
        }

        private boolean isConstant(IExpr e) {
            return e.isFree(x -> inputs.containsKey(x), true);
        }

        /** Reads c₀ + Σ c_i·x_i + Σ c_k·ρ(p_k). */
        Affine read(IExpr e) {
            List<Term> terms = new ArrayList<>();
            flatten(e, new ArrayList<>(), terms);
            Affine f = new Affine();
            // (node, index j of N_j) -> coefficient; kept in first-seen order for determinism
            Map<String, Map<Integer, Scalar>> groups = new LinkedHashMap<>();
            for (Term t : terms) {
                if (t.factors.isEmpty()) {
                    f = f.plus(new Affine(Map.of(), Scalar.ONE), product(t.constants));
                } else if (t.factors.size() == 1 && inputs.containsKey(t.factors.get(0))) {
                    f = f.plus(new Affine(Map.of(inputs.get(t.factors.get(0)), Scalar.ONE), Scalar.ZERO), product(t.constants));
                } else {
                    Match m = match(t);
                    groups.computeIfAbsent(m.node, k -> new LinkedHashMap<>()).merge(m.j, m.coefficient, Scalar::add);
                }
            }
            for (Map.Entry<String, Map<Integer, Scalar>> g : groups.entrySet()) {
                Scalar c = coefficientOfGroup(g.getKey(), g.getValue());
                f = f.plus(new Affine(Map.of(g.getKey(), Scalar.ONE), Scalar.ZERO), c);
                // c·ρ(p) = c·(a·p + b) + c·Σ N_j(p): the affine part of the definition is already in f.
                if (!isZero(definition.a)) {
                    f = f.plus(preActivation.get(g.getKey()), c.multiply(definition.a).negate());
                }
                if (!isZero(definition.b)) {
                    f = f.plus(new Affine(Map.of(), Scalar.ONE), c.multiply(definition.b).negate());
                }
            }
            return f;
        }

        /** Every N_j(p) must occur with the same coefficient, or the sum is not c·ρ(p). */
        private Scalar coefficientOfGroup(String node, Map<Integer, Scalar> byTerm) {
            Scalar c = byTerm.values().iterator().next();
            if (byTerm.size() != definition.nonlinear.size()) {
                throw cannot("only part of " + rho.symja() + " occurs for hidden node " + node);
            }
            for (Scalar other : byTerm.values()) {
                if (!same(c, other)) {
                    throw cannot("the parts of " + rho.symja() + " occur with different coefficients for hidden node " + node);
                }
            }
            return c;
        }

        /** Sums are split, and constant factors are distributed over a single inner sum. */
        private void flatten(IExpr e, List<IExpr> constants, List<Term> out) {
            if (e.isPlus()) {
                for (IExpr s : args(e)) {
                    flatten(s, constants, out);
                }
                return;
            }
            List<IExpr> cs = new ArrayList<>(constants);
            List<IExpr> fs = new ArrayList<>();
            for (IExpr x : e.isTimes() ? args(e) : List.of(e)) {
                (isConstant(x) ? cs : fs).add(x);
            }
            if (fs.size() == 1 && fs.get(0).isPlus()) {
                flatten(fs.get(0), cs, out);
            } else {
                out.add(new Term(cs, fs));
            }
        }

        private record Match(String node, int j, Scalar coefficient) {}

        /** Recognises a term as c·N_j(p) and returns the hidden node for p. */
        private Match match(Term t) {
            if (definition.singleHead()) {
                Anchor an = definition.anchors.get(0);
                IExpr f = t.factors.get(0);
                IExpr p = t.factors.size() == 1 ? occurrenceArgument(an, f) : null;
                if (p == null) {
                    throw cannot("the term " + abbreviate(times(t).toString()) + " is not a multiple of "
                            + TOKEN_T.matcher(rho.symja()).replaceAll("...") + " or of an input");
                }
                return new Match(node(p), 0, product(t.constants));
            }
            // Symja pulls signs out of odd and even functions (Erf(−x) = −Erf(x)), so an anchor
            // may show −p where the definition has p: negations are tried second.
            List<IExpr> candidates = candidates(t);
            for (int pass = 0; pass < 2; pass++) {
                for (IExpr p : pass == 0 ? candidates : negations(candidates)) {
                    List<IExpr> nj = evaluatedAt(p);
                    for (int j = 0; j < nj.size(); j++) {
                        Term d = split(nj.get(j));
                        Scalar r = proportion(t.factors, d.factors);
                        if (r != null) {
                            return new Match(node(p), j, r.multiply(product(t.constants)).divide(product(d.constants)));
                        }
                    }
                }
            }
            // Symja may have normalised the term differently still: compare by the quotient, which
            // must be a constant. Only for small terms: Together can exhaust memory on large ones.
            if (definition.nonlinear.size() == 1 && times(t).leafCount() <= MAX_QUOTIENT_LEAVES) {
                for (IExpr p : candidates) {
                    Scalar c = quotient(times(t), evaluatedAt(p).get(0));
                    if (c != null) {
                        return new Match(node(p), 0, c);
                    }
                }
            }
            throw cannot("the term " + abbreviate(times(t).toString()) + " is not recognised as a multiple of "
                    + rho.symja() + " at any argument");
        }

        /**
         * term / n as a scalar when it is constant, else null. Exact quotients are put over a
         * common denominator by Symja; with floats Symja's simplification is fuzzy (NOTES.md),
         * so the quotient is evaluated at three points instead and must agree there to 1e-9.
         */
        private Scalar quotient(IExpr term, IExpr n) {
            String q = "(" + text(term) + ")/(" + text(n) + ")";
            if (term.isFree(x -> x instanceof INum, true) && n.isFree(x -> x instanceof INum, true)) {
                // Together only: Simplify takes seconds on the Log/Exp terms where it would be needed
                IExpr r = Symja.eval("Together(" + q + ")");
                return isConstant(r) ? constant(r) : null;
            }
            Double first = null;
            Random random = new Random(7);
            for (int trial = 0; trial < 3; trial++) {
                IExpr v = Symja.eval("N(ReplaceAll(" + q + "," + randomRules(random, null) + "))");
                if (!(v instanceof INum num) || !Double.isFinite(num.getRealPart())) {
                    return null;
                }
                double d = num.getRealPart();
                if (first == null) {
                    first = d;
                } else if (!(Math.abs(d - first) <= 1e-9 * Math.abs(first))) {
                    return null;
                }
            }
            return first == null || first == 0.0 ? null : Scalar.of(first);
        }

        /** Symja rules {x1->v1, ...} for a random point of [-1, 1]^m with three-decimal coordinates. */
        private String randomRules(Random random, double[] x) {
            StringBuilder rules = new StringBuilder("{");
            int i = 0;
            for (String name : inputNames) {
                double v = Math.round((random.nextDouble() * 2 - 1) * 1000) / 1000.0;
                if (x != null) {
                    x[i] = v;
                }
                rules.append(i++ == 0 ? "" : ",").append(name).append("->").append(decimal(v));
            }
            return rules.append('}').toString();
        }

        /** The argument p when f is the single-head definition applied to p, else null. */
        private IExpr occurrenceArgument(Anchor an, IExpr f) {
            if (!f.isAST(an.head, an.arity + 1)) {
                return null;
            }
            List<IExpr> rest = new ArrayList<>(args(f));
            for (int i = 0; i < an.arity; i++) {
                if (an.fixed[i] != null) {
                    IExpr want = an.fixed[i];
                    if (an.orderless ? !rest.remove(want) : !f.getAt(i + 1).equals(want)) {
                        return null;
                    }
                }
            }
            if (an.orderless) {
                return rest.size() == 1 ? rest.get(0) : null;
            }
            for (int i = 0; i < an.arity; i++) {
                if (an.fixed[i] == null) {
                    return f.getAt(i + 1);
                }
            }
            return null;
        }

        /** Arguments p at which some anchor of the definition occurs in the term, outermost first. */
        private List<IExpr> candidates(Term t) {
            List<IExpr> out = new ArrayList<>();
            for (IExpr f : t.factors) {
                collectCandidates(f, out);
            }
            return out;
        }

        private List<IExpr> negations(List<IExpr> candidates) {
            List<IExpr> out = new ArrayList<>();
            for (IExpr p : candidates) {
                IExpr minus = Symja.eval("-" + text(p));
                if (!candidates.contains(minus) && !out.contains(minus)) {
                    out.add(minus);
                }
            }
            return out;
        }

        private void collectCandidates(IExpr e, List<IExpr> out) {
            if (!e.isAST() || isConstant(e)) {
                return;
            }
            for (Anchor an : definition.anchors) {
                if (!e.isAST(an.head, an.arity + 1)) {
                    continue;
                }
                for (int i = 0; i < an.arity; i++) {
                    if (an.fixed[i] != null) {
                        continue;
                    }
                    List<IExpr> sources = an.orderless ? args(e) : List.of(e.getAt(i + 1));
                    for (IExpr arg : sources) {
                        if (isConstant(arg)) {
                            continue;
                        }
                        IExpr p = an.slope[i].isOne() && an.offset[i].isZero() ? arg
                                : Symja.eval("(" + text(arg) + "-(" + text(an.offset[i]) + "))/(" + text(an.slope[i]) + ")");
                        if (!out.contains(p)) {
                            out.add(p);
                        }
                    }
                }
            }
            for (int i = 1; i <= e.argSize(); i++) {
                collectCandidates(e.getAt(i), out);
            }
        }

        /** N_j(p) for every j, evaluated by Symja (cached per p). */
        private List<IExpr> evaluatedAt(IExpr p) {
            String pt = text(p);
            return evaluated.computeIfAbsent(pt, k -> {
                List<IExpr> out = new ArrayList<>();
                for (IExpr n : definition.nonlinear) {
                    out.add(Symja.eval("ReplaceAll(" + text(n) + "," + VAR + "->(" + pt + "))"));
                }
                return out;
            });
        }

        private Term split(IExpr e) {
            List<IExpr> cs = new ArrayList<>();
            List<IExpr> fs = new ArrayList<>();
            for (IExpr x : e.isTimes() ? args(e) : List.of(e)) {
                (isConstant(x) ? cs : fs).add(x);
            }
            return new Term(cs, fs);
        }

        /**
         * r with Π a = r·Π b, when the factors pair up as equal or proportional, else null.
         * Symja moves constants into and out of sums as it evaluates (2/3·(1 + x/4) stays, while
         * 2·(−x − y) may become −2x − 2y), so equal factors are compared up to a constant.
         */
        private Scalar proportion(List<IExpr> a, List<IExpr> b) {
            if (a.size() != b.size()) {
                return null;
            }
            List<IExpr> rest = new ArrayList<>(b);
            Scalar r = Scalar.ONE;
            for (IExpr x : a) {
                int at = rest.indexOf(x);
                Scalar rx = at >= 0 ? Scalar.ONE : null;
                for (int i = 0; at < 0 && i < rest.size(); i++) {
                    rx = proportion(x, rest.get(i));
                    at = rx == null ? -1 : i;
                }
                if (at < 0) {
                    return null;
                }
                rest.remove(at);
                r = r.multiply(rx);
            }
            return r;
        }

        /**
         * r with x = r·y for single factors: equal; c·u against c'·u; sums whose terms are
         * proportional with one ratio (nested sums flattened: Symja leaves Plus(Plus(..), ..)
         * inside Max); or one function applied to equal arguments.
         */
        private Scalar proportion(IExpr x, IExpr y) {
            if (x.equals(y)) {
                return Scalar.ONE;
            }
            Term tx = split(x);
            Term ty = split(y);
            if (!tx.constants.isEmpty() || !ty.constants.isEmpty()) {
                Scalar r = proportion(tx.factors, ty.factors);
                return r == null ? null : r.multiply(product(tx.constants)).divide(product(ty.constants));
            }
            if (x.isPlus() && y.isPlus()) {
                return sumProportion(x, y);
            }
            if (!x.isAST() || !x.head().equals(y.head()) || x.argSize() != y.argSize() || x.isTimes()) {
                return null;
            }
            boolean orderless = x.head().isSymbol() && (((ISymbol) x.head()).getAttributes() & ISymbol.ORDERLESS) != 0;
            List<IExpr> rest = args(y);
            for (IExpr a : args(x)) {
                int found = -1;
                for (int i = 0; found < 0 && i < (orderless ? rest.size() : 1); i++) {
                    Scalar r = proportion(a, rest.get(i));
                    found = r != null && same(r, Scalar.ONE) ? i : -1;
                }
                if (found < 0) {
                    return null;
                }
                rest.remove(found);
            }
            return Scalar.ONE;
        }

        private Scalar sumProportion(IExpr x, IExpr y) {
            List<Term> xs = new ArrayList<>();
            flatten(x, new ArrayList<>(), xs);
            List<Term> ys = new ArrayList<>();
            flatten(y, new ArrayList<>(), ys);
            if (xs.size() != ys.size()) {
                return null;
            }
            Scalar ratio = null;
            for (Term t : xs) {
                Scalar found = null;
                for (int i = 0; found == null && i < ys.size(); i++) {
                    Scalar r = proportion(t.factors, ys.get(i).factors);
                    if (r != null) {
                        found = r.multiply(product(t.constants)).divide(product(ys.get(i).constants));
                        ys.remove(i);
                    }
                }
                if (found == null || (ratio != null && !same(ratio, found))) {
                    return null;
                }
                ratio = found;
            }
            return ratio;
        }

        private static boolean same(Scalar a, Scalar b) {
            return a.isExact() && b.isExact() ? a.equals(b)
                    : Math.abs(a.toDouble() - b.toDouble()) <= 1e-12 * Math.abs(a.toDouble());
        }

        /** The hidden node computing ρ(p); equal pre-activations share one node. */
        private String node(IExpr p) {
            Affine pre = read(p);
            String key = pre.key();
            String id = nodeByKey.get(key);
            if (id == null) {
                id = "h" + (nodeByKey.size() + 1);
                nodeByKey.put(key, id);
                preActivation.put(id, pre);
                builder.hidden(id, pre.bias, pre.weights);
            }
            return id;
        }

        /** The product of constant factors as a scalar. */
        private Scalar product(List<IExpr> factors) {
            try {
                return productOf(factors);
            } catch (IllegalArgumentException e) {
                throw cannot(e.getMessage());
            }
        }

        private Scalar productOf(List<IExpr> factors) {
            if (factors.isEmpty()) {
                return Scalar.ONE;
            }
            if (factors.size() == 1) {
                return constant(factors.get(0));
            }
            boolean rational = true;
            boolean inexact = false;
            for (IExpr f : factors) {
                rational &= f.isRational();
                inexact |= !f.isFree(x -> x instanceof INum, true);
            }
            if (rational || inexact) {
                Scalar s = Scalar.ONE;
                for (IExpr f : factors) {
                    s = inexact ? Scalar.of(s.toDouble() * constant(f).toDouble()) : s.multiply(constant(f));
                }
                return s;
            }
            return constant(times(new Term(factors, List.of())));
        }

        /** Compares the network with the expression at two points (a guard for the pattern reading). */
        void check(Network net, int k, String text) {
            current = text;
            Random random = new Random(20240611L + k);
            for (int trial = 0; trial < 2; trial++) {
                double[] x = new double[inputNames.size()];
                IExpr v = Symja.eval("N(ReplaceAll(" + text + "," + randomRules(random, x) + "))");
                if (!(v instanceof INum n) || !Double.isFinite(n.getRealPart())) {
                    continue;
                }
                double want = n.getRealPart();
                double got = Evaluator.evaluate(net, x)[k];
                if (!(Math.abs(got - want) <= 1e-8 * (1 + Math.abs(want)))) {
                    throw cannot("the recognised network gives " + got + " at " + Arrays.toString(x)
                            + " where the expression gives " + want);
                }
            }
        }
    }

    // ------------------------------------------------------------------------------ Symja helpers

    private static List<IExpr> args(IExpr e) {
        List<IExpr> out = new ArrayList<>(e.argSize());
        for (int i = 1; i <= e.argSize(); i++) {
            out.add(e.getAt(i));
        }
        return out;
    }

    private static IExpr plus(List<IExpr> terms) {
        if (terms.isEmpty()) {
            return F.C0;
        }
        StringBuilder b = new StringBuilder("Plus(");
        for (int i = 0; i < terms.size(); i++) {
            b.append(i == 0 ? "" : ",").append(text(terms.get(i)));
        }
        return Symja.eval(b.append(')').toString());
    }

    private static IExpr times(Term t) {
        List<IExpr> all = new ArrayList<>(t.constants);
        all.addAll(t.factors);
        if (all.size() == 1) {
            return all.get(0);
        }
        StringBuilder b = new StringBuilder("Times(");
        for (int i = 0; i < all.size(); i++) {
            b.append(i == 0 ? "" : ",").append(text(all.get(i)));
        }
        return Symja.eval(b.append(')').toString());
    }

    /** A constant (free of inputs) as a scalar: rationals and closed forms exactly, floats as doubles. */
    private static Scalar constant(IExpr c) {
        if (c instanceof IInteger i) {
            return Rational.of(i.toBigNumerator(), BigInteger.ONE);
        }
        if (c instanceof IFraction f) { // from the parts: Symja can hand out unnormalised fractions such as 1/-1
            return Rational.of(f.toBigNumerator(), f.toBigDenominator());
        }
        if (c instanceof INum n) {
            return Scalar.of(n.getRealPart());
        }
        if (!c.isFree(x -> x instanceof INum, true)) {
            return Scalar.of(Symja.numeric(text(c), 20).doubleValue());
        }
        try {
            return Scalar.parseExact(text(c));
        } catch (ScalarFormatException e) {
            throw new IllegalArgumentException("the coefficient " + c + " is not a real constant ("
                    + e.getMessage() + ")", e);
        }
    }

    /**
     * Symja input text of an evaluated expression in function form, with floats at full precision
     * (Symja's own {@code toString} prints six digits, and its full form does not parse back).
     */
    static String text(IExpr e) {
        if (e instanceof IInteger || e instanceof IFraction) {
            return "(" + constant(e).toText() + ")";
        }
        if (e instanceof ApfloatNum a) {
            return "(" + a.apfloatValue().toString(true) + ")";
        }
        if (e instanceof INum n) {
            double d = n.getRealPart();
            return "(" + (d < 0 ? "-" : "") + decimal(Math.abs(d)) + ")";
        }
        if (!e.isAST()) {
            if (e.isNumber()) {
                throw new IllegalArgumentException("not a real number: " + e);
            }
            return e.toString();
        }
        StringBuilder b = new StringBuilder(text(e.head())).append('(');
        for (int i = 1; i <= e.argSize(); i++) {
            b.append(i == 1 ? "" : ",").append(text(e.getAt(i)));
        }
        return b.append(')').toString();
    }

    /** At most 200 characters on one line (Symja's toString breaks lines at 80). */
    private static String abbreviate(String s) {
        String line = s.replace("\n", "");
        return line.length() <= 200 ? line : line.substring(0, 197) + "...";
    }
}
