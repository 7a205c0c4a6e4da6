package org.nnid.rewrite;

import java.util.Locale;

import org.nnid.theory.SymmetryElement;

/**
 * The texts of the notes a rewrite hands back with its result (decisions made within the
 * tolerance, moves left out): written here once, so that the general rewriter and its fast path
 * for layered doubles write them alike, to the byte.
 */
final class RewriteNotes {
    private RewriteNotes() {}

    /** A move left out because it could not be applied (a value that is not a finite double). */
    static String keptAsItIs(String why) {
        return "kept as it is: " + why;
    }

    /** The normalising element of a node is not a finite double. */
    static String normalFormNotFinite(String node, String why) {
        return keptAsItIs("the normal form at '" + node + "' is not a finite number (" + why + ")");
    }

    /** The element that would merge a node into its clone is not a finite double. */
    static String mergeElementNotFinite(String node, String why) {
        return keptAsItIs("the element merging '" + node + "' is not a finite number (" + why + ")");
    }

    /** R3 made with values that are equal only within the tolerance. */
    static String mergedWithinTolerance(String remove, String keep, double tolerance) {
        return "merged " + remove + " into " + keep + " within tolerance " + tolerance;
    }

    /** Normal forms within the tolerance whose merge R3 does not justify within it. */
    static String nearTieNotMerged(String keep, String remove, SymmetryElement s, double tolerance) {
        return "near-tie: " + keep + " and " + remove + " have normal forms within the tolerance " + tolerance
                + ", but merge_clones with " + s + " is not justified within it: kept apart";
    }

    /** Two nodes of a level closer than {@link Tolerance#NEAR_TIE_FACTOR} tolerances, but not within one. */
    static String nearTieKeptApart(String first, String second, double difference, double tolerance) {
        return "near-tie: " + first + " and " + second + " differ by at most "
                + String.format(Locale.ROOT, "%.3g", difference) + " (relative), more than the tolerance " + tolerance
                + ": kept apart";
    }
}
