package org.nnid.stability;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.apache.commons.math3.fraction.BigFraction;

/**
 * The number of affine pieces of a two-input ReLU network along the segment x₂ = ½, 0 ≤ x₁ ≤ 1, in
 * exact rational arithmetic: the segment is cut at every zero of every pre-activation, layer by
 * layer, and adjacent pieces with the same affine output are merged. Claim B (docs/math.md §8) bounds
 * robust accuracy through the largest such count an architecture allows.
 */
public final class LinePieces {
    private LinePieces() {}

    private record Segment(BigFraction from, BigFraction to, BigFraction[][] h) {}

    /** The count, or -1 when the weights are not rational or double. */
    public static int alongMidline(Mlp mlp) {
        var ew = ExactWeights.of(mlp);
        if (ew.isEmpty() || !mlp.isRelu() || mlp.inputs() != 2 || mlp.outputs() != 1) {
            return -1;
        }
        BigFraction[][] start = {{BigFraction.ONE, BigFraction.ZERO}, {BigFraction.ZERO, BigFraction.ONE_HALF}};
        List<Segment> segments = List.of(new Segment(BigFraction.ZERO, BigFraction.ONE, start));
        for (int l = 0; l < mlp.depth(); l++) {
            List<Segment> next = new ArrayList<>();
            for (Segment s : segments) {
                BigFraction[][] z = ExactPlanar.layer(ew.get(), mlp, l, s.h);
                if (l + 1 == mlp.depth()) {
                    next.add(new Segment(s.from, s.to, z));
                    continue;
                }
                TreeSet<BigFraction> cuts = new TreeSet<>(List.of(s.from, s.to));
                for (BigFraction[] zi : z) {
                    if (zi[0].getNumerator().signum() != 0) {
                        BigFraction root = zi[1].negate().divide(zi[0]);
                        if (root.compareTo(s.from) > 0 && root.compareTo(s.to) < 0) {
                            cuts.add(root);
                        }
                    }
                }
                BigFraction prev = null;
                for (BigFraction c : cuts) {
                    if (prev != null) {
                        BigFraction mid = prev.add(c).divide(2);
                        BigFraction[][] h = new BigFraction[z.length][];
                        for (int i = 0; i < z.length; i++) {
                            boolean active = ExactPlanar.value(z[i], new BigFraction[] {mid}).getNumerator().signum() > 0;
                            h[i] = active ? z[i] : new BigFraction[] {BigFraction.ZERO, BigFraction.ZERO};
                        }
                        next.add(new Segment(prev, c, h));
                    }
                    prev = c;
                }
            }
            segments = next;
        }
        int pieces = 0;
        BigFraction[] last = null;
        for (Segment s : segments) {
            BigFraction[] f = s.h[0];
            if (last == null || !f[0].equals(last[0]) || !f[1].equals(last[1])) {
                pieces++;
            }
            last = f;
        }
        return pieces;
    }
}
