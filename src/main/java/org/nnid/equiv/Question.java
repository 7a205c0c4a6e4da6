package org.nnid.equiv;

/**
 * What the checker is asked about two networks: exact equality of the functions as written (a
 * double is the rational it denotes), or closeness, max |A − B| ≤ ε on the domain. The answers
 * differ ({@link Verdict}): closeness is never reported as equality.
 */
public sealed interface Question {

    /** The words used in output and in saved verdicts. */
    String describe();

    /** Are A and B the same function on the domain? EQUIVALENT, NOT_EQUIVALENT or UNKNOWN. */
    record Exact() implements Question {
        public String describe() {
            return "exact equality";
        }
    }

    /** Is max |A − B| ≤ eps on the domain, output by output? WITHIN_EPS, EXCEEDS_EPS or UNKNOWN. */
    record Closeness(double eps) implements Question {
        public Closeness {
            if (!(eps >= 0) || Double.isInfinite(eps)) {
                throw new IllegalArgumentException("--eps: expected a finite number >= 0, found " + eps);
            }
        }

        public String describe() {
            return "max |A - B| <= " + eps;
        }
    }

    static Question exact() {
        return new Exact();
    }
}
