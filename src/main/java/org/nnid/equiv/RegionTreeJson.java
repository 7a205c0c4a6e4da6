package org.nnid.equiv;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.commons.math3.fraction.BigFraction;
import org.nnid.exact.RegionTree;
import org.nnid.io.NetworkFormatException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A region tree in a saved verdict: one object per decision, {@code {"kind": "split", "unit": 3}},
 * {@code {"kind": "active", "unit": 4, "multipliers": [[1, "1/2"]]}} (multipliers sparse: the
 * 1-based constraint and its exact value), leaves {@code {"kind": "zero"}} and
 * {@code {"kind": "empty", "multipliers": …}}. Units are 1-based.
 */
final class RegionTreeJson {
    /** Digits a saved multiplier's numerator or denominator may have. */
    private static final int MAX_DIGITS = 10_000;

    private RegionTreeJson() {}

    static ArrayNode write(RegionTree tree) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (RegionTree.Entry e : tree.entries()) {
            ObjectNode o = out.addObject();
            o.put("kind", word(e.kind()));
            if (e.unit() >= 0) {
                o.put("unit", e.unit() + 1);
            }
            if (e.kind() != RegionTree.Kind.SPLIT && e.kind() != RegionTree.Kind.ZERO_LEAF) {
                ArrayNode m = o.putArray("multipliers");
                for (int i = 0; i < e.lambda().size(); i++) {
                    BigFraction l = e.lambda().get(i);
                    if (!l.equals(BigFraction.ZERO)) {
                        ArrayNode pair = m.addArray();
                        pair.add(i + 1);
                        pair.add(l.getDenominator().equals(BigInteger.ONE) ? l.getNumerator().toString()
                                : l.getNumerator() + "/" + l.getDenominator());
                    }
                }
                o.put("constraints", e.lambda().size());
            }
        }
        return out;
    }

    static RegionTree read(JsonNode array, String where) {
        if (array == null || !array.isArray()) {
            throw new NetworkFormatException(where + ": expected an array of decisions");
        }
        List<RegionTree.Entry> entries = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String at = where + "[" + (i + 1) + "]";
            JsonNode o = array.get(i);
            RegionTree.Kind kind = kind(o.path("kind").asText(""), at);
            int unit = -1;
            if (kind == RegionTree.Kind.ACTIVE || kind == RegionTree.Kind.INACTIVE || kind == RegionTree.Kind.SPLIT) {
                if (!o.path("unit").canConvertToInt() || o.path("unit").asInt() < 1) {
                    throw new NetworkFormatException(at + ": unit: expected a positive integer");
                }
                unit = o.path("unit").asInt() - 1;
            }
            List<BigFraction> lambda = List.of();
            if (kind == RegionTree.Kind.ACTIVE || kind == RegionTree.Kind.INACTIVE || kind == RegionTree.Kind.EMPTY_LEAF) {
                lambda = multipliers(o, at);
            }
            entries.add(new RegionTree.Entry(kind, unit, lambda));
        }
        return new RegionTree(entries);
    }

    private static List<BigFraction> multipliers(JsonNode o, String at) {
        JsonNode count = o.path("constraints");
        if (!count.canConvertToInt() || count.asInt() < 0 || count.asInt() > 1_000_000) {
            throw new NetworkFormatException(at + ": constraints: expected a count of at most 1000000");
        }
        BigFraction[] lambda = new BigFraction[count.asInt()];
        Arrays.fill(lambda, BigFraction.ZERO);
        JsonNode m = o.path("multipliers");
        if (!m.isArray()) {
            throw new NetworkFormatException(at + ": multipliers: expected an array of [index, \"p/q\"]");
        }
        for (JsonNode pair : m) {
            if (!pair.isArray() || pair.size() != 2 || !pair.get(0).canConvertToInt()) {
                throw new NetworkFormatException(at + ": multipliers: expected [index, \"p/q\"]");
            }
            int index = pair.get(0).asInt();
            if (index < 1 || index > lambda.length) {
                throw new NetworkFormatException(at + ": multipliers: index " + index + " outside 1.." + lambda.length);
            }
            lambda[index - 1] = fraction(pair.get(1).asText(""), at);
        }
        return List.of(lambda);
    }

    private static BigFraction fraction(String text, String at) {
        String[] parts = text.split("/", -1);
        if (parts.length > 2 || text.length() > 2 * MAX_DIGITS + 2) {
            throw new NetworkFormatException(at + ": multiplier '" + abbreviate(text) + "': expected p or p/q");
        }
        try {
            BigInteger p = new BigInteger(parts[0]);
            BigInteger q = parts.length == 2 ? new BigInteger(parts[1]) : BigInteger.ONE;
            if (q.signum() <= 0) {
                throw new NetworkFormatException(at + ": multiplier '" + abbreviate(text) + "': the denominator must be positive");
            }
            return new BigFraction(p, q);
        } catch (NumberFormatException e) {
            throw new NetworkFormatException(at + ": multiplier '" + abbreviate(text) + "': expected p or p/q with integers");
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    private static String word(RegionTree.Kind k) {
        return switch (k) {
            case ACTIVE -> "active";
            case INACTIVE -> "inactive";
            case SPLIT -> "split";
            case ZERO_LEAF -> "zero";
            case EMPTY_LEAF -> "empty";
            case UNDECIDED_LEAF -> "undecided";
        };
    }

    private static RegionTree.Kind kind(String word, String at) {
        for (RegionTree.Kind k : RegionTree.Kind.values()) {
            if (word(k).equals(word.toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new NetworkFormatException(at + ": kind: expected active, inactive, split, zero or empty, found '"
                + abbreviate(word) + "'");
    }
}
