package org.nnid.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.InvalidProtocolBufferException;
import org.apache.commons.math3.fraction.BigFraction;
import org.nnid.net.Layer;
import org.nnid.net.Network;
import org.nnid.theory.Activation;
import org.nnid.theory.Activations;

/**
 * Reads an ONNX model that is a feed-forward network of one nonlinearity (MATH.md §1): a chain
 * from the one graph input to the one graph output through
 * <ul>
 * <li>linear maps: {@code MatMul} with a constant matrix on either side, {@code Gemm} (alpha,
 *     beta, transB; transA is refused), then {@code Add}/{@code Sub}/{@code Mul}/{@code Div} by
 *     constants;</li>
 * <li>before the first linear map, elementwise {@code Sub}/{@code Add}/{@code Mul}/{@code Div}
 *     by constants (input normalisation), folded into the first layer exactly ({@link Fold});</li>
 * <li>{@code Flatten}, {@code Reshape}, {@code Identity} (row-major order is the order of the
 *     network's inputs), {@code Constant} nodes and initialisers;</li>
 * <li>one activation: {@code Relu}, {@code LeakyRelu} (slope = the exact value of the float
 *     {@code alpha}), {@code Tanh}, {@code Sigmoid}, {@code Sin}, {@code Cos}, {@code Exp},
 *     {@code Softplus}, {@code Abs}, {@code Erf}, {@code Gelu} (exact form), and the erf-based
 *     GELU as PyTorch exports it: {@code Div(x, √2) → Erf → Add 1 → Mul x → Mul ½}.</li>
 * </ul>
 * Anything else (convolutions, branches, a second nonlinearity, two linear maps without a
 * nonlinearity between them) is refused with a one-line message naming the file, the node and its
 * op. Float32 and float64 initialisers become doubles exactly (every float is a double). An
 * activation as the last op makes {@link Network#outputActivation()} true. A declared input box
 * is read back from the metadata entry {@value OnnxWriter#INPUT_BOX_KEY} that {@link OnnxWriter}
 * writes.
 */
public final class OnnxReader {
    static final List<String> SUPPORTED = List.of("MatMul", "Gemm", "Add", "Sub", "Mul", "Div", "Flatten",
            "Reshape", "Identity", "Constant", "Relu", "LeakyRelu", "Tanh", "Sigmoid", "Sin", "Cos", "Exp",
            "Softplus", "Abs", "Erf", "Gelu");

    private OnnxReader() {}

    public static Network read(Path file) {
        String source = file.toString();
        byte[] bytes = NetworkFiles.readBytes(file);
        return read(bytes, source);
    }

    /** Reads a serialised ModelProto; {@code source} names it in errors. */
    public static Network read(byte[] bytes, String source) {
        ModelProto model;
        try {
            model = ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new NetworkFormatException(source, "", "not an ONNX model (" + e.getMessage() + ")", e);
        }
        if (!model.hasGraph()) {
            throw new NetworkFormatException(source, "", "not an ONNX model (no graph)");
        }
        Network net = new Chain(source, model.getGraph()).network();
        for (StringStringEntryProto p : model.getMetadataPropsList()) {
            if (p.getKey().equals(OnnxWriter.INPUT_BOX_KEY)) {
                net = net.withInputBox(InputBoxJson.parse(p.getValue(), net.inputCount(), source,
                        "metadata_props['" + OnnxWriter.INPUT_BOX_KEY + "']"));
            }
        }
        return net;
    }

    /** A constant tensor: its shape and its entries (row-major) as doubles. */
    record Tensor(long[] shape, double[] data) {
        long size() {
            return data.length;
        }
    }

    /** Walks the graph once, in its (topological) node order, keeping the one live data value. */
    private static final class Chain {
        private final String source;
        private final GraphProto graph;
        private final Map<String, Tensor> constants = new HashMap<>();
        private final List<Layer> layers = new ArrayList<>();
        private final Set<String> consumed = new HashSet<>();
        private Activation activation;
        private String activationOp;
        private int inputs;
        /** The name of the live data value and its shape (-1 for a symbolic dimension). */
        private String live;
        private long[] shape;
        /** Width of the current source (the inputs, or the last hidden layer). */
        private int width;
        /** Pending map from the source: elementwise a·x + c, or dense W·x + b. */
        private BigFraction[] a;
        private BigFraction[] c;
        private double[] w;
        private double[] b;
        private boolean afterActivation;
        private NodeProto pendingGeluDiv;
        private final Set<NodeProto> geluRest = new HashSet<>();

        Chain(String source, GraphProto graph) {
            this.source = source;
            this.graph = graph;
        }

        private NetworkFormatException fail(NodeProto node, String problem) {
            return new NetworkFormatException(source, where(node), problem);
        }

        private String where(NodeProto node) {
            String name = node.getName().isEmpty() ? "#" + graph.getNodeList().indexOf(node) : "'" + node.getName() + "'";
            return "node " + name + " (" + node.getOpType() + ")";
        }

        Network network() {
            for (TensorProto t : graph.getInitializerList()) {
                constants.put(t.getName(), tensor(t, "initializer '" + t.getName() + "'"));
            }
            for (NodeProto node : graph.getNodeList()) {
                if (node.getOpType().equals("Constant")) {
                    constants.put(node.getOutput(0), constantNode(node));
                }
            }
            List<ValueInfoProto> dataInputs = graph.getInputList().stream()
                    .filter(v -> !constants.containsKey(v.getName())).toList();
            if (dataInputs.size() != 1) {
                throw new NetworkFormatException(source, "graph.input", "expected one data input, found "
                        + dataInputs.size() + " " + dataInputs.stream().map(ValueInfoProto::getName).toList());
            }
            if (graph.getOutputCount() != 1) {
                throw new NetworkFormatException(source, "graph.output", "expected one output, found "
                        + graph.getOutputCount());
            }
            ValueInfoProto in = dataInputs.get(0);
            live = in.getName();
            shape = inputShape(in);
            long features = features(shape);
            if (features < 1 || features > Integer.MAX_VALUE) {
                throw new NetworkFormatException(source, "graph.input '" + live + "'", "cannot use the input shape "
                        + Arrays.toString(shape));
            }
            inputs = (int) features;
            width = inputs;
            resetElementwise();
            for (NodeProto node : graph.getNodeList()) {
                step(node);
            }
            if (pendingGeluDiv != null || !geluRest.isEmpty()) {
                throw new NetworkFormatException(source, "graph", "the graph ends inside a GELU pattern");
            }
            String out = graph.getOutput(0).getName();
            if (!out.equals(live)) {
                throw new NetworkFormatException(source, "graph.output '" + out + "'",
                        "the output is not computed from the input by a chain of supported nodes");
            }
            return finish();
        }

        private Network finish() {
            boolean outputActivation = false;
            if (w == null && afterActivation && isIdentity()) {
                outputActivation = true; // the last op is the nonlinearity: the last layer is the output layer
            } else {
                if (w == null) {
                    densify();
                }
                layers.add(Layer.of(b.length, width, w, b));
            }
            Activation act = activation == null ? Activations.byName("identity") : activation;
            return Network.layered(act, inputs, layers, outputActivation);
        }

        // ------------------------------------------------------------------- one node

        private void step(NodeProto node) {
            String op = node.getOpType();
            if (geluRest.remove(node)) { // the rest of a recognised GELU pattern
                if (geluRest.isEmpty()) {
                    live = node.getOutput(0);
                }
                return;
            }
            if (!node.getDomain().isEmpty() && !node.getDomain().equals("ai.onnx")) {
                throw fail(node, "op " + node.getDomain() + "." + op + " is not supported");
            }
            if (op.equals("Constant")) {
                return; // read before the walk
            }
            List<String> ins = node.getInputList().stream().filter(s -> !s.isEmpty()).toList();
            boolean usesData = ins.contains(live);
            for (String s : ins) {
                if (!s.equals(live) && !constants.containsKey(s)) {
                    throw fail(node, consumed.contains(s)
                            ? "input '" + s + "' was already used by another node (branches are not supported)"
                            : "input '" + s + "' is neither the network's data nor a constant");
                }
            }
            if (!usesData) {
                if (op.equals("Identity")) {
                    constants.put(node.getOutput(0), constants.get(ins.get(0)));
                    return;
                }
                throw fail(node, "op " + op + " on constants only is not supported (fold it in the exporter)");
            }
            if (pendingGeluDiv != null && !op.equals("Erf")) {
                throw fail(node, "expected Erf after " + where(pendingGeluDiv) + " (GELU pattern)");
            }
            if (node.getOutputCount() != 1) {
                throw fail(node, "expected one output, found " + node.getOutputCount());
            }
            consumed.add(live);
            switch (op) {
                case "Identity" -> { }
                case "Flatten" -> flatten(node);
                case "Reshape" -> reshape(node, ins);
                case "MatMul" -> matMul(node, ins);
                case "Gemm" -> gemm(node, ins);
                case "Add", "Sub", "Mul", "Div" -> elementwise(node, ins);
                case "Relu", "Tanh", "Sigmoid", "Sin", "Cos", "Exp", "Softplus", "Abs", "Gelu", "LeakyRelu" ->
                        activate(node, activationOf(node));
                case "Erf" -> erf(node);
                default -> throw fail(node, "op " + op + " is not supported (nnid reads feed-forward networks of one"
                        + " nonlinearity; supported ops: " + String.join(", ", SUPPORTED) + ")");
            }
            live = node.getOutput(0);
        }

        private Activation activationOf(NodeProto node) {
            switch (node.getOpType()) {
                case "Relu": return Activations.byName("relu");
                case "Tanh": return Activations.byName("tanh");
                case "Sigmoid": return Activations.byName("logistic");
                case "Sin": return Activations.byName("sin");
                case "Cos": return Activations.byName("cos");
                case "Exp": return Activations.byName("exp");
                case "Softplus": return Activations.byName("softplus");
                case "Abs": return Activations.byName("abs");
                case "Gelu": {
                    AttributeProto approx = attribute(node, "approximate");
                    if (approx != null && !approx.getS().toStringUtf8().equals("none")) {
                        throw fail(node, "approximate='" + approx.getS().toStringUtf8()
                                + "' is not supported (only the exact, erf-based GELU)");
                    }
                    return Activations.byName("gelu");
                }
                default: { // LeakyRelu
                    AttributeProto alpha = attribute(node, "alpha");
                    // ONNX's default alpha is the float 0.01f; the slope is the exact value of the float.
                    BigFraction slope = new BigFraction(alpha == null ? (double) 0.01f : (double) alpha.getF());
                    if (slope.compareTo(BigFraction.ZERO) <= 0 || slope.compareTo(BigFraction.ONE) >= 0) {
                        throw fail(node, "alpha " + (alpha == null ? 0.01f : alpha.getF())
                                + " is not a slope strictly between 0 and 1");
                    }
                    return Activations.leakyRelu(slope);
                }
            }
        }

        private void activate(NodeProto node, Activation act) {
            if (activation != null && !activation.equals(act)) {
                throw fail(node, "a second nonlinearity (" + act.name() + " after " + activation.name() + " at "
                        + activationOp + "): nnid networks have one nonlinearity");
            }
            if (w == null) {
                throw fail(node, "a nonlinearity without a linear layer before it is not supported");
            }
            activation = act;
            activationOp = where(node);
            layers.add(Layer.of(b.length, width, w, b));
            width = b.length;
            resetElementwise();
            afterActivation = true;
        }

        /**
         * Erf is the erf activation, or the start of PyTorch's exact GELU
         * {@code Div(x, √2) → Erf → Add 1 → Mul x → Mul ½}, recognised when the Erf's input is the
         * Div just seen (the float √2 = 1.4142135 is read as √2: GELU is meant, not a function
         * 2e-8 away from it).
         */
        private void erf(NodeProto node) {
            if (pendingGeluDiv == null) {
                activate(node, Activations.byName("erf"));
                return;
            }
            String x = pendingGeluDiv.getInput(0);
            NodeProto add = consumer(node.getOutput(0));
            NodeProto mulX = add == null ? null : consumer(add.getOutput(0));
            NodeProto half = mulX == null ? null : consumer(mulX.getOutput(0));
            if (half == null || !isOp(add, "Add", node.getOutput(0), 1.0)
                    || !isMulBy(mulX, add.getOutput(0), x) || !isOp(half, "Mul", mulX.getOutput(0), 0.5)) {
                throw fail(node, "Erf after a Div by √2 that is not the exact GELU pattern"
                        + " Div(x, √2) → Erf → Add 1 → Mul x → Mul 0.5");
            }
            pendingGeluDiv = null;
            activate(node, Activations.byName("gelu"));
            geluRest.addAll(List.of(add, mulX, half));
        }

        /** The one node that reads {@code name}, or null when none or several do. */
        private NodeProto consumer(String name) {
            NodeProto found = null;
            for (NodeProto n : graph.getNodeList()) {
                if (n.getInputList().contains(name)) {
                    if (found != null) {
                        return null;
                    }
                    found = n;
                }
            }
            return found;
        }

        private boolean isOp(NodeProto n, String op, String input, double constant) {
            if (!n.getOpType().equals(op) || n.getInputCount() != 2 || !n.getInputList().contains(input)) {
                return false;
            }
            String other = n.getInput(0).equals(input) ? n.getInput(1) : n.getInput(0);
            Tensor t = constants.get(other);
            return t != null && t.size() == 1 && t.data()[0] == constant;
        }

        private static boolean isMulBy(NodeProto n, String input, String x) {
            return n.getOpType().equals("Mul") && n.getInputCount() == 2 && n.getInputList().contains(input)
                    && n.getInputList().contains(x);
        }

        // ------------------------------------------------------------------- shapes

        private void flatten(NodeProto node) {
            AttributeProto ax = attribute(node, "axis");
            long axis = ax == null ? 1 : ax.getI();
            if (axis < 0) {
                axis += shape.length;
            }
            if (axis < 0 || axis > shape.length) {
                throw fail(node, "axis " + axis + " is out of range for shape " + Arrays.toString(shape));
            }
            shape = new long[] {product(shape, 0, (int) axis), product(shape, (int) axis, shape.length)};
        }

        /** Product of dims [from, to); a symbolic dim makes it symbolic (-1). */
        private static long product(long[] s, int from, int to) {
            long p = 1;
            boolean symbolic = false;
            for (int i = from; i < to; i++) {
                symbolic |= s[i] < 0;
                p *= Math.max(s[i], 1);
            }
            return symbolic ? (p == 1 ? -1 : p) : p;
        }

        private void reshape(NodeProto node, List<String> ins) {
            if (ins.size() != 2 || !ins.get(0).equals(live) || !constants.containsKey(ins.get(1))) {
                throw fail(node, "expected Reshape(data, constant shape)");
            }
            double[] target = constants.get(ins.get(1)).data();
            long[] next = new long[target.length];
            long known = 1;
            int infer = -1;
            for (int i = 0; i < target.length; i++) {
                long d = (long) target[i];
                if (d == 0) {
                    if (i >= shape.length) {
                        throw fail(node, "shape entry 0 at " + i + " copies a dimension the input does not have");
                    }
                    d = shape[i];
                }
                if (d == -1) {
                    if (infer >= 0) {
                        throw fail(node, "more than one -1 in the target shape");
                    }
                    infer = i;
                } else {
                    known *= Math.max(d, 1);
                }
                next[i] = d;
            }
            long total = features(shape);
            if (infer >= 0) {
                if (known == 0 || total % known != 0) {
                    throw fail(node, "cannot reshape " + Arrays.toString(shape) + " to " + Arrays.toString(next));
                }
                next[infer] = total / known;
            } else if (features(next) != total) {
                throw fail(node, "cannot reshape " + Arrays.toString(shape) + " (" + total + " entries) to "
                        + Arrays.toString(next));
            }
            shape = next;
        }

        /** The number of entries, a symbolic (batch) dimension counting as 1. */
        private static long features(long[] s) {
            long p = 1;
            for (long d : s) {
                p *= Math.max(d, 1);
            }
            return p;
        }

        // ------------------------------------------------------------------- linear maps

        private void matMul(NodeProto node, List<String> ins) {
            if (ins.size() != 2) {
                throw fail(node, "expected two inputs");
            }
            boolean dataLeft = ins.get(0).equals(live);
            Tensor m = constants.get(dataLeft ? ins.get(1) : ins.get(0));
            if (m == null || m.shape().length != 2) {
                throw fail(node, "expected a 2-D constant matrix and the data");
            }
            int rows = (int) m.shape()[0];
            int cols = (int) m.shape()[1];
            if (dataLeft) {
                // x[.., n] · M[n, k]: W = Mᵀ, stored M[j][i] at j·k + i.
                requireVector(node, rows, true);
                linear(node, m.data(), cols, rows, 1, cols);
                shape = withLast(shape, cols);
            } else {
                // M[k, n] · x[n] (a column vector, as in ONNX files of VNN-COMP's tests).
                requireVector(node, cols, false);
                linear(node, m.data(), rows, cols, cols, 1);
                shape = shape.length == 1 ? new long[] {rows} : new long[] {rows, 1};
            }
        }

        private void gemm(NodeProto node, List<String> ins) {
            if (ins.size() < 2 || !ins.get(0).equals(live)) {
                throw fail(node, "expected Gemm(data, constant B[, constant C])");
            }
            if (attributeInt(node, "transA", 0) != 0) {
                throw fail(node, "transA=1 on the data is not supported");
            }
            boolean transB = attributeInt(node, "transB", 0) != 0;
            double alpha = attributeFloat(node, "alpha", 1.0);
            double beta = attributeFloat(node, "beta", 1.0);
            Tensor m = constants.get(ins.get(1));
            if (m == null || m.shape().length != 2) {
                throw fail(node, "expected a 2-D constant B");
            }
            int n = (int) m.shape()[transB ? 1 : 0];
            int k = (int) m.shape()[transB ? 0 : 1];
            if (shape.length != 2) {
                throw fail(node, "expected 2-D data, found shape " + Arrays.toString(shape));
            }
            requireVector(node, n, true);
            if (transB) {
                linear(node, m.data(), k, n, n, 1); // W = B, row i at i·n
            } else {
                linear(node, m.data(), k, n, 1, k); // W = Bᵀ
            }
            if (alpha != 1) {
                for (int i = 0; i < w.length; i++) {
                    w[i] *= alpha;
                }
                for (int i = 0; i < k; i++) {
                    b[i] *= alpha;
                }
            }
            shape = new long[] {shape[0], k};
            if (ins.size() == 3) {
                double[] bias = broadcast(node, constants.get(ins.get(2)), shape);
                for (int i = 0; i < k; i++) {
                    b[i] += beta == 1 ? bias[i] : beta * bias[i];
                }
            }
        }

        /** The data must be one vector of n entries along its last (or, for column use, first) axis. */
        private void requireVector(NodeProto node, int n, boolean last) {
            long along = last ? shape[shape.length - 1] : shape[0];
            if (along != n || features(shape) != n) {
                throw fail(node, "the data of shape " + Arrays.toString(shape) + " does not fit a matrix with " + n
                        + (last ? " rows" : " columns") + " (one input vector is expected)");
            }
        }

        /**
         * Applies the k×n matrix whose (i, j) entry is {@code m[i·rowStride + j·colStride]} to the
         * pending map: folded into the elementwise input transformation, or refused after a dense one.
         */
        private void linear(NodeProto node, double[] m, int k, int n, int rowStride, int colStride) {
            if (w != null) {
                throw fail(node, "two linear maps without a nonlinearity between them are not supported");
            }
            if (n != width) {
                throw fail(node, "expected a matrix with " + width + " input entries, found " + n);
            }
            Fold.Factors factors = new Fold.Factors(a);
            double[] nw = new double[k * n];
            double[] nb = new double[k];
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < n; j++) {
                    nw[i * n + j] = factors.apply(m[i * rowStride + j * colStride], j);
                }
                nb[i] = Fold.affine(0.0, m, i * rowStride, colStride, c);
            }
            w = nw;
            b = nb;
            a = null;
            c = null;
            afterActivation = false;
        }

        private void elementwise(NodeProto node, List<String> ins) {
            String op = node.getOpType();
            if (ins.size() != 2 || ins.get(0).equals(ins.get(1))) {
                throw fail(node, "expected the data and one constant");
            }
            boolean dataFirst = ins.get(0).equals(live);
            Tensor t = constants.get(dataFirst ? ins.get(1) : ins.get(0));
            if (op.equals("Div") && !dataFirst) {
                throw fail(node, "division by the data is not supported");
            }
            if (op.equals("Div") && w != null && isSqrt2(t) && geluAhead(node)) {
                pendingGeluDiv = node; // Div(x, √2) of PyTorch's GELU; x is the pending dense map
                return;
            }
            double[] k = broadcast(node, t, shape);
            if (k.length != (w == null ? width : b.length)) {
                throw fail(node, "the constant's " + k.length + " entries do not match the data's "
                        + (w == null ? width : b.length));
            }
            if (w != null) {
                denseElementwise(node, op, dataFirst, k);
            } else {
                for (int j = 0; j < k.length; j++) {
                    BigFraction kj = new BigFraction(k[j]);
                    switch (op) {
                        case "Add" -> c[j] = c[j].add(kj);
                        case "Sub" -> {
                            if (dataFirst) {
                                c[j] = c[j].subtract(kj);
                            } else {
                                a[j] = a[j].negate();
                                c[j] = kj.subtract(c[j]);
                            }
                        }
                        case "Mul" -> {
                            a[j] = a[j].multiply(kj);
                            c[j] = c[j].multiply(kj);
                        }
                        default -> {
                            if (k[j] == 0) {
                                throw fail(node, "division by zero");
                            }
                            a[j] = a[j].divide(kj);
                            c[j] = c[j].divide(kj);
                        }
                    }
                }
            }
        }

        /** After a linear map: each entry's affine function changes by one double operation, as in the graph. */
        private void denseElementwise(NodeProto node, String op, boolean dataFirst, double[] k) {
            int n = width;
            for (int i = 0; i < k.length; i++) {
                switch (op) {
                    case "Add" -> b[i] += k[i];
                    case "Sub" -> {
                        if (dataFirst) {
                            b[i] -= k[i];
                        } else {
                            b[i] = k[i] - b[i];
                            for (int j = 0; j < n; j++) {
                                w[i * n + j] = -w[i * n + j];
                            }
                        }
                    }
                    case "Mul" -> {
                        b[i] *= k[i];
                        for (int j = 0; j < n; j++) {
                            w[i * n + j] *= k[i];
                        }
                    }
                    default -> {
                        if (k[i] == 0) {
                            throw fail(node, "division by zero");
                        }
                        b[i] /= k[i];
                        for (int j = 0; j < n; j++) {
                            w[i * n + j] /= k[i];
                        }
                    }
                }
            }
        }

        private static boolean isSqrt2(Tensor t) {
            return t != null && t.size() == 1 && Math.abs(t.data()[0] - Math.sqrt(2)) <= 2 * Math.ulp(1.4142135f);
        }

        /** True when the one node that reads this Div's output is an Erf. */
        private boolean geluAhead(NodeProto div) {
            NodeProto next = consumer(div.getOutput(0));
            return next != null && next.getOpType().equals("Erf");
        }

        /** Broadcasts a constant to the data's shape (numpy rules); the entries in row-major order. */
        private double[] broadcast(NodeProto node, Tensor t, long[] target) {
            if (t == null) {
                throw fail(node, "expected a constant operand");
            }
            long[] s = t.shape();
            if (s.length > target.length) {
                throw fail(node, "the constant of shape " + Arrays.toString(s) + " does not broadcast to "
                        + Arrays.toString(target));
            }
            long[] full = new long[target.length];
            Arrays.fill(full, 1);
            System.arraycopy(s, 0, full, target.length - s.length, s.length);
            long[] dims = new long[target.length];
            for (int i = 0; i < target.length; i++) {
                dims[i] = Math.max(target[i], 1);
                if (full[i] != 1 && full[i] != dims[i]) {
                    throw fail(node, "the constant of shape " + Arrays.toString(s) + " does not broadcast to "
                            + Arrays.toString(target));
                }
            }
            int total = (int) features(target);
            double[] out = new double[total];
            int[] index = new int[target.length];
            for (int e = 0; e < total; e++) {
                long src = 0;
                for (int i = 0; i < target.length; i++) {
                    src = src * full[i] + (full[i] == 1 ? 0 : index[i]);
                }
                out[e] = t.data()[(int) src];
                for (int i = target.length - 1; i >= 0; i--) {
                    if (++index[i] < dims[i]) {
                        break;
                    }
                    index[i] = 0;
                }
            }
            return out;
        }

        // ------------------------------------------------------------------- state helpers

        private void resetElementwise() {
            a = new BigFraction[width];
            c = new BigFraction[width];
            Arrays.fill(a, BigFraction.ONE);
            Arrays.fill(c, BigFraction.ZERO);
            w = null;
            b = null;
        }

        private boolean isIdentity() {
            for (int j = 0; j < width; j++) {
                if (!a[j].equals(BigFraction.ONE) || !c[j].equals(BigFraction.ZERO)) {
                    return false;
                }
            }
            return true;
        }

        /** An elementwise map as a diagonal layer (each entry rounded once). */
        private void densify() {
            w = new double[width * width];
            b = new double[width];
            for (int j = 0; j < width; j++) {
                w[j * width + j] = Fold.round(a[j]);
                b[j] = Fold.round(c[j]);
            }
        }

        private long[] inputShape(ValueInfoProto in) {
            if (!in.getType().hasTensorType()) {
                throw new NetworkFormatException(source, "graph.input '" + in.getName() + "'", "not a tensor");
            }
            int elem = in.getType().getTensorType().getElemType();
            if (elem != TensorProto.DataType.FLOAT_VALUE && elem != TensorProto.DataType.DOUBLE_VALUE) {
                throw new NetworkFormatException(source, "graph.input '" + in.getName() + "'",
                        "element type " + TensorProto.DataType.forNumber(elem) + " is not FLOAT or DOUBLE");
            }
            TensorShapeProto s = in.getType().getTensorType().getShape();
            long[] dims = new long[s.getDimCount()];
            int symbolic = 0;
            for (int i = 0; i < dims.length; i++) {
                TensorShapeProto.Dimension d = s.getDim(i);
                dims[i] = d.hasDimValue() && d.getDimValue() > 0 ? d.getDimValue() : -1;
                symbolic += dims[i] < 0 ? 1 : 0;
            }
            if (symbolic > 1) {
                throw new NetworkFormatException(source, "graph.input '" + in.getName() + "'",
                        "more than one symbolic dimension in " + Arrays.toString(dims));
            }
            return dims;
        }

        private static long[] withLast(long[] s, long last) {
            long[] r = s.clone();
            r[r.length - 1] = last;
            return r;
        }

        private Tensor constantNode(NodeProto node) {
            AttributeProto v = attribute(node, "value");
            if (v != null && v.hasT()) {
                return tensor(v.getT(), where(node));
            }
            AttributeProto f = attribute(node, "value_float");
            if (f != null) {
                return new Tensor(new long[0], new double[] {f.getF()});
            }
            AttributeProto fs = attribute(node, "value_floats");
            if (fs != null) {
                return new Tensor(new long[] {fs.getFloatsCount()}, fs.getFloatsList().stream().mapToDouble(x -> x).toArray());
            }
            AttributeProto is = attribute(node, "value_ints");
            if (is != null) {
                return new Tensor(new long[] {is.getIntsCount()}, is.getIntsList().stream().mapToDouble(x -> x).toArray());
            }
            AttributeProto i = attribute(node, "value_int");
            if (i != null) {
                return new Tensor(new long[0], new double[] {i.getI()});
            }
            throw fail(node, "a Constant without a supported value attribute");
        }

        private static AttributeProto attribute(NodeProto node, String name) {
            for (AttributeProto a : node.getAttributeList()) {
                if (a.getName().equals(name)) {
                    return a;
                }
            }
            return null;
        }

        private static long attributeInt(NodeProto node, String name, long absent) {
            AttributeProto a = attribute(node, name);
            return a == null ? absent : a.getI();
        }

        private static double attributeFloat(NodeProto node, String name, double absent) {
            AttributeProto a = attribute(node, name);
            return a == null ? absent : a.getF();
        }

        /** A tensor's entries as doubles: FLOAT and DOUBLE exactly, INT32/INT64 (shapes) as integers. */
        private Tensor tensor(TensorProto t, String where) {
            if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
                throw new NetworkFormatException(source, where, "external tensor data is not supported");
            }
            long[] dims = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
            long n = features(dims);
            if (n > Integer.MAX_VALUE - 8) {
                throw new NetworkFormatException(source, where, "tensor too large");
            }
            double[] data = new double[(int) n];
            ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            boolean hasRaw = !t.getRawData().isEmpty();
            int type = t.getDataType();
            int found;
            switch (type) {
                case TensorProto.DataType.FLOAT_VALUE -> {
                    found = hasRaw ? raw.remaining() / 4 : t.getFloatDataCount();
                    for (int i = 0; i < Math.min(found, data.length); i++) {
                        data[i] = hasRaw ? raw.getFloat() : t.getFloatData(i);
                    }
                }
                case TensorProto.DataType.DOUBLE_VALUE -> {
                    found = hasRaw ? raw.remaining() / 8 : t.getDoubleDataCount();
                    for (int i = 0; i < Math.min(found, data.length); i++) {
                        data[i] = hasRaw ? raw.getDouble() : t.getDoubleData(i);
                    }
                }
                case TensorProto.DataType.INT64_VALUE -> {
                    found = hasRaw ? raw.remaining() / 8 : t.getInt64DataCount();
                    for (int i = 0; i < Math.min(found, data.length); i++) {
                        data[i] = hasRaw ? raw.getLong() : t.getInt64Data(i);
                    }
                }
                case TensorProto.DataType.INT32_VALUE -> {
                    found = hasRaw ? raw.remaining() / 4 : t.getInt32DataCount();
                    for (int i = 0; i < Math.min(found, data.length); i++) {
                        data[i] = hasRaw ? raw.getInt() : t.getInt32Data(i);
                    }
                }
                default -> throw new NetworkFormatException(source, where, "tensor type "
                        + TensorProto.DataType.forNumber(type) + " is not supported (FLOAT, DOUBLE, INT32, INT64)");
            }
            if (found != data.length) {
                throw new NetworkFormatException(source, where, "expected " + data.length + " entries for shape "
                        + Arrays.toString(dims) + ", found " + found);
            }
            for (double d : data) {
                if (!Double.isFinite(d)) {
                    throw new NetworkFormatException(source, where, "contains " + d + " (weights must be finite)");
                }
            }
            return new Tensor(dims, data);
        }
    }
}
