package org.nnid.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import org.apache.commons.math3.fraction.BigFraction;
import org.nnid.net.Layer;
import org.nnid.net.Network;
import org.nnid.net.NetworkBuilder;
import org.nnid.scalar.Rational;
import org.nnid.scalar.Scalar;
import org.nnid.activation.Activation;
import org.nnid.activation.Activations;

/**
 * Reads an ONNX model that is a feed-forward network of one nonlinearity (docs/math.md §1). First each
 * activation expression of several nodes that {@link OnnxWriter} writes ({@link OnnxActivations},
 * including the erf-based GELU as PyTorch exports it, {@code Div(x, √2) → Erf → Add 1 → Mul x →
 * Mul ½}) is recognised and stands for its activation. Then the graph is either a chain from the
 * one graph input to the one graph output through
 * <ul>
 * <li>linear maps: {@code MatMul} with a constant matrix on either side, {@code Gemm} (alpha,
 *     beta, transB; transA is refused), then {@code Add}/{@code Sub}/{@code Mul}/{@code Div} by
 *     constants;</li>
 * <li>before the first linear map, elementwise {@code Sub}/{@code Add}/{@code Mul}/{@code Div}
 *     by constants (input normalisation), folded into the first layer exactly ({@link Fold});</li>
 * <li>{@code Flatten}, {@code Reshape}, {@code Identity} (row-major order is the order of the
 *     network's inputs), {@code Constant} nodes and initialisers;</li>
 * <li>one activation: an operator a built-in theory file lists under {@code onnx} ({@code Relu},
 *     {@code Tanh}, {@code Sigmoid}, {@code LeakyRelu} with slope = the exact value of the float
 *     {@code alpha}, {@code Gelu} with {@code approximate} none, …; {@link Nonlinearities}), a
 *     recognised expression, or an {@code Identity} right after a linear map that is followed by
 *     another linear map or ends the graph (the identity activation);</li>
 * </ul>
 * or, when some value is read by several nodes, a graph of the shape {@link OnnxWriter} writes for
 * a DAG (see {@code Dag}). Anything else (convolutions, other branches, a second nonlinearity, two
 * linear maps without a nonlinearity between them) is refused with a one-line message naming the
 * file, the node and its op. Float32 and float64 initialisers become doubles exactly (every float
 * is a double). An activation as the last op makes {@link Network#outputActivation()} true. The
 * metadata entries {@value OnnxWriter#NODE_IDS_KEY} (node ids) and {@value OnnxWriter#INPUT_BOX_KEY}
 * (a declared input box) that {@link OnnxWriter} writes are read back.
 */
public final class OnnxReader {
    /** The ops of the graph's structure; the activations' ops come from the theory files. */
    private static final List<String> STRUCTURE = List.of("MatMul", "Gemm", "Add", "Sub", "Mul", "Div", "Flatten",
            "Reshape", "Identity", "Constant");

    /** Every op the reader takes: the structure's, then each built-in theory's ONNX spellings. */
    static List<String> supported() {
        List<String> ops = new ArrayList<>(STRUCTURE);
        Nonlinearities.builtins().onnxOps().stream().filter(op -> !ops.contains(op)).forEach(ops::add);
        return ops;
    }

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
        Walk prepared = new Walk(source, model.getGraph());
        Network net = prepared.branches() ? new Dag(prepared).network() : new Chain(prepared).network();
        for (StringStringEntryProto p : model.getMetadataPropsList()) {
            if (p.getKey().equals(OnnxWriter.NODE_IDS_KEY)) {
                net = withNodeIds(net, p.getValue(), source);
            }
        }
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

    /**
     * A graph prepared for reading: its constants (initialisers, {@code Constant} nodes) read, and
     * each activation expression of several nodes ({@link OnnxActivations#match}) replaced by one
     * node of domain {@value #PATTERN_DOMAIN} whose op type is the activation's name.
     */
    /** The most input features a model may announce (its elementwise maps hold a few numbers per feature). */
    static final long MAX_INPUT_FEATURES = 1 << 24;
    /** The widest elementwise map written as a dense diagonal layer (width² doubles). */
    static final int MAX_DIAGONAL_WIDTH = 8192;

    private static class Walk {
        static final String PATTERN_DOMAIN = "org.nnid.pattern";
        final String source;
        final GraphProto graph;
        final Map<String, Tensor> constants;
        /** The activation of each pattern node, by its output. */
        final Map<String, Activation> patterns;
        /** The index in the file of each node of {@link #graph} (pattern nodes: their last node). */
        private final Map<NodeProto, Integer> fileIndex;

        Walk(String source, GraphProto file) {
            this.source = source;
            this.constants = new HashMap<>();
            this.patterns = new HashMap<>();
            this.fileIndex = new IdentityHashMap<>();
            for (TensorProto t : file.getInitializerList()) {
                constants.put(t.getName(), tensor(t, "initializer '" + t.getName() + "'"));
            }
            for (int i = 0; i < file.getNodeCount(); i++) {
                NodeProto node = file.getNode(i);
                fileIndex.put(node, i);
                if (node.getOpType().equals("Constant")) {
                    constants.put(node.getOutput(0), constantNode(node));
                }
            }
            this.graph = collapse(file);
        }

        Walk(Walk prepared) {
            source = prepared.source;
            graph = prepared.graph;
            constants = prepared.constants;
            patterns = prepared.patterns;
            fileIndex = prepared.fileIndex;
        }

        /** The graph with each recognised activation expression as one node, found from the last node back. */
        private GraphProto collapse(GraphProto file) {
            OnnxActivations.Graph view = OnnxActivations.Graph.of(file, constants);
            Map<NodeProto, OnnxActivations.Match> roots = new IdentityHashMap<>();
            Set<NodeProto> claimed = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            for (int i = file.getNodeCount() - 1; i >= 0; i--) {
                NodeProto node = file.getNode(i);
                if (claimed.contains(node)) {
                    continue;
                }
                OnnxActivations.Match m;
                try {
                    m = OnnxActivations.match(view, node);
                } catch (IllegalArgumentException | ArithmeticException e) {
                    throw fail(node, e.getMessage());
                }
                if (m != null && m.nodes().stream().noneMatch(claimed::contains)) {
                    claimed.addAll(m.nodes());
                    roots.put(node, m);
                }
            }
            if (roots.isEmpty()) {
                return file;
            }
            GraphProto.Builder g = file.toBuilder().clearNode();
            for (NodeProto node : file.getNodeList()) {
                OnnxActivations.Match m = roots.get(node);
                if (m != null) {
                    NodeProto pattern = NodeProto.newBuilder().setOpType(m.activation().name()).setDomain(PATTERN_DOMAIN)
                            .setName(node.getName()).addInput(m.input()).addOutput(node.getOutput(0)).build();
                    g.addNode(pattern);
                    patterns.put(node.getOutput(0), m.activation());
                } else if (!claimed.contains(node)) {
                    g.addNode(node);
                }
            }
            GraphProto collapsed = g.build();
            Map<String, Integer> byOutput = new HashMap<>();
            fileIndex.forEach((n, i) -> byOutput.put(n.getOutputCount() > 0 ? n.getOutput(0) : "", i));
            for (NodeProto n : collapsed.getNodeList()) {
                fileIndex.put(n, byOutput.get(n.getOutputCount() > 0 ? n.getOutput(0) : ""));
            }
            return collapsed;
        }

        boolean isPattern(NodeProto node) {
            return node.getDomain().equals(PATTERN_DOMAIN);
        }

        /** True when some data value (not a constant) is read by more than one node. */
        boolean branches() {
            Map<String, Integer> readers = new HashMap<>();
            for (NodeProto n : graph.getNodeList()) {
                for (String in : new HashSet<>(n.getInputList())) {
                    if (!in.isEmpty() && !constants.containsKey(in) && readers.merge(in, 1, Integer::sum) > 1) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** The one graph input that is not a constant; checks that there is one graph output. */
        ValueInfoProto dataInput() {
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
            return dataInputs.get(0);
        }

        /** The number of the network's inputs: the entries of one data sample. */
        int inputWidth(ValueInfoProto in, long[] shape) {
            long features = features(shape);
            if (features > MAX_INPUT_FEATURES) {
                throw new NetworkFormatException(source, "graph.input '" + in.getName() + "'", "the input shape "
                        + Arrays.toString(shape) + " announces more than nnid's budget of " + MAX_INPUT_FEATURES + " features");
            }
            if (features < 1) {
                throw new NetworkFormatException(source, "graph.input '" + in.getName() + "'", "cannot use the input shape "
                        + Arrays.toString(shape));
            }
            return (int) features;
        }

        NetworkFormatException fail(NodeProto node, String problem) {
            return new NetworkFormatException(source, where(node), problem);
        }

        String where(NodeProto node) {
            String name = node.getName().isEmpty() ? "#" + fileIndex.get(node) : "'" + node.getName() + "'";
            return "node " + name + " (" + node.getOpType() + ")";
        }

        /** Whether the op is one a built-in theory file spells its nonlinearity with (its {@code onnx}). */
        static boolean isActivationOp(NodeProto node) {
            return node.getDomain().isEmpty() && Nonlinearities.builtins().onnxOp(node.getOpType()).isPresent();
        }

        /**
         * The activation of an operator a theory file spells its nonlinearity with: its float
         * attributes give the parameters (their exact values; ONNX's default when absent), and its
         * string attributes must be as the file says.
         */
        Activation activationOf(NodeProto node) {
            Nonlinearities.Spelled spelled = Nonlinearities.builtins().onnxOp(node.getOpType()).orElseThrow();
            Nonlinearity rho = spelled.nonlinearity();
            OnnxSpelling spelling = spelled.spelling();
            for (Map.Entry<String, String> required : spelling.attributes().entrySet()) {
                AttributeProto a = attribute(node, required.getKey());
                if (a != null && !a.getS().toStringUtf8().equals(required.getValue())) {
                    throw fail(node, required.getKey() + "='" + a.getS().toStringUtf8() + "' is not supported (only "
                            + required.getKey() + "='" + required.getValue() + "')");
                }
            }
            Map<String, Scalar> values = new LinkedHashMap<>();
            for (Map.Entry<String, OnnxSpelling.FloatAttribute> p : spelling.parameters().entrySet()) {
                OnnxSpelling.FloatAttribute attr = p.getValue();
                AttributeProto a = attribute(node, attr.name());
                if (a == null && attr.onnxDefault().isEmpty()) {
                    throw fail(node, "attribute " + attr.name() + " (the " + p.getKey() + ") is missing");
                }
                float f = a == null ? attr.onnxDefault().get() : a.getF();
                Rational value = Rational.ofExactDouble(f); // the exact value of the float
                if (!rho.allows(p.getKey(), value)) {
                    throw fail(node, attr.name() + " " + f + rho.openInterval(p.getKey())
                            .map(r -> " is not a " + p.getKey() + " " + r).orElse(" does not satisfy " + rho.condition()));
                }
                values.put(p.getKey(), value);
            }
            try {
                return rho.withParameters(values);
            } catch (IllegalArgumentException e) {
                throw fail(node, e.getMessage());
            }
        }

        /** The number of entries, a symbolic (batch) dimension counting as 1. */
        /** The product of the dims (symbolic ones count 1), Long.MAX_VALUE beyond 2^31. */
        static long features(long[] s) {
            long p = 1;
            for (long d : s) {
                p = p > Integer.MAX_VALUE || d > Integer.MAX_VALUE ? Long.MAX_VALUE : p * Math.max(d, 1);
            }
            return p;
        }

        long[] inputShape(ValueInfoProto in) {
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

        Tensor constantNode(NodeProto node) {
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

        static AttributeProto attribute(NodeProto node, String name) {
            for (AttributeProto a : node.getAttributeList()) {
                if (a.getName().equals(name)) {
                    return a;
                }
            }
            return null;
        }

        static long attributeInt(NodeProto node, String name, long absent) {
            AttributeProto a = attribute(node, name);
            return a == null ? absent : a.getI();
        }

        static double attributeFloat(NodeProto node, String name, double absent) {
            AttributeProto a = attribute(node, name);
            return a == null ? absent : a.getF();
        }

        private static boolean isSupported(int type) {
            return type == TensorProto.DataType.FLOAT_VALUE || type == TensorProto.DataType.DOUBLE_VALUE
                    || type == TensorProto.DataType.INT64_VALUE || type == TensorProto.DataType.INT32_VALUE;
        }

        /** A tensor's entries as doubles: FLOAT and DOUBLE exactly, INT32/INT64 (shapes) as integers. */
        Tensor tensor(TensorProto t, String where) {
            if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
                throw new NetworkFormatException(source, where, "external tensor data is not supported");
            }
            long[] dims = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
            long n = 1;
            for (long d : dims) {
                if (d < 0) {
                    throw new NetworkFormatException(source, where, "dimension " + d + " in shape " + Arrays.toString(dims)
                            + " is negative");
                }
                n = n > Integer.MAX_VALUE || d > Integer.MAX_VALUE ? Long.MAX_VALUE : n * d;
            }
            ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            boolean hasRaw = !t.getRawData().isEmpty();
            int type = t.getDataType();
            int held = switch (type) { // the entries the file holds, compared before the announced ones are allocated
                case TensorProto.DataType.FLOAT_VALUE -> hasRaw ? raw.remaining() / 4 : t.getFloatDataCount();
                case TensorProto.DataType.DOUBLE_VALUE -> hasRaw ? raw.remaining() / 8 : t.getDoubleDataCount();
                case TensorProto.DataType.INT64_VALUE -> hasRaw ? raw.remaining() / 8 : t.getInt64DataCount();
                case TensorProto.DataType.INT32_VALUE -> hasRaw ? raw.remaining() / 4 : t.getInt32DataCount();
                default -> 0;
            };
            if (isSupported(type) && n > held) {
                throw new NetworkFormatException(source, where, "shape " + Arrays.toString(dims) + " announces "
                        + (n == Long.MAX_VALUE ? "more than 2^31" : n) + " entries, the file holds " + held);
            }
            double[] data = new double[isSupported(type) ? (int) n : 0];
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

    /** Walks the graph once, in its (topological) node order, keeping the one live data value. */
    private static final class Chain extends Walk {
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
        /** An Identity node right after a linear map: the identity activation if a linear map or the end follows. */
        private NodeProto pendingIdentity;

        Chain(Walk prepared) {
            super(prepared);
        }

        Network network() {
            ValueInfoProto in = dataInput();
            live = in.getName();
            shape = inputShape(in);
            inputs = inputWidth(in, shape);
            width = inputs;
            resetElementwise();
            for (NodeProto node : graph.getNodeList()) {
                step(node);
            }
            String out = graph.getOutput(0).getName();
            if (!out.equals(live)) {
                throw new NetworkFormatException(source, "graph.output '" + out + "'",
                        "the output is not computed from the input by a chain of supported nodes");
            }
            return finish();
        }

        private Network finish() {
            if (pendingIdentity != null && (activation == null || activation.name().equals("identity"))) {
                activate(pendingIdentity, Activations.byName("identity")); // an Identity after the last map: ρ at the outputs
            }
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
            if (!node.getDomain().isEmpty() && !node.getDomain().equals("ai.onnx") && !isPattern(node)) {
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
            if (node.getOutputCount() != 1) {
                throw fail(node, "expected one output, found " + node.getOutputCount());
            }
            consumed.add(live);
            if (isPattern(node)) {
                activate(node, patterns.get(node.getOutput(0)));
                pendingIdentity = null;
                live = node.getOutput(0);
                return;
            }
            switch (op) {
                case "Identity" -> { }
                case "Flatten" -> flatten(node);
                case "Reshape" -> reshape(node, ins);
                case "MatMul" -> matMul(node, ins);
                case "Gemm" -> gemm(node, ins);
                case "Add", "Sub", "Mul", "Div" -> elementwise(node, ins);
                default -> {
                    if (!isActivationOp(node)) {
                        throw fail(node, "op " + op + " is not supported (nnid reads feed-forward networks of one"
                                + " nonlinearity; supported ops: " + String.join(", ", supported()) + ")");
                    }
                    activate(node, activationOf(node));
                }
            }
            pendingIdentity = op.equals("Identity") && w != null ? node : null;
            live = node.getOutput(0);
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
            if (w != null && pendingIdentity != null) {
                activate(pendingIdentity, Activations.byName("identity"));
                pendingIdentity = null;
            }
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
            if (width > MAX_DIAGONAL_WIDTH) {
                throw new NetworkFormatException(source, "graph", "an elementwise map on " + width + " features would"
                        + " become a diagonal layer of " + width + "² weights, beyond nnid's budget of "
                        + MAX_DIAGONAL_WIDTH + " features");
            }
            w = new double[width * width];
            b = new double[width];
            for (int j = 0; j < width; j++) {
                w[j * width + j] = Fold.round(a[j]);
                b[j] = Fold.round(c[j]);
            }
        }

        private static long[] withLast(long[] s, long last) {
            long[] r = s.clone();
            r[r.length - 1] = last;
            return r;
        }

    }

    /**
     * Reads a graph with branches as {@link OnnxWriter} writes a network that is not layered: the
     * only data ops are {@code MatMul(v, W)} of the input or of an activation's value v by a
     * constant matrix, {@code Add} of such products and of one bias vector, and activations. Each
     * activation makes a group of hidden nodes ({@code h<group>_<i>}); the graph output is the
     * outputs' pre-activations, or their activation (then {@link Network#outputActivation()}).
     */
    private static final class Dag extends Walk {
        /** A sum of products from groups (group → its weights, row-major [rows, width of the group]) plus a bias. */
        private record Affine(int rows, Map<Integer, double[]> terms, double[] bias) {}

        private final List<Integer> widths = new ArrayList<>();
        private final List<Affine> hidden = new ArrayList<>();
        private final Map<String, Integer> groupValues = new HashMap<>();
        private final Map<String, Affine> affines = new HashMap<>();
        private Activation activation;
        private String activationOp;

        Dag(Walk prepared) {
            super(prepared);
        }

        Network network() {
            ValueInfoProto in = dataInput();
            long[] shape = inputShape(in);
            int inputs = inputWidth(in, shape);
            if (shape.length != 2 || shape[1] != inputs) {
                throw new NetworkFormatException(source, "graph.input '" + in.getName() + "'", "a graph with branches"
                        + " needs the input shape [N, " + inputs + "], found " + Arrays.toString(shape));
            }
            widths.add(inputs);
            groupValues.put(in.getName(), 0);
            for (NodeProto node : graph.getNodeList()) {
                if (!node.getOpType().equals("Constant") || !node.getDomain().isEmpty()) {
                    step(node);
                }
            }
            String out = graph.getOutput(0).getName();
            Affine outputs = affines.remove(out);
            boolean outputActivation = false;
            if (outputs == null) {
                Integer g = groupValues.get(out);
                if (g == null || g == 0 || g != hidden.size()) {
                    throw new NetworkFormatException(source, "graph.output '" + out + "'",
                            "not the last activation or a sum of MatMul's and a bias (a graph with branches must be"
                            + " an nnid network: MatMul, Add, one activation)");
                }
                outputs = hidden.remove(hidden.size() - 1);
                outputActivation = true;
            }
            if (!affines.isEmpty()) {
                throw new NetworkFormatException(source, "graph", "the values " + new java.util.TreeSet<>(affines.keySet())
                        + " are computed but not used");
            }
            return build(inputs, outputs, outputActivation);
        }

        private void step(NodeProto node) {
            String op = node.getOpType();
            if (node.getOutputCount() != 1) {
                throw fail(node, "expected one output, found " + node.getOutputCount());
            }
            List<String> ins = node.getInputList();
            String out = node.getOutput(0);
            if (op.equals("MatMul") && node.getDomain().isEmpty() && ins.size() == 2 && groupValues.containsKey(ins.get(0))) {
                int g = groupValues.get(ins.get(0));
                Tensor m = constants.get(ins.get(1));
                if (m == null || m.shape().length != 2 || m.shape()[0] != widths.get(g)) {
                    throw fail(node, "expected a constant matrix of shape [" + widths.get(g) + ", k] after '"
                            + ins.get(0) + "'");
                }
                int k = (int) m.shape()[1];
                int n = widths.get(g);
                double[] w = new double[k * n];
                for (int i = 0; i < k; i++) {
                    for (int j = 0; j < n; j++) {
                        w[i * n + j] = m.data()[j * k + i]; // W = Mᵀ
                    }
                }
                Map<Integer, double[]> terms = new TreeMap<>();
                terms.put(g, w);
                affines.put(out, new Affine(k, terms, null));
            } else if (op.equals("Add") && node.getDomain().isEmpty() && ins.size() == 2 && affines.containsKey(ins.get(0))) {
                affines.put(out, add(node, take(node, ins.get(0)), ins.get(1)));
            } else if (ins.size() == 1 && affines.containsKey(ins.get(0)) && (isPattern(node) || op.equals("Identity")
                    || Walk.isActivationOp(node))) {
                Activation act = isPattern(node) ? patterns.get(out)
                        : op.equals("Identity") ? Activations.byName("identity") : activationOf(node);
                if (activation != null && !activation.equals(act)) {
                    throw fail(node, "a second nonlinearity (" + act.name() + " after " + activation.name() + " at "
                            + activationOp + "): nnid networks have one nonlinearity");
                }
                activation = act;
                activationOp = where(node);
                Affine a = take(node, ins.get(0));
                hidden.add(a);
                widths.add(a.rows());
                groupValues.put(out, hidden.size());
            } else {
                throw fail(node, "op " + (isPattern(node) ? "(" + op + " pattern)" : op) + " on these inputs " + ins
                        + " is not supported in a graph with branches (nnid reads its own export: MatMul of the input"
                        + " or of an activation by a constant, Add of those and a bias, one activation)");
            }
        }

        /** The affine value {@code name}, which no other node may read. */
        private Affine take(NodeProto node, String name) {
            Affine a = affines.remove(name);
            if (a == null) {
                throw fail(node, "input '" + name + "' was already used by another node");
            }
            return a;
        }

        private Affine add(NodeProto node, Affine a, String other) {
            Affine b = affines.containsKey(other) ? take(node, other) : null;
            Tensor t = constants.get(other);
            if (b != null) {
                if (b.rows() != a.rows() || (a.bias() != null && b.bias() != null)
                        || b.terms().keySet().stream().anyMatch(a.terms()::containsKey)) {
                    throw fail(node, "expected a sum of products from different groups, of equal width, with one bias");
                }
                Map<Integer, double[]> terms = new TreeMap<>(a.terms());
                terms.putAll(b.terms());
                return new Affine(a.rows(), terms, a.bias() != null ? a.bias() : b.bias());
            }
            if (t == null || a.bias() != null || t.size() != a.rows()
                    || (t.shape().length > 1 && !(t.shape().length == 2 && t.shape()[0] == 1))) {
                throw fail(node, "expected one bias vector of " + a.rows() + " entries, or another product");
            }
            return new Affine(a.rows(), a.terms(), t.data());
        }

        private Network build(int inputs, Affine outputs, boolean outputActivation) {
            List<List<String>> ids = new ArrayList<>();
            ids.add(Network.defaultInputNames(inputs));
            for (int g = 1; g <= hidden.size(); g++) {
                List<String> group = new ArrayList<>();
                for (int i = 0; i < widths.get(g); i++) {
                    group.add(Network.hiddenId(g, i));
                }
                ids.add(group);
            }
            Activation act = activation == null ? Activations.byName("identity") : activation;
            NetworkBuilder b = Network.builder(act, ids.get(0)).outputActivation(outputActivation);
            for (int g = 1; g <= hidden.size(); g++) {
                for (int i = 0; i < widths.get(g); i++) {
                    b.hidden(ids.get(g).get(i), bias(hidden.get(g - 1), i), incoming(hidden.get(g - 1), i, ids));
                }
            }
            for (int i = 0; i < outputs.rows(); i++) {
                b.output(Network.outputId(i), bias(outputs, i), incoming(outputs, i, ids));
            }
            return b.build();
        }

        private static Scalar bias(Affine a, int i) {
            return Scalar.of(a.bias() == null ? 0.0 : a.bias()[i]);
        }

        private Map<String, Scalar> incoming(Affine a, int i, List<List<String>> ids) {
            Map<String, Scalar> in = new LinkedHashMap<>();
            a.terms().forEach((g, w) -> {
                int n = widths.get(g);
                for (int j = 0; j < n; j++) {
                    if (w[i * n + j] != 0) {
                        in.put(ids.get(g).get(j), Scalar.of(w[i * n + j]));
                    }
                }
            });
            return in;
        }
    }

    /**
     * The network with the ids of the metadata entry {@value OnnxWriter#NODE_IDS_KEY}: a JSON object
     * from each id the reader gave to the network's own id.
     */
    private static Network withNodeIds(Network net, String json, String source) {
        String where = "metadata_props['" + OnnxWriter.NODE_IDS_KEY + "']";
        Map<String, String> ids = new HashMap<>();
        try {
            JsonNode root = new ObjectMapper().readTree(json);
            if (root == null || !root.isObject()) {
                throw new NetworkFormatException(source, where, "expected a JSON object from ids to ids");
            }
            root.fields().forEachRemaining(e -> {
                if (!e.getValue().isTextual()) {
                    throw new NetworkFormatException(source, NetworkJson.key(where, e.getKey()), "expected a string");
                }
                ids.put(e.getKey(), e.getValue().textValue());
            });
        } catch (JsonProcessingException e) {
            throw new NetworkFormatException(source, where, "not valid JSON: " + e.getOriginalMessage(), e);
        }
        for (int v = 0; v < net.nodeCount(); v++) {
            if (!ids.containsKey(net.id(v))) {
                throw new NetworkFormatException(source, where, "no entry for node " + net.id(v));
            }
        }
        if (ids.size() != net.nodeCount()) {
            throw new NetworkFormatException(source, where, "expected " + net.nodeCount() + " entries (one per node), found "
                    + ids.size());
        }
        try {
            NetworkBuilder b = Network.builder(net.activation(), net.inputNames().stream().map(ids::get).toList())
                    .outputActivation(net.outputActivation());
            for (int v = net.inputCount(); v < net.nodeCount(); v++) {
                if (net.isHidden(v)) {
                    b.hidden(ids.get(net.id(v)), net.bias(v), renamed(net, v, ids));
                }
            }
            for (int o : net.outputNodes()) {
                b.output(ids.get(net.id(o)), net.bias(o), renamed(net, o, ids));
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new NetworkFormatException(source, where, e.getMessage(), e);
        }
    }

    private static Map<String, Scalar> renamed(Network net, int v, Map<String, String> ids) {
        Map<String, Scalar> in = new LinkedHashMap<>();
        net.incoming(v).forEach((src, w) -> in.put(ids.get(net.id(src)), w));
        return in;
    }
}
