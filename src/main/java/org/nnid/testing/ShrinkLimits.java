package org.nnid.testing;

import java.util.List;
import java.util.Optional;

import org.nnid.net.Layer;
import org.nnid.net.Network;

/**
 * What a generator promised about its networks, which shrinking keeps: at least so many inputs
 * and outputs, a number of hidden layers (levels) and a width per layer within the generator's
 * ranges, and a layered network stays layered. Shrinking never grows a network, so the upper
 * bounds hold by themselves except where removing an edge merges levels.
 */
record ShrinkLimits(int minInputs, int minOutputs, int minDepth, int maxDepth, int minWidth, int maxWidth,
        boolean keepLayered) {

    /** No promise beyond a network's own validity (a user's generator wrapped by the kit). */
    static final ShrinkLimits NONE = new ShrinkLimits(1, 1, 0, Integer.MAX_VALUE, 1, Integer.MAX_VALUE, false);

    /** Whether the hidden layer widths (of a layered network) or level widths (of any other) fit. */
    boolean admits(Network net) {
        if (net.inputCount() < minInputs || net.outputCount() < minOutputs) {
            return false;
        }
        Optional<List<Layer>> layers = net.asLayers();
        if (keepLayered && layers.isEmpty()) {
            return false;
        }
        int[] widths = layers.map(ShrinkLimits::layerWidths).orElseGet(() -> levelWidths(net));
        if (widths.length < minDepth || widths.length > maxDepth) {
            return false;
        }
        for (int w : widths) {
            if (w < minWidth || w > maxWidth) {
                return false;
            }
        }
        return true;
    }

    private static int[] layerWidths(List<Layer> layers) {
        int[] w = new int[layers.size() - 1];
        for (int l = 0; l < w.length; l++) {
            w[l] = layers.get(l).rows();
        }
        return w;
    }

    /** Hidden nodes per level (levels from the nonzero edges), for the levels that hold any. */
    private static int[] levelWidths(Network net) {
        int[] level = net.levels();
        int top = 0;
        for (int v = 0; v < net.nodeCount(); v++) {
            if (net.isHidden(v)) {
                top = Math.max(top, level[v]);
            }
        }
        int[] count = new int[top + 1];
        for (int v = 0; v < net.nodeCount(); v++) {
            if (net.isHidden(v)) {
                count[level[v]]++;
            }
        }
        return java.util.Arrays.stream(count).filter(c -> c > 0).toArray();
    }
}
