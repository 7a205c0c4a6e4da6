package org.nnid.testing;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;

import org.nnid.net.Network;
import org.nnid.scalar.Scalar;
import org.nnid.activation.Activations;
import org.nnid.theory.SymmetryElement;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Shrinkable;

class NetworkKitProperties {

    @Property(tries = 40)
    void equivalentPairsHaveTheSameFunction(@ForAll("tanhPairs") NetworkPair p) {
        NetworkAssertions.assertSameFunction(p.first(), p.second());
    }

    @Property(tries = 40)
    void nearMissPairsHaveDifferentFunctions(@ForAll("nearMisses") NetworkPair p) {
        NetworkAssertions.assertNotSameFunction(p.first(), p.second());
    }

    @Property(tries = 30)
    void canonicalFormsAreReduced(@ForAll("smallExact") Network n) {
        NetworkAssertions.assertReduced(NetworkAssertions.canonicalFormOf(n));
    }

    /** ρ(a·t + b) = c·ρ(t) + d (docs/math.md §2), checked in doubles at a few points for sigmoid. */
    @Property(tries = 30)
    boolean symmetryElementsSatisfyTheirIdentity(@ForAll("sigmoidSymmetries") SymmetryElement g) {
        var rho = org.nnid.io.Nonlinearities.builtins().get("sigmoid").activation(); // an alias, from logistic.theory
        for (double t : new double[] {-2, -0.3, 0, 1.7}) {
            double lhs = rho.apply(g.a().toDouble() * t + g.b().toDouble());
            double rhs = g.c().toDouble() * rho.apply(t) + g.d().toDouble();
            if (Math.abs(lhs - rhs) > 1e-12) {
                return false;
            }
        }
        return true;
    }

    @Property(tries = 100)
    boolean everyShrinkStepLowersTheSize(@ForAll("anyNetwork") Network n) {
        long[] size = NetworkShrinks.size(n);
        return NetworkShrinks.candidates(n).stream().allMatch(c -> Arrays.compare(NetworkShrinks.size(c), size) < 0);
    }

    @Property(tries = 100)
    boolean everyShrinkStepOfALayeredGeneratorStaysLayeredWithinItsRanges(@ForAll("rangedLayered") Network n) {
        ShrinkLimits limits = RANGED_LAYERED.limits();
        return NetworkShrinks.candidates(n, limits).stream().allMatch(c -> c.asLayers().isPresent()
                && c.inputCount() >= 2 && c.outputCount() >= 1 && c.asLayers().get().size() - 1 >= 2
                && c.asLayers().get().size() - 1 <= 3
                && c.asLayers().get().subList(0, c.asLayers().get().size() - 1).stream()
                        .allMatch(l -> l.rows() >= 2 && l.rows() <= 3));
    }

    @Property(tries = 100)
    boolean everyShrinkStepOfADagGeneratorKeepsItsInputsOutputsAndDepth(@ForAll("rangedDag") Network n) {
        return NetworkShrinks.candidates(n, RANGED_DAG.limits()).stream().allMatch(c -> c.inputCount() >= 2
                && c.outputCount() >= 2 && hiddenLevels(c) >= 2 && hiddenLevels(c) <= 3);
    }

    private static long hiddenLevels(Network n) {
        int[] level = n.levels();
        return java.util.stream.IntStream.range(0, n.nodeCount()).filter(n::isHidden).map(v -> level[v]).distinct()
                .count();
    }

    private static final NetworkArbitrary RANGED_LAYERED = NetworkArbitraries.networks().layered().inputs(2, 3)
            .hiddenLayers(2, 3).width(2, 3);
    private static final NetworkArbitrary RANGED_DAG = NetworkArbitraries.networks().dag().inputs(2, 3).outputs(2, 2)
            .hiddenLayers(2, 3).width(1, 3);

    @Provide
    Arbitrary<Network> rangedLayered() {
        return RANGED_LAYERED;
    }

    @Provide
    Arbitrary<Network> rangedDag() {
        return RANGED_DAG;
    }

    @Property(tries = 50)
    boolean aZeroWeightEdgeCaseRemovesExactlyOneEdge(@ForAll("anyNetwork") Network n, @ForAll long seed) {
        long before = edges(n);
        return edges(NetworkArbitraries.withZeroWeight(n, new java.util.Random(seed))) == Math.max(0, before - 1);
    }

    private static long edges(Network n) {
        long count = 0;
        for (int v = n.inputCount(); v < n.nodeCount(); v++) {
            count += n.incoming(v).values().stream().filter(w -> !w.isZero()).count();
        }
        return count;
    }

    /** At 100% most networks carry a clone, dead or constant unit; at 0% none is changed. */
    @Example
    void edgeCasesAreMixedInAtTheRequestedRate() {
        NetworkArbitrary base = NetworkArbitraries.networks().activations("tanh").exactWeights();
        long notReduced = NetworkArbitraries.withEdgeCases(base, 100).sampleStream().limit(50)
                .filter(n -> !isReduced(n)).count();
        long changed = NetworkArbitraries.withEdgeCases(base.width(2, 2), 0).sampleStream().limit(50)
                .filter(NetworkKitProperties::hasOrbitNames).count();
        if (notReduced < 25 || changed != 0) {
            throw new AssertionError(notReduced + " of 50 not reduced at 100%, " + changed + " changed at 0%");
        }
    }

    @Example
    void sameFunctionFailureShowsBothNetworksAndTheReason() {
        Network a = tanh1();
        Network b = NetworkShrinks.withBias(a, a.outputNode(0), Scalar.of(1, 2));
        AssertionError e = expectFailure(() -> NetworkAssertions.assertSameFunction(a, b));
        String m = e.getMessage();
        if (!m.contains("NOT_EQUIVALENT") || !m.contains("A = tanh: ") || !m.contains("B = tanh: ")
                || !m.contains("Tanh(") || !m.contains("evidence: ")) {
            throw new AssertionError("message lacks verdict, expressions or evidence:\n" + m);
        }
        NetworkAssertions.assertNotSameFunction(a, b);
    }

    @Example
    void aNetworkWithADeadNodeIsNotReduced() {
        Network dead = Network.builder(Activations.byName("tanh"), Network.defaultInputNames(1))
                .hidden("h", Scalar.of(1), Map.of("x1", Scalar.of(2)))
                .hidden("d", Scalar.of(0), Map.of("x1", Scalar.of(1)))
                .output("y1", Scalar.of(0), Map.of("h", Scalar.of(3)))
                .build();
        expectFailure(() -> NetworkAssertions.assertReduced(dead));
        NetworkAssertions.assertReduced(NetworkAssertions.canonicalFormOf(dead));
    }

    /** Shrinking reaches a local minimum: "at most 2 hidden nodes" ends at 3 nodes, no edges left to drop, no value but 0. */
    @Example
    void shrinkingEndsAtALocalMinimumWithSimpleValues() {
        Arbitrary<Network> nets = NetworkArbitraries.networks().activations("tanh").hiddenLayers(2, 3).width(3, 4)
                .doubleWeights();
        Shrinkable<Network> s = nets.generator(1000).next(new Random(7));
        java.util.function.Predicate<Network> fails = n -> n.hiddenCount() > 2;
        Network min = Counterexamples.minimise(s.value(), fails);
        if (min.hiddenCount() != 3 || NetworkShrinks.size(min)[3] != 0 || NetworkShrinks.size(min)[4] != 0) {
            throw new AssertionError("not minimal: " + NetworkAssertions.expressions(min) + " size "
                    + Arrays.toString(NetworkShrinks.size(min)));
        }
        if (NetworkShrinks.candidates(min).stream().anyMatch(fails)) {
            throw new AssertionError("a shrink step still fails");
        }
    }

    private static boolean isReduced(Network n) {
        try {
            NetworkAssertions.assertReduced(n);
            return true;
        } catch (AssertionError e) {
            return false;
        }
    }

    /** Orbit.sample renames every hidden unit v to "n" + v. */
    private static boolean hasOrbitNames(Network n) {
        for (int v = 0; v < n.nodeCount(); v++) {
            if (n.isHidden(v) && n.id(v).startsWith("n")) {
                return true;
            }
        }
        return false;
    }

    private static AssertionError expectFailure(Runnable r) {
        try {
            r.run();
        } catch (AssertionError e) {
            return e;
        }
        throw new AssertionError("expected the assertion to fail");
    }

    private static Network tanh1() {
        return Network.builder(Activations.byName("tanh"), Network.defaultInputNames(1))
                .hidden("h", Scalar.of(1), Map.of("x1", Scalar.of(2)))
                .output("y1", Scalar.of(0), Map.of("h", Scalar.of(3)))
                .build();
    }

    @Provide
    Arbitrary<NetworkPair> tanhPairs() {
        return NetworkArbitraries.equivalentPairs(
                NetworkArbitraries.networks().activations("tanh").hiddenLayers(1, 2).width(1, 3).exactWeights());
    }

    @Provide
    Arbitrary<NetworkPair> nearMisses() {
        return NetworkArbitraries.nearMissPairs(NetworkArbitraries.networks().activations("tanh", "sigmoid", "relu")
                .hiddenLayers(1, 2).width(1, 3));
    }

    @Provide
    Arbitrary<Network> smallExact() {
        return NetworkArbitraries.networks().activations("tanh", "relu", "sigmoid").hiddenLayers(1, 2).width(1, 3)
                .exactWeights();
    }

    @Provide
    Arbitrary<SymmetryElement> sigmoidSymmetries() {
        return NetworkArbitraries.symmetryElements("sigmoid");
    }

    @Provide
    Arbitrary<Network> anyNetwork() {
        return NetworkArbitraries.networks();
    }
}
