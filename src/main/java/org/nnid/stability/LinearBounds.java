package org.nnid.stability;

import org.nnid.scalar.Interval;

/**
 * CROWN-style linear bounds for ReLU networks (Zhang et al. 2018): a lower bound of a linear
 * function of a layer's pre-activations is pushed back through the network, each unstable ReLU
 * replaced by a linear lower relaxation (slope 0 or 1, whichever side is larger) or by its upper
 * chord u(z − l)/(u − l), depending on the sign of its coefficient, and finally minimised over the
 * ball in closed form (the dual norm: ℓ1 for ℓ∞ balls, ℓ2 for ℓ2 balls).
 *
 * <p>Soundness: every coefficient is an {@link Interval} that contains the exact real coefficient
 * of the relaxation chain, computed with outward rounding; a coefficient whose enclosure contains
 * 0 (so its sign, and hence the valid relaxation, is unknown) is bounded by lo·u, which is valid
 * for either sign because 0 ≤ relu(z) ≤ u. Pre-activation bounds are CROWN's intersected with
 * IBP's, and the reported margin bound is the larger of CROWN's and IBP's, so it is never weaker
 * than IBP (CROWN alone can be, on some networks). Back-substitution stops after {@link #WINDOW}
 * layers and bounds the rest by the interval enclosure of the layer reached, which is sound and
 * keeps deep chains linear in their depth.
 */
public final class LinearBounds {
    /** Layers a bound is substituted back through before it is concretised on the layer reached. */
    static final int WINDOW = 64;

    private final Problem p;
    private final Mlp mlp;
    private final double eps;
    private final Interval[][] w;
    private final Interval[][] bias;
    private final Interval[] centre;
    private final Interval[][] bounds;

    private LinearBounds(Problem p, double eps) {
        if (!p.mlp().isRelu()) {
            throw new IllegalArgumentException("CROWN bounds are implemented for ReLU networks only");
        }
        this.p = p;
        this.mlp = p.mlp();
        this.eps = eps;
        int depth = mlp.depth();
        w = new Interval[depth][];
        bias = new Interval[depth][];
        for (int l = 0; l < depth; l++) {
            w[l] = new Interval[mlp.size(l + 1) * mlp.size(l)];
            for (int k = 0; k < w[l].length; k++) {
                w[l][k] = mlp.weightEnclosure(l, k);
            }
            bias[l] = new Interval[mlp.size(l + 1)];
            for (int i = 0; i < bias[l].length; i++) {
                bias[l][i] = mlp.biasEnclosure(l, i);
            }
        }
        centre = new Interval[mlp.inputs()];
        for (int i = 0; i < centre.length; i++) {
            centre[i] = p.x0()[i].enclosure();
        }
        bounds = new Interval[depth + 1][];
        bounds[0] = IntervalBounds.box(p.x0(), eps);
        for (int l = 1; l < depth; l++) {
            // IBP from the already tightened previous layer, then CROWN, intersected.
            Interval[] ibp = IntervalBounds.affine(mlp, l - 1,
                    l == 1 ? bounds[0] : IntervalBounds.activate(mlp, bounds[l - 1]));
            Interval[] z = new Interval[mlp.size(l)];
            for (int i = 0; i < z.length; i++) {
                Interval[] unit = new Interval[z.length];
                java.util.Arrays.fill(unit, Interval.point(0));
                unit[i] = Interval.point(1);
                double lo = lower(unit, Interval.point(0), l);
                unit[i] = Interval.point(-1);
                double hi = -lower(unit, Interval.point(0), l);
                z[i] = Interval.of(Math.max(lo, ibp[i].lo()), Math.max(Math.max(lo, ibp[i].lo()),
                        Math.min(hi, ibp[i].hi())));
            }
            bounds[l] = z;
        }
    }

    /** Pre-activation bounds of hidden layers 1..L−1 over the ε-ball ({@code [0]} is the input box). */
    public static Interval[][] preActivations(Problem p, double eps) {
        return new LinearBounds(p, eps).bounds.clone();
    }

    /** The smallest lower bound of the margins over the ε-ball: positive proves robustness at ε. */
    public static double marginLower(Problem p, double eps) {
        LinearBounds lb = new LinearBounds(p, eps);
        Interval[] ibpOut = IntervalBounds.affine(lb.mlp, lb.mlp.depth() - 1,
                lb.mlp.depth() == 1 ? lb.bounds[0] : IntervalBounds.activate(lb.mlp, lb.bounds[lb.mlp.depth() - 1]));
        double m = Double.POSITIVE_INFINITY;
        for (Decision.Margin g : p.margins()) {
            Interval[] mu = new Interval[g.a().length];
            for (int k = 0; k < mu.length; k++) {
                mu[k] = Interval.point(g.a()[k]);
            }
            double crown = lb.lower(mu, g.c().enclosure(), lb.mlp.depth());
            m = Math.min(m, Math.max(crown, g.enclose(ibpOut).lo()));
        }
        return m;
    }

    /** A lower bound of μ·z_k + C over the ball (z_k: layer k's pre-activations, z_L the outputs). */
    private double lower(Interval[] mu, Interval c, int k) {
        Interval constant = c;
        for (int j = k - 1; ; j--) {
            int rows = mlp.size(j + 1);
            int cols = mlp.size(j);
            Interval[] nu = new Interval[cols];
            java.util.Arrays.fill(nu, Interval.point(0));
            for (int i = 0; i < rows; i++) {
                Interval mi = mu[i];
                if (mi.lo() == 0 && mi.hi() == 0) {
                    continue;
                }
                constant = constant.add(mi.mul(bias[j][i]));
                for (int col = 0; col < cols; col++) {
                    Interval wij = w[j][i * cols + col];
                    if (wij.lo() != 0 || wij.hi() != 0) {
                        nu[col] = nu[col].add(mi.mul(wij));
                    }
                }
            }
            if (j == 0) {
                return concretize(nu, constant);
            }
            if (k - j >= WINDOW) {
                // Deep networks: stop substituting and bound ν·a_j over layer j's proved activations (IBP
                // there), so the cost is depth·WINDOW rather than depth² (issue 22: 10,000 layers).
                Interval[] a = IntervalBounds.activate(mlp, bounds[j]);
                for (int i = 0; i < cols; i++) {
                    constant = constant.add(nu[i].mul(a[i]));
                }
                return constant.lo();
            }
            Interval[] next = new Interval[cols];
            for (int i = 0; i < cols; i++) {
                double l = bounds[j][i].lo();
                double u = bounds[j][i].hi();
                Interval n = nu[i];
                if (l >= 0) {
                    next[i] = n;                                    // active: relu(z) = z
                } else if (u <= 0 || (n.lo() == 0 && n.hi() == 0)) {
                    next[i] = Interval.point(0);                    // inactive: relu(z) = 0
                } else if (n.lo() >= 0) {
                    next[i] = u > -l ? n : Interval.point(0);       // relu(z) ≥ z, relu(z) ≥ 0
                } else if (n.hi() <= 0) {
                    // relu(z) ≤ s(z − l) with s = u/(u − l): the chord, above relu on [l, u]
                    Interval s = Interval.point(u).div(Interval.point(u).sub(Interval.point(l)));
                    next[i] = n.mul(s);
                    constant = constant.sub(n.mul(s).mul(Interval.point(l)));
                } else {
                    constant = constant.add(Interval.point(n.lo()).mul(Interval.point(u)));
                    next[i] = Interval.point(0);
                }
            }
            mu = next;
        }
    }

    /** min over ‖x − x₀‖ ≤ ε of ν·x + C = ν·x₀ + C − ε‖ν‖_dual, rounded down. */
    private double concretize(Interval[] nu, Interval constant) {
        Interval s = constant;
        Interval norm = Interval.point(0);
        for (int i = 0; i < nu.length; i++) {
            s = s.add(nu[i].mul(centre[i]));
            norm = p.norm() == Norm.INF ? norm.add(Interval.abs(nu[i])) : norm.add(Interval.sqr(nu[i]));
        }
        if (p.norm() == Norm.TWO) {
            norm = Interval.sqrt(norm);
        }
        return s.sub(norm.scale(eps)).lo();
    }
}
