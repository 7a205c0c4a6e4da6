package org.nnid.equiv;

import java.util.List;

import org.nnid.rewrite.Certificate;
import org.nnid.scalar.Interval;

/**
 * What a verdict rests on. Each kind says what it proves; {@link EvidenceChecker} re-checks every
 * kind without trusting the checker that produced it.
 */
public sealed interface Evidence {

    /** The word used in JSON. */
    String kind();

    /** One line for people. */
    String describe();

    /**
     * Both networks reach one canonical form: the two certificates (moves and the form reached).
     * With {@code exact} the forms are identical, which proves equal functions; otherwise they
     * have the same graph and their values differ by at most {@code largestDifference} relative to
     * max(|x|, |y|), which is within {@code tolerance}: equal functions "within tolerance".
     */
    record CanonicalForms(Certificate a, Certificate b, boolean exact, double tolerance, double largestDifference)
            implements Evidence {
        public String kind() {
            return "canonical-forms";
        }

        public String describe() {
            return exact ? "identical canonical forms (" + a.moves().size() + " and " + b.moves().size()
                    + " moves, replayable certificates)"
                    : "canonical forms with the same graph whose values differ by at most " + largestDifference
                    + " (relative), within tolerance " + tolerance + " (" + a.moves().size() + " and "
                    + b.moves().size() + " moves, replayable certificates)";
        }
    }

    /**
     * An exact decision of whether the difference network A − B is identically zero (docs/math.md §6
     * procedures), with the method used and its details.
     */
    record ZeroTest(boolean zero, String method, String detail) implements Evidence {
        public String kind() {
            return "zero-test";
        }

        public String describe() {
            return (zero ? "A − B ≡ 0" : "A − B ≢ 0") + ", decided exactly by " + method + ": " + detail;
        }
    }

    /**
     * docs/math.md §4: for a null-free ρ, reduced networks with equal functions have equal canonical
     * forms; these two exact canonical forms differ, so the functions differ.
     */
    record Theorem(String theory, String citation, Certificate a, Certificate b, List<String> differences)
            implements Evidence {
        public String kind() {
            return "theorem";
        }

        public String describe() {
            return theory + " is null-free (" + citation + "), and the exact canonical forms differ ("
                    + (differences.isEmpty() ? "" : differences.get(0)) + "), so the functions differ (docs/math.md §4)";
        }
    }

    /**
     * An input where the two outputs provably differ by more than {@code eps} (0 for the exact
     * question: they differ at all): enclosures of output {@code output} of A and of B computed with
     * outward-rounded interval arithmetic (or, where named, in high precision twice at two working
     * precisions) whose difference, rounded outwards, lies outside [−eps, eps].
     */
    record Witness(double[] x, int output, Interval a, Interval b, String arithmetic, double eps) implements Evidence {
        public String kind() {
            return "witness";
        }

        /** Whether the stated enclosures show |A − B| &gt; eps at x. */
        public boolean separates() {
            Interval d = a.sub(b);
            return d.lo() > eps || d.hi() < -eps;
        }

        public String describe() {
            return "at x = " + Points.format(x) + " output " + (output + 1) + " of A lies in " + a + " and of B in " + b
                    + " (" + arithmetic + "): " + (eps == 0 ? "disjoint" : "|A - B| > " + eps);
        }
    }

    /** What Symja said about A − B (a proof only when it simplified to exactly 0). */
    record Symbolic(Outcome outcome, String method) implements Evidence {
        /** ZERO: A − B simplified to 0; otherwise no conclusion. */
        public enum Outcome { ZERO, NOT_DECIDED, TIMED_OUT }

        public String kind() {
            return "symbolic";
        }

        public boolean proved() {
            return outcome == Outcome.ZERO;
        }

        public String describe() {
            return "Symja (" + method + "): " + switch (outcome) {
                case ZERO -> "A − B simplifies to 0";
                case TIMED_OUT -> "ran out of time";
                case NOT_DECIDED -> "did not simplify A − B to 0 (no conclusion)";
            };
        }
    }

    /** The witness search that found nothing: how hard it looked, and the largest difference seen. */
    record Search(int points, double largestDifference, double[] at, int output) implements Evidence {
        public String kind() {
            return "search";
        }

        public String describe() {
            return points + " points tried; largest |A − B| seen " + largestDifference
                    + (at == null ? "" : " at x = " + Points.format(at) + " (output " + (output + 1) + ")")
                    + "; no point where the outputs provably differ";
        }
    }

    /**
     * A sound upper bound on max |A − B| over a box: the box bisected as the tree says, and a bound
     * per leaf, each computed by {@code method} with outward rounding; {@code upperBound} is the
     * largest. {@code nnid check-evidence} rebuilds the leaves from the tree and recomputes every
     * leaf's bound.
     */
    record BoxBound(double[] lo, double[] hi, double upperBound, SplitTree tree, String method) implements Evidence {
        public String kind() {
            return "box-bound";
        }

        public int pieces() {
            return tree.leafBounds().length;
        }

        public String describe() {
            return "over the box " + Points.box(lo, hi) + ": max |A − B| ≤ " + upperBound + " (" + method + " over "
                    + pieces() + " sub-boxes, outward rounded: a proved bound)";
        }
    }
}
