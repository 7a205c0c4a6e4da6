package org.nnid.scalar;

import java.util.Optional;

import org.matheclipse.core.interfaces.IExpr;

/**
 * A guard on Symja's rewriting of a constant (its evaluation, and the normal form of
 * {@link Symbolic}): the rewritten form must not be provably different from the original. Both
 * are enclosed ({@link ConstantBall}) at rising precision up to {@value #DIGITS} digits until the
 * original's enclosure excludes 0; the two must overlap, and then have the same sign. So a rewrite
 * that Symja based on a double-precision decision (it simplifies {@code ArcTan(Tan(5))} to
 * {@code 5-2*Pi} by a double floor, {@code Abs(Sin(10^26))} to {@code -Sin(10^26)}) is caught
 * whenever it changes the value by more than about 10^-250 of its size. Not a proof of equality:
 * that rests on Symja's exact algebra. The cap keeps the guard cheap on constants that are 0 (no
 * precision separates them from 0): those are decided later by {@link ConstantSigns}.
 */
final class RewriteCheck {
    /** Precision cap of the guard. */
    static final int DIGITS = 256;

    private RewriteCheck() {}

    /** Whether {@code rewritten} is consistent with {@code original} as above (false also when it cannot be enclosed). */
    static boolean agrees(IExpr original, IExpr rewritten) {
        if (rewritten.equals(original)) {
            return true;
        }
        if (ConstantBall.whyNotEnclosable(rewritten).isPresent()) {
            return false;
        }
        boolean[] disagree = {false};
        ConstantBall.withinLimits(digits -> {
            if (digits > DIGITS) {
                return true;
            }
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
        // Both within 10^-250 of 0: this guard does not tell them apart.
        return true;
    }
}
