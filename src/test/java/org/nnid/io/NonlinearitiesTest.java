package org.nnid.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import com.google.protobuf.ByteString;
import org.apache.commons.math3.fraction.BigFraction;
import org.junit.jupiter.api.Test;
import org.nnid.activation.Activation;
import org.nnid.activation.Activations;
import org.nnid.net.Layer;
import org.nnid.net.Network;
import org.nnid.scalar.Scalar;

/**
 * The formats know nonlinearities through the theory files alone: aliases, parameters and ONNX
 * spellings are keys of the files, handed down by the registry.
 */
class NonlinearitiesTest {
    private static final Nonlinearities TABLE = Nonlinearities.builtins();

    @Test
    void aliasesAreTheTheoryFiles() {
        Map<String, String> aliases = Map.of("sigmoid", "logistic", "atan", "arctan", "swish", "silu", "linear",
                "identity", "LeakyReLU", "leaky_relu", "LReLU", "leaky_relu", " TANH ", "tanh");
        aliases.forEach((alias, name) -> assertEquals(name, TABLE.get(alias).name(), alias));
        assertEquals(Activations.byName("logistic"), TABLE.get("sigmoid").activation());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TABLE.get("tahn"));
        assertTrue(e.getMessage().startsWith("unknown activation 'tahn' (known: abs, arctan, "), e.getMessage());
        assertTrue(TABLE.names().contains("softsign"), "a built-in that is only a theory file is known to the formats");
    }

    @Test
    void theParametersAreTheTheoryFiles() {
        Nonlinearity leaky = TABLE.get("leaky_relu");
        assertEquals(Map.of("slope", Scalar.of(1, 100)), leaky.parameters());
        assertEquals(Activations.leakyRelu(new BigFraction(1, 5)), leaky.withParameters(Map.of("slope", Scalar.of(1, 5))));
        assertEquals(Optional.of("strictly between 0 and 1"), leaky.openInterval("slope"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> leaky.withParameters(Map.of("slope", Scalar.of(3, 2))));
        assertEquals("the slope of leaky_relu must lie strictly between 0 and 1, found 3/2", e.getMessage());
        assertTrue(TABLE.get("tanh").parameters().isEmpty());
    }

    @Test
    void aNameOrAnOnnxOperatorIsClaimedOnce() {
        Nonlinearity a = TABLE.get("tanh");
        Nonlinearity b = new Nonlinearity("other", List.of("tanh"), a.activation(), Map.of(), Optional.empty(),
                List.of(), v -> a.activation());
        assertEquals("the name 'tanh' is taken by both other and tanh",
                assertThrows(IllegalArgumentException.class, () -> new Nonlinearities(List.of(a, b))).getMessage());
        Nonlinearity c = new Nonlinearity("other", List.of(), a.activation(), Map.of(), Optional.empty(),
                List.of(OnnxSpelling.of("Tanh")), v -> a.activation());
        assertEquals("the ONNX operator Tanh is claimed by both other and tanh",
                assertThrows(IllegalArgumentException.class, () -> new Nonlinearities(List.of(a, c))).getMessage());
    }

    /** A small relu network written to ONNX, its Relu node (the third) replaced. */
    private static Network readWithActivationNode(String op, Map<String, AttributeProto> attributes) {
        try {
            return readWith(op, attributes);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    private static Network readWith(String op, Map<String, AttributeProto> attributes)
            throws com.google.protobuf.InvalidProtocolBufferException {
        Network relu = Network.layered(Activations.byName("relu"), 2, List.of(
                Layer.of(3, 2, new double[] {1, -2, 0.5, 0.25, -1.5, 3}, new double[] {0.1, -0.2, 0.3}),
                Layer.of(1, 3, new double[] {2, -1, 0.75}, new double[] {0.5})), false);
        ModelProto m = ModelProto.parseFrom(OnnxWriter.write(relu));
        NodeProto.Builder node = NodeProto.newBuilder(m.getGraph().getNode(2)).setOpType(op);
        attributes.values().forEach(node::addAttribute);
        ModelProto changed = m.toBuilder().setGraph(m.getGraph().toBuilder().setNode(2, node)).build();
        return OnnxReader.read(changed.toByteArray(), op + ".onnx");
    }

    @Test
    void everySingleOperatorOfATheoryFileIsRead() {
        Map<String, String> ops = new LinkedHashMap<>();
        ops.put("Relu", "relu");
        ops.put("Tanh", "tanh");
        ops.put("Sigmoid", "logistic");
        ops.put("Sin", "sin");
        ops.put("Cos", "cos");
        ops.put("Exp", "exp");
        ops.put("Softplus", "softplus");
        ops.put("Abs", "abs");
        ops.put("Erf", "erf");
        ops.put("Atan", "arctan");
        ops.put("Gelu", "gelu");
        ops.put("LeakyRelu", "leaky_relu");
        ops.put("Softsign", "softsign");
        ops.forEach((op, name) -> assertEquals(name, readWithActivationNode(op, Map.of()).activation().name(), op));
        // ONNX's default alpha is the float 0.01; the slope is its exact value
        assertEquals(Activations.leakyRelu(new BigFraction((double) 0.01f)),
                readWithActivationNode("LeakyRelu", Map.of()).activation());
        assertEquals(Activations.leakyRelu(new BigFraction(1, 4)),
                readWithActivationNode("LeakyRelu", Map.of("alpha", floatAttribute("alpha", 0.25f))).activation());
        assertEquals(Activations.byName("gelu"), readWithActivationNode("Gelu",
                Map.of("approximate", stringAttribute("approximate", "none"))).activation());
    }

    @Test
    void attributesAgainstTheTheoryFileAreRefusedOnOneLine() {
        NetworkFormatException alpha = assertThrows(NetworkFormatException.class,
                () -> readWithActivationNode("LeakyRelu", Map.of("alpha", floatAttribute("alpha", 1.5f))));
        assertEquals("LeakyRelu.onnx: node 'layer1_Relu' (LeakyRelu): alpha 1.5 is not a slope strictly between 0"
                + " and 1", alpha.getMessage());
        NetworkFormatException gelu = assertThrows(NetworkFormatException.class,
                () -> readWithActivationNode("Gelu", Map.of("approximate", stringAttribute("approximate", "tanh"))));
        assertEquals("Gelu.onnx: node 'layer1_Relu' (Gelu): approximate='tanh' is not supported (only"
                + " approximate='none')", gelu.getMessage());
    }

    @Test
    void aBuiltinThatIsOnlyATheoryFileIsWrittenByItsSpelling() throws Exception {
        Activation softsign = TABLE.get("softsign").activation();
        Network n = Network.layered(softsign, 1, List.of(Layer.of(2, 1, new double[] {1, -2}, new double[] {0, 0.5}),
                Layer.of(1, 2, new double[] {1, 1}, new double[] {0})), false);
        ModelProto m = ModelProto.parseFrom(OnnxWriter.write(n));
        assertTrue(m.getGraph().getNodeList().stream().anyMatch(x -> x.getOpType().equals("Softsign")));
        assertEquals(n, OnnxReader.read(OnnxWriter.write(n), "softsign.onnx"));
    }

    @Test
    void everyBuiltinIsWrittenByItsSpellingOrItsComposition() {
        for (Nonlinearity n : TABLE.all()) {
            OnnxActivations.Expr e = OnnxActivations.expression(n.activation());
            assertTrue(e != null, n.name());
        }
        assertEquals(new OnnxActivations.Op("Sigmoid", List.of(new OnnxActivations.X())),
                OnnxActivations.expression(Activations.byName("logistic")));
    }

    private static AttributeProto floatAttribute(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value).build();
    }

    private static AttributeProto stringAttribute(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(value)).build();
    }
}
