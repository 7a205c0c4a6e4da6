package org.nnid.stability;

import java.util.Random;

import org.apache.commons.math3.fraction.BigFraction;

/**
 * The offset stripes P(K, γ) of docs/math.md §8 on [0,1]²: cell j = 0..K−1 has centre c_j = (j+½)/K
 * and label j mod 2; its points are (c_j + u, ½ + γ) for label 1 and (c_j + u, ½ − γ) for label
 * 0, with |u| ≤ 1/(4K). Opposite labels are at least 1/(2K) apart, so classifiers stable at every
 * ε &lt; 1/(4K) exist, while 1[x₂ ≥ ½] is accurate with radius only γ.
 *
 * <p>nnid uses γ = 1/(16K) and ε = 1/(8K), so that γ &lt; ε &lt; 1/(4K) as Claim B needs; for K a
 * power of two all three are exact doubles.
 */
public record Stripes(int k) {

    public Stripes {
        if (k < 2) {
            throw new IllegalArgumentException("K must be at least 2, found " + k);
        }
    }

    public BigFraction gamma() {
        return new BigFraction(1, 16 * k);
    }

    /** The radius at which robust accuracy is measured: γ &lt; ε &lt; 1/(4K). */
    public BigFraction epsilon() {
        return new BigFraction(1, 8 * k);
    }

    public int label(int cell) {
        return cell % 2;
    }

    /** A labelled sample with {@code perCell} points in every cell (so each cell weighs the same). */
    public record Sample(double[][] x, int[] y, int[] cell) {
        public int size() {
            return y.length;
        }
    }

    public Sample sample(int perCell, Random random) {
        int n = perCell * k;
        double[][] x = new double[n][];
        int[] y = new int[n];
        int[] cell = new int[n];
        double half = 0.25 / k;
        double g = gamma().doubleValue();
        int i = 0;
        for (int j = 0; j < k; j++) {
            for (int s = 0; s < perCell; s++) {
                double u = half * (2 * random.nextDouble() - 1);
                y[i] = label(j);
                cell[i] = j;
                x[i++] = new double[] {(j + 0.5) / k + u, y[i - 1] == 1 ? 0.5 + g : 0.5 - g};
            }
        }
        return new Sample(x, y, cell);
    }

    /** The points of cell j farthest from its centre, u = ±1/(4K): where stripes' radii are smallest. */
    public double[][] extremes(int cell) {
        double x2 = label(cell) == 1 ? 0.5 + gamma().doubleValue() : 0.5 - gamma().doubleValue();
        double c = (cell + 0.5) / k;
        return new double[][] {{c - 0.25 / k, x2}, {c + 0.25 / k, x2}};
    }

    /**
     * Claim B's bound on the ε-robust accuracy (γ &lt; ε &lt; 1/(4K)) of any network with at most P
     * affine pieces along a line: ½ + (P+1)/(2K).
     */
    public double claimBBound(long pieces) {
        return 0.5 + (pieces + 1) / (2.0 * k);
    }

    /** The most affine pieces along a line of a ReLU network with these hidden widths: ∏(n_l + 1). */
    public static long maxPieces(int[] hiddenWidths) {
        long p = 1;
        for (int n : hiddenWidths) {
            p *= n + 1;
        }
        return p;
    }
}
