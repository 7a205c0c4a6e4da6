package org.nnid.net;

import java.util.Arrays;

import org.nnid.scalar.ScalarArray;

/**
 * A group of consecutive non-input nodes that share one list of source nodes and one dense weight
 * matrix: a whole layer of a layered network, or a single node of a sparse graph. Blocks are how
 * a network is stored; the graph itself (nodes, nonzero edges) is what a network means.
 *
 * @param start   global index of the block's first node
 * @param size    number of nodes
 * @param sources global indices of the source nodes, ascending, all smaller than {@code start}
 * @param weights {@code size × sources.length} row-major; a zero entry is no edge
 * @param bias    one per node
 * @param output  whether the nodes are output nodes (otherwise hidden nodes)
 */
public record Block(int start, int size, int[] sources, ScalarArray weights, ScalarArray bias, boolean output) {

    public Block {
        sources = sources.clone();
        if (weights.length() != (long) size * sources.length) {
            throw new IllegalArgumentException("block weights: expected " + (long) size * sources.length
                    + " entries, found " + weights.length());
        }
        if (bias.length() != size) {
            throw new IllegalArgumentException("block bias: expected " + size + " entries, found " + bias.length());
        }
        for (int i = 0; i < sources.length; i++) {
            if (sources[i] >= start || (i > 0 && sources[i] <= sources[i - 1])) {
                throw new IllegalArgumentException("block sources must ascend and precede the block: "
                        + Arrays.toString(sources));
            }
        }
    }

    /** The global indices of the sources; a fresh copy. */
    @Override
    public int[] sources() {
        return sources.clone();
    }

    /** Number of sources (columns of the weight matrix). */
    public int width() {
        return sources.length;
    }

    /** Global index of source column j. */
    public int source(int j) {
        return sources[j];
    }

    /** Column index of a global source node, or -1. */
    public int column(int globalSource) {
        int j = Arrays.binarySearch(sources, globalSource);
        return j >= 0 ? j : -1;
    }

    public boolean isExact() {
        return weights.isExact() && bias.isExact();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Block b && b.start == start && b.size == size && b.output == output
                && Arrays.equals(b.sources, sources) && b.weights.sameEntries(weights) && b.bias.sameEntries(bias);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * start + size) + Arrays.hashCode(sources);
    }

    @Override
    public String toString() {
        return "Block[start=" + start + ", size=" + size + ", sources=" + Arrays.toString(sources)
                + ", output=" + output + "]";
    }
}
