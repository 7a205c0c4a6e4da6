package org.nnid.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.nnid.scalar.Scalar;
import org.nnid.scalar.ScalarFormatException;

/**
 * A VNN-LIB 2.0 two-network closeness specification (the VNN-COMP equivalence category): two
 * declared networks, the second {@code (isomorphic-to f)} or {@code (equal-to f)} the first (or
 * neither), each with one input and one output vector; bounds on the first network's inputs;
 * {@code (== X_f[i] X_g[i])} for every input; and |Y_g[i] − Y_f[i]| ≤ ε for every output, written
 * as {@code (<= Y_g[i] (+ Y_f[i] ε))} and {@code (>= Y_g[i] (- Y_f[i] ε))} (either network first,
 * each alone or inside {@code and}), or as {@code (<= (- Y_g[i] Y_f[i]) ε)} and
 * {@code (>= (- Y_g[i] Y_f[i]) (- ε))}. Numbers are read exactly (0.05 is 1/20). Anything else is
 * refused with the file, the line and what was wrong.
 */
public record Vnnlib2Spec(String first, String second, String relation, List<Scalar> lower, List<Scalar> upper,
        Scalar eps) {

    /** One declared network: its name and its input and output vectors. */
    private record Declared(String name, String input, int inputs, String output, int outputs, String relation,
            int line) {}

    /** An S-expression: an atom, or a list, with the line it starts on. */
    private record Expr(String atom, List<Expr> items, int line) {
        boolean isAtom() {
            return atom != null;
        }

        boolean head(String word) {
            return !isAtom() && !items.isEmpty() && items.get(0).isAtom() && items.get(0).atom.equals(word);
        }

        @Override
        public String toString() {
            if (isAtom()) {
                return atom;
            }
            StringBuilder b = new StringBuilder("(");
            for (int i = 0; i < items.size(); i++) {
                b.append(i == 0 ? "" : " ").append(items.get(i));
            }
            return b.append(')').toString();
        }
    }

    private static final Pattern NUMBER = Pattern.compile("[-+]?[0-9.].*");
    private static final Pattern ELEMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\[([0-9]+)\\]");

    /** Reads a specification file. @throws NetworkFormatException naming the file and line */
    public static Vnnlib2Spec read(Path file) {
        FileBudget.check(file);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new NetworkFormatException(file.toString(), "", "no such file", e);
        } catch (IOException e) {
            throw new NetworkFormatException(file.toString(), "", "cannot read the file: " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    public static Vnnlib2Spec parse(String text, String source) {
        return new Reader(source, text.length()).read(parse(tokens(text, source), source));
    }

    /** The number of inputs (and of outputs) the networks must have. */
    public int inputs() {
        return lower.size();
    }

    // ------------------------------------------------------------------------------ the reader

    private static final class Reader {
        private final String source;
        private final Map<String, Declared> networks = new LinkedHashMap<>();
        private Scalar[] lo;
        private Scalar[] hi;
        private boolean[] linked;
        private Scalar[] upperEps;
        private Scalar[] lowerEps;

        private final int textLength;

        Reader(String source, int textLength) {
            this.source = source;
            this.textLength = textLength;
        }

        private NetworkFormatException fail(int line, String problem) {
            return new NetworkFormatException(source, "line " + line, problem);
        }

        Vnnlib2Spec read(List<Expr> top) {
            for (Expr e : top) {
                if (e.head("vnnlib-version")) {
                    continue;
                } else if (e.head("declare-network")) {
                    declare(e);
                } else if (e.head("assert")) {
                    if (networks.size() != 2) {
                        throw fail(e.line, "an assertion before both networks are declared (expected two declare-network)");
                    }
                    if (e.items.size() != 2) {
                        throw fail(e.line, "expected (assert FORMULA)");
                    }
                    conjunct(e.items.get(1));
                } else {
                    throw fail(e.line, "expected vnnlib-version, declare-network or assert, found " + e);
                }
            }
            if (networks.size() != 2) {
                throw fail(1, "expected two declare-network, found " + networks.size());
            }
            List<Declared> nets = new ArrayList<>(networks.values());
            Declared f = nets.get(0);
            for (int i = 0; i < f.inputs; i++) {
                if (lo[i] == null || hi[i] == null) {
                    throw fail(f.line, "input " + f.input + "[" + i + "] has no " + (lo[i] == null ? "lower" : "upper")
                            + " bound");
                }
                if (lo[i].compareValue(hi[i]) > 0) {
                    throw fail(f.line, "input " + f.input + "[" + i + "]: lower bound " + lo[i] + " exceeds upper bound "
                            + hi[i]);
                }
                if (!linked[i]) {
                    throw fail(nets.get(1).line, "no (== " + f.input + "[" + i + "] " + nets.get(1).input + "[" + i
                            + "]): both networks must read the same input");
                }
            }
            Scalar eps = null;
            for (int k = 0; k < f.outputs; k++) {
                for (Scalar e : new Scalar[] {upperEps[k], lowerEps[k]}) {
                    if (e == null) {
                        throw fail(f.line, "output " + k + " has no closeness constraint on both sides (|Y_g[" + k
                                + "] - Y_f[" + k + "]| <= eps needs <= and >=)");
                    }
                    if (eps != null && eps.compareValue(e) != 0) {
                        throw fail(f.line, "the outputs have different epsilons (" + eps + " and " + e
                                + "); one epsilon for all outputs is supported");
                    }
                    eps = e;
                }
            }
            if (eps.signum() < 0) {
                throw fail(f.line, "epsilon " + eps + " is negative");
            }
            return new Vnnlib2Spec(f.name, nets.get(1).name, nets.get(1).relation, List.of(lo), List.of(hi), eps);
        }

        private void declare(Expr e) {
            if (e.items.size() < 2 || !e.items.get(1).isAtom()) {
                throw fail(e.line, "expected (declare-network NAME ...)");
            }
            if (networks.size() == 2) {
                throw fail(e.line, "a third network; a closeness specification compares two");
            }
            String name = e.items.get(1).atom;
            String input = null;
            String output = null;
            int inputs = -1;
            int outputs = -1;
            String relation = "";
            for (Expr d : e.items.subList(2, e.items.size())) {
                if (d.head("declare-input") || d.head("declare-output")) {
                    if (d.items.size() != 4 || !d.items.get(1).isAtom() || !d.items.get(2).isAtom()
                            || !d.items.get(3).isAtom()) {
                        throw fail(d.line, "expected (" + d.items.get(0).atom + " NAME real [N])");
                    }
                    if (!d.items.get(2).atom.equals("real")) {
                        throw fail(d.line, "element type '" + d.items.get(2).atom + "': only real is supported");
                    }
                    int n = dimension(d.items.get(3));
                    if (d.head("declare-input")) {
                        input = d.items.get(1).atom;
                        inputs = n;
                    } else {
                        output = d.items.get(1).atom;
                        outputs = n;
                    }
                } else if (d.head("isomorphic-to") || d.head("equal-to")) {
                    if (d.items.size() != 2 || !d.items.get(1).isAtom() || !networks.containsKey(d.items.get(1).atom)) {
                        throw fail(d.line, "expected (" + d.items.get(0).atom + " NAME) naming a network declared before");
                    }
                    relation = d.items.get(0).atom;
                } else {
                    throw fail(d.line, "expected declare-input, declare-output, isomorphic-to or equal-to, found " + d);
                }
            }
            if (input == null || output == null) {
                throw fail(e.line, "network " + name + " declares no " + (input == null ? "input" : "output"));
            }
            for (Declared other : networks.values()) {
                if (other.inputs != inputs || other.outputs != outputs) {
                    throw fail(e.line, "network " + name + " has " + inputs + " inputs and " + outputs + " outputs, "
                            + other.name + " " + other.inputs + " and " + other.outputs);
                }
            }
            networks.put(name, new Declared(name, input, inputs, output, outputs, relation, e.line));
            lo = new Scalar[inputs];
            hi = new Scalar[inputs];
            linked = new boolean[inputs];
            upperEps = new Scalar[outputs];
            lowerEps = new Scalar[outputs];
        }

        private int dimension(Expr d) {
            Matcher m = Pattern.compile("\\[0*([0-9]{1,9})\\]").matcher(d.atom);
            if (!m.matches() || Integer.parseInt(m.group(1)) < 1) {
                throw fail(d.line, "expected a dimension [N] with N >= 1, found " + d.atom);
            }
            int n = Integer.parseInt(m.group(1));
            if (n > textLength) { // every input needs its bounds written out in the file
                throw fail(d.line, "the dimension " + n + " is more than the file's " + textLength + " characters can"
                        + " bound");
            }
            return n;
        }

        private void conjunct(Expr e) {
            if (e.head("and")) {
                for (Expr c : e.items.subList(1, e.items.size())) {
                    conjunct(c);
                }
                return;
            }
            if (e.isAtom() || e.items.size() != 3 || !e.items.get(0).isAtom()) {
                throw fail(e.line, "expected (<= a b), (>= a b), (== a b) or (and ...), found " + e);
            }
            String op = e.items.get(0).atom;
            Expr x = e.items.get(1);
            Expr y = e.items.get(2);
            switch (op) {
                case "==" -> link(e, x, y);
                case "<=" -> inequality(e, x, y);
                case ">=" -> inequality(e, y, x);
                default -> throw fail(e.line, "operator '" + op + "': expected <=, >=, == or and (a disjunction or a"
                        + " strict inequality is not a closeness specification)");
            }
        }

        private record Element(Declared net, boolean input, int index) {}

        /** X_f[i], Y_g[k], …: the network, which vector, the index; null when not such a name. */
        private Element element(Expr e) {
            if (!e.isAtom()) {
                return null;
            }
            Matcher m = ELEMENT.matcher(e.atom);
            if (!m.matches()) {
                return null;
            }
            for (Declared d : networks.values()) {
                boolean in = d.input.equals(m.group(1));
                if (in || d.output.equals(m.group(1))) {
                    // an index of ten or more digits is beyond any dimension (and beyond int)
                    long i = m.group(2).length() > 9 ? Long.MAX_VALUE : Long.parseLong(m.group(2));
                    if (i >= (in ? d.inputs : d.outputs)) {
                        throw fail(e.line, e.atom + ": index " + m.group(2) + " is out of range [0, " + (in ? d.inputs : d.outputs)
                                + ")");
                    }
                    return new Element(d, in, (int) i);
                }
            }
            throw fail(e.line, "unknown variable " + m.group(1) + " (not declared by either network)");
        }

        private Scalar number(Expr e) {
            if (e.head("-") && e.items.size() == 2) {
                Scalar s = number(e.items.get(1));
                return s == null ? null : s.negate();
            }
            if (!e.isAtom() || !NUMBER.matcher(e.atom).matches()) {
                return null;
            }
            Scalar value;
            try {
                value = Scalar.parseExact(e.atom);
            } catch (ScalarFormatException ex) {
                throw fail(e.line, "'" + e.atom + "' is not a number: " + ex.getMessage());
            }
            if (!Double.isFinite(value.toDouble())) { // boxes and epsilons are enclosed in doubles
                throw fail(e.line, "'" + e.atom + "' is beyond the range of doubles (at most about 1.8e308)");
            }
            return value;
        }

        private boolean first(Declared d) {
            return d == networks.values().iterator().next();
        }

        private void link(Expr e, Expr x, Expr y) {
            Element a = element(x);
            Element b = element(y);
            if (a == null || b == null || !a.input || !b.input || a.net == b.net || a.index != b.index) {
                throw fail(e.line, "expected (== X_f[i] X_g[i]) linking the same input of both networks, found " + e);
            }
            linked[a.index] = true;
        }

        /** small ≤ large. */
        private void inequality(Expr e, Expr small, Expr large) {
            Element s = element(small);
            Element l = element(large);
            Scalar cs = s == null ? number(small) : null;
            Scalar cl = l == null ? number(large) : null;
            if (s != null && s.input && cl != null) { // X[i] <= c
                inputBound(e, s, cl, false);
                return;
            }
            if (l != null && l.input && cs != null) { // c <= X[i]
                inputBound(e, l, cs, true);
                return;
            }
            if (s != null && !s.input) { // Y[i] <= (+ Y'[i] eps)  or  Y[i] <= (- Y'[i] eps)
                closeness(e, s, large, true);
                return;
            }
            if (l != null && !l.input) { // (- Y'[i] eps) <= Y[i]
                closeness(e, l, small, false);
                return;
            }
            if (!small.isAtom() && small.head("-") && small.items.size() == 3) { // (- Y_a Y_b) <= eps
                differenceBound(e, small, large, true);
                return;
            }
            if (!large.isAtom() && large.head("-") && large.items.size() == 3) { // -eps <= (- Y_a Y_b)
                differenceBound(e, large, small, false);
                return;
            }
            throw fail(e.line, "not an input bound or an output closeness constraint: " + e);
        }

        private void inputBound(Expr e, Element x, Scalar c, boolean lowerBound) {
            if (!first(x.net)) {
                throw fail(e.line, "bounds are expected on the first network's inputs (" + networks.values().iterator()
                        .next().input + "), found " + e);
            }
            Scalar[] side = lowerBound ? lo : hi;
            Scalar old = side[x.index];
            // several bounds on one side: the tightest holds
            if (old == null || (lowerBound ? c.compareValue(old) > 0 : c.compareValue(old) < 0)) {
                side[x.index] = c;
            }
        }

        /** Y ≤ Y' + eps (upperSide) or Y ≥ Y' − eps, with Y and Y' the same output of the two networks. */
        private void closeness(Expr e, Element y, Expr other, boolean upperSide) {
            if (!other.isAtom() && (other.head("+") || other.head("-")) && other.items.size() == 3) {
                Element y2 = element(other.items.get(1));
                Scalar c = number(other.items.get(2));
                boolean plus = other.head("+");
                if (y2 != null && !y2.input && y2.net != y.net && y2.index == y.index && c != null
                        && plus == upperSide) {
                    // Y_a ≤ Y_b + c is Y_a − Y_b ≤ c; Y_a ≥ Y_b − c is Y_a − Y_b ≥ −c
                    record(e, y, c, upperSide);
                    return;
                }
            }
            throw fail(e.line, "expected " + (upperSide ? "(<= Y_g[i] (+ Y_f[i] EPS))" : "(>= Y_g[i] (- Y_f[i] EPS))")
                    + ", found " + e);
        }

        /** (- Y_a Y_b) ≤ c (upperSide) or (- Y_a Y_b) ≥ −c. */
        private void differenceBound(Expr e, Expr diff, Expr bound, boolean upperSide) {
            Element ya = element(diff.items.get(1));
            Element yb = element(diff.items.get(2));
            Scalar c = number(bound);
            if (ya == null || yb == null || ya.input || yb.input || ya.net == yb.net || ya.index != yb.index || c == null) {
                throw fail(e.line, "expected (<= (- Y_g[i] Y_f[i]) EPS) or (>= (- Y_g[i] Y_f[i]) (- EPS)), found " + e);
            }
            record(e, ya, upperSide ? c : c.negate(), upperSide);
        }

        /** Y_a − Y_b ≤ c (upperSide) or ≥ −c, Y_a of network a: as a bound on Y_g − Y_f. */
        private void record(Expr e, Element ya, Scalar c, boolean upperSide) {
            boolean flipped = first(ya.net); // Y_f − Y_g: the sides swap
            boolean upper = upperSide != flipped;
            Scalar[] side = upper ? upperEps : lowerEps;
            if (side[ya.index] != null && side[ya.index].compareValue(c) != 0) {
                throw fail(e.line, "output " + ya.index + " is bounded twice on one side with different epsilons");
            }
            side[ya.index] = c;
        }
    }

    // ------------------------------------------------------------------------------ S-expressions

    private record Token(String text, int line) {}

    private static List<Token> tokens(String text, String source) {
        List<Token> out = new ArrayList<>();
        int line = 1;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (c == ';') {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '(' || c == ')') {
                out.add(new Token(String.valueOf(c), line));
                i++;
            } else {
                int start = i;
                while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && text.charAt(i) != '('
                        && text.charAt(i) != ')' && text.charAt(i) != ';') {
                    i++;
                }
                out.add(new Token(text.substring(start, i), line));
            }
        }
        return out;
    }

    private static List<Expr> parse(List<Token> tokens, String source) {
        List<Expr> top = new ArrayList<>();
        java.util.ArrayDeque<List<Expr>> stack = new java.util.ArrayDeque<>();
        java.util.ArrayDeque<Integer> lines = new java.util.ArrayDeque<>();
        for (Token t : tokens) {
            if (t.text.equals("(")) {
                stack.push(new ArrayList<>());
                lines.push(t.line);
            } else if (t.text.equals(")")) {
                if (stack.isEmpty()) {
                    throw new NetworkFormatException(source, "line " + t.line, "unbalanced ')'");
                }
                Expr e = new Expr(null, stack.pop(), lines.pop());
                (stack.isEmpty() ? top : stack.peek()).add(e);
            } else {
                if (stack.isEmpty()) {
                    throw new NetworkFormatException(source, "line " + t.line, "'" + t.text + "' outside parentheses");
                }
                stack.peek().add(new Expr(t.text, null, t.line));
            }
        }
        if (!stack.isEmpty()) {
            throw new NetworkFormatException(source, "line " + lines.peek(), "this '(' is never closed");
        }
        return top;
    }
}
