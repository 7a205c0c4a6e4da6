package org.nnid.conjectures;

import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.nnid.equiv.Checker;
import org.nnid.equiv.Verdict;
import org.nnid.net.Evaluator;
import org.nnid.net.Network;
import org.nnid.scalar.Scalar;
import org.nnid.testing.Counterexamples;
import org.nnid.testing.NetworkArbitraries;
import org.nnid.testing.NetworkAssertions;
import org.nnid.testing.NetworkPair;
import org.nnid.testing.NetworkShrinks;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomGenerator;

/**
 * "Equal functions imply equal canonical forms" (MATH.md §4–5): true for tanh (a null-free
 * activation), false for relu (MATH.md E11). See proofs-examples/conjectures/README.md.
 */
class CanonicalFormConjectures {

    /** True: tanh is null-free, so two networks with one function reach one canonical form. */
    @Property(tries = 60)
    void forTanhEqualFunctionsImplyEqualCanonicalForms(@ForAll("tanhEquivalentPairs") NetworkPair p) {
        NetworkAssertions.assertSameFunction(p.first(), p.second());
        Network a = NetworkAssertions.canonicalFormOf(p.first());
        Network b = NetworkAssertions.canonicalFormOf(p.second());
        if (!a.equals(b)) {
            throw new AssertionError("equal functions, different canonical forms:\n" + new NetworkPair(a, b));
        }
    }

    @Provide
    Arbitrary<NetworkPair> tanhEquivalentPairs() {
        return NetworkArbitraries.equivalentPairs(NetworkArbitraries.networks().activations("tanh")
                .hiddenLayers(1, 2).width(1, 3).exactWeights());
    }

    /**
     * False, expected to fail: the conjecture for relu, in its special case B = 0 (a network with
     * the zero function and the zero network, whose canonical form has no hidden nodes). Searched
     * over relu networks with weights in {−1, 0, 1}; the counterexample found is shrunk with the
     * generator's own shrink steps and must be a local minimum no larger than E11, whose two sides
     * together have 4 hidden nodes: relu(x) − relu(−x) − relu(x+1) + relu(−x−1) + 1 ≡ 0.
     */
    @Example
    void forReluEqualFunctionsImplyEqualCanonicalFormsIsRefutedByAnE11SizedNullNetwork() {
        Arbitrary<Network> nets = NetworkArbitraries.networks().activations("relu").inputs(1, 1).outputs(1, 1)
                .hiddenLayers(1, 1).width(4, 6).layered()
                .values(Scalar.of(-1), Scalar.of(0), Scalar.of(1));
        RandomGenerator<Network> g = nets.generator(1000);
        Random random = new Random(11);
        Optional<Network> found = Optional.empty();
        for (int i = 0; i < 20_000 && found.isEmpty(); i++) {
            Network n = g.next(random).value();
            if (reluConjectureFails(n)) {
                found = Optional.of(n);
            }
        }
        if (found.isEmpty()) {
            throw new AssertionError("no counterexample in 20000 samples");
        }
        Network min = Counterexamples.minimise(found.get(), CanonicalFormConjectures::reluConjectureFails);
        if (min.hiddenCount() > 4) {
            throw new AssertionError("shrunk counterexample larger than E11: " + new NetworkPair(found.get(), min));
        }
        if (NetworkShrinks.candidates(min).stream().anyMatch(CanonicalFormConjectures::reluConjectureFails)) {
            throw new AssertionError("not a local minimum: " + new NetworkPair(found.get(), min));
        }
    }

    /** Whether n ≡ 0 is proved by the checker while its canonical form keeps hidden nodes. */
    static boolean reluConjectureFails(Network n) {
        double[] probe = {-2.5, -0.75, 0.5, 1.25, 3};
        for (double x : probe) { // a fast filter only: the premise is decided by the checker below
            if (Math.abs(Evaluator.evaluate(n, new double[] {x})[0]) > 1e-6) {
                return false;
            }
        }
        Network zero = Network.builder(n.activation(), n.inputNames())
                .output(n.outputIds().get(0), Scalar.ZERO, Map.of()).build();
        Checker.Result r = Checker.check(n, zero, Checker.Options.defaults());
        return r.verdict() == Verdict.EQUIVALENT && NetworkAssertions.canonicalFormOf(n).hiddenCount() > 0;
    }
}
