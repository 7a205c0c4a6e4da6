package org.nnid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.nnid.equiv.Checker;
import org.nnid.equiv.EvidenceChecker;
import org.nnid.equiv.Verdict;
import org.nnid.equiv.VerdictFile;
import org.nnid.io.NetworkJson;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/**
 * The exact piecewise-linear decisions on generated relu pairs (2–8 inputs, 1–3 hidden layers):
 * pairs made equal beyond the symmetry group are proved EQUIVALENT, near misses are never wrongly
 * equal, and every verdict's evidence holds when check-evidence re-checks it. {@code nnid bench-relu}
 * runs the same pairs in larger numbers.
 */
class ReluPairVerdictsProperties {

    @Property(tries = 8, seed = "11")
    void equalReluPairsAreProvedEquivalentWithEvidenceThatHolds(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        ReluPairs.Pair p = ReluPairs.pair(seed, ReluPairs.Kind.EQUAL);
        Checker.Result r = Checker.check(p.a(), p.b(), Checker.Options.defaults());
        assertEquals(Verdict.EQUIVALENT, r.verdict(), () -> p.shape() + ": " + r.reason() + " " + r.notes());
        assertEvidenceHolds(p, r);
    }

    @Property(tries = 8, seed = "12")
    void aReluNearMissIsNeverNotEquivalentWithoutAWitnessAndItsEvidenceHolds(
            @ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        ReluPairs.Pair p = ReluPairs.pair(seed, seed % 2 == 0 ? ReluPairs.Kind.KINK_1E_6 : ReluPairs.Kind.PARAMETER_1E_9);
        Checker.Result r = Checker.check(p.a(), p.b(), Checker.Options.defaults());
        assertNotEquals(Verdict.UNKNOWN, r.verdict(), () -> p.shape() + ": " + r.reason());
        assertEvidenceHolds(p, r);
    }

    private static void assertEvidenceHolds(ReluPairs.Pair p, Checker.Result r) {
        String json = VerdictFile.write(p.a(), p.b(), r, false);
        EvidenceChecker.Report report = EvidenceChecker.check(VerdictFile.parse(json, "test", NetworkJson::parse),
                Checker.Options.defaults().registry());
        assertTrue(report.holds(), () -> String.join("\n", report.lines()));
    }
}
