package org.nnid.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

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
import org.nnid.net.Layer;
import org.nnid.net.Network;
import org.nnid.scalar.Scalar;
import org.nnid.activation.Activation;

/**
 * Writes a network as an ONNX model (opset 13) that onnxruntime and PyTorch can run: input
 * {@code x} of shape [N, m] and output {@code y} of shape [N, n], both float64.
 *
 * <p>The nodes are written in groups: a layered network's layers, otherwise the hidden nodes of
 * each level (docs/math.md §1) and last the outputs, each group in index order (outputs in output
 * order). A group's pre-activations are a {@code MatMul} by the transposed weight matrix from every
 * earlier group (or the input) that feeds it, summed by {@code Add}, plus an {@code Add} of the
 * bias; then the activation ({@link OnnxActivations}). A layered network thus has one
 * {@code MatMul} + {@code Add} + activation per layer. Weights are float64 tensors, so a double
 * network is written exactly; exact values (rationals, constants such as π/3) are rounded to the
 * nearest double. Missing edges are zero weights.
 *
 * <p>Metadata: a declared input box goes into {@value #INPUT_BOX_KEY} as JSON; when the node ids
 * are not the ones the reader gives ({@code x1..}, {@code h<group>_<i>}, {@code y1..}), the entry
 * {@value #NODE_IDS_KEY} maps those ids to the network's own as a JSON object.
 */
public final class OnnxWriter {
    public static final String INPUT_BOX_KEY = "nnid.input_box";
    public static final String NODE_IDS_KEY = "nnid.node_ids";
    /** The opset written, unless the activation's operator is younger (its theory file's {@code opset}). */
    static final int OPSET = 13;

    private OnnxWriter() {}

    /** A group of nodes written together; {@code sources} are the earlier groups that feed it (0 = the input). */
    private record Group(int[] nodes, Map<Integer, double[]> sources) {}

    /**
     * The serialised model.
     *
     * @throws IllegalArgumentException for an activation that is not built in
     */
    public static byte[] write(Network net) {
        Activation act = net.activation();
        OnnxActivations.expression(act); // refuses an activation without an expression before any work
        List<Group> groups = groups(net);
        GraphProto.Builder g = GraphProto.newBuilder().setName("nnid");
        g.addInput(valueInfo("x", net.inputCount()));
        g.addOutput(valueInfo("y", net.outputCount()));
        String[] values = new String[groups.size()];
        values[0] = "x";
        for (int l = 1; l < groups.size(); l++) {
            Group group = groups.get(l);
            boolean last = l == groups.size() - 1;
            String p = "layer" + l;
            int rows = group.nodes().length;
            boolean single = group.sources().size() == 1;
            String sum = null;
            for (Map.Entry<Integer, double[]> src : group.sources().entrySet()) {
                String from = single ? "" : ".from" + src.getKey();
                int cols = groups.get(src.getKey()).nodes().length;
                g.addInitializer(tensor(p + ".weight" + from, new long[] {cols, rows}, src.getValue()));
                String matmul = p + ".matmul" + from;
                g.addNode(node("MatMul", p + "_MatMul" + from.replace('.', '_'), List.of(values[src.getKey()],
                        p + ".weight" + from), matmul));
                if (sum != null) {
                    g.addNode(node("Add", p + "_Sum" + from.replace('.', '_'), List.of(sum, matmul), p + ".sum" + from));
                    matmul = p + ".sum" + from;
                }
                sum = matmul;
            }
            double[] bias = new double[rows];
            for (int i = 0; i < rows; i++) {
                bias[i] = net.bias(group.nodes()[i]).toDouble();
            }
            g.addInitializer(tensor(p + ".bias", new long[] {rows}, bias));
            boolean activate = !last || net.outputActivation();
            String affine = last && !activate ? "y" : p + ".affine";
            g.addNode(node("Add", p + "_Add", List.of(sum, p + ".bias"), affine));
            values[l] = affine;
            if (activate) {
                values[l] = last ? "y" : p + ".out";
                OnnxActivations.write(g, act, p, affine, values[l]);
            }
        }
        ModelProto.Builder m = ModelProto.newBuilder().setIrVersion(7).setProducerName("nnid")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OnnxActivations.opset(act)))
                .setGraph(g);
        net.inputBox().ifPresent(box -> m.addMetadataProps(StringStringEntryProto.newBuilder()
                .setKey(INPUT_BOX_KEY).setValue(InputBoxJson.write(box))));
        nodeIds(net, groups).ifPresent(ids -> m.addMetadataProps(StringStringEntryProto.newBuilder()
                .setKey(NODE_IDS_KEY).setValue(ids)));
        return m.build().toByteArray();
    }

    /**
     * Group 0 is the input; then the layers of a layered network, or the hidden nodes level by
     * level and the outputs last. A group that nothing feeds reads the input through a zero matrix.
     */
    private static List<Group> groups(Network net) {
        List<int[]> members = new ArrayList<>();
        members.add(range(0, net.inputCount()));
        if (net.asLayers().isPresent()) {
            int start = net.inputCount();
            for (Layer layer : net.asLayers().get()) {
                members.add(range(start, layer.rows()));
                start += layer.rows();
            }
        } else {
            int[] level = net.levels();
            List<List<Integer>> byLevel = new ArrayList<>();
            for (int v = net.inputCount(); v < net.nodeCount(); v++) {
                if (net.isHidden(v)) {
                    while (byLevel.size() < level[v]) {
                        byLevel.add(new ArrayList<>());
                    }
                    byLevel.get(level[v] - 1).add(v);
                }
            }
            for (List<Integer> hidden : byLevel) {
                members.add(hidden.stream().mapToInt(Integer::intValue).toArray());
            }
            members.add(net.outputNodes());
        }
        int[] groupOf = new int[net.nodeCount()];
        int[] position = new int[net.nodeCount()];
        for (int l = 0; l < members.size(); l++) {
            for (int i = 0; i < members.get(l).length; i++) {
                groupOf[members.get(l)[i]] = l;
                position[members.get(l)[i]] = i;
            }
        }
        List<Group> groups = new ArrayList<>();
        groups.add(new Group(members.get(0), Map.of()));
        boolean layered = net.asLayers().isPresent();
        for (int l = 1; l < members.size(); l++) {
            int[] nodes = members.get(l);
            Map<Integer, double[]> sources = new TreeMap<>();
            if (layered) {
                sources.put(l - 1, new double[members.get(l - 1).length * nodes.length]);
            }
            for (int i = 0; i < nodes.length; i++) {
                for (Map.Entry<Integer, Scalar> e : net.incoming(nodes[i]).entrySet()) {
                    int s = groupOf[e.getKey()];
                    double[] wt = sources.computeIfAbsent(s, k -> new double[members.get(k).length * nodes.length]);
                    wt[position[e.getKey()] * nodes.length + i] = e.getValue().toDouble(); // Wᵀ: [source, group]
                }
            }
            if (sources.isEmpty()) {
                sources.put(0, new double[net.inputCount() * nodes.length]);
            }
            groups.add(new Group(nodes, sources));
        }
        return groups;
    }

    private static int[] range(int start, int size) {
        int[] r = new int[size];
        for (int i = 0; i < size; i++) {
            r[i] = start + i;
        }
        return r;
    }

    /** The {@value #NODE_IDS_KEY} entry: the reader's ids mapped to the network's, when any differ. */
    private static Optional<String> nodeIds(Network net, List<Group> groups) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (int l = 0; l < groups.size(); l++) {
            int[] nodes = groups.get(l).nodes();
            for (int i = 0; i < nodes.length; i++) {
                String read = l == 0 ? Network.defaultInputNames(nodes.length).get(i)
                        : l == groups.size() - 1 ? Network.outputId(i) : Network.hiddenId(l, i);
                ids.put(read, net.id(nodes[i]));
            }
        }
        if (ids.entrySet().stream().allMatch(e -> e.getKey().equals(e.getValue()))) {
            return Optional.empty();
        }
        StringBuilder b = new StringBuilder("{");
        ids.forEach((read, id) -> b.append(b.length() == 1 ? "" : ", ").append(NetworkJson.quote(read)).append(": ")
                .append(NetworkJson.quote(id)));
        return Optional.of(b.append('}').toString());
    }

    static NodeProto.Builder node(String op, String name, List<String> inputs, String output) {
        return NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(inputs).addOutput(output);
    }

    static TensorProto tensor(String name, long[] dims, double[] data) {
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
