package org.nnid.theory;

import java.util.Locale;

/**
 * Properties of ρ that a theory file states under {@code properties} and the checker relies on for
 * built-in theories (CI checks them, {@code TheoryBuiltinsTest}); users' theories are not relied
 * on for them.
 */
public enum FunctionProperty {
    /**
     * Strictly monotone on all of R: equal outputs with ρ at the outputs mean equal
     * pre-activations, so A − B of the pre-activations must vanish when A and B are one function.
     */
    INJECTIVE,
    /**
     * Real-analytic on all of R: a network over ρ is analytic in its inputs, so two such networks
     * equal on a box with interior points are equal everywhere (docs/math.md §6.3).
     */
    ANALYTIC;

    /** The word used in theory files. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException when the word names no property */
    public static FunctionProperty ofWord(String word) {
        return valueOf(word.strip().toUpperCase(Locale.ROOT));
    }
}
