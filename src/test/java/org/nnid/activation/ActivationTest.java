package org.nnid.activation;

import org.nnid.activation.Activation;
import org.nnid.activation.Activations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import org.apache.commons.math3.fraction.BigFraction;
import org.junit.jupiter.api.Test;
import org.nnid.scalar.Interval;
import org.nnid.scalar.IntervalTest;
import org.nnid.scalar.IntervalTest.HighPrecision;

class ActivationTest {

    private static final MathContext MC = HighPrecision.MC;
    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    private static List<Activation> all() {
        List<Activation> list = new ArrayList<>();
        for (String name : Activations.names()) {
            list.add(Activations.byName(name));
        }
        list.add(Activations.leakyRelu(new BigFraction(1, 3)));
        list.add(Activations.leakyRelu(new BigFraction(1, 2)));
        return list;
    }

    @Provide
    Arbitrary<Activation> activations() {
        return Arbitraries.of(all());
    }

    @Provide
    Arbitrary<Interval> intervals() {
        Arbitrary<Double> centre = Arbitraries.oneOf(
                Arbitraries.doubles().between(-3, 3).ofScale(12),
                Arbitraries.doubles().between(-40, 40).ofScale(10),
                Arbitraries.doubles().between(-1000, 1000).ofScale(6));
        Arbitrary<Double> width = Arbitraries.oneOf(Arbitraries.just(0.0),
                Arbitraries.integers().between(-30, 3).map(e -> Math.pow(2, e)),
                Arbitraries.doubles().between(0, 10).ofScale(6));
        return Combinators.combine(centre, width).as((c, w) -> Interval.of(c - w / 2, Math.max(c - w / 2, c + w / 2)));
    }

    // ---------------------------------------------------------------- reference values

    private static BigDecimal logistic(BigDecimal x) {
        return BigDecimal.ONE.divide(BigDecimal.ONE.add(HighPrecision.exp(x.negate())), MC);
    }

    /** ρ(x) to ~60 digits, when it can be computed quickly at x. */
    static Optional<BigDecimal> reference(Activation rho, double xd) {
        BigDecimal x = new BigDecimal(xd);
        double ax = Math.abs(xd);
        BigDecimal r = switch (rho.name()) {
            case "tanh" -> ax <= 400 ? HighPrecision.tanh(x) : null;
            case "logistic" -> ax <= 400 ? logistic(x) : null;
            case "arctan" -> HighPrecision.atan(x);
            case "erf" -> ax <= 8 ? HighPrecision.erf(x) : null;
            case "sin" -> ax <= 1e6 ? HighPrecision.sin(x) : null;
            case "cos" -> ax <= 1e6 ? HighPrecision.cos(x) : null;
            case "relu" -> x.max(BigDecimal.ZERO);
            case "leaky_relu" -> {
                BigFraction s = ((Activations.LeakyRelu) rho).slope();
                if (x.signum() >= 0) yield x;
                BigDecimal num = x.multiply(new BigDecimal(s.getNumerator())), den = new BigDecimal(s.getDenominator());
                try {
                    yield num.divide(den); // exact when it terminates (the bound may then be this very value)
                } catch (ArithmeticException nonTerminating) {
                    yield num.divide(den, MC);
                }
            }
            case "abs" -> x.abs();
            case "exp" -> ax <= 400 ? HighPrecision.exp(x) : null;
            case "softplus" -> ax <= 400 ? x.max(BigDecimal.ZERO).add(HighPrecision.log1p(HighPrecision.exp(x.abs().negate()))) : null;
            case "gelu" -> ax <= 11 ? x.multiply(BigDecimal.ONE.add(HighPrecision.erf(x.divide(TWO.sqrt(MC), MC)))).divide(TWO) : null;
            case "silu" -> ax <= 400 ? x.multiply(logistic(x)) : null;
            case "square" -> x.multiply(x);
            case "cube" -> x.pow(3);
            case "identity" -> x;
            case "hardtanh" -> x.max(BigDecimal.ONE.negate()).min(BigDecimal.ONE);
            case "meromorphic" -> ax <= 1e6
                    ? x.add(HighPrecision.sin(x).divide(TWO.add(HighPrecision.cos(x)), MC)) : null;
            default -> throw new AssertionError("no reference for " + rho.name());
        };
        return Optional.ofNullable(r);
    }

    // ---------------------------------------------------------------- soundness and accuracy

    @Property(tries = 1500)
    void intervalExtensionContainsTheValueAtEveryPointOfTheInterval(
            @ForAll("activations") Activation rho, @ForAll("intervals") Interval t, @ForAll @DoubleRange(min = 0, max = 1) double u) {
        Interval enc = rho.apply(t);
        double x = Math.min(t.hi(), Math.max(t.lo(), t.lo() + u * (t.hi() - t.lo())));
        // Among subnormal values rounding steps are absolute (and e.g. silu multiplies them by |t|),
        // so enclosures of a point and of an interval around it may disagree below 1e-300; soundness
        // there is still checked against the exact values below.
        Interval encPlus = Interval.of(enc.lo() - 1e-300, enc.hi() + 1e-300);
        for (double p : new double[] {t.lo(), x, t.hi()}) {
            Interval at = rho.apply(Interval.point(p));
            assertTrue(encPlus.contains(at), () -> rho + t.toString() + " = " + enc + " misses " + rho + "(" + p + ") = " + at);
            Optional<BigDecimal> ref = reference(rho, p);
            ref.ifPresent(r -> {
                assertTrue(IntervalTest.encloses(at, r),
                        () -> rho + "(" + p + ") = " + at + " misses the exact value " + r.round(MathContext.DECIMAL64));
                assertTrue(IntervalTest.encloses(enc, r),
                        () -> rho + t.toString() + " = " + enc + " misses the exact value at " + p + ": " + r.round(MathContext.DECIMAL64));
            });
        }
    }

    @Property(tries = 1000)
    void doubleEvaluationIsAccurate(@ForAll("activations") Activation rho, @ForAll("intervals") Interval t) {
        double x = t.mid();
        double d = rho.apply(x);
        assertFalse(Double.isNaN(d), () -> rho + "(" + x + ") is NaN");
        reference(rho, x).ifPresent(r -> {
            double err = Math.abs(r.subtract(new BigDecimal(d)).doubleValue());
            assertTrue(err <= 1e-13 * Math.abs(r.doubleValue()) + 1e-300, () -> rho + "(" + x + ") = " + d + ", exact " + r.round(MathContext.DECIMAL64));
        });
    }

    @Property(tries = 1000)
    void pointEnclosuresAreTight(@ForAll("activations") Activation rho, @ForAll @DoubleRange(min = -30, max = 30) double x) {
        Interval at = rho.apply(Interval.point(x));
        double scale = Math.max(Math.abs(at.lo()), Math.abs(at.hi()));
        // erfc's margin grows like x² (see Interval.erfc), hence the factor for gelu's tail.
        assertTrue(at.width() <= 1e-12 * Math.max(1, x * x) * scale + 1e-300, () -> rho + "(" + x + ") = " + at);
    }

    @Test
    void unimodalFunctionsHaveTightEnclosuresAcrossTheirMinimum() {
        // gelu's minimum is ≈ −0.169971 at t ≈ −0.7518; silu's is ≈ −0.278465 at t ≈ −1.2785.
        Interval g = Activations.byName("gelu").apply(Interval.of(-10, 10));
        assertTrue(g.lo() <= -0.16997 && g.lo() > -0.1701 && g.hi() >= 10 && g.hi() < 10 + 1e-9, g::toString);
        Interval s = Activations.byName("silu").apply(Interval.of(-10, 10));
        assertTrue(s.lo() <= -0.27846 && s.lo() > -0.2786 && s.hi() >= 9.9995 && s.hi() < 10, s::toString);
        // Entirely on one side of the minimum: the endpoint values.
        Interval left = Activations.byName("gelu").apply(Interval.of(-3, -1));
        // gelu(−1) = −0.158655253931457051…, gelu(−3) = −0.004049694094890283…; difference 0.1546055598…
        assertTrue(left.contains(-0.15865525393145705) && left.contains(-0.0040496940948902836) && left.width() < 0.15460556,
                left::toString);
    }

    @Test
    void criticalPointBracketsHaveDerivativesOfOppositeSigns() {
        // gelu'(t) = Φ(t) + t·φ(t) with Φ(t) = (1 + erf(t/√2))/2 and φ(t) = e^{−t²/2}/√(2π).
        BigDecimal sqrt2 = TWO.sqrt(MC), sqrt2pi = TWO.multiply(HighPrecision.PI).sqrt(MC);
        java.util.function.Function<Double, BigDecimal> gelu1 = td -> {
            BigDecimal t = new BigDecimal(td);
            BigDecimal cdf = BigDecimal.ONE.add(HighPrecision.erf(t.divide(sqrt2, MC))).divide(TWO);
            BigDecimal pdf = HighPrecision.exp(t.multiply(t).divide(TWO).negate()).divide(sqrt2pi, MC);
            return cdf.add(t.multiply(pdf));
        };
        // silu'(t) = σ(t)·(1 + t·σ(−t)): the sign is that of 1 + t·σ(−t).
        java.util.function.Function<Double, BigDecimal> silu1 = td -> {
            BigDecimal t = new BigDecimal(td);
            return BigDecimal.ONE.add(t.multiply(logistic(t.negate())));
        };
        assertEquals(-1, gelu1.apply(Activations.GELU_CRIT_LO).signum());
        assertEquals(1, gelu1.apply(Activations.GELU_CRIT_HI).signum());
        assertEquals(-1, silu1.apply(Activations.SILU_CRIT_LO).signum());
        assertEquals(1, silu1.apply(Activations.SILU_CRIT_HI).signum());
    }

    @Test
    void infiniteEndpointsGiveLimitsNotNaN() {
        double inf = Double.POSITIVE_INFINITY;
        for (Activation rho : all()) {
            for (Interval t : List.of(Interval.ENTIRE, Interval.of(-inf, 0), Interval.of(0, inf), Interval.of(-inf, -5),
                    Interval.point(inf), Interval.point(-inf))) {
                Interval r = rho.apply(t); // the constructor would reject NaN bounds
                assertTrue(r.contains(rho.apply(Interval.point(t.mid()))), () -> rho + t.toString() + " = " + r);
            }
            if (!rho.name().equals("sin") && !rho.name().equals("cos")) {
                assertFalse(Double.isNaN(rho.apply(inf)), rho::toString);
                assertFalse(Double.isNaN(rho.apply(-inf)), rho::toString);
            }
        }
        assertEquals(-1.0, Activations.byName("tanh").apply(Interval.of(-inf, 0)).lo());
        assertEquals(Interval.of(-1, 1), Activations.byName("tanh").apply(Interval.ENTIRE));
        assertEquals(0.0, Activations.byName("logistic").apply(Interval.of(-inf, 0)).lo());
        assertEquals(1.0, Activations.byName("logistic").apply(Interval.of(0, inf)).hi());
        assertEquals(0.0, Activations.byName("softplus").apply(Interval.of(-inf, 0)).lo());
        assertEquals(0.0, Activations.byName("silu").apply(Interval.of(-inf, -5)).hi());
        assertEquals(0.0, Activations.byName("gelu").apply(Interval.of(-inf, -5)).hi());
        assertEquals(-inf, Activations.byName("meromorphic").apply(Interval.of(-inf, 0)).lo());
        assertEquals(Interval.of(-1, 1), Activations.byName("hardtanh").apply(Interval.ENTIRE));
    }

    // ---------------------------------------------------------------- known values

    private static Activation rho(String name) {
        return Activations.byName(name);
    }

    private static void assertExact(double expected, String name, double t) {
        assertEquals(expected, rho(name).apply(t), name + "(" + t + ")");
        assertTrue(rho(name).apply(Interval.point(t)).contains(expected), name + "(" + t + ") enclosure");
    }

    @Test void tanhKnownValues() { assertExact(0, "tanh", 0); assertEquals(Interval.point(0), rho("tanh").apply(Interval.point(0)));
        assertExact(1, "tanh", 40); assertExact(-1, "tanh", -40); }
    @Test void logisticKnownValues() { assertExact(0.5, "logistic", 0); assertExact(1, "logistic", 800); assertExact(0, "logistic", -800); }
    @Test void arctanKnownValues() { assertExact(0, "arctan", 0); assertExact(Math.PI / 4, "arctan", 1); }
    @Test void erfKnownValues() { assertExact(0, "erf", 0); assertExact(1, "erf", 10); assertExact(-1, "erf", -10);
        assertEquals(1e-200 * 1.1283791670955126, rho("erf").apply(1e-200)); }
    @Test void sinKnownValues() { assertExact(0, "sin", 0); assertExact(1, "sin", Math.PI / 2); }
    @Test void cosKnownValues() { assertExact(1, "cos", 0); assertExact(-1, "cos", Math.PI); }
    @Test void reluKnownValues() { assertExact(0, "relu", -3); assertExact(2.5, "relu", 2.5); assertExact(0, "relu", 0); }
    @Test void leakyReluKnownValues() { assertExact(-0.03, "leaky_relu", -3); assertExact(2.5, "leaky_relu", 2.5);
        Interval r = rho("leaky_relu").apply(Interval.point(-100));
        assertTrue(r.contains(-1) && !r.isPoint(), r::toString); } // 1/100 is not a double: the bound is rigorous
    @Test void absKnownValues() { assertExact(3, "abs", -3); assertExact(0, "abs", 0); }
    @Test void expKnownValues() { assertExact(1, "exp", 0); assertExact(Math.E, "exp", 1); assertExact(Double.POSITIVE_INFINITY, "exp", 1000); }
    @Test void softplusKnownValues() { assertExact(Math.log(2), "softplus", 0); assertExact(1000, "softplus", 1000); assertExact(0, "softplus", -1000); }
    @Test void geluKnownValues() { assertExact(0, "gelu", 0); assertExact(10, "gelu", 10);
        assertEquals(-7.619853024160526e-23, rho("gelu").apply(-10), 1e-36); } // the erfc form keeps the tail
    @Test void siluKnownValues() { assertExact(0, "silu", 0); assertExact(1000, "silu", 1000); assertExact(-0.0, "silu", -1000); }
    @Test void squareKnownValues() { assertExact(9, "square", -3); assertEquals(Interval.of(0, 9), rho("square").apply(Interval.of(-3, 2))); }
    @Test void cubeKnownValues() { assertExact(-27, "cube", -3); assertEquals(Interval.of(-27, 8), rho("cube").apply(Interval.of(-3, 2))); }
    @Test void identityKnownValues() { assertExact(-3, "identity", -3); assertEquals(Interval.of(-3, 2), rho("identity").apply(Interval.of(-3, 2))); }
    @Test void hardtanhKnownValues() { assertExact(-1, "hardtanh", -3); assertExact(0.5, "hardtanh", 0.5); assertExact(1, "hardtanh", 7); }
    @Test void meromorphicKnownValues() { assertExact(0, "meromorphic", 0); assertExact(Math.PI, "meromorphic", Math.PI);
        assertExact(-Math.PI, "meromorphic", -Math.PI); }

    // ---------------------------------------------------------------- registry

    @Test
    void unknownActivationNamesTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Activations.byName("foo"));
        assertTrue(e.getMessage().startsWith("unknown activation 'foo' (known: "), e.getMessage());
        for (String name : Activations.names()) {
            assertTrue(e.getMessage().contains(name), name);
        }
    }

    @Test
    void namesAreSortedCanonicalAndRoundTrip() {
        List<String> names = Activations.names();
        assertEquals(18, names.size());
        assertEquals(names.stream().sorted().toList(), names);
        for (String name : names) {
            assertEquals(name, Activations.byName(name).name());
        }
        assertTrue(names.containsAll(List.of("tanh", "logistic", "leaky_relu", "meromorphic", "gelu", "silu")));
    }

    @Test
    void lookupIgnoresCaseButNotAliasesWhichAreTheTheoryFiles() {
        assertSame(Activations.byName("tanh"), Activations.byName(" TANH "));
        assertSame(Activations.byName("logistic"), Activations.byName("Logistic"));
        assertThrows(IllegalArgumentException.class, () -> Activations.byName("sigmoid")); // io.NonlinearitiesTest
    }

    @Test
    void slopeEnclosuresAreWhereTheCheckerUsesThem() {
        Interval t = Interval.of(-1, 2);
        for (String name : List.of("identity", "relu", "tanh", "logistic")) {
            Interval s = Activations.byName(name).slopes(t).orElseThrow();
            // every divided difference of two points of t lies in the enclosure
            double a = -0.75, b = 1.5;
            double q = (Activations.byName(name).apply(b) - Activations.byName(name).apply(a)) / (b - a);
            assertTrue(s.lo() <= q && q <= s.hi(), name + ": " + q + " outside " + s);
        }
        assertEquals(Interval.of(0, 1), Activations.byName("relu").slopes(t).orElseThrow());
        assertTrue(Activations.byName("sin").slopes(t).isEmpty());
        assertTrue(Activations.byName("leaky_relu").slopes(t).isEmpty());
    }

    @Test
    void leakyReluIsIdentifiedByItsSlope() {
        Activation a = Activations.byName("leaky_relu");
        assertEquals(Activations.leakyRelu(new BigFraction(1, 100)), a);
        assertEquals(Activations.leakyRelu(new BigFraction(2, 200)), a);
        assertEquals(Activations.leakyRelu(new BigFraction(2, 200)).hashCode(), a.hashCode());
        assertNotEquals(Activations.leakyRelu(new BigFraction(1, 3)), a);
        assertEquals(Map.of("slope", "1/100"), a.parameters());
        assertEquals("Max(1/100*t,t)", a.symja());
        assertEquals("leaky_relu", a.name());
        assertEquals(Map.of(), Activations.byName("tanh").parameters());
        assertThrows(IllegalArgumentException.class, () -> Activations.leakyRelu(BigFraction.ZERO));
        assertThrows(IllegalArgumentException.class, () -> Activations.leakyRelu(BigFraction.ONE));
        assertThrows(IllegalArgumentException.class, () -> Activations.leakyRelu(new BigFraction(-1, 2)));
    }

    @Test
    void symjaExpressionsAreTheDefinitions() {
        Map<String, String> expected = Map.ofEntries(
                Map.entry("tanh", "Tanh(t)"), Map.entry("logistic", "1/(1+Exp(-t))"), Map.entry("arctan", "ArcTan(t)"),
                Map.entry("erf", "Erf(t)"), Map.entry("sin", "Sin(t)"), Map.entry("cos", "Cos(t)"),
                Map.entry("relu", "Max(0,t)"), Map.entry("leaky_relu", "Max(1/100*t,t)"), Map.entry("abs", "Abs(t)"),
                Map.entry("exp", "Exp(t)"), Map.entry("softplus", "Log(1+Exp(t))"),
                Map.entry("gelu", "t*(1+Erf(t/Sqrt(2)))/2"), Map.entry("silu", "t/(1+Exp(-t))"),
                Map.entry("square", "t^2"), Map.entry("cube", "t^3"), Map.entry("identity", "t"),
                Map.entry("hardtanh", "Max(-1,Min(1,t))"), Map.entry("meromorphic", "t+Sin(t)/(2+Cos(t))"));
        assertEquals(expected.keySet(), new java.util.HashSet<>(Activations.names()));
        expected.forEach((name, symja) -> assertEquals(symja, Activations.byName(name).symja(), name));
    }

    @Test
    void applyInPlaceAppliesOnTheRange() {
        double[] v = {-1, 0, 2, -3};
        Activations.byName("relu").applyInPlace(v, 1, 4);
        assertArrayEquals(new double[] {-1, 0, 2, 0}, v);
    }
}
