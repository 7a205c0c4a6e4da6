package org.nnid.scalar;

import java.util.Optional;

import org.matheclipse.core.interfaces.IExpr;

/**
 * A guard on Symja's rewriting of a constant (its evaluation, and the normal form of
 * {@link Symbolic}): the rewritten form must not be provably different from the original. Both
 * are enclosed ({@link ConstantBall}) at rising precision until the original's enclosure excludes
 * 0; the two must then overlap and the rewritten one must have the same sign. So a rewrite that
 * Symja based on a double-precision decision (it simplifies {@code Abs(Sin(10^26))} to
 * {@code -Sin(10^26)}) is caught whenever the change is visible at up to
 * {@value ConstantBall#MAX_DIGITS} digits, and the sign of the stored form is never the opposite of
 * the sign of the value that was written. Not a proof of equality: that rests on Symja's exact
 * algebra.
 */
final class RewriteCheck {
    private RewriteCheck() {}

    /** Whether {@code rewritten} is consistent with {@code original} as above (false also when it cannot be enclosed). */
    static boolean agrees(IExpr original, IExpr rewritten) {
        if (ConstantBall.whyNotEnclosable(rewritten).isPresent()) {
            return false;
        }
        boolean[] disagree = {false};
        ConstantBall.withinLimits(digits -> {
            Optional<DecimalInterval> a = ConstantBall.at(original, digits);
            Optional<DecimalInterval> b = ConstantBall.at(rewritten, digits);
            if (a.isEmpty() || b.isEmpty()) {
                return false;
            }
            if (!a.get().overlaps(b.get())) {
                disagree[0] = true;
                return true;
            }
            if (a.get().sign() != 0 && b.get().sign() != 0) {
                disagree[0] = a.get().sign() != b.get().sign();
                return true;
            }
            return false;
        });
        if (disagree[0]) {
            return false;
        }
        // Both within a hair of 0 up to the cap: no precision tells them apart.
        return true;
    }
}
