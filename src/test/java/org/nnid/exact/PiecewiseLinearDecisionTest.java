package org.nnid.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.apache.commons.math3.fraction.BigFraction;
import org.junit.jupiter.api.Test;
import org.nnid.activation.Activations;
import org.nnid.activation.PiecewiseLinear;
import org.nnid.net.Layer;
import org.nnid.net.Network;
import org.nnid.scalar.Rational;
import org.nnid.scalar.Scalar;

class PiecewiseLinearDecisionTest {
    private static final PiecewiseLinear RELU = PiecewiseLinear.identity().compose(PiecewiseLinear.identity())
            .plus(PiecewiseLinear.identity().abs()).times(Scalar.of(1).divide(Scalar.of(2)));

    static Layer layer(long[][] w, long[] b, long denominator) {
        Scalar[][] ws = new Scalar[w.length][];
        Scalar[] bs = new Scalar[b.length];
        for (int i = 0; i < w.length; i++) {
            ws[i] = new Scalar[w[i].length];
            for (int j = 0; j < w[i].length; j++) {
                ws[i][j] = Rational.of(new BigFraction(w[i][j], denominator));
            }
            bs[i] = Rational.of(new BigFraction(b[i], denominator));
        }
        return Layer.of(ws, bs);
    }

    static Network relu(int inputs, Layer... layers) {
        return Network.layered(Activations.byName("relu"), inputs, List.of(layers), false);
    }

    private static ExactBox unitBox(int n) {
        double[] lo = new double[n];
        double[] hi = new double[n];
        java.util.Arrays.fill(lo, -1);
        java.util.Arrays.fill(hi, 1);
        return ExactBox.ofDoubles(lo, hi);
    }

    private static PiecewiseLinearDecision decide(Network d, Optional<ExactBox> box) {
        return PiecewiseLinearDecision.decide(d, RELU, box, Duration.ofSeconds(30));
    }

    @Test
    void oneHiddenLayerWithOppositeAndRescaledUnitsIsZeroEverywhereAndAMovedKinkIsNot() {
        // A = relu(z) − relu(−z) with z = x + 2y − 1; B = relu(−2z)·(−1/2) + relu(2z)·(1/2)
        Network a = relu(2, layer(new long[][] {{1, 2}, {-1, -2}}, new long[] {-1, 1}, 1),
                layer(new long[][] {{1, -1}}, new long[] {0}, 1));
        Network b = relu(2, layer(new long[][] {{-2, -4}, {2, 4}}, new long[] {2, -2}, 1),
                layer(new long[][] {{-1, 1}}, new long[] {0}, 2));
        PiecewiseLinearDecision same = decide(difference(a, b), Optional.empty());
        assertEquals(ZeroDecision.Verdict.ZERO, same.decision().verdict(), same.decision().toString());
        // the kink of one unit moved by 10^-6
        Network moved = relu(2, layer(new long[][] {{-2_000_000, -4_000_000}, {2_000_000, 4_000_000}},
                new long[] {2_000_001, -2_000_000}, 1_000_000), layer(new long[][] {{-1, 1}}, new long[] {0}, 2));
        PiecewiseLinearDecision differ = decide(difference(a, moved), Optional.of(unitBox(2)));
        assertEquals(ZeroDecision.Verdict.NONZERO, differ.decision().verdict(), differ.decision().toString());
    }

    @Test
    void aDeepNetworkMinusARescaledCopyOfItselfIsZeroOnABoxAndEverywhere() {
        Layer l1 = layer(new long[][] {{3, -2}, {1, 4}, {-5, 1}}, new long[] {1, -2, 0}, 4);
        Layer l2 = layer(new long[][] {{1, -1, 2}, {2, 1, -1}}, new long[] {0, 1}, 3);
        Layer l3 = layer(new long[][] {{1, -2}}, new long[] {1}, 1);
        Network a = relu(2, l1, l2, l3);
        // B: first hidden unit doubled in, halved out
        Layer b1 = layer(new long[][] {{6, -4}, {1, 4}, {-5, 1}}, new long[] {2, -2, 0}, 4);
        Layer b2 = layer(new long[][] {{1, -2, 4}, {2, 2, -2}}, new long[] {0, 2}, 6);
        Network b = relu(2, b1, b2, l3);
        Network d = difference(a, b);
        PiecewiseLinearDecision onBox = decide(d, Optional.of(unitBox(2)));
        assertEquals(ZeroDecision.Verdict.ZERO, onBox.decision().verdict(), onBox.decision().toString());
        assertEquals(Optional.empty(), RegionTree.check(onBox.tree().get(), onBox.net().get(), onBox.box().get()));
        PiecewiseLinearDecision everywhere = decide(d, Optional.empty());
        assertEquals(ZeroDecision.Verdict.ZERO, everywhere.decision().verdict(), everywhere.decision().toString());
        assertEquals(Optional.empty(), RegionTree.check(everywhere.tree().get(), everywhere.net().get(), everywhere.box().get()));
    }

    @Test
    void aRegionTreeWithADecisionRemovedOrAMultiplierChangedNoLongerChecks() {
        Layer l1 = layer(new long[][] {{3, -2}, {1, 4}, {-5, 1}}, new long[] {1, -2, 0}, 4);
        Layer l2 = layer(new long[][] {{1, -1, 2}, {2, 1, -1}}, new long[] {0, 1}, 3);
        Layer l3 = layer(new long[][] {{1, -2}}, new long[] {1}, 1);
        Network d = difference(relu(2, l1, l2, l3), relu(2, l1, l2, l3));
        PiecewiseLinearDecision r = decide(d, Optional.of(unitBox(2)));
        RegionTree tree = r.tree().orElseThrow();
        assertEquals(Optional.empty(), RegionTree.check(tree, r.net().get(), r.box().get()));
        java.util.List<RegionTree.Entry> shorter = new java.util.ArrayList<>(tree.entries());
        shorter.remove(shorter.size() - 1);
        assertTrue(RegionTree.check(new RegionTree(shorter), r.net().get(), r.box().get()).isPresent());
        java.util.List<RegionTree.Entry> changed = new java.util.ArrayList<>(tree.entries());
        for (int i = 0; i < changed.size(); i++) {
            RegionTree.Entry e = changed.get(i);
            if (e.kind() == RegionTree.Kind.ACTIVE && !e.lambda().isEmpty()) {
                java.util.List<BigFraction> lambda = new java.util.ArrayList<>(e.lambda());
                lambda.set(0, lambda.get(0).add(BigFraction.ONE).multiply(1000));
                changed.set(i, new RegionTree.Entry(e.kind(), e.unit(), lambda));
                break;
            }
        }
        if (!changed.equals(tree.entries())) {
            assertTrue(RegionTree.check(new RegionTree(changed), r.net().get(), r.box().get()).isPresent());
        }
        // every unit of A and its twin in B: a decision claimed active for an inactive unit fails
        java.util.List<RegionTree.Entry> flipped = new java.util.ArrayList<>(tree.entries());
        RegionTree.Entry first = flipped.get(0);
        flipped.set(0, new RegionTree.Entry(first.kind() == RegionTree.Kind.ACTIVE ? RegionTree.Kind.INACTIVE
                : RegionTree.Kind.ACTIVE, first.unit(), first.lambda()));
        assertTrue(RegionTree.check(new RegionTree(flipped), r.net().get(), r.box().get()).isPresent());
    }

    @Test
    void aDeepNearMissIsNonzeroWithAnExactWitness() {
        Layer l1 = layer(new long[][] {{3, -2}, {1, 4}, {-5, 1}}, new long[] {1, -2, 0}, 4);
        Layer l2 = layer(new long[][] {{1, -1, 2}, {2, 1, -1}}, new long[] {0, 1}, 3);
        Layer l3 = layer(new long[][] {{1, -2}}, new long[] {1}, 1);
        Layer l2b = layer(new long[][] {{1, -1, 2}, {2, 1, -1}}, new long[] {1, 1_000_000_000}, 3_000_000_000L);
        Network d = difference(relu(2, l1, l2, l3), relu(2, l1, l2b, l3));
        PiecewiseLinearDecision r = decide(d, Optional.of(unitBox(2)));
        assertEquals(ZeroDecision.Verdict.NONZERO, r.decision().verdict(), r.decision().toString());
        BigFraction[] x = r.witness().get().toArray(BigFraction[]::new);
        BigFraction y = ReluNet.of(d, RELU, false).get().at(x)[0];
        assertTrue(Rationals.sign(y) != 0);
    }

    static Network difference(Network a, Network b) {
        // A − B as one network: both hidden layers side by side, the last layer subtracted
        List<Layer> la = a.asLayers().orElseThrow();
        List<Layer> lb = b.asLayers().orElseThrow();
        java.util.ArrayList<Layer> out = new java.util.ArrayList<>();
        for (int l = 0; l < la.size(); l++) {
            out.add(blockDiagonal(la.get(l), lb.get(l), l == 0, l == la.size() - 1));
        }
        return Network.layered(a.activation(), a.inputCount(), out, false);
    }

    private static Layer blockDiagonal(Layer a, Layer b, boolean first, boolean last) {
        int rows = last ? a.rows() : a.rows() + b.rows();
        int cols = first ? a.cols() : a.cols() + b.cols();
        Scalar[][] w = new Scalar[rows][cols];
        Scalar[] bias = new Scalar[rows];
        for (Scalar[] row : w) {
            java.util.Arrays.fill(row, Scalar.ZERO);
        }
        for (int i = 0; i < a.rows(); i++) {
            for (int j = 0; j < a.cols(); j++) {
                w[i][j] = a.weights().get(i * a.cols() + j);
            }
            bias[i] = a.bias().get(i);
        }
        for (int i = 0; i < b.rows(); i++) {
            int r = last ? i : a.rows() + i;
            for (int j = 0; j < b.cols(); j++) {
                int c = first ? j : a.cols() + j;
                Scalar v = b.weights().get(i * b.cols() + j);
                w[r][c] = last ? w[r][c].subtract(v) : v;
            }
            bias[r] = last ? a.bias().get(i).subtract(b.bias().get(i)) : b.bias().get(i);
        }
        return Layer.of(w, bias);
    }
}
