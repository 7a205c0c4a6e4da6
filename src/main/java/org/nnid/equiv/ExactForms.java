package org.nnid.equiv;

import java.util.Optional;

import org.nnid.net.Network;
import org.nnid.rewrite.Rewriter;

/**
 * The exact canonical forms of two networks over one nonlinearity (docs/math.md §5), and what
 * comparing them proves: identical forms are one function for every ρ (the checker's step 2);
 * different forms are different functions on R^m when ρ is null-free and both forms are proved
 * reduced (docs/math.md §4, the checker's step 6). The checker's steps and {@code nnid diff}
 * ({@link FormsVerdict}) decide by this code.
 */
record ExactForms(Rewriter.Result a, Rewriter.Result b) {

    /** Why the null-freeness theorem does not turn different forms into different functions. */
    sealed interface TheoremGap {
        /** The nonlinearity is not known to be null-free. */
        record NotNullFree() implements TheoremGap {}

        /** A form holds constants whose zeros or clones are not decided; {@code why} says which. */
        record NotReduced(String why) implements TheoremGap {}
    }

    /**
     * The canonical forms of the networks' exact images (every double taken as its rational).
     *
     * @throws ArithmeticException when a zero test on a closed-form constant cannot be decided
     */
    static ExactForms of(Network a, Network b, TheoryFacts facts) {
        return new ExactForms(form(a, facts), form(b, facts));
    }

    /**
     * The exact canonical form of one network (every double taken as its rational).
     *
     * @throws ArithmeticException when a zero test on a closed-form constant cannot be decided
     */
    static Rewriter.Result form(Network net, TheoryFacts facts) {
        return Checker.canonicalise(Checker.exactImage(net), facts, 0);
    }

    /** @throws ArithmeticException when two constants of the forms cannot be compared */
    FormComparison compare() {
        return FormComparison.of(a.network(), b.network());
    }

    /** Step 2: the forms are identical, so the networks are one function for every ρ. */
    static boolean identical(FormComparison comparison) {
        return comparison.within(0);
    }

    /**
     * Step 6: empty when the theorem applies, so that forms that differ are different functions on
     * R^m; otherwise why it does not.
     */
    Optional<TheoremGap> theoremGap(TheoryFacts facts) {
        if (!facts.nullFree()) {
            return Optional.of(new TheoremGap.NotNullFree());
        }
        return ProvedReduced.check(a.network()).or(() -> ProvedReduced.check(b.network()))
                .map(TheoremGap.NotReduced::new);
    }
}
