package org.nnid.equiv;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nnid.net.Network;
import org.nnid.registry.TheoryRegistry;
import org.nnid.scalar.DoubleScalar;

/** A witness in decimal interval arithmetic separates what it should, and never equal outputs. */
class RigorousWitnessTest {
    private static Network unit(double bias) {
        return Network.builder(TheoryRegistry.builtins().get("tanh").activation(), List.of("x1"))
                .hidden("u1", DoubleScalar.of(bias), Map.of("x1", DoubleScalar.of(1)))
                .output("y1", DoubleScalar.of(0.25), Map.of("u1", DoubleScalar.of(3))).build();
    }

    @Test
    void outputsThatDifferByThreeTimesTenToTheMinus13AreSeparated() {
        var w = RigorousWitness.prove(unit(0.5), unit(0.5000000000001), new double[] {0.3}, 0, 0);
        assertTrue(w.isPresent());
        assertTrue(w.get().arithmetic() instanceof Evidence.Witness.DecimalDigits, w.get().arithmetic().text());
        assertTrue(w.get().separates());
    }

    @Test
    void equalOutputsAreNeverSeparated() {
        assertTrue(RigorousWitness.prove(unit(0.5), unit(0.5), new double[] {0.3}, 0, 0).isEmpty());
    }

    @Test
    void aDifferenceBelowEpsIsNotAnExceedsWitness() {
        assertTrue(RigorousWitness.prove(unit(0.5), unit(0.5000000000001), new double[] {0.3}, 0, 1e-9).isEmpty());
    }
}
