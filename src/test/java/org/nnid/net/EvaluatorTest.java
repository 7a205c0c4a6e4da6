package org.nnid.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nnid.scalar.Interval;

class EvaluatorTest {

    @Test
    void e1BothNetworksGiveTheStatedValueAtZero() {
        // docs/math.md E1: f(0) = 2.397945627736 for both tanh networks.
        for (Network n : new Network[] {Examples.e1("tanh"), Examples.e1Flipped()}) {
            double y = Evaluator.evaluate(n, new double[] {0})[0];
            assertEquals(2.397945627736, y, 1e-12);
            Interval e = Evaluator.enclose(n, new double[] {0})[0];
            assertTrue(e.contains(y));
            assertTrue(e.contains(2.397945627736) || Math.abs(e.mid() - 2.397945627736) < 1e-12);
        }
    }

    @Test
    void e1SignFlipGivesTheSameFunctionAtManyPoints() {
        for (double x = -5; x <= 5; x += 0.37) {
            assertEquals(Evaluator.evaluate(Examples.e1("tanh"), new double[] {x})[0],
                    Evaluator.evaluate(Examples.e1Flipped(), new double[] {x})[0], 1e-14);
        }
    }

    @Test
    void e2LogisticFlipWithBiasShiftGivesTheStatedValueAtZero() {
        // docs/math.md E2: f(0) = 1.848436572236 for both logistic networks.
        assertEquals(1.848436572236, Evaluator.evaluate(Examples.e1("logistic"), new double[] {0})[0], 1e-12);
        assertEquals(1.848436572236, Evaluator.evaluate(Examples.e2Flipped(), new double[] {0})[0], 1e-12);
    }

    @Test
    void e7NetworkEqualsItsReducedFormAtManyPoints() {
        // docs/math.md E7: the network is tanh(tanh(x) + tanh(2x−1)) + 0.0826252249031818.
        Network e7 = Examples.e7();
        for (double x = -4; x <= 4; x += 0.25) {
            double reduced = Math.tanh(Math.tanh(x) + Math.tanh(2 * x - 1)) + 0.0826252249031818;
            assertEquals(reduced, Evaluator.evaluate(e7, new double[] {x})[0], 1e-15);
            assertTrue(Evaluator.enclose(e7, new double[] {x})[0].width() < 1e-13);
        }
    }

    @Test
    void enclosuresOfDifferentValuesAreDisjoint() {
        // The point of rigorous enclosures: two networks that differ at x have disjoint enclosures there.
        Interval a = Evaluator.enclose(Examples.e1("tanh"), new double[] {0.5})[0];
        Interval b = Evaluator.enclose(Examples.e1("logistic"), new double[] {0.5})[0];
        assertFalse(a.overlaps(b));
    }
}
