package org.nnid.equiv;

/**
 * A proved upper bound on max |A − B| over one input box, computed the same way on every machine,
 * so that the search and {@code nnid check-evidence} get the same number for the same box.
 */
interface BoxBounder {

    /** The bound, and the input coordinate whose bisection should shrink it most. */
    record Bound(double value, int splitDimension) {}

    /** The bound over [lo, hi]; +∞ when it overflows. Safe to call from several threads. */
    Bound bound(double[] lo, double[] hi);

    /** How the bound is computed, as saved verdicts name it. */
    String method();
}
