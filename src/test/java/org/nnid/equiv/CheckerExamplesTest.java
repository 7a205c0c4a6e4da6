package org.nnid.equiv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nnid.io.NetworkJson;
import org.nnid.net.Examples;
import org.nnid.net.Network;
import org.nnid.scalar.Interval;
import org.nnid.registry.TheoryRegistry;

/** The checker on docs/math.md §9's worked examples and the decision classes. */
class CheckerExamplesTest {

    static Network net(String activation, String layers) {
        return NetworkJson.parse("{\"format\": \"nnid-network/1\", \"activation\": \"" + activation
                + "\", \"inputs\": 1, \"layers\": " + layers + "}", "test");
    }

    static Checker.Result check(Network a, Network b) {
        return Checker.check(a, b, Checker.Options.defaults());
    }

    static <E extends Evidence> E only(Checker.Result r, Class<E> kind) {
        List<E> found = r.evidence().stream().filter(kind::isInstance).map(kind::cast).toList();
        assertEquals(1, found.size(), () -> "expected one " + kind.getSimpleName() + " in " + r.evidence());
        return found.get(0);
    }

    /** Re-checks the result's evidence through a saved verdict file, as check-evidence does. */
    static void assertEvidenceHolds(Network a, Network b, Checker.Result r) {
        String json = VerdictFile.write(a, b, r, false);
        VerdictFile.Saved saved = VerdictFile.parse(json, "test", NetworkJson::parse);
        EvidenceChecker.Report report = EvidenceChecker.check(saved, TheoryRegistry.builtins());
        assertTrue(report.holds(), () -> String.join("\n", report.lines()));
    }

    @Test
    void e1TanhSignFlipOfDoublesIsEquivalentExactly() {
        Checker.Result r = check(Examples.e1("tanh"), Examples.e1Flipped());
        assertEquals(Verdict.EQUIVALENT, r.verdict());
        assertEquals(ProofKind.EXACT, r.qualifier(), "the doubles are taken as the rationals they are");
        assertTrue(only(r, Evidence.CanonicalForms.class).exact());
        assertEvidenceHolds(Examples.e1("tanh"), Examples.e1Flipped(), r);
    }

    /**
     * relu units (10⁶, 1) and (2·10⁶, 2.000001) normalise to (1, 10⁻⁶) and (1, 1.0000005·10⁻⁶):
     * within 1e-12 of each other only with a floor of 1 under the relative tolerance. Merging
     * them made A's canonical form equal B's, and the checker said "EQUIVALENT within 1e-12"
     * although the outputs at (0, 1) are 3.000001 and 3.
     */
    @Test
    void unitsWhoseNormalFormsDifferBeyondTheToleranceRelativelyAreNotMerged() {
        Network a = NetworkJson.parse("{\"format\": \"nnid-network/1\", \"activation\": \"relu\", \"inputs\": 2,"
                + " \"layers\": [{\"weights\": [[1e6, 1], [2e6, 2.000001]], \"bias\": [0, 0]},"
                + " {\"weights\": [[1, 1]], \"bias\": [0]}]}", "a");
        Network b = NetworkJson.parse("{\"format\": \"nnid-network/1\", \"activation\": \"relu\", \"inputs\": 2,"
                + " \"layers\": [{\"weights\": [[1e6, 1]], \"bias\": [0]}, {\"weights\": [[3]], \"bias\": [0]}]}", "b");
        Checker.Result r = check(a, b);
        assertEquals(Verdict.NOT_EQUIVALENT, r.verdict(), () -> r.reason() + " " + r.evidence());
        assertEvidenceHolds(a, b, r);
    }

    @Test
    void e2LogisticFlipNeedsTheBiasShift() {
        assertEquals(Verdict.EQUIVALENT, check(Examples.e1("logistic"), Examples.e2Flipped()).verdict());
        Network noShift = net("logistic", "[{\"weights\": [[\"1\"], [\"-2\"]], \"bias\": [\"0.5\", \"1\"]},"
                + " {\"weights\": [[\"3\", \"1\"]], \"bias\": [\"0.25\"]}]");
        Checker.Result r = check(Examples.e1("logistic"), noShift);
        assertEquals(Verdict.NOT_EQUIVALENT, r.verdict());
        Evidence.Witness w = only(r, Evidence.Witness.class);
        assertFalse(w.a().overlaps(w.b()));
        assertEvidenceHolds(Examples.e1("logistic"), noShift, r);
    }

    @Test
    void e7IsEquivalentToItsReducedForm() {
        Network reduced = net("tanh", "[{\"weights\": [[\"1\"], [\"2\"]], \"bias\": [\"0\", \"-1\"]},"
                + " {\"weights\": [[\"1\", \"1\"]], \"bias\": [\"0\"]},"
                + " {\"weights\": [[\"1\"]], \"bias\": [\"2*Tanh(3/10)-1/2\"]}]");
        Checker.Result r = check(Examples.e7(), reduced);
        assertEquals(Verdict.EQUIVALENT, r.verdict());
        assertEvidenceHolds(Examples.e7(), reduced, r);
    }

    @Test
    void tanhAndLogisticNetworksAreComparedByConversion() {
        // logistic(t) = 1/2 + tanh(t/2)/2: 2·logistic(2x) − 1 = tanh(x).
        Network logistic = net("logistic", "[{\"weights\": [[\"2\"]], \"bias\": [\"0\"]}, {\"weights\": [[\"2\"]], \"bias\": [\"-1\"]}]");
        Network tanh = net("tanh", "[{\"weights\": [[\"1\"]], \"bias\": [\"0\"]}, {\"weights\": [[\"1\"]], \"bias\": [\"0\"]}]");
        Checker.Result r = check(tanh, logistic);
        assertEquals(Verdict.EQUIVALENT, r.verdict());
        assertTrue(r.steps().stream().anyMatch(s -> s.contains("converted from logistic to tanh")), r.steps()::toString);
        assertEvidenceHolds(tanh, logistic, r);
    }

    @Test
    void e8SinNullNetworkMakesDifferentCanonicalFormsEqual() {
        Network a = net("sin", "[{\"weights\": [[\"1\"]], \"bias\": [\"0\"]}, {\"weights\": [[\"1\"]], \"bias\": [\"0\"]}]");
        Network b = net("sin", "[{\"weights\": [[\"1\"], [\"1\"]], \"bias\": [\"2*Pi/3\", \"4*Pi/3\"]},"
                + " {\"weights\": [[\"-1\", \"-1\"]], \"bias\": [\"0\"]}]");
        Checker.Result r = check(a, b);
        assertEquals(Verdict.EQUIVALENT, r.verdict());
        assertTrue(only(r, Evidence.ZeroTest.class).zero());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("canonical forms differ")), r.notes()::toString);
        assertEvidenceHolds(a, b, r);
    }

    @Test
    void e10PolynomialIdentityIsDecidedByExpansion() {
        Network a = net("square", "[{\"weights\": [[\"1\"], [\"1\"], [\"1\"], [\"1\"]], \"bias\": [\"3\", \"2\", \"1\", \"0\"]},"
                + " {\"weights\": [[\"1\", \"-3\", \"3\", \"-1\"]], \"bias\": [\"0\"]}]");
        Network zero = net("square", "[{\"weights\": [[\"1\"]], \"bias\": [\"0\"]}, {\"weights\": [[\"0\"]], \"bias\": [\"0\"]}]");
        Checker.Result r = check(a, zero);
        assertEquals(Verdict.EQUIVALENT, r.verdict());
        assertTrue(only(r, Evidence.ZeroTest.class).method().contains("polynomial"));
        Network b = net("square", "[{\"weights\": [[\"1\"], [\"1\"], [\"1\"]], \"bias\": [\"1\", \"-1\", \"0\"]},"
                + " {\"weights\": [[\"1\", \"1\", \"-2\"]], \"bias\": [\"-2\"]}]");
        assertEquals(Verdict.EQUIVALENT, check(b, zero).verdict());
        assertEvidenceHolds(a, zero, r);
    }

    @Test
    void e11ReluPairIsEquivalentWithDifferentCanonicalForms() {
        Network a = net("relu", "[{\"weights\": [[\"1\"], [\"-1\"]], \"bias\": [\"0\", \"0\"]}, {\"weights\": [[\"1\", \"-1\"]], \"bias\": [\"0\"]}]");
        Network b = net("relu", "[{\"weights\": [[\"1\"], [\"-1\"]], \"bias\": [\"1\", \"-1\"]}, {\"weights\": [[\"1\", \"-1\"]], \"bias\": [\"-1\"]}]");
        Checker.Result r = check(a, b);
        assertEquals(Verdict.EQUIVALENT, r.verdict());
        assertTrue(only(r, Evidence.PiecewiseLinearZero.class).detail().contains("2 distinct hyperplanes"));
        assertEvidenceHolds(a, b, r);
    }

    @Test
    void e12ReluOfReluIsRelu() {
        Network a = net("relu", "[{\"weights\": [[\"1\"]], \"bias\": [\"0\"]}, {\"weights\": [[\"1\"]], \"bias\": [\"0\"]},"
                + " {\"weights\": [[\"1\"]], \"bias\": [\"0\"]}]");
        Network b = net("relu", "[{\"weights\": [[\"1\"]], \"bias\": [\"0\"]}, {\"weights\": [[\"1\"]], \"bias\": [\"0\"]}]");
        assertEquals(Verdict.EQUIVALENT, check(a, b).verdict());
    }

    @Test
    void expUnitsWithOneSlopeMergeTheirBiases() {
        Network a = net("exp", "[{\"weights\": [[\"1\"], [\"1\"]], \"bias\": [\"1\", \"0\"]}, {\"weights\": [[\"1\", \"1\"]], \"bias\": [\"0\"]}]");
        Network b = net("exp", "[{\"weights\": [[\"1\"]], \"bias\": [\"0\"]}, {\"weights\": [[\"1+E\"]], \"bias\": [\"0\"]}]");
        Checker.Result r = check(a, b);
        assertEquals(Verdict.EQUIVALENT, r.verdict());
        assertEvidenceHolds(a, b, r);
    }

    @Test
    void aWeightChangedInItsTwelfthDigitIsNotEquivalentWithAWitness() {
        Network a = net("tanh", "[{\"weights\": [[1.0], [2.0]], \"bias\": [0.5, -1.0]}, {\"weights\": [[3.0, -1.0]], \"bias\": [0.25]}]");
        Network b = net("tanh", "[{\"weights\": [[1.0], [2.00000000001]], \"bias\": [0.5, -1.0]}, {\"weights\": [[3.0, -1.0]], \"bias\": [0.25]}]");
        Checker.Result r = check(a, b);
        assertEquals(Verdict.NOT_EQUIVALENT, r.verdict());
        Evidence.Witness w = only(r, Evidence.Witness.class);
        Interval fa = w.a();
        Interval fb = w.b();
        assertFalse(fa.overlaps(fb));
        assertEvidenceHolds(a, b, r);
        // Within a tolerance larger than the change, the pair is still different: the closeness is a finding.
        Checker.Result loose = Checker.check(a, b, Checker.Options.defaults().withTolerance(1e-9));
        assertEquals(Verdict.NOT_EQUIVALENT, loose.verdict());
        assertTrue(loose.findings().stream().anyMatch(f -> f.contains("agree within relative 1.0E-9")),
                loose.findings().toString());
        // A saved verdict whose word is edited no longer holds.
        for (String word : new String[] {"EQUIVALENT", "UNKNOWN"}) {
            String edited = VerdictFile.write(a, b, r, false)
                    .replace("\"verdict\" : \"NOT_EQUIVALENT\"", "\"verdict\" : \"" + word + "\"");
            EvidenceChecker.Report report = EvidenceChecker.check(VerdictFile.parse(edited, "test", NetworkJson::parse),
                    TheoryRegistry.builtins());
            assertFalse(report.holds(), () -> word + ": " + String.join("\n", report.lines()));
        }
    }

    @Test
    void reluNetworksOnTwoInputsAreDecidedExactlyOnABox() {
        String l1 = "[{\"weights\": [[\"1\", \"0\"], [\"-1\", \"0\"]], \"bias\": [\"0\", \"0\"]}, {\"weights\": [[\"1\", \"-1\"]], \"bias\": [\"0\"]}]";
        String l2 = "[{\"weights\": [[\"1\", \"0\"], [\"-1\", \"0\"]], \"bias\": [\"1\", \"-1\"]}, {\"weights\": [[\"1\", \"-1\"]], \"bias\": [\"-1\"]}]";
        Network a = NetworkJson.parse("{\"format\": \"nnid-network/1\", \"activation\": \"relu\", \"inputs\": 2, \"layers\": " + l1 + "}", "a");
        Network b = NetworkJson.parse("{\"format\": \"nnid-network/1\", \"activation\": \"relu\", \"inputs\": 2, \"layers\": " + l2 + "}", "b");
        Checker.Result r = Checker.check(a, b, Checker.Options.defaults().withBox(Box.parse("-2,2", 2)));
        assertEquals(Verdict.EQUIVALENT, r.verdict());
        assertTrue(only(r, Evidence.PiecewiseLinearZero.class).box().isPresent());
        assertEvidenceHolds(a, b, r);
    }

    @Test
    void softplusNetworksOnTwoInputsWithoutAWitnessAreUnknownWithTheReason() {
        // softplus(t) − softplus(−t) = t, so these are one function; softplus has null networks and no exact
        // procedure decides softplus pairs (Symja is not asked by default)
        String l1 = "[{\"weights\": [[\"1\", \"0\"], [\"-1\", \"0\"]], \"bias\": [\"0\", \"0\"]}, {\"weights\": [[\"1\", \"-1\"]], \"bias\": [\"0\"]}]";
        String l2 = "[{\"weights\": [[\"1\", \"0\"], [\"-1\", \"0\"]], \"bias\": [\"1\", \"-1\"]}, {\"weights\": [[\"1\", \"-1\"]], \"bias\": [\"-1\"]}]";
        Network a = NetworkJson.parse("{\"format\": \"nnid-network/1\", \"activation\": \"softplus\", \"inputs\": 2, \"layers\": " + l1 + "}", "a");
        Network b = NetworkJson.parse("{\"format\": \"nnid-network/1\", \"activation\": \"softplus\", \"inputs\": 2, \"layers\": " + l2 + "}", "b");
        Checker.Result r = Checker.check(a, b, Checker.Options.defaults().withBox(Box.parse("-2,2", 2)));
        assertEquals(Verdict.UNKNOWN, r.verdict());
        assertTrue(r.reason().startsWith("softplus is not null-free"), r.reason());
        assertEquals(0, only(r, Evidence.Search.class).largestDifference(), 1e-12);
        assertTrue(only(r, Evidence.BoxBound.class).upperBound() >= 0);
        assertEvidenceHolds(a, b, r);
    }

    @Test
    void symbolicSecondOpinionProvesSoftplusIdentityE13() {
        // softplus(x) − softplus(−x) = x: one side a network, the other the identity through a dead unit.
        Network a = net("softplus", "[{\"weights\": [[\"1\"], [\"-1\"]], \"bias\": [\"0\", \"0\"]}, {\"weights\": [[\"1\", \"-1\"]], \"bias\": [\"0\"]}]");
        Network b = NetworkJson.parse("{\"format\": \"nnid-network/1\", \"activation\": \"softplus\", \"inputs\": 1,"
                + " \"nodes\": [{\"id\": \"y\", \"output\": true, \"bias\": \"0\", \"in\": {\"x1\": \"1\"}}]}", "b");
        assertEquals(Verdict.UNKNOWN, check(a, b).verdict());
        Checker.Result r = Checker.check(a, b, Checker.Options.defaults().withSymbolic(true));
        assertEquals(Verdict.EQUIVALENT, r.verdict(), r::toString);
        assertTrue(only(r, Evidence.Symbolic.class).proved());
    }

    @Test
    void networksOnDifferentSpacesAreRefused() {
        Network a = net("tanh", "[{\"weights\": [[\"1\"]], \"bias\": [\"0\"]}, {\"weights\": [[\"1\"]], \"bias\": [\"0\"]}]");
        Network b = NetworkJson.parse("{\"format\": \"nnid-network/1\", \"activation\": \"tanh\", \"inputs\": 2,"
                + " \"layers\": [{\"weights\": [[\"1\", \"1\"]], \"bias\": [\"0\"]}, {\"weights\": [[\"1\"]], \"bias\": [\"0\"]}]}", "b");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> check(a, b));
        assertTrue(e.getMessage().contains("1 inputs and B has 2"), e.getMessage());
    }
}
