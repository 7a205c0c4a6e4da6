package org.nnid.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.commons.math3.fraction.BigFraction;
import org.nnid.activation.Activations;
import org.nnid.net.Layer;
import org.nnid.net.Network;
import org.nnid.scalar.Rational;
import org.nnid.scalar.Scalar;

/**
 * Reproducible pairs of exact relu networks for the piecewise-linear decisions: a random layered
 * network A (weights and biases k/4) that carries a pass-through pair of units relu(z), relu(−z)
 * read with opposite weights (together the affine v·z), and a copy B made equal by every means the
 * issue lists (permuted units, positive rescaling, a clone split, dead units, the pass-through pair
 * shifted: v·relu(z) − v·relu(−z) = v·relu(z + c) − v·relu(−z − c) − v·c, a null network beyond the
 * symmetry group), or a near miss of B (one parameter changed by 10⁻⁹ relative, or one kink moved by
 * 10⁻⁶).
 */
final class ReluPairs {
    enum Kind { EQUAL, PARAMETER_1E_9, KINK_1E_6 }

    record Pair(Network a, Network b, Kind kind, String shape) {}

    /** A layered network as mutable exact matrices: weights[l][i][j] from unit j of layer l−1 to unit i. */
    private static final class Layers {
        final int inputs;
        final List<BigFraction[][]> weights = new ArrayList<>();
        final List<BigFraction[]> biases = new ArrayList<>();

        Layers(int inputs) {
            this.inputs = inputs;
        }

        Layers copy() {
            Layers c = new Layers(inputs);
            for (int l = 0; l < weights.size(); l++) {
                BigFraction[][] w = new BigFraction[weights.get(l).length][];
                for (int i = 0; i < w.length; i++) {
                    w[i] = weights.get(l)[i].clone();
                }
                c.weights.add(w);
                c.biases.add(biases.get(l).clone());
            }
            return c;
        }

        int hiddenLayers() {
            return weights.size() - 1;
        }

        int width(int l) {
            return weights.get(l).length;
        }

        /** Appends unit (in-weights, bias) to hidden layer l with out-weights into layer l+1. */
        void addUnit(int l, BigFraction[] in, BigFraction bias, BigFraction[] out) {
            weights.set(l, append(weights.get(l), in));
            biases.set(l, append(biases.get(l), bias));
            BigFraction[][] next = weights.get(l + 1);
            for (int i = 0; i < next.length; i++) {
                next[i] = append(next[i], out[i]);
            }
        }

        Network network() {
            List<Layer> layers = new ArrayList<>();
            for (int l = 0; l < weights.size(); l++) {
                BigFraction[][] w = weights.get(l);
                Scalar[][] ws = new Scalar[w.length][];
                Scalar[] bs = new Scalar[w.length];
                for (int i = 0; i < w.length; i++) {
                    ws[i] = new Scalar[w[i].length];
                    for (int j = 0; j < w[i].length; j++) {
                        ws[i][j] = Rational.of(w[i][j]);
                    }
                    bs[i] = Rational.of(biases.get(l)[i]);
                }
                layers.add(Layer.of(ws, bs));
            }
            return Network.layered(Activations.byName("relu"), inputs, layers, false);
        }
    }

    private ReluPairs() {}

    static Pair pair(long seed, Kind kind) {
        Random r = new Random(seed);
        int inputs = 2 + r.nextInt(7);
        int hidden = 1 + r.nextInt(3);
        Layers a = new Layers(inputs);
        int previous = inputs;
        StringBuilder shape = new StringBuilder(inputs + "");
        for (int l = 0; l <= hidden; l++) {
            int width = l == hidden ? 1 + r.nextInt(2) : 2 + r.nextInt(4);
            a.weights.add(randomMatrix(r, width, previous));
            a.biases.add(randomVector(r, width));
            previous = width;
            shape.append(l == hidden ? "-" : "-").append(width);
        }
        // the pass-through pair in a random hidden layer: relu(z), relu(−z), read with opposite weights
        int pass = r.nextInt(hidden);
        BigFraction[] z = randomVector(r, pass == 0 ? inputs : a.width(pass - 1));
        BigFraction zb = small(r);
        BigFraction[] v = randomVector(r, a.width(pass + 1));
        a.addUnit(pass, z, zb, v);
        a.addUnit(pass, negate(z), zb.negate(), negate(v));
        Layers b = a.copy();
        int first = a.width(pass) - 2;
        // shift the pair by c and pay −v·c in the next layer's biases
        BigFraction c = new BigFraction(1 + r.nextInt(4), 2);
        b.biases.get(pass)[first] = zb.add(c);
        b.biases.get(pass)[first + 1] = zb.negate().subtract(c);
        for (int i = 0; i < b.width(pass + 1); i++) {
            b.biases.get(pass + 1)[i] = b.biases.get(pass + 1)[i].subtract(v[i].multiply(c));
        }
        // the near miss touches A's own units, not the dead ones added below
        switch (kind) {
            case PARAMETER_1E_9 -> nudgeParameter(b, r);
            case KINK_1E_6 -> moveKink(b, r);
            case EQUAL -> { }
        }
        for (int l = 0; l < hidden; l++) {
            rescale(b, l, r);
        }
        cloneSplit(b, r.nextInt(hidden), r);
        deadUnits(b, r.nextInt(hidden), r);
        for (int l = 0; l < hidden; l++) {
            permute(b, l, r);
        }
        return new Pair(a.network(), b.network(), kind, shape.toString());
    }

    private static void rescale(Layers b, int l, Random r) {
        for (int i = 0; i < b.width(l); i++) {
            BigFraction c = new BigFraction(1 + r.nextInt(4), 1 + r.nextInt(3));
            BigFraction[] in = b.weights.get(l)[i];
            for (int j = 0; j < in.length; j++) {
                in[j] = in[j].multiply(c);
            }
            b.biases.get(l)[i] = b.biases.get(l)[i].multiply(c);
            for (BigFraction[] row : b.weights.get(l + 1)) {
                row[i] = row[i].divide(c);
            }
        }
    }

    private static void cloneSplit(Layers b, int l, Random r) {
        int u = r.nextInt(b.width(l));
        BigFraction[] in = b.weights.get(l)[u].clone();
        BigFraction[] out = new BigFraction[b.width(l + 1)];
        for (int i = 0; i < out.length; i++) {
            BigFraction w = b.weights.get(l + 1)[i][u];
            out[i] = w.divide(3);
            b.weights.get(l + 1)[i][u] = w.subtract(out[i]);
        }
        b.addUnit(l, in, b.biases.get(l)[u], out);
        if (r.nextBoolean()) { // and a positively rescaled clone of the clone
            int last = b.width(l) - 1;
            BigFraction[] half = new BigFraction[out.length];
            for (int i = 0; i < out.length; i++) {
                half[i] = b.weights.get(l + 1)[i][last].divide(2);
                b.weights.get(l + 1)[i][last] = half[i];
            }
            b.addUnit(l, times(in, BigFraction.TWO.reciprocal()), b.biases.get(l)[u].divide(2), times(half, BigFraction.TWO));
        }
    }

    private static void deadUnits(Layers b, int l, Random r) {
        int fanIn = l == 0 ? b.inputs : b.width(l - 1);
        BigFraction[] zero = new BigFraction[fanIn];
        java.util.Arrays.fill(zero, BigFraction.ZERO);
        b.addUnit(l, zero, BigFraction.MINUS_ONE, randomVector(r, b.width(l + 1))); // relu(−1) = 0
        BigFraction[] nothing = new BigFraction[b.width(l + 1)];
        java.util.Arrays.fill(nothing, BigFraction.ZERO);
        b.addUnit(l, randomVector(r, fanIn), small(r), nothing); // read by no one
    }

    private static void permute(Layers b, int l, Random r) {
        int n = b.width(l);
        int[] p = shuffled(n, r);
        BigFraction[][] w = b.weights.get(l);
        BigFraction[] bias = b.biases.get(l);
        BigFraction[][] w2 = new BigFraction[n][];
        BigFraction[] b2 = new BigFraction[n];
        for (int i = 0; i < n; i++) {
            w2[i] = w[p[i]];
            b2[i] = bias[p[i]];
        }
        b.weights.set(l, w2);
        b.biases.set(l, b2);
        for (BigFraction[] row : b.weights.get(l + 1)) {
            BigFraction[] old = row.clone();
            for (int i = 0; i < n; i++) {
                row[i] = old[p[i]];
            }
        }
    }

    /** 0 … n−1 in a random order (Fisher–Yates). */
    static int[] shuffled(int n, Random r) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** One nonzero parameter of B times 1 + 10⁻⁹. */
    private static void nudgeParameter(Layers b, Random r) {
        BigFraction factor = BigFraction.ONE.add(new BigFraction(1, 1_000_000_000));
        for (int attempt = 0; attempt < 1000; attempt++) {
            int l = r.nextInt(b.weights.size());
            int i = r.nextInt(b.width(l));
            BigFraction[] row = b.weights.get(l)[i];
            int j = r.nextInt(row.length + 1);
            if (j == row.length) {
                if (!b.biases.get(l)[i].equals(BigFraction.ZERO)) {
                    b.biases.get(l)[i] = b.biases.get(l)[i].multiply(factor);
                    return;
                }
            } else if (!row[j].equals(BigFraction.ZERO)) {
                row[j] = row[j].multiply(factor);
                return;
            }
        }
        b.biases.get(b.weights.size() - 1)[0] = b.biases.get(b.weights.size() - 1)[0].add(new BigFraction(1, 1_000_000_000));
    }

    /** One first-layer unit's hyperplane shifted by 10⁻⁶ (its bias moves by 10⁻⁶·max|w|). */
    private static void moveKink(Layers b, Random r) {
        BigFraction[][] w = b.weights.get(0);
        int i = r.nextInt(w.length);
        BigFraction largest = BigFraction.ZERO;
        for (BigFraction x : w[i]) {
            largest = x.abs().compareTo(largest) > 0 ? x.abs() : largest;
        }
        if (largest.equals(BigFraction.ZERO)) {
            largest = BigFraction.ONE;
        }
        b.biases.get(0)[i] = b.biases.get(0)[i].add(largest.multiply(new BigFraction(1, 1_000_000)));
    }

    private static BigFraction small(Random r) {
        return new BigFraction(r.nextInt(17) - 8, 4);
    }

    private static BigFraction[] randomVector(Random r, int n) {
        BigFraction[] v = new BigFraction[n];
        for (int i = 0; i < n; i++) {
            v[i] = small(r);
        }
        return v;
    }

    private static BigFraction[][] randomMatrix(Random r, int rows, int cols) {
        BigFraction[][] m = new BigFraction[rows][];
        for (int i = 0; i < rows; i++) {
            m[i] = randomVector(r, cols);
        }
        return m;
    }

    private static BigFraction[] negate(BigFraction[] v) {
        return times(v, BigFraction.MINUS_ONE);
    }

    private static BigFraction[] times(BigFraction[] v, BigFraction c) {
        BigFraction[] out = new BigFraction[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i].multiply(c);
        }
        return out;
    }

    private static BigFraction[] append(BigFraction[] v, BigFraction x) {
        BigFraction[] out = java.util.Arrays.copyOf(v, v.length + 1);
        out[v.length] = x;
        return out;
    }

    private static BigFraction[][] append(BigFraction[][] m, BigFraction[] row) {
        BigFraction[][] out = java.util.Arrays.copyOf(m, m.length + 1);
        out[m.length] = row;
        return out;
    }
}
