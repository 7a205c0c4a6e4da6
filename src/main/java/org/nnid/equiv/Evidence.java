package org.nnid.equiv;

import java.util.List;
import java.util.Optional;

import org.nnid.exact.RegionTree;
import org.nnid.exact.ZeroData;
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

    /** The data the evidence carries for a reader to check by hand, as indented lines (none for most kinds). */
    default List<String> dataLines() {
        return List.of();
    }

    /** Lines of data printed per piece of evidence; the saved verdict has all of them. */
    int PRINTED_DATA_LINES = 60;

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
     * procedures), with the method used, its details and the numbers it used ({@code data}: group
     * sums, knots, expansions), which check-evidence recomputes.
     */
    record ZeroTest(boolean zero, String method, String detail, ZeroData data) implements Evidence {
        public String kind() {
            return "zero-test";
        }

        @Override
        public List<String> dataLines() {
            return data.lines(PRINTED_DATA_LINES);
        }

        public String describe() {
            return (zero ? "A − B ≡ 0" : "A − B ≢ 0") + ", decided exactly by " + method + ": " + detail;
        }
    }

    /**
     * docs/math.md §4: for a null-free ρ, reduced networks with equal functions have equal canonical
     * forms; these two exact canonical forms differ, so the functions differ. {@code places} lists
     * where the forms (the certificates' results) differ, entry by entry.
     */
    record Theorem(String theory, String citation, Certificate a, Certificate b, List<String> differences,
            List<FormDifferences.Place> places) implements Evidence {
        public String kind() {
            return "theorem";
        }

        @Override
        public List<String> dataLines() {
            List<String> out = new java.util.ArrayList<>();
            out.add("where the reduced canonical forms differ (the forms are the certificates' results):");
            places.forEach(p -> out.add("  " + p));
            return places.isEmpty() ? List.of() : out;
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
    record Witness(double[] x, int output, Interval a, Interval b, Arithmetic arithmetic, double eps) implements Evidence {
        /** How the enclosures were computed; its text is what output and verdict files show. */
        public sealed interface Arithmetic {
            String text();

            /** The arithmetic a verdict file names; words nnid does not write are kept as they are. */
            static Arithmetic ofText(String text) {
                if (text.equals(OutwardIntervals.TEXT)) {
                    return new OutwardIntervals();
                }
                if (text.equals(ExactRational.TEXT)) {
                    return new ExactRational();
                }
                java.util.regex.Matcher m = DecimalDigits.PATTERN.matcher(text);
                return m.matches() ? new DecimalDigits(Integer.parseInt(m.group(1))) : new Stated(text);
            }
        }

        /** Double intervals with outward rounding ({@link org.nnid.net.Evaluator#enclose}). */
        public record OutwardIntervals() implements Arithmetic {
            static final String TEXT = "interval";

            @Override
            public String text() {
                return TEXT;
            }
        }

        /** Decimal interval arithmetic at this many digits (a closed-form evaluation, {@link RigorousWitness}). */
        public record DecimalDigits(int digits) implements Arithmetic {
            static final java.util.regex.Pattern PATTERN =
                    java.util.regex.Pattern.compile("decimal interval arithmetic, ([1-9][0-9]{0,8}) digits");

            @Override
            public String text() {
                return "decimal interval arithmetic, " + digits + " digits";
            }
        }

        /** The outputs of piecewise-linear networks of doubles computed exactly, as rationals ({@link ExactPiecewise}). */
        public record ExactRational() implements Arithmetic {
            static final String TEXT = "exact rational arithmetic";

            @Override
            public String text() {
                return TEXT;
            }
        }

        /** Words in a verdict file that name no arithmetic nnid writes; such a witness is re-proved. */
        public record Stated(String text) implements Arithmetic {}

        public String kind() {
            return "witness";
        }

        /** Whether the stated enclosures show |A − B| &gt; eps at x. */
        public boolean separates() {
            return separates(a, b, eps);
        }

        /** Whether enclosures a of A and b of B show |A − B| &gt; eps. */
        static boolean separates(Interval a, Interval b, double eps) {
            Interval d = a.sub(b);
            return d.lo() > eps || d.hi() < -eps;
        }

        public String describe() {
            return "at x = " + Points.format(x) + " output " + (output + 1) + " of A lies in " + a + " and of B in " + b
                    + " (" + arithmetic.text() + "): " + (eps == 0 ? "disjoint" : "|A - B| > " + eps);
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

    /**
     * The witness search that found nothing: how hard it looked, and the largest difference seen
     * ({@code at}, on {@code output}; empty when no point was evaluated).
     */
    record Search(int points, double largestDifference, Optional<double[]> at, int output) implements Evidence {
        public String kind() {
            return "search";
        }

        public String describe() {
            return points + " points tried; largest |A − B| seen " + largestDifference
                    + at.map(x -> " at x = " + Points.format(x) + " (output " + (output + 1) + ")").orElse("")
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

    /**
     * A − B ≡ 0 on the box (or on all of R^m when {@code box} is empty), for piecewise-linear ρ with
     * rational weights (docs/math.md §6): by grouping the hyperplanes of one hidden layer ({@code data}:
     * each hyperplane's total output weight and the affine parts, recomputed by check-evidence), or by a
     * cover of the box with linear regions whose every step is certified by exact multipliers
     * ({@code tree}, replayed by check-evidence in rational arithmetic).
     */
    record PiecewiseLinearZero(String method, String detail, Optional<Box> box, Optional<RegionTree> tree,
            ZeroData data) implements Evidence {
        public String kind() {
            return "piecewise-linear-zero";
        }

        @Override
        public List<String> dataLines() {
            return data.lines(PRINTED_DATA_LINES);
        }

        public String describe() {
            return "A − B ≡ 0 on " + box.map(b -> "the box " + Points.box(b.lo(), b.hi())).orElse("all of R^m")
                    + ", decided exactly by " + method + ": " + detail
                    + tree.map(t -> " (" + t.entries().size() + " certified decisions, " + t.leafCount() + " regions)").orElse("");
        }
    }
}
