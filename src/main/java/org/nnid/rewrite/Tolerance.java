package org.nnid.rewrite;

import org.nnid.scalar.Scalar;
import org.nnid.theory.Incoming;
import org.nnid.theory.SymmetryElement;

/**
 * When values that involve a double count as equal: the one definition the general rewriter, its
 * fast path for layered doubles and replay all decide by, so that they decide alike. Exact values
 * are always compared exactly.
 */
public final class Tolerance {
    /**
     * Default tolerance for values that involve a double: relative to max(|x|, |y|). A handful
     * of moves changes doubles by a few ulps (~1e-16), so 1e-12 absorbs that rounding with room to
     * spare, while a weight changed in its 9th significant digit (1e-9) still counts as different.
     */
    public static final double DEFAULT = 1e-12;
    /** Values closer than this many tolerances but not within one are reported as near-ties. */
    static final double NEAR_TIE_FACTOR = 1e3;
    /**
     * A double symmetry element (from a double network) is in S_ρ when each entry matches a group
     * element's within this, relative with a floor of 1 ({@link GroupMembership}): whatever the
     * tolerance of the rewrite, an element is a symmetry only up to rounding.
     */
    static final double GROUP_MEMBERSHIP = 1e-12;

    private Tolerance() {}

    /** @throws IllegalArgumentException unless the tolerance is a finite number ≥ 0 */
    static void check(double tolerance) {
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("tolerance must be a finite number >= 0, found " + tolerance);
        }
    }

    /**
     * |x − y| ≤ tol·max(|x|, |y|): purely relative (with a floor of 1, a relu unit rescaled by 10⁶
     * would merge with one whose weight differs by 10⁻⁶ relative, and the checker would call them
     * equal within 1e-12).
     */
    static boolean close(double x, double y, double tol) {
        return Math.abs(x - y) <= tol * Math.max(Math.abs(x), Math.abs(y));
    }

    /** {@link #close(double, double, double)}, except that a pair of exact values must be equal. */
    static boolean close(Scalar a, Scalar b, double tol) {
        if (a.isExact() && b.isExact()) {
            return a.equals(b) || a.compareValue(b) == 0;
        }
        return close(a.toDouble(), b.toDouble(), tol);
    }

    /** Entry by entry closeness of two incoming vectors of the same length. */
    static boolean close(Incoming x, Incoming y, double tol) {
        if (x.weights().size() != y.weights().size()) {
            return false;
        }
        for (int i = 0; i < x.weights().size(); i++) {
            if (!close(x.weights().get(i), y.weights().get(i), tol)) {
                return false;
            }
        }
        return close(x.bias(), y.bias(), tol);
    }

    /**
     * Whether a normalising element changes nothing worth a move: the identity, or for double
     * data an element within the tolerance of it. Without the second case a double node already
     * in normal form (first weight 0.9999999999999999 after λ = 1/|w| was applied) would be
     * renormalised on a second pass, and canonicalisation would not be idempotent.
     */
    static boolean nearIdentity(SymmetryElement s, double tolerance) {
        if (s.isIdentity()) {
            return true;
        }
        // Exact entries are compared exactly by close; with tolerance 0 doubles are too.
        return !s.isExact() && close(s.a(), Scalar.ONE, tolerance) && close(s.b(), Scalar.ZERO, tolerance)
                && close(s.c(), Scalar.ONE, tolerance) && close(s.d(), Scalar.ZERO, tolerance);
    }

    /** How far apart two values are, for near-tie reports: |x − y| / max(1, |x|, |y|). */
    static double difference(double x, double y) {
        return Math.abs(x - y) / Math.max(1.0, Math.max(Math.abs(x), Math.abs(y)));
    }
}
