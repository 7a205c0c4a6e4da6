package org.nnid.io;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.nnid.net.InputBox;
import org.nnid.scalar.DoubleScalar;
import org.nnid.scalar.Scalar;
import org.nnid.symja.SymjaException;

/**
 * A declared {@link InputBox} as JSON, {@code {"lower": [..], "upper": [..]}}, with values as in
 * nnid-network/1 (a number is a double, a string an exact value). Used by the network format's
 * {@code input_box} key and by the ONNX metadata entry that carries a box.
 */
final class InputBoxJson {
    private static final ObjectMapper MAPPER = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(DoubleLiterals.INSTANCE).build();
    private static final List<String> KEYS = List.of("lower", "upper");

    private InputBoxJson() {}

    static String write(InputBox box) {
        return "{\"lower\": " + vector(box.lower()) + ", \"upper\": " + vector(box.upper()) + "}";
    }

    private static String vector(List<Scalar> v) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < v.size(); i++) {
            b.append(i == 0 ? "" : ", ");
            b.append(v.get(i) instanceof DoubleScalar d ? Double.toString(d.value()) : NetworkJson.quote(v.get(i).toText()));
        }
        return b.append(']').toString();
    }

    static InputBox parse(String json, int inputs, String source, String where) {
        try {
            return read(MAPPER.readTree(json), inputs, source, where);
        } catch (JsonProcessingException e) {
            throw new NetworkFormatException(source, where, "not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    static InputBox read(JsonNode node, int inputs, String source, String where) {
        if (node == null || !node.isObject()) {
            throw new NetworkFormatException(source, where, "expected an object {\"lower\": [..], \"upper\": [..]}");
        }
        node.fieldNames().forEachRemaining(k -> {
            if (!KEYS.contains(k)) {
                throw new NetworkFormatException(source, NetworkJson.key(where, k), "unknown key (known: lower, upper)");
            }
        });
        List<List<Scalar>> bounds = new ArrayList<>();
        for (String k : KEYS) {
            String at = NetworkJson.key(where, k);
            JsonNode a = node.get(k);
            if (a == null || !a.isArray()) {
                throw new NetworkFormatException(source, at, "expected an array of " + inputs + " bounds");
            }
            if (a.size() != inputs) {
                throw new NetworkFormatException(source, at, "expected " + inputs + " entries (one per input), found "
                        + a.size());
            }
            List<Scalar> v = new ArrayList<>(inputs);
            for (int i = 0; i < inputs; i++) {
                v.add(scalar(a.get(i), source, NetworkJson.index(at, i)));
            }
            bounds.add(v);
        }
        try {
            return new InputBox(bounds.get(0), bounds.get(1));
        } catch (IllegalArgumentException e) {
            throw new NetworkFormatException(source, where, e.getMessage().replaceFirst("^input box: ", ""), e);
        }
    }

    private static Scalar scalar(JsonNode e, String source, String where) {
        if (e.isBigDecimal()) {
            throw new NetworkFormatException(source, where, DoubleLiterals.problem(e.decimalValue()));
        }
        if (e.isNumber() && Double.isFinite(e.doubleValue())) {
            return Scalar.of(e.doubleValue());
        }
        if (e.isTextual()) {
            try {
                return Scalar.parseExact(e.textValue());
            } catch (SymjaException | IllegalArgumentException | ArithmeticException ex) {
                throw new NetworkFormatException(source, where, "unparsable exact value '" + e.textValue() + "'", ex);
            }
        }
        throw new NetworkFormatException(source, where, "expected a finite number or an exact value as a string");
    }
}
