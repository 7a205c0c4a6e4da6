package org.nnid.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nnid.activation.Activations;
import org.nnid.net.Layer;
import org.nnid.net.Network;
import org.nnid.net.NetworkBuilder;
import org.nnid.scalar.Scalar;

/** LaTeX of networks as they are (issue 16), and text forms of very deep networks (issue 22). */
class NetworkLatexTest {

    private static Network oneUnit(String activation, Scalar weight, Scalar bias) {
        return Network.layered(Activations.byName(activation), 1, List.of(
                Layer.of(new Scalar[][] {{weight}}, new Scalar[] {bias}),
                Layer.of(new Scalar[][] {{Scalar.ONE}}, new Scalar[] {Scalar.ZERO})), false);
    }

    @Test
    void sinOfXPlusTwoPiOverThreeIsWrittenAsItIs() {
        Network n = oneUnit("sin", Scalar.ONE, Scalar.parseExact("2*Pi/3"));
        assertEquals(List.of("\\sin(x_1 + \\tfrac{2\\pi}{3})"), NetworkLatex.outputs(n, 100_000));
    }

    @Test
    void exactWeightsAreFractionsAndTheSignsAreKept() {
        // docs/math.md E1: 3·tanh(x + 1/2) − tanh(2x − 1) + 1/4, not Symja's −tanh(1 − 2x).
        assertEquals(List.of("3 \\tanh(x_1 + \\tfrac{1}{2}) - \\tanh(2 x_1 - 1) + \\tfrac{1}{4}"),
                NetworkLatex.outputs(NetworkExpressionsTest.e1("tanh"), 100_000));
    }

    @Test
    void reluIsAMaximumAndDoublesFollowOneRule() {
        Network n = Network.layered(Activations.byName("relu"), 2, List.of(
                Layer.of(1, 2, new double[] {1.0, -0.1}, new double[] {1e-7}),
                Layer.of(1, 1, new double[] {1234567.0}, new double[] {2.5})), false);
        assertEquals(List.of("1.234567 \\cdot 10^{6} \\max(0, x_1 - 0.1 x_2 + 1 \\cdot 10^{-7}) + 2.5"),
                NetworkLatex.outputs(n, 100_000));
        assertEquals("0.0001", NetworkLatex.decimal(1e-4));
        assertEquals("1.5 \\cdot 10^{-5}", NetworkLatex.decimal(1.5e-5));
        assertEquals("2", NetworkLatex.decimal(2.0));
        assertEquals("123456", NetworkLatex.decimal(123456.0));
    }

    @Test
    void namesGetSubscripts() {
        assertEquals("x_1", NetworkLatex.name("x1"));
        assertEquals("x_{12}", NetworkLatex.name("x12"));
        assertEquals("h_{2,3}", NetworkLatex.name("h2_3"));
        assertEquals("\\mathrm{my\\_unit}", NetworkLatex.name("my_unit"));
    }

    @Test
    void aSumUnderAFactorIsParenthesised() {
        Network square = oneUnit("square", Scalar.of(2), Scalar.ONE);
        assertEquals(List.of("\\left(2 x_1 + 1\\right)^{2}"), NetworkLatex.outputs(square, 100_000));
    }

    /** A chain of width-1 layers, in the layered form or as named nodes (the general form). */
    static Network chain(int depth, boolean layered) {
        if (layered) {
            List<Layer> layers = new ArrayList<>();
            for (int l = 0; l <= depth; l++) {
                layers.add(Layer.of(1, 1, new double[] {0.5}, new double[] {0.25}));
            }
            return Network.layered(Activations.byName("tanh"), 1, layers, false);
        }
        NetworkBuilder b = Network.builder(Activations.byName("relu"), List.of("x1"));
        String previous = "x1";
        for (int l = 0; l < depth; l++) {
            Map<String, Scalar> in = new LinkedHashMap<>();
            in.put(previous, Scalar.of(1, 2));
            b.hidden("n" + l, Scalar.of(1, 4), in);
            previous = "n" + l;
        }
        return b.output("y", Scalar.ZERO, Map.of(previous, Scalar.of(2))).build();
    }

    @Test
    void aHundredThousandLayerChainIsWrittenOneDefinitionPerNodeInBothForms() {
        for (boolean layered : new boolean[] {true, false}) {
            Network n = chain(100_000, layered);
            List<String> tex = NetworkLatex.definitions(n);
            assertEquals(100_001, tex.size());
            List<String> symja = NetworkExpressions.toSymjaDefinitions(n);
            assertEquals(100_001, symja.size());
            String last = symja.get(symja.size() - 1);
            assertTrue(last.startsWith(n.id(n.outputNode(0)) + " = ") && last.contains("*" + symja.get(symja.size() - 2)
                    .substring(0, symja.get(symja.size() - 2).indexOf(' '))), last);
            assertThrows(IllegalArgumentException.class, () -> NetworkExpressions.toSymja(n));
            assertThrows(IllegalArgumentException.class, () -> NetworkLatex.outputs(n, 100_000));
        }
        assertEquals("n1 = Max(0,1/2*n0+1/4)", NetworkExpressions.toSymjaDefinitions(chain(3, false)).get(1));
        assertEquals("h_{2,1} = \\tanh(0.5 h_{1,1} + 0.25)", NetworkLatex.definitions(chain(3, true)).get(1));
    }

    @Test
    void aChainShortEnoughIsWrittenOutWithoutRecursion() {
        String y = NetworkExpressions.toSymja(chain(2_000, false)).get(0);
        assertTrue(y.startsWith("2*Max(0,1/2*Max(0,"), y.substring(0, 40));
        assertEquals(2_000, NetworkLatex.outputs(chain(2_000, true), 1_000_000).get(0).split("tanh", -1).length - 1);
    }
}
