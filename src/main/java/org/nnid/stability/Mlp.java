package org.nnid.stability;

import java.util.ArrayList;
import java.util.List;

import org.nnid.net.Layer;
import org.nnid.net.Network;
import org.nnid.scalar.Interval;
import org.nnid.scalar.Scalar;
import org.nnid.scalar.ScalarArray;
import org.nnid.activation.Activation;
import org.nnid.activation.Activations;
import org.nnid.activation.PiecewiseLinear;

/**
 * A layered network with affine outputs as plain arrays, for the inner loops of attacks, bounds
 * and training: layer l maps a_l (a_0 = x) to z_{l+1} = W_l a_l + b_l, hidden layers apply ρ.
 * The {@link Network} it came from keeps the exact values; {@link #weightEnclosure} gives
 * rigorous enclosures of them.
 */
public final class Mlp {
    private final Network network;
    private final List<Layer> layers;
    private final Activation rho;
    private final boolean relu;
    final int[] sizes;
    final double[][] w;
    final double[][] b;

    private Mlp(Network network, List<Layer> layers) {
        this.network = network;
        this.layers = layers;
        this.rho = network.activation();
        this.relu = PiecewiseLinear.isRelu(rho); // by its definition, not its name
        int depth = layers.size();
        sizes = new int[depth + 1];
        sizes[0] = network.inputCount();
        w = new double[depth][];
        b = new double[depth][];
        for (int l = 0; l < depth; l++) {
            sizes[l + 1] = layers.get(l).rows();
            w[l] = layers.get(l).weights().doubles();
            b[l] = layers.get(l).bias().doubles();
        }
    }

    /**
     * The array view of a layered network.
     *
     * @throws IllegalArgumentException naming what is missing when the network is not layered or
     *         its outputs are not affine
     */
    public static Mlp of(Network network) {
        if (network.outputActivation()) {
            throw new IllegalArgumentException("robustness analysis needs affine outputs (output_activation false)");
        }
        List<Layer> layers = network.asLayers().orElseThrow(() -> new IllegalArgumentException(
                "robustness analysis needs a layered network (the general DAG form is not supported yet)"));
        return new Mlp(network, layers);
    }

    /** A ReLU network from double arrays: {@code w[l]} row-major {@code sizes[l+1] × sizes[l]}. */
    public static Mlp relu(int[] sizes, double[][] w, double[][] b) {
        List<Layer> layers = new ArrayList<>();
        for (int l = 0; l + 1 < sizes.length; l++) {
            layers.add(Layer.of(sizes[l + 1], sizes[l], w[l], b[l]));
        }
        return of(Network.layered(Activations.byName("relu"), sizes[0], layers, false));
    }

    public Network network() {
        return network;
    }

    /** Whether ρ is max(0, t) ({@link PiecewiseLinear#isRelu}): CROWN, branch and bound and the exact planar method apply. */
    public boolean isRelu() {
        return relu;
    }

    /** Number of affine layers (hidden layers + 1). */
    public int depth() {
        return w.length;
    }

    public int size(int level) {
        return sizes[level];
    }

    public int inputs() {
        return sizes[0];
    }

    public int outputs() {
        return sizes[sizes.length - 1];
    }

    public Scalar weight(int layer, int row, int col) {
        return layers.get(layer).weight(row, col);
    }

    public Scalar bias(int layer, int row) {
        return layers.get(layer).bias().get(row);
    }

    /** A rigorous enclosure of the exact weight (an exact weight need not be a double). */
    Interval weightEnclosure(int layer, int k) {
        ScalarArray a = layers.get(layer).weights();
        return Interval.of(a.enclosureLo().get(k), a.enclosureHi().get(k));
    }

    Interval biasEnclosure(int layer, int row) {
        ScalarArray a = layers.get(layer).bias();
        return Interval.of(a.enclosureLo().get(row), a.enclosureHi().get(row));
    }

    /** The outputs in double arithmetic. */
    public double[] forward(double[] x) {
        return trace(x)[depth()];
    }

    /** a_0 = x, a_1, …, a_L = y: every layer's values (hidden ones after ρ). */
    double[][] trace(double[] x) {
        double[][] a = new double[depth() + 1][];
        a[0] = x;
        for (int l = 0; l < depth(); l++) {
            double[] z = affine(l, a[l]);
            if (l + 1 < depth()) {
                rho.applyInPlace(z, 0, z.length);
            }
            a[l + 1] = z;
        }
        return a;
    }

    double[] affine(int l, double[] in) {
        int rows = sizes[l + 1];
        int cols = sizes[l];
        double[] z = new double[rows];
        for (int i = 0; i < rows; i++) {
            double s = b[l][i];
            for (int j = 0; j < cols; j++) {
                s += w[l][i * cols + j] * in[j];
            }
            z[i] = s;
        }
        return z;
    }

    /**
     * The gradient of c·y with respect to x, by back-propagation. For ReLU the derivative is 1 for
     * z &gt; 0 and 0 otherwise; for other ρ it is a central difference. Attacks only use it to
     * search: what they find is proved afterwards.
     */
    public double[] gradient(double[] x, double[] c) {
        double[][] zs = new double[depth()][];
        double[] a = x;
        for (int l = 0; l < depth(); l++) {
            zs[l] = affine(l, a);
            if (l + 1 < depth()) {
                a = zs[l].clone();
                rho.applyInPlace(a, 0, a.length);
            }
        }
        double[] g = c.clone();
        for (int l = depth() - 1; l >= 0; l--) {
            if (l + 1 < depth()) {
                for (int i = 0; i < g.length; i++) {
                    g[i] *= derivative(zs[l][i]);
                }
            }
            int rows = sizes[l + 1];
            int cols = sizes[l];
            double[] prev = new double[cols];
            for (int i = 0; i < rows; i++) {
                double gi = g[i];
                if (gi != 0) {
                    for (int j = 0; j < cols; j++) {
                        prev[j] += gi * w[l][i * cols + j];
                    }
                }
            }
            g = prev;
        }
        return g;
    }

    private double derivative(double z) {
        if (relu) {
            return z > 0 ? 1 : 0;
        }
        double h = 1e-6 * Math.max(1, Math.abs(z));
        return (rho.apply(z + h) - rho.apply(z - h)) / (2 * h);
    }
}
