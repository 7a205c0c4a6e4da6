package org.nnid.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nnid.net.Evaluator;
import org.nnid.net.Examples;
import org.nnid.net.Layer;
import org.nnid.net.Network;
import org.nnid.scalar.Scalar;
import org.nnid.testing.NetworkArbitraries;
import org.nnid.activation.Activation;
import org.nnid.activation.Activations;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Networks as closed-form expressions and back (docs/math.md §1). */
class NetworkExpressionsTest {

    static Scalar q(long p, long r) {
        return Scalar.of(p, r);
    }

    /** docs/math.md E1's N₁ with exact weights: W1=[[1],[2]], b1=[1/2,−1], W2=[[3,−1]], b2=[1/4]. */
    static Network e1(String activation) {
        return Network.layered(Activations.byName(activation), 1, List.of(
                Layer.of(new Scalar[][] {{q(1, 1)}, {q(2, 1)}}, new Scalar[] {q(1, 2), q(-1, 1)}),
                Layer.of(new Scalar[][] {{q(3, 1), q(-1, 1)}}, new Scalar[] {q(1, 4)})), false);
    }

    /** The largest difference of the two networks' first outputs over random points of [-3, 3]^m. */
    static double maxDifference(Network a, Network b, long seed) {
        Random random = new Random(seed);
        double worst = 0;
        for (int trial = 0; trial < 25; trial++) {
            double[] x = new double[a.inputCount()];
            for (int i = 0; i < x.length; i++) {
                x[i] = random.nextDouble() * 6 - 3;
            }
            double[] ya = Evaluator.evaluate(a, x);
            double[] yb = Evaluator.evaluate(b, x);
            for (int k = 0; k < ya.length; k++) {
                worst = Math.max(worst, Math.abs(ya[k] - yb[k]) / (1 + Math.abs(ya[k])));
            }
        }
        return worst;
    }

    static Network roundTrip(Network n) {
        return NetworkExpressions.fromSymja(NetworkExpressions.toSymja(n), n.activation(), n.inputNames());
    }

    // ------------------------------------------------------------------ writing

    @Test
    void e1IsWrittenAsTheTextbookExpression() {
        assertEquals(List.of("3*Tanh(x1+1/2) - Tanh(2*x1-1) + 1/4"), NetworkExpressions.toSymja(e1("tanh")));
        assertEquals(List.of("3*Max(0,x1+1/2) - Max(0,2*x1-1) + 1/4"), NetworkExpressions.toSymja(e1("relu")));
        assertEquals(List.of("3*(1/(1+Exp(-(x1+1/2)))) - 1/(1+Exp(-(2*x1-1))) + 1/4"),
                NetworkExpressions.toSymja(e1("logistic")));
    }

    @Test
    void aNonAtomicDefinitionIsParenthesisedUnderAMinus() {
        // -ρ(p) for ρ(t) = t + sin t/(2 + cos t) must negate both summands.
        String s = NetworkExpressions.toSymja(e1("meromorphic")).get(0);
        assertTrue(s.contains(" - ((2*x1-1)+Sin(2*x1-1)/(2+Cos(2*x1-1)))"), s);
    }

    @Test
    void sharedNodesAreRepeatedInTheTree() {
        // E7: layer-1 nodes feed two layer-2 nodes, so tanh(x) appears in both.
        String s = NetworkExpressions.toSymja(Examples.e7()).get(0);
        assertEquals("2*Tanh(Tanh(x1)-Tanh(x1)+3/10) + Tanh(Tanh(x1)+Tanh(2*x1-1)) - 1/2", s);
    }

    @Test
    void outputActivationIsAppliedWhenFlagged() {
        assertEquals("Tanh(3*Tanh(x1+1/2) - Tanh(2*x1-1) + 1/4)",
                NetworkExpressions.toSymja(e1("tanh").withOutputActivation(true), 0));
    }

    @Test
    void doublesAreWrittenSoThatSymjaReadsBackTheSameDouble() {
        double[] weights = {0.1, -2.5e-3, 1.2345678901234567e-300, 123456789.125, 1.0 / 3};
        Map<String, Scalar> in = new LinkedHashMap<>();
        var b = Network.builder(Activations.byName("tanh"), List.of("x1"));
        for (int i = 0; i < weights.length; i++) {
            b.hidden("h" + (i + 1), Scalar.of(i + 0.5), Map.of("x1", Scalar.of(weights[i] * (i + 1))));
            in.put("h" + (i + 1), Scalar.of(weights[i]));
        }
        Network n = b.output("y1", Scalar.of(-0.75), in).build();
        String text = NetworkExpressions.toSymja(n, 0);
        assertTrue(text.contains("*^-300"), text); // Symja would read 1.2e-300 as 1.2·e − 300
        Network back = roundTrip(n);
        // not 0: Symja reorders the terms, and floating-point sums depend on the order
        assertEquals(0.0, maxDifference(n, back, 1), 1e-15);
        // every weight comes back bit for bit, up to the sign flips of Symja's normalisation
        for (int v = back.inputCount(); v < back.nodeCount(); v++) {
            for (Scalar w : back.incoming(v).values()) {
                assertTrue(hasWeight(n, Math.abs(w.toDouble())), w.toText());
            }
        }
    }

    private static boolean hasWeight(Network n, double magnitude) {
        for (int v = n.inputCount(); v < n.nodeCount(); v++) {
            for (Scalar w : n.incoming(v).values()) {
                if (Math.abs(w.toDouble()) == magnitude) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void inputNamesMustBeSymjaIdentifiers() {
        Network n = Network.builder(Activations.byName("tanh"), List.of("input.1"))
                .output("y1", Scalar.ZERO, Map.of("input.1", Scalar.ONE)).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NetworkExpressions.toSymja(n));
        assertTrue(e.getMessage().contains("input.1"));
    }

    @Test
    void expansionOfADeepDenseDagIsRefusedRatherThanExhaustingMemory() {
        double[] w = new double[64];
        java.util.Arrays.fill(w, 0.5);
        List<Layer> layers = new java.util.ArrayList<>();
        layers.add(Layer.of(8, 1, new double[] {1, 2, 3, 4, 5, 6, 7, 8}, new double[8]));
        for (int l = 0; l < 11; l++) {
            layers.add(Layer.of(8, 8, w, new double[8]));
        }
        layers.add(Layer.of(1, 8, new double[] {1, 1, 1, 1, 1, 1, 1, 1}, new double[1]));
        Network deep = Network.layered(Activations.byName("tanh"), 1, layers, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NetworkExpressions.toSymja(deep));
        assertTrue(e.getMessage().contains("characters"), e.getMessage());
    }

    @Test
    void toExprIsSymjasEvaluatedForm() {
        // Symja's normalisation: Tanh(2*x1-1) becomes -Tanh(1-2*x1) (NOTES.md).
        assertEquals("1/4+Tanh(1-2*x1)+3*Tanh(1/2+x1)", NetworkExpressions.toExpr(e1("tanh"), 0).toString());
    }

    // ------------------------------------------------------------------ reading

    @Test
    void readingNormalisesLikeSymjaButKeepsTheFunction() {
        Network n = NetworkExpressions.fromSymja(List.of("3*Tanh(x1+1/2) - Tanh(2*x1-1) + 1/4"),
                Activations.byName("tanh"), List.of("x1"));
        assertEquals(2, n.hiddenCount());
        assertEquals(0.0, maxDifference(n, e1("tanh"), 2), 1e-15);
        // The sign flip (−1,0,−1,0) of docs/math.md §2, applied by Symja: tanh(2x−1) is read as −tanh(1−2x).
        int flipped = n.indexOf("h1");
        assertEquals(Map.of(0, Scalar.of(-2)), n.incoming(flipped));
        assertEquals(Scalar.ONE, n.bias(flipped));
        assertEquals(Scalar.ONE, n.incoming(n.outputNode(0)).get(flipped));
    }

    @Test
    void identicalInnerExpressionsBecomeOneSharedNode() {
        Network n = NetworkExpressions.fromSymja(List.of("Tanh(Tanh(x1)+1) + Tanh(2*Tanh(x1))", "Tanh(x1)"),
                Activations.byName("tanh"), List.of("x1"));
        assertEquals(3, n.hiddenCount());
        assertEquals(List.of("y1", "y2"), n.outputIds());
        assertEquals(Map.of(n.indexOf("h1"), Scalar.ONE), n.incoming(n.outputNode(1)));
        double x = 0.3;
        double t = Math.tanh(x);
        assertEquals(Math.tanh(t + 1) + Math.tanh(2 * t), Evaluator.evaluate(n, new double[] {x})[0], 1e-15);
    }

    @Test
    void e7ReadFromItsReducedFormEqualsTheNetwork() {
        // docs/math.md E7: ⟨N⟩ = tanh(tanh(x) + tanh(2x−1)) + 0.0826252249031818, the constant being
        // 2·tanh(0.3) − 0.5 rounded; here it is read as the exact decimal.
        Network reduced = NetworkExpressions.fromSymja(
                List.of("Tanh(Tanh(x1)+Tanh(2*x1-1)) + 826252249031818/10000000000000000"),
                Activations.byName("tanh"), List.of("x1"));
        assertEquals(3, reduced.hiddenCount());
        for (double x = -4; x <= 4; x += 0.25) {
            assertEquals(Evaluator.evaluate(Examples.e7(), new double[] {x})[0],
                    Evaluator.evaluate(reduced, new double[] {x})[0], 1e-15);
        }
        // In high precision the rounded constant shows: they agree to about 16 digits, not 40.
        Network exact = NetworkExpressions.fromSymja(List.of("Tanh(Tanh(x1)+Tanh(2*x1-1)) + 2*Tanh(3/10) - 1/2"),
                Activations.byName("tanh"), List.of("x1"));
        for (Scalar x : new Scalar[] {q(0, 1), q(1, 3), q(-7, 4)}) {
            BigDecimal original = HighPrecisionEvaluator.evaluate(Examples.e7(), new Scalar[] {x}, 40).values()[0];
            BigDecimal rounded = HighPrecisionEvaluator.evaluate(reduced, new Scalar[] {x}, 40).values()[0];
            HighPrecisionEvaluator.Result r = HighPrecisionEvaluator.evaluate(exact, new Scalar[] {x}, 40);
            assertTrue(r.agreedDigits()[0] >= 40);
            assertEquals(0, original.compareTo(r.values()[0]), "exact form at " + x);
            double gap = original.subtract(rounded).abs().doubleValue();
            assertTrue(gap > 1e-20 && gap < 1e-16, "rounded constant at " + x + ": gap " + gap);
        }
    }

    @Property(tries = 25)
    void roundTripKeepsTheFunctionOfExactNetworks(@ForAll("exactNets") Network n) {
        assertEquals(0.0, maxDifference(n, roundTrip(n), 3), 1e-12);
    }

    @Provide
    Arbitrary<Network> exactNets() {
        return NetworkArbitraries.networks().activations("tanh", "sin", "relu").exactWeights()
                .hiddenLayers(1, 2).width(1, 3).inputs(1, 2);
    }

    @Property(tries = 10)
    void roundTripKeepsTheFunctionOfDoubleNetworks(@ForAll("doubleNets") Network n) {
        assertEquals(0.0, maxDifference(n, roundTrip(n), 4), 1e-12);
    }

    @Provide
    Arbitrary<Network> doubleNets() {
        return NetworkArbitraries.networks().activations("tanh", "logistic", "relu").doubleWeights()
                .hiddenLayers(1, 2).width(1, 3).inputs(1, 2);
    }

    @Test
    void skipConnectionsRoundTrip() {
        Activation tanh = Activations.byName("tanh");
        Network n = Network.builder(tanh, List.of("x1", "x2"))
                .hidden("a", q(1, 3), Map.of("x1", q(2, 1), "x2", q(-1, 2)))
                .hidden("b", q(0, 1), Map.of("a", q(3, 2), "x1", q(1, 1)))
                .hidden("c", q(-1, 1), Map.of("b", q(1, 1), "a", q(-2, 1), "x2", q(1, 4)))
                .output("y1", q(1, 5), Map.of("c", q(2, 1), "a", q(1, 1), "x1", q(-1, 3)))
                .output("y2", q(0, 1), Map.of("b", q(1, 1)))
                .build();
        Network back = roundTrip(n);
        assertEquals(3, back.hiddenCount());
        assertEquals(0.0, maxDifference(n, back, 5), 1e-14);
    }

    /** Every built-in definition reads back its own two-layer expressions (E1-like weights plus a second layer). */
    @ParameterizedTest
    @ValueSource(strings = {"tanh", "logistic", "arctan", "erf", "sin", "cos", "relu", "leaky_relu", "abs", "exp",
            "gelu", "silu", "square", "cube", "hardtanh", "meromorphic", "identity"})
    void everyDefinitionReadsBackItsOwnExpressions(String name) {
        Network n = Network.layered(Activations.byName(name), 1, List.of(
                Layer.of(new Scalar[][] {{q(1, 1)}, {q(2, 1)}, {q(-3, 2)}}, new Scalar[] {q(1, 2), q(-1, 1), q(1, 3)}),
                Layer.of(new Scalar[][] {{q(1, 1), q(-1, 1), q(1, 2)}, {q(2, 1), q(0, 1), q(1, 1)}},
                        new Scalar[] {q(3, 10), q(0, 1)}),
                Layer.of(new Scalar[][] {{q(2, 1), q(1, 1)}}, new Scalar[] {q(-1, 2)})), false);
        assertEquals(0.0, maxDifference(n, roundTrip(n), 6), 1e-12);
    }

    @Test
    void oneLayerOfSoftplusReadsBackButNestedSoftplusIsSimplifiedAway() {
        Activation softplus = Activations.byName("softplus");
        assertEquals(0.0, maxDifference(e1("softplus"), roundTrip(e1("softplus")), 7), 1e-14);
        // Symja rewrites E^(2*Log(1+E^x)) as (1+E^x)^2: the nesting is no longer visible.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NetworkExpressions.fromSymja(
                List.of("Log(1+Exp(2*Log(1+Exp(x1))))"), softplus, List.of("x1")));
        assertTrue(e.getMessage().startsWith("cannot read"), e.getMessage());
    }

    @Test
    void closedFormCoefficientsStayExact() {
        Network n = NetworkExpressions.fromSymja(List.of("Sqrt(2)*Tanh(Pi*x1 + 1/3) + Log(2)"),
                Activations.byName("tanh"), List.of("x1"));
        assertTrue(n.isExact());
        assertEquals("Sqrt(2)", n.incoming(n.outputNode(0)).get(n.indexOf("h1")).toText());
        assertEquals(Math.sqrt(2) * Math.tanh(Math.PI * 0.7 + 1.0 / 3) + Math.log(2),
                Evaluator.evaluate(n, new double[] {0.7})[0], 1e-14);
        // and written back, Sqrt(2) is a coefficient again
        assertTrue(NetworkExpressions.toSymja(n, 0).contains("Sqrt(2)*Tanh("), NetworkExpressions.toSymja(n, 0));
    }

    @Test
    void otherShapesAreRefusedWithAReason() {
        Activation tanh = Activations.byName("tanh");
        for (String bad : List.of("x1*Tanh(x1)", "Tanh(x1)^2", "Sin(x1)", "Tanh(z)")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> NetworkExpressions.fromSymja(List.of(bad), tanh, List.of("x1")), bad);
            assertTrue(e.getMessage().contains("as a tanh network") || e.getMessage().contains("coefficient"),
                    e.getMessage());
        }
        assertThrows(IllegalArgumentException.class,
                () -> NetworkExpressions.fromSymja(List.of("Tanh(pi)"), tanh, List.of("pi")));
    }
}
