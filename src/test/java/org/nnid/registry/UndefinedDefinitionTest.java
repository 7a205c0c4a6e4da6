package org.nnid.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nnid.net.Evaluator;
import org.nnid.net.Network;
import org.nnid.net.ActivationEvaluationException;
import org.nnid.registry.VerificationReport.Fact;
import org.nnid.registry.VerificationReport.Kind;
import org.nnid.registry.VerificationReport.Status;
import org.nnid.scalar.Interval;
import org.nnid.scalar.Scalar;
import org.nnid.symbolic.HighPrecisionEvaluator;
import org.nnid.theory.Theory;

/** Issue 22: a definition with a pole or a non-real value fails verification, and is never evaluated silently. */
class UndefinedDefinitionTest {

    private static Fact definitionFact(String definition) {
        Theory t = TheoryFixtures.parse("name: odd\ndefinition: " + definition + "\n", "odd.theory");
        return TheoryFixtures.verify(t).facts(Kind.DEFINITION).get(0);
    }

    @Test
    void aPoleFailsVerificationWithItsPlace() {
        Fact f = definitionFact("1/t");
        assertEquals(Status.FAILED, f.status(), f.toString());
        assertTrue(f.message("odd.theory").contains("t = 0"), f.message("odd.theory"));
    }

    @Test
    void aNonRealValueFailsVerificationWithItsPlace() {
        Fact f = definitionFact("Sqrt(t)");
        assertEquals(Status.FAILED, f.status(), f.toString());
        assertTrue(f.message("odd.theory").contains("square root of a negative number"), f.message("odd.theory"));
    }

    @Test
    void aDefinitionRealEverywhereSaysSo() {
        Fact f = definitionFact("t/(1+Abs(t))");
        assertEquals(Status.CHECKED_NUMERICALLY, f.status(), f.toString());
        assertTrue(f.message("odd.theory").contains("real and finite on all of ℝ"), f.message("odd.theory"));
    }

    /** The theory unverified (as a library user might build it): every evaluation mode names the node. */
    private static Network chainOf(String definition) {
        Theory t = TheoryFixtures.parse("name: odd\ndefinition: " + definition + "\n", "odd.theory");
        return TheoryFixtures.BUILTINS.replacing(t).parseNetwork("{\"format\": \"nnid-network/1\", \"activation\": \"odd\","
                + " \"inputs\": 1, \"layers\": [{\"weights\": [[\"1\"]], \"bias\": [\"-1\"]}, {\"weights\": [[\"1\"]],"
                + " \"bias\": [\"0\"]}]}", "odd.json");
    }

    @Test
    void everyEvaluationModeRefusesAPoleNamingTheNodeAndTheValue() {
        Network n = chainOf("1/t");
        String hidden = n.id(1);
        String d = assertThrows(ActivationEvaluationException.class, () -> Evaluator.evaluateDefined(n, new double[] {1}))
                .getMessage();
        assertTrue(d.contains("node " + hidden) && d.contains("0.0"), d);
        String i = assertThrows(ActivationEvaluationException.class,
                () -> Evaluator.encloseDefined(n, new Interval[] {Interval.point(1)})).getMessage();
        assertTrue(i.contains("node " + hidden), i);
        String e = assertThrows(ActivationEvaluationException.class,
                () -> HighPrecisionEvaluator.evaluate(n, new Scalar[] {Scalar.ONE}, 20)).getMessage();
        assertTrue(e.contains("node " + hidden) && e.contains("argument is 0"), e);
    }

    @Test
    void everyEvaluationModeRefusesANonRealValue() {
        Network n = chainOf("Sqrt(t)");
        assertThrows(ActivationEvaluationException.class, () -> Evaluator.evaluateDefined(n, new double[] {0}));
        assertThrows(ActivationEvaluationException.class,
                () -> Evaluator.encloseDefined(n, new Interval[] {Interval.point(0)}));
        assertThrows(ActivationEvaluationException.class,
                () -> HighPrecisionEvaluator.evaluate(n, new Scalar[] {Scalar.ZERO}, 20));
    }
}
