package org.nnid.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nnid.io.NetworkJson;
import org.nnid.net.Evaluator;
import org.nnid.net.Examples;
import org.nnid.net.Layer;
import org.nnid.net.Network;
import org.nnid.scalar.Scalar;
import org.nnid.theory.Theory;
import org.nnid.registry.TheoryRegistry;

class RewriterTest {

    static Theory theory(String name) {
        return TheoryRegistry.builtins().get(name);
    }

    static Rewriter.Result canon(Network n) {
        Theory t = TheoryRegistry.builtins().theoryOf(n.activation());
        return Rewriter.canonicalise(n, t);
    }

    static Rewriter.Result reduce(Network n) {
        Theory t = TheoryRegistry.builtins().theoryOf(n.activation());
        return Rewriter.reduce(n, t);
    }

    static Replay.Outcome replay(Network n, Certificate c) {
        return Replay.check(n, c, Rules.of(TheoryRegistry.builtins().theoryOf(n.activation())));
    }

    private static Map<String, Scalar> in(Object... pairs) {
        Map<String, Scalar> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (Scalar) pairs[i + 1]);
        }
        return m;
    }

    private static void assertSameFunction(Network a, Network b) {
        for (double x = -3; x <= 3; x += 0.4) {
            assertEquals(Evaluator.evaluate(a, new double[] {x})[0], Evaluator.evaluate(b, new double[] {x})[0], 1e-12);
        }
    }

    @Test
    void e1SignFlippedTanhNetworksHaveEqualCanonicalForms() {
        Network c1 = canon(Examples.e1("tanh")).network();
        Network c2 = canon(Examples.e1Flipped()).network();
        assertEquals(NetworkJson.write(c1), NetworkJson.write(c2));
        assertSameFunction(c1, Examples.e1("tanh"));
    }

    @Test
    void e2LogisticFlipWithBiasShiftHasTheSameCanonicalForm() {
        assertEquals(NetworkJson.write(canon(Examples.e1("logistic")).network()),
                NetworkJson.write(canon(Examples.e2Flipped()).network()));
    }

    @Test
    void e2LogisticFlipWithoutTheBiasShiftIsADifferentCanonicalForm() {
        Network flipped = Examples.e2Flipped();
        Network noShift = Network.layered(flipped.activation(), 1, List.of(flipped.asLayers().orElseThrow().get(0),
                Layer.of(1, 2, new double[] {3, 1}, new double[] {0.25})), false);
        assertNotEquals(NetworkJson.write(canon(Examples.e1("logistic")).network()), NetworkJson.write(canon(noShift).network()));
    }

    @Test
    void e3ThreeSignClonesReduceToOneUnitWithWeightMinusOne() {
        // tanh(x+0.5), tanh(x+0.5), tanh(−x−0.5) with output weights 1, 2, 4 → one unit, weight −1.
        Network n = Network.layered(theory("tanh").activation(), 1, List.of(
                Layer.of(3, 1, new double[] {1, 1, -1}, new double[] {0.5, 0.5, -0.5}),
                Layer.of(1, 3, new double[] {1, 2, 4}, new double[] {0})), false);
        Network r = reduce(n).network();
        assertEquals(1, r.hiddenCount());
        int h = r.blocks().get(0).start();
        assertEquals(Map.of(0, Scalar.of(1.0)), r.incoming(h));
        assertEquals(Scalar.of(0.5), r.bias(h));
        assertEquals(Scalar.of(-1.0), r.incoming(r.outputNode(0)).get(h));
    }

    @Test
    void e5ConstantNodeFoldsIntoTheOutputBias() {
        double u = 1.75;
        Network n = Network.builder(theory("tanh").activation(), List.of("x1"))
                .hidden("a", Scalar.of(0.3), in("x1", Scalar.of(2.0)))
                .hidden("c", Scalar.of(0.8), in())
                .output("y", Scalar.of(0.1), in("a", Scalar.of(1.0), "c", Scalar.of(u)))
                .build();
        Network r = reduce(n).network();
        assertEquals(1, r.hiddenCount());
        assertEquals(0.1 + u * Math.tanh(0.8), r.bias(r.outputNode(0)).toDouble(), 1e-15);
    }

    @Test
    void e6CloneSplitsCanonicaliseBackToTheOriginal() {
        Network base = Examples.e1("tanh");
        for (double t : new double[] {0.3, -1.7, 5}) {
            // split h1_2 (output weight −1) into clones with shares (1−t, t)
            Network split = Network.builder(base.activation(), List.of("x1"))
                    .hidden("a", Scalar.of(0.5), in("x1", Scalar.of(1.0)))
                    .hidden("b1", Scalar.of(-1.0), in("x1", Scalar.of(2.0)))
                    .hidden("b2", Scalar.of(-1.0), in("x1", Scalar.of(2.0)))
                    .output("y1", Scalar.of(0.25), in("a", Scalar.of(3.0), "b1", Scalar.of(-(1 - t)), "b2", Scalar.of(-t)))
                    .build();
            assertSameFunction(split, base);
            Network c = canon(split).network();
            assertSameFunction(c, base);
            assertEquals(2, c.hiddenCount());
            // (1−t)·(−1) + t·(−1) in doubles may differ from −1 in the last bits.
            assertEqualWithin(canon(base).network(), c, 1e-14);
        }
    }

    /** Same nodes and edges, every number within tol. */
    static void assertEqualWithin(Network a, Network b, double tol) {
        assertEquals(a.nodeCount(), b.nodeCount());
        for (int v = a.inputCount(); v < a.nodeCount(); v++) {
            int w = b.indexOf(a.id(v));
            assertTrue(w >= 0, a.id(v));
            assertEquals(a.bias(v).toDouble(), b.bias(w).toDouble(), tol, a.id(v));
            Map<Integer, Scalar> ia = a.incoming(v);
            Map<Integer, Scalar> ib = b.incoming(w);
            assertEquals(ia.size(), ib.size(), a.id(v));
            for (Map.Entry<Integer, Scalar> e : ia.entrySet()) {
                Scalar other = ib.get(b.indexOf(a.id(e.getKey())));
                assertEquals(e.getValue().toDouble(), other.toDouble(), tol, a.id(v) + " <- " + a.id(e.getKey()));
            }
        }
    }

    @Test
    void e6ExactCloneSplitsCanonicaliseToExactlyTheOriginalForm() {
        Network base = NetworkJson.parse("""
                {"activation": "tanh", "inputs": 1, "layers": [
                 {"weights": [["1"], ["2"]], "bias": ["1/2", "-1"]}, {"weights": [["3", "-1"]], "bias": ["1/4"]}]}""", "e1.json");
        String want = NetworkJson.write(canon(base).network());
        for (String t : new String[] {"3/10", "-17/10", "5"}) {
            Scalar share = Scalar.parseExact(t);
            Network split = Network.builder(base.activation(), List.of("x1"))
                    .hidden("a", Scalar.of(1, 2), in("x1", Scalar.ONE))
                    .hidden("b1", Scalar.of(-1), in("x1", Scalar.of(2)))
                    .hidden("b2", Scalar.of(-1), in("x1", Scalar.of(2)))
                    .output("y1", Scalar.of(1, 4), in("a", Scalar.of(3), "b1", Scalar.ONE.subtract(share).negate(),
                            "b2", share.negate()))
                    .build();
            assertEquals(want, NetworkJson.write(canon(split).network()));
        }
    }

    @Test
    void e7CascadeReducesToTwoLayersWithTheExactConstant() {
        Rewriter.Result r = reduce(Examples.e7());
        Network n = r.network();
        assertEquals(3, n.hiddenCount(), NetworkJson.write(n));
        assertEquals(0.0826252249031818, n.bias(n.outputNode(0)).toDouble(), 1e-15);
        assertTrue(n.isExact());
        assertSameFunction(n, Examples.e7());
        assertTrue(replay(Examples.e7(), r.certificate()).valid());
    }

    @Test
    void e9SinAndItsHalfTurnShiftCancelThroughASymmetryNotANullNetwork() {
        Network n = NetworkJson.parse("""
                {"activation": "sin", "inputs": 1, "layers": [
                 {"weights": [["1"], ["1"]], "bias": ["0", "Pi"]}, {"weights": [["1", "1"]], "bias": ["0"]}]}""", "e9.json");
        Network r = reduce(n).network();
        assertEquals(0, r.hiddenCount(), NetworkJson.write(r));
        assertEquals(Scalar.ZERO, r.bias(r.outputNode(0)));
        assertTrue(r.incoming(r.outputNode(0)).isEmpty());
    }

    @Test
    void canonicalisationIsIdempotentAndDeterministic() {
        Network once = canon(Examples.e7()).network();
        Network twice = canon(once).network();
        assertEquals(NetworkJson.write(once), NetworkJson.write(twice));
        assertEquals(NetworkJson.write(once), NetworkJson.write(canon(Examples.e7()).network()));
    }

    @Test
    void replayAcceptsTheEnginesCertificateAndRejectsTamperedOnes() {
        Network e1 = Examples.e1Flipped();
        Certificate c = canon(e1).certificate();
        assertTrue(replay(e1, c).valid(), replay(e1, c).message());
        Certificate roundTripped = Certificate.parse(c.toJson(), "cert.json");
        assertTrue(replay(e1, roundTripped).valid());
        // Tamper: claim a relu-style rescaling, which is not in S_tanh.
        String bad = c.toJson().replace("\"element\" : [ \"-1\", \"0\", \"-1\", \"0\" ]",
                "\"element\" : [ \"2\", \"0\", \"2\", \"0\" ]");
        assertNotEquals(bad, c.toJson());
        Replay.Outcome o = replay(e1, Certificate.parse(bad, "bad.json"));
        assertFalse(o.valid());
        assertTrue(o.message().contains("not in the symmetry group"), o.message());
        // Tamper: the stated result (its hash no longer matches, so the certificate is refused when read).
        String wrongResult = c.toJson().replace("0.25", "0.26");
        assertNotEquals(wrongResult, c.toJson());
        assertThrows(org.nnid.io.NetworkFormatException.class, () -> Certificate.parse(wrongResult, "bad.json"));
        // A certificate for another network.
        assertFalse(replay(Examples.e1("tanh"), c).valid());
    }

    private static Network twoUnits(double b2) {
        return Network.layered(theory("tanh").activation(), 1, List.of(
                Layer.of(2, 1, new double[] {1, 1}, new double[] {0.5, b2}),
                Layer.of(1, 2, new double[] {1, 2}, new double[] {0})), false);
    }

    @Test
    void doubleClonesWithinTheToleranceAreMergedAndSaidSo() {
        Rewriter.Result r = canon(twoUnits(0.5 + 1e-15));
        assertEquals(1, r.network().hiddenCount());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("within tolerance")), r.notes().toString());
        assertFalse(replay(twoUnits(0.5 + 1e-15), r.certificate()).valid(), "an exact replay refuses a merge within tolerance");
        assertTrue(Replay.check(twoUnits(0.5 + 1e-15), r.certificate(), Rules.of(theory("tanh")),
                Tolerance.DEFAULT).valid());
        assertTrue(Certificate.parse(r.certificate().toJson(), "c.json").moves().stream()
                .anyMatch(m -> m instanceof Move.MergeClones c && c.tolerance() == Tolerance.DEFAULT));
    }

    @Test
    void doubleNearClonesOutsideTheToleranceAreKeptApartAsANearTie() {
        Rewriter.Result r = canon(twoUnits(0.5 + 1e-10));
        assertEquals(2, r.network().hiddenCount());
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("near-tie")), r.notes().toString());
        // With tolerance 0 even a one-ulp difference keeps the clones apart.
        Theory t = theory("tanh");
        assertEquals(2, Rewriter.canonicalise(twoUnits(Math.nextUp(0.5)), t, 0).network()
                .hiddenCount());
    }

    @Test
    void replayRejectsAToleranceMergeOfValuesThatAreFarApart() {
        Rewriter.Result r = canon(twoUnits(0.5 + 1e-15));
        String json = r.certificate().toJson();
        Network far = twoUnits(0.5 + 1e-6);
        Certificate forged = Certificate.parse(json.replace(r.certificate().inputSha256(),
                Certificate.sha256(NetworkJson.write(far))), "forged.json");
        Replay.Outcome o = replay(far, forged);
        assertFalse(o.valid());
        assertTrue(o.message().contains("within tolerance"), o.message());
    }
}
