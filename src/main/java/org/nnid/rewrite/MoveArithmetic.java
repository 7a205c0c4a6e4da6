package org.nnid.rewrite;

import org.nnid.scalar.Scalar;
import org.nnid.theory.SymmetryElement;

/**
 * The arithmetic of the moves of docs/math.md §3, each formula once on {@link Scalar}s (for
 * {@link Move}, and so for the general rewriter and for replay) and once on doubles (for the fast
 * path, {@link LayeredRewriter}), side by side. The double form of a formula is its Scalar form
 * evaluated on double data: the same operations in the same order, each result rounded, refused
 * when it is not finite and written 0.0 for −0.0, as a {@code DoubleScalar} is. So the two paths
 * agree to the bit, and a change to a formula is made to both lines here.
 */
final class MoveArithmetic {
    private MoveArithmetic() {}

    /** A double move result that is not a finite number: the move cannot be made on doubles. */
    static final class NotFinite extends RuntimeException {
        NotFinite() {
            super("a value overflows", null, false, false);
        }
    }

    /** A value as a DoubleScalar stores it: finite, and 0.0 for −0.0. */
    static double finite(double x) {
        if (!Double.isFinite(x)) {
            throw new NotFinite();
        }
        return x + 0.0;
    }

    // M2 at v with s = (a, b, c, d): ω_uv ← a·ω_uv, θ_v ← a·θ_v + b; ω_vt ← ω_vt / c, θ_t ← θ_t − ω_vt·d/c.

    static Scalar incomingWeight(Scalar a, Scalar w) {
        return a.multiply(w);
    }

    static double incomingWeight(double a, double w) {
        return finite(a * w);
    }

    static Scalar incomingBias(SymmetryElement s, Scalar theta) {
        return s.applyToBias(theta);
    }

    static double incomingBias(double a, double b, double theta) {
        return finite(finite(a * theta) + b);
    }

    static Scalar outgoingWeight(Scalar w, Scalar c) {
        return w.divide(c);
    }

    static double outgoingWeight(double w, double c) {
        return finite(w / c);
    }

    static Scalar successorBias(Scalar theta, Scalar w, Scalar c, Scalar d) {
        return theta.subtract(w.multiply(d).divide(c));
    }

    static double successorBias(double theta, double w, double c, double d) {
        return finite(theta - finite(finite(w * d) / c));
    }

    // R1 at v: θ_t ← θ_t + ω_vt·ρ(θ_v).

    static Scalar foldedBias(Scalar theta, Scalar w, Scalar value) {
        return theta.add(w.multiply(value));
    }

    static double foldedBias(double theta, double w, double value) {
        return finite(theta + finite(w * value));
    }

    // R3 of v' into v with s = (a, b, c, d): ω_vt ← ω_vt + c·ω_v't, θ_t ← θ_t + d·ω_v't.

    static Scalar mergedWeight(Scalar kept, Scalar c, Scalar removed) {
        return kept.add(c.multiply(removed));
    }

    static double mergedWeight(double kept, double c, double removed) {
        return finite(kept + finite(c * removed));
    }

    static Scalar mergedBias(Scalar theta, Scalar d, Scalar removed) {
        return theta.add(d.multiply(removed));
    }

    static double mergedBias(double theta, double d, double removed) {
        return finite(theta + finite(d * removed));
    }
}
