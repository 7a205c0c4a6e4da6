package org.nnid.stability;

import java.util.Optional;

import org.apache.commons.math3.fraction.BigFraction;
import org.nnid.scalar.DoubleScalar;
import org.nnid.scalar.Rational;
import org.nnid.scalar.Scalar;

/**
 * A ReLU {@link Mlp}'s weights as exact rationals: rational weights as they are, double weights as
 * the dyadic rationals they are. Networks with closed-form constants (π/3) have none.
 */
record ExactWeights(BigFraction[][] w, BigFraction[][] b) {

    static Optional<ExactWeights> of(Mlp mlp) {
        BigFraction[][] w = new BigFraction[mlp.depth()][];
        BigFraction[][] b = new BigFraction[mlp.depth()][];
        for (int l = 0; l < mlp.depth(); l++) {
            int rows = mlp.size(l + 1);
            int cols = mlp.size(l);
            w[l] = new BigFraction[rows * cols];
            b[l] = new BigFraction[rows];
            for (int i = 0; i < rows; i++) {
                Optional<BigFraction> bi = rational(mlp.bias(l, i));
                if (bi.isEmpty()) {
                    return Optional.empty();
                }
                b[l][i] = bi.get();
                for (int j = 0; j < cols; j++) {
                    Optional<BigFraction> wij = rational(mlp.weight(l, i, j));
                    if (wij.isEmpty()) {
                        return Optional.empty();
                    }
                    w[l][i * cols + j] = wij.get();
                }
            }
        }
        return Optional.of(new ExactWeights(w, b));
    }

    /** The exact rational value of a rational or a double; empty for closed-form constants. */
    static Optional<BigFraction> rational(Scalar s) {
        if (s instanceof Rational r) {
            return Optional.of(r.fraction());
        }
        return s instanceof DoubleScalar d ? Optional.of(org.nnid.scalar.Rational.ofExactDouble(d.value()).fraction()) : Optional.empty();
    }
}
