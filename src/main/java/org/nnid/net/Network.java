package org.nnid.net;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.nnid.scalar.Scalar;
import org.nnid.activation.Activation;

/**
 * A feed-forward network (docs/math.md §1): a DAG of input nodes, hidden nodes and output nodes, a
 * weight on every edge, a bias on every non-input node, one nonlinearity ρ for all hidden nodes.
 * Hidden nodes compute ρ(Σ ω·h + θ); output nodes compute Σ ω·h + θ, or ρ of it when
 * {@link #outputActivation()} is set.
 *
 * <p>Nodes have global indices: the inputs are {@code 0..m-1}, then the non-input nodes block by
 * block in topological order (see {@link Block}). An edge of weight zero is the same as no edge.
 * Networks are immutable; {@link #equals} compares the graphs (node ids, biases, nonzero edges,
 * input and output order, the declared {@link #inputBox()}), not the way they are stored.
 */
public final class Network {
    private final Activation activation;
    private final boolean outputActivation;
    private final List<String> inputNames;
    private final List<Block> blocks;
    private final String[] ids;
    private final int[] outputs;
    private final InputBox inputBox;
    private volatile Map<String, Integer> indexById;
    private volatile int[] levels;
    /** {@link #asLayers()}, computed on first use: it walks every layer, and writers ask it often. */
    private volatile Optional<List<Layer>> layers;
    private volatile Integer hash;

    Network(Activation activation, boolean outputActivation, List<String> inputNames, List<Block> blocks,
            String[] ids, int[] outputs) {
        this(activation, outputActivation, inputNames, blocks, ids, outputs, null);
    }

    private Network(Activation activation, boolean outputActivation, List<String> inputNames, List<Block> blocks,
            String[] ids, int[] outputs, InputBox inputBox) {
        this.activation = Objects.requireNonNull(activation, "activation");
        this.outputActivation = outputActivation;
        this.inputNames = List.copyOf(inputNames);
        this.blocks = List.copyOf(blocks);
        this.ids = ids;
        this.outputs = outputs;
        if (inputBox != null && inputBox.dimension() != inputNames.size()) {
            throw new IllegalArgumentException("input box of dimension " + inputBox.dimension() + " for "
                    + inputNames.size() + " inputs");
        }
        this.inputBox = inputBox;
        int next = inputNames.size();
        for (Block b : blocks) {
            if (b.start() != next) {
                throw new IllegalArgumentException("blocks must be contiguous: expected start " + next
                        + ", found " + b.start());
            }
            next += b.size();
        }
        if (next != ids.length) {
            throw new IllegalArgumentException("expected " + next + " node ids, found " + ids.length);
        }
        for (int o : outputs) {
            if (!blockOf(o).output()) {
                throw new IllegalArgumentException("node " + ids[o] + " is listed as an output but is not one");
            }
        }
    }

    /** Default input names x1..xm. */
    public static List<String> defaultInputNames(int m) {
        List<String> names = new ArrayList<>(m);
        for (int i = 1; i <= m; i++) {
            names.add("x" + i);
        }
        return names;
    }

    /** Default id of hidden node i (0-based) of hidden layer l (1-based): {@code h<l>_<i+1>}. */
    public static String hiddenId(int layer, int index) {
        return "h" + layer + "_" + (index + 1);
    }

    /** Default id of output i (0-based): {@code y<i+1>}. */
    public static String outputId(int index) {
        return "y" + (index + 1);
    }

    /**
     * A layered dense network: each layer maps the previous one (the inputs for the first) by
     * W·z + b; all but the last are hidden layers; the last is the output layer. Node ids are the
     * defaults (x1.., h1_1.., y1..).
     */
    public static Network layered(Activation activation, int inputs, List<Layer> layers, boolean outputActivation) {
        return layered(activation, inputs, layers, outputActivation, Optional.empty());
    }

    /**
     * As {@link #layered(Activation, int, List, boolean)}, with the hidden nodes named by
     * {@code hiddenIds}, layer by layer in row order, instead of the default ids: a reduced network
     * keeps the ids of the nodes it kept (the network {@link NetworkBuilder} builds from the same
     * nodes, when it stores them as these dense layers).
     */
    public static Network layered(Activation activation, int inputs, List<Layer> layers, boolean outputActivation,
            List<String> hiddenIds) {
        return layered(activation, inputs, layers, outputActivation, Optional.of(hiddenIds));
    }

    /** The hidden ids given, or the defaults when empty. */
    private static Network layered(Activation activation, int inputs, List<Layer> layers, boolean outputActivation,
            Optional<List<String>> givenHiddenIds) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a layered network needs at least its output layer");
        }
        givenHiddenIds.ifPresent(hiddenIds -> {
            int hidden = layers.stream().limit(layers.size() - 1).mapToInt(Layer::rows).sum();
            java.util.Set<String> taken = new java.util.HashSet<>(defaultInputNames(inputs));
            for (int i = 0; i < layers.get(layers.size() - 1).rows(); i++) {
                taken.add(outputId(i));
            }
            if (hiddenIds.size() != hidden || !hiddenIds.stream().allMatch(taken::add)) {
                throw new IllegalArgumentException("expected " + hidden + " distinct hidden ids, unlike the input and output ids;"
                        + " found " + hiddenIds.size() + " ids, or a repeated or taken one");
            }
        });
        List<String> hiddenIds = givenHiddenIds.orElseGet(() -> defaultHiddenIds(layers));
        List<Block> blocks = new ArrayList<>(layers.size());
        int prevStart = 0;
        int prevSize = inputs;
        int start = inputs;
        List<String> idList = new ArrayList<>(defaultInputNames(inputs));
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            if (layer.rows() == 0) {
                throw new IllegalArgumentException("layers[" + l + "]: a layer needs at least one node");
            }
            if (layer.cols() != prevSize) {
                throw new IllegalArgumentException("layers[" + l + "]: expected " + prevSize + " columns, found "
                        + layer.cols());
            }
            int[] sources = new int[prevSize];
            for (int j = 0; j < prevSize; j++) {
                sources[j] = prevStart + j;
            }
            boolean output = l == layers.size() - 1;
            blocks.add(new Block(start, layer.rows(), sources, layer.weights(), layer.bias(), output));
            for (int i = 0; i < layer.rows(); i++) {
                idList.add(output ? outputId(i) : hiddenIds.get(idList.size() - inputs));
            }
            prevStart = start;
            prevSize = layer.rows();
            start += layer.rows();
        }
        int[] outs = new int[prevSize];
        for (int i = 0; i < prevSize; i++) {
            outs[i] = prevStart + i;
        }
        return new Network(activation, outputActivation, defaultInputNames(inputs), blocks,
                idList.toArray(new String[0]), outs);
    }

    /** The default ids of the hidden layers' nodes, layer by layer in row order. */
    private static List<String> defaultHiddenIds(List<Layer> layers) {
        List<String> ids = new ArrayList<>();
        for (int l = 0; l < layers.size() - 1; l++) {
            for (int i = 0; i < layers.get(l).rows(); i++) {
                ids.add(hiddenId(l + 1, i));
            }
        }
        return ids;
    }

    /** A builder for general networks (skip connections, sparse graphs); see {@link NetworkBuilder}. */
    public static NetworkBuilder builder(Activation activation, List<String> inputNames) {
        return new NetworkBuilder(activation, inputNames);
    }

    public Activation activation() {
        return activation;
    }

    public boolean outputActivation() {
        return outputActivation;
    }

    public List<String> inputNames() {
        return inputNames;
    }

    public int inputCount() {
        return inputNames.size();
    }

    public int outputCount() {
        return outputs.length;
    }

    /** All nodes, inputs included. */
    public int nodeCount() {
        return ids.length;
    }

    public int hiddenCount() {
        int h = 0;
        for (Block b : blocks) {
            h += b.output() ? 0 : b.size();
        }
        return h;
    }

    public List<Block> blocks() {
        return blocks;
    }

    /** Global indices of the output nodes, in output order. */
    public int[] outputNodes() {
        return outputs.clone();
    }

    public int outputNode(int k) {
        return outputs[k];
    }

    public List<String> outputIds() {
        List<String> out = new ArrayList<>(outputs.length);
        for (int o : outputs) {
            out.add(ids[o]);
        }
        return out;
    }

    public String id(int node) {
        return ids[node];
    }

    /** The global index of a node id, or -1. */
    public int indexOf(String id) {
        Map<String, Integer> m = indexById;
        if (m == null) {
            m = new HashMap<>(ids.length * 2);
            for (int i = 0; i < ids.length; i++) {
                m.put(ids[i], i);
            }
            indexById = m;
        }
        return m.getOrDefault(id, -1);
    }

    public boolean isInput(int node) {
        return node < inputNames.size();
    }

    public boolean isOutput(int node) {
        return !isInput(node) && blockOf(node).output();
    }

    public boolean isHidden(int node) {
        return !isInput(node) && !blockOf(node).output();
    }

    /** The block that stores a non-input node. */
    public Block blockOf(int node) {
        if (isInput(node)) {
            throw new IllegalArgumentException("node " + ids[node] + " is an input");
        }
        int lo = 0;
        int hi = blocks.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (blocks.get(mid).start() <= node) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return blocks.get(lo);
    }

    public Scalar bias(int node) {
        Block b = blockOf(node);
        return b.bias().get(node - b.start());
    }

    /** The nonzero incoming edges of a node, as source index → weight, ascending by source. */
    public Map<Integer, Scalar> incoming(int node) {
        Block b = blockOf(node);
        int row = node - b.start();
        Map<Integer, Scalar> in = new LinkedHashMap<>();
        for (int j = 0; j < b.width(); j++) {
            int k = row * b.width() + j;
            if (!b.weights().isZero(k)) {
                in.put(b.source(j), b.weights().get(k));
            }
        }
        return in;
    }

    /** True when every weight and bias is exact (rational or closed-form constant). */
    public boolean isExact() {
        for (Block b : blocks) {
            if (!b.isExact()) {
                return false;
            }
        }
        return true;
    }

    /** Number of stored weight entries (including zeros of dense blocks). */
    public long storedWeightCount() {
        long n = 0;
        for (Block b : blocks) {
            n += b.weights().length();
        }
        return n;
    }

    /**
     * The level of every node (docs/math.md §1): 0 for inputs, otherwise one more than the largest level
     * among the sources of its nonzero edges (1 for a node without incoming edges).
     */
    public int[] levels() {
        int[] lv = levels;
        if (lv == null) {
            lv = new int[ids.length];
            for (Block b : blocks) {
                for (int r = 0; r < b.size(); r++) {
                    int max = 0;
                    for (int j = 0; j < b.width(); j++) {
                        if (!b.weights().isZero(r * b.width() + j)) {
                            max = Math.max(max, lv[b.source(j)]);
                        }
                    }
                    lv[b.start() + r] = max + 1;
                }
            }
            levels = lv;
        }
        return lv.clone();
    }

    /** Depth: the largest level of any node. */
    public int depth() {
        int d = 0;
        for (int l : levels()) {
            d = Math.max(d, l);
        }
        return d;
    }

    /**
     * The layers, when this network is stored as a layered dense network with default node ids (as
     * {@link #layered} makes it, and as the JSON layered form reads it); empty otherwise.
     */
    public Optional<List<Layer>> asLayers() {
        Optional<List<Layer>> l = layers;
        if (l == null) {
            l = layersOfBlocks();
            layers = l;
        }
        return l;
    }

    private Optional<List<Layer>> layersOfBlocks() {
        int prevStart = 0;
        int prevSize = inputNames.size();
        if (!inputNames.equals(defaultInputNames(prevSize)) || blocks.isEmpty()) {
            return Optional.empty();
        }
        List<Layer> layers = new ArrayList<>(blocks.size());
        for (int l = 0; l < blocks.size(); l++) {
            Block b = blocks.get(l);
            boolean last = l == blocks.size() - 1;
            if (b.output() != last || b.width() != prevSize || (prevSize > 0 && b.source(0) != prevStart)
                    || (prevSize > 0 && b.source(prevSize - 1) != prevStart + prevSize - 1)) {
                return Optional.empty();
            }
            for (int i = 0; i < b.size(); i++) {
                String expected = last ? outputId(i) : hiddenId(l + 1, i);
                if (!ids[b.start() + i].equals(expected)) {
                    return Optional.empty();
                }
            }
            layers.add(new Layer(b.size(), b.width(), b.weights(), b.bias()));
            prevStart = b.start();
            prevSize = b.size();
        }
        for (int k = 0; k < outputs.length; k++) {
            if (outputs[k] != prevStart + k) {
                return Optional.empty();
            }
        }
        return Optional.of(Collections.unmodifiableList(layers));
    }

    /**
     * The same graph with every weight and bias replaced by {@code f} of it (zeros stay zeros:
     * f is not applied to absent edges of sparse blocks' dense storage).
     */
    public Network mapValues(java.util.function.UnaryOperator<Scalar> f) {
        List<Block> mapped = new ArrayList<>(blocks.size());
        for (Block b : blocks) {
            mapped.add(new Block(b.start(), b.size(), b.sources(), map(b.weights(), f), map(b.bias(), f), b.output()));
        }
        return new Network(activation, outputActivation, inputNames, mapped, ids, outputs, inputBox);
    }

    /**
     * The same network with f applied to every stored value, zeros included: what a change of number
     * type needs (the exact image of a double network must not keep a double 0.0, whose activation
     * value ρ(0.0) would then be computed in double arithmetic).
     */
    public Network mapAllValues(java.util.function.UnaryOperator<Scalar> f) {
        List<Block> mapped = new ArrayList<>(blocks.size());
        for (Block b : blocks) {
            mapped.add(new Block(b.start(), b.size(), b.sources(), map(b.weights(), f, true), map(b.bias(), f, true),
                    b.output()));
        }
        return new Network(activation, outputActivation, inputNames, mapped, ids, outputs, inputBox);
    }

    private static org.nnid.scalar.ScalarArray map(org.nnid.scalar.ScalarArray a, java.util.function.UnaryOperator<Scalar> f) {
        return map(a, f, false);
    }

    private static org.nnid.scalar.ScalarArray map(org.nnid.scalar.ScalarArray a, java.util.function.UnaryOperator<Scalar> f,
            boolean zerosToo) {
        Scalar[] out = new Scalar[a.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.isZero(i) && !zerosToo ? a.get(i) : f.apply(a.get(i));
        }
        return org.nnid.scalar.ScalarArray.of(out);
    }

    /** The same network with another output-activation flag. */
    public Network withOutputActivation(boolean flag) {
        return new Network(activation, flag, inputNames, blocks, ids, outputs, inputBox);
    }

    /**
     * The input box the network declares as its domain (an NNet file's input clipping), if any. It
     * does not change the function: evaluation ignores it, and rewriting (which works with the
     * function on all of R^m) does not carry it over.
     */
    public Optional<InputBox> inputBox() {
        return Optional.ofNullable(inputBox);
    }

    /** The same network with a declared input box, or none for {@code null}. */
    public Network withInputBox(InputBox box) {
        return new Network(activation, outputActivation, inputNames, blocks, ids, outputs, box);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Network n) || !n.activation.equals(activation) || n.outputActivation != outputActivation
                || !Objects.equals(n.inputBox, inputBox)
                || !n.inputNames.equals(inputNames) || n.ids.length != ids.length || !n.outputIds().equals(outputIds())
                || n.hashCode() != hashCode()) {
            return false;
        }
        if (Arrays.equals(n.ids, ids) && n.blocks.equals(blocks)) {
            return true; // same storage: the common case, compared without building edge maps
        }
        for (int v = inputCount(); v < ids.length; v++) {
            int w = n.indexOf(ids[v]);
            if (w < n.inputCount() || n.isOutput(w) != isOutput(v) || !n.bias(w).equals(bias(v))) {
                return false;
            }
            Map<String, Scalar> mine = new HashMap<>();
            incoming(v).forEach((src, weight) -> mine.put(ids[src], weight));
            Map<String, Scalar> theirs = new HashMap<>();
            n.incoming(w).forEach((src, weight) -> theirs.put(n.ids[src], weight));
            if (!mine.equals(theirs)) {
                return false;
            }
        }
        return true;
    }

    /** Independent of storage: a sum over nodes of a hash of (id, bias, nonzero edges by source id). */
    @Override
    public int hashCode() {
        Integer h = hash;
        if (h == null) {
            int sum = 0;
            for (Block b : blocks) {
                for (int r = 0; r < b.size(); r++) {
                    int node = b.start() + r;
                    int nh = ids[node].hashCode() * 31 + b.bias().get(r).hashCode();
                    for (int j = 0; j < b.width(); j++) {
                        int k = r * b.width() + j;
                        if (!b.weights().isZero(k)) {
                            nh += ids[b.source(j)].hashCode() * 17 ^ b.weights().get(k).hashCode();
                        }
                    }
                    sum += nh * (b.output() ? 7 : 1);
                }
            }
            h = Objects.hash(activation, outputActivation, inputNames, outputIds(), sum)
                    + (inputBox == null ? 0 : 31 * inputBox.hashCode());
            hash = h;
        }
        return h;
    }

    @Override
    public String toString() {
        return "Network[" + activation.name() + ", inputs=" + inputNames.size() + ", hidden=" + hiddenCount()
                + ", outputs=" + outputs.length + ", depth=" + depth() + (isExact() ? ", exact" : "") + "]";
    }
}
