package org.nnid.conjectures;

import java.util.List;
import java.util.Map;

import org.nnid.equiv.Checker;
import org.nnid.equiv.Verdict;
import org.nnid.net.Evaluator;
import org.nnid.net.Layer;
import org.nnid.net.Network;
import org.nnid.scalar.Scalar;
import org.nnid.testing.NetworkArbitraries;
import org.nnid.testing.NetworkAssertions;
import org.nnid.testing.NetworkPair;
import org.nnid.testing.NetworkShrinks;
import org.nnid.activation.Activations;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * "Equal functions imply equal canonical forms" (docs/math.md §4–5): true for tanh (a null-free
 * activation), false for relu (docs/math.md E11) and for sin (docs/math.md E8). See proofs-examples/conjectures/README.md.
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
        return !zeroConjectureFails(n);
    }

    @Provide
    Arbitrary<Network> reluSmallWeights() {
        return NetworkArbitraries.networks().activations("relu").inputs(1, 1).outputs(1, 1).hiddenLayers(1, 1)
                .width(4, 6).layered().values(Scalar.of(-1), Scalar.of(0), Scalar.of(1));
    }

    /**
     * False, expected to fail: the conjecture for sin, in the same special case B = 0. Searched
     * where docs/math.md E8 lives: one input, one hidden layer of 3 or 4 units, input weights ±1, biases
     * multiples of π/3, output weights in {−1, 0, 1}, output bias 0. Units whose phases differ by π
     * cancel through sin's symmetry (1, π, −1, 0) (E9), so the canonical form removes them; three
     * phases 2π/3 apart do not, and {@link ExpectedE8SizedCounterexample} passes only if jqwik's
     * shrunk counterexample is such a null network of at most 3 hidden units and a local minimum.
     */
    @Property(tries = 2000, seed = "20261123")
    @AddLifecycleHook(ExpectedE8SizedCounterexample.class)
    boolean forSinEqualFunctionsImplyEqualCanonicalForms(@ForAll("sinPhaseNetworks") Network n) {
        return !zeroConjectureFails(n);
    }

    private static final Scalar[] PHASES = new Scalar[6];

    @Provide
    Arbitrary<Network> sinPhaseNetworks() {
        Arbitrary<int[]> unit = Combinators.combine(Arbitraries.of(1, -1), Arbitraries.integers().between(0, 5),
                Arbitraries.of(-1, 0, 1)).as((w, k, v) -> new int[] {w, k, v});
        return NetworkArbitraries.shrinkingStructurally(unit.list().ofMinSize(3).ofMaxSize(4).map(units -> {
            int h = units.size();
            Scalar[][] w1 = new Scalar[h][1];
            Scalar[] b1 = new Scalar[h];
            Scalar[][] w2 = new Scalar[1][h];
            for (int i = 0; i < h; i++) {
                w1[i][0] = Scalar.of(units.get(i)[0]);
                b1[i] = phase(units.get(i)[1]);
                w2[0][i] = Scalar.of(units.get(i)[2]);
            }
            return Network.layered(Activations.byName("sin"), 1,
                    List.of(Layer.of(w1, b1), Layer.of(w2, new Scalar[] {Scalar.ZERO})), false);
        }));
    }

    /** kπ/3, read once (a closed-form constant costs a few Symja calls). */
    private static synchronized Scalar phase(int k) {
        if (PHASES[k] == null) {
            PHASES[k] = Scalar.parseExact(k + "*Pi/3");
        }
        return PHASES[k];
    }

    /**
     * Turns an expected refutation into a success only if jqwik's shrunk counterexample has at
     * most {@link #maxHidden} hidden units and is a local minimum (no single shrink step of
     * {@link NetworkShrinks} still refutes the conjecture).
     */
    abstract static class ExpectedSmallCounterexample implements AroundPropertyHook {
        private final int maxHidden;
        private final String example;

        ExpectedSmallCounterexample(int maxHidden, String example) {
            this.maxHidden = maxHidden;
            this.example = example;
        }

        @Override
        public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
            PropertyExecutionResult r = property.execute();
            if (r.status() != PropertyExecutionResult.Status.FAILED || r.falsifiedParameters().isEmpty()) {
                return r.mapToFailed("expected the conjecture to be refuted, status " + r.status());
            }
            Network min = (Network) r.falsifiedParameters().get().get(0);
            if (min.hiddenCount() > maxHidden) {
                return r.mapToFailed("shrunk counterexample larger than " + example + ": "
                        + NetworkAssertions.expressions(min));
            }
            if (NetworkShrinks.candidates(min).stream().anyMatch(CanonicalFormConjectures::zeroConjectureFails)) {
                return r.mapToFailed("shrunk counterexample is not a local minimum: "
                        + NetworkAssertions.expressions(min));
            }
            context.reporter().publishValue("shrunk counterexample", NetworkAssertions.expressions(min));
            return r.mapToSuccessful();
        }
    }

    /** docs/math.md E11: two sides of 2 hidden units each. */
    static final class ExpectedE11SizedCounterexample extends ExpectedSmallCounterexample {
        ExpectedE11SizedCounterexample() {
            super(4, "E11");
        }
    }

    /** docs/math.md E8: sin(x) + sin(x + 2π/3) + sin(x + 4π/3), 3 hidden units. */
    static final class ExpectedE8SizedCounterexample extends ExpectedSmallCounterexample {
        ExpectedE8SizedCounterexample() {
            super(3, "E8");
        }
    }

    /** Whether n ≡ 0 is proved by the checker while its canonical form keeps hidden nodes. */
    static boolean zeroConjectureFails(Network n) {
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
