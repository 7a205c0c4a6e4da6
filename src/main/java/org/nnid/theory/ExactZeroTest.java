package org.nnid.theory;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The exact zero test for networks of one hidden layer that a theory file names under
 * {@code exact_zero_test} (docs/math.md §6). Polynomial and piecewise-linear ρ need no key: their
 * procedures are recognised from the definition. Relied on for built-in theories only (CI checks
 * each claim, {@code TheoryPropertiesTest}); a user's is not used.
 */
public enum ExactZeroTest {
    /**
     * Normalise each unit, group equal (w, θ), and ask every group sum to vanish: sound for a
     * null-free ρ (a file that names it must have null_free status proved).
     */
    GROUP_SUMS,
    /** Σ c_k e^{iθ_k} per frequency: ρ is sin or cos. */
    PHASOR_SUMS,
    /** Σ c_k e^{θ_k} per slope (Lindemann–Weierstrass for rational biases): ρ is exp. */
    EXPONENTIAL_SUMS;

    /** The word used in theory files, e.g. "group_sums". */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ExactZeroTest> ofWord(String word) {
        return Arrays.stream(values()).filter(v -> v.word().equals(word.strip())).findFirst();
    }

    /** The words, for messages. */
    public static String words() {
        return String.join(", ", Arrays.stream(values()).map(ExactZeroTest::word).toList());
    }
}
