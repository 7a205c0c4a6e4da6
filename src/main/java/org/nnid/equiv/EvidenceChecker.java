package org.nnid.equiv;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.nnid.activation.PiecewiseLinear;
import org.nnid.exact.ExactBox;
import org.nnid.exact.PiecewiseLinearDecision;
import org.nnid.exact.ShallowReluDoubles;
import org.nnid.exact.ZeroDecision;
import org.nnid.net.Evaluator;
import org.nnid.net.Network;
import org.nnid.rewrite.Certificate;
import org.nnid.rewrite.Replay;
import org.nnid.scalar.Interval;
import org.nnid.registry.TheoryRegistry;

/**
 * Re-checks a saved verdict's evidence without trusting the checker that produced it: certificates
 * are replayed move by move ({@link Replay}, which never calls the canonicaliser, at the tolerance
 * of the verdict, never one a certificate states) and the forms they reach compared; witnesses are
 * re-evaluated in outward-rounded interval arithmetic (or again in high precision, or exactly for
 * piecewise-linear networks) and must lie within the stored enclosures; bounds over a box are
 * recomputed leaf by leaf of their split tree, which must tile the box; exact zero tests and Symja's
 * simplification are run again. Then the verdict must be the one the evidence proves: the saved
 * word is compared with what the re-checked evidence supports, so an edited word fails as surely
 * as edited evidence.
 *
 * <p>One kind of evidence needs the canonicaliser: the null-freeness theorem concludes from
 * canonical forms that differ, so after replaying both certificates this checker confirms that the
 * forms reached are fixed points of canonicalisation and proved reduced.
 */
public final class EvidenceChecker {

    /** The result: whether the verdict is supported, and one line per piece of evidence. */
    public record Report(boolean holds, List<String> lines) {}

    private EvidenceChecker() {}

    public static Report check(VerdictFile.Saved saved, TheoryRegistry registry) {
        Preparation p = Preparation.of(saved.a(), saved.b(), registry);
        Domain domain = domainOf(saved, p);
        List<String> lines = new ArrayList<>();
        boolean allHold = true;
        Set<Verdict> proved = EnumSet.noneOf(Verdict.class);
        for (Evidence e : saved.evidence()) {
            Optional<String> failure;
            String shown = e.describe();
            try {
                failure = recheck(e, p, saved, registry);
                if (failure.isEmpty()) {
                    OwnNumbers own = OwnNumbers.of(e, p, registry);
                    failure = own.failure();
                    shown = own.shown().orElse(shown);
                }
            } catch (RuntimeException ex) {
                failure = Optional.of("could not be re-checked: " + ex.getMessage());
            }
            if (failure.isPresent()) {
                allHold = false;
                lines.add("FAILS  " + e.kind() + ": " + failure.get());
            } else {
                Optional<Verdict> v = proves(e, saved.question(), domain, p, registry);
                v.ifPresent(proved::add);
                lines.add("holds  " + e.kind() + v.map(x -> " (proves " + x + ")").orElse("") + ": " + shown);
                e.dataLines().forEach(l -> lines.add("         " + l)); // recomputed and equal, so shown
            }
        }
        Optional<String> mismatch = wordMismatch(saved.verdict(), proved);
        mismatch.ifPresent(lines::add);
        return new Report(allHold && mismatch.isEmpty(), lines);
    }

    /**
     * The domain the verdict speaks of: all of R^m when no box is saved; the networks' declared box
     * when the saved box is its outward rounding (witnesses must then lie in the inward rounding,
     * as the checker looks for them there); otherwise the saved box itself.
     */
    private static Domain domainOf(VerdictFile.Saved saved, Preparation p) {
        if (saved.box().isEmpty()) {
            return Domain.everywhere(p.a().inputCount());
        }
        try {
            Domain declared = Domain.resolve(Optional.empty(), false, p.a(), p.b());
            if (declared.outer().equals(saved.box())) {
                return declared;
            }
        } catch (IllegalArgumentException e) {
            // the declared boxes do not meet: the saved box is all there is
        }
        return Domain.of(saved.box().get(), "saved");
    }

    /** Why the saved word is not the one the evidence proves, if it is not. */
    private static Optional<String> wordMismatch(Verdict saved, Set<Verdict> proved) {
        if (proved.size() > 1) {
            return Optional.of("the evidence proves contradicting verdicts " + proved);
        }
        if (proved.isEmpty()) {
            return saved == Verdict.UNKNOWN ? Optional.empty()
                    : Optional.of("no piece of evidence proves " + saved);
        }
        Verdict v = proved.iterator().next();
        return v == saved ? Optional.empty()
                : Optional.of("the evidence proves " + v + ", but the verdict says " + saved);
    }

    /** The verdict this (re-checked) evidence proves for the question on the domain, if any. */
    private static Optional<Verdict> proves(Evidence e, Question q, Domain domain, Preparation p,
            TheoryRegistry registry) {
        boolean closeness = q instanceof Question.Closeness;
        Verdict same = closeness ? Verdict.WITHIN_EPS : Verdict.EQUIVALENT;
        if ((e instanceof Evidence.CanonicalForms c && c.exact() && c.tolerance() == 0)
                || (e instanceof Evidence.ZeroTest z && z.zero())
                || (e instanceof Evidence.Symbolic s && s.proved())) {
            return Optional.of(same);
        }
        if (e instanceof Evidence.PiecewiseLinearZero pl && (pl.box().isEmpty()
                || (domain.outer().isPresent() && contains(pl.box().get(), domain.outer().get())))) {
            return Optional.of(same);
        }
        if (e instanceof Evidence.Witness w && inDomain(w.x(), domain)) {
            if (closeness) {
                return w.eps() >= ((Question.Closeness) q).eps() ? Optional.of(Verdict.EXCEEDS_EPS) : Optional.empty();
            }
            return Optional.of(Verdict.NOT_EQUIVALENT);
        }
        if (closeness && e instanceof Evidence.BoxBound bb && covers(bb, domain)
                && bb.upperBound() <= ((Question.Closeness) q).eps()) {
            return Optional.of(Verdict.WITHIN_EPS);
        }
        boolean differenceOnDomain = domain.isEverywhere()
                || (p.sameActivation() && TheoryFacts.of(p.a(), registry).analytic() && domain.isOpen());
        if (!closeness && differenceOnDomain && (e instanceof Evidence.Theorem
                || (e instanceof Evidence.ZeroTest z && !z.zero() && p.sameActivation() && Difference.zeroIsNecessary(p.a(), TheoryFacts.of(p.a(), registry))))) {
            return Optional.of(Verdict.NOT_EQUIVALENT);
        }
        return Optional.empty();
    }

    private static boolean inDomain(double[] x, Domain domain) {
        if (domain.inner().isEmpty()) {
            return true;
        }
        Box b = domain.inner().get();
        for (int i = 0; i < x.length; i++) {
            if (!(b.lo()[i] <= x[i] && x[i] <= b.hi()[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(Box outer, Box inner) {
        for (int i = 0; i < inner.dims(); i++) {
            if (!(outer.lo()[i] <= inner.lo()[i] && inner.hi()[i] <= outer.hi()[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean covers(Evidence.BoxBound bb, Domain domain) {
        if (domain.outer().isEmpty()) {
            return false;
        }
        Box b = domain.outer().get();
        for (int i = 0; i < b.dims(); i++) {
            if (!(bb.lo()[i] <= b.lo()[i] && b.hi()[i] <= bb.hi()[i])) {
                return false;
            }
        }
        return true;
    }

    /** Empty when the evidence re-checks; otherwise what failed. */
    private static Optional<String> recheck(Evidence e, Preparation p, VerdictFile.Saved saved,
            TheoryRegistry registry) {
        if (e instanceof Evidence.CanonicalForms c) {
            if (c.tolerance() > saved.tolerance()) {
                return Optional.of("its tolerance " + c.tolerance() + " exceeds the verdict's " + saved.tolerance());
            }
            Optional<String> f = replay(p, c.a(), c.b(), c.exact(), c.tolerance(), registry);
            if (f.isPresent()) {
                return f;
            }
            FormComparison cmp = FormComparison.of(c.a().result(), c.b().result(),
                    !c.exact() && TheoryFacts.of(p.a(), registry).positiveScaling(), c.exact() ? 0 : c.tolerance());
            double allowed = c.exact() ? 0 : c.tolerance();
            return cmp.within(allowed) ? Optional.empty()
                    : Optional.of("the forms reached differ: " + cmp.where());
        }
        if (e instanceof Evidence.Theorem t) {
            TheoryFacts facts = TheoryFacts.of(p.a(), registry);
            if (!facts.nullFree()) {
                return Optional.of(facts.name() + " is not known to be null-free");
            }
            Optional<String> f = replay(p, t.a(), t.b(), true, 0, registry);
            if (f.isPresent()) {
                return f;
            }
            for (Certificate c : List.of(t.a(), t.b())) {
                Network form = c.result();
                if (!Checker.canonicalise(form, facts, 0).network().equals(form)) {
                    return Optional.of("a stated canonical form is not a fixed point of canonicalisation");
                }
                Optional<String> notReduced = ProvedReduced.check(form);
                if (notReduced.isPresent()) {
                    return Optional.of("a stated canonical form is not proved reduced: " + notReduced.get());
                }
            }
            if (FormComparison.of(t.a().result(), t.b().result()).within(0)) {
                return Optional.of("the canonical forms are identical");
            }
            List<FormDifferences.Place> places = FormDifferences.of(t.a().result(), t.b().result());
            return t.places().isEmpty() || t.places().equals(places) ? Optional.empty()
                    : Optional.of("the saved places where the forms differ are not the recomputed ones " + places);
        }
        if (e instanceof Evidence.ZeroTest z) {
            Optional<Network> d = Difference.of(Checker.exactImage(p.a()), Checker.exactImage(p.b()));
            if (d.isEmpty()) {
                return Optional.of("there is no difference network for this pair");
            }
            ZeroDecision again = registry.decideZero(d.get());
            boolean agrees = z.zero() ? again.isZero() : again.isNonzero();
            if (!agrees) {
                return Optional.of("the zero test now says " + again);
            }
            return z.data().isEmpty() ? Optional.empty() : z.data().firstDifference(again.data())
                    .map(where -> "the recomputed data differs from the saved data: " + where);
        }
        if (e instanceof Evidence.PiecewiseLinearZero pl) {
            Optional<ExactBox> plBox = pl.box().map(b -> ExactBox.ofDoubles(b.lo(), b.hi()));
            if (pl.tree().isEmpty() && ShallowReluDoubles.proveZero(p.a(), p.b(), plBox)
                    .filter(z -> pl.data().isEmpty() || pl.data().equals(z.data())).isPresent()) {
                return Optional.empty();
            }
            Optional<Network> d = p.sameActivation()
                    ? Difference.of(Checker.exactImage(p.a()), Checker.exactImage(p.b())) : Optional.empty();
            Optional<PiecewiseLinear> rho = TheoryFacts.of(p.a(), registry).theory().instantiatedDefinition()
                    .toPiecewiseLinear("t", java.util.Map.of());
            if (d.isEmpty() || rho.isEmpty()) {
                return Optional.of("the networks are not one piecewise-linear pair");
            }
            return PiecewiseLinearDecision.check(d.get(), rho.get(),
                    pl.box().map(b -> ExactBox.ofDoubles(b.lo(), b.hi())), pl.tree(), pl.data());
        }
        if (e instanceof Evidence.Symbolic s) {
            if (!s.proved()) {
                return Optional.empty(); // no claim to re-check
            }
            Evidence.Symbolic again = Checker.symbolic(Checker.exactImage(p.a()), Checker.exactImage(p.b()),
                    Checker.Options.defaults().symbolicLimit());
            return again.proved() ? Optional.empty()
                    : Optional.of("Symja no longer simplifies A − B to 0");
        }
        return Optional.empty(); // witnesses, bounds, search reports: OwnNumbers recomputes their numbers
    }

    private static Optional<String> replay(Preparation p, Certificate ca, Certificate cb, boolean exact,
            double tolerance, TheoryRegistry registry) {
        TheoryFacts facts = TheoryFacts.of(p.a(), registry);
        Network a = exact ? Checker.exactImage(p.a()) : p.a();
        Network b = exact ? Checker.exactImage(p.b()) : p.b();
        Replay.Outcome ra = Replay.check(a, ca, facts.rules(), tolerance);
        if (!ra.valid()) {
            return Optional.of("A's certificate: " + ra.message());
        }
        Replay.Outcome rb = Replay.check(b, cb, facts.rules(), tolerance);
        return rb.valid() ? Optional.empty() : Optional.of("B's certificate: " + rb.message());
    }
}
