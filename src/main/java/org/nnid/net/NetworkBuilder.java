package org.nnid.net;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.nnid.scalar.DoubleScalar;
import org.nnid.scalar.Scalar;
import org.nnid.scalar.ScalarArray;
import org.nnid.activation.Activation;

/**
 * Builds a general network node by node, in any order. The graph is checked by a
 * {@link GraphValidator} (unique ids as nodes are added; known sources, outputs that feed nothing,
 * no cycles in {@link #build}); then build drops zero-weight edges, orders the
 * nodes topologically and groups each level into one dense block when that is not wasteful.
 * Errors are {@link GraphException}s whose message names the node.
 */
public final class NetworkBuilder {
    private final Activation activation;
    private final List<String> inputNames;
    private final Map<String, Spec> nodes = new LinkedHashMap<>();
    private final GraphValidator graph = new GraphValidator();
    private boolean outputActivation;

    private record Spec(String id, boolean output, Scalar bias, Map<String, Scalar> in) {}

    NetworkBuilder(Activation activation, List<String> inputNames) {
        this.activation = activation;
        this.inputNames = List.copyOf(inputNames);
        for (String name : inputNames) {
            graph.input(name);
        }
    }

    public NetworkBuilder outputActivation(boolean flag) {
        outputActivation = flag;
        return this;
    }

    /** Adds a hidden node; {@code in} maps source ids (inputs or other nodes) to weights. */
    public NetworkBuilder hidden(String id, Scalar bias, Map<String, ? extends Scalar> in) {
        return node(id, false, bias, in);
    }

    /** Adds an output node; outputs are ordered as they are added. */
    public NetworkBuilder output(String id, Scalar bias, Map<String, ? extends Scalar> in) {
        return node(id, true, bias, in);
    }

    public NetworkBuilder node(String id, boolean output, Scalar bias, Map<String, ? extends Scalar> in) {
        Spec spec = new Spec(id, output, bias, new LinkedHashMap<>(in));
        graph.node(id, output, spec.in.keySet());
        nodes.put(id, spec);
        return this;
    }

    /** @throws GraphException if the graph breaks one of {@link GraphValidator}'s rules */
    public Network build() {
        Map<String, Integer> level = levels(graph.topologicalOrder());

        // Topological order: by level, hidden before output within a level, then insertion order.
        TreeMap<Integer, List<Spec>> hiddenByLevel = new TreeMap<>();
        TreeMap<Integer, List<Spec>> outputByLevel = new TreeMap<>();
        for (Spec s : nodes.values()) {
            (s.output ? outputByLevel : hiddenByLevel).computeIfAbsent(level.get(s.id), k -> new ArrayList<>()).add(s);
        }
        List<List<Spec>> groups = new ArrayList<>();
        Set<Integer> allLevels = new java.util.TreeSet<>(hiddenByLevel.keySet());
        allLevels.addAll(outputByLevel.keySet());
        for (int l : allLevels) {
            if (hiddenByLevel.containsKey(l)) {
                groups.add(hiddenByLevel.get(l));
            }
            if (outputByLevel.containsKey(l)) {
                groups.add(outputByLevel.get(l));
            }
        }
        Map<String, Integer> index = new HashMap<>();
        List<String> ids = new ArrayList<>(inputNames);
        for (int i = 0; i < inputNames.size(); i++) {
            index.put(inputNames.get(i), i);
        }
        for (List<Spec> g : groups) {
            for (Spec s : g) {
                index.put(s.id, ids.size());
                ids.add(s.id);
            }
        }
        List<Block> blocks = new ArrayList<>();
        int start = inputNames.size();
        for (List<Spec> g : groups) {
            for (List<Spec> part : splitIfSparse(g, index)) {
                blocks.add(block(start, part, index));
                start += part.size();
            }
        }
        int[] outs = nodes.values().stream().filter(Spec::output).mapToInt(s -> index.get(s.id)).toArray();
        return new Network(activation, outputActivation, inputNames, blocks, ids.toArray(new String[0]), outs);
    }

    /** The level of a node: one more than the highest level among its sources by nonzero edges (inputs: 0). */
    private Map<String, Integer> levels(List<String> topologicalOrder) {
        Map<String, Integer> level = new HashMap<>();
        for (String in : inputNames) {
            level.put(in, 0);
        }
        for (String v : topologicalOrder) {
            int max = 0;
            for (Map.Entry<String, Scalar> e : nodes.get(v).in.entrySet()) {
                if (!isZero(e.getValue())) {
                    max = Math.max(max, level.get(e.getKey()));
                }
            }
            level.put(v, max + 1);
        }
        return level;
    }

    private static boolean isZero(Scalar s) {
        return s.isStructuralZero();
    }

    /** One block per level unless the dense matrix would be mostly zeros; then one block per node. */
    private static List<List<Spec>> splitIfSparse(List<Spec> group, Map<String, Integer> index) {
        Set<Integer> union = new HashSet<>();
        long edges = 0;
        for (Spec s : group) {
            for (Map.Entry<String, Scalar> e : s.in.entrySet()) {
                if (!isZero(e.getValue())) {
                    union.add(index.get(e.getKey()));
                    edges++;
                }
            }
        }
        long dense = (long) group.size() * union.size();
        if (dense <= 4096 || dense <= 4 * edges) {
            return List.of(group);
        }
        List<List<Spec>> parts = new ArrayList<>();
        for (Spec s : group) {
            parts.add(List.of(s));
        }
        return parts;
    }

    private static Block block(int start, List<Spec> part, Map<String, Integer> index) {
        java.util.TreeSet<Integer> union = new java.util.TreeSet<>();
        for (Spec s : part) {
            for (Map.Entry<String, Scalar> e : s.in.entrySet()) {
                if (!isZero(e.getValue())) {
                    union.add(index.get(e.getKey()));
                }
            }
        }
        int[] sources = union.stream().mapToInt(Integer::intValue).toArray();
        Scalar[] w = new Scalar[part.size() * sources.length];
        boolean allDouble = true;
        for (Spec s : part) {
            allDouble &= s.bias instanceof DoubleScalar;
            for (Scalar x : s.in.values()) {
                allDouble &= x instanceof DoubleScalar;
            }
        }
        // Dense blocks of double networks get double zeros; exact ones get exact zeros.
        Arrays.fill(w, allDouble ? DoubleScalar.of(0.0) : Scalar.ZERO);
        Scalar[] b = new Scalar[part.size()];
        for (int r = 0; r < part.size(); r++) {
            Spec s = part.get(r);
            b[r] = s.bias;
            for (Map.Entry<String, Scalar> e : s.in.entrySet()) {
                if (!isZero(e.getValue())) {
                    w[r * sources.length + Arrays.binarySearch(sources, index.get(e.getKey()))] = e.getValue();
                }
            }
        }
        return new Block(start, part.size(), sources, ScalarArray.of(w), ScalarArray.of(b), part.get(0).output);
    }
}
