package org.nnid.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.nnid.net.Layer;
import org.nnid.net.Network;
import org.nnid.scalar.Scalar;

/**
 * A network as dense layers, for formats that hold only layered networks (NNet): possible when every edge goes from level ℓ−1 to level ℓ (docs/math.md §1) and every
 * output is at the last level. Missing edges become zero weights; within a level, nodes keep their
 * index order and outputs their output order.
 */
final class Layering {
    private Layering() {}

    /**
     * The layers of {@code net}, the last one being the output layer.
     *
     * @throws IllegalArgumentException naming an edge that skips a level, or an output below the top
     */
    static List<Layer> layers(Network net) {
        if (net.asLayers().isPresent()) {
            return net.asLayers().get();
        }
        int[] level = net.levels();
        int depth = net.depth();
        List<List<Integer>> byLevel = new ArrayList<>();
        for (int l = 0; l <= depth; l++) {
            byLevel.add(new ArrayList<>());
        }
        for (int v = 0; v < net.inputCount(); v++) {
            byLevel.get(0).add(v);
        }
        for (int v = net.inputCount(); v < net.nodeCount(); v++) {
            if (net.isHidden(v)) {
                if (level[v] == depth) {
                    throw new IllegalArgumentException("hidden node " + net.id(v) + " feeds no output at a later level"
                            + " (a layered format needs every output at the last level)");
                }
                byLevel.get(level[v]).add(v);
            }
        }
        for (int k = 0; k < net.outputCount(); k++) {
            int o = net.outputNode(k);
            if (level[o] != depth) {
                throw new IllegalArgumentException("output " + net.id(o) + " is at level " + level[o]
                        + ", not at the last level " + depth + " (a layered format needs all outputs there)");
            }
            byLevel.get(depth).add(o);
        }
        List<Layer> layers = new ArrayList<>();
        for (int l = 1; l <= depth; l++) {
            List<Integer> rows = byLevel.get(l);
            List<Integer> cols = byLevel.get(l - 1);
            Scalar[][] w = new Scalar[rows.size()][cols.size()];
            Scalar[] b = new Scalar[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                int v = rows.get(i);
                java.util.Arrays.fill(w[i], Scalar.of(0));
                for (Map.Entry<Integer, Scalar> e : net.incoming(v).entrySet()) {
                    int j = cols.indexOf(e.getKey());
                    if (j < 0) {
                        throw new IllegalArgumentException("the edge " + net.id(e.getKey()) + " -> " + net.id(v)
                                + " skips a level (skip connections cannot be written as dense layers)");
                    }
                    w[i][j] = e.getValue();
                }
                b[i] = net.bias(v);
            }
            if (rows.isEmpty()) {
                throw new IllegalArgumentException("level " + l + " has no nodes");
            }
            layers.add(Layer.of(w, b));
        }
        return layers;
    }
}
