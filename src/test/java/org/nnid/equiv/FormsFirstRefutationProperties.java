package org.nnid.equiv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Tag;
import org.nnid.activation.Activations;
import org.nnid.net.Layer;
import org.nnid.net.Network;
import org.nnid.registry.TheoryRegistry;

/**
 * The checker as dedup asks it (forms first, one witness point, on all of R^n): near misses are
 * refuted by the cheap proofs that now come before the witness search and the region cover, every
 * refutation's evidence re-checks, and a memo of A's exact form changes no verdict.
 */
class FormsFirstRefutationProperties {
    private static final Checker.Options DEDUP = Checker.Options.defaults().onAllOfRn().withTolerance(0).withSearch(1, 1)
            .withFormsFirst();

    /** A dense network: inputs, then hidden widths, then outputs. */
    private static Network random(String activation, Random r, int... widths) {
        List<Layer> layers = new ArrayList<>();
        for (int l = 1; l < widths.length; l++) {
            double[] w = new double[widths[l] * widths[l - 1]];
            double[] b = new double[widths[l]];
            for (int k = 0; k < w.length; k++) {
                w[k] = (0.05 + r.nextDouble()) * (r.nextBoolean() ? 1 : -1) / Math.sqrt(widths[l - 1]);
            }
            for (int k = 0; k < b.length; k++) {
                b[k] = 0.1 * r.nextGaussian();
            }
            layers.add(Layer.of(widths[l], widths[l - 1], w, b));
        }
        return Network.layered(Activations.byName(activation), widths[0], layers, false);
    }

    /** The same network with parameter k of the last layer's bias (k < 0) or the first layer's weights moved one ulp up. */
    private static Network movedOneUlp(Network n, boolean outputBias, int k) {
        List<Layer> layers = new ArrayList<>(n.asLayers().orElseThrow());
        int l = outputBias ? layers.size() - 1 : 0;
        Layer layer = layers.get(l);
        double[] w = layer.weights().enclosureLo().toArray();
        double[] b = layer.bias().enclosureLo().toArray();
        if (outputBias) {
            b[k % b.length] = Math.nextUp(b[k % b.length]);
        } else {
            w[k % w.length] = Math.nextUp(w[k % w.length]);
        }
        layers.set(l, Layer.of(layer.rows(), layer.cols(), w, b));
        return Network.layered(n.activation(), n.inputCount(), layers, false);
    }

    /**
     * The output bias moved by one ulp changes every output by less than its ulp: only where A's
     * output crosses zero do the exact values' enclosures part (this network's output takes both signs).
     */
    @Example
    void aDeepReluNetworkWithItsOutputBiasMovedOneUlpIsRefutedByExactEvaluationWhereItCrossesZero() {
        Random r = new Random(1304940);
        Network a = random("relu", r, 3, 10, 8, 1);
        Network b = movedOneUlp(a, true, 0);
        Checker.Result res = Checker.check(a, b, DEDUP);
        assertEquals(Verdict.NOT_EQUIVALENT, res.verdict(), res.reason());
        assertEquals("the outputs, computed exactly, differ at an input, where A's output crosses zero", res.reason());
        Evidence.Witness w = CheckerExamplesTest.only(res, Evidence.Witness.class);
        assertTrue(w.arithmetic() instanceof Evidence.Witness.ExactRational, w.describe());
        CheckerExamplesTest.assertEvidenceHolds(a, b, res);
    }

    // long profile: a try whose moved weight is inactive at the sampled points runs the region cover to its 20 s limit
    @Property(tries = 5)
    @Tag("long")
    void aDeepReluNetworkWithAFirstLayerWeightMovedOneUlpIsNeverEquivalentAndItsEvidenceHolds(@ForAll long seed) {
        Checker.Result res = checkFirstLayerNearMiss("relu", seed, 3, 10, 8, 1);
        assertTrue(res.verdict() == Verdict.NOT_EQUIVALENT || res.verdict() == Verdict.UNKNOWN, res.reason());
    }

    @Property(tries = 10)
    void aDeepTanhNetworkWithAWeightMovedOneUlpIsRefutedByTheNullFreenessTheorem(@ForAll long seed) {
        Checker.Result res = checkFirstLayerNearMiss("tanh", seed, 3, 6, 5, 1);
        assertEquals(Verdict.NOT_EQUIVALENT, res.verdict(), res.reason());
        assertEquals(ProofKind.THEOREM, res.qualifier(), res.reason());
    }

    /** A random network against itself with a first-layer weight moved one ulp; a refutation's evidence must hold. */
    private static Checker.Result checkFirstLayerNearMiss(String activation, long seed, int... widths) {
        Random r = new Random(seed);
        Network a = random(activation, r, widths);
        Network b = movedOneUlp(a, false, r.nextInt(widths[0] * widths[1]));
        Checker.Result res = Checker.check(a, b, DEDUP);
        if (res.verdict() == Verdict.NOT_EQUIVALENT) {
            CheckerExamplesTest.assertEvidenceHolds(a, b, res);
        }
        return res;
    }

    @Property(tries = 10)
    void aMemoOfTheRepresentativesFormChangesNoVerdictAndComputesTheFormOnce(@ForAll long seed) {
        Random r = new Random(seed);
        String activation = List.of("tanh", "relu", "logistic").get(Math.floorMod(seed, 3));
        Network rep = random(activation, r, 2, 5, 4, 1);
        List<Network> members = List.of(rep, movedOneUlp(rep, true, 0), movedOneUlp(rep, false, r.nextInt(10)),
                random(activation, r, 2, 5, 4, 1));
        Checker.FormMemo memo = new Checker.FormMemo();
        for (Network m : members) {
            Checker.Result shared = Checker.check(rep, m, DEDUP, memo);
            Checker.Result alone = Checker.check(rep, m, DEDUP);
            assertEquals(alone.verdict(), shared.verdict());
            assertEquals(alone.reason(), shared.reason());
        }
        TheoryFacts facts = TheoryFacts.of(rep, TheoryRegistry.builtins());
        assertSame(memo.formOf(rep, facts), memo.formOf(rep, facts));
    }
}
