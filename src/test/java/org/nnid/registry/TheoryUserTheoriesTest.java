package org.nnid.registry;

import org.nnid.theory.NullFreeness;

import org.nnid.theory.Theory;

import org.nnid.activation.DefinedActivation;
import org.nnid.activation.Formula;
import org.nnid.registry.TheoryRegistry;
import org.nnid.registry.VerificationReport;
import org.nnid.registry.VerifiedTheory;

import org.nnid.activation.PiecewiseLinear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnid.net.Evaluator;
import org.nnid.net.Network;
import org.nnid.scalar.Interval;
import org.nnid.scalar.Rational;
import org.nnid.scalar.Scalar;
import org.nnid.registry.VerificationReport.Kind;
import org.nnid.registry.VerificationReport.Status;

/**
 * User theories from any Symja-definable function: read, verified, evaluated from the definition
 * (doubles, and intervals where nnid can enclose every function soundly), and networks of them.
 * Also the formula language and the exact piecewise-linear functions behind docs/math.md §6.
 */
class TheoryUserTheoriesTest {

    private static final String ODD = """
            name: odd
            definition: t + t^3/3
            symmetries: [[-1, 0, -1, 0]]
            normal_form: {rule: flip_first_significant, flip: [-1, 0, -1, 0]}
            """;

    @Test
    void aCorrectUserTheoryLoadsAndEvaluatesFromItsDefinition(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("odd.theory");
        Files.writeString(file, ODD);
        TheoryRegistry r = TheoryFixtures.BUILTINS.withVerified(file, TheoryVerifier.Options.defaults());
        Theory t = r.get("odd");
        assertFalse(t.builtin());
        assertEquals(12.0, t.activation().apply(3.0));
        assertTrue(t.activation().apply(Interval.point(0.1)).contains(0.1 + 0.001 / 3));
        assertEquals(Status.PROVED_SYMBOLICALLY, r.verify(t, TheoryVerifier.Options.defaults())
                .facts(Kind.SYMMETRY).get(0).status());
    }

    @Test
    void networksOfAUserTheoryAreReadThroughTheRegistry(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("odd.theory");
        Files.writeString(file, ODD);
        TheoryRegistry r = TheoryFixtures.BUILTINS.withFile(file);
        Path net = dir.resolve("net.json");
        Files.writeString(net, """
                {"format": "nnid-network/1", "activation": "odd", "inputs": 1,
                 "layers": [{"weights": [["2"]], "bias": ["1"]}, {"weights": [["3"]], "bias": ["0"]}]}
                """);
        Network n = r.readNetwork(net);
        assertEquals("odd", n.activation().name());
        // 3·ρ(2·1 + 1) = 3·(3 + 9) = 36
        assertEquals(36.0, Evaluator.evaluate(n, new double[] {1})[0]);
        assertTrue(Evaluator.enclose(n, new double[] {1})[0].contains(36.0));
        Path unknown = dir.resolve("unknown.json");
        Files.writeString(unknown, Files.readString(net).replace("\"odd\"", "\"nosuch\""));
        var e = assertThrows(org.nnid.io.NetworkFormatException.class, () -> r.readNetwork(unknown));
        assertTrue(e.getMessage().startsWith(unknown + ": activation: unknown activation 'nosuch'"), e.getMessage());
    }

    @Test
    void aUserTheoryCarriesItsOwnNullNetwork() {
        String net = """
                {"format": "nnid-network/1", "activation": "ramp", "inputs": 1,
                 "layers": [{"weights": [["1"], ["-1"], ["1"], ["-1"]], "bias": ["0", "0", "1", "-1"]},
                            {"weights": [["1", "-1", "-1", "1"]], "bias": ["1"]}]}
                """;
        Theory t = TheoryFixtures.parse("""
                name: ramp
                definition: (t + Abs(t))/2
                symmetries:
                  - element: [lambda, 0, lambda, 0]
                    parameters: {lambda: real}
                    condition: lambda > 0
                normal_form: {rule: scale_first_significant, element: [lambda, 0, lambda, 0], scale: lambda, sign: positive}
                null_free: {status: refuted, null_networks: [shift.json]}
                """, "ramp.theory", Map.of("shift.json", net));
        VerificationReport r = TheoryFixtures.verify(t);
        assertTrue(r.allReliable(), r.facts().toString());
        assertEquals(Status.PROVED_EXACTLY, r.facts(Kind.NULL_NETWORK).get(0).status());
        assertEquals(NullFreeness.Status.REFUTED, new VerifiedTheory(t, r).nullFreeness());
    }

    @Test
    void aDefinitionWithoutARigorousIntervalVersionCannotGiveWitnesses() {
        Theory t = TheoryFixtures.parse("name: tangent\ndefinition: Tan(t)/10 + t\n", "tangent.theory");
        DefinedActivation a = (DefinedActivation) t.activation();
        assertFalse(a.hasIntervalExtension());
        assertEquals(Math.tan(0.5) / 10 + 0.5, a.apply(0.5), 1e-15);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> a.apply(Interval.point(0.5)));
        assertTrue(e.getMessage().contains("cannot be used for rigorous witnesses"), e.getMessage());
    }

    @Test
    void aFunctionOnlySymjaKnowsIsEvaluatedBySymja() {
        Theory t = TheoryFixtures.parse("name: gd\ndefinition: Gudermannian(t)\nsymmetries: [[-1, 0, -1, 0]]\n",
                "gd.theory");
        assertEquals(2 * Math.atan(Math.tanh(0.35)), t.activation().apply(0.7), 1e-14);
        VerificationReport r = TheoryFixtures.verify(t);
        assertTrue(r.passed(), r.facts().toString());
    }

    @Test
    void parametersAreSubstitutedAndChecked() {
        Theory t = TheoryFixtures.parse("""
                name: scaled
                definition: Tanh(k*t)
                parameters:
                  k: {default: 2, condition: k > 0}
                symmetries: [[-1, 0, -1, 0]]
                """, "scaled.theory");
        assertEquals(Math.tanh(1.0), t.activation().apply(0.5), 1e-16);
        Theory three = t.withParameters(Map.of("k", Rational.of(3)));
        assertEquals(Math.tanh(1.5), three.activation().apply(0.5), 1e-16);
        assertThrows(IllegalArgumentException.class, () -> t.withParameters(Map.of("k", Rational.of(-1))));
        assertThrows(IllegalArgumentException.class, () -> t.withParameters(Map.of("q", Rational.of(1))));
    }

    // ------------------------------------------------------------------------------ formulas

    @Test
    void formulasEvaluateInDoublesExactlyAndInIntervals() {
        Formula f = Formula.parse("Max(0, t) - 2^-1*Abs(t) + (-1)^k");
        assertEquals(0.5 + 1, f.evaluate(Map.of("t", 1.0, "k", 2.0)));
        assertEquals(Scalar.of(-3, 2), f.evaluateExact(Map.of("t", Rational.of(-1), "k", Rational.of(1))));
        assertTrue(f.enclose(Map.of("t", Interval.point(1), "k", Interval.point(2))).orElseThrow().contains(1.5));
        assertEquals("0 < s < 1", Formula.parse("0 < s < 1").toString());
        assertTrue(Formula.parse("0 < s < 1").holds(Map.of("s", Scalar.of(1, 3))));
        assertFalse(Formula.parse("0 < s < 1").holds(Map.of("s", Rational.of(1))));
        var e = assertThrows(IllegalArgumentException.class, () -> Formula.parse("Sin(t"));
        assertEquals("expected ')' or ',' at position 6 of 'Sin(t'", e.getMessage());
    }

    @Test
    void formulasRenderForSymjaAndSubstitute() {
        Formula f = Formula.parse("-t^2 + 1/3*x");
        assertEquals("((-(t^2))+((1/3)*x))", f.toSymja());
        Formula g = f.substitute("x", Formula.parse("t+1"));
        assertEquals(java.util.Set.of("t"), g.variables());
        assertEquals(-4 + 1.0, g.evaluate(2.0), 1e-15);
    }

    // ------------------------------------------------------------------------------ piecewise linear

    private static PiecewiseLinear pl(String formula) {
        return Formula.parse(formula).toPiecewiseLinear("t", Map.of()).orElseThrow();
    }

    @Test
    void piecewiseLinearFormsDecideMath6ExamplesExactly() {
        PiecewiseLinear relu = pl("Max(0,t)");
        PiecewiseLinear x = PiecewiseLinear.identity();
        // E11: relu(x) − relu(−x) and relu(x+1) − relu(−x−1) − 1 are the same function.
        PiecewiseLinear a = relu.compose(x).plus(relu.compose(x.times(Rational.of(-1))).times(Rational.of(-1)));
        PiecewiseLinear b = relu.compose(x.plus(Scalar.ONE))
                .plus(relu.compose(x.times(Rational.of(-1)).plus(Rational.of(-1))).times(Rational.of(-1)))
                .plus(Rational.of(-1));
        assertTrue(a.plus(b.times(Rational.of(-1))).isZero());
        // E12: relu(relu(x)) = relu(x), and relu(−relu(x) − 1) ≡ 0.
        assertTrue(relu.compose(relu).plus(relu.times(Rational.of(-1))).isZero());
        assertTrue(relu.compose(relu.times(Rational.of(-1)).plus(Rational.of(-1))).isZero());
        assertFalse(relu.isZero());
        assertEquals(java.util.List.of(Rational.of(-1), Rational.of(1)), pl("Max(-1,Min(1,t))").kinks());
        assertTrue(pl("2*t - 3").isAffine());
        assertTrue(Formula.parse("Sin(t)").toPiecewiseLinear("t", Map.of()).isEmpty());
    }
}
