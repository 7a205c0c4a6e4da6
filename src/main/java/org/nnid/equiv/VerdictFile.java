package org.nnid.equiv;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

import org.nnid.exact.ZeroDataJson;
import org.nnid.io.NetworkFormatException;
import org.nnid.io.NetworkJson;
import org.nnid.net.Network;
import org.nnid.rewrite.Certificate;
import org.nnid.scalar.Interval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A saved verdict, format {@code nnid-verdict/1}: the verdict, both networks as given, the
 * preparation steps, every piece of evidence (certificates embedded, witness points and
 * enclosures as exact round-trip decimals), notes and, optionally, timings. Self-contained, so
 * that {@link EvidenceChecker} can re-check it with nothing else.
 */
public final class VerdictFile {
    public static final String FORMAT = "nnid-verdict/1";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * A verdict as read back.
     *
     * @param box the box it was compared on, when it was not all of R^m
     */
    public record Saved(Verdict verdict, ProofKind qualifier, String reason, Question question, Optional<Box> box,
            double tolerance, Network a, Network b, Optional<String> sourceA, Optional<String> sourceB,
            List<Evidence> evidence) {}

    private VerdictFile() {}

    /**
     * @param sourceA where A came from (a path relative to the verdict file)
     * @param timings whether to include the timings (they are the only part that varies between runs)
     */
    public static String write(Network a, String sourceA, Network b, String sourceB, Checker.Result r,
            boolean timings) {
        return write(a, Optional.of(sourceA), b, Optional.of(sourceB), r, timings);
    }

    /** As {@link #write(Network, String, Network, String, Checker.Result, boolean)}, for networks without a file. */
    public static String write(Network a, Network b, Checker.Result r, boolean timings) {
        return write(a, Optional.empty(), b, Optional.empty(), r, timings);
    }

    private static String write(Network a, Optional<String> sourceA, Network b, Optional<String> sourceB,
            Checker.Result r, boolean timings) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("format", FORMAT);
        root.put("nnid_version", org.nnid.io.NnidVersion.get());
        root.put("question", r.question() instanceof Question.Closeness ? "closeness" : "exact");
        if (r.question() instanceof Question.Closeness c) {
            root.put("eps", c.eps());
        }
        root.put("domain", r.domain().description());
        r.domain().outer().ifPresent(bx -> {
            root.set("box_lo", numbers(bx.lo()));
            root.set("box_hi", numbers(bx.hi()));
        });
        root.put("verdict", r.verdict().name());
        root.put("qualifier", r.qualifier().word());
        root.put("reason", r.reason());
        root.put("tolerance", r.tolerance());
        sourceA.ifPresent(source -> root.put("a_source", source));
        sourceB.ifPresent(source -> root.put("b_source", source));
        root.set("a", tree(NetworkJson.write(a)));
        root.set("b", tree(NetworkJson.write(b)));
        ArrayNode steps = root.putArray("preparation");
        r.steps().forEach(steps::add);
        ArrayNode ev = root.putArray("evidence");
        for (Evidence e : r.evidence()) {
            ev.add(evidence(e));
        }
        ArrayNode findings = root.putArray("findings");
        r.findings().forEach(findings::add);
        ArrayNode notes = root.putArray("notes");
        r.notes().forEach(notes::add);
        if (timings) {
            ObjectNode t = root.putObject("timings_ms");
            r.timings().forEach(t::put);
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("nnid wrote JSON it cannot serialise", e);
        }
    }

    private static ObjectNode evidence(Evidence e) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("kind", e.kind());
        o.put("summary", e.describe());
        if (e instanceof Evidence.CanonicalForms c) {
            o.put("exact", c.exact());
            o.put("tolerance", c.tolerance());
            o.put("largest_difference", c.largestDifference());
            o.set("certificate_a", tree(c.a().toJson()));
            o.set("certificate_b", tree(c.b().toJson()));
        } else if (e instanceof Evidence.ZeroTest z) {
            o.put("zero", z.zero());
            o.put("method", z.method());
            o.put("detail", z.detail());
            if (!z.data().isEmpty()) {
                o.set("data", ZeroDataJson.write(z.data()));
            }
        } else if (e instanceof Evidence.Theorem t) {
            o.put("theory", t.theory());
            o.put("citation", t.citation());
            ArrayNode d = o.putArray("differences");
            t.differences().forEach(d::add);
            ArrayNode places = o.putArray("form_differences");
            t.places().forEach(p -> places.addObject().put("place", p.place()).put("a", p.a()).put("b", p.b()));
            o.set("certificate_a", tree(t.a().toJson()));
            o.set("certificate_b", tree(t.b().toJson()));
        } else if (e instanceof Evidence.Witness w) {
            o.set("x", numbers(w.x()));
            o.put("output", w.output() + 1);
            o.set("enclosure_a", numbers(w.a().lo(), w.a().hi()));
            o.set("enclosure_b", numbers(w.b().lo(), w.b().hi()));
            o.put("arithmetic", w.arithmetic().text());
            if (w.eps() > 0) {
                o.put("eps", w.eps());
            }
        } else if (e instanceof Evidence.Symbolic s) {
            o.put("outcome", s.outcome().name());
            o.put("method", s.method());
        } else if (e instanceof Evidence.Search s) {
            o.put("points", s.points());
            o.put("largest_difference", s.largestDifference());
            s.at().ifPresent(at -> {
                o.set("at", numbers(at));
                o.put("output", s.output() + 1);
            });
        } else if (e instanceof Evidence.PiecewiseLinearZero pl) {
            o.put("method", pl.method());
            o.put("detail", pl.detail());
            pl.box().ifPresent(b -> {
                o.set("lo", numbers(b.lo()));
                o.set("hi", numbers(b.hi()));
            });
            pl.tree().ifPresent(t -> o.set("regions", RegionTreeJson.write(t)));
            if (!pl.data().isEmpty()) {
                o.set("data", ZeroDataJson.write(pl.data()));
            }
        } else if (e instanceof Evidence.BoxBound bb) {
            o.set("lo", numbers(bb.lo()));
            o.set("hi", numbers(bb.hi()));
            o.put("upper_bound", bb.upperBound());
            o.put("pieces", bb.pieces());
            o.put("method", bb.method());
            // one string each: a tree of many thousand nodes stays a few lines of the file
            o.put("tree", treeText(bb.tree().preorder()));
            o.put("leaf_bounds", boundsText(bb.tree().leafBounds()));
        }
        return o;
    }

    /** Preorder nodes as text: a coordinate (1-based) for a bisection, '-' for a leaf. */
    private static String treeText(int[] preorder) {
        StringBuilder b = new StringBuilder();
        for (int d : preorder) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(d < 0 ? "-" : Integer.toString(d + 1));
        }
        return b.toString();
    }

    private static String boundsText(double[] bounds) {
        StringBuilder b = new StringBuilder();
        for (double d : bounds) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(d);
        }
        return b.toString();
    }

    private static int[] tree(String text, String where) {
        String[] tokens = text.isBlank() ? new String[0] : text.strip().split(" +");
        int[] out = new int[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            try {
                out[i] = tokens[i].equals("-") ? -1 : Integer.parseInt(tokens[i]) - 1;
            } catch (NumberFormatException e) {
                throw new NetworkFormatException(where + ": node " + (i + 1) + ": expected '-' or a coordinate, found '"
                        + tokens[i] + "'");
            }
            if (out[i] < -1) {
                throw new NetworkFormatException(where + ": node " + (i + 1) + ": coordinates start at 1");
            }
        }
        return out;
    }

    private static double[] bounds(String text, String where) {
        String[] tokens = text.isBlank() ? new String[0] : text.strip().split(" +");
        double[] out = new double[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            try {
                out[i] = Double.parseDouble(tokens[i]);
            } catch (NumberFormatException e) {
                throw new NetworkFormatException(where + ": bound " + (i + 1) + ": expected a number, found '"
                        + tokens[i] + "'");
            }
        }
        return out;
    }

    private static ArrayNode numbers(double... xs) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (double x : xs) {
            a.add(x);
        }
        return a;
    }

    private static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("nnid wrote JSON it cannot read back", e);
        }
    }

    // ------------------------------------------------------------------------------- reading

    /**
     * Reads a saved verdict; {@code networkReader} parses an embedded network (text, source name).
     *
     * @throws NetworkFormatException naming the source and the JSON location
     */
    public static Saved parse(String json, String source, BiFunction<String, String, Network> networkReader) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new NetworkFormatException(source + ": not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
            throw new NetworkFormatException(source + ": format: expected \"" + FORMAT + "\"");
        }
        Verdict verdict;
        try {
            verdict = Verdict.valueOf(text(root, "verdict", source));
        } catch (IllegalArgumentException e) {
            throw new NetworkFormatException(source + ": verdict: expected EQUIVALENT, NOT_EQUIVALENT, UNKNOWN,"
                    + " WITHIN_EPS or EXCEEDS_EPS");
        }
        Question question;
        try {
            question = root.has("question") && text(root, "question", source).equals("closeness")
                    ? new Question.Closeness(number(root, "eps", source)) : Question.exact();
        } catch (IllegalArgumentException e) {
            throw new NetworkFormatException(source + ": eps: " + e.getMessage());
        }
        if (!verdict.answers(question)) {
            throw new NetworkFormatException(source + ": verdict: " + verdict + " does not answer the question of "
                    + question.describe());
        }
        Optional<Box> box = Optional.empty();
        if (root.has("box_lo") || root.has("box_hi")) {
            try {
                box = Optional.of(new Box(doubles(root, "box_lo", source), doubles(root, "box_hi", source)));
            } catch (IllegalArgumentException e) {
                throw new NetworkFormatException(source + ": box_lo, box_hi: " + e.getMessage());
            }
        }
        Network a = networkReader.apply(object(root, "a", source).toString(), source + ": a");
        Network b = networkReader.apply(object(root, "b", source).toString(), source + ": b");
        List<Evidence> evidence = new ArrayList<>();
        JsonNode list = root.get("evidence");
        if (list == null || !list.isArray()) {
            throw new NetworkFormatException(source + ": evidence: expected an array");
        }
        for (int i = 0; i < list.size(); i++) {
            evidence.add(evidence(list.get(i), source + ": evidence[" + i + "]", networkReader));
        }
        ProofKind qualifier;
        try {
            qualifier = ProofKind.ofWord(text(root, "qualifier", source));
        } catch (IllegalArgumentException e) {
            throw new NetworkFormatException(source + ": qualifier: expected exact, witness, theorem, bound or undecided");
        }
        return new Saved(verdict, qualifier, text(root, "reason", source), question, box,
                number(root, "tolerance", source), a, b, optionalText(root, "a_source", source),
                optionalText(root, "b_source", source), evidence);
    }

    private static Evidence evidence(JsonNode o, String where, BiFunction<String, String, Network> reader) {
        String kind = text(o, "kind", where);
        return switch (kind) {
            case "canonical-forms" -> new Evidence.CanonicalForms(certificate(o, "certificate_a", where, reader),
                    certificate(o, "certificate_b", where, reader), bool(o, "exact", where),
                    number(o, "tolerance", where), number(o, "largest_difference", where));
            case "zero-test" -> new Evidence.ZeroTest(bool(o, "zero", where), text(o, "method", where),
                    text(o, "detail", where), ZeroDataJson.read(o, where));
            case "theorem" -> new Evidence.Theorem(text(o, "theory", where), text(o, "citation", where),
                    certificate(o, "certificate_a", where, reader), certificate(o, "certificate_b", where, reader),
                    strings(o, "differences", where), places(o, where));
            case "witness" -> {
                double[] ea = doubles(o, "enclosure_a", where);
                double[] eb = doubles(o, "enclosure_b", where);
                if (ea.length != 2 || eb.length != 2) {
                    throw new NetworkFormatException(where + ": enclosures: expected [lo, hi]");
                }
                double eps = o.has("eps") ? number(o, "eps", where) : 0;
                if (!(eps >= 0) || Double.isInfinite(eps)) {
                    throw new NetworkFormatException(where + ": eps: expected a finite number >= 0");
                }
                yield new Evidence.Witness(doubles(o, "x", where), (int) number(o, "output", where) - 1,
                        interval(ea, where), interval(eb, where), Evidence.Witness.Arithmetic.ofText(text(o, "arithmetic", where)), eps);
            }
            case "symbolic" -> {
                try {
                    yield new Evidence.Symbolic(Evidence.Symbolic.Outcome.valueOf(text(o, "outcome", where)),
                            text(o, "method", where));
                } catch (IllegalArgumentException e) {
                    throw new NetworkFormatException(where + ": outcome: expected ZERO, NOT_DECIDED or TIMED_OUT");
                }
            }
            case "search" -> new Evidence.Search((int) number(o, "points", where), number(o, "largest_difference", where),
                    o.has("at") ? Optional.of(doubles(o, "at", where)) : Optional.empty(), o.has("output") ? (int) number(o, "output", where) - 1 : 0);
            case "box-bound" -> new Evidence.BoxBound(doubles(o, "lo", where), doubles(o, "hi", where),
                    number(o, "upper_bound", where), new SplitTree(tree(text(o, "tree", where), where + ": tree"),
                            bounds(text(o, "leaf_bounds", where), where + ": leaf_bounds")), text(o, "method", where));
            case "piecewise-linear-zero" -> new Evidence.PiecewiseLinearZero(text(o, "method", where),
                    text(o, "detail", where), o.has("lo") ? Optional.of(box(doubles(o, "lo", where), doubles(o, "hi", where), where))
                    : Optional.empty(), o.has("regions") ? Optional.of(RegionTreeJson.read(o.get("regions"), where + ".regions"))
                    : Optional.empty(), ZeroDataJson.read(o, where));
            default -> throw new NetworkFormatException(where + ": kind: unknown evidence kind '" + kind + "'");
        };
    }

    /** A theorem's places where the forms differ; none in verdicts written before nnid saved them. */
    private static List<FormDifferences.Place> places(JsonNode o, String where) {
        JsonNode n = o.get("form_differences");
        if (n == null) {
            return List.of();
        }
        if (!n.isArray()) {
            throw new NetworkFormatException(where + ": form_differences: expected an array");
        }
        List<FormDifferences.Place> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            String at = where + ": form_differences[" + i + "]";
            out.add(new FormDifferences.Place(text(n.get(i), "place", at), text(n.get(i), "a", at), text(n.get(i), "b", at)));
        }
        return out;
    }

    private static Box box(double[] lo, double[] hi, String where) {
        try {
            return new Box(lo, hi);
        } catch (IllegalArgumentException e) {
            throw new NetworkFormatException(where + ": lo, hi: " + e.getMessage());
        }
    }

    private static Interval interval(double[] lh, String where) {
        if (!(lh[0] <= lh[1])) {
            throw new NetworkFormatException(where + ": enclosure: expected lo <= hi");
        }
        return Interval.of(lh[0], lh[1]);
    }

    private static Certificate certificate(JsonNode o, String field, String where,
            BiFunction<String, String, Network> reader) {
        return Certificate.parse(object(o, field, where).toString(), where + "." + field, reader);
    }

    private static JsonNode object(JsonNode o, String field, String where) {
        JsonNode n = o.get(field);
        if (n == null || !n.isObject()) {
            throw new NetworkFormatException(where + ": " + field + ": expected an object");
        }
        return n;
    }

    private static String text(JsonNode o, String field, String where) {
        JsonNode n = o.get(field);
        if (n == null || !n.isTextual()) {
            throw new NetworkFormatException(where + ": " + field + ": expected a string");
        }
        return n.asText();
    }

    private static Optional<String> optionalText(JsonNode o, String field, String where) {
        return o.has(field) ? Optional.of(text(o, field, where)) : Optional.empty();
    }

    private static boolean bool(JsonNode o, String field, String where) {
        JsonNode n = o.get(field);
        if (n == null || !n.isBoolean()) {
            throw new NetworkFormatException(where + ": " + field + ": expected true or false");
        }
        return n.asBoolean();
    }

    private static double number(JsonNode o, String field, String where) {
        JsonNode n = o.get(field);
        if (n == null || !n.isNumber()) {
            throw new NetworkFormatException(where + ": " + field + ": expected a number");
        }
        return n.asDouble();
    }

    private static double[] doubles(JsonNode o, String field, String where) {
        JsonNode n = o.get(field);
        if (n == null || !n.isArray()) {
            throw new NetworkFormatException(where + ": " + field + ": expected an array of numbers");
        }
        double[] x = new double[n.size()];
        for (int i = 0; i < x.length; i++) {
            if (!n.get(i).isNumber()) {
                throw new NetworkFormatException(where + ": " + field + "[" + i + "]: expected a number");
            }
            x[i] = n.get(i).asDouble();
        }
        return x;
    }

    private static List<String> strings(JsonNode o, String field, String where) {
        JsonNode n = o.get(field);
        if (n == null || !n.isArray()) {
            throw new NetworkFormatException(where + ": " + field + ": expected an array of strings");
        }
        List<String> out = new ArrayList<>();
        n.forEach(s -> out.add(s.asText()));
        return out;
    }
}
