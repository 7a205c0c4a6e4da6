package org.nnid.nulls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.nnid.exact.ZeroDecision;
import org.nnid.exact.ZeroTests;
import org.nnid.io.NetworkJson;
import org.nnid.net.Network;
import org.nnid.registry.NullNetworkCheck;
import org.nnid.theory.Theory;
import org.nnid.registry.TheoryRegistry;
import org.nnid.registry.VerificationReport;

/** Issue 6's expected results of the null-network search, each found network re-proved on its own. */
class NullSearchTest {
    static final Duration LIMIT = Duration.ofSeconds(10);

    static NullSearchResult search(String activation, int inputs, int depth, int maxUnits) {
        Theory t = TheoryRegistry.builtins().get(activation);
        return NullSearch.run(t, new NullSearch.Options(inputs, maxUnits, Grid.defaults(t, inputs), depth, LIMIT),
                line -> { });
    }

    static NullSearchResult search(String activation) {
        return search(activation, 1, 1, 5);
    }

    /**
     * Re-proves a found network without the search's code path: written to JSON and read back, then
     * checked by the theory verifier's null-network check (reduced, not refuted, proved if possible),
     * and where an exact procedure applies, by ZeroTests.
     */
    static VerificationReport.Status reprove(String activation, NullSearchResult r) {
        Theory t = TheoryRegistry.builtins().get(activation);
        Network n = NetworkJson.parse(NetworkJson.write(r.network().orElseThrow()), "found");
        VerificationReport.Fact f = NullNetworkCheck.check(t, "found", n, Duration.ofSeconds(5));
        assertTrue(f.status().reliable(), f.toString());
        ZeroDecision d = TheoryRegistry.builtins().decideZero(n);
        assertFalse(d.isNonzero(), d.toString());
        return f.status();
    }

    @ParameterizedTest
    @CsvSource({
        "sin,         1, 1, sin(x1) - sin(x1 + Pi/3) + sin(x1 + 2/3*Pi) ≡ 0",
        "cos,         1, 1, cos(x1) - cos(x1 + Pi/3) + cos(x1 + 2/3*Pi) ≡ 0",
        "relu,        1, 1, relu(x1) - relu(x1 + 1) - relu(-x1) + relu(-x1 - 1) + 1 ≡ 0",
        "softplus,    1, 1, softplus(x1) - softplus(x1 + 1) - softplus(-x1) + softplus(-x1 - 1) + 1 ≡ 0",
        "gelu,        1, 1, gelu(x1) - gelu(x1 + 1) - gelu(-x1) + gelu(-x1 - 1) + 1 ≡ 0",
        "silu,        1, 1, silu(x1) - silu(x1 + 1) - silu(-x1) + silu(-x1 - 1) + 1 ≡ 0",
        "square,      1, 1, 2*square(x1) - square(x1 + 1) - square(x1 - 1) + 2 ≡ 0",
        "abs,         1, 2, abs(x1) - abs(abs(x1)) ≡ 0",
        "identity,    2, 1, identity(x2) + identity(x1) - identity(x1 + x2) ≡ 0",
    })
    void foundAndReproved(String activation, int inputs, int depth, String relation) {
        NullSearchResult r = search(activation, inputs, depth, inputs == 2 ? 6 : 5);
        assertTrue(r.found(), r.toText());
        assertEquals(relation, r.relation());
        assertEquals(new StopReason.Found(), r.stopReason());
        assertEquals("found", r.stopReason().text());
        reprove(activation, r);
    }

    @Test
    void leakyReluCubeAndReluAtDepthTwoAreFoundAndReproved() {
        NullSearchResult leaky = search("leaky_relu");
        assertTrue(leaky.found(), leaky.toText());
        assertEquals(VerificationReport.Status.PROVED_EXACTLY, reprove("leaky_relu", leaky));
        NullSearchResult cube = search("cube");
        assertTrue(cube.found(), cube.toText());
        assertEquals(NullProof.Level.PROVED_EXACTLY, cube.proof().orElseThrow().level());
        reprove("cube", cube);
        NullSearchResult relu = search("relu", 1, 2, 5);
        assertEquals("relu(-relu(x1)) ≡ 0", relu.relation()); // docs/math.md E12: dead on the range of its input
        assertEquals(VerificationReport.Status.PROVED_EXACTLY, reprove("relu", relu));
    }

    /** E8, E10, E11, E13, E14 are found from scratch, and are the networks the theory files list for them. */
    @ParameterizedTest
    @CsvSource({
        "sin,      1, null/sin-three-phases.json",
        "square,   1, null/square-three-units.json",
        "relu,     1, null/relu-shift.json",
        "softplus, 1, null/softplus-shift.json",
        "identity, 2, null/identity-two-inputs.json",
    })
    void workedExamplesAreFoundFromScratch(String activation, int inputs, String listed) {
        NullSearchResult r = search(activation, inputs, 1, inputs == 2 ? 6 : 5);
        assertEquals(listed, r.listed().orElse("none"), r.toText());
    }

    @Test
    void exactWhereAnExactProcedureAppliesSymbolicOrNumericOtherwise() {
        assertEquals(NullProof.Level.PROVED_EXACTLY, search("sin").proof().orElseThrow().level());
        assertEquals(NullProof.Level.PROVED_EXACTLY, search("relu").proof().orElseThrow().level());
        NullProof softplus = search("softplus").proof().orElseThrow();
        assertTrue(softplus.level() != NullProof.Level.PROVED_EXACTLY, softplus.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"tanh", "logistic"})
    void noneForNullFreeNonlinearitiesWithTheTheorem(String activation) {
        NullSearchResult r = search(activation);
        assertFalse(r.found(), r.toText());
        assertTrue(r.theorem().startsWith("none exists anywhere: " + activation + " is null-free"), r.theorem());
    }

    @ParameterizedTest
    @ValueSource(strings = {"arctan", "erf", "exp", "meromorphic"})
    void noneFoundAndNotProvedForTheUnknownOnes(String activation) {
        NullSearchResult r = search(activation);
        assertFalse(r.found(), r.toText());
        assertTrue(r.theorem().startsWith("not proved"), r.theorem());
    }

    @Test
    void reluInTwoInputsWithoutBiases() {
        NullSearchResult r = search("relu", 2, 1, 6);
        assertTrue(r.found(), r.toText());
        assertEquals("relu(x2) - relu(-x2) + relu(x1) - relu(x1 + x2) - relu(-x1) + relu(-x1 - x2) ≡ 0", r.relation());
        // No exact procedure for piecewise-linear networks of two inputs: reported as such.
        assertEquals(NullProof.Level.CHECKED_NUMERICALLY, r.proof().orElseThrow().level());
        reprove("relu", r);
    }

    @Test
    void aCandidateThatIsNotZeroIsRefuted() {
        Theory t = TheoryRegistry.builtins().get("relu");
        Network almost = NetworkJson.parse("{\"format\": \"nnid-network/1\", \"activation\": \"relu\", \"inputs\": 1,"
                + " \"layers\": [{\"weights\": [[\"1\"],[\"-1\"],[\"1\"],[\"-1\"]], \"bias\": [\"0\",\"0\",\"1\",\"-1\"]},"
                + " {\"weights\": [[\"1\",\"-1\",\"-1\",\"1\"]], \"bias\": [\"999/1000\"]}]}", "test");
        assertTrue(NullProof.of(t, almost, LIMIT).refuted());
    }

    @Test
    void gridSpecsParseAndRejectNonsense() {
        Theory sin = TheoryRegistry.builtins().get("sin");
        Grid g = Grid.parse("w=1;b=0..2:Pi/3", Grid.defaults(sin, 1));
        assertEquals("w=1;b=0,Pi/3,2/3*Pi", g.toSpec());
        assertEquals(List.of("1", "0", "-1"), Grid.parse("b=1,0,-1", g).biases().stream().map(s -> s.toText()).toList());
        for (String bad : List.of("x=1", "w=0", "b=", "b=3..1", "w")) {
            try {
                Grid.parse(bad, g);
                throw new AssertionError("accepted " + bad);
            } catch (IllegalArgumentException expected) {
                assertTrue(expected.getMessage().contains("grid") || expected.getMessage().contains("exact value"),
                        expected.getMessage());
            }
        }
    }
}
