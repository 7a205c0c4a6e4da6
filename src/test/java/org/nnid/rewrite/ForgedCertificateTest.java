package org.nnid.rewrite;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nnid.net.Network;
import org.nnid.scalar.Scalar;
import org.nnid.theory.SymmetryElement;
import org.nnid.theory.Theory;
import org.nnid.registry.TheoryRegistry;

/** A certificate never sets its own tolerance: a forged "within tolerance 1.0" merge does not replay. */
class ForgedCertificateTest {
    @Test
    void aMergeOfTanhXWithTanh2XCarryingItsOwnToleranceDoesNotReplay() {
        Theory tanh = TheoryRegistry.builtins().get("tanh");
        Network two = Network.builder(tanh.activation(), List.of("x1"))
                .hidden("u1", Scalar.ZERO, Map.of("x1", Scalar.ONE))
                .hidden("u2", Scalar.ZERO, Map.of("x1", Scalar.of(2)))
                .output("y1", Scalar.ZERO, Map.of("u1", Scalar.ONE, "u2", Scalar.ONE)).build();
        Network merged = Network.builder(tanh.activation(), List.of("x1"))
                .hidden("u1", Scalar.ZERO, Map.of("x1", Scalar.ONE))
                .output("y1", Scalar.ZERO, Map.of("u1", Scalar.of(2))).build();
        SymmetryElement identity = SymmetryElement.of(Scalar.ONE, Scalar.ZERO, Scalar.ONE, Scalar.ZERO);
        Certificate forged = new Certificate(Certificate.sha256(two),
                List.of(new Move.MergeClones("u1", "u2", identity, 1.0)), merged);
        Rules rules = Rules.of(tanh);
        Replay.Outcome exact = Replay.check(two, forged, rules);
        assertFalse(exact.valid(), exact.message());
        assertTrue(exact.message().contains("more than the 0.0 allowed"), exact.message());
        // Read back from JSON the same: the tolerance written in the file is not the reader's.
        Certificate read = Certificate.parse(forged.toJson(), "forged.json");
        assertFalse(Replay.check(two, read, rules).valid());
        // Even a reader who allows 1e-12 refuses it.
        assertFalse(Replay.check(two, read, rules, 1e-12).valid());
    }
}
