package org.nnid.dedup;

import java.util.ArrayList;
import java.util.List;

import org.nnid.activation.Activation;
import org.nnid.net.Layer;
import org.nnid.net.Network;

/**
 * A layered double network as mutable row-major matrices, for making exact copies and near misses
 * of generated networks: every operation here either keeps the function exactly (in rational
 * arithmetic on the doubles as written) or says that it changes it.
 */
final class LayeredDoubles {
    final Activation activation;
    final int inputs;
    /** weights.get(l)[i * cols(l) + j]: from unit j of layer l−1 (an input for l = 0) to unit i of layer l. */
    final List<double[]> weights = new ArrayList<>();
    final List<double[]> biases = new ArrayList<>();

    LayeredDoubles(Activation activation, int inputs) {
        this.activation = activation;
        this.inputs = inputs;
    }

    LayeredDoubles copy() {
        LayeredDoubles c = new LayeredDoubles(activation, inputs);
        for (int l = 0; l < weights.size(); l++) {
            c.weights.add(weights.get(l).clone());
            c.biases.add(biases.get(l).clone());
        }
        return c;
    }

    int layerCount() {
        return weights.size();
    }

    int hiddenLayers() {
        return weights.size() - 1;
    }

    int rows(int l) {
        return biases.get(l).length;
    }

    int cols(int l) {
        return l == 0 ? inputs : rows(l - 1);
    }

    long parameterCount() {
        long n = 0;
        for (int l = 0; l < weights.size(); l++) {
            n += weights.get(l).length + biases.get(l).length;
        }
        return n;
    }

    double weight(int l, int i, int j) {
        return weights.get(l)[i * cols(l) + j];
    }

    void setWeight(int l, int i, int j, double w) {
        weights.get(l)[i * cols(l) + j] = w;
    }

    /** Reorders the units of hidden layer l: new unit k is old unit order[k] (and their outgoing columns). */
    void permute(int l, int[] order) {
        int cols = cols(l);
        int rows = rows(l);
        double[] w = new double[rows * cols];
        double[] b = new double[rows];
        for (int k = 0; k < rows; k++) {
            System.arraycopy(weights.get(l), order[k] * cols, w, k * cols, cols);
            b[k] = biases.get(l)[order[k]];
        }
        int nextRows = rows(l + 1);
        double[] next = new double[nextRows * rows];
        for (int i = 0; i < nextRows; i++) {
            for (int k = 0; k < rows; k++) {
                next[i * rows + k] = weight(l + 1, i, order[k]);
            }
        }
        weights.set(l, w);
        biases.set(l, b);
        weights.set(l + 1, next);
    }

    /** Multiplies unit i of hidden layer l's incoming row and bias by {@code in}, its outgoing column by {@code out}. */
    void scaleUnit(int l, int i, double in, double out) {
        int cols = cols(l);
        for (int j = 0; j < cols; j++) {
            weights.get(l)[i * cols + j] *= in;
        }
        biases.get(l)[i] *= in;
        for (int r = 0; r < rows(l + 1); r++) {
            setWeight(l + 1, r, i, weight(l + 1, r, i) * out);
        }
    }

    /** Adds {@code delta[r]} to the bias of unit r of layer l. */
    void shiftBiases(int l, double[] delta) {
        for (int r = 0; r < delta.length; r++) {
            biases.get(l)[r] += delta[r];
        }
    }

    /**
     * Appends a unit to hidden layer l with the given incoming row, bias and outgoing column (one
     * entry per unit of layer l+1).
     */
    void appendUnit(int l, double[] in, double bias, double[] out) {
        int cols = cols(l);
        int rows = rows(l);
        double[] w = java.util.Arrays.copyOf(weights.get(l), (rows + 1) * cols);
        System.arraycopy(in, 0, w, rows * cols, cols);
        double[] b = java.util.Arrays.copyOf(biases.get(l), rows + 1);
        b[rows] = bias;
        int nextRows = rows(l + 1);
        double[] next = new double[nextRows * (rows + 1)];
        for (int r = 0; r < nextRows; r++) {
            for (int k = 0; k < rows; k++) {
                next[r * (rows + 1) + k] = weight(l + 1, r, k);
            }
            next[r * (rows + 1) + rows] = out[r];
        }
        weights.set(l, w);
        biases.set(l, b);
        weights.set(l + 1, next);
    }

    double[] incomingRow(int l, int i) {
        int cols = cols(l);
        return java.util.Arrays.copyOfRange(weights.get(l), i * cols, (i + 1) * cols);
    }

    double[] outgoingColumn(int l, int i) {
        double[] c = new double[rows(l + 1)];
        for (int r = 0; r < c.length; r++) {
            c[r] = weight(l + 1, r, i);
        }
        return c;
    }

    void setOutgoingColumn(int l, int i, double[] column) {
        for (int r = 0; r < column.length; r++) {
            setWeight(l + 1, r, i, column[r]);
        }
    }

    Network network() {
        List<Layer> layers = new ArrayList<>();
        for (int l = 0; l < weights.size(); l++) {
            layers.add(Layer.of(rows(l), cols(l), weights.get(l).clone(), biases.get(l).clone()));
        }
        return Network.layered(activation, inputs, layers, false);
    }
}
