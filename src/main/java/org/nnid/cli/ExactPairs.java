package org.nnid.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.nnid.io.Nonlinearities;
import org.nnid.net.Layer;
import org.nnid.net.Network;
import org.nnid.scalar.Rational;
import org.nnid.scalar.Scalar;

/**
 * Issue 18's exact benchmark networks: layered tanh networks with one output whose weights and
 * biases are k/10, k = −9…9, k ≠ 0, and their near misses.
 */
final class ExactPairs {
    private ExactPairs() {}

    /** inputs → depth×width → 1, tanh, every value k/10 with k uniform in −9…9 without 0. */
    static Network random(int inputs, int depth, int width, Random random) {
        List<Layer> layers = new ArrayList<>();
        int prev = inputs;
        for (int l = 0; l <= depth; l++) {
            int rows = l == depth ? 1 : width;
            Scalar[][] w = new Scalar[rows][prev];
            Scalar[] b = new Scalar[rows];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < prev; j++) {
                    w[i][j] = tenth(random);
                }
                b[i] = tenth(random);
            }
            layers.add(Layer.of(w, b));
            prev = rows;
        }
        return Network.layered(Nonlinearities.builtins().get("tanh").activation(), inputs, layers, false);
    }

    private static Scalar tenth(Random random) {
        int k = 1 + random.nextInt(9);
        return Rational.of(java.math.BigInteger.valueOf(random.nextBoolean() ? k : -k), java.math.BigInteger.TEN);
    }

    /** The same network with its output bias moved by {@code delta}. */
    static Network outputBiasMoved(Network n, Rational delta) {
        List<Layer> layers = new ArrayList<>(n.asLayers().orElseThrow());
        Layer last = layers.get(layers.size() - 1);
        Scalar[][] w = new Scalar[last.rows()][last.cols()];
        Scalar[] b = new Scalar[last.rows()];
        for (int i = 0; i < last.rows(); i++) {
            for (int j = 0; j < last.cols(); j++) {
                w[i][j] = last.weight(i, j);
            }
            b[i] = i == 0 ? last.bias().get(i).add(delta) : last.bias().get(i);
        }
        layers.set(layers.size() - 1, Layer.of(w, b));
        return Network.layered(n.activation(), n.inputCount(), layers, n.outputActivation());
    }
}
