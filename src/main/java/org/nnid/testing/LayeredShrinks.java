package org.nnid.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.nnid.net.Layer;
import org.nnid.net.Network;
import org.nnid.scalar.Scalar;

/**
 * {@link NetworkShrinks}' steps on a layered network, done on its layers so that every result is
 * layered again: remove a hidden layer (the next layer then reads the layer before, its columns
 * cut or padded with zeros), a hidden unit (its row, and its column in the next layer), an input
 * (a column of the first layer), an output (a row of the last); set one weight to zero; simplify
 * one weight or bias. Widths and depth stay within the {@link ShrinkLimits}.
 */
final class LayeredShrinks {
    private LayeredShrinks() {}

    static List<Network> candidates(Network net, List<Layer> layers, ShrinkLimits limits) {
        List<Matrix> m = layers.stream().map(Matrix::of).toList();
        int hidden = m.size() - 1;
        List<Network> out = new ArrayList<>();
        if (hidden > limits.minDepth()) {
            for (int l = 0; l < hidden; l++) {
                List<Matrix> c = new ArrayList<>(m);
                Matrix next = c.get(l + 1);
                c.set(l + 1, next.withColumns(m.get(l).cols()));
                c.remove(l);
                out.add(build(net, c, null));
            }
        }
        for (int l = 0; l < hidden; l++) {
            if (m.get(l).rows() > Math.max(1, limits.minWidth())) {
                for (int i = 0; i < m.get(l).rows(); i++) {
                    List<Matrix> c = new ArrayList<>(m);
                    c.set(l, m.get(l).withoutRow(i));
                    c.set(l + 1, m.get(l + 1).withoutColumn(i));
                    out.add(build(net, c, null));
                }
            }
        }
        if (net.inputCount() > Math.max(1, limits.minInputs())) {
            for (int j = 0; j < net.inputCount(); j++) {
                List<Matrix> c = new ArrayList<>(m);
                c.set(0, m.get(0).withoutColumn(j));
                int dropped = j;
                out.add(build(net, c, IntStream.range(0, net.inputCount()).filter(x -> x != dropped).boxed().toList()));
            }
        }
        Matrix last = m.get(hidden);
        if (last.rows() > Math.max(1, limits.minOutputs())) {
            for (int k = 0; k < last.rows(); k++) {
                List<Matrix> c = new ArrayList<>(m);
                c.set(hidden, last.withoutRow(k));
                out.add(build(net, c, null));
            }
        }
        for (int l = 0; l < m.size(); l++) {
            Matrix a = m.get(l);
            for (int i = 0; i < a.rows(); i++) {
                for (int j = 0; j < a.cols(); j++) {
                    if (!a.w[i][j].isZero()) {
                        out.add(build(net, replaced(m, l, a.withWeight(i, j, Scalar.ZERO)), null));
                    }
                }
            }
        }
        for (int l = 0; l < m.size(); l++) {
            Matrix a = m.get(l);
            for (int i = 0; i < a.rows(); i++) {
                for (Scalar s : NetworkShrinks.simpler(a.b[i])) {
                    out.add(build(net, replaced(m, l, a.withBias(i, s)), null));
                }
                for (int j = 0; j < a.cols(); j++) {
                    for (Scalar s : NetworkShrinks.simpler(a.w[i][j])) {
                        if (!s.isZero()) { // zero is the step above
                            out.add(build(net, replaced(m, l, a.withWeight(i, j, s)), null));
                        }
                    }
                }
            }
        }
        return out;
    }

    private static List<Matrix> replaced(List<Matrix> m, int l, Matrix a) {
        List<Matrix> c = new ArrayList<>(m);
        c.set(l, a);
        return c;
    }

    /** The layered network of these matrices; {@code keptInputs} names the inputs left after a drop. */
    private static Network build(Network net, List<Matrix> m, List<Integer> keptInputs) {
        List<Layer> layers = m.stream().map(a -> Layer.of(a.w, a.b)).toList();
        Network out = Network.layered(net.activation(), m.get(0).cols(), layers, net.outputActivation());
        return net.inputBox()
                .map(box -> out.withInputBox(keptInputs == null ? box : NetworkShrinks.keepCoordinates(box, keptInputs)))
                .orElse(out);
    }

    /** A layer as a matrix of scalars, changed by copying. */
    private record Matrix(Scalar[][] w, Scalar[] b) {
        static Matrix of(Layer layer) {
            Scalar[][] w = new Scalar[layer.rows()][layer.cols()];
            Scalar[] b = new Scalar[layer.rows()];
            for (int i = 0; i < layer.rows(); i++) {
                for (int j = 0; j < layer.cols(); j++) {
                    w[i][j] = layer.weight(i, j);
                }
                b[i] = layer.bias().get(i);
            }
            return new Matrix(w, b);
        }

        int rows() {
            return b.length;
        }

        int cols() {
            return w.length == 0 ? 0 : w[0].length;
        }

        Matrix withoutRow(int r) {
            Scalar[][] w2 = new Scalar[rows() - 1][];
            Scalar[] b2 = new Scalar[rows() - 1];
            for (int i = 0, k = 0; i < rows(); i++) {
                if (i != r) {
                    w2[k] = w[i].clone();
                    b2[k++] = b[i];
                }
            }
            return new Matrix(w2, b2);
        }

        Matrix withoutColumn(int c) {
            Scalar[][] w2 = new Scalar[rows()][cols() - 1];
            for (int i = 0; i < rows(); i++) {
                for (int j = 0, k = 0; j < cols(); j++) {
                    if (j != c) {
                        w2[i][k++] = w[i][j];
                    }
                }
            }
            return new Matrix(w2, b.clone());
        }

        /** The first {@code n} columns, padded with zeros when there are fewer. */
        Matrix withColumns(int n) {
            Scalar[][] w2 = new Scalar[rows()][n];
            for (int i = 0; i < rows(); i++) {
                for (int j = 0; j < n; j++) {
                    w2[i][j] = j < cols() ? w[i][j] : Scalar.ZERO;
                }
            }
            return new Matrix(w2, b.clone());
        }

        Matrix withWeight(int r, int c, Scalar value) {
            Scalar[][] w2 = new Scalar[rows()][];
            for (int i = 0; i < rows(); i++) {
                w2[i] = w[i].clone();
            }
            w2[r][c] = value;
            return new Matrix(w2, b.clone());
        }

        Matrix withBias(int r, Scalar value) {
            Scalar[] b2 = b.clone();
            b2[r] = value;
            Scalar[][] w2 = new Scalar[rows()][];
            for (int i = 0; i < rows(); i++) {
                w2[i] = w[i].clone();
            }
            return new Matrix(w2, b2);
        }
    }
}
