package org.nnid.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.commons.math3.fraction.BigFraction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nnid.net.Examples;
import org.nnid.net.Layer;
import org.nnid.net.Network;
import org.nnid.scalar.DoubleScalar;
import org.nnid.scalar.Rational;
import org.nnid.scalar.Scalar;
import org.nnid.scalar.Symbolic;
import org.nnid.activation.Activations;

/** The JSON format is a public contract: these tests are its specification. */
class NetworkJsonTest {

    static final String LAYERED = """
            {"format": "nnid-network/1", "activation": "tanh", "inputs": 2,
             "layers": [ {"weights": [[1, -2], [0.5, "1/3"]], "bias": [0.1, "-Pi/4"]},
                         {"weights": [[3, -1]], "bias": [0.25]} ]}
            """;

    static final String GENERAL = """
            {"format": "nnid-network/1", "activation": "relu", "inputs": ["x1", "x2"],
             "nodes": [ {"id": "h1", "bias": 0.5, "in": {"x1": 1, "x2": -2}},
                        {"id": "h2", "bias": 0, "in": {"h1": 2, "x1": 1}},
                        {"id": "y", "output": true, "bias": 0, "in": {"h2": 3, "h1": -1}} ]}
            """;

    private static Network roundTrip(Network n) {
        return NetworkJson.parse(NetworkJson.write(n), "written.json");
    }

    // ------------------------------------------------------------------ reading and round trips

    /** The one test that starts Symja (for "-Pi/4"). */
    @Test
    void layeredExampleKeepsExactStringsExactAndRoundTrips() {
        Network n = NetworkJson.parse(LAYERED, "net.json");
        Layer first = n.asLayers().orElseThrow().get(0);
        assertInstanceOf(DoubleScalar.class, first.weight(1, 0));
        assertEquals(Scalar.of(0.5), first.weight(1, 0));
        assertEquals(Scalar.of(1, 3), first.weight(1, 1));
        assertInstanceOf(Rational.class, first.weight(1, 1));
        assertInstanceOf(Symbolic.class, first.bias().get(1));
        assertTrue(first.bias().get(1).isExact());
        assertEquals(-Math.PI / 4, first.bias().get(1).toDouble(), 1e-15);
        assertEquals(Scalar.of(1.0), first.weight(0, 0), "a JSON integer is a double");

        String written = NetworkJson.write(n);
        assertTrue(written.contains("\"layers\"") && !written.contains("\"nodes\""), written);
        assertEquals(n, NetworkJson.parse(written, "written.json"));
        assertEquals(written, NetworkJson.write(NetworkJson.parse(written, "written.json")), "a fixed point");
    }

    @Test
    void unparsableExactValueNamesItsLocation() {
        String json = """
                {"activation": "tanh", "inputs": 1, "layers": [{"weights": [[1], [2]], "bias": [0, "Pi+"]},
                 {"weights": [[1, 1]], "bias": [0]}]}""";
        assertEquals("net.json: layers[0].bias[1]: unparsable exact value 'Pi+'", message(json));
    }

    @Test
    void generalExampleRoundTripsInTheGeneralForm() {
        Network n = NetworkJson.parse(GENERAL, "net.json");
        assertEquals(List.of("x1", "x2"), n.inputNames());
        assertEquals(List.of("y"), n.outputIds());
        assertEquals(3, n.depth());
        assertEquals(Scalar.of(0.0), n.bias(n.indexOf("y")), "a JSON 0 is a double zero");

        String written = NetworkJson.write(n);
        assertTrue(written.contains("\"nodes\"") && !written.contains("\"layers\""), written);
        assertTrue(written.contains("{\"id\": \"y\", \"output\": true, \"bias\": 0.0, \"in\": {\"h1\": -1.0, \"h2\": 3.0}}"),
                written);
        assertEquals(n, roundTrip(n));
    }

    @Test
    void generalFormDefaultsAndFileOrderOfOutputs() {
        Network n = NetworkJson.parse("""
                {"activation": "tanh", "inputs": 1, "nodes": [
                  {"id": "b", "output": true, "in": {"h": 1}},
                  {"id": "a", "output": true, "in": {"x1": "1/2"}},
                  {"id": "h", "in": {"x1": 1}},
                  {"id": "c", "output": true}]}""", "net.json");
        assertEquals(List.of("b", "a", "c"), n.outputIds(), "outputs in file order");
        assertEquals(Scalar.ZERO, n.bias(n.indexOf("b")), "an omitted bias is an exact 0");
        assertEquals(Map.of(), n.incoming(n.indexOf("c")));
        assertEquals(n, roundTrip(n), "output order survives the writer's topological node order");
    }

    @Test
    void leakyReluSlopeAndOutputActivationRoundTrip() {
        Network n = NetworkJson.parse("""
                {"activation": {"name": "leaky_relu", "slope": "1/5"}, "output_activation": true,
                 "inputs": 1, "layers": [{"weights": [[2]], "bias": [0]}, {"weights": [[1]], "bias": ["1/3"]}]}""",
                "net.json");
        assertEquals(Activations.leakyRelu(new BigFraction(1, 5)), n.activation());
        assertTrue(n.outputActivation());
        String written = NetworkJson.write(n);
        assertTrue(written.contains("\"activation\": {\"name\": \"leaky_relu\", \"slope\": \"1/5\"}"), written);
        assertTrue(written.contains("\"output_activation\": true"), written);
        assertEquals(n, roundTrip(n));
        assertFalse(roundTrip(n.withOutputActivation(false)).outputActivation());
    }

    @Test
    void numericSlopeIsTheExactValueOfTheDouble() {
        Network n = NetworkJson.parse("""
                {"activation": {"name": "LeakyReLU", "slope": 0.25}, "inputs": 1,
                 "layers": [{"weights": [[1]], "bias": [0]}]}""", "net.json");
        assertEquals(Activations.leakyRelu(new BigFraction(1, 4)), n.activation());
    }

    @Test
    void skipConnectionNetworkIsWrittenInTheGeneralFormAndLayeredInTheLayeredForm() {
        Network layered = Network.layered(Activations.byName("logistic"), 2, List.of(
                Layer.of(2, 2, new double[] {1, -2, 0.1, 3e-7}, new double[] {0, 1e21}),
                Layer.of(1, 2, new double[] {-0.0, 1.0 / 3}, new double[] {-4})), false);
        String written = NetworkJson.write(layered);
        assertEquals("""
                {
                  "format": "nnid-network/1",
                  "activation": "logistic",
                  "inputs": 2,
                  "layers": [
                    {
                      "weights": [
                        [1.0, -2.0],
                        [0.1, 3.0E-7]
                      ],
                      "bias": [0.0, 1.0E21]
                    },
                    {
                      "weights": [
                        [0.0, 0.3333333333333333]
                      ],
                      "bias": [-4.0]
                    }
                  ]
                }
                """, written);
        assertEquals(layered, roundTrip(layered));

        Network skip = Network.builder(Activations.byName("tanh"), List.of("a", "b"))
                .hidden("h", Scalar.of(1, 2), Map.of("a", Scalar.of(2)))
                .output("out", Scalar.of(0.0), Map.of("h", Scalar.of(1.5), "b", Scalar.of(-1)))
                .build();
        assertEquals("""
                {
                  "format": "nnid-network/1",
                  "activation": "tanh",
                  "inputs": ["a", "b"],
                  "nodes": [
                    {"id": "h", "bias": "1/2", "in": {"a": "2"}},
                    {"id": "out", "output": true, "bias": 0.0, "in": {"b": "-1", "h": 1.5}}
                  ]
                }
                """, NetworkJson.write(skip));
        assertEquals(skip, roundTrip(skip));
    }

    @Test
    void bundledExampleE7ReadsAsTheCodedOne() throws IOException {
        try (InputStream in = NetworkJson.class.getResourceAsStream("/org/nnid/examples/e7.json")) {
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(Examples.e7(), NetworkJson.parse(json, "e7.json"));
        }
    }

    @Test
    void writeIsDeterministicAtomicAndReadable(@TempDir Path dir) throws IOException {
        Network n = NetworkJson.parse(GENERAL, "net.json");
        Path file = dir.resolve("net.json");
        NetworkJson.write(n, file);
        byte[] first = Files.readAllBytes(file);
        NetworkJson.write(NetworkJson.read(file), file);
        assertEquals(new String(first, StandardCharsets.UTF_8), Files.readString(file));
        assertEquals(NetworkJson.write(n), NetworkJson.write(NetworkJson.parse(GENERAL, "again.json")));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
        assertEquals(n, NetworkJson.read(file));

        Path nowhere = dir.resolve("no/such/dir/net.json");
        java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class, () -> NetworkJson.write(n, nowhere));
        assertEquals(nowhere + ": cannot write (no such directory)", e.getMessage());
    }

    @Test
    void doubleLayersAreReadIntoFlatArrays() {
        int width = 120;
        StringBuilder b = new StringBuilder("{\"activation\": \"tanh\", \"inputs\": " + width + ", \"layers\": [");
        for (int l = 0; l < 3; l++) {
            b.append(l == 0 ? "" : ",").append("{\"weights\": [");
            for (int r = 0; r < width; r++) {
                b.append(r == 0 ? "[" : ",[");
                for (int c = 0; c < width; c++) {
                    b.append(c == 0 ? "" : ",").append((r * 31 + c * 17 + l) % 101 / 7.0);
                }
                b.append(']');
            }
            b.append("], \"bias\": [").append("0.5,".repeat(width - 1)).append("0.5]}");
        }
        Network n = NetworkJson.parse(b.append("]}").toString(), "big.json");
        assertEquals(3L * width * width, n.storedWeightCount());
        n.blocks().forEach(block -> assertInstanceOf(org.nnid.scalar.ScalarArray.Doubles.class, block.weights()));
        assertEquals(n, roundTrip(n));
    }

    @Test
    void doublesRoundTripBitForBit() {
        java.util.Random random = new java.util.Random(42);
        double[] w = new double[5_000];
        for (int i = 0; i < w.length; i++) {
            double d;
            do {
                d = Double.longBitsToDouble(random.nextLong()); // all magnitudes, subnormals included
            } while (!Double.isFinite(d));
            w[i] = d;
        }
        w[0] = Double.MIN_VALUE;
        w[1] = -Double.MAX_VALUE;
        w[2] = 0.1 + 0.2;
        Network n = Network.layered(Activations.byName("tanh"), w.length, List.of(
                Layer.of(1, w.length, w, new double[] {Math.nextUp(1.0)})), false);
        double[] back = roundTrip(n).blocks().get(0).weights().doubles();
        for (int i = 0; i < w.length; i++) {
            assertEquals(Double.doubleToLongBits(w[i] + 0.0), Double.doubleToLongBits(back[i]), "entry " + i);
        }
    }

    // ------------------------------------------------------------------ bad input

    private static String message(String json) {
        NetworkFormatException e = assertThrows(NetworkFormatException.class, () -> NetworkJson.parse(json, "net.json"));
        assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\r"), e.getMessage());
        assertTrue(e.getMessage().startsWith("net.json: "), e.getMessage());
        return e.getMessage();
    }

    private static final String TWO_LAYERS = """
            {"activation": "tanh", "inputs": 2, "layers": [%s, %s]}""";
    private static final String OK_LAYER = "{\"weights\": [[1, 2], [3, 4], [5, 6]], \"bias\": [0, 0, 0]}";
    private static final String ONE_TO_ONE = "{\"weights\": [[7]], \"bias\": [0]}";

    static Stream<Arguments> badDocuments() {
        return Stream.of(
                Arguments.of(TWO_LAYERS.formatted(OK_LAYER, "{\"weights\": [[1, 2]], \"bias\": [0]}"),
                        "net.json: layers[1].weights[0]: expected 3 entries, found 2"),
                Arguments.of(TWO_LAYERS.formatted("{\"weights\": [[1, 2], [3]], \"bias\": [0, 0]}", OK_LAYER),
                        "net.json: layers[0].weights[1]: expected 2 entries, found 1"),
                Arguments.of(TWO_LAYERS.formatted(OK_LAYER, "{\"weights\": [[1, 2, 3]], \"bias\": [0, 1]}"),
                        "net.json: layers[1].bias: expected 1 entry, found 2"),
                Arguments.of(TWO_LAYERS.formatted("{\"weights\": [[1, {}]], \"bias\": [0]}", ONE_TO_ONE),
                        "net.json: layers[0].weights[0][1]: expected a number or a string, found an object"),
                Arguments.of(TWO_LAYERS.formatted("{\"weights\": [[1, 1e999]], \"bias\": [0]}", ONE_TO_ONE),
                        "net.json: layers[0].weights[0][1]: the number 1E+999 overflows a double; write it as an exact string, such as \"1E+999\""),
                Arguments.of(TWO_LAYERS.formatted("{\"weights\": [[1, \"NaN\"]], \"bias\": [0]}", ONE_TO_ONE),
                        "net.json: layers[0].weights[0][1]: not a finite number: 'NaN' (weights and biases must be finite)"),
                Arguments.of(TWO_LAYERS.formatted("{\"weights\": [[1, 2]], \"bias\": [\"-Infinity\"]}", ONE_TO_ONE),
                        "net.json: layers[0].bias[0]: not a finite number: '-Infinity' (weights and biases must be finite)"),
                Arguments.of(TWO_LAYERS.formatted("{\"weights\": [[1, 2]], \"bias\": [0], \"bais\": [0]}", ONE_TO_ONE),
                        "net.json: layers[0].bais: unknown key (known: weights, bias)"),
                Arguments.of(TWO_LAYERS.formatted("{\"weights\": [], \"bias\": []}", OK_LAYER),
                        "net.json: layers[0].weights: expected at least one row (a layer needs at least one node)"),
                Arguments.of("{\"activation\": \"tanh\", \"inputs\": 2, \"layers\": []}",
                        "net.json: layers: expected at least one layer (the last one is the output layer)"),
                Arguments.of("{\"activation\": \"tanh\", \"inputs\": 200000000, \"layers\": [{}]}",
                        "net.json: inputs: 200000000 inputs are more than a file of 59 characters justifies (nnid accepts"
                                + " 1000000, or one per character of a larger file, at most 100000000)"),
                Arguments.of("{\"activation\": \"tanh\", \"inputs\": [\"a\"], \"layers\": [{}]}",
                        "net.json: inputs: expected the number of inputs (the layered form names them x1..xn;"
                                + " use \"nodes\" for other names), found an array"),
                Arguments.of("{\"activation\": \"tanh\", \"inputs\": 1, \"layers\": [], \"output_activaton\": true}",
                        "net.json: output_activaton: unknown key (known: format, activation, output_activation,"
                                + " inputs, input_box, layers, nodes)"),
                Arguments.of("{\"format\": \"nnid-network/2\", \"activation\": \"tanh\", \"inputs\": 1, \"layers\": []}",
                        "net.json: format: unsupported format 'nnid-network/2' (this version reads \"nnid-network/1\")"),
                Arguments.of("{\"activation\": \"tanh\", \"inputs\": 1}",
                        "net.json: missing key \"layers\" (layered form) or \"nodes\" (general form)"),
                Arguments.of("[1, 2]", "net.json: expected a JSON object at the top level, found an array"),
                Arguments.of("  ", "net.json: empty document (expected a JSON object)"),
                Arguments.of("{\"activation\": {\"name\": \"leaky_relu\", \"slope\": 1.5}, \"inputs\": 1, \"layers\": []}",
                        "net.json: activation.slope: the slope must lie strictly between 0 and 1, found 1.5"),
                Arguments.of("{\"activation\": {\"name\": \"tanh\", \"slope\": 0.5}, \"inputs\": 1, \"layers\": []}",
                        "net.json: activation.slope: unknown key ('tanh' has no parameters)"),
                Arguments.of(general("{\"id\": \"h1\", \"in\": {\"x1\": 1}}", "{\"id\": \"h2\", \"in\": {\"h1\": 1}}",
                                "{\"id\": \"y\", \"output\": true, \"in\": {\"h9\": 1}}"),
                        "net.json: nodes[2].in.h9: unknown node 'h9'"),
                Arguments.of(general("{\"id\": \"h1\", \"in\": {\"x1\": 1}}", "{\"id\": \"h1\", \"in\": {\"x1\": 2}}",
                                "{\"id\": \"y\", \"output\": true, \"in\": {\"h1\": 1}}"),
                        "net.json: nodes[1].id: duplicate id 'h1' (also used by nodes[0])"),
                Arguments.of(general("{\"id\": \"x1\"}", "{\"id\": \"y\", \"output\": true}"),
                        "net.json: nodes[0].id: duplicate id 'x1' (it is an input name)"),
                Arguments.of(general("{\"id\": \"y\", \"output\": true, \"in\": {\"x1\": 1}}",
                                "{\"id\": \"z\", \"output\": true, \"in\": {\"y\": 1}}"),
                        "net.json: nodes[1].in.y: edge from output node 'y' (outputs feed nothing; add a hidden node)"),
                Arguments.of(general("{\"id\": \"y\", \"output\": true, \"in\": {\"h3\": 1}}",
                                "{\"id\": \"h3\", \"in\": {\"h2\": 1}}", "{\"id\": \"h1\", \"in\": {\"h2\": 1, \"x1\": 1}}",
                                "{\"id\": \"h2\", \"in\": {\"h1\": 1}}"),
                        "net.json: nodes: node 'h2' lies on a cycle (h2 -> h1 -> h2)"),
                Arguments.of(general("{\"id\": \"h\", \"in\": {\"h\": 1}}", "{\"id\": \"y\", \"output\": true}"),
                        "net.json: nodes[0].in.h: edge from node 'h' to itself (the graph must be acyclic)"),
                Arguments.of(general("{\"id\": \"h\", \"in\": {\"x1\": 1}}"),
                        "net.json: nodes: no node is marked \"output\": true (a network needs at least one output)"),
                Arguments.of(general("{\"id\": \"y\", \"output\": \"yes\"}"),
                        "net.json: nodes[0].output: expected true or false, found a string"),
                Arguments.of(general("{\"id\": \"y\", \"output\": true, \"weights\": {}}"),
                        "net.json: nodes[0].weights: unknown key (known: id, output, bias, in)"),
                Arguments.of(general("{\"id\": \"y\", \"output\": true, \"in\": {\"x1\": [1]}}"),
                        "net.json: nodes[0].in.x1: expected a number or a string, found an array"),
                Arguments.of(general("{\"id\": \"y\", \"output\": true, \"in\": {\"x 1\": 1}}"),
                        "net.json: nodes[0].in[\"x 1\"]: unknown node 'x 1'"),
                Arguments.of("{\"activation\": \"relu\", \"inputs\": 2.5, \"nodes\": []}",
                        "net.json: inputs: expected a whole number, found 2.5"),
                Arguments.of("{\"activation\": \"relu\", \"inputs\": -1, \"nodes\": []}",
                        "net.json: inputs: expected a count of at least 0, found -1"),
                Arguments.of("{\"activation\": \"relu\", \"inputs\": \"x\", \"nodes\": []}",
                        "net.json: inputs: expected a count or a list of names, found a string"),
                Arguments.of("{\"activation\": \"relu\", \"inputs\": [\"a\", \"a\"], \"nodes\": []}",
                        "net.json: inputs[1]: duplicate input name 'a'"));
    }

    private static String general(String... nodes) {
        return "{\"activation\": \"relu\", \"inputs\": 1, \"nodes\": [" + String.join(", ", nodes) + "]}";
    }

    @ParameterizedTest
    @MethodSource("badDocuments")
    void badDocumentIsReportedOnOneLineWithItsLocation(String json, String expected) {
        assertEquals(expected, message(json));
    }

    @Test
    void unknownActivationListsTheKnownOnes() {
        String m = message("{\"activation\": \"tahn\", \"inputs\": 1, \"layers\": []}");
        assertTrue(m.startsWith("net.json: activation: unknown activation 'tahn'"), m);
        for (String name : Activations.names()) {
            assertTrue(m.contains(name), m);
        }
    }

    @Test
    void malformedJsonIsReportedWithLineAndColumn() {
        assertEquals("net.json: line 3, column 1: Unexpected character ('}' (code 125)): expected a value",
                message("{\"activation\": \"tanh\",\n \"inputs\": 1, \"layers\": [1,\n}"));
        assertEquals("net.json: line 1, column 15: 'NaN' is not a JSON number (weights and biases must be finite)",
                message("{\"inputs\": NaN}"));
        assertEquals("net.json: line 1, column 4: unexpected content after the end of the JSON document",
                message("{} {}"));
        String eof = message("{\"inputs\": [1, 2");
        assertTrue(eof.startsWith("net.json: line 1, column 17: Unexpected end-of-input"), eof);
    }

    @Test
    void duplicateKeyIsReportedWithItsObject() {
        assertEquals("net.json: line 2, column 9: duplicate key 'inputs'",
                message("{\"inputs\": 1,\n\"inputs\": 2}"));
        assertEquals("net.json: line 1, column 79: duplicate key 'x1' in nodes[0].in",
                message("{\"activation\": \"relu\", \"inputs\": 1, \"nodes\": [{\"id\": \"y\", \"in\": {\"x1\": 1, \"x1\": 2}}]}"));
    }

    @Test
    void sizeGuardSaysHowMuchMemoryIsNeeded() {
        NetworkFormatException e = assertThrows(NetworkFormatException.class,
                () -> NetworkJson.checkMemory("net.json", "layers", 1_000_000, 4_000_000));
        assertEquals("net.json: layers: 1000000 weights need 8000000 bytes, more than half of the 4000000 bytes"
                + " this JVM may use (raise -Xmx)", e.getMessage());
        NetworkJson.checkMemory("net.json", "layers", 250_000, 4_000_000);
    }

    @Test
    void fileErrorsNameTheFile(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("missing.json");
        NetworkFormatException e = assertThrows(NetworkFormatException.class, () -> NetworkJson.read(missing));
        assertEquals(missing + ": no such file", e.getMessage());
        e = assertThrows(NetworkFormatException.class, () -> NetworkJson.read(dir));
        assertEquals(dir + ": is a directory, not a network file", e.getMessage());
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"activation\": \"tanh\",\n  \"inputs\": 1,\n  \"layers\": [}");
        e = assertThrows(NetworkFormatException.class, () -> NetworkJson.read(bad));
        assertTrue(e.getMessage().startsWith(bad + ": line 3, column 14: "), e.getMessage());
    }
}
