package org.nnid.equiv;

import java.util.Optional;

import org.nnid.activation.DeclaredDomain;
import org.nnid.net.Network;
import org.nnid.registry.TheoryRegistry;

/**
 * What a comparison of exact canonical forms proves, and nothing more ({@code nnid diff}):
 * identical forms mean one function for every ρ; different forms mean different functions only
 * for a null-free ρ and forms proved reduced (docs/math.md §4); otherwise nothing. Doubles are taken as
 * the rationals they are. It decides by the checker's own steps on exact forms ({@link ExactForms}).
 */
public record FormsVerdict(Conclusion conclusion, String explanation, Network formA, Network formB) {

    public enum Conclusion { SAME_FUNCTION, DIFFERENT_FUNCTIONS, NOTHING_PROVED }

    /** @throws ArithmeticException when a zero test on a closed-form constant cannot be decided */
    public static FormsVerdict of(Network a, Network b, TheoryRegistry registry) {
        DeclaredDomain declared = DeclaredDomain.of(a.activation());
        if (!declared.isRealLine() && !a.equals(b)) {
            // Canonical moves ignore where a network is undefined (a deleted dead node may have been
            // outside the domain), so equal forms do not mean equal functions here.
            ExactForms forms = ExactForms.of(a, b, TheoryFacts.of(a, registry));
            return new FormsVerdict(Conclusion.NOTHING_PROVED, a.activation().name() + " is declared on " + declared
                    + " only, and canonical forms ignore where a network is undefined: this proves nothing (nnid equiv"
                    + " may find a witness)", forms.a().network(), forms.b().network());
        }
        TheoryFacts facts = TheoryFacts.of(a, registry);
        ExactForms forms = ExactForms.of(a, b, facts);
        Network formA = forms.a().network();
        Network formB = forms.b().network();
        if (ExactForms.identical(forms.compare())) {
            return new FormsVerdict(Conclusion.SAME_FUNCTION, "identical exact canonical forms: the same function",
                    formA, formB);
        }
        Optional<ExactForms.TheoremGap> gap = forms.theoremGap(facts);
        if (gap.isEmpty()) {
            return new FormsVerdict(Conclusion.DIFFERENT_FUNCTIONS, "different functions: " + facts.name()
                    + " is null-free and the exact canonical forms differ (docs/math.md §4)", formA, formB);
        }
        String why = gap.get() instanceof ExactForms.TheoremGap.NotReduced notReduced
                ? "the exact canonical forms differ, but they are not proved reduced (" + notReduced.why()
                        + "), so this proves nothing"
                : "the exact canonical forms differ, which proves nothing for " + facts.name()
                        + " (not known to be null-free): nnid equiv may decide the pair";
        return new FormsVerdict(Conclusion.NOTHING_PROVED, why, formA, formB);
    }
}
