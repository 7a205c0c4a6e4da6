package org.nnid.exact;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.nnid.io.NetworkFormatException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A zero decision's data in a saved verdict: one object per group, {@code {"group": "output y,
 * frequency w = [1]", "terms": [{"unit": "h1", "c": "1", "θ": "0"}, …], "sums": {"Σ c_k cos θ_k":
 * "… = 0", …}}}, every value a string of exact text; fields keep the order the procedure wrote.
 */
public final class ZeroDataJson {
    private ZeroDataJson() {}

    public static ArrayNode write(ZeroData data) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (ZeroData.Group g : data.groups()) {
            ObjectNode o = out.addObject();
            o.put("group", g.label());
            if (!g.terms().isEmpty()) {
                ArrayNode terms = o.putArray("terms");
                g.terms().forEach(t -> entries(terms.addObject(), t));
            }
            entries(o.putObject("sums"), g.sums());
        }
        return out;
    }

    private static void entries(ObjectNode o, List<ZeroData.Entry> entries) {
        entries.forEach(e -> o.put(e.name(), e.value()));
    }

    /** Empty data when the field is absent (verdicts written before nnid saved it). */
    public static ZeroData read(JsonNode parent, String where) {
        JsonNode n = parent.get("data");
        if (n == null) {
            return ZeroData.none();
        }
        if (!n.isArray()) {
            throw new NetworkFormatException(where + ": data: expected an array of groups");
        }
        List<ZeroData.Group> groups = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            String at = where + ": data[" + i + "]";
            JsonNode g = n.get(i);
            if (!g.isObject() || !g.path("group").isTextual()) {
                throw new NetworkFormatException(at + ": expected an object with a \"group\" string");
            }
            List<List<ZeroData.Entry>> terms = new ArrayList<>();
            JsonNode t = g.get("terms");
            if (t != null) {
                if (!t.isArray()) {
                    throw new NetworkFormatException(at + ": terms: expected an array of objects");
                }
                for (int j = 0; j < t.size(); j++) {
                    terms.add(entries(t.get(j), at + ": terms[" + j + "]"));
                }
            }
            groups.add(new ZeroData.Group(g.get("group").asText(), terms, entries(g.get("sums"), at + ": sums")));
        }
        return new ZeroData(groups);
    }

    private static List<ZeroData.Entry> entries(JsonNode o, String where) {
        if (o == null || !o.isObject()) {
            throw new NetworkFormatException(where + ": expected an object of strings");
        }
        List<ZeroData.Entry> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new NetworkFormatException(where + ": " + e.getKey() + ": expected a string");
            }
            out.add(new ZeroData.Entry(e.getKey(), e.getValue().asText()));
        }
        return out;
    }
}
