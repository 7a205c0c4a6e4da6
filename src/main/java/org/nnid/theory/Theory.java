package org.nnid.theory;

import org.nnid.activation.DeclaredDomain;
import org.nnid.activation.DefinedActivation;

import org.nnid.activation.Activation;
import org.nnid.activation.Formula;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.nnid.io.OnnxSpelling;
import org.nnid.scalar.Scalar;

/**
 * Everything nnid knows about one nonlinearity ρ, as read from its file in {@code theories/}: the
 * definition in t, the evaluation the engine uses, the affine symmetry group S_ρ (docs/math.md §2), the
 * normal form NF_ρ (§5), affine relations to other theories (§2), and the null-freeness status
 * with its evidence (§4). A theory is a claim until {@link TheoryVerifier} has checked it; the
 * engine uses {@link VerifiedTheory}.
 *
 * @param name          canonical name, e.g. "leaky_relu"
 * @param aliases       other names, e.g. "sigmoid" for logistic
 * @param definition    ρ as a formula in t and the parameters
 * @param parameters    parameter values (e.g. slope = 1/100), substituted into the definition
 * @param parameterCondition the condition the parameters must satisfy, if any
 * @param activation    double and interval evaluation: a built-in activation, or a {@link DefinedActivation}
 * @param builtin       whether the theory ships with nnid (its citations are accepted)
 * @param source        the file as named to the user, e.g. "relu.theory"
 * @param properties    what the file states under {@code properties} (relied on for built-ins only)
 * @param normalFormDeclared whether the file declares a normal form (otherwise the identity is
 *                      used: sound, but canonical forms then do not identify symmetric nodes)
 * @param onnx          the ONNX operators that compute ρ (the file's {@code onnx}), read and written by io
 * @param exactZeroTest the exact zero test for one hidden layer the file names (relied on for built-ins only)
 */
public record Theory(String name, List<String> aliases, String description, Formula definition,
        Map<String, Scalar> parameters, Optional<Formula> parameterCondition, Activation activation, boolean builtin,
        SymmetryGroup group, NormalForm normalForm, List<AffineRelation> relations, NullFreeness nullFreeness,
        String source, boolean normalFormDeclared, java.util.Set<FunctionProperty> properties,
        List<OnnxSpelling> onnx, Optional<ExactZeroTest> exactZeroTest) {

    public Theory {
        properties = properties.isEmpty() ? java.util.Set.of()
                : java.util.Collections.unmodifiableSet(java.util.EnumSet.copyOf(properties));
        aliases = List.copyOf(aliases);
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        relations = List.copyOf(relations);
        onnx = List.copyOf(onnx);
    }

    /** ρ in t with the parameter values put in: what is evaluated and proved. */
    public Formula instantiatedDefinition() {
        Map<String, Formula> values = new LinkedHashMap<>();
        parameters.forEach((k, v) -> values.put(k, Formula.of(v)));
        return definition.substitute(values);
    }

    /** Whether the name or an alias matches, ignoring case. */
    public boolean answersTo(String nameOrAlias) {
        String n = nameOrAlias.strip();
        return name.equalsIgnoreCase(n) || aliases.stream().anyMatch(a -> a.equalsIgnoreCase(n));
    }

    public Optional<AffineRelation> relationTo(String other) {
        return relations.stream().filter(r -> r.to().equalsIgnoreCase(other)).findFirst();
    }

    /**
     * The same theory at other parameter values (e.g. leaky_relu with slope 1/5).
     *
     * @throws IllegalArgumentException if a name is not a parameter or the condition fails
     */
    public Theory withParameters(Map<String, Scalar> values) {
        Map<String, Scalar> merged = new LinkedHashMap<>(parameters);
        for (Map.Entry<String, Scalar> e : values.entrySet()) {
            if (!parameters.containsKey(e.getKey())) {
                throw new IllegalArgumentException("theory '" + name + "' has no parameter '" + e.getKey() + "'"
                        + (parameters.isEmpty() ? "" : " (it has: " + String.join(", ", parameters.keySet()) + ")"));
            }
            if (!e.getValue().isExact()) {
                throw new IllegalArgumentException("parameter '" + e.getKey() + "' of theory '" + name
                        + "' must be exact, got " + e.getValue());
            }
            merged.put(e.getKey(), e.getValue());
        }
        if (parameterCondition.isPresent() && !parameterCondition.get().holds(merged)) {
            throw new IllegalArgumentException("parameters of theory '" + name + "' must satisfy "
                    + parameterCondition.get() + ", got " + merged);
        }
        if (merged.equals(parameters)) {
            return this;
        }
        Activation a = bindActivation(name, activation, merged, definition);
        return new Theory(name, aliases, description, definition, merged, parameterCondition, a, builtin, group,
                normalForm, relations, nullFreeness, source, normalFormDeclared, properties, onnx, exactZeroTest);
    }

    /**
     * The activation at the given parameter values: a built-in one re-bound to them (the Java
     * evaluation takes the theory's parameter names, {@link Activation#withParameters}), or the
     * definition evaluated.
     *
     * @throws IllegalArgumentException when the built-in evaluation refuses the names or values
     */
    static Activation bindActivation(String name, Activation current, Map<String, Scalar> values, Formula definition) {
        if (current instanceof DefinedActivation || current == null) {
            Map<String, String> text = new LinkedHashMap<>();
            values.forEach((k, v) -> text.put(k, v.toText()));
            Map<String, Formula> subst = new LinkedHashMap<>();
            values.forEach((k, v) -> subst.put(k, Formula.of(v)));
            DeclaredDomain domain = current == null ? DeclaredDomain.REAL_LINE : DeclaredDomain.of(current);
            return new DefinedActivation(name, definition.substitute(subst), text, domain);
        }
        return current.withParameters(values);
    }

    @Override
    public String toString() {
        return "Theory[" + name + (parameters.isEmpty() ? "" : " " + parameters) + ", " + source + "]";
    }
}
