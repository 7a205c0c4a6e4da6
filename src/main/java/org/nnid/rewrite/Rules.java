package org.nnid.rewrite;

import java.util.Map;
import java.util.function.Predicate;

import org.nnid.scalar.DoubleScalar;
import org.nnid.scalar.Scalar;
import org.nnid.activation.Activation;
import org.nnid.activation.Formula;
import org.nnid.theory.SymmetryElement;

/**
 * What moves need to know about the nonlinearity: ρ itself (to fold constant nodes) and a test of
 * membership in S_ρ (a symmetry may only be applied, or a clone merged, with an element of S_ρ).
 */
public record Rules(Activation activation, Predicate<SymmetryElement> inGroup) {

    /** The rules of a theory: its activation, and membership in its symmetry group. */
    public static Rules of(org.nnid.theory.Theory theory) {
        return new Rules(theory.activation(), GroupMembership.of(theory.group()));
    }

    /** The rules of a verified theory: only the symmetries that verified are admitted. */
    public static Rules of(org.nnid.registry.VerifiedTheory theory) {
        return new Rules(theory.activation(), GroupMembership.of(theory.group()));
    }

    /**
     * ρ(θ), exact when θ is exact (a rational or a constant: the definition is evaluated over exact
     * scalars, so relu(3/10) is 3/10 and tanh(3/10) stays the constant Tanh(3/10)), a double
     * otherwise. Max, Min, Abs and the like are decided by the exact comparison of scalars, never
     * by Symja's double-precision evaluation.
     */
    public Scalar valueAt(Scalar theta) {
        if (theta instanceof DoubleScalar d) {
            return Scalar.of(activation.apply(d.value()));
        }
        return Formula.parse(activation.symja()).evaluateExact(Map.of("t", theta));
    }
}
