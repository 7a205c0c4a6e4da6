package org.nnid.activation;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.matheclipse.core.interfaces.IExpr;

import org.nnid.scalar.Interval;
import org.nnid.scalar.Rational;
import org.nnid.symja.Symja;
import org.nnid.symja.SymjaException;

/**
 * The activation of a user theory, evaluated from its definition: in double arithmetic by nnid's
 * own {@link Formula} evaluator when every function in it is one nnid knows, otherwise by Symja
 * (correct but slow). The interval extension is the natural one ({@link Formula#enclose}), sound
 * by construction; a definition with a function that has no rigorous interval version in nnid has
 * none, and asking for it is an error, because such a theory cannot give rigorous witnesses.
 */
public final class DefinedActivation implements Activation {
    private final String name;
    private final Formula definition;
    private final Map<String, String> parameters;
    private final boolean fast;
    private final boolean rigorous;
    private final DeclaredDomain domain;

    /**
     * @param definition the definition in t with parameter values already substituted
     * @param parameters parameter values as text, for display and equality
     */
    public DefinedActivation(String name, Formula definition, Map<String, String> parameters) {
        this(name, definition, parameters, DeclaredDomain.REAL_LINE);
    }

    /** @param domain where ρ may be evaluated: outside it, ρ has no value (NaN, or no finite enclosure) */
    public DefinedActivation(String name, Formula definition, Map<String, String> parameters, DeclaredDomain domain) {
        this.domain = domain;
        this.name = name;
        this.definition = definition;
        this.parameters = Map.copyOf(new LinkedHashMap<>(parameters));
        this.fast = definition.hasDoubleEvaluation();
        this.rigorous = definition.hasIntervalExtension();
    }

    /** The arguments at which ρ may be evaluated (the theory file's {@code domain:}, all of ℝ without one). */
    public DeclaredDomain domain() {
        return domain;
    }

    public Formula definition() {
        return definition;
    }

    /** Whether {@link #apply(Interval)} is available (the activation can give rigorous witnesses). */
    public boolean hasIntervalExtension() {
        return rigorous;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Map<String, String> parameters() {
        return parameters;
    }

    /** A point evaluation by Symja that takes longer than this gives NaN rather than a hang. */
    private static final Duration SYMJA_LIMIT = Duration.ofSeconds(5);

    /**
     * ρ(t) in double arithmetic; NaN outside the declared domain, where the definition is undefined,
     * or where Symja cannot evaluate it within five seconds.
     */
    @Override
    public double apply(double t) {
        if (!domain.isRealLine() && !domain.contains(t)) {
            return Double.NaN;
        }
        if (fast) {
            return definition.evaluate(t);
        }
        if (!Double.isFinite(t)) {
            return Double.NaN;
        }
        String at = definition.substitute("t", Formula.of(Rational.ofExactDouble(t))).toSymja();
        Optional<IExpr> r = Symja.evalWithin("N(" + at + ",20)", SYMJA_LIMIT);
        if (r.isEmpty() || Symja.aborted(r.get())) {
            return Double.NaN;
        }
        try {
            return Symja.toBigDecimal(r.get(), 20, at).doubleValue();
        } catch (SymjaException | ArithmeticException e) {
            return Double.NaN;
        }
    }

    /**
     * @throws UnsupportedOperationException when the definition has no rigorous interval version
     */
    @Override
    public Interval apply(Interval t) {
        if (!rigorous) {
            throw new UnsupportedOperationException("the activation '" + name + "' of a user theory has no rigorous"
                    + " interval extension (its definition " + definition + " uses a function nnid cannot enclose"
                    + " soundly), so it cannot be used for rigorous witnesses");
        }
        if (!domain.isRealLine() && !domain.containsAll(t)) {
            return Interval.ENTIRE; // not proved inside the domain: no value to enclose
        }
        return definition.enclose(Map.of("t", t)).orElseThrow();
    }

    @Override
    public String symja() {
        return definition.toSymja();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DefinedActivation d && d.name.equals(name) && d.definition.equals(definition)
                && d.parameters.equals(parameters) && d.domain.equals(domain);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, definition, parameters, domain);
    }

    @Override
    public String toString() {
        return name + " = " + definition + (domain.isRealLine() ? "" : " for " + domain);
    }
}
