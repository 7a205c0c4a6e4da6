package org.nnid.equiv;

import java.util.Locale;

/** What kind of proof a verdict rests on; printed in parentheses after the verdict. */
public enum ProofKind {
    /** Exact arithmetic: identical exact canonical forms, an exact procedure, or Symja's 0. */
    EXACT,
    /** An input where the outputs provably differ (by more than ε for EXCEEDS_EPS). */
    WITNESS,
    /** The null-freeness theorem on reduced exact canonical forms (docs/math.md §4). */
    THEOREM,
    /** A proved bound on max |A − B| over a box. */
    BOUND,
    /** No proof: the verdict is UNKNOWN. */
    UNDECIDED;

    /** The word used in output and in saved verdicts. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return word();
    }

    /** @throws IllegalArgumentException when the word is not one of the kinds */
    public static ProofKind ofWord(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT));
    }
}
