package org.nnid.scalar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.nnid.symja.Symja;

/** The closed grammar of exact values: what parseExact refuses, and what it accepts. */
class ExactGrammarTest {

    @Test
    void discontinuousFunctionsAssignmentsAndUnknownSymbolsAreRefusedNamingTheValue() {
        for (String refused : new String[] {"Sign(Sin(10^26))", "Round(10^20*Sqrt(2))", "a=5", "0x10", "Floor(Pi)",
            "Ceiling(E)", "IntegerPart(Pi)", "FractionalPart(Pi)", "Mod(7,3)", "Boole(1>0)", "Pi>3",
            "Piecewise({{1, Pi>3}}, 0)", "x+1", "0.5*Pi", "f(1)", "Infinity", "I", "Sin(1)/.Sin->Cos"}) {
            ScalarFormatException e = assertThrows(ScalarFormatException.class, () -> Scalar.parseExact(refused), refused);
            assertTrue(e.getMessage().contains("'" + refused + "'"), e.getMessage());
        }
    }

    @Test
    void aDivisionByAConstantThatCancelsToZeroIsRefusedAsSuchNotAsTooLarge() {
        for (String value : new String[] {"1/(Pi-Pi)", "1/(Exp(1)-E)", "2^(-1/(Pi-Pi))"}) {
            ScalarFormatException e = assertThrows(ScalarFormatException.class, () -> Scalar.parseExact(value), value);
            assertTrue(e.getMessage().contains("divides by"), e.getMessage());
        }
        ScalarFormatException big = assertThrows(ScalarFormatException.class, () -> Scalar.parseExact("2^(10^9)"));
        assertTrue(big.getMessage().contains("the power 2^10^9 exceeds"), big.getMessage());
    }

    @Test
    void anAssignmentLeavesNoStateBehind() {
        assertThrows(ScalarFormatException.class, () -> Scalar.parseExact("nnidtestsymbol=5"));
        assertEquals("nnidtestsymbol", Symja.eval("nnidtestsymbol").toString());
    }

    @Test
    void aLongValueIsShortenedInTheMessage() {
        String text = "Floor(" + "1+".repeat(200) + "1)";
        String message = assertThrows(ScalarFormatException.class, () -> Scalar.parseExact(text)).getMessage();
        assertFalse(message.contains(text));
        String quoted = message.substring(message.indexOf('\'') + 1, message.indexOf('\'', message.indexOf('\'') + 1));
        assertTrue(quoted.length() <= ExactGrammar.QUOTE_LIMIT && quoted.endsWith("…"), message);
    }

    @Test
    void absMaxAndMinAreDecidedByEnclosuresNotByDoubles() {
        // Symja's own evaluation gives -Sin(10^26) (a double-precision sign) and the rational.
        Scalar abs = Scalar.parseExact("Abs(Sin(10^26))");
        assertEquals(1, abs.signum());
        assertEquals(0, abs.compareValue(Scalar.parseExact("Sin(10^26)")));
        Scalar max = Scalar.parseExact("Max(Pi, 314159265358979323846/100000000000000000000)");
        assertEquals(0, max.compareValue(Scalar.parseExact("Pi")));
        Scalar min = Scalar.parseExact("Min(Pi, 314159265358979323846/100000000000000000000)");
        assertEquals(Scalar.parseExact("314159265358979323846/100000000000000000000"), min);
        ScalarFormatException e = assertThrows(ScalarFormatException.class,
                () -> Scalar.parseExact("Max(Log(6), Log(2)+Log(3))"));
        assertTrue(e.getMessage().contains("cannot be decided"), e.getMessage());
    }

    @Test
    void everyFunctionAndConstantOfTheGrammarParsesAndEnclosesItsValue() {
        for (String accepted : new String[] {"Pi", "E", "Degree", "GoldenRatio", "Sqrt(2)", "Exp(1/3)", "Log(2)",
            "Log(2, 3)", "Sin(1)", "Cos(1)", "Tan(1)", "Cot(1)", "Sec(1)", "Csc(1)", "ArcTan(1/2)", "ArcSin(1/3)",
            "ArcCos(1/3)", "Sinh(1)", "Cosh(1)", "Tanh(1)", "Coth(1)", "Sech(1)", "Csch(1)", "Erf(1/2)", "Erfc(1/2)",
            "LogisticSigmoid(1/2)", "2^(1/3)", "Pi^E", "Sin(10^26)", "Tanh(3/10)", "10^16*Pi+1/3"}) {
            Scalar s = Scalar.parseExact(accepted);
            BigDecimal reference = Symja.numeric(accepted, 40);
            Interval e = s.enclosure();
            BigDecimal slack = reference.abs().max(BigDecimal.ONE).scaleByPowerOfTen(-35);
            assertTrue(new BigDecimal(e.lo()).subtract(slack).compareTo(reference) <= 0
                    && reference.compareTo(new BigDecimal(e.hi()).add(slack)) <= 0, accepted + ": " + e + " vs " + reference);
        }
    }

    @Test
    void powersBeyondTheSizeBudgetAreRefusedBeforeAnythingIsComputed() {
        for (String huge : new String[] {"2^(10^9)", "2^(-10^9)", "Pi^Pi^Pi^Pi", "10^(10^5)", "(1/3)^(10^6)"}) {
            long start = System.nanoTime();
            ScalarFormatException e = assertThrows(ScalarFormatException.class, () -> Scalar.parseExact(huge), huge);
            assertTrue(e.getMessage().contains("budget"), e.getMessage());
            assertTrue(System.nanoTime() - start < 30_000_000_000L, huge + " took too long");
        }
        assertEquals(0, Scalar.parseExact("2^100").compareValue(Scalar.parseExact("1267650600228229401496703205376")));
        Scalar.parseExact("(3/2)^1000");
    }

    @Test
    void functionsOfHugeArgumentsAreValidConstantsEnclosedRigorously() {
        // sin(10^100) = -0.37237612366127668826208669555316429572…, tanh(10^100) = 1 − 2e^(−2·10^100)
        Interval sin = Scalar.parseExact("Sin(10^100)").enclosure();
        BigDecimal sinValue = new BigDecimal("-0.37237612366127668826208669555316429572");
        assertTrue(new BigDecimal(sin.lo()).compareTo(sinValue) <= 0 && sinValue.compareTo(new BigDecimal(sin.hi())) <= 0,
                sin.toString());
        Scalar tanh = Scalar.parseExact("Tanh(10^100)");
        assertTrue(tanh.enclosure().hi() == 1.0 && tanh.enclosure().lo() >= Math.nextDown(1.0), tanh.enclosure().toString());
        // to 60 digits tanh(10^100) rounds to 1 (Symja's N overflows on it)
        assertEquals(0, ((Symbolic) tanh).toBigDecimal(60).compareTo(BigDecimal.ONE));
    }

    @Test
    void aValidConstantTooCostlyToEvaluateIsRefusedNamingTheTimeLimit() {
        // Sin(10^20000) needs π to 20,000 digits: far more than 50 ms on any machine
        ScalarFormatException e = assertThrows(ScalarFormatException.class, () -> Symbolic.parse("Sin(10^20000)", 50));
        assertTrue(e.getMessage().contains("limit of 0.05 s"), e.getMessage());
    }

    @Test
    void numbersBeyondTheDigitBudgetAreRefusedWithAShortenedValue() {
        for (String huge : new String[] {"1." + "3".repeat(100_000), "7".repeat(40_000), "1/" + "9".repeat(40_000),
            "1e40000", "1e-40000", "2.5e-2147483648", "1e99999999999"}) {
            ScalarFormatException e = assertThrows(ScalarFormatException.class, () -> Scalar.parseExact(huge));
            assertTrue(e.getMessage().contains("budget") && e.getMessage().length() < 300, e.getMessage());
        }
        assertEquals(30_000, Scalar.parseExact("1" + "0".repeat(29_999)).toText().length());
    }
}
