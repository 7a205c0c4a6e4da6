package org.nnid.net;

import org.nnid.scalar.Interval;
import org.nnid.scalar.ReadOnlyDoubles;
import org.nnid.activation.Activation;
import org.nnid.activation.DeclaredDomain;

/**
 * Evaluates networks in double arithmetic (fast, for batches) and in interval arithmetic with
 * outward rounding (rigorous: the true real output lies in the returned enclosure, which is what
 * lets a later proof of f(x) ≠ g(x) rest on disjoint enclosures).
 */
public final class Evaluator {
    private Evaluator() {}

    /** The outputs at one input point, in double arithmetic. */
    public static double[] evaluate(Network net, double[] x) {
        return evaluate(net, x, false);
    }

    /**
     * {@link #evaluate}, refusing a point where a node's activation is undefined (NaN from a
     * number, or ±∞ where the interval extension has no finite bound either: a pole, not an overflow).
     *
     * @throws ActivationEvaluationException naming the node and its argument
     */
    public static double[] evaluateDefined(Network net, double[] x) {
        return evaluate(net, x, true);
    }

    private static double[] evaluate(Network net, double[] x, boolean check) {
        checkInput(net, x.length);
        double[] h = new double[net.nodeCount()];
        System.arraycopy(x, 0, h, 0, x.length);
        Activation rho = net.activation();
        for (Block b : net.blocks()) {
            ReadOnlyDoubles w = b.weights().asDoubles();
            ReadOnlyDoubles bias = b.bias().asDoubles();
            int width = b.width();
            int[] src = b.sources();
            boolean contiguous = width > 0 && src[width - 1] - src[0] == width - 1;
            for (int r = 0; r < b.size(); r++) {
                double p = bias.get(r);
                int row = r * width;
                if (contiguous) {
                    int s0 = src[0];
                    for (int j = 0; j < width; j++) {
                        p += w.get(row + j) * h[s0 + j];
                    }
                } else {
                    for (int j = 0; j < width; j++) {
                        p += w.get(row + j) * h[src[j]];
                    }
                }
                double v = (!b.output() || net.outputActivation()) ? rho.apply(p) : p;
                if (check && !Double.isFinite(v) && Double.isFinite(p) && undefined(rho, p, v)) {
                    throw ActivationEvaluationException.undefined(net.id(b.start() + r), Double.toString(p), outside(rho, p));
                }
                h[b.start() + r] = v;
            }
        }
        double[] y = new double[net.outputCount()];
        for (int k = 0; k < y.length; k++) {
            y[k] = h[net.outputNode(k)];
        }
        return y;
    }

    /** The outputs at many input points (one row per point). */
    public static double[][] evaluateBatch(Network net, double[][] xs) {
        double[][] ys = new double[xs.length][];
        for (int i = 0; i < xs.length; i++) {
            ys[i] = evaluate(net, xs[i]);
        }
        return ys;
    }

    /** Rigorous enclosures of the outputs at a point given by double coordinates. */
    public static Interval[] enclose(Network net, double[] x) {
        Interval[] box = new Interval[x.length];
        for (int i = 0; i < x.length; i++) {
            box[i] = Interval.point(x[i]);
        }
        return enclose(net, box);
    }

    /** The cause when p lies outside the activation's declared domain, else null. */
    private static String outside(Activation rho, double p) {
        DeclaredDomain d = DeclaredDomain.of(rho);
        return d.isRealLine() || d.contains(p) ? null : "outside the declared domain " + d + " of " + rho.name();
    }

    private static boolean undefined(Activation rho, double p, double v) {
        if (Double.isNaN(v)) {
            return true;
        }
        try {
            Interval e = rho.apply(Interval.point(p));
            return e.lo() == Double.NEGATIVE_INFINITY && e.hi() == Double.POSITIVE_INFINITY;
        } catch (UnsupportedOperationException e) {
            return true;
        }
    }

    /**
     * Rigorous enclosures of the outputs over a box of inputs: every weight is replaced by an
     * enclosure of its exact value, every operation is rounded outward, and every activation uses
     * its sound interval extension.
     */
    public static Interval[] enclose(Network net, Interval[] x) {
        return enclose(net, x, false);
    }

    /**
     * {@link #enclose}, refusing a box where some node's argument has finite bounds but its
     * activation none (the argument meets a pole or leaves the domain of the definition).
     *
     * @throws ActivationEvaluationException naming the node and the enclosure of its argument
     */
    public static Interval[] encloseDefined(Network net, Interval[] x) {
        return enclose(net, x, true);
    }

    private static Interval[] enclose(Network net, Interval[] x, boolean check) {
        checkInput(net, x.length);
        Interval[] h = new Interval[net.nodeCount()];
        System.arraycopy(x, 0, h, 0, x.length);
        Activation rho = net.activation();
        for (Block b : net.blocks()) {
            ReadOnlyDoubles wlo = b.weights().enclosureLo();
            ReadOnlyDoubles whi = b.weights().enclosureHi();
            ReadOnlyDoubles blo = b.bias().enclosureLo();
            ReadOnlyDoubles bhi = b.bias().enclosureHi();
            int width = b.width();
            for (int r = 0; r < b.size(); r++) {
                Interval p = Interval.of(blo.get(r), bhi.get(r));
                int row = r * width;
                for (int j = 0; j < width; j++) {
                    double lo = wlo.get(row + j);
                    double hi = whi.get(row + j);
                    if (lo == 0.0 && hi == 0.0) {
                        continue;
                    }
                    p = p.add(Interval.of(lo, hi).mul(h[b.source(j)]));
                }
                Interval v = (!b.output() || net.outputActivation()) ? rho.apply(p) : p;
                if (check && v.lo() == Double.NEGATIVE_INFINITY && v.hi() == Double.POSITIVE_INFINITY
                        && Double.isFinite(p.lo()) && Double.isFinite(p.hi())) {
                    throw ActivationEvaluationException.undefined(net.id(b.start() + r), p.isPoint() ? Double.toString(p.lo())
                            : "in " + p, p.isPoint() ? outside(rho, p.lo()) : DeclaredDomain.of(rho).isRealLine()
                                    ? "it may meet a pole or leave the domain of the definition"
                                    : "not inside the declared domain " + DeclaredDomain.of(rho) + " of " + rho.name());
                }
                h[b.start() + r] = v;
            }
        }
        Interval[] y = new Interval[net.outputCount()];
        for (int k = 0; k < y.length; k++) {
            y[k] = h[net.outputNode(k)];
        }
        return y;
    }

    private static void checkInput(Network net, int length) {
        if (length != net.inputCount()) {
            throw new IllegalArgumentException("the network has " + net.inputCount() + " inputs, but the point has "
                    + length + " coordinates");
        }
    }
}
