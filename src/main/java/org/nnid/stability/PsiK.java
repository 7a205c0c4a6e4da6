package org.nnid.stability;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.math3.fraction.BigFraction;
import org.nnid.net.Layer;
import org.nnid.net.Network;
import org.nnid.scalar.Rational;
import org.nnid.scalar.Scalar;
import org.nnid.activation.Activations;

/**
 * The stable classifier of docs/math.md §8, built exactly: ψ_K(x) = −½ + Σ_{j=1}^{K−1} s_j·[relu(x₁ −
 * j/K + r/2) − relu(x₁ − j/K − r/2)]/r, with s_j = +1 where the label goes 0 → 1 at x₁ = j/K
 * and −1 where it goes 1 → 0. It is constant (±½) except on ramps of width r around the cell
 * borders and crosses 0 exactly at x₁ = j/K. Read with threshold 0 it is 100% accurate on P(K, γ);
 * its value is constant within 1/(4K) − r/2 of every data point, and its class within 1/(4K).
 */
public final class PsiK {
    private PsiK() {}

    /** The ramp width nnid uses, r = 1/(8K). */
    public static BigFraction ramp(int k) {
        return new BigFraction(1, 8 * k);
    }

    public static Network build(int k, BigFraction r) {
        int width = 2 * (k - 1);
        Scalar[][] w1 = new Scalar[width][];
        Scalar[] b1 = new Scalar[width];
        Scalar[][] w2 = new Scalar[1][width];
        Scalar invR = Rational.of(r.reciprocal());
        for (int j = 1; j < k; j++) {
            BigFraction border = new BigFraction(j, k);
            Scalar s = j % 2 == 1 ? invR : invR.negate();
            w1[2 * j - 2] = new Scalar[] {Scalar.ONE, Scalar.ZERO};
            b1[2 * j - 2] = Rational.of(border.negate().add(r.divide(2)));
            w1[2 * j - 1] = new Scalar[] {Scalar.ONE, Scalar.ZERO};
            b1[2 * j - 1] = Rational.of(border.negate().subtract(r.divide(2)));
            w2[0][2 * j - 2] = s;
            w2[0][2 * j - 1] = s.negate();
        }
        List<Layer> layers = new ArrayList<>();
        layers.add(Layer.of(w1, b1));
        layers.add(Layer.of(w2, new Scalar[] {Scalar.of(-1, 2)}));
        return Network.layered(Activations.byName("relu"), 2, layers, false);
    }
}
