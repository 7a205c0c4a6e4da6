package org.nnid.equiv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nnid.exact.ZeroData;
import org.nnid.io.NetworkJson;
import org.nnid.net.Network;
import org.nnid.registry.TheoryRegistry;

/**
 * Saved evidence carries the numbers its decision used (issue 16): the verdict file holds them,
 * check-evidence recomputes them from the networks, and an edited number FAILS.
 */
class EvidenceDataTest {

    private static Network net(String activation, int inputs, String layers) {
        return NetworkJson.parse("{\"format\": \"nnid-network/1\", \"activation\": \"" + activation
                + "\", \"inputs\": " + inputs + ", \"layers\": " + layers + "}", "test");
    }

    private static EvidenceChecker.Report recheck(String json) {
        return EvidenceChecker.check(VerdictFile.parse(json, "test", NetworkJson::parse), TheoryRegistry.builtins());
    }

    /**
     * Saves the verdict, checks that it holds, and returns the report on the saved verdict with
     * {@code from} replaced by {@code to}, which must fail.
     */
    private static EvidenceChecker.Report holdsButFailsEdited(Network a, Network b, Checker.Result r, String from, String to) {
        String json = VerdictFile.write(a, b, r, false);
        EvidenceChecker.Report holds = recheck(json);
        assertTrue(holds.holds(), () -> String.join("\n", holds.lines()));
        EvidenceChecker.Report fails = recheck(edited(json, from, to));
        assertFalse(fails.holds(), () -> String.join("\n", fails.lines()));
        return fails;
    }

    private static Checker.Result checked(Network a, Network b, Verdict expected) {
        Checker.Result r = Checker.check(a, b, Checker.Options.defaults());
        assertEquals(expected, r.verdict(), r::toString);
        return r;
    }

    /** The saved verdict with {@code from} replaced by {@code to} (exactly once). */
    private static String edited(String json, String from, String to) {
        assertEquals(1, json.split(java.util.regex.Pattern.quote(from), -1).length - 1, () -> from + " in " + json);
        return json.replace(from, to);
    }

    private static final Network SIN = net("sin", 1, "[{\"weights\": [[\"1\"]], \"bias\": [\"0\"]}, {\"weights\": [[\"1\"]], \"bias\": [\"0\"]}]");
    private static final Network SHIFTED_SINES = net("sin", 1, "[{\"weights\": [[\"1\"], [\"1\"]], \"bias\": [\"2*Pi/3\", \"4*Pi/3\"]},"
            + " {\"weights\": [[\"-1\", \"-1\"]], \"bias\": [\"0\"]}]");

    @Test
    void phasorSumsAreSavedWithTheirTermsAndRecheckedAndAnEditedSumFails() {
        Checker.Result r = Checker.check(SIN, SHIFTED_SINES, Checker.Options.defaults());
        Evidence.ZeroTest z = CheckerExamplesTest.only(r, Evidence.ZeroTest.class);
        ZeroData.Group frequency = z.data().groups().get(0);
        assertEquals("output y1, frequency w = [1]", frequency.label());
        assertEquals(List.of("0", "2/3*Pi", "Pi/3"), frequency.terms().stream().map(t -> t.get(2).value()).toList());
        assertEquals("(1)*Sin(0)+(1)*Sin(2/3*Pi)+(-1)*Sin(Pi/3) = 0", frequency.sums().get(1).value());

        String json = VerdictFile.write(SIN, SHIFTED_SINES, r, false);
        assertEquals(json, VerdictFile.write(SIN, SHIFTED_SINES, Checker.check(SIN, SHIFTED_SINES,
                Checker.Options.defaults()), false), "the same input gives the same bytes");
        EvidenceChecker.Report holds = recheck(json);
        assertTrue(holds.holds(), () -> String.join("\n", holds.lines()));
        assertTrue(holds.lines().stream().anyMatch(l -> l.contains("Σ c_k cos θ_k = (1)*Cos(0)")), holds.lines()::toString);

        EvidenceChecker.Report fails = recheck(edited(json, "(-1)*Sin(Pi/3) = 0", "(-1)*Sin(Pi/4) = 0"));
        assertFalse(fails.holds());
        assertTrue(fails.lines().get(0).startsWith("FAILS  zero-test: the recomputed data differs from the saved data:"
                + " group 1 'output y1, frequency w = [1]'"), fails.lines().get(0));
    }

    @Test
    void aVerdictWithoutDataStillRechecksByRunningTheDecisionAgain() throws Exception {
        String json = VerdictFile.write(SIN, SHIFTED_SINES, Checker.check(SIN, SHIFTED_SINES, Checker.Options.defaults()), false);
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode tree = mapper.readTree(json);
        tree.get("evidence").forEach(e -> ((com.fasterxml.jackson.databind.node.ObjectNode) e).remove("data"));
        String old = mapper.writeValueAsString(tree);
        assertFalse(old.contains("\"data\""), old);
        assertTrue(recheck(old).holds());
    }

    @Test
    void reluHyperplaneGroupingOfDoublesSavesEachHyperplanesUnitsAndTotalAndAnEditedUnitFails() {
        Network a = net("relu", 2, "[{\"weights\": [[1.5, -2.0], [0.25, 1.0]], \"bias\": [0.5, -1.0]},"
                + " {\"weights\": [[1.0, 3.0]], \"bias\": [0.0]}]");
        Network b = net("relu", 2, "[{\"weights\": [[0.5, 2.0], [0.75, -1.0]], \"bias\": [-2.0, 0.25]},"
                + " {\"weights\": [[1.5, 2.0]], \"bias\": [0.0]}]");
        Checker.Result r = checked(a, b, Verdict.EQUIVALENT);
        Evidence.PiecewiseLinearZero pl = CheckerExamplesTest.only(r, Evidence.PiecewiseLinearZero.class);
        List<String> labels = pl.data().groups().stream().map(ZeroData.Group::label).toList();
        assertEquals(List.of("hyperplane w·x + b = 0 of unit A:h1_1", "hyperplane w·x + b = 0 of unit A:h1_2",
                "output 1, affine part"), labels);
        assertEquals("0", pl.data().groups().get(0).sums().get(0).value());
        holdsButFailsEdited(a, b, r, "\"v\" : \"[-2.0]\"", "\"v\" : \"[-2.5]\"");
    }

    @Test
    void exactReluGroupingNamesEachHyperplaneInNormalFormWithItsTotal() {
        Network a = net("relu", 1, "[{\"weights\": [[\"1\"], [\"-1\"]], \"bias\": [\"0\", \"0\"]}, {\"weights\": [[\"1\", \"-1\"]], \"bias\": [\"0\"]}]");
        Network b = net("relu", 1, "[{\"weights\": [[\"2\"], [\"-1\"]], \"bias\": [\"2\", \"-1\"]}, {\"weights\": [[\"1/2\", \"-1\"]], \"bias\": [\"-1\"]}]");
        Checker.Result r = checked(a, b, Verdict.EQUIVALENT);
        Evidence.PiecewiseLinearZero pl = CheckerExamplesTest.only(r, Evidence.PiecewiseLinearZero.class);
        assertEquals(List.of("hyperplane x1 = 0", "hyperplane x1 + 1 = 0", "output 1, affine part"),
                pl.data().groups().stream().map(ZeroData.Group::label).toList());
        EvidenceChecker.Report fails = holdsButFailsEdited(a, b, r, "\"hyperplane x1 + 1 = 0\"", "\"hyperplane x1 + 2 = 0\"");
        assertTrue(fails.lines().get(0).contains("is recomputed as 'hyperplane x1 + 1 = 0'"), fails.lines().get(0));
    }

    @Test
    void aTheoremSavesWhereTheReducedFormsDifferAndAnEditedPlaceFails() {
        Network a = net("tanh", 1, "[{\"weights\": [[\"1\"], [\"2\"]], \"bias\": [\"0\", \"1/3\"]},"
                + " {\"weights\": [[\"1\", \"1\"]], \"bias\": [\"0\"]}, {\"weights\": [[\"1\"]], \"bias\": [\"0\"]}]");
        Network b = net("tanh", 1, "[{\"weights\": [[\"1\"], [\"2\"]], \"bias\": [\"0\", \"1/3+10^-40\"]},"
                + " {\"weights\": [[\"1\", \"1\"]], \"bias\": [\"0\"]}, {\"weights\": [[\"1\"]], \"bias\": [\"0\"]}]");
        Checker.Result r = checked(a, b, Verdict.NOT_EQUIVALENT);
        Evidence.Theorem t = CheckerExamplesTest.only(r, Evidence.Theorem.class);
        assertEquals(List.of(new FormDifferences.Place("bias of h1_2", "1/3",
                "10000000000000000000000000000000000000003/30000000000000000000000000000000000000000")), t.places());
        EvidenceChecker.Report fails = holdsButFailsEdited(a, b, r, "\"place\" : \"bias of h1_2\"",
                "\"place\" : \"bias of h1_1\"");
        assertTrue(fails.lines().get(0).startsWith("FAILS  theorem: the saved places"), fails.lines().get(0));
    }

    private static ZeroData dataOfZero(Network net) {
        org.nnid.exact.ZeroDecision d = TheoryRegistry.builtins().decideZero(net);
        assertTrue(d.isZero(), d::toString);
        return d.data();
    }

    @Test
    void exponentialSumsWithRationalExponentsListEachExponentsCoefficientSum() {
        Network net = net("exp", 1, "[{\"weights\": [[\"1\"], [\"1\"], [\"1\"], [\"1\"]], \"bias\": [\"0\", \"1\", \"0\", \"1\"]},"
                + " {\"weights\": [[\"2\", \"1/3\", \"-2\", \"-1/3\"]], \"bias\": [\"0\"]}]");
        ZeroData.Group slope = dataOfZero(net).groups().get(0);
        assertEquals("output y1, slope w = [1]", slope.label());
        assertEquals(List.of(new ZeroData.Entry("coefficient of e^(0)", "0"), new ZeroData.Entry("coefficient of e^(1)", "0")),
                slope.sums());
        assertEquals(4, slope.terms().size());
    }

    @Test
    void groupSumsOfTanhListTheUnitsInNormalFormAndTheirTotal() {
        Network net = net("tanh", 1, "[{\"weights\": [[\"1\"], [\"-1\"]], \"bias\": [\"1/2\", \"-1/2\"]},"
                + " {\"weights\": [[\"1\", \"1\"]], \"bias\": [\"0\"]}]");
        ZeroData.Group g = dataOfZero(net).groups().get(0);
        assertEquals(List.of("1", "-1"), g.terms().stream().map(t -> t.get(1).value()).toList());
        assertEquals(List.of(new ZeroData.Entry("Σ c_k", "0")), g.sums());
    }

    @Test
    void breakpointsOfAOneInputReluNetworkListEachKnotsValueAndTheEndSlopes() {
        // relu(relu(x)) − relu(x) ≡ 0 (docs/math.md E12)
        Network net = NetworkJson.parse("{\"format\": \"nnid-network/1\", \"activation\": \"relu\", \"inputs\": 1, \"nodes\": ["
                + "{\"id\": \"h1\", \"in\": {\"x1\": \"1\"}}, {\"id\": \"h2\", \"in\": {\"h1\": \"1\"}},"
                + "{\"id\": \"y\", \"in\": {\"h2\": \"1\", \"h1\": \"-1\"}, \"output\": true}]}", "test");
        ZeroData.Group knots = dataOfZero(net).groups().get(0);
        assertEquals("output y, knots", knots.label());
        assertEquals(List.of(List.of(new ZeroData.Entry("x1", "0"), new ZeroData.Entry("value", "0"))), knots.terms());
        assertEquals(List.of(new ZeroData.Entry("knots", "1"), new ZeroData.Entry("slope left of the first knot", "0"),
                new ZeroData.Entry("slope right of the last knot", "0")), knots.sums());
    }
}
