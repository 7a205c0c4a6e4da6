package org.nnid.io;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One ONNX operator that computes a nonlinearity of its one input (a theory file's {@code onnx}
 * key): its op type, the float attributes that carry the nonlinearity's parameters, and the string
 * attributes that must have a given value when present (Gelu's {@code approximate: none}).
 *
 * @param op         the op type in the default domain, e.g. "LeakyRelu"
 * @param opset      the opset version that introduced the op (1 for the oldest ops); a model that
 *                   uses it imports at least this version
 * @param parameters each parameter of the nonlinearity with the float attribute that carries it
 * @param attributes string attributes that must be absent or have this value
 */
public record OnnxSpelling(String op, int opset, Map<String, FloatAttribute> parameters,
        Map<String, String> attributes) {

    /**
     * The float attribute that carries a parameter (its exact value is the parameter), and ONNX's
     * default for it when the node does not set it.
     */
    public record FloatAttribute(String name, Optional<Float> onnxDefault) {}

    public OnnxSpelling {
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** An operator of the first opset, alone, without attributes, e.g. {@code Relu}. */
    public static OnnxSpelling of(String op) {
        return new OnnxSpelling(op, 1, Map.of(), Map.of());
    }
}
