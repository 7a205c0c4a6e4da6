package org.nnid.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nnid.net.Examples;
import org.nnid.net.Layer;
import org.nnid.net.Network;
import org.nnid.scalar.Scalar;
import org.nnid.activation.Activations;

/** Graphviz pictures of networks. */
class DotTest {

    @Test
    void everyNodeAndEdgeIsDrawn() {
        Network n = Examples.e7();
        String dot = Dot.toDot(n);
        for (int v = 0; v < n.nodeCount(); v++) {
            assertTrue(dot.contains('"' + n.id(v) + '"'), n.id(v));
        }
        long edges = dot.lines().filter(l -> l.contains("->")).count();
        long expected = 0;
        for (int v = n.inputCount(); v < n.nodeCount(); v++) {
            expected += n.incoming(v).size();
        }
        assertEquals(expected, edges);
        assertTrue(dot.startsWith("digraph network {"));
        assertTrue(dot.contains("rankdir=LR"));
        assertTrue(dot.contains("{ rank=source; \"x1\""));
        assertTrue(dot.contains("{ rank=sink; \"y1\""));
    }

    @Test
    void outputIsDeterministic() {
        assertEquals(Dot.toDot(Examples.e7()), Dot.toDot(Examples.e7()));
        assertEquals(Dot.toDot(Examples.e1("tanh")), Dot.toDot(Examples.e1("tanh")));
    }

    @Test
    void labelsShowExactTextOrFourDigitsAndNegativeWeightsStandOut() {
        String exact = Dot.toDot(Examples.e7());
        assertTrue(exact.contains("\"h2_1\\nb=3/10\""), exact);
        assertTrue(exact.contains("\"h1_2\" -> \"h2_1\" [label=\"-1\", color=red, fontcolor=red, style=dashed];"), exact);
        assertTrue(exact.contains("\"h1_1\" -> \"h2_1\" [label=\"1\"];"), exact);
        String doubles = Dot.toDot(Examples.e1("tanh"));
        assertTrue(doubles.contains("[label=\"3.000\"]"), doubles);
        assertTrue(doubles.contains("b=0.2500"), doubles);
    }

    @Test
    void levelsAreRanksAndSkipConnectionsAreKept() {
        Network n = Network.builder(Activations.byName("relu"), List.of("x1", "x2"))
                .hidden("a", Scalar.ZERO, Map.of("x1", Scalar.ONE))
                .hidden("b", Scalar.ZERO, Map.of("a", Scalar.of(2), "x2", Scalar.of(-1)))
                .output("out", Scalar.of(1, 2), Map.of("b", Scalar.ONE, "x1", Scalar.of(3)))
                .build();
        String dot = Dot.toDot(n);
        assertTrue(dot.contains("// level 1\n  { rank=same; \"a\""), dot);
        assertTrue(dot.contains("// level 2\n  { rank=same; \"b\""), dot);
        assertTrue(dot.contains("\"x1\" -> \"out\""), dot);
        assertTrue(dot.contains("// activation: relu"), dot);
    }

    @Test
    void largeNetworksAreDrawnOneBoxPerBlock() {
        Network n = Network.layered(Activations.byName("tanh"), 784, List.of(
                Layer.of(200, 784, new double[200 * 784], new double[200]),
                Layer.of(10, 200, filled(10 * 200), new double[10])), false);
        // the first layer is all zeros: no edges from the inputs
        String dot = Dot.toDot(n);
        assertTrue(dot.contains("each block is drawn as one box"), dot);
        assertTrue(dot.contains("\"block2\" [shape=box, peripheries=2, label=\"y1 .. y10\\n10 output nodes\"]"), dot);
        assertTrue(dot.contains("\"block1\" -> \"block2\" [label=\"2000 weights\"]"), dot);
        assertFalse(dot.contains("\"inputs\" -> \"block1\""), "no nonzero weights, no edge");
        assertFalse(dot.contains("h1_17\" ["), "no per-node statements");
        assertTrue(dot.length() < 2000, "size " + dot.length());

        Network dense = Network.layered(Activations.byName("tanh"), 784, List.of(
                Layer.of(200, 784, filled(200 * 784), new double[200]),
                Layer.of(10, 200, filled(10 * 200), new double[10])), false);
        assertTrue(Dot.toDot(dense).contains("\"inputs\" -> \"block1\" [label=\"156800 weights\"]"));
    }

    private static double[] filled(int n) {
        double[] d = new double[n];
        java.util.Arrays.fill(d, -0.5);
        return d;
    }
}
