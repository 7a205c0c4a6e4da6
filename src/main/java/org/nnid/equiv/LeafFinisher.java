package org.nnid.equiv;

import org.nnid.net.Network;

/**
 * Decides a box the bisection leaves open at its depth limit, exactly. For piecewise-linear
 * networks this is where the exact region procedure of {@code org.nnid.exact} (linear programs
 * over the activation regions of the box, their optima certified by exact rational duals) makes
 * {@link SplitSearch} complete; a box it proves becomes a leaf like any other, and one it refutes
 * gives a candidate input that is proved like every witness. Not wired yet: {@link SplitSearch}
 * takes an {@code Optional<LeafFinisher>}, and the checker passes none until that procedure is in
 * main (docs/math.md §6.5).
 */
interface LeafFinisher {

    /** What the finisher decided for one box. */
    sealed interface Result {
        /** max |A − B| ≤ bound ≤ ε over the box, proved. */
        record Within(double bound) implements Result {}

        /** |A − B| &gt; ε at x (to be proved again by the caller). */
        record Exceeds(double[] x) implements Result {}

        record Undecided(String why) implements Result {}
    }

    Result finish(Network a, Network b, Box box, double eps);
}
