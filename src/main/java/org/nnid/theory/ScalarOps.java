package org.nnid.theory;

import org.nnid.scalar.Rational;
import org.nnid.scalar.Scalar;

/**
 * Scalar division that avoids a defect of {@code Rational.divide} with a closed-form divisor
 * (it converts itself with {@code Symbolic.of}, gets a Rational back and recurses without end):
 * a rational divided by a constant is formed as one Symja constant instead.
 */
final class ScalarOps {
    private ScalarOps() {}

    static Scalar divide(Scalar a, Scalar b) {
        if (a instanceof Rational && b.isExact() && !(b instanceof Rational)) {
            if (b.isZero()) {
                throw new ArithmeticException("division by zero");
            }
            return Scalar.parseExact("(" + a.toText() + ")/(" + b.toText() + ")");
        }
        return a.divide(b);
    }
}
