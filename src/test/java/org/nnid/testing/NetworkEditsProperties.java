package org.nnid.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.nnid.net.Network;
import org.nnid.scalar.Scalar;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class NetworkEditsProperties {

    @Property(tries = 25)
    void theTanhSignFlipAtAnyHiddenNodeKeepsTheFunction(@ForAll("tanhNets") Network n, @ForAll int pick) {
        String node = hiddenIds(n).get(Math.floorMod(pick, hiddenIds(n).size()));
        Network flipped = NetworkEdits.applySymmetry(n, node, "-1,0,-1,0");
        NetworkAssertions.assertSameFunction(n, flipped);
    }

    @Property(tries = 15)
    void aSinPeriodAtAnyHiddenNodeKeepsTheFunction(@ForAll("sinNets") Network n, @ForAll int pick) {
        String node = hiddenIds(n).get(Math.floorMod(pick, hiddenIds(n).size()));
        NetworkAssertions.assertSameFunction(n, NetworkEdits.applySymmetry(n, node, "1, 2*Pi, 1, 0"));
    }

    @Property(tries = 15)
    void addingTheListedReluNullNetworkKeepsTheFunctionAndAddsUnits(@ForAll("reluNets") Network n) {
        Network more = NetworkEdits.addNullNetwork(n, n.id(n.outputNode(0)));
        assertTrue(more.hiddenCount() > n.hiddenCount());
        NetworkAssertions.assertSameFunction(n, more);
    }

    @Property(tries = 20)
    void movingAnOutputBiasChangesTheFunction(@ForAll("tanhNets") Network n) {
        Network moved = NetworkEdits.perturbBias(n, n.id(n.outputNode(0)), Scalar.of(1, 3));
        NetworkAssertions.assertNotSameFunction(n, moved);
    }

    @Example
    void movingOneWeightChangesExactlyThatWeight() {
        Network n = NetworkArbitraries.networks().activations("tanh").layered().inputs(2, 2).exactWeights()
                .sampleStream().findFirst().orElseThrow();
        Network moved = NetworkEdits.perturbWeight(n, "h1_1", "x2", Scalar.of(1, 2));
        int v = moved.indexOf("h1_1");
        Scalar before = n.incoming(n.indexOf("h1_1")).getOrDefault(n.indexOf("x2"), Scalar.ZERO);
        assertEquals(0, before.add(Scalar.of(1, 2)).compareValue(
                moved.incoming(v).getOrDefault(moved.indexOf("x2"), Scalar.ZERO)));
        assertEquals(NetworkShrinks.size(n)[0], NetworkShrinks.size(moved)[0]);
    }

    @Example
    void movingAWeightWhereThereWasNoEdgeAddsTheEdge() {
        Network n = Network.builder(org.nnid.activation.Activations.byName("tanh"), java.util.List.of("x1", "x2"))
                .node("h1_1", false, Scalar.ZERO, java.util.Map.of("x1", Scalar.ONE))
                .node("y1", true, Scalar.ZERO, java.util.Map.of("h1_1", Scalar.ONE)).build();
        Network moved = NetworkEdits.perturbWeight(n, "h1_1", "x2", Scalar.of(1, 2));
        assertEquals(0, Scalar.of(1, 2).compareValue(moved.incoming(moved.indexOf("h1_1")).get(moved.indexOf("x2"))));
        assertThrows(IllegalArgumentException.class, () -> NetworkEdits.perturbWeight(n, "h1_1", "y1", Scalar.ONE));
    }

    @Example
    void anElementOutsideTheGroupAndAnUnknownNodeAreRefused() {
        Network n = NetworkArbitraries.networks().activations("tanh").layered().exactWeights().sampleStream()
                .findFirst().orElseThrow();
        assertThrows(IllegalArgumentException.class, () -> NetworkEdits.applySymmetry(n, "h1_1", "2,0,2,0"));
        assertThrows(IllegalArgumentException.class, () -> NetworkEdits.applySymmetry(n, "nope", "-1,0,-1,0"));
        assertThrows(IllegalArgumentException.class, () -> NetworkEdits.addNullNetwork(n, "y1"));
    }

    private static List<String> hiddenIds(Network n) {
        List<String> ids = new ArrayList<>();
        for (int v = 0; v < n.nodeCount(); v++) {
            if (n.isHidden(v)) {
                ids.add(n.id(v));
            }
        }
        return ids;
    }

    @Provide
    Arbitrary<Network> tanhNets() {
        return NetworkArbitraries.networks().activations("tanh").hiddenLayers(1, 2).width(1, 3).exactWeights();
    }

    @Provide
    Arbitrary<Network> sinNets() {
        return NetworkArbitraries.networks().activations("sin").hiddenLayers(1, 1).width(1, 3).exactWeights();
    }

    @Provide
    Arbitrary<Network> reluNets() {
        return NetworkArbitraries.networks().activations("relu").inputs(1, 2).hiddenLayers(1, 2).width(1, 3)
                .exactWeights();
    }
}
