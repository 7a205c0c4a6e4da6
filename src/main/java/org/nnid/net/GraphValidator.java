package org.nnid.net;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The rules of a network graph, the one place they are checked: input names and node ids are
 * unique, every edge comes from a declared input or node, outputs feed nothing, no node feeds
 * itself, some node is an output, and there is no cycle. The graph is declared piece by piece, so
 * that a reader can check each piece where it meets it in its file and report the first error in
 * file order; violations are {@link GraphException}s.
 */
public final class GraphValidator {

    /** A declared node; the output flag and the sources may come after the id. */
    private static final class Declared {
        final int position;
        boolean output;
        Collection<String> sources = List.of();

        Declared(int position) {
            this.position = position;
        }
    }

    private final Map<String, Integer> inputs = new HashMap<>();
    private final Map<String, Declared> nodes = new LinkedHashMap<>();

    /** Declares the next input. */
    public void input(String name) {
        if (inputs.putIfAbsent(name, inputs.size()) != null) {
            throw new GraphException(new GraphException.DuplicateInput(inputs.size(), name));
        }
    }

    /** Declares the next node by its id; inputs come first. */
    public void node(String id) {
        int position = nodes.size();
        if (inputs.containsKey(id)) {
            throw new GraphException(new GraphException.DuplicateId(position, id, OptionalInt.empty()));
        }
        Declared previous = nodes.putIfAbsent(id, new Declared(position));
        if (previous != null) {
            throw new GraphException(new GraphException.DuplicateId(position, id, OptionalInt.of(previous.position)));
        }
    }

    /** Declares the next node with its output flag and its sources (kept, not copied). */
    public void node(String id, boolean output, Collection<String> sources) {
        node(id);
        Declared d = nodes.get(id);
        d.output = output;
        d.sources = sources;
    }

    /** Marks a declared node as an output. */
    public void output(String id) {
        nodes.get(id).output = true;
    }

    /** @throws GraphException if no declared node is an output */
    public void requireOutput() {
        if (nodes.values().stream().noneMatch(d -> d.output)) {
            throw new GraphException(new GraphException.NoOutput());
        }
    }

    /**
     * Checks the edges of every node (in the order declared), that there is an output, and that
     * the graph is acyclic.
     *
     * @return the node ids in a topological order (every node after its sources)
     * @throws GraphException for the first rule broken
     */
    public List<String> topologicalOrder() {
        checkEdges();
        requireOutput();
        // Kahn's algorithm over all declared edges.
        Map<String, Integer> indegree = new HashMap<>();
        Map<String, List<String>> successors = new HashMap<>();
        for (Map.Entry<String, Declared> e : nodes.entrySet()) {
            int d = 0;
            for (String src : e.getValue().sources) {
                if (!inputs.containsKey(src)) {
                    d++;
                    successors.computeIfAbsent(src, k -> new ArrayList<>()).add(e.getKey());
                }
            }
            indegree.put(e.getKey(), d);
        }
        Deque<String> ready = new ArrayDeque<>();
        for (String id : nodes.keySet()) {
            if (indegree.get(id) == 0) {
                ready.add(id);
            }
        }
        List<String> order = new ArrayList<>(nodes.size());
        while (!ready.isEmpty()) {
            String v = ready.poll();
            order.add(v);
            for (String t : successors.getOrDefault(v, List.of())) {
                if (indegree.merge(t, -1, Integer::sum) == 0) {
                    ready.add(t);
                }
            }
        }
        if (order.size() < nodes.size()) {
            throw new GraphException(new GraphException.Cycle(cycle(indegree)));
        }
        return order;
    }

    private void checkEdges() {
        for (Map.Entry<String, Declared> e : nodes.entrySet()) {
            String id = e.getKey();
            int position = e.getValue().position;
            for (String src : e.getValue().sources) {
                Declared from = nodes.get(src);
                if (from == null && !inputs.containsKey(src)) {
                    throw new GraphException(new GraphException.UnknownSource(position, id, src));
                }
                if (from != null && from.output) {
                    throw new GraphException(new GraphException.EdgeFromOutput(position, id, src));
                }
                if (src.equals(id)) {
                    throw new GraphException(new GraphException.SelfEdge(position, id));
                }
            }
        }
    }

    /**
     * A cycle among the nodes Kahn's algorithm left over (indegree still positive). Such a node
     * lies on a cycle or is fed by one; walking back along left-over sources from the first of
     * them must revisit a node, and from that node the walk went once around a cycle.
     */
    private List<String> cycle(Map<String, Integer> indegree) {
        String v = nodes.keySet().stream().filter(id -> indegree.get(id) > 0).findFirst().orElseThrow();
        List<String> walk = new ArrayList<>();
        Map<String, Integer> seenAt = new HashMap<>();
        while (!seenAt.containsKey(v)) {
            seenAt.put(v, walk.size());
            walk.add(v);
            v = nodes.get(v).sources.stream()
                    .filter(src -> nodes.containsKey(src) && indegree.get(src) > 0).findFirst().orElseThrow();
        }
        // The walk follows edges backwards; the cycle reads forwards from its repeated node.
        List<String> cycle = new ArrayList<>(walk.subList(seenAt.get(v), walk.size()));
        cycle.add(v);
        Collections.reverse(cycle);
        return cycle;
    }
}
