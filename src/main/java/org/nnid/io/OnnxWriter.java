package org.nnid.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import org.apache.commons.math3.fraction.BigFraction;
import org.nnid.net.Layer;
import org.nnid.net.Network;
import org.nnid.theory.Activation;
import org.nnid.theory.Activations;

/**
 * Writes a network as an ONNX model (opset 13) that onnxruntime and PyTorch can run: input
 * {@code x} of shape [N, m] and output {@code y} of shape [N, n], both float64; per layer a
 * {@code MatMul} by the transposed weight matrix, an {@code Add} of the bias and the activation.
 * Weights are written as float64 tensors, so a double network is written exactly; exact values
 * (rationals, constants such as π/3) are rounded to the nearest double.
 *
 * <p>Only networks that can be written as dense layers are written ({@link Layering}): a network
 * with skip connections is refused. The activation is one ONNX op (relu → Relu, logistic →
 * Sigmoid, tanh, sin, cos, exp, softplus, abs, erf, leaky_relu → LeakyRelu when its slope is a
 * float32) or, for gelu, PyTorch's exact pattern {@code Div(x, √2) → Erf → Add 1 → Mul x → Mul ½}.
 * A declared input box goes into the metadata entry {@value #INPUT_BOX_KEY} as JSON.
 */
public final class OnnxWriter {
    public static final String INPUT_BOX_KEY = "nnid.input_box";
    static final int OPSET = 13;

    private static final Map<String, String> OPS = Map.of("relu", "Relu", "logistic", "Sigmoid", "tanh", "Tanh",
            "sin", "Sin", "cos", "Cos", "exp", "Exp", "softplus", "Softplus", "abs", "Abs", "erf", "Erf");

    private OnnxWriter() {}

    /**
     * The serialised model.
     *
     * @throws IllegalArgumentException when the network has skip connections or an activation
     *                                  ONNX cannot express exactly
     */
    public static byte[] write(Network net) {
        checkActivation(net.activation());
        List<Layer> layers = Layering.layers(net);
        GraphProto.Builder g = GraphProto.newBuilder().setName("nnid");
        g.addInput(valueInfo("x", net.inputCount()));
        g.addOutput(valueInfo("y", net.outputCount()));
        String current = "x";
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            boolean last = l == layers.size() - 1;
            String p = "layer" + (l + 1);
            double[] wt = new double[layer.rows() * layer.cols()];
            for (int i = 0; i < layer.rows(); i++) {
                for (int j = 0; j < layer.cols(); j++) {
                    wt[j * layer.rows() + i] = layer.weight(i, j).toDouble(); // Wᵀ, shape [cols, rows]
                }
            }
            double[] bias = new double[layer.rows()];
            for (int i = 0; i < bias.length; i++) {
                bias[i] = layer.bias().get(i).toDouble();
            }
            g.addInitializer(tensor(p + ".weight", new long[] {layer.cols(), layer.rows()}, wt));
            g.addInitializer(tensor(p + ".bias", new long[] {layer.rows()}, bias));
            g.addNode(node("MatMul", p + "_MatMul", List.of(current, p + ".weight"), p + ".matmul"));
            boolean activate = !last || net.outputActivation();
            String affine = last && !activate ? "y" : p + ".affine";
            g.addNode(node("Add", p + "_Add", List.of(p + ".matmul", p + ".bias"), affine));
            current = affine;
            if (activate) {
                current = activation(g, net.activation(), p, affine, last ? "y" : p + ".out");
            }
        }
        ModelProto.Builder m = ModelProto.newBuilder().setIrVersion(7).setProducerName("nnid")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(g);
        net.inputBox().ifPresent(box -> m.addMetadataProps(StringStringEntryProto.newBuilder()
                .setKey(INPUT_BOX_KEY).setValue(InputBoxJson.write(box))));
        return m.build().toByteArray();
    }

    private static void checkActivation(Activation a) {
        if (a.name().equals("gelu") || OPS.containsKey(a.name())) {
            return;
        }
        if (a instanceof Activations.LeakyRelu l) {
            if (new BigFraction((double) (float) l.slope().doubleValue()).equals(l.slope())) {
                return;
            }
            throw new IllegalArgumentException("leaky_relu slope " + a.parameters().get("slope")
                    + " is not a float32, and ONNX LeakyRelu's alpha is one (use a slope such as 1/64)");
        }
        throw new IllegalArgumentException("activation " + a.name() + " has no ONNX op nnid can read back"
                + " (writable: relu, leaky_relu, logistic, tanh, sin, cos, exp, softplus, abs, erf, gelu)");
    }

    /** Appends the activation's node(s) reading {@code in}; returns the name of the result. */
    private static String activation(GraphProto.Builder g, Activation a, String p, String in, String out) {
        if (a.name().equals("gelu")) {
            g.addInitializer(tensor(p + ".sqrt2", new long[0], new double[] {Math.sqrt(2)}));
            g.addInitializer(tensor(p + ".one", new long[0], new double[] {1}));
            g.addInitializer(tensor(p + ".half", new long[0], new double[] {0.5}));
            g.addNode(node("Div", p + "_gelu_Div", List.of(in, p + ".sqrt2"), p + ".gelu.div"));
            g.addNode(node("Erf", p + "_gelu_Erf", List.of(p + ".gelu.div"), p + ".gelu.erf"));
            g.addNode(node("Add", p + "_gelu_Add", List.of(p + ".gelu.erf", p + ".one"), p + ".gelu.add"));
            g.addNode(node("Mul", p + "_gelu_MulX", List.of(in, p + ".gelu.add"), p + ".gelu.mul"));
            g.addNode(node("Mul", p + "_gelu_Half", List.of(p + ".gelu.mul", p + ".half"), out));
            return out;
        }
        if (a instanceof Activations.LeakyRelu l) {
            g.addNode(node("LeakyRelu", p + "_LeakyRelu", List.of(in), out).addAttribute(AttributeProto.newBuilder()
                    .setName("alpha").setType(AttributeProto.AttributeType.FLOAT)
                    .setF((float) l.slope().doubleValue())));
            return out;
        }
        String op = OPS.get(a.name());
        g.addNode(node(op, p + "_" + op, List.of(in), out));
        return out;
    }

    private static NodeProto.Builder node(String op, String name, List<String> inputs, String output) {
        return NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(inputs).addOutput(output);
    }

    private static TensorProto tensor(String name, long[] dims, double[] data) {
        ByteBuffer buf = ByteBuffer.allocate(data.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double d : data) {
            buf.putDouble(d);
        }
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.DOUBLE_VALUE)
                .setRawData(ByteString.copyFrom(buf.array()));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }

    private static ValueInfoProto valueInfo(String name, int width) {
        TensorShapeProto shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(width)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.DOUBLE_VALUE).setShape(shape))).build();
    }
}
