package org.nnid.equiv;

/**
 * A proved upper bound on max |A − B| over one input box, computed the same way on every machine,
 * so that the search and {@code nnid check-evidence} get the same number for the same box. A box
 * inside another may use what was proved for the larger one (every node's range there holds on
 * the smaller box too), so a bound is a function of the box and of its parent's bound in a split
 * tree; the search and the re-check both compute each node from its parent's.
 */
interface BoxBounder {

    /** What a bound proved about the box beyond its value, for the boxes inside it; opaque to callers. */
    interface Carry {}

    /** The bound, the input coordinate whose bisection should shrink it most, and what it carries to sub-boxes. */
    record Bound(double value, int splitDimension, Carry carry) {
        Bound(double value, int splitDimension) {
            this(value, splitDimension, null);
        }
    }

    /**
     * The bound over [lo, hi]; +∞ when it overflows. Safe to call from several threads.
     *
     * @param enclosing the bound of a box that contains [lo, hi] (its parent in a split tree), or
     *                  null for a root
     */
    Bound bound(double[] lo, double[] hi, Bound enclosing);

    /** The bound over [lo, hi] as a root box. */
    default Bound bound(double[] lo, double[] hi) {
        return bound(lo, hi, null);
    }

    /** How the bound is computed, as saved verdicts name it. */
    String method();
}
