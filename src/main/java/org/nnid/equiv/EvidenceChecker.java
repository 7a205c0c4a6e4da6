package org.nnid.equiv;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.nnid.exact.ZeroDecision;
import org.nnid.exact.ZeroTests;
import org.nnid.net.Evaluator;
import org.nnid.net.Network;
import org.nnid.rewrite.Certificate;
import org.nnid.rewrite.Replay;
import org.nnid.scalar.Interval;
import org.nnid.theory.TheoryRegistry;

/**
 * Re-checks a saved verdict's evidence without trusting the checker that produced it: certificates
 * are replayed move by move ({@link Replay}, which never calls the canonicaliser) and the forms they
 * reach compared; witnesses are re-evaluated in outward-rounded interval arithmetic (or again in
 * high precision); exact zero tests and Symja's simplification are run again. The verdict holds
 * when every piece of evidence re-checks and at least one of them proves the verdict (an UNKNOWN
 * needs none).
 *
 * <p>One kind of evidence needs the canonicaliser: the null-freeness theorem concludes from
 * canonical forms that differ, so after replaying both certificates this checker confirms that the
 * forms reached are fixed points of canonicalisation.
 */
public final class EvidenceChecker {

    /** The result: whether the verdict is supported, and one line per piece of evidence. */
    public record Report(boolean holds, List<String> lines) {}

    private EvidenceChecker() {}

    public static Report check(VerdictFile.Saved saved, TheoryRegistry registry) {
        Preparation p = Preparation.of(saved.a(), saved.b(), registry);
        List<String> lines = new ArrayList<>();
        boolean allHold = true;
        boolean proves = false;
        for (Evidence e : saved.evidence()) {
            Optional<String> failure;
            try {
                failure = recheck(e, p, saved, registry);
            } catch (RuntimeException ex) {
                failure = Optional.of("could not be re-checked: " + ex.getMessage());
            }
            if (failure.isPresent()) {
                allHold = false;
                lines.add("FAILS  " + e.kind() + ": " + failure.get());
            } else {
                boolean p1 = supports(e, saved.verdict(), saved.qualifier(), p);
                proves |= p1;
                lines.add("holds  " + e.kind() + (p1 ? " (proves " + saved.verdict() + ")" : "") + ": " + e.describe());
            }
        }
        if (saved.verdict() != Verdict.UNKNOWN && !proves) {
            lines.add("no piece of evidence proves " + saved.verdict());
        }
        return new Report(allHold && (proves || saved.verdict() == Verdict.UNKNOWN), lines);
    }

    /**
     * Whether this (re-checked) evidence proves the verdict as qualified: an "exact" EQUIVALENT
     * needs identical canonical forms, not forms that agree only within a tolerance.
     */
    private static boolean supports(Evidence e, Verdict v, String qualifier, Preparation p) {
        if (v == Verdict.EQUIVALENT) {
            return (e instanceof Evidence.CanonicalForms c && (c.exact() || !qualifier.equals("exact")))
                    || (e instanceof Evidence.ZeroTest z && z.zero())
                    || (e instanceof Evidence.Symbolic s && s.proved());
        }
        if (v == Verdict.NOT_EQUIVALENT) {
            return e instanceof Evidence.Witness || e instanceof Evidence.Theorem
                    || (e instanceof Evidence.ZeroTest z && !z.zero() && Difference.zeroIsNecessary(p.a()));
        }
        return false;
    }

    /** Empty when the evidence re-checks; otherwise what failed. */
    private static Optional<String> recheck(Evidence e, Preparation p, VerdictFile.Saved saved,
            TheoryRegistry registry) {
        if (e instanceof Evidence.CanonicalForms c) {
            if (!c.exact() && c.tolerance() > saved.tolerance()) {
                return Optional.of("its tolerance " + c.tolerance() + " exceeds the verdict's " + saved.tolerance());
            }
            Optional<String> f = replay(p, c.a(), c.b(), c.exact(), registry);
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
            Optional<String> f = replay(p, t.a(), t.b(), true, registry);
            if (f.isPresent()) {
                return f;
            }
            for (Certificate c : List.of(t.a(), t.b())) {
                Network form = c.result();
                if (!Checker.canonicalise(form, facts, 0).network().equals(form)) {
                    return Optional.of("a stated canonical form is not a fixed point of canonicalisation");
                }
            }
            return FormComparison.of(t.a().result(), t.b().result()).within(0)
                    ? Optional.of("the canonical forms are identical") : Optional.empty();
        }
        if (e instanceof Evidence.Witness w) {
            return witness(w, p);
        }
        if (e instanceof Evidence.ZeroTest z) {
            Optional<Network> d = Difference.of(Checker.exactImage(p.a()), Checker.exactImage(p.b()));
            if (d.isEmpty()) {
                return Optional.of("there is no difference network for this pair");
            }
            ZeroDecision again = ZeroTests.decide(d.get());
            boolean agrees = z.zero() ? again.isZero() : again.isNonzero();
            return agrees ? Optional.empty() : Optional.of("the zero test now says " + again);
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
        if (e instanceof Evidence.BoxBound bb) {
            Optional<Network> d = Difference.of(p.a(), p.b());
            if (d.isEmpty()) {
                return Optional.of("there is no difference network for this pair");
            }
            Evidence.BoxBound again = BoxBounds.bound(d.get(), new Box(bb.lo(), bb.hi()));
            return again.upperBound() <= bb.upperBound() ? Optional.empty()
                    : Optional.of("recomputed bound " + again.upperBound() + " exceeds the stated " + bb.upperBound());
        }
        return Optional.empty(); // a search report claims nothing
    }

    private static Optional<String> replay(Preparation p, Certificate ca, Certificate cb, boolean exact,
            TheoryRegistry registry) {
        TheoryFacts facts = TheoryFacts.of(p.a(), registry);
        Network a = exact ? Checker.exactImage(p.a()) : p.a();
        Network b = exact ? Checker.exactImage(p.b()) : p.b();
        Replay.Outcome ra = Replay.check(a, ca, facts.rules());
        if (!ra.valid()) {
            return Optional.of("A's certificate: " + ra.message());
        }
        Replay.Outcome rb = Replay.check(b, cb, facts.rules());
        return rb.valid() ? Optional.empty() : Optional.of("B's certificate: " + rb.message());
    }

    private static Optional<String> witness(Evidence.Witness w, Preparation p) {
        if (w.x().length != p.a().inputCount() || w.output() < 0 || w.output() >= p.a().outputCount()) {
            return Optional.of("the witness does not fit the networks");
        }
        if (w.a().overlaps(w.b())) {
            return Optional.of("the stated enclosures overlap");
        }
        Interval[] ea;
        Interval[] eb;
        if (w.arithmetic().equals("interval")) {
            ea = Evaluator.enclose(p.a(), w.x());
            eb = Evaluator.enclose(p.b(), w.x());
            return ea[w.output()].overlaps(eb[w.output()])
                    ? Optional.of("recomputed enclosures " + ea[w.output()] + " and " + eb[w.output()] + " overlap")
                    : Optional.empty();
        }
        return WitnessSearch.proveAt(p.a(), p.b(), w.x()).isPresent() ? Optional.empty()
                : Optional.of("the outputs are not proved different at x when recomputed");
    }
}
