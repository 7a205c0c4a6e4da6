package org.nnid.scalar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Signs of closed-form constants: nonzero only from enclosures, zero only from proofs. */
class ConstantSignsTest {
    private static final Duration LIMIT = Duration.ofSeconds(2);

    /** Exactly 0, and not simplified to 0 by Symja's evaluation alone. */
    private static final String[] EXACT_ZEROS = {
        "Log(6)-Log(2)-Log(3)",
        "Sqrt(3+2*Sqrt(2))-1-Sqrt(2)",
        "Sin(3)-Sin(2)*Cos(1)-Cos(2)*Sin(1)",
        // 10^16·π + 1/3 in Symbolic's written form, which Symja does not reduce: its 50-digit value is about 1e-34
        "Sin(1/3*(1+30000000000000000*Pi))-Sin(1/3)",
        "Sin(10^17+1/3)-Cos(10^17)*Sin(1/3)-Sin(10^17)*Cos(1/3)",
    };

    @Test
    void exactZerosAreNeverCalledNonzero() {
        for (String zero : EXACT_ZEROS) {
            Optional<ConstantSigns.Decision> d = ConstantSigns.decide(zero, LIMIT);
            assertTrue(d.isEmpty() || d.get().sign() == 0, zero + ": " + d);
        }
    }

    @Test
    void theMeasuredSymjaCallsProveTheThreeKindsOfZero() {
        for (String zero : new String[] {"Log(6)-Log(2)-Log(3)", "Sqrt(3+2*Sqrt(2))-1-Sqrt(2)",
            "Sin(3)-Sin(2)*Cos(1)-Cos(2)*Sin(1)"}) {
            assertEquals(0, ConstantSigns.decide(zero, LIMIT).orElseThrow().sign(), zero);
        }
    }

    @Test
    void aConstantThatIsZeroHasSignZeroOrIsUndecidedNeverAGuess() {
        Scalar s = Scalar.parseExact("Sin(10^16*Pi+1/3)").subtract(Scalar.parseExact("Sin(1/3)"));
        assertEquals(0, s.signum());
        Scalar phase = Scalar.parseExact("10^16*Pi+1/3");
        Scalar t = Scalar.parseExact("Sin(" + phase.toText() + ")").subtract(Scalar.parseExact("Sin(1/3)"));
        try {
            assertEquals(0, t.signum(), t.toText());
        } catch (ArithmeticException undecided) {
            assertTrue(undecided.getMessage().contains("cannot decide whether"), undecided.getMessage());
        }
    }

    @Test
    void tinyNonzeroConstantsGetTheirSigns() {
        assertEquals(1, sign("Pi - 314159265358979323846/100000000000000000000"));
        assertEquals(-1, sign("Pi - 314159265358979323847/100000000000000000000"));
        assertEquals(-1, sign("Exp(Pi*Sqrt(163)) - 640320^3 - 744"));
        assertEquals(-1, sign("Sqrt(2) - 665857/470832"));
        // a zero plus 10^-300: only an enclosure at 512 digits separates it from 0
        assertEquals(1, sign("Sin(10^17+1/3)-Cos(10^17)*Sin(1/3)-Sin(10^17)*Cos(1/3)+10^(-300)"));
        assertEquals(-1, sign("Log(6)-Log(2)-Log(3)-10^(-300)"));
        assertEquals(1, Scalar.parseExact("Pi").compareValue(Scalar.parseExact("314159265358979323846/100000000000000000000")));
    }

    private static int sign(String constant) {
        return ConstantSigns.decide(constant, LIMIT).orElseThrow(() -> new AssertionError("undecided: " + constant)).sign();
    }
}
