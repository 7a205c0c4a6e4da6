package org.nnid.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nnid.scalar.Scalar;
import org.nnid.activation.Activations;

class NetworkTest {

    private static Map<String, Scalar> in(Object... pairs) {
        Map<String, Scalar> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (Scalar) pairs[i + 1]);
        }
        return m;
    }

    @Test
    void theSameGraphBuiltAsLayersOrNodeByNodeIsEqual() {
        Network layered = Examples.e1("tanh");
        Network general = Network.builder(Activations.byName("tanh"), List.of("x1"))
                .output("y1", Scalar.of(0.25), in("h1_1", Scalar.of(3.0), "h1_2", Scalar.of(-1.0)))
                .hidden("h1_2", Scalar.of(-1.0), in("x1", Scalar.of(2.0)))
                .hidden("h1_1", Scalar.of(0.5), in("x1", Scalar.of(1.0)))
                .build();
        assertEquals(layered, general);
        assertEquals(layered.hashCode(), general.hashCode());
    }

    @Test
    void zeroWeightEdgesAreNoEdges() {
        Network a = Network.builder(Activations.byName("relu"), List.of("x1", "x2"))
                .hidden("h", Scalar.of(1), in("x1", Scalar.of(2), "x2", Scalar.ZERO))
                .output("y", Scalar.ZERO, in("h", Scalar.ONE)).build();
        Network b = Network.builder(Activations.byName("relu"), List.of("x1", "x2"))
                .hidden("h", Scalar.of(1), in("x1", Scalar.of(2)))
                .output("y", Scalar.ZERO, in("h", Scalar.ONE)).build();
        assertEquals(a, b);
        assertEquals(Map.of(0, Scalar.of(2)), a.incoming(a.indexOf("h")));
    }

    @Test
    void exactAndDoubleWeightsAreDifferentNetworks() {
        Network exact = Network.builder(Activations.byName("tanh"), List.of("x1"))
                .output("y", Scalar.ZERO, in("x1", Scalar.of(1))).build();
        Network dbl = Network.builder(Activations.byName("tanh"), List.of("x1"))
                .output("y", Scalar.ZERO, in("x1", Scalar.of(1.0))).build();
        assertNotEquals(exact, dbl);
        assertTrue(exact.isExact());
        assertTrue(!dbl.isExact());
    }

    @Test
    void levelsAreLongestPathsFromTheInputs() {
        Network n = Network.builder(Activations.byName("relu"), List.of("x1", "x2"))
                .hidden("h1", Scalar.of(0.5), in("x1", Scalar.of(1), "x2", Scalar.of(-2)))
                .hidden("h2", Scalar.ZERO, in("h1", Scalar.of(2), "x1", Scalar.of(1)))
                .output("y", Scalar.ZERO, in("h2", Scalar.of(3), "h1", Scalar.of(-1)))
                .hidden("c", Scalar.of(4), in())
                .build();
        int[] lv = n.levels();
        assertEquals(1, lv[n.indexOf("h1")]);
        assertEquals(2, lv[n.indexOf("h2")]);
        assertEquals(3, lv[n.indexOf("y")]);
        assertEquals(1, lv[n.indexOf("c")], "a node without incoming edges is on level 1");
        assertTrue(n.asLayers().isEmpty(), "skip connections are not layered");
        assertEquals(3, n.depth());
    }

    @Test
    void layeredNetworksExposeTheirLayers() {
        Network n = Examples.e7();
        List<Layer> layers = n.asLayers().orElseThrow();
        assertEquals(3, layers.size());
        assertEquals(Scalar.of(3, 10), layers.get(1).bias().get(0));
        assertEquals(List.of("y1"), n.outputIds());
        assertEquals(5, n.hiddenCount());
        assertTrue(n.isExact());
    }

    @Test
    void builderRejectsBadGraphsNamingTheNode() {
        var rho = Activations.byName("tanh");
        assertEquals("node 'y': edge from unknown node 'h9'", assertThrows(IllegalArgumentException.class,
                () -> Network.builder(rho, List.of("x1")).output("y", Scalar.ZERO, in("h9", Scalar.ONE)).build())
                .getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Network.builder(rho, List.of("x1"))
                        .hidden("a", Scalar.ZERO, in("b", Scalar.ONE))
                        .hidden("b", Scalar.ZERO, in("a", Scalar.ONE))
                        .output("y", Scalar.ZERO, in("a", Scalar.ONE)).build())
                .getMessage().contains("lies on a cycle"));
        assertEquals("duplicate id 'x1'", assertThrows(IllegalArgumentException.class,
                () -> Network.builder(rho, List.of("x1")).hidden("x1", Scalar.ZERO, in())).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Network.builder(rho, List.of("x1"))
                        .output("y", Scalar.ZERO, in("x1", Scalar.ONE))
                        .output("z", Scalar.ZERO, in("y", Scalar.ONE)).build())
                .getMessage().contains("edge from output node 'y'"));
    }

    @Test
    void sparseLevelsAreStoredOneNodePerBlockAndDenseOnesAsOneBlock() {
        var b = Network.builder(Activations.byName("relu"), Network.defaultInputNames(200));
        for (int i = 0; i < 100; i++) {
            b.hidden("h" + i, Scalar.ZERO, in("x" + (i + 1), Scalar.ONE, "x" + (i + 101), Scalar.of(2)));
        }
        Map<String, Scalar> all = new LinkedHashMap<>();
        for (int i = 0; i < 100; i++) {
            all.put("h" + i, Scalar.ONE);
        }
        Network n = b.output("y", Scalar.ZERO, all).build();
        assertEquals(101, n.blocks().size());
        assertArrayEquals(new int[] {0, 100}, n.blocks().get(0).sources());
        assertEquals(1.0 * 100 * 3, Evaluator.evaluate(n, ones(200))[0]);
    }

    private static double[] ones(int n) {
        double[] x = new double[n];
        java.util.Arrays.fill(x, 1.0);
        return x;
    }
}
