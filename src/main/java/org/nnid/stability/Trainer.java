package org.nnid.stability;

import java.util.Random;

/**
 * Full-batch training of a fixed-architecture ReLU network with one output (a logit, class 1 iff
 * it is ≥ 0) on the binary cross-entropy log(1 + e^{−(2y−1)f(x)}), by plain gradient descent or by
 * Adam (Kingma and Ba 2015). Written over double arrays because the paradox needs nothing more
 * than this and a deep-learning library would dwarf nnid; the loops run in a fixed order, so a
 * seed gives the same network on every machine with IEEE doubles. The weights with the best
 * validation accuracy (checked ten times in a run) are kept.
 */
public record Trainer(Method method, int epochs, double rate) {

    public enum Method { GD, ADAM }

    public static Trainer of(Method method, int epochs) {
        return new Trainer(method, epochs, method == Method.GD ? 0.2 : 0.01);
    }

    public Mlp train(int[] sizes, Stripes.Sample train, Stripes.Sample validation, long seed) {
        Random random = new Random(seed);
        int depth = sizes.length - 1;
        double[][] w = new double[depth][];
        double[][] b = new double[depth][];
        for (int l = 0; l < depth; l++) {
            w[l] = new double[sizes[l + 1] * sizes[l]];
            b[l] = new double[sizes[l + 1]];
            double limit = Math.sqrt(6.0 / sizes[l]); // He-uniform
            for (int k = 0; k < w[l].length; k++) {
                w[l][k] = limit * (2 * random.nextDouble() - 1);
            }
        }
        double[][] mw = zeros(w), vw = zeros(w), mb = zeros(b), vb = zeros(b);
        double[][] bestW = copy(w), bestB = copy(b);
        double bestAccuracy = -1;
        int check = Math.max(1, epochs / 10);
        for (int epoch = 1; epoch <= epochs; epoch++) {
            double[][] gw = zeros(w), gb = zeros(b);
            for (int n = 0; n < train.size(); n++) {
                accumulate(sizes, w, b, train.x()[n], train.y()[n], gw, gb, 1.0 / train.size());
            }
            step(w, gw, mw, vw, epoch);
            step(b, gb, mb, vb, epoch);
            if (epoch % check == 0 || epoch == epochs) {
                double acc = accuracy(Mlp.relu(sizes, w, b), validation);
                if (acc >= bestAccuracy) {
                    bestAccuracy = acc;
                    bestW = copy(w);
                    bestB = copy(b);
                }
            }
        }
        return Mlp.relu(sizes, bestW, bestB);
    }

    /** The fraction of the sample classified correctly (double arithmetic). */
    public static double accuracy(Mlp mlp, Stripes.Sample s) {
        int correct = 0;
        for (int n = 0; n < s.size(); n++) {
            correct += (mlp.forward(s.x()[n])[0] >= 0 ? 1 : 0) == s.y()[n] ? 1 : 0;
        }
        return (double) correct / s.size();
    }

    /** Adds scale × the gradient of one example's loss. */
    private static void accumulate(int[] sizes, double[][] w, double[][] b, double[] x, int y, double[][] gw,
            double[][] gb, double scale) {
        int depth = sizes.length - 1;
        double[][] a = new double[depth + 1][];
        a[0] = x;
        for (int l = 0; l < depth; l++) {
            double[] z = new double[sizes[l + 1]];
            for (int i = 0; i < z.length; i++) {
                double s = b[l][i];
                for (int j = 0; j < sizes[l]; j++) {
                    s += w[l][i * sizes[l] + j] * a[l][j];
                }
                z[i] = l + 1 < depth ? Math.max(0, s) : s;
            }
            a[l + 1] = z;
        }
        double sign = 2 * y - 1;
        double f = a[depth][0];
        // d/df log(1 + e^{−sign·f}) = −sign·σ(−sign·f)
        double[] delta = {-sign / (1 + Math.exp(sign * f)) * scale};
        for (int l = depth - 1; l >= 0; l--) {
            double[] prev = new double[sizes[l]];
            for (int i = 0; i < delta.length; i++) {
                double d = delta[i];
                if (d == 0) {
                    continue;
                }
                gb[l][i] += d;
                for (int j = 0; j < sizes[l]; j++) {
                    gw[l][i * sizes[l] + j] += d * a[l][j];
                    prev[j] += d * w[l][i * sizes[l] + j];
                }
            }
            if (l > 0) {
                for (int j = 0; j < prev.length; j++) {
                    prev[j] = a[l][j] > 0 ? prev[j] : 0;
                }
            }
            delta = prev;
        }
    }

    private void step(double[][] p, double[][] g, double[][] m, double[][] v, int t) {
        for (int l = 0; l < p.length; l++) {
            for (int k = 0; k < p[l].length; k++) {
                if (method == Method.GD) {
                    p[l][k] -= rate * g[l][k];
                } else {
                    m[l][k] = 0.9 * m[l][k] + 0.1 * g[l][k];
                    v[l][k] = 0.999 * v[l][k] + 0.001 * g[l][k] * g[l][k];
                    double mHat = m[l][k] / (1 - Math.pow(0.9, t));
                    double vHat = v[l][k] / (1 - Math.pow(0.999, t));
                    p[l][k] -= rate * mHat / (Math.sqrt(vHat) + 1e-8);
                }
            }
        }
    }

    private static double[][] zeros(double[][] like) {
        double[][] z = new double[like.length][];
        for (int l = 0; l < like.length; l++) {
            z[l] = new double[like[l].length];
        }
        return z;
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int l = 0; l < a.length; l++) {
            c[l] = a[l].clone();
        }
        return c;
    }
}
