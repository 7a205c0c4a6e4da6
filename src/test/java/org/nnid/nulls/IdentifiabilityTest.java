package org.nnid.nulls;

import java.util.List;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.nnid.exact.ZeroTests;
import org.nnid.exact.ZeroTestsProperties;
import org.nnid.io.NetworkJson;
import org.nnid.net.Network;
import org.nnid.scalar.Scalar;
import org.nnid.registry.TheoryRegistry;
import org.nnid.theory.Theory;

/** nnid identifiability: docs/math.md §3's necessary conditions, §4's null-freeness, and null patterns. */
class IdentifiabilityTest {

    static Network net(String activation, String layers) {
        return NetworkJson.parse("{\"format\": \"nnid-network/1\", \"activation\": \"" + activation
                + "\", \"inputs\": 1, \"layers\": " + layers + "}", "test");
    }

    static Identifiability.Verdict check(Network n) {
        return Identifiability.check(n, TheoryRegistry.builtins().theoryOf(n.activation()), Duration.ofSeconds(5));
    }

    /** The alternative is a different network, proved to have the same function. */
    static void assertSameFunction(Network n, Network alternative) {
        assertTrue(!n.equals(alternative));
        assertTrue(TheoryRegistry.builtins().decideZero(ZeroTestsProperties.difference(n, alternative, Scalar.ZERO)).isZero());
    }

    @Test
    void e1IsIdentifiableWithOrbitEight() {
        Identifiability.Verdict v = check(net("tanh", "[{\"weights\": [[\"1\"],[\"2\"]], \"bias\": [\"1/2\",\"-1\"]},"
                + " {\"weights\": [[\"3\",\"-1\"]], \"bias\": [\"1/4\"]}]"));
        assertEquals(Identifiability.Answer.IDENTIFIABLE, v.answer(), v.reason());
        assertTrue(v.reason().contains("8 parameter vectors"), v.reason());
    }

    @Test
    void e3ClonesUpToTheSignFlipAreNamedAndReduced() {
        Network n = net("tanh", "[{\"weights\": [[\"1\"],[\"1\"],[\"-1\"]], \"bias\": [\"1/2\",\"1/2\",\"-1/2\"]},"
                + " {\"weights\": [[\"1\",\"2\",\"4\"]], \"bias\": [\"0\"]}]");
        Identifiability.Verdict v = check(n);
        assertEquals(Identifiability.Answer.NOT_IDENTIFIABLE, v.answer());
        assertTrue(v.findings().contains("clones: h1_3 = -h1_1 by the symmetry (-1,0,-1,0) (R3)"), v.findings().toString());
        assertSameFunction(n, v.alternative().orElseThrow());
    }

    @Test
    void aReluNetworkWithTheShiftPatternIsNotIdentifiable() {
        Network n = net("relu", "[{\"weights\": [[\"1\"],[\"-1\"],[\"1\"],[\"-1\"],[\"2\"]], \"bias\": [\"0\",\"0\",\"1\",\"-1\",\"1\"]},"
                + " {\"weights\": [[\"1\",\"2\",\"3\",\"4\",\"5\"]], \"bias\": [\"0\"]}]");
        Identifiability.Verdict v = check(n);
        assertEquals(Identifiability.Answer.NOT_IDENTIFIABLE, v.answer(), v.reason());
        assertSameFunction(n, v.alternative().orElseThrow());
    }

    /** issue 16: a sin network whose null network is in proofs-examples is not "not certified". */
    @Test
    void aReducedSinNetworkIsNotIdentifiableByItsNullNetworkWithTheAlternativeShown() {
        for (String layers : new String[] {
                "[{\"weights\": [[\"1\"]], \"bias\": [\"0\"]}, {\"weights\": [[\"1\"]], \"bias\": [\"0\"]}]",
                "[{\"weights\": [[\"1\"],[\"1\"]], \"bias\": [\"2*Pi/3\",\"4*Pi/3\"]},"
                        + " {\"weights\": [[\"-1\",\"-1\"]], \"bias\": [\"0\"]}]",
                "[{\"weights\": [[\"2\"],[\"1\"]], \"bias\": [\"1/2\",\"-1\"]}, {\"weights\": [[\"3\",\"-1\"]], \"bias\": [\"1/4\"]}]"}) {
            Network n = net("sin", layers);
            Identifiability.Verdict v = check(n);
            assertEquals(Identifiability.Answer.NOT_IDENTIFIABLE, v.answer(), v.reason());
            assertTrue(v.findings().stream().anyMatch(f -> f.startsWith("function class: sin networks")), v.findings().toString());
            assertTrue(v.findings().stream().anyMatch(f -> f.contains("beyond the orbit")), v.findings().toString());
            assertSameFunction(n, v.alternative().orElseThrow());
        }
    }

    @Test
    void withoutATheoremOrAPatternItIsNotCertified() {
        Identifiability.Verdict v = check(net("arctan", "[{\"weights\": [[\"1\"],[\"2\"]], \"bias\": [\"1/2\",\"-1\"]},"
                + " {\"weights\": [[\"3\",\"-1\"]], \"bias\": [\"1/4\"]}]"));
        assertEquals(Identifiability.Answer.NOT_CERTIFIED, v.answer());
    }

    @Test
    void theReportSaysWhatFollows() {
        String tanh = report("tanh");
        assertTrue(tanh.contains("null-free:          cited — [VB-A]") || tanh.contains("null-free:          cited"), tanh);
        assertTrue(tanh.contains("2^H"), tanh);
        String relu = report("relu");
        assertTrue(relu.contains("sound but incomplete"), relu);
        assertTrue(relu.contains("(infinite)"), relu);
        assertTrue(relu.contains("null-free:          refuted — null network "), relu);
        assertTrue(report("arctan").contains("null-free:          open"));
    }

    @Test
    void theTableSaysCitedForCitedFactsAndWritesNullNetworksAsFormulas() {
        List<Theory> all = TheoryRegistry.builtins().theories();
        List<IdentifiabilityTable.Row> rows = all.stream().map(t -> IdentifiabilityTable.row(t, all)).toList();
        IdentifiabilityTable.Row logistic = rows.stream().filter(r -> r.name().equals("logistic")).findFirst().orElseThrow();
        assertEquals(IdentifiabilityTable.Standing.CITED, logistic.standing(), logistic.toString());
        assertTrue(logistic.basis().contains("tanh"), logistic.basis());
        IdentifiabilityTable.Row sin = rows.stream().filter(r -> r.name().equals("sin")).findFirst().orElseThrow();
        assertEquals(IdentifiabilityTable.Standing.REFUTED, sin.standing());
        assertTrue(sin.basis().contains("Sin("), sin.basis());
        for (IdentifiabilityTable.Format f : IdentifiabilityTable.Format.values()) {
            String table = IdentifiabilityTable.render(rows, f);
            assertTrue(table.contains("softsign"), f + ": " + table);
            assertEquals(table, IdentifiabilityTable.render(rows, f), "deterministic");
        }
    }

    @Test
    void aRefutedNullFreenessCarriesTheNullNetworksPhasorSumsInTheReportAndTheJson() {
        String sin = report("sin");
        assertTrue(sin.contains("null/sin-three-phases.json: ≡ 0 by depth-1 phasor sums"), sin);
        assertTrue(sin.contains("Σ c_k sin θ_k = (1)*Sin(0)+(1)*Sin(2/3*Pi)+(-1)*Sin(Pi/3) = 0"), sin);
        List<Theory> all = TheoryRegistry.builtins().theories();
        IdentifiabilityTable.Row row = IdentifiabilityTable.row(TheoryRegistry.builtins().get("sin"), all);
        String json = IdentifiabilityTable.render(List.of(row), IdentifiabilityTable.Format.JSON);
        assertTrue(json.contains("\"null_network_checks\""), json);
        assertTrue(json.contains("\"outcome\" : \"ZERO\""), json);
        assertTrue(json.contains("\"Σ c_k cos θ_k\" : \"(1)*Cos(0)+(1)*Cos(2/3*Pi)+(-1)*Cos(Pi/3) = 0\""), json);
        assertTrue(report("tanh").indexOf("≡ 0 by") < 0, "a cited null-freeness has no null network to check");
    }

    private static String report(String name) {
        List<Theory> all = TheoryRegistry.builtins().theories();
        Theory t = TheoryRegistry.builtins().get(name);
        return Identifiability.report(t, IdentifiabilityTable.row(t, all));
    }
}
