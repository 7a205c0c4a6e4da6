package org.nnid.testing;

import java.util.List;

import org.nnid.net.Network;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties that KitRunTest runs through the JUnit Platform launcher to see what a user sees:
 * how a failing run shrinks and reports. Not a test itself (surefire's includes do not match it);
 * two of its properties fail on purpose.
 */
class KitRunFixture {
    /** A failure that carries the network it failed on, so the test can read the shrunk sample. */
    static final class FailedOn extends AssertionError {
        final transient Network network;

        FailedOn(Network network) {
            super("fails on " + network);
            this.network = network;
        }
    }

    @Property(seed = "42", tries = 100)
    void failsOnTwoOrMoreInputs(@ForAll("rangedLayered") Network n) {
        if (n.inputCount() >= 2) {
            throw new FailedOn(n);
        }
    }

    @Property(seed = "7", tries = 30)
    boolean everyDefaultNetworkHasAnInput(@ForAll Network n) {
        return n.inputCount() >= 1;
    }

    @Property(seed = "3", tries = 5)
    void failsWhileTheShrinkerCrashes(@ForAll("crashingShrinker") Network n) {
        throw new FailedOn(n);
    }

    @Provide
    Arbitrary<Network> rangedLayered() {
        return NetworkArbitraries.networks().activations("tanh").layered().inputs(1, 3).outputs(1, 2)
                .hiddenLayers(2, 3).width(2, 4);
    }

    /** Networks whose shrinker offers one smaller network, then throws on it. */
    @Provide
    Arbitrary<Network> crashingShrinker() {
        Arbitrary<Network> nets = NetworkArbitraries.networks().activations("relu").hiddenLayers(2, 2).width(2, 3);
        return Arbitraries.fromGeneratorWithSize(size -> {
            var g = nets.generator(size);
            return random -> {
                Network first = g.next(random).value();
                return new StructuralShrinkable(first, n -> {
                    if (n == first) {
                        return List.of(NetworkShrinks.candidates(n).get(0));
                    }
                    throw new IllegalStateException("a bug in a shrink step");
                });
            };
        });
    }
}
