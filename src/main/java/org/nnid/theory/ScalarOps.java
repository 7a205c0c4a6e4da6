package org.nnid.theory;

import org.nnid.scalar.Interval;
import org.nnid.scalar.Scalar;
import org.nnid.scalar.Symbolic;

/**
 * Signs of scalars that do not give up on tiny constants: {@code Symbolic.signum} decides by an
 * absolute threshold and throws below 1e-150 (e^(-537.5), say), while the enclosure computed
 * when the constant was parsed already separates it from 0.
 */
final class ScalarOps {
    private ScalarOps() {}

    /**
     * The sign, from the constant's double enclosure when that excludes 0 (no further work). A
     * constant outside the double range (e^900) has no double enclosure; its sign then comes from
     * {@link Scalar#signum}, which encloses it in decimal interval arithmetic.
     */
    static int signum(Scalar s) {
        if (s instanceof Symbolic c) {
            try {
                Interval e = s.enclosure();
                if (e.lo() > 0) {
                    return 1;
                }
                if (e.hi() < 0) {
                    return -1;
                }
            } catch (org.nnid.scalar.ScalarFormatException outOfDoubleRange) {
                return c.signum();
            }
        }
        return s.signum();
    }

    static boolean isZero(Scalar s) {
        return signum(s) == 0;
    }
}
