package org.nnid.registry;

import org.nnid.theory.NullFreeness;

import org.nnid.theory.SymmetryElement;
import org.nnid.theory.Theory;

import org.nnid.activation.Activations;
import org.nnid.registry.TheoryRegistry;
import org.nnid.registry.VerificationReport;
import org.nnid.registry.VerifiedTheory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.apache.commons.math3.fraction.BigFraction;
import org.junit.jupiter.api.Test;
import org.nnid.scalar.Rational;
import org.nnid.scalar.Scalar;
import org.nnid.registry.VerificationReport.Fact;
import org.nnid.registry.VerificationReport.Kind;
import org.nnid.registry.VerificationReport.Status;

/**
 * The built-in theories against docs/math.md §2, one test per row: the declared group, how its facts
 * verify, and the null-freeness status the engine may act on.
 */
class TheoryBuiltinsTest {
    private static final TheoryRegistry REGISTRY = TheoryFixtures.BUILTINS;

    private static VerifiedTheory verified(String name) {
        return REGISTRY.verified(REGISTRY.get(name));
    }

    private static Status status(VerifiedTheory t, Kind kind) {
        return t.report().facts(kind).get(0).status();
    }

    /** The element is an instance of one of the theory's declared families or listed elements. */
    private static void assertDeclared(Theory t, SymmetryElement e, Map<String, Scalar> params) {
        if (params.isEmpty()) {
            assertTrue(t.group().elements().stream().anyMatch(x -> x.sameValues(e)), t.name() + " lists " + e);
            return;
        }
        assertTrue(t.group().families().stream().anyMatch(f -> f.admits(params) && f.instantiate(params).sameValues(e)),
                t.name() + " has " + e + " at " + params);
    }

    private static SymmetryElement element(String a, String b, String c, String d) {
        return SymmetryElement.parse(a, b, c, d);
    }

    @Test
    void everyBuiltinTheoryVerifies() {
        List<String> expected = List.of("abs", "arctan", "cos", "cube", "erf", "exp", "gelu", "hardtanh", "identity",
                "leaky_relu", "logistic", "meromorphic", "relu", "silu", "sin", "softplus", "softsign", "square", "tanh");
        assertEquals(expected, REGISTRY.theories().stream().map(Theory::name).toList());
        for (Theory t : REGISTRY.theories()) {
            VerificationReport r = REGISTRY.verify(t, TheoryVerifier.Options.defaults());
            assertTrue(r.allReliable(), () -> t.name() + ": " + r.facts());
            assertTrue(t.builtin());
            // Every symmetry of a built-in theory is proved, not only checked numerically.
            for (Fact f : r.facts(Kind.SYMMETRY)) {
                assertEquals(Status.PROVED_SYMBOLICALLY, f.status(), () -> t.name() + ": " + f);
            }
            for (Fact f : r.facts(Kind.RELATION)) {
                assertEquals(Status.PROVED_SYMBOLICALLY, f.status(), () -> t.name() + ": " + f);
            }
        }
    }

    @Test
    void aliasesResolve() {
        assertEquals("logistic", REGISTRY.get("sigmoid").name());
        assertEquals("arctan", REGISTRY.get("atan").name());
        assertEquals("silu", REGISTRY.get("swish").name());
        assertEquals("identity", REGISTRY.get("linear").name());
        assertEquals("leaky_relu", REGISTRY.get("LReLU").name());
        for (String name : Activations.names()) {
            assertEquals(name, REGISTRY.theoryOf(Activations.byName(name)).activation().name());
        }
    }

    @Test
    void theFormatsKnowEveryBuiltinTheoryByItsFile() {
        org.nnid.io.Nonlinearities table = org.nnid.io.Nonlinearities.builtins();
        assertEquals(REGISTRY.theories().stream().map(Theory::name).toList(), table.names());
        for (Theory t : REGISTRY.theories()) {
            org.nnid.io.Nonlinearity n = table.get(t.name());
            assertEquals(t.aliases(), n.aliases(), t.name());
            assertEquals(t.onnx(), n.onnx(), t.name());
            assertEquals(t.parameters(), n.parameters(), t.name());
            assertEquals(t.activation(), n.activation(), t.name());
        }
        assertEquals("leaky_relu", table.onnxOp("LeakyRelu").orElseThrow().nonlinearity().name());
        assertEquals("alpha", table.onnxOp("LeakyRelu").orElseThrow().spelling().parameters().get("slope").name());
    }

    @Test
    void aUsersExactZeroTestIsNotReliedOn() {
        Theory tanh = REGISTRY.get("tanh");
        assertEquals(java.util.Optional.of(org.nnid.theory.ExactZeroTest.GROUP_SUMS), REGISTRY.reliable(tanh).exactZeroTest());
        Theory users = TheoryFixtures.parse("""
                name: mytanh
                definition: Tanh(t)
                symmetries: [[-1, 0, -1, 0]]
                normal_form: {rule: flip_first_significant, flip: [-1, 0, -1, 0]}
                null_free: {status: proved, by_relation: tanh}
                relations: [{to: tanh, alpha: 1, beta: 1}]
                exact_zero_test: group_sums
                """, "mytanh.theory");
        assertEquals(java.util.Optional.of(org.nnid.theory.ExactZeroTest.GROUP_SUMS), users.exactZeroTest());
        assertTrue(REGISTRY.with(users).reliable(users).exactZeroTest().isEmpty());
    }

    @Test
    void tanhHasTheSignFlipAndIsNullFreeByVBA() {
        VerifiedTheory t = verified("tanh");
        assertDeclared(t.theory(), element("-1", "0", "-1", "0"), Map.of());
        assertEquals(1, t.theory().group().elements().size());
        assertEquals(Status.CITED, status(t, Kind.NULL_FREENESS));
        assertTrue(t.report().facts(Kind.NULL_FREENESS).get(0).how().contains("[VB-A]"));
        assertTrue(t.isNullFree());
    }

    @Test
    void logisticHasItsFlipAndIsNullFreeThroughTheRelationToTanh() {
        VerifiedTheory t = verified("logistic");
        assertDeclared(t.theory(), element("-1", "0", "-1", "1"), Map.of());
        assertTrue(t.relationTo("tanh").isPresent());
        assertEquals(Status.CITED, status(t, Kind.NULL_FREENESS));
        assertTrue(t.report().facts(Kind.NULL_FREENESS).get(0).how().contains("through the affine relation"));
        assertTrue(t.isNullFree());
        assertEquals(NullFreeness.Status.PROVED, t.nullFreeness());
    }

    @Test
    void arctanAndErfAreOddWithUnknownNullFreeness() {
        for (String name : List.of("arctan", "erf")) {
            VerifiedTheory t = verified(name);
            assertDeclared(t.theory(), element("-1", "0", "-1", "0"), Map.of());
            assertFalse(t.isNullFree());
            assertEquals(NullFreeness.Status.UNKNOWN, t.nullFreeness());
        }
    }

    @Test
    void sinHasShiftsByPiAndReflectionsAndTheThreePhaseNullNetwork() {
        VerifiedTheory t = verified("sin");
        assertDeclared(t.theory(), element("1", "Pi", "-1", "0"), Map.of("epsilon", Scalar.ONE, "k", Scalar.ONE));
        assertDeclared(t.theory(), element("-1", "3*Pi", "1", "0"), Map.of("epsilon", Rational.of(-1), "k", Rational.of(3)));
        assertTrue(t.report().facts(Kind.SYMMETRY).get(0).how().contains("induction on k"));
        assertEquals(Status.PROVED_SYMBOLICALLY, status(t, Kind.NULL_NETWORK)); // E8
        assertEquals(NullFreeness.Status.REFUTED, t.nullFreeness());
    }

    @Test
    void cosIsEvenWithShiftsByPi() {
        VerifiedTheory t = verified("cos");
        assertDeclared(t.theory(), element("-1", "0", "1", "0"), Map.of("epsilon", Rational.of(-1), "k", Scalar.ZERO));
        assertDeclared(t.theory(), element("1", "-2*Pi", "1", "0"), Map.of("epsilon", Scalar.ONE, "k", Rational.of(-2)));
        assertEquals(NullFreeness.Status.REFUTED, t.nullFreeness());
    }

    @Test
    void reluIsPositivelyHomogeneousAndHasTheShiftNullNetwork() {
        VerifiedTheory t = verified("relu");
        assertDeclared(t.theory(), element("5/2", "0", "5/2", "0"), Map.of("lambda", Scalar.of(5, 2)));
        assertFalse(t.theory().group().families().get(0).admits(Map.of("lambda", Rational.of(-1))));
        assertTrue(t.report().facts(Kind.SYMMETRY).get(0).how().contains("piecewise"));
        assertEquals(Status.PROVED_EXACTLY, status(t, Kind.NULL_NETWORK));
        assertEquals(NullFreeness.Status.REFUTED, t.nullFreeness());
    }

    @Test
    void leakyReluVerifiesAtAnySlopeBecauseItsNullNetworkIsSlopeFree() {
        Theory byDefault = REGISTRY.get("leaky_relu");
        assertEquals(Map.of("slope", Scalar.of(1, 100)), byDefault.parameters());
        Theory fifth = REGISTRY.theoryOf(Activations.leakyRelu(new BigFraction(1, 5)));
        assertEquals(Activations.leakyRelu(new BigFraction(1, 5)), fifth.activation());
        VerifiedTheory t = REGISTRY.verified(fifth);
        assertTrue(t.report().allReliable(), () -> t.report().facts().toString());
        assertEquals(NullFreeness.Status.REFUTED, t.nullFreeness());
    }

    @Test
    void absHasSignedScalingsAndTheDepthTwoNullNetwork() {
        VerifiedTheory t = verified("abs");
        assertDeclared(t.theory(), element("-3", "0", "3", "0"), Map.of("lambda", Rational.of(-3)));
        assertEquals(Status.PROVED_EXACTLY, status(t, Kind.NULL_NETWORK));
        assertEquals(NullFreeness.Status.REFUTED, t.nullFreeness());
    }

    @Test
    void softplusGeluAndSiluHaveTrivialGroupsAndShiftNullNetworks() {
        for (String name : List.of("softplus", "gelu", "silu")) {
            VerifiedTheory t = verified(name);
            assertTrue(t.theory().group().isTrivial(), name);
            assertEquals(Status.PROVED_SYMBOLICALLY, status(t, Kind.NULL_NETWORK), name); // E13 for softplus
            assertEquals(NullFreeness.Status.REFUTED, t.nullFreeness(), name);
        }
    }

    @Test
    void expHasTranslationsWithUnknownNullFreeness() {
        VerifiedTheory t = verified("exp");
        assertDeclared(t.theory(), element("1", "2", "E^2", "0"), Map.of("b", Rational.of(2)));
        assertEquals(NullFreeness.Status.UNKNOWN, t.nullFreeness());
    }

    @Test
    void powersHaveScalingsAndFiniteDifferenceNullNetworks() {
        VerifiedTheory square = verified("square");
        assertDeclared(square.theory(), element("-2", "0", "4", "0"), Map.of("lambda", Rational.of(-2)));
        VerifiedTheory cube = verified("cube");
        assertDeclared(cube.theory(), element("-2", "0", "-8", "0"), Map.of("lambda", Rational.of(-2)));
        assertEquals(NullFreeness.Status.REFUTED, square.nullFreeness());
        assertEquals(NullFreeness.Status.REFUTED, cube.nullFreeness());
    }

    @Test
    void identityHasAllAffineMapsAndTheTwoInputNullNetwork() {
        VerifiedTheory t = verified("identity");
        assertDeclared(t.theory(), element("3", "-1/2", "3", "-1/2"), Map.of("a", Rational.of(3), "b", Scalar.of(-1, 2)));
        assertEquals(Status.PROVED_EXACTLY, status(t, Kind.NULL_NETWORK)); // E14
        assertEquals(NullFreeness.Status.REFUTED, t.nullFreeness());
    }

    @Test
    void meromorphicExampleHasAnInfiniteGroup() {
        VerifiedTheory t = verified("meromorphic");
        assertDeclared(t.theory(), element("1", "2*Pi", "1", "2*Pi"), Map.of("epsilon", Scalar.ONE, "k", Scalar.ONE));
        assertDeclared(t.theory(), element("-1", "0", "-1", "0"), Map.of("epsilon", Rational.of(-1), "k", Scalar.ZERO));
        assertEquals(NullFreeness.Status.UNKNOWN, t.nullFreeness());
    }

    @Test
    void hardtanhIsOddAndHasARampNullNetwork() {
        VerifiedTheory t = verified("hardtanh");
        assertDeclared(t.theory(), element("-1", "0", "-1", "0"), Map.of());
        assertEquals(Status.PROVED_EXACTLY, status(t, Kind.NULL_NETWORK));
        assertEquals(NullFreeness.Status.REFUTED, t.nullFreeness());
    }
}
