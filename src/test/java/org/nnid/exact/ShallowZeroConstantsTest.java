package org.nnid.exact;

import org.nnid.registry.TheoryRegistry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;
import org.nnid.equiv.Checker;
import org.nnid.equiv.Verdict;
import org.nnid.io.NetworkJson;
import org.nnid.net.Network;

/** Depth-1 sin units with phases that are huge multiples of π, or whose equality needs trigonometry. */
class ShallowZeroConstantsTest {

    private static Network sine(String weights, String biases, String outgoing) {
        return NetworkJson.parse("{\"format\": \"nnid-network/1\", \"activation\": \"sin\", \"inputs\": 1, \"layers\": ["
                + "{\"weights\": " + weights + ", \"bias\": " + biases + "}, {\"weights\": [" + outgoing + "], \"bias\": [\"0\"]}]}",
                "test");
    }

    @Test
    void aPhaseShiftedByAnEvenHugeMultipleOfPiIsTheSameUnit() {
        // sin(x + 10^16·π + 1/3) − sin(x + 1/3): the floor of θ/π must be exact, past 2^53
        ZeroDecision d = TheoryRegistry.builtins().decideZero(sine("[[\"1\"],[\"1\"]]", "[\"10^16*Pi+1/3\", \"1/3\"]", "[\"2/7\", \"-2/7\"]"));
        assertEquals(ZeroDecision.Verdict.ZERO, d.verdict(), d.toString());
        // an odd multiple flips the sign: sin(x + (10^16+1)·π + 1/3) + sin(x + 1/3) ≡ 0
        ZeroDecision odd = TheoryRegistry.builtins().decideZero(sine("[[\"1\"],[\"1\"]]", "[\"(10^16+1)*Pi+1/3\", \"1/3\"]", "[\"1\", \"1\"]"));
        assertEquals(ZeroDecision.Verdict.ZERO, odd.verdict(), odd.toString());
    }

    @Test
    void theCheckerFindsTheTwoOneUnitNetworksEquivalent() {
        Network a = sine("[[\"1\"]]", "[\"10^16*Pi+1/3\"]", "[\"2/7\"]");
        Network b = sine("[[\"1\"]]", "[\"1/3\"]", "[\"2/7\"]");
        Checker.Result r = Checker.check(a, b, Checker.Options.defaults());
        assertEquals(Verdict.EQUIVALENT, r.verdict(), () -> r.reason() + " " + r.evidence());
    }

    @Test
    void theAdditionTheoremExpansionIsEqualOrUndecidedNeverUnequal() {
        // sin(x + 10^17) − cos(10^17)·sin(x) − sin(10^17)·sin(x + π/2) ≡ 0
        ZeroDecision d = TheoryRegistry.builtins().decideZero(sine("[[\"1\"],[\"1\"],[\"1\"]]", "[\"10^17\", \"0\", \"Pi/2\"]",
                "[\"1\", \"-Cos(10^17)\", \"-Sin(10^17)\"]"));
        assertNotEquals(ZeroDecision.Verdict.NONZERO, d.verdict(), d.toString());
        Network a = sine("[[\"1\"]]", "[\"10^17\"]", "[\"1\"]");
        Network b = sine("[[\"1\"],[\"1\"]]", "[\"0\", \"Pi/2\"]", "[\"Cos(10^17)\", \"Sin(10^17)\"]");
        Checker.Result r = Checker.check(a, b, Checker.Options.defaults());
        assertNotEquals(Verdict.NOT_EQUIVALENT, r.verdict(), () -> r.reason() + " " + r.evidence());
    }

    @Test
    void aPhaseThatDiffersBeyondTheDoubleRangeOfDigitsIsNonzero() {
        // 10^16·π + 1/3 against 10^16·π + 1/3 + 10^-30: distinct phases, which only an enclosure separates
        ZeroDecision d = TheoryRegistry.builtins().decideZero(sine("[[\"1\"],[\"1\"]]", "[\"10^16*Pi+1/3\", \"10^16*Pi+1/3+10^(-30)\"]",
                "[\"1\", \"-1\"]"));
        assertEquals(ZeroDecision.Verdict.NONZERO, d.verdict(), d.toString());
    }
}
