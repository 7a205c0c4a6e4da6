package org.nnid.equiv;

import org.nnid.net.Network;
import org.nnid.rewrite.Rules;
import org.nnid.scalar.Scalar;
import org.nnid.theory.NullFreeness;
import org.nnid.theory.SymmetryElement;
import org.nnid.theory.Theory;
import org.nnid.registry.TheoryRegistry;

/**
 * The facts the checker may rely on for a network's nonlinearity: built-in theories as they are
 * (CI verifies them), users' theories only where they verified; null-freeness only when proved.
 */
record TheoryFacts(Theory theory, Rules rules, boolean nullFree, String citation) {

    static TheoryFacts of(Network net, TheoryRegistry registry) {
        Theory t = registry.reliableTheoryOf(net.activation());
        NullFreeness nf = t.nullFreeness();
        String citation = nf.citation().or(() -> nf.byRelation().map(r -> "by its affine relation to " + r))
                .orElse("");
        return new TheoryFacts(t, Rules.of(t), nf.status() == NullFreeness.Status.PROVED, citation);
    }

    String name() {
        return theory.name();
    }

    /**
     * Whether ρ is real-analytic on R (theory file, {@code properties}): then two networks equal
     * on a box with interior points are equal everywhere, and a difference proved on all of R^m is
     * a difference on the box. Relied on for built-in theories only.
     */
    boolean analytic() {
        return theory.properties().contains(org.nnid.theory.FunctionProperty.ANALYTIC);
    }

    /** Whether ρ is strictly monotone (theory file, {@code properties}); built-in theories only. */
    boolean injective() {
        return theory.properties().contains(org.nnid.theory.FunctionProperty.INJECTIVE);
    }

    /** Whether every positive rescaling (λ, 0, λ, 0) is a symmetry (tested at λ = 2 and 1/3, as the group admits). */
    boolean positiveScaling() {
        return rules.inGroup().test(SymmetryElement.of(Scalar.of(2), Scalar.ZERO, Scalar.of(2), Scalar.ZERO))
                && rules.inGroup().test(SymmetryElement.of(Scalar.of(1, 3), Scalar.ZERO, Scalar.of(1, 3), Scalar.ZERO));
    }
}
