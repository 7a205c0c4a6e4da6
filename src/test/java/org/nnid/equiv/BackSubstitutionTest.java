package org.nnid.equiv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nnid.net.Block;
import org.nnid.net.Network;

/**
 * The back-substituted bounds are sound node by node: for random small ReLU and tanh pairs and
 * boxes, every sampled pre-activation of A and of B, and every difference z_A − z_B, lies within
 * its proved range, every post-activation within its range, and every relaxation line is on its
 * side of the sampled value.
 */
class BackSubstitutionTest {

    /** Pre-activations (z) and post-activations (h) of every node at x, in doubles. */
    private static double[][] trace(Network n, double[] x) {
        double[] z = new double[n.nodeCount()];
        double[] h = new double[n.nodeCount()];
        System.arraycopy(x, 0, z, 0, x.length);
        System.arraycopy(x, 0, h, 0, x.length);
        for (Block blk : n.blocks()) {
            double[] w = blk.weights().enclosureLo().toArray();
            double[] b = blk.bias().enclosureLo().toArray();
            boolean affine = blk.output() && !n.outputActivation();
            for (int r = 0; r < blk.size(); r++) {
                double s = b[r];
                for (int k = 0; k < blk.width(); k++) {
                    s += w[r * blk.width() + k] * h[blk.source(k)];
                }
                int v = blk.start() + r;
                z[v] = s;
                h[v] = affine ? s : n.activation().apply(s);
            }
        }
        return new double[][] {z, h};
    }

    /** Room for the sample's own double rounding. */
    private static double slack(double... xs) {
        double s = 1;
        for (double x : xs) {
            s += Math.abs(x);
        }
        return 1e-9 * s;
    }

    private static void within(String what, double value, double lo, double hi) {
        assertTrue(lo - slack(lo, value) <= value && value <= hi + slack(hi, value),
                () -> what + ": " + value + " outside [" + lo + ", " + hi + "]");
    }

    private static void lines(String what, BackSubstitution.Nodes n, int v, double z, double h) {
        double low = n.lowS[v] * z + n.lowC[v];
        double up = n.upS[v] * z + n.upC[v];
        assertTrue(low <= h + slack(low, h, n.lowS[v] * z), () -> what + ": lower line " + low + " above " + h);
        assertTrue(h <= up + slack(up, h, n.upS[v] * z), () -> what + ": upper line " + up + " below " + h);
    }

    @Test
    void everyNodeAndEveryDifferenceStaysWithinItsBounds() {
        Random r = new Random(9021);
        int boxes = 0;
        for (String rho : List.of("relu", "tanh")) {
            for (int trial = 0; trial < 30; trial++) {
                int m = 1 + r.nextInt(3);
                int[] widths = new int[1 + r.nextInt(3)];
                Arrays.setAll(widths, i -> 2 + r.nextInt(6));
                Network a = DiffPropagationTest.random(rho, m, widths, 1 + r.nextInt(3), r, 1 + 2 * r.nextDouble());
                boolean same = trial % 4 != 3;
                int[] other = widths.clone();
                other[0]++;
                Network b = same ? DiffPropagationTest.perturbed(a, trial % 2 == 0 ? 1e-3 : 0.2, r)
                        : DiffPropagationTest.random(rho, m, other, a.outputCount(), r, 1.5);
                double[] lo = new double[m];
                double[] hi = new double[m];
                for (int j = 0; j < m; j++) {
                    double c = 2 * r.nextGaussian();
                    double w = Math.pow(10, -3 + 3.5 * r.nextDouble());
                    lo[j] = c - w;
                    hi[j] = c + w;
                }
                BackSubstitution bs = new BackSubstitution(a, b, same);
                BackSubstitution.Facts facts = bs.facts(lo, hi);
                assertTrue(Double.isFinite(facts.value()));
                double seen = DiffPropagationTest.sampledMax(a, b, lo, hi, r, 50);
                assertTrue(seen <= facts.value() * (1 + 1e-12) + 1e-300, rho + " trial " + trial);
                for (int s = 0; s < 200; s++) {
                    double[] x = new double[m];
                    for (int j = 0; j < m; j++) {
                        x[j] = s < 2 ? (s == 0 ? lo[j] : hi[j]) : lo[j] + r.nextDouble() * (hi[j] - lo[j]);
                    }
                    double[][] ta = trace(a, x);
                    double[][] tb = trace(b, x);
                    for (int v = m; v < a.nodeCount(); v++) {
                        String at = rho + " trial " + trial + " node " + v;
                        within(at + " z_A", ta[0][v], facts.a().zlo[v], facts.a().zhi[v]);
                        within(at + " h_A", ta[1][v], facts.a().hlo[v], facts.a().hhi[v]);
                        lines(at + " A", facts.a(), v, ta[0][v], ta[1][v]);
                        if (same) {
                            double dz = ta[0][v] - tb[0][v];
                            double dh = ta[1][v] - tb[1][v];
                            within(at + " Δz", dz, facts.d().zlo[v], facts.d().zhi[v]);
                            within(at + " Δh", dh, facts.d().hlo[v], facts.d().hhi[v]);
                            lines(at + " Δ", facts.d(), v, dz, dh);
                        }
                    }
                    for (int v = m; v < b.nodeCount(); v++) {
                        String at = rho + " trial " + trial + " node " + v;
                        within(at + " z_B", tb[0][v], facts.b().zlo[v], facts.b().zhi[v]);
                        lines(at + " B", facts.b(), v, tb[0][v], tb[1][v]);
                    }
                }
                boxes++;
            }
        }
        assertEquals(60, boxes);
    }

    /** On a same-graph pair the back-substituted bound is far below the forward forms' (ACAS-like depth). */
    @Test
    void backSubstitutionIsTighterThanForwardForms() {
        Random r = new Random(5);
        Network a = DiffPropagationTest.random("relu", 3, new int[] {12, 12, 12, 12}, 2, r, 2);
        Network b = DiffPropagationTest.perturbed(a, 1e-3, r);
        double[] lo = {-1, -1, -1};
        double[] hi = {1, 1, 1};
        DiffPropagation d = DiffPropagation.of(a, b).orElseThrow();
        double forward = d.forward(lo, hi).bound().value();
        double back = new BackSubstitution(a, b, true).facts(lo, hi).value();
        assertTrue(back < forward / 2, "back-substituted " + back + ", forward " + forward);
        // the combined bound also uses the forward forms' ranges inside the substitution: never looser
        assertTrue(d.bound(lo, hi).value() <= Math.min(back, forward));
    }
}
