package org.nnid.theory;

import java.util.List;

import org.nnid.scalar.Scalar;

/**
 * A node's incoming vector (w, θ): its weights, ordered by the canonical indices of its
 * predecessors, and its bias (docs/math.md §5). This is what a symmetry acts on at the node's input
 * side (move M2, docs/math.md §3) and what a normal form normalises.
 */
public record Incoming(List<Scalar> weights, Scalar bias) {

    public Incoming {
        weights = List.copyOf(weights);
        if (bias == null) {
            throw new IllegalArgumentException("null bias");
        }
    }

    public static Incoming of(Scalar bias, Scalar... weights) {
        return new Incoming(List.of(weights), bias);
    }

    /** True when every weight and the bias are exact. */
    public boolean isExact() {
        return bias.isExact() && weights.stream().allMatch(Scalar::isExact);
    }

    /**
     * The "first significant entry" of docs/math.md §5 of a (w, θ) with this first nonzero weight
     * (null for none) and bias: that weight, else the bias if it is nonzero; null when (w, θ) = 0.
     */
    public static Scalar firstSignificant(Scalar firstNonzeroWeight, Scalar bias) {
        return firstNonzeroWeight != null ? firstNonzeroWeight : ScalarOps.isZero(bias) ? null : bias;
    }

    /** The first nonzero weight, or null. */
    public Scalar firstNonzeroWeight() {
        for (Scalar w : weights) {
            if (!ScalarOps.isZero(w)) {
                return w;
            }
        }
        return null;
    }

    /**
     * Equality of values: exact entries are compared as real numbers (so 1/3 + Pi written two ways
     * is one value), doubles by value.
     */
    public boolean sameValues(Incoming other) {
        if (other.weights.size() != weights.size()) {
            return false;
        }
        for (int i = 0; i < weights.size(); i++) {
            if (!sameValue(weights.get(i), other.weights.get(i))) {
                return false;
            }
        }
        return sameValue(bias, other.bias);
    }

    static boolean sameValue(Scalar a, Scalar b) {
        if (a.equals(b)) {
            return true;
        }
        if (a.isExact() != b.isExact()) {
            return false;
        }
        return a.compareValue(b) == 0;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("(w = [");
        for (int i = 0; i < weights.size(); i++) {
            b.append(i > 0 ? ", " : "").append(weights.get(i).toText());
        }
        return b.append("], θ = ").append(bias.toText()).append(')').toString();
    }
}
