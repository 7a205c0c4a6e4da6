package org.nnid.activation;

import java.util.Map;

import org.nnid.scalar.Interval;

/**
 * A nonlinearity ρ: ℝ → ℝ applied at the hidden nodes of a network (docs/math.md §1).
 *
 * <p>Implementations are values: two activations are equal iff they have the same name and
 * parameters. Obtain them from {@link Activations}.
 */
public interface Activation {

    /** Canonical lower-case name, e.g. "tanh", "leaky_relu". */
    String name();

    /** ρ(t) in double precision: accurate, and never NaN for finite t (limits for ±∞ where they exist). */
    double apply(double t);

    /**
     * A sound enclosure of {ρ(s) : s ∈ t}: it must contain the exact real value at every point of
     * t, because it is used to prove that two networks differ (docs/math.md §6).
     */
    Interval apply(Interval t);

    /** ρ as a Symja expression in the variable t, e.g. "Tanh(t)". */
    String symja();

    /** Parameters by name with exact values, e.g. {"slope": "1/100"}; empty for parameterless ρ. */
    default Map<String, String> parameters() {
        return Map.of();
    }

    /** v[i] ← ρ(v[i]) for from ≤ i &lt; to. */
    default void applyInPlace(double[] v, int from, int to) {
        for (int i = from; i < to; i++) {
            v[i] = apply(v[i]);
        }
    }
}
