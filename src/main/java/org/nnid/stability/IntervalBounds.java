package org.nnid.stability;

import org.nnid.scalar.Interval;
import org.nnid.scalar.Scalar;

/**
 * Interval bound propagation (IBP): enclosures of every pre-activation over a box, layer by
 * layer, in the outward-rounded {@link Interval} arithmetic of {@code Evaluator.enclose} (which
 * gives only the outputs; CROWN and branch and bound need every layer). Sound for every
 * activation with a sound interval extension; the ℓ2 ball is enclosed by its bounding box.
 */
public final class IntervalBounds {
    private IntervalBounds() {}

    /** The box [x₀ − ε, x₀ + ε] (outward-rounded), which contains the ℓ∞ and the ℓ2 ball. */
    public static Interval[] box(Scalar[] x0, double eps) {
        Interval[] box = new Interval[x0.length];
        Interval e = Interval.of(-eps, eps);
        for (int i = 0; i < box.length; i++) {
            box[i] = x0[i].enclosure().add(e);
        }
        return box;
    }

    /**
     * {@code z[l]} encloses the pre-activations z_l over the box for l = 1..L ({@code z[0]} is the
     * box itself); {@code z[L]} are the outputs.
     */
    public static Interval[][] preActivations(Mlp mlp, Interval[] box) {
        Interval[][] z = new Interval[mlp.depth() + 1][];
        z[0] = box;
        Interval[] a = box;
        for (int l = 0; l < mlp.depth(); l++) {
            z[l + 1] = affine(mlp, l, a);
            a = l + 1 < mlp.depth() ? activate(mlp, z[l + 1]) : null;
        }
        return z;
    }

    /** ρ applied to each enclosure. */
    static Interval[] activate(Mlp mlp, Interval[] z) {
        Interval[] a = new Interval[z.length];
        for (int i = 0; i < z.length; i++) {
            a[i] = mlp.network().activation().apply(z[i]);
        }
        return a;
    }

    static Interval[] affine(Mlp mlp, int l, Interval[] a) {
        int rows = mlp.size(l + 1);
        int cols = mlp.size(l);
        Interval[] z = new Interval[rows];
        for (int i = 0; i < rows; i++) {
            Interval s = mlp.biasEnclosure(l, i);
            for (int j = 0; j < cols; j++) {
                Interval wij = mlp.weightEnclosure(l, i * cols + j);
                if (wij.lo() != 0 || wij.hi() != 0) {
                    s = s.add(wij.mul(a[j]));
                }
            }
            z[i] = s;
        }
        return z;
    }

    /** The smallest IBP lower bound of the margins over the ε-ball: positive proves robustness at ε. */
    public static double marginLower(Problem p, double eps) {
        Interval[][] z = preActivations(p.mlp(), box(p.x0(), eps));
        Interval[] y = z[z.length - 1];
        double m = Double.POSITIVE_INFINITY;
        for (Decision.Margin g : p.margins()) {
            m = Math.min(m, g.enclose(y).lo());
        }
        return m;
    }
}
