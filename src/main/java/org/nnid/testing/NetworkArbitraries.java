package org.nnid.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.nnid.net.Network;
import org.nnid.rewrite.Orbit;
import org.nnid.rewrite.Rewriter;
import org.nnid.scalar.DoubleScalar;
import org.nnid.scalar.Scalar;
import org.nnid.activation.Activation;
import org.nnid.activation.Activations;
import org.nnid.theory.SymmetryElement;
import org.nnid.theory.Theory;
import org.nnid.registry.TheoryRegistry;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Entry point of nnid's jqwik generators, for nnid's own properties and for users' conjectures.
 * jqwik is an optional dependency of nnid: add {@code net.jqwik:jqwik} to use this package.
 * Networks shrink structurally ({@link NetworkShrinks}); pairs shrink through their first network.
 */
public final class NetworkArbitraries {
    /** Relative size of the bias change in near-miss pairs of double networks. */
    public static final double NEAR_MISS_RELATIVE = 1e-9;

    private NetworkArbitraries() {}

    /**
     * Networks over every built-in activation, 1–3 inputs, 1–2 outputs, 1–3 hidden layers of
     * width 1–4, layered or DAG, exact or double weights; narrow it with the fluent setters.
     */
    public static NetworkArbitrary networks() {
        List<Activation> all = new ArrayList<>();
        for (String name : Activations.names()) {
            all.add(Activations.byName(name));
        }
        return new NetworkArbitrary(all, 1, 3, 1, 2, 1, 3, 1, 4, NetworkArbitrary.Shape.ANY,
                NetworkArbitrary.Weights.ANY, false, List.of());
    }

    /**
     * Your own generator of networks (for example one aimed at where a counterexample should
     * live), shrinking structurally like nnid's ({@link NetworkShrinks}: fewer nodes and edges,
     * simpler values) instead of through its random choices.
     */
    public static Arbitrary<Network> shrinkingStructurally(Arbitrary<Network> networks) {
        return NetworkArbitrary.structurallyShrinking(networks, ShrinkLimits.NONE);
    }

    /**
     * The reduced forms red(N) (R1–R3 until none applies, docs/math.md §3, in the built-in theory of
     * each network's activation): no constant or dead units, no clones up to symmetry.
     */
    public static Arbitrary<Network> reduced(Arbitrary<Network> networks) {
        return networks.map(n -> {
            Theory t = NetworkAssertions.theoryOf(n);
            return Rewriter.reduce(n, t).network();
        });
    }

    /**
     * The networks with, in about {@code percent}% of them, edge cases mixed in: each such network
     * is replaced by a random orbit element ({@link Orbit#sample}), which has the same function but
     * split clones, an added dead unit, an added constant unit and symmetries applied at random;
     * in half of them one nonzero weight is first set to zero ({@link #withZeroWeight}).
     */
    public static Arbitrary<Network> withEdgeCases(Arbitrary<Network> networks, int percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be between 0 and 100, found " + percent);
        }
        return Combinators.combine(networks, Arbitraries.integers().between(0, 99), Arbitraries.longs())
                .as((n, coin, seed) -> coin >= percent ? n
                        : orbitElement(coin % 2 == 0 ? withZeroWeight(n, new Random(seed)) : n, seed));
    }

    /** The network with one of its nonzero weights, chosen at random, set to zero (removed). */
    static Network withZeroWeight(Network n, Random random) {
        List<int[]> edges = new ArrayList<>();
        for (int v = n.inputCount(); v < n.nodeCount(); v++) {
            for (var e : n.incoming(v).entrySet()) {
                if (!e.getValue().isZero()) {
                    edges.add(new int[] {v, e.getKey()});
                }
            }
        }
        if (edges.isEmpty()) {
            return n;
        }
        int[] e = edges.get(random.nextInt(edges.size()));
        return NetworkShrinks.withWeight(n, e[0], e[1], Scalar.ZERO);
    }

    /**
     * A network and a random element of its orbit ({@link Orbit#sample}: symmetries, relabelling,
     * clone splits, added dead and constant nodes): the same function by construction, exactly for
     * exact networks.
     */
    public static Arbitrary<NetworkPair> equivalentPairs(Arbitrary<Network> networks) {
        return Combinators.combine(networks, Arbitraries.longs())
                .as((n, seed) -> new NetworkPair(n, orbitElement(n, seed)));
    }

    /**
     * A network and an orbit element of it whose first output bias is moved: by a small nonzero
     * rational ±1/q (q ≤ 16) in exact networks, by {@link #NEAR_MISS_RELATIVE} relative (at least
     * that much absolute) in double ones. Different functions by construction: the outputs differ
     * by that constant everywhere.
     *
     * @throws IllegalArgumentException (when generating) for networks with an output activation,
     *                                  where a moved bias need not change the function
     */
    public static Arbitrary<NetworkPair> nearMissPairs(Arbitrary<Network> networks) {
        return Combinators.combine(networks, Arbitraries.longs(), Arbitraries.integers().between(1, 16),
                Arbitraries.of(1, -1))
                .as((n, seed, q, sign) -> new NetworkPair(n, orbitElement(moveFirstOutputBias(n, q, sign), seed)));
    }

    /** Random elements of the symmetry group of a built-in theory (by name or alias). */
    public static Arbitrary<SymmetryElement> symmetryElements(String theoryName) {
        Theory t = TheoryRegistry.builtins().get(theoryName);
        return Arbitraries.randomValue(random -> t.group().randomElement(random));
    }

    private static Network orbitElement(Network n, long seed) {
        return Orbit.sample(n, NetworkAssertions.theoryOf(n), new Random(seed));
    }

    private static Network moveFirstOutputBias(Network n, int q, int sign) {
        int out = n.outputNode(0);
        if (n.outputActivation()) {
            throw new IllegalArgumentException("near-miss pairs need networks without an output activation");
        }
        Scalar b = n.bias(out);
        Scalar moved;
        if (b instanceof DoubleScalar || !n.isExact()) {
            double d = b.toDouble();
            moved = Scalar.of(d + sign * Math.max(Math.abs(d), 1) * NEAR_MISS_RELATIVE);
        } else {
            moved = b.add(Scalar.of(sign, q));
        }
        return NetworkShrinks.withBias(n, out, moved);
    }
}
