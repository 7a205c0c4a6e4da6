package org.nnid.exact;

import org.nnid.registry.TheoryRegistry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nnid.exact.ZeroDecision.Verdict;
import org.nnid.io.NetworkJson;
import org.nnid.net.Network;

/** docs/math.md §6's exact procedures on the worked examples of §9 and on near misses. */
class ZeroTestsTest {

    static Network net(String activation, int inputs, String layers) {
        return NetworkJson.parse("{\"format\": \"nnid-network/1\", \"activation\": \"" + activation + "\", \"inputs\": "
                + inputs + ", \"layers\": " + layers + "}", "test");
    }

    static Network dag(String activation, String inputs, String nodes) {
        return NetworkJson.parse("{\"format\": \"nnid-network/1\", \"activation\": \"" + activation + "\", \"inputs\": "
                + inputs + ", \"nodes\": " + nodes + "}", "test");
    }

    static ZeroDecision assertVerdict(Verdict expected, Network n) {
        ZeroDecision d = TheoryRegistry.builtins().decideZero(n);
        assertEquals(expected, d.verdict(), d.toString());
        return d;
    }

    /** E8: sin(x) + sin(x + 2π/3) + sin(x + 4π/3) ≡ 0. */
    static Network e8(String thirdBias) {
        return net("sin", 1, "[{\"weights\": [[\"1\"],[\"1\"],[\"1\"]], \"bias\": [\"0\", \"2*Pi/3\", \"" + thirdBias
                + "\"]}, {\"weights\": [[\"1\",\"1\",\"1\"]], \"bias\": [\"0\"]}]");
    }

    @Test
    void e8ThreePhasesOfSineAreZero() {
        ZeroDecision d = assertVerdict(Verdict.ZERO, e8("4*Pi/3"));
        assertTrue(d.method().contains("phasor"), d.toString());
    }

    @Test
    void e8NearMissIsNonzeroWithEvidence() {
        ZeroDecision d = assertVerdict(Verdict.NONZERO, e8("5*Pi/4"));
        assertTrue(d.evidence().contains("≠ 0"), d.toString());
        assertTrue(d.evidence().contains("witness"), d.toString());
    }

    @Test
    void e8CosineAndNegatedFrequencies() {
        // cos(x) + cos(−x − 2π/3) + cos(x + 4π/3) ≡ 0: cos is even, so −x meets x.
        assertVerdict(Verdict.ZERO, net("cos", 1, "[{\"weights\": [[\"1\"],[\"-1\"],[\"1\"]], \"bias\": [\"0\", \"-2*Pi/3\","
                + " \"4*Pi/3\"]}, {\"weights\": [[\"1\",\"1\",\"1\"]], \"bias\": [\"0\"]}]"));
        // sin(−x − 2π/3) = −sin(x + 2π/3): the sign moves to the coefficient.
        assertVerdict(Verdict.ZERO, net("sin", 1, "[{\"weights\": [[\"1\"],[\"-1\"],[\"1\"]], \"bias\": [\"0\", \"-2*Pi/3\","
                + " \"4*Pi/3\"]}, {\"weights\": [[\"1\",\"-1\",\"1\"]], \"bias\": [\"0\"]}]"));
    }

    @Test
    void e9SineAndItsHalfTurnCancel() {
        assertVerdict(Verdict.ZERO, net("sin", 1, "[{\"weights\": [[\"1\"],[\"1\"]], \"bias\": [\"0\", \"Pi\"]},"
                + " {\"weights\": [[\"1\",\"1\"]], \"bias\": [\"0\"]}]"));
    }

    @Test
    void sineOfDistinctFrequenciesDoesNotCancel() {
        assertVerdict(Verdict.NONZERO, net("sin", 1, "[{\"weights\": [[\"1\"],[\"2\"]], \"bias\": [\"0\", \"Pi\"]},"
                + " {\"weights\": [[\"1\",\"1\"]], \"bias\": [\"0\"]}]"));
    }

    @Test
    void e10FiniteDifferencesOfSquaresAreZero() {
        ZeroDecision d = assertVerdict(Verdict.ZERO, net("square", 1, "[{\"weights\": [[\"1\"],[\"1\"],[\"1\"],[\"1\"]],"
                + " \"bias\": [\"3\",\"2\",\"1\",\"0\"]}, {\"weights\": [[\"1\",\"-3\",\"3\",\"-1\"]], \"bias\": [\"0\"]}]"));
        assertTrue(d.evidence().contains("all 3 coefficients"), d.toString());
        assertVerdict(Verdict.ZERO, net("square", 1, "[{\"weights\": [[\"1\"],[\"1\"],[\"1\"]], \"bias\": [\"1\",\"-1\",\"0\"]},"
                + " {\"weights\": [[\"1\",\"1\",\"-2\"]], \"bias\": [\"-2\"]}]"));
    }

    @Test
    void e10NearMissIsRefutedAtAnExactPoint() {
        ZeroDecision d = assertVerdict(Verdict.NONZERO, net("square", 1, "[{\"weights\": [[\"1\"],[\"1\"],[\"1\"]],"
                + " \"bias\": [\"1\",\"-1\",\"0\"]}, {\"weights\": [[\"1\",\"1\",\"-2\"]], \"bias\": [\"-3\"]}]"));
        // the exact evaluation at a few points comes before any expansion (issue 22)
        assertEquals("output y1 is -1 ≠ 0 at x1 = 0 (exact rational evaluation)", d.evidence());
    }

    static Network shiftedSquare(String linear) {
        return dag("square", "[\"x\"]", "[{\"id\": \"h1\", \"bias\": \"Pi\", \"in\": {\"x\": \"1\"}},"
                + " {\"id\": \"h2\", \"in\": {\"x\": \"1\"}}, {\"id\": \"y\", \"output\": true, \"bias\": \"-Pi^2\","
                + " \"in\": {\"h1\": \"1\", \"h2\": \"-1\", \"x\": \"" + linear + "\"}}]");
    }

    @Test
    void polynomialsWithClosedFormConstantsUseSymja() {
        // (x + π)² − x² − 2π·x − π² ≡ 0
        assertVerdict(Verdict.ZERO, shiftedSquare("-2*Pi"));
        ZeroDecision d = assertVerdict(Verdict.NONZERO, shiftedSquare("-2*Pi+1/1000"));
        assertTrue(d.evidence().contains("enclosed in"), d.toString());
    }

    /** E11 as one network: relu(x) − relu(−x) − (relu(x+1) − relu(−x−1) − 1). */
    static Network e11(String constant) {
        return net("relu", 1, "[{\"weights\": [[\"1\"],[\"-1\"],[\"1\"],[\"-1\"]], \"bias\": [\"0\",\"0\",\"1\",\"-1\"]},"
                + " {\"weights\": [[\"1\",\"-1\",\"-1\",\"1\"]], \"bias\": [\"" + constant + "\"]}]");
    }

    @Test
    void e11DifferenceOfTheTwoReluNetworksIsZero() {
        assertVerdict(Verdict.ZERO, e11("1"));
    }

    @Test
    void e11NearMissHasAnExactRationalWitness() {
        ZeroDecision d = assertVerdict(Verdict.NONZERO, e11("1/2"));
        assertTrue(d.evidence().matches("output y1 is .* at x1 = .* \\(exact\\)"), d.toString());
    }

    @Test
    void e12ReluBeyondTheSymmetryGroup() {
        // relu(relu(x)) − relu(x) ≡ 0 and relu(−relu(x) − 1) ≡ 0.
        assertVerdict(Verdict.ZERO, dag("relu", "[\"x\"]", "[{\"id\": \"h1\", \"in\": {\"x\": \"1\"}},"
                + " {\"id\": \"h2\", \"in\": {\"h1\": \"1\"}}, {\"id\": \"y\", \"output\": true, \"in\": {\"h2\": \"1\", \"h1\": \"-1\"}}]"));
        assertVerdict(Verdict.ZERO, dag("relu", "[\"x\"]", "[{\"id\": \"h1\", \"in\": {\"x\": \"1\"}},"
                + " {\"id\": \"h2\", \"bias\": \"-1\", \"in\": {\"h1\": \"-1\"}}, {\"id\": \"y\", \"output\": true, \"in\": {\"h2\": \"1\"}}]"));
        assertVerdict(Verdict.NONZERO, dag("relu", "[\"x\"]", "[{\"id\": \"h1\", \"in\": {\"x\": \"1\"}},"
                + " {\"id\": \"h2\", \"bias\": \"1\", \"in\": {\"h1\": \"-1\"}}, {\"id\": \"y\", \"output\": true, \"in\": {\"h2\": \"1\"}}]"));
    }

    /** Issue 22: two copies of a deep square network whose outputs differ by 1; the expansion would have degree 32 in 5 inputs. */
    @Test
    void aDeepSquareDifferenceIsRefutedByExactPointsBeforeAnyExpansion() {
        StringBuilder layers = new StringBuilder("[");
        String row5 = "[\"1\",\"-2\",\"1\",\"3\",\"-1\"]";
        layers.append("{\"weights\": [").append(row5).append(",").append(row5).append("], \"bias\": [\"1\",\"1\"]},");
        for (int l = 1; l < 5; l++) {
            layers.append("{\"weights\": [[\"1\",\"-1\"],[\"1\",\"-1\"]], \"bias\": [\"2\",\"2\"]},");
        }
        layers.append("{\"weights\": [[\"1\",\"-1\"]], \"bias\": [\"1\"]}]");
        ZeroDecision d = assertVerdict(Verdict.NONZERO, net("square", 5, layers.toString()));
        assertTrue(d.evidence().contains("exact rational evaluation"), d.toString());
    }

    @Test
    void e13SoftplusIsNotDecidedExactly() {
        ZeroDecision d = assertVerdict(Verdict.NOT_APPLICABLE, net("softplus", 1, "[{\"weights\": [[\"1\"],[\"-1\"],[\"1\"],"
                + "[\"-1\"]], \"bias\": [\"0\",\"0\",\"1\",\"-1\"]}, {\"weights\": [[\"1\",\"-1\",\"-1\",\"1\"]], \"bias\": [\"1\"]}]"));
        assertTrue(d.evidence().contains("softplus"), d.toString());
    }

    @Test
    void e14IdentityInTwoInputs() {
        assertVerdict(Verdict.ZERO, dag("identity", "[\"x1\", \"x2\"]", "[{\"id\": \"h1\", \"in\": {\"x1\": \"1\"}},"
                + " {\"id\": \"h2\", \"in\": {\"x2\": \"1\"}}, {\"id\": \"h3\", \"in\": {\"x1\": \"1\", \"x2\": \"1\"}},"
                + " {\"id\": \"y\", \"output\": true, \"in\": {\"h1\": \"1\", \"h2\": \"1\", \"h3\": \"-1\"}}]"));
        ZeroDecision d = assertVerdict(Verdict.NONZERO, dag("identity", "[\"x1\", \"x2\"]", "[{\"id\": \"h1\", \"in\": {\"x1\": \"1\"}},"
                + " {\"id\": \"h2\", \"in\": {\"x2\": \"1\"}}, {\"id\": \"h3\", \"in\": {\"x1\": \"1\", \"x2\": \"1\"}},"
                + " {\"id\": \"y\", \"output\": true, \"in\": {\"h1\": \"1\", \"h2\": \"2\", \"h3\": \"-1\"}}]"));
        assertTrue(d.evidence().contains("is 1 ≠ 0 at x1 = 0, x2 = 1"), d.toString());
    }

    @Test
    void expMergesBiasesWithTheSameSlope() {
        // exp(x+1) + exp(x) − (1+e)·exp(x) ≡ 0
        assertVerdict(Verdict.ZERO, net("exp", 1, "[{\"weights\": [[\"1\"],[\"1\"]], \"bias\": [\"1\",\"0\"]},"
                + " {\"weights\": [[\"1\",\"-E\"]], \"bias\": [\"0\"]}]"));
        // exp(x+1) − e·exp(x) + exp(2x) − exp(2x): rational slopes and biases, merged exactly
        assertVerdict(Verdict.ZERO, net("exp", 1, "[{\"weights\": [[\"1\"],[\"1\"],[\"2\"],[\"2\"]],"
                + " \"bias\": [\"1\",\"1\",\"0\",\"0\"]}, {\"weights\": [[\"1\",\"-1\",\"3\",\"-3\"]], \"bias\": [\"0\"]}]"));
        // e·exp(x) − exp(x+2): Lindemann–Weierstrass says e^1 and e^2 cannot cancel
        ZeroDecision d = assertVerdict(Verdict.NONZERO, net("exp", 1, "[{\"weights\": [[\"1\"],[\"1\"]], \"bias\": [\"1\",\"2\"]},"
                + " {\"weights\": [[\"1\",\"-1\"]], \"bias\": [\"0\"]}]"));
        assertTrue(d.evidence().contains("Lindemann"), d.toString());
    }

    @Test
    void tanhAndLogisticGroupSums() {
        // E1 minus its flipped twin: 3tanh(x+1/2) − tanh(2x−1) − 3tanh(x+1/2) − tanh(−2x+1) ≡ 0
        assertVerdict(Verdict.ZERO, net("tanh", 1, "[{\"weights\": [[\"1\"],[\"2\"],[\"1\"],[\"-2\"]],"
                + " \"bias\": [\"1/2\",\"-1\",\"1/2\",\"1\"]}, {\"weights\": [[\"3\",\"-1\",\"-3\",\"-1\"]], \"bias\": [\"0\"]}]"));
        // E2's logistic twin: the flip leaves a constant, cancelled by the output bias 1
        assertVerdict(Verdict.ZERO, net("logistic", 1, "[{\"weights\": [[\"1\"],[\"2\"],[\"1\"],[\"-2\"]],"
                + " \"bias\": [\"1/2\",\"-1\",\"1/2\",\"1\"]}, {\"weights\": [[\"3\",\"-1\",\"-3\",\"-1\"]], \"bias\": [\"1\"]}]"));
        ZeroDecision d = assertVerdict(Verdict.NONZERO, net("logistic", 1, "[{\"weights\": [[\"1\"],[\"2\"],[\"1\"],[\"-2\"]],"
                + " \"bias\": [\"1/2\",\"-1\",\"1/2\",\"1\"]}, {\"weights\": [[\"3\",\"-1\",\"-3\",\"-1\"]], \"bias\": [\"0\"]}]"));
        assertTrue(d.evidence().contains("constant term -1"), d.toString());
    }

    @Test
    void doublesDeeperNetworksAndOtherActivationsAreNotApplicable() {
        assertVerdict(Verdict.NOT_APPLICABLE, net("tanh", 1, "[{\"weights\": [[1]], \"bias\": [0]}, {\"weights\": [[1]], \"bias\": [0]}]"));
        assertVerdict(Verdict.NOT_APPLICABLE, net("sin", 1, "[{\"weights\": [[\"1\"]], \"bias\": [\"0\"]},"
                + " {\"weights\": [[\"1\"]], \"bias\": [\"0\"]}, {\"weights\": [[\"1\"]], \"bias\": [\"0\"]}]"));
        assertVerdict(Verdict.NOT_APPLICABLE, net("arctan", 1, "[{\"weights\": [[\"1\"]], \"bias\": [\"0\"]},"
                + " {\"weights\": [[\"1\"]], \"bias\": [\"0\"]}]"));
        assertVerdict(Verdict.NOT_APPLICABLE, net("relu", 2, "[{\"weights\": [[\"1\", \"1\"]], \"bias\": [\"0\"]},"
                + " {\"weights\": [[\"1\"]], \"bias\": [\"0\"]}]"));
    }
}
