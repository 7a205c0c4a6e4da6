package org.nnid.equiv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nnid.activation.Activations;
import org.nnid.net.Evaluator;
import org.nnid.net.Layer;
import org.nnid.net.Network;

/**
 * The differential bounds are sound: for random pairs and boxes, |A − B| sampled in the box (and
 * at its corners) never exceeds the proved bound; the split tree's certificate re-checks, and a
 * tampered one does not.
 */
class DiffPropagationTest {

    static Network random(String rho, int inputs, int[] widths, int outputs, Random r, double scale) {
        List<Layer> layers = new ArrayList<>();
        int cols = inputs;
        for (int l = 0; l <= widths.length; l++) {
            int rows = l < widths.length ? widths[l] : outputs;
            double[] w = new double[rows * cols];
            double[] b = new double[rows];
            for (int i = 0; i < w.length; i++) {
                w[i] = scale * r.nextGaussian() / Math.sqrt(cols);
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = 0.3 * r.nextGaussian();
            }
            layers.add(Layer.of(rows, cols, w, b));
            cols = rows;
        }
        return Network.layered(Activations.byName(rho), inputs, layers, false);
    }

    /** A copy with every weight and bias moved by up to {@code rel} relatively (a quantised copy, say). */
    static Network perturbed(Network n, double rel, Random r) {
        return n.mapValues(s -> org.nnid.scalar.DoubleScalar.of(s.toDouble() * (1 + rel * (2 * r.nextDouble() - 1))));
    }

    static double sampledMax(Network a, Network b, double[] lo, double[] hi, Random r, int samples) {
        double worst = 0;
        int m = lo.length;
        for (int s = 0; s < samples + (1 << m); s++) {
            double[] x = new double[m];
            for (int j = 0; j < m; j++) {
                x[j] = s < (1 << m) ? ((s >> j & 1) == 0 ? lo[j] : hi[j]) : lo[j] + r.nextDouble() * (hi[j] - lo[j]);
            }
            double[] ya = Evaluator.evaluate(a, x);
            double[] yb = Evaluator.evaluate(b, x);
            for (int k = 0; k < ya.length; k++) {
                worst = Math.max(worst, Math.abs(ya[k] - yb[k]));
            }
        }
        return worst;
    }

    @Test
    void sampledDifferencesNeverExceedTheBound() {
        Random r = new Random(20240517);
        int checked = 0;
        for (String rho : List.of("relu", "tanh", "logistic", "identity")) {
            for (int trial = 0; trial < 40; trial++) {
                int m = 1 + r.nextInt(3);
                int[] widths = new int[1 + r.nextInt(3)];
                Arrays.setAll(widths, i -> 2 + r.nextInt(6));
                Network a = random(rho, m, widths, 1 + r.nextInt(3), r, 1 + 2 * r.nextDouble());
                // same graph (differential forms), or an unrelated network (separate forms)
                int[] other = widths.clone();
                other[0]++;
                Network b = trial % 3 == 2 ? random(rho, m, other, a.outputCount(), r, 1.5)
                        : perturbed(a, trial % 3 == 0 ? 1e-3 : 0.2, r);
                double[] lo = new double[m];
                double[] hi = new double[m];
                for (int j = 0; j < m; j++) {
                    double c = 2 * r.nextGaussian();
                    double w = Math.pow(10, -3 + 3.5 * r.nextDouble());
                    lo[j] = c - w;
                    hi[j] = c + w;
                }
                BoxBounder bounder = DifferenceBound.bounder(a, b);
                assertTrue(bounder instanceof DiffPropagation);
                assertEquals(trial % 3 != 2, ((DiffPropagation) bounder).differential());
                double bound = bounder.bound(lo, hi).value();
                double seen = sampledMax(a, b, lo, hi, r, 300);
                // the sampled value is a double evaluation: allow its own rounding (relative 1e-12)
                assertTrue(seen <= bound * (1 + 1e-12) + 1e-300, rho + " trial " + trial + ": sampled " + seen
                        + " exceeds the bound " + bound);
                checked++;
            }
        }
        assertEquals(160, checked);
    }

    /**
     * With ReLU on the outputs too (so an output can be stable in both networks, and its Δ is then
     * bounded without a substitution), sampled differences still never exceed the bound, and the
     * split search completes with a tree that re-checks.
     */
    @Test
    void withReluOnTheOutputsSampledDifferencesNeverExceedTheBound() {
        Random r = new Random(7);
        for (int trial = 0; trial < 30; trial++) {
            int m = 1 + r.nextInt(3);
            int outputs = 1 + r.nextInt(3);
            Network plain = random("relu", m, new int[] {2 + r.nextInt(5), 2 + r.nextInt(5)}, outputs, r, 1.5);
            // even trials: every output's bias lowered by 100, so it is inactive on the box in both networks
            double shift = trial % 2 == 0 ? -100 : 0;
            Network withRelu = plain.withOutputActivation(true);
            Network a = shift == 0 ? withRelu : shiftedOutputs(withRelu, shift);
            Network bNet = perturbed(a, 1e-3, r);
            double[] lo = new double[m];
            double[] hi = new double[m];
            aroundTheOrigin(lo, hi, r);
            BoxBounder bounder = DifferenceBound.bounder(a, bNet);
            assertTrue(((DiffPropagation) bounder).differential());
            double bound = bounder.bound(lo, hi).value();
            double seen = sampledMax(a, bNet, lo, hi, r, 300);
            assertTrue(seen <= bound * (1 + 1e-12) + 1e-300, "trial " + trial + ": sampled " + seen
                    + " exceeds the bound " + bound);
            Box box = new Box(lo, hi);
            SplitSearch.Outcome o = DifferenceBound.decide(a, bNet, box, box, Math.max(2 * seen, 1e-6),
                    SplitSearch.Limits.boxes(20_000));
            if (o instanceof SplitSearch.Outcome.Within within) {
                assertTrue(DifferenceBound.recheck(a, bNet, DifferenceBound.evidence(a, bNet, box, within.tree()))
                        .isEmpty(), "trial " + trial);
            }
        }
    }

    /** A random box containing [−1, 1] in every coordinate, reaching out to at most 2. */
    private static void aroundTheOrigin(double[] lo, double[] hi, Random r) {
        for (int j = 0; j < lo.length; j++) {
            lo[j] = -1 - r.nextDouble();
            hi[j] = 1 + r.nextDouble();
        }
    }

    /** The network with every output's bias moved by {@code shift}. */
    private static Network shiftedOutputs(Network n, double shift) {
        List<Layer> layers = new ArrayList<>(n.asLayers().orElseThrow());
        Layer last = layers.get(layers.size() - 1);
        double[] w = new double[last.rows() * last.cols()];
        double[] b = new double[last.rows()];
        for (int i = 0; i < last.rows(); i++) {
            for (int j = 0; j < last.cols(); j++) {
                w[i * last.cols() + j] = last.weight(i, j).toDouble();
            }
            b[i] = n.bias(n.outputNode(i)).toDouble() + shift;
        }
        layers.set(layers.size() - 1, Layer.of(last.rows(), last.cols(), w, b));
        return Network.layered(n.activation(), n.inputCount(), layers, n.outputActivation());
    }

    /**
     * A sub-box's bound computed from its parent's (the ranges the parent proved, as the search
     * and the re-check use them) still holds: along random chains of bisections, no sampled
     * difference in the sub-box exceeds it.
     */
    @Test
    void boundsOfSubBoxesComputedFromTheirParentsNeverFallBelowSampledDifferences() {
        Random r = new Random(20261203);
        int checked = 0;
        for (String rho : List.of("relu", "tanh")) {
            for (int trial = 0; trial < 20; trial++) {
                int m = 1 + r.nextInt(3);
                int[] widths = new int[2 + r.nextInt(2)];
                Arrays.setAll(widths, i -> 3 + r.nextInt(6));
                Network a = random(rho, m, widths, 1 + r.nextInt(2), r, 1 + 2 * r.nextDouble());
                Network b = perturbed(a, trial % 2 == 0 ? 1e-3 : 0.1, r);
                double[] lo = new double[m];
                double[] hi = new double[m];
                aroundTheOrigin(lo, hi, r);
                BoxBounder bounder = DifferenceBound.bounder(a, b);
                BoxBounder.Bound parent = bounder.bound(lo, hi);
                for (int depth = 0; depth < 8; depth++) {
                    int j = r.nextInt(m);
                    double mid = SplitTree.midpoint(lo[j], hi[j]);
                    if (r.nextBoolean()) {
                        hi = hi.clone();
                        hi[j] = mid;
                    } else {
                        lo = lo.clone();
                        lo[j] = mid;
                    }
                    BoxBounder.Bound child = bounder.bound(lo, hi, parent);
                    double seen = sampledMax(a, b, lo, hi, r, 100);
                    assertTrue(seen <= child.value() * (1 + 1e-12) + 1e-300, rho + " trial " + trial + " depth "
                            + depth + ": sampled " + seen + " exceeds the inherited bound " + child.value());
                    parent = child;
                    checked++;
                }
            }
        }
        assertEquals(320, checked);
    }

    @Test
    void aBoundIsTheSameNumberEveryTime() {
        Random r = new Random(7);
        Network a = random("relu", 3, new int[] {8, 8}, 2, r, 2);
        Network b = perturbed(a, 1e-3, r);
        double[] lo = {-1, -0.5, 0};
        double[] hi = {1, 0.5, 0.25};
        double first = DifferenceBound.bounder(a, b).bound(lo, hi).value();
        for (int i = 0; i < 5; i++) {
            assertEquals(first, DifferenceBound.bounder(a, b).bound(lo, hi).value());
        }
    }

    private static Box box(double lo, double hi, int m) {
        double[] l = new double[m];
        double[] h = new double[m];
        Arrays.fill(l, lo);
        Arrays.fill(h, hi);
        return new Box(l, h);
    }

    /** A bisected proof: within ε, its tree re-checks, is the same on every run, and a tampered copy fails. */
    @Test
    void theSplitTreeIsACertificateThatRefusesTampering() {
        Random r = new Random(11);
        Network a = random("relu", 2, new int[] {10, 10}, 2, r, 2.5);
        Network b = perturbed(a, 2e-3, r);
        Box box = box(-2, 2, 2);
        double root = DifferenceBound.bounder(a, b).bound(box.lo(), box.hi()).value();
        double eps = Math.max(2 * sampledMax(a, b, box.lo(), box.hi(), r, 2000), root / 8);
        SplitSearch.Outcome o = DifferenceBound.decide(a, b, box, box, eps, SplitSearch.Limits.boxes(100_000));
        assertTrue(o instanceof SplitSearch.Outcome.Within, () -> o.toString());
        SplitTree tree = ((SplitSearch.Outcome.Within) o).tree();
        assertTrue(tree.leafBounds().length > 1, "the root alone should not suffice");
        Evidence.BoxBound bb = DifferenceBound.evidence(a, b, box, tree);
        assertTrue(bb.upperBound() <= eps);
        assertEquals(Optional.empty(), DifferenceBound.recheck(a, b, bb));
        SplitTree again = ((SplitSearch.Outcome.Within) DifferenceBound.decide(a, b, box, box, eps,
                SplitSearch.Limits.boxes(100_000))).tree();
        assertTrue(Arrays.equals(tree.preorder(), again.preorder()) && Arrays.equals(tree.leafBounds(),
                again.leafBounds()), "the tree must not depend on scheduling");

        // a leaf removed: the last leaf's node and bound dropped
        int[] shorter = Arrays.copyOf(tree.preorder(), tree.preorder().length - 1);
        double[] fewer = Arrays.copyOf(tree.leafBounds(), tree.leafBounds().length - 1);
        assertTrue(DifferenceBound.recheck(a, b, new Evidence.BoxBound(box.lo(), box.hi(), bb.upperBound(),
                new SplitTree(shorter, fewer), bb.method())).isPresent());
        // a bound lowered
        double[] lowered = tree.leafBounds().clone();
        lowered[lowered.length / 2] /= 4;
        Optional<String> f = DifferenceBound.recheck(a, b, new Evidence.BoxBound(box.lo(), box.hi(), bb.upperBound(),
                new SplitTree(tree.preorder(), lowered), bb.method()));
        assertTrue(f.isPresent() && f.get().contains("exceeds the stated"), f::toString);
        // a larger box than the tree was made for is not covered by the verdict: the bounds no longer hold
        Optional<String> bigger = DifferenceBound.recheck(a, b, new Evidence.BoxBound(new double[] {-4, -4},
                new double[] {4, 4}, bb.upperBound(), tree, bb.method()));
        assertTrue(bigger.isPresent());
        // a whole leaf merged into its sibling: the stated upper bound below a leaf's
        assertFalse(DifferenceBound.recheck(a, b, new Evidence.BoxBound(box.lo(), box.hi(), bb.upperBound() / 2, tree,
                bb.method())).isEmpty());
    }

    @Test
    void aPairThatDiffersByMoreThanEpsGetsAnExactWitness() {
        Random r = new Random(3);
        Network a = random("relu", 2, new int[] {6}, 1, r, 2);
        Network b = perturbed(a, 0.3, r);
        Box box = box(-1, 1, 2);
        double seen = sampledMax(a, b, box.lo(), box.hi(), r, 2000);
        SplitSearch.Outcome o = DifferenceBound.decide(a, b, box, box, seen / 2, SplitSearch.Limits.boxes(100_000));
        assertTrue(o instanceof SplitSearch.Outcome.Exceeds, o::toString);
        Evidence.Witness w = ((SplitSearch.Outcome.Exceeds) o).witness();
        assertEquals(new Evidence.Witness.ExactRational(), w.arithmetic());
        assertTrue(w.separates());
        assertTrue(ExactPiecewise.prove(a, b, w.x(), w.output(), w.eps()).isPresent());
        SplitSearch.Outcome again = DifferenceBound.decide(a, b, box, box, seen / 2, SplitSearch.Limits.boxes(100_000));
        assertTrue(Arrays.equals(w.x(), ((SplitSearch.Outcome.Exceeds) again).witness().x()),
                "the witness is the first in preorder, whatever the scheduling");
    }
}
