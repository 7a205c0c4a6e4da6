package org.nnid.equiv;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.nnid.io.NetworkJson;
import org.nnid.net.Network;
import org.nnid.registry.TheoryRegistry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Issue 22: check-evidence recomputes every number it prints. For each kind of evidence that stores
 * numbers, the untouched verdict file HOLDS, a stored number edited so that it no longer contains
 * the recomputed one FAILS on that evidence's line, and a stored number edited but still containing
 * the recomputed one is not repeated: the line shows check-evidence's own number.
 */
class CheckEvidenceOwnNumbersTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static Network tanh(String lastBias) {
        return NetworkJson.parse("""
                {"format": "nnid-network/1", "activation": "tanh", "inputs": 1,
                 "layers": [{"weights": [["1"], ["2"]], "bias": ["1/2", "-1"]}, {"weights": [["3", "-1"]], "bias": ["%s"]}]}
                """.formatted(lastBias), "test");
    }

    private static String saved(Network a, Network b, Checker.Options options) {
        return VerdictFile.write(a, b, Checker.check(a, b, options), false);
    }

    private static EvidenceChecker.Report check(String json) {
        return EvidenceChecker.check(VerdictFile.parse(json, "test", NetworkJson::parse), TheoryRegistry.builtins());
    }

    /** The verdict file with the first evidence of this kind changed by edit. */
    private static String edited(String json, String kind, Consumer<ObjectNode> edit) throws Exception {
        JsonNode root = MAPPER.readTree(json);
        for (JsonNode e : root.get("evidence")) {
            if (e.get("kind").asText().equals(kind)) {
                edit.accept((ObjectNode) e);
                return MAPPER.writeValueAsString(root);
            }
        }
        throw new AssertionError("no " + kind + " evidence in " + json);
    }

    private static String line(EvidenceChecker.Report r, String kind) {
        return r.lines().stream().filter(l -> l.contains(kind + ":") || l.contains(kind + " (")).findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + kind + " in " + r.lines()));
    }

    private static void holds(String json) {
        EvidenceChecker.Report r = check(json);
        assertTrue(r.holds(), () -> String.join("\n", r.lines()));
    }

    private static void failsOn(String json, String kind) {
        EvidenceChecker.Report r = check(json);
        assertFalse(r.holds(), () -> String.join("\n", r.lines()));
        assertTrue(line(r, kind).startsWith("FAILS"), () -> String.join("\n", r.lines()));
    }

    private static ArrayNode pair(double lo, double hi) {
        return MAPPER.createArrayNode().add(lo).add(hi);
    }

    @Test
    void aWitnessEnclosureThatDoesNotContainTheRecomputedOneFailsAndAWiderOneIsNotRepeated() throws Exception {
        String json = saved(tanh("1/4"), tanh("1/3"), Checker.Options.defaults());
        holds(json);
        failsOn(edited(json, "witness", e -> e.set("enclosure_a", pair(100, 101))), "witness");
        failsOn(edited(json, "witness", e -> e.set("enclosure_b", pair(-7, -6))), "witness");
        failsOn(edited(json, "witness", e -> e.set("x", MAPPER.createArrayNode().add(3.0))), "witness");
        // Wider stored enclosures still contain the recomputed ones and still separate: the line shows the recomputed.
        String wider = edited(json, "witness", e -> {
            double lo = e.get("enclosure_a").get(0).asDouble();
            e.set("enclosure_a", pair(lo - 0.0625, e.get("enclosure_a").get(1).asDouble()));
        });
        EvidenceChecker.Report r = check(wider);
        assertTrue(r.holds(), () -> String.join("\n", r.lines()));
        String stored = MAPPER.readTree(wider).get("evidence").get(0).get("enclosure_a").get(0).asText();
        assertFalse(line(r, "witness").contains(stored), () -> stored + " repeated in " + line(r, "witness"));
    }

    @Test
    void aBoxBoundWhoseLeafOrUpperBoundIsBelowTheRecomputedFailsAndALargerOneIsNotRepeated() throws Exception {
        Checker.Options options = Checker.Options.defaults().withQuestion(new Question.Closeness(1))
                .withBox(Box.parse("-1,1", 1));
        String json = saved(tanh("1/4"), tanh("1/3"), options);
        holds(json);
        failsOn(edited(json, "box-bound", e -> e.put("upper_bound", 1e-300)), "box-bound");
        failsOn(edited(json, "box-bound", e -> {
            String[] leaves = e.get("leaf_bounds").asText().split(" ");
            leaves[0] = "1.0E-300";
            e.put("leaf_bounds", String.join(" ", leaves));
        }), "box-bound");
        String larger = edited(json, "box-bound", e -> e.put("upper_bound", 0.75));
        EvidenceChecker.Report r = check(larger);
        assertTrue(r.holds(), () -> String.join("\n", r.lines()));
        assertFalse(line(r, "box-bound").contains("0.75"), line(r, "box-bound"));
    }

    @Test
    void aSearchReportWhoseLargestDifferenceIsNotTheRecomputedOneFails() throws Exception {
        // A − B is the constant −10⁻³⁰: decided exactly, with a search report that saw no difference in doubles.
        String json = saved(tanh("1/4"), tanh("1/4+10^-30"), Checker.Options.defaults());
        holds(json);
        failsOn(edited(json, "search", e -> e.put("largest_difference", 100.0)), "search");
        failsOn(edited(json, "search", e -> e.remove("at")).replace("\"largest_difference\":0.0",
                "\"largest_difference\":1.0"), "search");
    }

    @Test
    void canonicalFormsWithAStoredLargestDifferenceBelowTheRecomputedFail() throws Exception {
        String json = saved(tanh("1/4"), tanh("1/4"), Checker.Options.defaults());
        holds(json);
        String inexact = edited(json, "canonical-forms", e -> {
            e.put("exact", false);
            e.put("tolerance", 1e-12);
        });
        // within a tolerance the forms prove no EQUIVALENT, but their numbers are still checked
        assertTrue(line(check(inexact), "canonical-forms").startsWith("holds"), check(inexact).lines().toString());
        failsOn(edited(inexact, "canonical-forms", e -> e.put("largest_difference", -1.0)), "canonical-forms");
    }

    @Test
    void aRegionCertificateWithAnEditedMultiplierFailsAndItsCountsAreRecomputed() throws Exception {
        // relu(relu(s) − relu(−s) + 1) = relu(s + 1), s = x1 + x2: one function, two architectures
        Network a = NetworkJson.parse("{\"format\": \"nnid-network/1\", \"activation\": \"relu\", \"inputs\": 2, \"layers\": "
                + "[{\"weights\": [[\"1\",\"1\"], [\"-1\",\"-1\"]], \"bias\": [\"0\", \"0\"]}, "
                + "{\"weights\": [[\"1\", \"-1\"]], \"bias\": [\"1\"]}, {\"weights\": [[\"1\"]], \"bias\": [\"0\"]}]}", "a");
        Network b = NetworkJson.parse("{\"format\": \"nnid-network/1\", \"activation\": \"relu\", \"inputs\": 2, \"layers\": "
                + "[{\"weights\": [[\"1\",\"1\"]], \"bias\": [\"1\"]}, {\"weights\": [[\"1\"]], \"bias\": [\"0\"]}, "
                + "{\"weights\": [[\"1\"]], \"bias\": [\"0\"]}]}", "b");
        String json = saved(a, b, Checker.Options.defaults().withBox(Box.parse("-3,3", 2)));
        holds(json);
        failsOn(edited(json, "piecewise-linear-zero", e -> {
            for (JsonNode entry : e.get("regions")) {
                if (entry.has("multipliers")) {
                    ((ArrayNode) entry.get("multipliers").get(0)).set(1, MAPPER.getNodeFactory().textNode("2"));
                    return;
                }
            }
            throw new AssertionError("no multiplier in " + e);
        }), "piecewise-linear-zero");
        // the stated detail is not repeated: the counts shown are those of the replayed tree
        EvidenceChecker.Report r = check(edited(json, "piecewise-linear-zero", e -> e.put("detail", "on 99 regions")));
        assertTrue(r.holds(), () -> String.join("\n", r.lines()));
        assertFalse(line(r, "piecewise-linear-zero").contains("99"), line(r, "piecewise-linear-zero"));
    }
}
