package org.nnid.equiv;

/**
 * The checker's answer, with the exit code of {@code nnid equiv}. The first three answer the exact
 * question (are A and B, with their weights as written, the same function on the domain?); the
 * last two answer the closeness question {@code --eps E} (is max |A − B| ≤ E on the domain?).
 * Exit 0 means a proof of what was asked, 1 a proof of the opposite, 3 neither.
 */
public enum Verdict {
    /** Proved: the same function on the domain. */
    EQUIVALENT(0),
    /** Proved: different functions on the domain. */
    NOT_EQUIVALENT(1),
    /** Neither proved; the evidence gathered says how far the checker got. */
    UNKNOWN(3),
    /** Proved: |A − B| ≤ E everywhere on the domain (asked with --eps E). */
    WITHIN_EPS(0),
    /** Proved: an input of the domain where |A − B| > E (asked with --eps E). */
    EXCEEDS_EPS(1);

    private final int exitCode;

    Verdict(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /** Whether this verdict answers the question asked (UNKNOWN answers both). */
    public boolean answers(Question q) {
        return this == UNKNOWN || (q instanceof Question.Exact) == (this == EQUIVALENT || this == NOT_EQUIVALENT);
    }
}
