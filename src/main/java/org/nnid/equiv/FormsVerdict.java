package org.nnid.equiv;

import org.nnid.net.Network;
import org.nnid.rewrite.Rewriter;
import org.nnid.registry.TheoryRegistry;

/**
 * What a comparison of exact canonical forms proves, and nothing more ({@code nnid diff}):
 * identical forms mean one function for every ρ; different forms mean different functions only
 * for a null-free ρ and forms proved reduced (docs/math.md §4); otherwise nothing. Doubles are taken as
 * the rationals they are.
 */
public record FormsVerdict(Conclusion conclusion, String explanation, Network formA, Network formB) {

    public enum Conclusion { SAME_FUNCTION, DIFFERENT_FUNCTIONS, NOTHING_PROVED }

    /** @throws ArithmeticException when a zero test on a closed-form constant cannot be decided */
    public static FormsVerdict of(Network a, Network b, TheoryRegistry registry) {
        TheoryFacts facts = TheoryFacts.of(a, registry);
        Rewriter.Result ea = Checker.canonicalise(Checker.exactImage(a), facts, 0);
        Rewriter.Result eb = Checker.canonicalise(Checker.exactImage(b), facts, 0);
        FormComparison cmp = FormComparison.of(ea.network(), eb.network());
        if (cmp.within(0)) {
            return new FormsVerdict(Conclusion.SAME_FUNCTION, "identical exact canonical forms: the same function",
                    ea.network(), eb.network());
        }
        if (!facts.nullFree()) {
            return new FormsVerdict(Conclusion.NOTHING_PROVED, "the exact canonical forms differ, which proves nothing"
                    + " for " + facts.name() + " (not known to be null-free): nnid equiv may decide the pair",
                    ea.network(), eb.network());
        }
        var notReduced = ProvedReduced.check(ea.network()).or(() -> ProvedReduced.check(eb.network()));
        if (notReduced.isPresent()) {
            return new FormsVerdict(Conclusion.NOTHING_PROVED, "the exact canonical forms differ, but they are not"
                    + " proved reduced (" + notReduced.get() + "), so this proves nothing", ea.network(), eb.network());
        }
        return new FormsVerdict(Conclusion.DIFFERENT_FUNCTIONS, "different functions: " + facts.name()
                + " is null-free and the exact canonical forms differ (docs/math.md §4)", ea.network(), eb.network());
    }
}
