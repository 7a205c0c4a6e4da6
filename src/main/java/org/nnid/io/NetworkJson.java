package org.nnid.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.nnid.net.GraphException;
import org.nnid.net.GraphValidator;
import org.nnid.net.InputBox;
import org.nnid.net.Layer;
import org.nnid.net.Network;
import org.nnid.net.NetworkBuilder;
import org.nnid.scalar.DoubleScalar;
import org.nnid.scalar.Rational;
import org.nnid.scalar.Scalar;
import org.nnid.scalar.ScalarArray;
import org.nnid.scalar.ScalarFormatException;
import org.nnid.symja.SymjaException;
import org.nnid.activation.Activation;

/**
 * The JSON network format {@value #FORMAT}, a public contract. Two forms:
 *
 * <pre>{@code
 * {"format": "nnid-network/1", "activation": "tanh", "inputs": 2,
 *  "layers": [ {"weights": [[1, -2], [0.5, "1/3"]], "bias": [0.1, "-Pi/4"]},
 *              {"weights": [[3, -1]], "bias": [0.25]} ]}
 *
 * {"format": "nnid-network/1", "activation": "relu", "inputs": ["x1", "x2"],
 *  "nodes": [ {"id": "h1", "bias": 0.5, "in": {"x1": 1, "x2": -2}},
 *             {"id": "y", "output": true, "bias": 0, "in": {"h1": 3}} ]}
 * }</pre>
 *
 * <p>Layered form: each layer maps the previous one (the inputs for the first) by W·z + b; all but
 * the last apply the activation; {@code inputs} is a count and nodes get the default ids
 * (x1.., h1_1.., y1..). General form (skip connections, sparse graphs, docs/math.md §1): {@code inputs}
 * is a count (names x1..xn) or a list of names; nodes come in any order; the outputs are the nodes
 * marked {@code "output": true}, in file order; {@code bias} defaults to an exact 0 and {@code in}
 * to no edges.
 *
 * <p>Values: a JSON number is a double; a JSON string is an exact value ({@link Scalar#parseExact}:
 * {@code "1/3"}, {@code "0.1"} = 1/10, {@code "-Pi/4"}). {@code activation} is the name or an alias
 * of a built-in theory ({@link Nonlinearities}), or an object such as {@code {"name": "leaky_relu",
 * "slope": "1/5"}} whose other keys are the theory's parameters (its file's {@code parameters}). A
 * parameter is a rational: given as a JSON number it is the exact value of that double (0.25 is
 * 1/4, but 0.2 is 3602879701896397/18014398509481984), so write one fifth as {@code "1/5"}. {@code "format"} is optional; {@code "output_activation": true}
 * applies the activation at the outputs too. The optional {@code "input_box": {"lower": [..],
 * "upper": [..]}} declares the domain the network is meant for ({@link InputBox}, e.g. an NNet
 * file's input clipping); files without it read, and networks without it write, as before.
 *
 * <p>Reading is strict, because a typo that passes silently changes the function: unknown keys,
 * duplicate keys, NaN and infinities, and shape mismatches are all {@link NetworkFormatException}s
 * whose one-line message names the file, the JSON path and the problem. Writing is deterministic
 * and lossless: {@code parse(write(n), ...)} equals {@code n}.
 */
public final class NetworkJson {
    public static final String FORMAT = "nnid-network/1";

    /** More inputs than this cannot be a network anyone means to load (names alone take gigabytes). */
    static final long MAX_INPUTS = 100_000_000L;
    /** Inputs a short file may declare without weights on them (unused inputs are allowed). */
    static final long INPUTS_WITHOUT_WEIGHTS = 1_000_000L;

    private static long fileSize(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0; // the read that follows says why
        }
    }

    private static final List<String> TOP_KEYS =
            List.of("format", "activation", "output_activation", "inputs", "input_box", "layers", "nodes");
    private static final List<String> LAYER_KEYS = List.of("weights", "bias");
    private static final List<String> NODE_KEYS = List.of("id", "output", "bias", "in");

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER) // correctly rounded, and several times faster
            // Jackson would otherwise quote the document into its messages, over several lines.
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // Every fraction or exponent read from its text, so that 1e-400 is not silently 0 (DoubleLiterals).
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamReadFeature.USE_FAST_BIG_NUMBER_PARSER)
            .nodeFactory(DoubleLiterals.INSTANCE)
            .build();

    private static final Pattern JACKSON_LOCATION =
            Pattern.compile("\\[Source: [^\\]]*?; line: (-?\\d+), column: (-?\\d+)\\]");
    private static final Pattern JACKSON_DUPLICATE = Pattern.compile("Duplicate field '(.*)'");
    private static final Pattern JACKSON_NON_NUMBER = Pattern.compile("Non-standard token '([^']*)'.*");
    private static final Pattern NON_FINITE =
            Pattern.compile("(?i)[+-]?\\s*(nan|inf|infinity|complexinfinity|indeterminate)");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private NetworkJson() {}

    // ------------------------------------------------------------------------------- reading

    /** Reads a network file; the file name in error messages is {@code file} as given. */
    public static Network read(Path file) {
        String source = file.toString();
        if (Files.isDirectory(file)) {
            throw new NetworkFormatException(source, "", "is a directory, not a network file");
        }
        FileBudget.check(file);
        JsonNode root;
        try (InputStream in = Files.newInputStream(file)) {
            root = MAPPER.readTree(in);
        } catch (NoSuchFileException e) {
            throw new NetworkFormatException(source, "", "no such file", e);
        } catch (AccessDeniedException e) {
            throw new NetworkFormatException(source, "", "cannot read the file (permission denied)", e);
        } catch (JsonProcessingException e) {
            throw syntaxError(source, e);
        } catch (IOException e) {
            throw new NetworkFormatException(source, "", "cannot read the file: " + e.getMessage(), e);
        }
        return new Reader(source, fileSize(file)).network(root);
    }

    /** Parses a document; {@code sourceName} is the file name used in error messages. */
    public static Network parse(String json, String sourceName) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw syntaxError(sourceName, e);
        }
        return new Reader(sourceName, json.length()).network(root);
    }

    /** Jackson's message, reduced to one line with our "line L, column C" location. */
    private static NetworkFormatException syntaxError(String source, JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        String where = loc == null || loc.getLineNr() < 1 ? ""
                : "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
        String problem = e.getOriginalMessage() == null ? "malformed JSON" : e.getOriginalMessage();
        Matcher dup = JACKSON_DUPLICATE.matcher(problem);
        Matcher nonNumber = JACKSON_NON_NUMBER.matcher(problem);
        if (dup.matches()) {
            // The parser stands inside the object that repeats the key: name that object.
            String in = e.getProcessor() instanceof JsonParser p && p.getParsingContext() != null
                    ? path(p.getParsingContext().getParent()) : "";
            problem = "duplicate key '" + dup.group(1) + "'" + (in.isEmpty() ? "" : " in " + in);
        } else if (nonNumber.matches()) {
            problem = "'" + nonNumber.group(1) + "' is not a JSON number (weights and biases must be finite)";
        } else if (problem.startsWith("Trailing token")) {
            problem = "unexpected content after the end of the JSON document";
        }
        problem = JACKSON_LOCATION.matcher(problem).replaceAll("line $1, column $2");
        return new NetworkFormatException(source, where, problem, e);
    }

    /** Our JSON path ({@code layers[0].bias}) of a Jackson parsing context. */
    private static String path(JsonStreamContext context) {
        List<JsonStreamContext> chain = new ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            chain.add(c);
        }
        Collections.reverse(chain);
        String where = "";
        for (JsonStreamContext c : chain) {
            if (c.inArray()) {
                where = index(where, Math.max(c.getCurrentIndex(), 0));
            } else if (c.getCurrentName() != null) {
                where = key(where, c.getCurrentName());
            }
        }
        return where;
    }

    static String key(String where, String key) {
        if (IDENTIFIER.matcher(key).matches()) {
            return where.isEmpty() ? key : where + "." + key;
        }
        return where + "[" + quote(key) + "]";
    }

    static String index(String where, int i) {
        return where + "[" + i + "]";
    }

    /**
     * Rejects a network whose weights would take more than half of the heap, before they are
     * allocated: an out-of-memory error in the middle of a read says nothing about the file.
     */
    static void checkMemory(String source, String where, long weights, long maxMemory) {
        long bytes = weights > Long.MAX_VALUE / 8 ? Long.MAX_VALUE : weights * 8;
        if (bytes > maxMemory / 2) {
            throw new NetworkFormatException(source, where, weights + " weights need " + bytes
                    + " bytes, more than half of the " + maxMemory + " bytes this JVM may use (raise -Xmx)");
        }
    }

    /** One document being read; knows the source name for messages. */
    private static final class Reader {
        private final String source;
        /** The document's length: what it may announce (a count of inputs) is bounded by it. */
        private final long length;

        Reader(String source, long length) {
            this.source = source;
            this.length = length;
        }

        private NetworkFormatException fail(String where, String problem) {
            return new NetworkFormatException(source, where, problem);
        }

        private NetworkFormatException fail(String where, String problem, Throwable cause) {
            return new NetworkFormatException(source, where, problem, cause);
        }

        Network network(JsonNode root) {
            if (root == null || root.isMissingNode()) {
                throw fail("", "empty document (expected a JSON object)");
            }
            if (!root.isObject()) {
                throw fail("", "expected a JSON object at the top level, found " + describe(root));
            }
            checkKeys(root, "", TOP_KEYS);
            JsonNode format = root.get("format");
            if (format != null && !(format.isTextual() && format.textValue().equals(FORMAT))) {
                throw fail("format", "unsupported format " + show(format) + " (this version reads \"" + FORMAT + "\")");
            }
            Activation activation = activation(required(root, "", "activation"));
            boolean outputActivation = bool(root, "", "output_activation", false);
            JsonNode layers = root.get("layers");
            JsonNode nodes = root.get("nodes");
            if (layers != null && nodes != null) {
                throw fail("", "both \"layers\" and \"nodes\" are present (a network is given in one form)");
            }
            if (layers == null && nodes == null) {
                throw fail("", "missing key \"layers\" (layered form) or \"nodes\" (general form)");
            }
            JsonNode inputs = required(root, "", "inputs");
            Network net = layers != null ? layered(activation, outputActivation, inputs, layers)
                    : general(activation, outputActivation, inputs, nodes);
            JsonNode box = root.get("input_box");
            return box == null ? net : net.withInputBox(InputBoxJson.read(box, net.inputCount(), source, "input_box"));
        }

        // ---------------------------------------------------------------- activation

        /** A name, or {"name": ..., parameters}: the parameters are the theory file's ({@code parameters}). */
        private Activation activation(JsonNode node) {
            if (node.isTextual()) {
                return nonlinearity(node.textValue(), "activation").activation();
            }
            if (!node.isObject()) {
                throw fail("activation", "expected a name or an object {\"name\": ..., parameters}, found "
                        + describe(node));
            }
            JsonNode name = required(node, "activation", "name");
            if (!name.isTextual()) {
                throw fail("activation.name", "expected a string, found " + describe(name));
            }
            Nonlinearity rho = nonlinearity(name.textValue(), "activation.name");
            Map<String, Scalar> values = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                String where = key("activation", p.getKey());
                if (p.getKey().equals("name")) {
                    continue;
                }
                if (!rho.parameters().containsKey(p.getKey())) {
                    throw fail(where, rho.parameters().isEmpty()
                            ? "unknown key ('" + rho.name() + "' has no parameters)"
                            : "unknown parameter of '" + rho.name() + "' (known: "
                                    + String.join(", ", new TreeSet<>(rho.parameters().keySet())) + ")");
                }
                values.put(p.getKey(), parameter(rho, p.getKey(), p.getValue(), where));
            }
            try {
                return rho.withParameters(values);
            } catch (IllegalArgumentException e) {
                throw fail("activation", e.getMessage(), e);
            }
        }

        /** A built-in theory by name or alias ({@link Nonlinearities}); unknown names list the known ones. */
        private Nonlinearity nonlinearity(String name, String where) {
            try {
                return Nonlinearities.builtins().get(name);
            } catch (IllegalArgumentException e) {
                throw fail(where, e.getMessage(), e);
            }
        }

        /**
         * A parameter's value: a JSON number is the exact value of that double, a string a rational
         * such as "1/5"; it must satisfy the theory's condition.
         */
        private Scalar parameter(Nonlinearity rho, String name, JsonNode node, String where) {
            Rational value;
            if (node.isNumber()) {
                // A JSON number is a double; the parameter is its exact value (documented on the class).
                value = Rational.ofExactDouble(finite(node, where));
            } else if (node.isTextual()) {
                if (!(exact(node.textValue(), where) instanceof Rational r)) {
                    throw fail(where, "the " + name + " must be a rational number, found '" + node.textValue() + "'");
                }
                value = r;
            } else {
                throw fail(where, "expected a number or a string, found " + describe(node));
            }
            if (!rho.allows(name, value)) {
                throw fail(where, "the " + name + " must " + rho.requirement(name) + ", found " + show(node));
            }
            return value;
        }

        // ---------------------------------------------------------------- layered form

        private Network layered(Activation activation, boolean outputActivation, JsonNode inputsNode, JsonNode layersNode) {
            if (!inputsNode.isNumber()) {
                throw fail("inputs", "expected the number of inputs (the layered form names them x1..xn;"
                        + " use \"nodes\" for other names), found " + describe(inputsNode));
            }
            int inputs = inputCount(inputsNode);
            array(layersNode, "layers");
            if (layersNode.isEmpty()) {
                throw fail("layers", "expected at least one layer (the last one is the output layer)");
            }
            // First the shapes, so that the size is known, and checked, before any weight is stored.
            long total = 0;
            int width = inputs;
            for (int l = 0; l < layersNode.size(); l++) {
                String where = index("layers", l);
                JsonNode layer = object(layersNode.get(l), where);
                checkKeys(layer, where, LAYER_KEYS);
                JsonNode weights = array(required(layer, where, "weights"), where + ".weights");
                JsonNode bias = array(required(layer, where, "bias"), where + ".bias");
                if (weights.isEmpty()) {
                    throw fail(where + ".weights", "expected at least one row (a layer needs at least one node)");
                }
                for (int r = 0; r < weights.size(); r++) {
                    String rowWhere = index(where + ".weights", r);
                    int found = array(weights.get(r), rowWhere).size();
                    if (found != width) {
                        throw fail(rowWhere, "expected " + entries(width) + ", found " + found);
                    }
                }
                if (bias.size() != weights.size()) {
                    throw fail(where + ".bias", "expected " + entries(weights.size()) + ", found " + bias.size());
                }
                long count = (long) weights.size() * width;
                if (count > Integer.MAX_VALUE - 8) {
                    throw fail(where + ".weights", weights.size() + "×" + width
                            + " weights are more than one layer can hold (" + (Integer.MAX_VALUE - 8) + ")");
                }
                total += count;
                width = weights.size();
            }
            checkMemory(source, "layers", total, Runtime.getRuntime().maxMemory());

            List<Layer> layers = new ArrayList<>(layersNode.size());
            width = inputs;
            for (int l = 0; l < layersNode.size(); l++) {
                String where = index("layers", l);
                JsonNode layer = layersNode.get(l);
                JsonNode weights = layer.get("weights");
                int rows = weights.size();
                layers.add(new Layer(rows, width, values(weights, true, width, where + ".weights"),
                        values(layer.get("bias"), false, rows, where + ".bias")));
                width = rows;
            }
            return Network.layered(activation, inputs, layers, outputActivation);
        }

        /**
         * The entries of a matrix (an array of rows of {@code cols} entries) or of a vector, row-major.
         * All-number data goes straight into a {@code double[]}, so that a dense network with
         * millions of weights costs eight bytes a weight and no boxing.
         */
        private ScalarArray values(JsonNode array, boolean matrix, int cols, String where) {
            int rows = matrix ? array.size() : 1;
            boolean allNumbers = true;
            for (int r = 0; r < rows && allNumbers; r++) {
                JsonNode row = matrix ? array.get(r) : array;
                for (int j = 0; j < row.size() && allNumbers; j++) {
                    allNumbers = row.get(j).isNumber();
                }
            }
            int n = matrix ? rows * cols : array.size();
            double[] doubles = allNumbers ? new double[n] : null;
            Scalar[] scalars = allNumbers ? null : new Scalar[n];
            int k = 0;
            for (int r = 0; r < rows; r++) {
                JsonNode row = matrix ? array.get(r) : array;
                String rowWhere = matrix ? index(where, r) : where;
                for (int j = 0; j < row.size(); j++, k++) {
                    JsonNode e = row.get(j);
                    if (allNumbers) {
                        double v = e.doubleValue();
                        doubles[k] = Double.isFinite(v) && !e.isBigDecimal() ? v : finite(e, index(rowWhere, j));
                    } else {
                        scalars[k] = scalar(e, index(rowWhere, j));
                    }
                }
            }
            return allNumbers ? ScalarArray.wrapDoubles(doubles) : ScalarArray.of(scalars);
        }

        // ---------------------------------------------------------------- general form

        /** A node as read, before the graph is checked. */
        private record NodeSpec(String id, boolean output, Scalar bias, Map<String, Scalar> in) {}

        private Network general(Activation activation, boolean outputActivation, JsonNode inputsNode, JsonNode nodesNode) {
            // The graph's rules are net's (GraphValidator); the reader declares each piece where it
            // meets it, so that the first error in the file is the one reported, at its location.
            GraphValidator graph = new GraphValidator();
            List<String> inputNames = inputNames(inputsNode, graph);
            array(nodesNode, "nodes");

            // Ids, output flags and the number of edges first: the size check precedes the values.
            long edges = 0;
            for (int i = 0; i < nodesNode.size(); i++) {
                String where = index("nodes", i);
                JsonNode node = object(nodesNode.get(i), where);
                checkKeys(node, where, NODE_KEYS);
                JsonNode idNode = required(node, where, "id");
                if (!idNode.isTextual() || idNode.textValue().isEmpty()) {
                    throw fail(where + ".id", "expected a non-empty string, found " + describe(idNode));
                }
                String id = idNode.textValue();
                declare(() -> graph.node(id));
                if (bool(node, where, "output", false)) {
                    graph.output(id);
                }
                JsonNode in = node.get("in");
                if (in != null) {
                    edges += object(in, where + ".in").size();
                }
            }
            declare(graph::requireOutput);
            checkMemory(source, "nodes", edges, Runtime.getRuntime().maxMemory());

            List<NodeSpec> specs = new ArrayList<>(nodesNode.size());
            for (int i = 0; i < nodesNode.size(); i++) {
                String where = index("nodes", i);
                JsonNode node = nodesNode.get(i);
                JsonNode biasNode = node.get("bias");
                Scalar bias = biasNode == null ? Scalar.ZERO : scalar(biasNode, where + ".bias");
                Map<String, Scalar> in = new LinkedHashMap<>();
                JsonNode inNode = node.get("in");
                if (inNode != null) {
                    for (Iterator<Map.Entry<String, JsonNode>> it = inNode.fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> e = it.next();
                        in.put(e.getKey(), scalar(e.getValue(), key(where + ".in", e.getKey())));
                    }
                }
                specs.add(new NodeSpec(node.get("id").textValue(), bool(node, where, "output", false), bias, in));
            }

            // The builder checks the edges and cycles by the same rules; nodes keep their file positions.
            try {
                NetworkBuilder builder = Network.builder(activation, inputNames).outputActivation(outputActivation);
                for (NodeSpec s : specs) {
                    builder.node(s.id(), s.output(), s.bias(), s.in());
                }
                return builder.build();
            } catch (GraphException e) {
                throw located(e);
            } catch (IllegalArgumentException e) {
                throw fail("nodes", e.getMessage(), e); // the builder's message names the node
            }
        }

        /** Runs one declaration to the graph's check; a broken rule becomes this reader's located message. */
        private void declare(Runnable declaration) {
            try {
                declaration.run();
            } catch (GraphException e) {
                throw located(e);
            }
        }

        /** The reader's message for a broken graph rule, at the place in the file (positions are file order). */
        private NetworkFormatException located(GraphException e) {
            GraphException.Problem problem = e.problem();
            if (problem instanceof GraphException.DuplicateInput d) {
                return fail(index("inputs", d.position()), d.message());
            }
            if (problem instanceof GraphException.DuplicateId d) {
                String where = index("nodes", d.position()) + ".id";
                return fail(where, d.message() + (d.earlier().isEmpty() ? " (it is an input name)"
                        : " (also used by " + index("nodes", d.earlier().getAsInt()) + ")"));
            }
            if (problem instanceof GraphException.UnknownSource u) {
                return fail(edgeWhere(u.position(), u.source()), "unknown node '" + u.source() + "'");
            }
            if (problem instanceof GraphException.EdgeFromOutput o) {
                return fail(edgeWhere(o.position(), o.source()),
                        "edge from output node '" + o.source() + "' (outputs feed nothing; add a hidden node)");
            }
            if (problem instanceof GraphException.SelfEdge self) {
                return fail(edgeWhere(self.position(), self.node()),
                        "edge from node '" + self.node() + "' to itself (the graph must be acyclic)");
            }
            if (problem instanceof GraphException.NoOutput) {
                return fail("nodes", "no node is marked \"output\": true (a network needs at least one output)");
            }
            GraphException.Cycle cycle = (GraphException.Cycle) problem;
            return fail("nodes", "node '" + cycle.node() + "' lies on a cycle (" + String.join(" -> ", cycle.path()) + ")");
        }

        private static String edgeWhere(int node, String source) {
            return key(index("nodes", node) + ".in", source);
        }

        /** The input names, each declared to the graph. */
        private List<String> inputNames(JsonNode node, GraphValidator graph) {
            if (node.isNumber()) {
                List<String> names = Network.defaultInputNames(inputCount(node));
                names.forEach(graph::input);
                return names;
            }
            if (!node.isArray()) {
                throw fail("inputs", "expected a count or a list of names, found " + describe(node));
            }
            List<String> names = new ArrayList<>(node.size());
            for (int i = 0; i < node.size(); i++) {
                JsonNode name = node.get(i);
                String where = index("inputs", i);
                if (!name.isTextual() || name.textValue().isEmpty()) {
                    throw fail(where, "expected a non-empty string, found " + describe(name));
                }
                declare(() -> graph.input(name.textValue()));
                names.add(name.textValue());
            }
            return names;
        }

        /** A count; a JSON 2.0 is 2. */
        private int inputCount(JsonNode node) {
            if (!node.canConvertToExactIntegral()) {
                throw fail("inputs", "expected a whole number, found " + show(node));
            }
            BigInteger n = node.bigIntegerValue();
            if (n.signum() < 0) {
                throw fail("inputs", "expected a count of at least 0, found " + n);
            }
            long budget = Math.min(MAX_INPUTS, Math.max(INPUTS_WITHOUT_WEIGHTS, length));
            if (n.compareTo(BigInteger.valueOf(budget)) > 0) {
                throw fail("inputs", n + " inputs are more than a file of " + length + " characters justifies (nnid"
                        + " accepts " + INPUTS_WITHOUT_WEIGHTS + ", or one per character of a larger file, at most "
                        + MAX_INPUTS + ")");
            }
            return n.intValue();
        }

        // ---------------------------------------------------------------- values and types

        private Scalar scalar(JsonNode node, String where) {
            if (node.isNumber()) {
                return Scalar.of(finite(node, where));
            }
            if (node.isTextual()) {
                return exact(node.textValue(), where);
            }
            throw fail(where, "expected a number or a string, found " + describe(node));
        }

        private double finite(JsonNode number, String where) {
            if (number.isBigDecimal()) {
                throw fail(where, DoubleLiterals.problem(number.decimalValue()));
            }
            double v = number.doubleValue();
            if (!Double.isFinite(v)) {
                throw fail(where, DoubleLiterals.problem(new java.math.BigDecimal(number.bigIntegerValue())));
            }
            return v;
        }

        private Scalar exact(String text, String where) {
            if (NON_FINITE.matcher(text.strip()).matches()) {
                throw fail(where, "not a finite number: '" + text + "' (weights and biases must be finite)");
            }
            try {
                return Scalar.parseExact(text);
            } catch (ScalarFormatException e) {
                throw fail(where, e.getMessage(), e);
            } catch (SymjaException | IllegalArgumentException | ArithmeticException e) {
                throw fail(where, "unparsable exact value '" + text + "'", e);
            }
        }

        private boolean bool(JsonNode parent, String where, String key, boolean absent) {
            JsonNode node = parent.get(key);
            if (node == null) {
                return absent;
            }
            if (!node.isBoolean()) {
                throw fail(key(where, key), "expected true or false, found " + describe(node));
            }
            return node.booleanValue();
        }

        private JsonNode required(JsonNode parent, String where, String key) {
            JsonNode node = parent.get(key);
            if (node == null) {
                throw fail(where, "missing key \"" + key + "\"");
            }
            return node;
        }

        private JsonNode array(JsonNode node, String where) {
            if (!node.isArray()) {
                throw fail(where, "expected an array, found " + describe(node));
            }
            return node;
        }

        private JsonNode object(JsonNode node, String where) {
            if (!node.isObject()) {
                throw fail(where, "expected an object, found " + describe(node));
            }
            return node;
        }

        /** Unknown keys are errors: a misspelt "output_activaton" must not silently mean false. */
        private void checkKeys(JsonNode object, String where, List<String> known) {
            for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!known.contains(k)) {
                    throw fail(key(where, k), "unknown key (known: " + String.join(", ", known) + ")");
                }
            }
        }
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT, POJO -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "nothing";
        };
    }

    private static String entries(int n) {
        return n == 1 ? "1 entry" : n + " entries";
    }

    /** A value for a message, kept short. */
    private static String show(JsonNode node) {
        String s = node.isTextual() ? "'" + node.textValue() + "'" : node.toString();
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    // ------------------------------------------------------------------------------- writing

    /** The document for a network: the layered form when it is stored as layers, else the general form. */
    public static String write(Network net) {
        StringBuilder out = new StringBuilder();
        try {
            new Printer(out).network(net);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not throw
        }
        return out.toString();
    }

    /** The same document as {@link #write(Network)}, appended to {@code out} piece by piece. */
    public static void write(Network net, Appendable out) throws IOException {
        new Printer(out).network(net);
    }

    /**
     * Writes to a temporary file in the same directory, forces it to disk and moves it over
     * {@code file} atomically, so that a crash or a full disk never leaves a half-written network.
     *
     * @throws UncheckedIOException naming the file when it cannot be written
     */
    public static void write(Network net, Path file) {
        AtomicFile.write(file, out -> {
            Writer w = new BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            new Printer(w).network(net);
            w.flush();
        });
    }

    /** A small deterministic printer: one line per matrix row and per node. */
    private static final class Printer {
        private final Appendable out;

        Printer(Appendable out) {
            this.out = out;
        }

        void network(Network net) throws IOException {
            out.append("{\n  \"format\": ").append(quote(FORMAT)).append(",\n  \"activation\": ");
            activation(net.activation());
            if (net.outputActivation()) {
                out.append(",\n  \"output_activation\": true");
            }
            List<Layer> layers = net.asLayers().orElse(null);
            if (layers != null) {
                out.append(",\n  \"inputs\": ").append(Integer.toString(net.inputCount()));
            } else {
                out.append(",\n  \"inputs\": [");
                for (int i = 0; i < net.inputCount(); i++) {
                    out.append(i == 0 ? "" : ", ").append(quote(net.inputNames().get(i)));
                }
                out.append("]");
            }
            if (net.inputBox().isPresent()) {
                out.append(",\n  \"input_box\": ").append(InputBoxJson.write(net.inputBox().get()));
            }
            if (layers != null) {
                layers(layers);
            } else {
                nodes(net);
            }
            out.append("\n}\n");
        }

        private void activation(Activation a) throws IOException {
            if (a.parameters().isEmpty()) {
                out.append(quote(a.name()));
                return;
            }
            out.append("{\"name\": ").append(quote(a.name()));
            for (Map.Entry<String, String> p : new TreeMap<>(a.parameters()).entrySet()) {
                out.append(", ").append(quote(p.getKey())).append(": ").append(quote(p.getValue()));
            }
            out.append("}");
        }

        private void layers(List<Layer> layers) throws IOException {
            out.append(",\n  \"layers\": [");
            for (int l = 0; l < layers.size(); l++) {
                Layer layer = layers.get(l);
                out.append(l == 0 ? "\n" : ",\n").append("    {\n      \"weights\": [");
                for (int r = 0; r < layer.rows(); r++) {
                    out.append(r == 0 ? "\n" : ",\n").append("        ");
                    vector(layer.weights(), r * layer.cols(), layer.cols());
                }
                out.append("\n      ],\n      \"bias\": ");
                vector(layer.bias(), 0, layer.rows());
                out.append("\n    }");
            }
            out.append("\n  ]");
        }

        private void vector(ScalarArray a, int from, int length) throws IOException {
            out.append('[');
            for (int i = from; i < from + length; i++) {
                if (i > from) {
                    out.append(", ");
                }
                if (a instanceof ScalarArray.Doubles) {
                    out.append(Double.toString(a.getDouble(i)));
                } else {
                    scalar(a.get(i));
                }
            }
            out.append(']');
        }

        /**
         * Nodes in global index order (topological), edges ascending by source. Outputs keep their
         * output order: they fill the output positions in turn, which is harmless since outputs
         * feed nothing, and needed because the file order of outputs is their order.
         */
        private void nodes(Network net) throws IOException {
            out.append(",\n  \"nodes\": [");
            int nextOutput = 0;
            for (int v = net.inputCount(); v < net.nodeCount(); v++) {
                int node = net.isOutput(v) ? net.outputNode(nextOutput++) : v;
                out.append(v == net.inputCount() ? "\n" : ",\n").append("    {\"id\": ").append(quote(net.id(node)));
                if (net.isOutput(node)) {
                    out.append(", \"output\": true");
                }
                out.append(", \"bias\": ");
                scalar(net.bias(node));
                out.append(", \"in\": {");
                boolean first = true;
                for (Map.Entry<Integer, Scalar> e : net.incoming(node).entrySet()) {
                    out.append(first ? "" : ", ").append(quote(net.id(e.getKey()))).append(": ");
                    scalar(e.getValue());
                    first = false;
                }
                out.append("}}");
            }
            out.append("\n  ]");
        }

        /** Doubles as JSON numbers (Double.toString reads back to the same double); exact values as strings. */
        private void scalar(Scalar s) throws IOException {
            if (s instanceof DoubleScalar d) {
                out.append(Double.toString(d.value()));
            } else {
                out.append(quote(s.toText()));
            }
        }
    }

    /** A JSON string literal. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
