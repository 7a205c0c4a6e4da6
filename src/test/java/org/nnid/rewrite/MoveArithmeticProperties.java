package org.nnid.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

import org.nnid.scalar.DoubleScalar;
import org.nnid.scalar.Scalar;
import org.nnid.scalar.ScalarFormatException;
import org.nnid.theory.SymmetryElement;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Each double formula of {@link MoveArithmetic} is its Scalar formula evaluated on double data, to
 * the bit: the same value, or both refuse (an overflow, a division by zero). Element entries are
 * rationals, doubles and closed-form constants, as the theories' groups give them; this is what
 * lets the fast path share the moves' algebra with the general path and with replay.
 */
class MoveArithmeticProperties {
    /** Closed-form constants as symmetry entries take them (sin's kπ, exp's e^b), parsed once. */
    private static final List<Scalar> CONSTANTS = List.of(Scalar.parseExact("Pi"), Scalar.parseExact("-3*Pi"),
            Scalar.parseExact("E"), Scalar.parseExact("Exp(-5/2)"), Scalar.parseExact("Sqrt(2)/3"));

    @Property(tries = 3000)
    void theDoubleFormulasAreTheScalarFormulasOnDoubles(@ForAll("data") double x, @ForAll("data") double y,
            @ForAll("entries") Scalar a, @ForAll("entries") Scalar b, @ForAll("entries") Scalar c,
            @ForAll("entries") Scalar d) {
        Scalar sx = DoubleScalar.of(x);
        Scalar sy = DoubleScalar.of(y);
        same("incomingWeight", () -> MoveArithmetic.incomingWeight(a, sx),
                () -> MoveArithmetic.incomingWeight(a.toDouble(), x));
        if (!a.isZero() && !c.isZero()) {
            SymmetryElement s = SymmetryElement.of(a, b, c, d);
            same("incomingBias", () -> MoveArithmetic.incomingBias(s, sx),
                    () -> MoveArithmetic.incomingBias(a.toDouble(), b.toDouble(), x));
        }
        same("outgoingWeight", () -> MoveArithmetic.outgoingWeight(sx, c),
                () -> MoveArithmetic.outgoingWeight(x, c.toDouble()));
        same("successorBias", () -> MoveArithmetic.successorBias(sy, sx, c, d),
                () -> MoveArithmetic.successorBias(y, x, c.toDouble(), d.toDouble()));
        same("foldedBias", () -> MoveArithmetic.foldedBias(sy, sx, a),
                () -> MoveArithmetic.foldedBias(y, x, a.toDouble()));
        same("mergedWeight", () -> MoveArithmetic.mergedWeight(sy, c, sx),
                () -> MoveArithmetic.mergedWeight(y, c.toDouble(), x));
        same("mergedWeight onto no edge", () -> MoveArithmetic.mergedWeight(Scalar.ZERO, c, sx),
                () -> MoveArithmetic.mergedWeight(0.0, c.toDouble(), x));
        same("mergedBias", () -> MoveArithmetic.mergedBias(sy, d, sx),
                () -> MoveArithmetic.mergedBias(y, d.toDouble(), x));
    }

    /** The Scalar result as the double it holds, or null when refused; likewise the double result. */
    private static void same(String formula, Supplier<Scalar> scalar, DoubleSupplier primitive) {
        Double expected;
        try {
            Scalar r = scalar.get();
            assertEquals(DoubleScalar.class, r.getClass(), formula + ": a double datum gives a double");
            expected = r.toDouble();
        } catch (ScalarFormatException | ArithmeticException refused) {
            expected = null;
        }
        Double found;
        try {
            found = primitive.getAsDouble();
        } catch (MoveArithmetic.NotFinite refused) {
            found = null;
        }
        assertEquals(expected == null ? null : Double.doubleToRawLongBits(expected),
                found == null ? null : Double.doubleToRawLongBits(found), formula);
    }

    /** Doubles over the whole range, subnormals included, so that products overflow and underflow. */
    @Provide
    Arbitrary<Double> data() {
        Arbitrary<Double> scaled = Combinators.combine(Arbitraries.doubles().between(-10, 10).ofScale(6),
                Arbitraries.integers().between(-320, 300)).as((m, e) -> m * Math.pow(10, e));
        return Arbitraries.oneOf(Arbitraries.doubles().between(-10, 10).ofScale(6), scaled,
                Arbitraries.of(0.0, -0.0, 1.0, -1.0, Double.MAX_VALUE, Double.MIN_VALUE, -Double.MIN_NORMAL));
    }

    @Provide
    Arbitrary<Scalar> entries() {
        Arbitrary<Scalar> rationals = Combinators.combine(Arbitraries.integers().between(-20, 20),
                Arbitraries.integers().between(1, 7)).as((p, q) -> (Scalar) Scalar.of(p, q));
        Arbitrary<Scalar> doubles = data().map(v -> (Scalar) DoubleScalar.of(v));
        return Arbitraries.oneOf(rationals, doubles, Arbitraries.of(CONSTANTS));
    }
}
