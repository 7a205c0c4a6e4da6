package org.nnid.exact;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.math3.fraction.BigFraction;
import org.nnid.net.Network;
import org.nnid.scalar.Rational;
import org.nnid.scalar.Scalar;

/**
 * The cheap refutation that comes before any expansion (issue 22): a rational network with a
 * polynomial ρ evaluated exactly, node by node, at a handful of integer points. An output that is
 * not 0 at one of them proves the network is not identically 0, in time linear in its size, where
 * the expansion may need exponentially many coefficients.
 */
final class PointRefutation {
    /** Values longer than this (numerator plus denominator bits) end the search: growth, not a budget to spend. */
    static final int MAX_BITS = 200_000;

    private PointRefutation() {}

    /** Where an output is provably nonzero, or empty when it is 0 at every point tried (or the values grew too long). */
    static Optional<String> nonzeroAt(Network net, List<BigFraction> rho) {
        for (int[] x : points(net.inputCount())) {
            BigFraction[] h = new BigFraction[net.nodeCount()];
            for (int i = 0; i < x.length; i++) {
                h[i] = new BigFraction(x[i]);
            }
            boolean tooLong = false;
            for (int v = net.inputCount(); v < net.nodeCount() && !tooLong; v++) {
                BigFraction p = ((Rational) net.bias(v)).fraction();
                for (Map.Entry<Integer, Scalar> e : net.incoming(v).entrySet()) {
                    p = p.add(h[e.getKey()].multiply(((Rational) e.getValue()).fraction()));
                }
                h[v] = net.isHidden(v) || net.outputActivation() ? horner(rho, p) : p;
                tooLong = h[v].getNumerator().bitLength() + h[v].getDenominator().bitLength() > MAX_BITS;
            }
            if (tooLong) {
                return Optional.empty();
            }
            for (int k = 0; k < net.outputCount(); k++) {
                BigFraction y = h[net.outputNode(k)];
                if (y.getNumerator().signum() != 0) {
                    List<String> at = new ArrayList<>();
                    for (int i = 0; i < x.length; i++) {
                        at.add(net.inputNames().get(i) + " = " + x[i]);
                    }
                    return Optional.of("output " + net.id(net.outputNode(k)) + " is " + PolynomialZero.ratio(y) + " ≠ 0 at "
                            + (at.isEmpty() ? "the empty input" : String.join(", ", at)) + " (exact rational evaluation)");
                }
            }
        }
        return Optional.empty();
    }

    private static BigFraction horner(List<BigFraction> rho, BigFraction t) {
        BigFraction acc = BigFraction.ZERO;
        for (int j = rho.size() - 1; j >= 0; j--) {
            acc = acc.multiply(t).add(rho.get(j));
        }
        return acc;
    }

    /** The origin, every unit vector, (1, 2, …, m) and (−1, 1, −1, …): at most m + 3 points. */
    private static List<int[]> points(int m) {
        List<int[]> out = new ArrayList<>();
        out.add(new int[m]);
        for (int i = 0; i < Math.min(m, 16); i++) {
            int[] e = new int[m];
            e[i] = 1;
            out.add(e);
        }
        int[] ramp = new int[m];
        int[] alternating = new int[m];
        for (int i = 0; i < m; i++) {
            ramp[i] = i + 1;
            alternating[i] = i % 2 == 0 ? -1 : 1;
        }
        out.add(ramp);
        out.add(alternating);
        return out;
    }
}
