package org.nnid.theory;

import org.nnid.scalar.Interval;
import org.nnid.scalar.Rational;
import org.nnid.scalar.Scalar;
import org.nnid.scalar.Symbolic;

/**
 * Two scalar operations that work around defects of the scalar package: {@code Rational.divide}
 * with a closed-form divisor converts itself with {@code Symbolic.of}, gets a Rational back and
 * recurses without end; and {@code Symbolic.signum} gives up on constants below 1e-150 such as
 * e^(-537.5), which the enclosure computed at parse time already separates from 0.
 */
final class ScalarOps {
    private ScalarOps() {}

    static Scalar divide(Scalar a, Scalar b) {
        if (a instanceof Rational && b.isExact() && !(b instanceof Rational)) {
            if (isZero(b)) {
                throw new ArithmeticException("division by zero");
            }
            return Scalar.parseExact("(" + a.toText() + ")/(" + b.toText() + ")");
        }
        return a.divide(b);
    }

    /** The sign, from the constant's enclosure when that excludes 0 (no further Symja call). */
    static int signum(Scalar s) {
        if (s instanceof Symbolic) {
            try {
                Interval e = s.enclosure();
                if (e.lo() > 0) {
                    return 1;
                }
                if (e.hi() < 0) {
                    return -1;
                }
            } catch (RuntimeException outOfDoubleRange) {
                // fall through to the exact decision
            }
        }
        return s.signum();
    }

    static boolean isZero(Scalar s) {
        return signum(s) == 0;
    }
}
