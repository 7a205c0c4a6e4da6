package org.nnid.activation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.nnid.scalar.Interval;
import org.nnid.scalar.Scalar;

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

    /**
     * The same function at other parameter values, named as in its theory file's {@code parameters}
     * (the theory binds them when it is read, so a name this evaluation does not take is an error
     * in the file). Parameterless activations take none.
     *
     * @throws IllegalArgumentException for a parameter or value this evaluation does not take
     */
    default Activation withParameters(Map<String, Scalar> values) {
        if (values.isEmpty()) {
            return this;
        }
        Map<String, String> text = new LinkedHashMap<>();
        values.forEach((k, v) -> text.put(k, v.toText()));
        throw new IllegalArgumentException("the built-in activation '" + name() + "' cannot take parameters " + text);
    }

    /**
     * An enclosure of every slope (ρ(s) − ρ(u))/(s − u) with s ≠ u in t, which contains ρ′ on t
     * where it exists: the mean value step of the checker's difference bound. Empty when this
     * activation has none (then that bound is not used). Written in Java next to the function's
     * own evaluation.
     */
    default Optional<Interval> slopes(Interval t) {
        return Optional.empty();
    }

    /** v[i] ← ρ(v[i]) for from ≤ i &lt; to. */
    default void applyInPlace(double[] v, int from, int to) {
        for (int i = from; i < to; i++) {
            v[i] = apply(v[i]);
        }
    }
}
