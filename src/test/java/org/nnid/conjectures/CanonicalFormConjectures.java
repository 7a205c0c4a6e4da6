package org.nnid.conjectures;

import java.util.Map;

import org.nnid.equiv.Checker;
import org.nnid.equiv.Verdict;
import org.nnid.net.Evaluator;
import org.nnid.net.Network;
import org.nnid.scalar.Scalar;
import org.nnid.testing.NetworkArbitraries;
import org.nnid.testing.NetworkAssertions;
import org.nnid.testing.NetworkPair;
import org.nnid.testing.NetworkShrinks;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * "Equal functions imply equal canonical forms" (MATH.md §4–5): true for tanh (a null-free
 * activation), false for relu (MATH.md E11). See proofs-examples/conjectures/README.md.
 */
class CanonicalFormConjectures {

    /** True: tanh is null-free, so two networks with one function reach one canonical form. */
    @Property(tries = 40)
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
     * the zero function and the zero network, whose canonical form has no hidden units). Searched
     * over relu networks with weights in {−1, 0, 1}; {@link ExpectedE11SizedCounterexample} turns
     * the failure into a success only if jqwik's shrunk counterexample is a local minimum no larger
     * than E11, whose two sides together have 4 hidden units: relu(x) − relu(−x) − relu(x+1) +
     * relu(−x−1) + 1 ≡ 0. The fixed seed meets a counterexample (5 hidden units, one of them
     * constant) after 158 tries; about 1 in 2500 of these networks is one.
     */
    @Property(tries = 5000, seed = "8119082311057056391")
    @AddLifecycleHook(ExpectedE11SizedCounterexample.class)
    boolean forReluEqualFunctionsImplyEqualCanonicalForms(@ForAll("reluSmallWeights") Network n) {
        return !reluConjectureFails(n);
    }

    @Provide
    Arbitrary<Network> reluSmallWeights() {
        return NetworkArbitraries.networks().activations("relu").inputs(1, 1).outputs(1, 1).hiddenLayers(1, 1)
                .width(4, 6).layered().values(Scalar.of(-1), Scalar.of(0), Scalar.of(1));
    }

    /** Passes the relu property only when it fails with an E11-sized, locally minimal counterexample. */
    static final class ExpectedE11SizedCounterexample implements AroundPropertyHook {
        @Override
        public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
            PropertyExecutionResult r = property.execute();
            if (r.status() != PropertyExecutionResult.Status.FAILED || r.falsifiedParameters().isEmpty()) {
                return r.mapToFailed("expected the relu conjecture to be refuted, status " + r.status());
            }
            Network min = (Network) r.falsifiedParameters().get().get(0);
            if (min.hiddenCount() > 4) {
                return r.mapToFailed("shrunk counterexample larger than E11: " + NetworkAssertions.expressions(min));
            }
            if (NetworkShrinks.candidates(min).stream().anyMatch(CanonicalFormConjectures::reluConjectureFails)) {
                return r.mapToFailed("shrunk counterexample is not a local minimum: "
                        + NetworkAssertions.expressions(min));
            }
            return r.mapToSuccessful();
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
