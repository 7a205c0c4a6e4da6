package org.nnid.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnid.net.Evaluator;
import org.nnid.net.InputBox;
import org.nnid.net.Layer;
import org.nnid.net.Network;
import org.nnid.scalar.Scalar;
import org.nnid.activation.Activations;

class FormatsTest {
    @TempDir
    Path dir;

    private static Network small(String activation) {
        return Network.layered(Activations.byName(activation), 2, List.of(
                Layer.of(3, 2, new double[] {1, -2, 0.5, 0.25, -1.5, 3}, new double[] {0.1, -0.2, 0.3}),
                Layer.of(1, 3, new double[] {2, -1, 0.75}, new double[] {0.5})), false);
    }

    @Test
    void onnxRoundTripIsLosslessForEveryWritableActivation() {
        for (String a : List.of("relu", "logistic", "tanh", "sin", "cos", "exp", "softplus", "abs", "erf", "gelu")) {
            Network n = small(a);
            assertEquals(n, OnnxReader.read(OnnxWriter.write(n), a), a);
        }
        Network leaky = Network.layered(Activations.leakyRelu(new org.apache.commons.math3.fraction.BigFraction(1, 64)),
                2, small("relu").asLayers().get(), true);
        assertEquals(leaky, OnnxReader.read(OnnxWriter.write(leaky), "leaky"));
    }

    @Test
    void inputBoxSurvivesJsonOnnxAndNnet() throws Exception {
        Network n = small("relu").withInputBox(new InputBox(List.of(Scalar.of(-1.0), Scalar.of(0.0)),
                List.of(Scalar.of(1.0), Scalar.of(2.5))));
        assertEquals(n, NetworkJson.parse(NetworkJson.write(n), "n.json"));
        assertEquals(n, OnnxReader.read(OnnxWriter.write(n), "n.onnx"));
        Path nnet = dir.resolve("n.nnet");
        NetworkFiles.write(n, nnet);
        assertEquals(n, NetworkFiles.read(nnet));
        assertEquals(NetworkJson.write(small("relu")), NetworkJson.write(NetworkJson.parse(NetworkJson.write(small("relu")), "x")),
                "a network without a box writes as before");
        assertTrue(!NetworkJson.write(small("relu")).contains("input_box"));
    }

    @Test
    void nnetNormalisationIsFoldedIntoTheFunction() {
        List<String> lines = List.of("// test", "1,2,1,2,", "2,1,", "0,", "-5,-5,", "5,5,", "1.0,2.0,3.0,", "2.0,4.0,10.0,",
                "3.0,-1.0,", "0.5,");
        Network n = NNetFormat.parse(lines, "t.nnet");
        double[] x = {0.7, -1.3};
        double expected = 10.0 * (3.0 * (0.7 - 1.0) / 2.0 - 1.0 * (-1.3 - 2.0) / 4.0 + 0.5) + 3.0;
        assertEquals(expected, Evaluator.evaluate(n, x)[0], 1e-12);
        assertEquals(-5.0, n.inputBox().get().lower().get(0).toDouble());
    }

    @Test
    void safetensorsLayersComeFromTheTensorNames() throws Exception {
        Path f = dir.resolve("m.safetensors");
        Files.write(f, safetensors("{\"fc1.weight\":{\"dtype\":\"F32\",\"shape\":[2,1],\"data_offsets\":[0,8]},"
                + "\"fc1.bias\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[8,24]},"
                + "\"fc2.weight\":{\"dtype\":\"BF16\",\"shape\":[1,2],\"data_offsets\":[24,28]},"
                + "\"__metadata__\":{\"format\":\"pt\"}}",
                ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN).putFloat(1.5f).putFloat(-2f).putDouble(0.25)
                        .putDouble(-0.5).putShort((short) 0x3f80).putShort((short) 0xc000).array()));
        Network n = NetworkFiles.read(f, java.util.Optional.empty(), java.util.Optional.of(Activations.byName("tanh")));
        assertArrayEquals(new double[] {1.5, -2}, n.asLayers().get().get(0).weights().doubles());
        assertArrayEquals(new double[] {1, -2}, n.asLayers().get().get(1).weights().doubles());
        assertEquals(0.0, n.asLayers().get().get(1).bias().getDouble(0), "a missing bias is zero");
        NetworkFormatException e = assertThrows(NetworkFormatException.class, () -> NetworkFiles.read(f));
        assertTrue(e.getMessage().contains("--activation"), e.getMessage());
    }

    @Test
    void safetensorsWithUnrecognisedTensorsIsRefusedNamingTheTensor() throws Exception {
        Path f = dir.resolve("bn.safetensors");
        Files.write(f, safetensors("{\"0.weight\":{\"dtype\":\"F32\",\"shape\":[1,1],\"data_offsets\":[0,4]},"
                + "\"1.running_mean\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", new byte[8]));
        NetworkFormatException e = assertThrows(NetworkFormatException.class,
                () -> NetworkFiles.read(f, java.util.Optional.empty(), java.util.Optional.of(Activations.byName("relu"))));
        assertTrue(e.getMessage().contains("1.running_mean") && e.getMessage().contains("cannot infer"), e.getMessage());
    }

    @Test
    void onnxWithAnUnsupportedOpIsRefusedNamingTheNodeAndOp() {
        ModelProto m;
        try {
            m = ModelProto.parseFrom(OnnxWriter.write(small("relu")));
        } catch (Exception ex) {
            throw new AssertionError(ex);
        }
        ModelProto conv = m.toBuilder().setGraph(m.getGraph().toBuilder().setNode(0,
                NodeProto.newBuilder(m.getGraph().getNode(0)).setOpType("Conv").setName("conv1"))).build();
        NetworkFormatException e = assertThrows(NetworkFormatException.class,
                () -> OnnxReader.read(conv.toByteArray(), "c.onnx"));
        assertEquals("c.onnx: node 'conv1' (Conv): op Conv is not supported (nnid reads feed-forward networks of one"
                + " nonlinearity; supported ops: " + String.join(", ", OnnxReader.supported()) + ")", e.getMessage());
        ModelProto mixed = m.toBuilder().setGraph(m.getGraph().toBuilder().setNode(2,
                NodeProto.newBuilder(m.getGraph().getNode(2)).setOpType("Tanh"))).build();
        Network ok = OnnxReader.read(mixed.toByteArray(), "one-tanh.onnx"); // one layer: a tanh network
        assertEquals("tanh", ok.activation().name());
    }

    private static byte[] safetensors(String header, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).put(h)
                .put(data).array();
    }
}
