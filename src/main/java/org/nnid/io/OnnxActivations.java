package org.nnid.io;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import org.apache.commons.math3.fraction.BigFraction;
import org.nnid.activation.Activation;
import org.nnid.scalar.Rational;
import org.nnid.scalar.Scalar;

/**
 * How each activation is written in ONNX (opset 13, float64), and how those writings are
 * recognised when read back: one table serves {@link OnnxWriter} and {@link OnnxReader}.
 *
 * <p>An activation whose theory file lists an ONNX operator ({@code onnx: [Relu]}) is written as
 * the first one without parameters or attributes, and every listed operator is read back
 * ({@link OnnxReader}, {@link Nonlinearities}). The compositions of several ops below are the one
 * place where io knows nonlinearities by name; each is the activation's definition
 * (theories/*.theory) rewritten by an identity of real functions, with constants that are doubles
 * exactly (1, 2, ½, −1), so the graph denotes the activation itself; only floating-point
 * evaluation differs. They are used where onnxruntime (1.28, CPU) has no float64 kernel for a
 * single op (Cos, Softplus, LeakyRelu, PRelu at opset 13) or ONNX has none:
 * <ul>
 * <li>cos t = 1 − 2·sin²(t/2);</li>
 * <li>softplus t = relu(t) + log(1 + e^(−|t|));</li>
 * <li>leaky_relu t = max(t, α·t) for 0 &lt; α &lt; 1, with α a double, or α = p/q written as
 *     (t·p)/q when p and q are doubles (otherwise α is rounded to the nearest double);</li>
 * <li>silu t = t/(1 + e^(−t)), its definition (onnxruntime's optimiser fuses the form t·σ(t) into
 *     its float-only QuickGelu); square t·t; cube (t·t)·t; hardtanh = Clip(t, −1, 1);</li>
 * <li>meromorphic t + sin t/(2 + cos t), with cos as above;</li>
 * <li>gelu as PyTorch exports it, {@code Div(x, √2) → Erf → Add 1 → Mul x → Mul ½} (√2 rounded to
 *     a double; Gelu is an op only from opset 20).</li>
 * </ul>
 * erf and gelu ({@code Erf}) and arctan ({@code Atan}) have no expression in ops onnxruntime runs
 * in float64: they are valid ONNX that onnxruntime runs only in float32.
 */
final class OnnxActivations {
    /** An expression in the activation's argument {@code X}. */
    sealed interface Expr permits X, Const, Param, Op {}

    /** The argument (the pre-activation). */
    record X() implements Expr {}

    /** A scalar constant; read back when within {@code tolerance} of {@code value}. */
    record Const(double value, double tolerance) implements Expr {}

    /** A scalar constant that is a parameter of the activation (read back as any value). */
    record Param(String name, double value) implements Expr {}

    record Op(String op, List<Expr> args) implements Expr {}

    private static final X T = new X();
    private static final double SQRT2 = Math.sqrt(2);
    /** The float √2 = 1.4142135 of float32 exports is read as √2 (GELU is meant, not a function 2e-8 away). */
    private static final Const SQRT2_READ = new Const(SQRT2, 2 * Math.ulp(1.4142135f));
    /** Ops whose two arguments may come in either order. */
    private static final Set<String> COMMUTATIVE = Set.of("Add", "Mul", "Max", "Min");

    private OnnxActivations() {}

    private static Op op(String name, Expr... args) {
        return new Op(name, List.of(args));
    }

    private static Const c(double v) {
        return new Const(v, 0);
    }

    /** cos t = 1 − 2·sin²(t/2): onnxruntime has no float64 Cos. */
    private static Expr cos(Expr t) {
        Expr s = op("Sin", op("Mul", t, c(0.5)));
        return op("Sub", c(1), op("Mul", op("Mul", s, s), c(2)));
    }

    /**
     * The expression written for {@code a}: its composition below, or else the first ONNX operator
     * its theory file lists without parameters or attributes.
     *
     * @throws IllegalArgumentException for an activation with neither
     */
    static Expr expression(Activation a) {
        Expr composed = composition(a);
        if (composed != null) {
            return composed;
        }
        return op(spelling(a).op(), T);
    }

    /** The opset the expression of {@code a} needs: the compositions use ops of opset 13 at the latest. */
    static int opset(Activation a) {
        return composition(a) != null ? OnnxWriter.OPSET : Math.max(OnnxWriter.OPSET, spelling(a).opset());
    }

    /** The first operator of a's theory file without parameters or attributes. */
    private static OnnxSpelling spelling(Activation a) {
        return Nonlinearities.builtins().find(a.name()).filter(n -> n.name().equals(a.name()))
                .flatMap(n -> n.onnx().stream().filter(s -> s.parameters().isEmpty() && s.attributes().isEmpty())
                        .findFirst())
                .orElseThrow(() -> new IllegalArgumentException("activation " + a.name() + " has no ONNX expression"));
    }

    /** The compositions of several ops (the class comment says why each); null for other activations. */
    private static Expr composition(Activation a) {
        return switch (a.name()) {
            case "leaky_relu" -> leakyRelu(a);
            case "cos" -> cos(T);
            case "softplus" -> op("Add", op("Relu", T), op("Log", op("Add", op("Exp", op("Neg", op("Abs", T))), c(1))));
            case "gelu" -> op("Mul", op("Mul", T, op("Add", op("Erf", op("Div", T, new Const(SQRT2, 0))), c(1))), c(0.5));
            case "silu" -> op("Div", T, op("Add", op("Exp", op("Neg", T)), c(1)));
            case "square" -> op("Mul", T, T);
            case "cube" -> op("Mul", op("Mul", T, T), T);
            case "hardtanh" -> op("Clip", T, c(-1), c(1));
            case "meromorphic" -> op("Add", T, op("Div", op("Sin", T), op("Add", cos(T), c(2))));
            default -> null;
        };
    }

    /** The slope's name in leaky_relu.theory, which the compositions below carry. */
    private static final String SLOPE = "slope";

    /** max(t, α·t), or max(t, (t·p)/q) when α = p/q is no double but p and q are. */
    private static Expr leakyRelu(Activation a) {
        BigFraction slope = ((Rational) Scalar.parseExact(a.parameters().get(SLOPE))).fraction();
        double d = Fold.exactDouble(slope);
        double p = Fold.exactDouble(new BigFraction(slope.getNumerator()));
        double q = Fold.exactDouble(new BigFraction(slope.getDenominator()));
        if (Double.isNaN(d) && !Double.isNaN(p) && !Double.isNaN(q)) {
            return op("Max", T, op("Div", op("Mul", T, new Param("p", p)), new Param("q", q)));
        }
        return op("Max", T, op("Mul", T, new Param(SLOPE, Double.isNaN(d) ? Fold.round(slope) : d)));
    }

    // ------------------------------------------------------------------ writing

    /**
     * Appends the nodes of {@code a} applied to {@code in}, the last one writing {@code out}. A
     * single op is the node {@code <prefix>_<Op>}; the nodes of a longer expression are
     * {@code <prefix>_<activation>_<k>}, its constants {@code <prefix>.<activation>.c<k>}.
     */
    static void write(GraphProto.Builder g, Activation a, String prefix, String in, String out) {
        Expr e = expression(a);
        if (isSingleOp(e)) {
            String op = ((Op) e).op();
            g.addNode(OnnxWriter.node(op, prefix + "_" + op, List.of(in), out));
            return;
        }
        new Emitter(g, prefix + "_" + a.name(), prefix + "." + a.name(), in).emit(e, out);
    }

    /** One op of the argument alone, such as {@code Relu(X)}: read by its op type, not as a pattern. */
    private static boolean isSingleOp(Expr e) {
        return e instanceof Op o && o.args().size() == 1 && o.args().get(0) instanceof X;
    }

    /** Writes an expression tree once per distinct subexpression object (shared terms stay shared). */
    private static final class Emitter {
        private final GraphProto.Builder g;
        private final String nodePrefix;
        private final String valuePrefix;
        private final String in;
        private final Map<Expr, String> written = new IdentityHashMap<>();
        private int nodes;
        private int constants;

        Emitter(GraphProto.Builder g, String nodePrefix, String valuePrefix, String in) {
            this.g = g;
            this.nodePrefix = nodePrefix;
            this.valuePrefix = valuePrefix;
            this.in = in;
        }

        /** Writes {@code e} (its value named {@code out}, or a fresh name when null); returns the value's name. */
        String emit(Expr e, String out) {
            String done = written.get(e);
            if (done != null) {
                return done;
            }
            String name;
            if (e instanceof X) {
                name = in;
            } else if (e instanceof Op o) {
                List<String> args = new ArrayList<>();
                for (Expr arg : o.args()) {
                    args.add(emit(arg, null));
                }
                nodes++;
                name = out != null ? out : valuePrefix + "." + nodes;
                g.addNode(OnnxWriter.node(o.op(), nodePrefix + "_" + nodes, args, name));
            } else {
                name = valuePrefix + ".c" + (++constants);
                g.addInitializer(OnnxWriter.tensor(name, new long[0],
                        new double[] {e instanceof Const k ? k.value() : ((Param) e).value()}));
            }
            written.put(e, name);
            return name;
        }
    }

    // ------------------------------------------------------------------ reading

    /** A recognised activation: the value it reads, the node whose output is its value, all its nodes. */
    record Match(Activation activation, String input, NodeProto root, Set<NodeProto> nodes) {}

    /** The expressions recognised when reading: those of more than one node (or with constants), largest first. */
    private static final List<Map.Entry<String, Expr>> PATTERNS = patterns();

    private static List<Map.Entry<String, Expr>> patterns() {
        List<Map.Entry<String, Expr>> list = new ArrayList<>();
        for (String name : Nonlinearities.builtins().names()) {
            Activation rho = Nonlinearities.builtins().get(name).activation();
            Expr e = composition(rho);
            if (name.equals("gelu")) {
                e = op("Mul", op("Mul", T, op("Add", op("Erf", op("Div", T, SQRT2_READ)), c(1))), c(0.5));
            }
            if (name.equals("leaky_relu")) {
                list.add(Map.entry(name, op("Max", T, op("Mul", T, new Param(SLOPE, 0)))));
                list.add(Map.entry(name, op("Max", T, op("Div", op("Mul", T, new Param("p", 0)), new Param("q", 0)))));
            } else if (e != null && !isSingleOp(e)) {
                list.add(Map.entry(name, e));
            }
        }
        list.sort(Comparator.comparingInt((Map.Entry<String, Expr> p) -> -size(p.getValue())));
        return List.copyOf(list);
    }

    private static int size(Expr e) {
        return e instanceof Op o ? 1 + o.args().stream().mapToInt(OnnxActivations::size).sum() : 0;
    }

    /** A graph seen from its values: who computes each one, who reads it, which are constants. */
    record Graph(Map<String, NodeProto> producer, Map<String, List<NodeProto>> consumers,
            Map<String, OnnxReader.Tensor> constants, Set<String> outputs) {
        static Graph of(GraphProto g, Map<String, OnnxReader.Tensor> constants) {
            Map<String, NodeProto> producer = new HashMap<>();
            Map<String, List<NodeProto>> consumers = new HashMap<>();
            for (NodeProto n : g.getNodeList()) {
                n.getOutputList().forEach(o -> producer.put(o, n));
                new LinkedHashSet<>(n.getInputList()).forEach(i -> consumers.computeIfAbsent(i, k -> new ArrayList<>()).add(n));
            }
            Set<String> outputs = new LinkedHashSet<>();
            g.getOutputList().forEach(v -> outputs.add(v.getName()));
            return new Graph(producer, consumers, constants, outputs);
        }
    }

    /**
     * The activation expression (of more than one node) whose value is {@code root}'s output, or
     * null. Every node inside it other than the root must be read only inside it.
     *
     * @throws IllegalArgumentException for a leaky ReLU expression whose slope is not in (0, 1)
     */
    static Match match(Graph graph, NodeProto root) {
        for (Map.Entry<String, Expr> p : PATTERNS) {
            Binding b = new Binding();
            if (root.getOutputCount() == 1 && matches(graph, p.getValue(), root.getOutput(0), b) && closed(graph, root, b)) {
                return new Match(activation(p.getKey(), b), b.x, root, b.nodes);
            }
        }
        return null;
    }

    /** The activation a matched composition stands for; the leaky ReLU's slope is the matched constant(s). */
    private static Activation activation(String name, Binding b) {
        Nonlinearity rho = Nonlinearities.builtins().get(name);
        if (!name.equals("leaky_relu")) {
            return rho.activation();
        }
        BigFraction slope = b.params.containsKey(SLOPE) ? new BigFraction(b.params.get(SLOPE))
                : new BigFraction(b.params.get("p")).divide(new BigFraction(b.params.get("q")));
        return rho.withParameters(Map.of(SLOPE, Rational.of(slope)));
    }

    private static boolean closed(Graph graph, NodeProto root, Binding b) {
        for (NodeProto n : b.nodes) {
            if (n != root) {
                for (String out : n.getOutputList()) {
                    if (graph.outputs().contains(out)
                            || !b.nodes.containsAll(graph.consumers().getOrDefault(out, List.of()))) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** What a partial match has fixed: the argument's value name, the parameters, the nodes used. */
    private static final class Binding {
        String x;
        Map<String, Double> params = new HashMap<>();
        Set<NodeProto> nodes = new LinkedHashSet<>();

        Binding copy() {
            Binding b = new Binding();
            b.x = x;
            b.params = new HashMap<>(params);
            b.nodes = new LinkedHashSet<>(nodes);
            return b;
        }

        void set(Binding b) {
            x = b.x;
            params = b.params;
            nodes = b.nodes;
        }
    }

    private static boolean matches(Graph graph, Expr e, String value, Binding b) {
        OnnxReader.Tensor k = graph.constants().get(value);
        if (e instanceof X) {
            if (k != null || (b.x != null && !b.x.equals(value))) {
                return false;
            }
            b.x = value;
            return true;
        }
        if (e instanceof Const c) {
            return k != null && k.size() == 1 && Math.abs(k.data()[0] - c.value()) <= c.tolerance();
        }
        if (e instanceof Param p) {
            if (k == null || k.size() != 1) {
                return false;
            }
            Double seen = b.params.putIfAbsent(p.name(), k.data()[0]);
            return seen == null || seen == k.data()[0];
        }
        Op o = (Op) e;
        NodeProto n = graph.producer().get(value);
        if (k != null || n == null || !n.getOpType().equals(o.op()) || n.getAttributeCount() != 0
                || !(n.getDomain().isEmpty() || n.getDomain().equals("ai.onnx"))
                || n.getInputCount() != o.args().size() || n.getOutputCount() != 1) {
            return false;
        }
        boolean found = matchArgs(graph, o.args(), n.getInputList(), b)
                || (COMMUTATIVE.contains(o.op()) && o.args().size() == 2
                        && matchArgs(graph, List.of(o.args().get(1), o.args().get(0)), n.getInputList(), b));
        if (found) {
            b.nodes.add(n);
        }
        return found;
    }

    /** Matches the arguments in order; on failure {@code b} is left as it was. */
    private static boolean matchArgs(Graph graph, List<Expr> args, List<String> inputs, Binding b) {
        Binding trial = b.copy();
        for (int i = 0; i < args.size(); i++) {
            if (!matches(graph, args.get(i), inputs.get(i), trial)) {
                return false;
            }
        }
        b.set(trial);
        return true;
    }
}
