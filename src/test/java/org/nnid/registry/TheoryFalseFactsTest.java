package org.nnid.registry;

import org.nnid.theory.NullFreeness;

import org.nnid.theory.NormalForm;
import org.nnid.theory.Theory;
import org.nnid.theory.TheoryFormatException;

import org.nnid.registry.TheoryRejectedException;

import org.nnid.registry.VerificationReport;
import org.nnid.registry.VerifiedTheory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnid.registry.VerificationReport.Fact;
import org.nnid.registry.VerificationReport.Kind;
import org.nnid.registry.VerificationReport.Status;

/**
 * A deliberately false theory file per kind of fact is rejected, with a counterexample in the
 * message; facts that cannot be checked are not relied on; malformed files fail with one line.
 */
class TheoryFalseFactsTest {

    private static final String RELU_HEAD = """
            name: relu
            definition: Max(0,t)
            activation: relu
            """;

    private static Fact only(VerificationReport r, Kind kind) {
        List<Fact> f = r.facts(kind);
        assertEquals(1, f.size(), r.facts().toString());
        return f.get(0);
    }

    @Test
    void aWrongSymmetryIsRejectedWithTheCounterexample() {
        Theory t = TheoryFixtures.parse(RELU_HEAD + "symmetries: [[-1, 0, -1, 0]]\n", "relu.theory");
        VerificationReport r = TheoryFixtures.verify(t);
        assertFalse(r.passed());
        assertEquals("relu.theory: symmetry (-1,0,-1,0) fails at t = 0.7: left 0, right -0.7", r.failureMessages().get(0));
    }

    @Test
    void aWrongFamilyIsRejectedAtAParameterValueWhereItFails() {
        Theory t = TheoryFixtures.parse(RELU_HEAD + """
                symmetries:
                  - element: [lambda, 0, lambda, 0]
                    parameters: {lambda: real}
                    condition: lambda != 0
                """, "relu.theory");
        Fact f = only(TheoryFixtures.verify(t), Kind.SYMMETRY);
        assertEquals(Status.FAILED, f.status());
        assertTrue(f.how().matches("fails at lambda = -[0-9/]+, t = .*: left .*, right .*"), f.how());
    }

    @Test
    void aWrongRelationIsRejected() {
        Theory t = TheoryFixtures.parse("""
                name: logistic
                definition: 1/(1+Exp(-t))
                activation: logistic
                relations:
                  - {to: tanh, alpha: 1/2, beta: 1/2, gamma: 0, delta: 0}
                """, "logistic.theory");
        VerificationReport r = TheoryFixtures.verify(t);
        assertEquals("logistic.theory: relation logistic(t) = 1/2·tanh(1/2·t) fails at t = 0: left 0.5, right 0",
                r.failureMessages().get(0));
    }

    @Test
    void aNullNetworkThatIsNotNullIsRejectedExactly() {
        // relu(x) - relu(-x) = x, not 0.
        String net = """
                {"format": "nnid-network/1", "activation": "relu", "inputs": 1,
                 "layers": [{"weights": [["1"], ["-1"]], "bias": ["0", "0"]}, {"weights": [["1", "-1"]], "bias": ["0"]}]}
                """;
        Theory t = TheoryFixtures.parse(RELU_HEAD + """
                null_free: {status: refuted, null_networks: [notnull.json]}
                """, "relu.theory", Map.of("notnull.json", net));
        VerificationReport r = TheoryFixtures.verify(t);
        Fact f = only(r, Kind.NULL_NETWORK);
        assertEquals(Status.FAILED, f.status());
        assertTrue(f.how().startsWith("is not null: "), f.how());
        assertEquals(Status.FAILED, only(r, Kind.NULL_FREENESS).status());
        assertFalse(new VerifiedTheory(t, r).hasNullNetwork());
    }

    @Test
    void aNullNetworkThatIsNotReducedIsRejected() {
        // docs/math.md E9: sin(x) + sin(x + π) ≡ 0 through a symmetry, so it is not a null network.
        String net = """
                {"format": "nnid-network/1", "activation": "sin", "inputs": 1,
                 "layers": [{"weights": [["1"], ["1"]], "bias": ["0", "Pi"]}, {"weights": [["1", "1"]], "bias": ["0"]}]}
                """;
        String yaml = """
                name: sin
                definition: Sin(t)
                activation: sin
                symmetries:
                  - element: [epsilon, k*Pi, "epsilon*(-1)^k", 0]
                    parameters: {epsilon: sign, k: integer}
                normal_form: {rule: flip_then_shift, flip: [-1, 0, -1, 0], element: [1, k*Pi, "(-1)^k", 0], shift: k}
                null_free: {status: refuted, null_networks: [e9.json]}
                """;
        Fact f = only(TheoryFixtures.verify(TheoryFixtures.parse(yaml, "sin.theory", Map.of("e9.json", net))),
                Kind.NULL_NETWORK);
        assertEquals(Status.FAILED, f.status());
        assertTrue(f.how().contains("are clones under the symmetry group (R3 applies)"), f.how());
    }

    @Test
    void aNormalFormUsingAFalseSymmetryIsRejected() {
        // relu's group declared to contain the sign flip, with the matching normal form.
        Theory t = TheoryFixtures.parse(RELU_HEAD + """
                symmetries: [[-1, 0, -1, 0]]
                normal_form: {rule: flip_first_significant, flip: [-1, 0, -1, 0]}
                """, "relu.theory");
        VerificationReport r = TheoryFixtures.verify(t);
        assertEquals(Status.FAILED, only(r, Kind.SYMMETRY).status());
        Fact nf = only(r, Kind.NORMAL_FORM);
        assertEquals(Status.FAILED, nf.status());
        assertTrue(nf.how().contains("which is not a symmetry of relu"), nf.how());
        assertEquals(NormalForm.identity(), new VerifiedTheory(t, r).normalForm());
    }

    @Test
    void aNormalFormThatIsNotConstantOnOrbitsIsRejected() {
        Theory t = TheoryFixtures.parse(RELU_HEAD + """
                symmetries:
                  - element: [lambda, 0, lambda, 0]
                    parameters: {lambda: real}
                    condition: lambda > 0
                normal_form: identity
                """, "relu.theory");
        Fact nf = only(TheoryFixtures.verify(t), Kind.NORMAL_FORM);
        assertEquals(Status.FAILED, nf.status());
        assertTrue(nf.how().startsWith("is not constant on orbits"), nf.how());
    }

    @Test
    void aDefinitionThatDisagreesWithItsActivationIsRejected() {
        Theory t = TheoryFixtures.parse("name: tanh\ndefinition: ArcTan(t)\nactivation: tanh\n", "tanh.theory");
        Fact f = only(TheoryFixtures.verify(t), Kind.DEFINITION);
        assertEquals(Status.FAILED, f.status());
        assertTrue(f.how().startsWith("fails at t = 0.7: the evaluation gives 0.6043677771171636"), f.how());
    }

    @Test
    void aCitationInAUserTheoryIsNotRelied() {
        Theory t = TheoryFixtures.parse("""
                name: mytanh
                definition: Tanh(t)
                symmetries: [[-1, 0, -1, 0]]
                normal_form: {rule: flip_first_significant, flip: [-1, 0, -1, 0]}
                null_free: {status: proved, citation: "[VB-A]"}
                """, "mytanh.theory");
        VerificationReport r = TheoryFixtures.verify(t);
        assertTrue(r.passed());
        assertEquals(Status.UNVERIFIED, only(r, Kind.NULL_FREENESS).status());
        VerifiedTheory v = new VerifiedTheory(t, r);
        assertFalse(v.isNullFree());
        assertEquals(NullFreeness.Status.UNKNOWN, v.nullFreeness());
        assertEquals(1, v.group().elements().size());
    }

    @Test
    void aUserTheoryProvedNullFreeThroughARelationToTanhIsRelied() {
        Theory t = TheoryFixtures.parse("""
                name: steep
                definition: 3*Tanh(2*t+1)-1
                symmetries: [[-1, -1, -1, -2]]
                normal_form: identity
                relations: [{to: tanh, alpha: 3, beta: 2, gamma: 1, delta: -1}]
                null_free: {status: proved, by_relation: tanh}
                """, "steep.theory");
        VerificationReport r = TheoryFixtures.verify(t);
        assertEquals(Status.PROVED_SYMBOLICALLY, only(r, Kind.SYMMETRY).status());
        assertEquals(Status.CITED, only(r, Kind.NULL_FREENESS).status());
        assertTrue(new VerifiedTheory(t, r).isNullFree());
        // The declared normal form ignores the group, so it is not used; the identity is.
        assertEquals(Status.FAILED, only(r, Kind.NORMAL_FORM).status());
    }

    @Test
    void loadingAFalseUserTheoryThrowsTheCounterexample(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("myrelu.theory");
        Files.writeString(file, "name: myrelu\ndefinition: Max(0,t)\nsymmetries: [[-1, 0, -1, 0]]\n");
        TheoryRejectedException e = assertThrows(TheoryRejectedException.class,
                () -> TheoryFixtures.BUILTINS.withVerified(file, TheoryVerifier.Options.defaults()));
        assertEquals(file + ": symmetry (-1,0,-1,0) fails at t = 0.7: left 0, right -0.7", e.getMessage());
    }

    @Test
    void aSymjaCallThatRunsOutOfTimeLeavesTheFactCheckedNumericallyOnly() {
        // (t²-1)⁹⁰ - (t-1)⁹⁰(t+1)⁹⁰ ≡ 0, but no Symja strategy finishes it within a second; the
        // factor 1/(1+t²⁰⁰) keeps the double evaluation clear of the cancellation.
        Theory t = TheoryFixtures.parse("""
                name: slow
                definition: t + ((t^2-1)^90 - (t-1)^90*(t+1)^90)/(1+t^200)
                symmetries: [[1, 1, 1, 1]]
                """, "slow.theory");
        TheoryVerifier.Options options = TheoryVerifier.Options.defaults().withTimeLimit(Duration.ofSeconds(1));
        VerificationReport r = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> TheoryFixtures.BUILTINS.with(t).verify(t, options));
        assertEquals(Status.TIMED_OUT_NUMERIC_ONLY, only(r, Kind.SYMMETRY).status(), r.facts().toString());
    }

    // ------------------------------------------------------------------------------ malformed files

    private static String formatError(String yaml) {
        return assertThrows(TheoryFormatException.class, () -> TheoryFixtures.parse(yaml, "bad.theory")).getMessage();
    }

    @Test
    void malformedOnnxSpellingsAndZeroTestsFailWithOneLineNamingThePlace() {
        String head = "name: bad\ndefinition: Tanh(t)\n";
        assertEquals("bad.theory: onnx: expected a list, found 'Tanh'", formatError(head + "onnx: Tanh\n"));
        assertEquals("bad.theory: onnx[0]: 'tan-h' is not an ONNX operator or attribute name",
                formatError(head + "onnx: [tan-h]\n"));
        assertEquals("bad.theory: onnx[1]: the operator Tanh is listed twice", formatError(head + "onnx: [Tanh, Tanh]\n"));
        assertEquals("bad.theory: onnx[0].parameters.slope: 'slope' is not a parameter of the theory (its parameters:"
                + " none)", formatError(head + "onnx: [{op: LeakyRelu, parameters: {slope: {attribute: alpha}}}]\n"));
        assertEquals("bad.theory: onnx[0].parameters.slope.default: expected ONNX's default of the float attribute,"
                + " a number, found 'a hundredth'", formatError("name: bad\ndefinition: Max(slope*t,t)\n"
                        + "parameters: {slope: {default: 1/100}}\n"
                        + "onnx: [{op: LeakyRelu, parameters: {slope: {attribute: alpha, default: a hundredth}}}]\n"));
        assertEquals("bad.theory: onnx[0].axis: unknown key (known: op, opset, parameters, attributes)",
                formatError(head + "onnx: [{op: Tanh, axis: 1}]\n"));
        assertEquals("bad.theory: onnx[0].opset: expected the opset version that introduced Tanh (a whole number"
                + " from 1), found '6.5'", formatError(head + "onnx: [{op: Tanh, opset: 6.5}]\n"));
        assertEquals("bad.theory: exact_zero_test: unknown test 'fourier_sums' (known: group_sums, phasor_sums,"
                + " exponential_sums; polynomial and piecewise-linear definitions need no key)",
                formatError(head + "exact_zero_test: fourier_sums\n"));
        assertEquals("bad.theory: exact_zero_test: group_sums rests on null-freeness, but null_free.status is unknown",
                formatError(head + "exact_zero_test: group_sums\n"));
    }

    @Test
    void malformedFilesFailWithOneLineNamingThePlace() {
        assertEquals("bad.theory: missing key 'definition'", formatError("name: bad\n"));
        assertEquals("bad.theory: symmetries[0]: expected four entries [a, b, c, d], found 3",
                formatError("name: bad\ndefinition: Tanh(t)\nsymmetries: [[-1, 0, -1]]\n"));
        assertEquals("bad.theory: symmetries[0].condition: unknown variable 'mu' (the parameters are: lambda)",
                formatError("name: bad\ndefinition: Max(0,t)\nsymmetries:\n  - element: [lambda, 0, lambda, 0]\n"
                        + "    parameters: {lambda: real}\n    condition: mu > 0\n"));
        assertEquals("bad.theory: definition: unknown variable 'x' (the variables are: t)",
                formatError("name: bad\ndefinition: Tanh(x)\n"));
        assertEquals("bad.theory: colour: unknown key (known: name, aliases, description, definition, activation,"
                + " parameters, onnx, symmetries, normal_form, relations, null_free, properties, exact_zero_test, domain)",
                formatError("name: bad\ncolour: red\n"));
        assertEquals("bad.theory: null_free: status refuted needs at least one null network (null_networks: [file.json])",
                formatError("name: bad\ndefinition: Tanh(t)\nnull_free: {status: refuted}\n"));
        assertTrue(formatError("name: bad\ndefinition: Tanh(t\n").startsWith("bad.theory: definition: expected ')'"));
        assertEquals("bad.theory: null_free.by_relation: no relation to 'tanh' is declared under relations",
                formatError("name: bad\ndefinition: Tanh(t)\nnull_free: {status: proved, by_relation: tanh}\n"));
    }

    @Test
    void aMissingNullNetworkFileIsAFormatError() {
        Theory t = TheoryFixtures.parse(RELU_HEAD + "null_free: {status: refuted, null_networks: [gone.json]}\n",
                "relu.theory");
        TheoryFormatException e = assertThrows(TheoryFormatException.class, () -> TheoryFixtures.verify(t));
        assertEquals("relu.theory: null_free.null_networks[0]: gone.json: no such file", e.getMessage());
    }
}
