package org.nnid.io;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.nnid.activation.Activation;
import org.nnid.activation.Formula;
import org.nnid.scalar.Scalar;

/**
 * A nonlinearity as the formats name it: what its theory file says about names, parameters and
 * ONNX spellings, and its activation at given parameter values. The readers and writers know
 * nonlinearities only through these ({@link Nonlinearities}).
 */
public final class Nonlinearity {
    private final String name;
    private final List<String> aliases;
    private final Activation activation;
    private final Map<String, Scalar> parameters;
    private final Optional<Formula> parameterCondition;
    private final List<OnnxSpelling> onnx;
    private final Function<Map<String, Scalar>, Activation> atParameters;

    /**
     * @param activation         the activation at the default parameter values
     * @param parameters         the parameters with their default values, in the file's order
     * @param parameterCondition what the parameter values must satisfy, if anything
     * @param atParameters       the activation at other values (all parameters given); throws
     *                           IllegalArgumentException when they are not allowed
     */
    public Nonlinearity(String name, List<String> aliases, Activation activation, Map<String, Scalar> parameters,
            Optional<Formula> parameterCondition, List<OnnxSpelling> onnx,
            Function<Map<String, Scalar>, Activation> atParameters) {
        this.name = name;
        this.aliases = List.copyOf(aliases);
        this.activation = activation;
        this.parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        this.parameterCondition = parameterCondition;
        this.onnx = List.copyOf(onnx);
        this.atParameters = atParameters;
    }

    public String name() {
        return name;
    }

    public List<String> aliases() {
        return aliases;
    }

    /** Whether the name or an alias matches, ignoring case and surrounding blanks. */
    public boolean answersTo(String nameOrAlias) {
        String n = nameOrAlias.strip();
        return name.equalsIgnoreCase(n) || aliases.stream().anyMatch(a -> a.equalsIgnoreCase(n));
    }

    /** The activation at the default parameter values. */
    public Activation activation() {
        return activation;
    }

    /** The parameters with their default values, in the theory file's order; empty for most. */
    public Map<String, Scalar> parameters() {
        return parameters;
    }

    public List<OnnxSpelling> onnx() {
        return onnx;
    }

    /**
     * The activation with the given parameters set (the others at their defaults).
     *
     * @throws IllegalArgumentException when a value breaks the condition or the evaluation refuses it
     */
    public Activation withParameters(Map<String, Scalar> values) {
        Map<String, Scalar> all = new LinkedHashMap<>(parameters);
        all.putAll(values);
        for (Map.Entry<String, Scalar> v : values.entrySet()) {
            if (parameters.containsKey(v.getKey()) && !allows(v.getKey(), v.getValue())) {
                throw new IllegalArgumentException("the " + v.getKey() + " of " + name + " must "
                        + requirement(v.getKey()) + ", found " + v.getValue().toText());
            }
        }
        return all.equals(parameters) ? activation : atParameters.apply(all);
    }

    /**
     * Whether the value of one parameter (the others at their defaults) satisfies the theory's
     * condition.
     */
    public boolean allows(String parameter, Scalar value) {
        Map<String, Scalar> all = new LinkedHashMap<>(parameters);
        all.put(parameter, value);
        return parameterCondition.isEmpty() || parameterCondition.get().holds(all);
    }

    /**
     * "strictly between lo and hi" when the condition on the parameter is {@code lo < p < hi} with
     * constants lo and hi (for messages); empty otherwise.
     */
    public Optional<String> openInterval(String parameter) {
        if (parameterCondition.isEmpty()) {
            return Optional.empty();
        }
        Formula.Var p = new Formula.Var(parameter);
        if (parameterCondition.get().root() instanceof Formula.And and && and.args().size() == 2
                && and.args().get(0) instanceof Formula.Cmp lower && lower.op().equals("<") && lower.right().equals(p)
                && and.args().get(1) instanceof Formula.Cmp upper && upper.op().equals("<") && upper.left().equals(p)
                && Formula.wrap(lower.left()).variables().isEmpty() && Formula.wrap(upper.right()).variables().isEmpty()) {
            return Optional.of("strictly between " + Formula.wrap(lower.left()) + " and " + Formula.wrap(upper.right()));
        }
        return Optional.empty();
    }

    /** "lie strictly between 0 and 1", or "satisfy" and the condition: for "the slope must ...". */
    public String requirement(String parameter) {
        return openInterval(parameter).map(r -> "lie " + r).orElse("satisfy " + condition());
    }

    /** The condition the parameter values must satisfy, as written ("" when there is none). */
    public String condition() {
        return parameterCondition.map(Formula::toString).orElse("");
    }

    @Override
    public String toString() {
        return name;
    }
}
