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
     * The sign, from the constant's enclosure when that excludes 0 (no further Symja call). A
     * constant outside the double range (e^(-877.5), e^900) has no enclosure; its 50-digit value
     * decides, since cancellation at 50 digits cannot produce a magnitude beyond 1e±308 from terms
     * of ordinary size.
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
            } catch (RuntimeException outOfDoubleRange) {
                java.math.BigDecimal v = c.toBigDecimal(50);
                double d = v.abs().doubleValue();
                if (v.signum() != 0 && (d == 0 || Double.isInfinite(d) || d < Double.MIN_NORMAL)) {
                    return v.signum();
                }
            }
        }
        return s.signum();
    }

    static boolean isZero(Scalar s) {
        return signum(s) == 0;
    }
}
