package org.nnid.equiv;

import java.util.Optional;

import org.nnid.net.Evaluator;
import org.nnid.scalar.Interval;

/**
 * check-evidence's own numbers (issue 22): a witness's enclosures, a bound's leaf bounds, the
 * largest difference of canonical forms within tolerance and the largest difference a search saw
 * are recomputed from the witness input and the networks; the stored numbers must contain the
 * recomputed ones (an enclosure contains the new enclosure, a bound is at least the new bound, a
 * value seen is the value recomputed), and the line printed for the evidence shows the recomputed
 * numbers, never the stored ones.
 *
 * @param failure why the stored numbers do not contain the recomputed ones, if they do not
 * @param shown   the evidence described with the recomputed numbers (empty: it stores no numbers
 *                this class recomputes, so its own description is shown)
 */
record OwnNumbers(Optional<String> failure, Optional<String> shown) {

    private static OwnNumbers failed(String why) {
        return new OwnNumbers(Optional.of(why), Optional.empty());
    }

    /** Evidence that passed its other re-checks: its numbers recomputed and compared. */
    static OwnNumbers of(Evidence e, Preparation p, org.nnid.registry.TheoryRegistry registry) {
        if (e instanceof Evidence.Witness w) {
            return witness(w, p);
        }
        if (e instanceof Evidence.BoxBound bb) {
            DifferenceBound.Recomputed r = DifferenceBound.recompute(p.a(), p.b(), bb);
            return new OwnNumbers(r.failure(), r.own().map(Evidence.BoxBound::describe));
        }
        if (e instanceof Evidence.CanonicalForms c && !c.exact()) {
            double again = FormComparison.of(c.a().result(), c.b().result(),
                    TheoryFacts.of(p.a(), registry).positiveScaling(), c.tolerance()).largestDifference();
            if (!(again <= c.largestDifference())) {
                return failed("the stored largest difference " + c.largestDifference()
                        + " is below the recomputed " + again);
            }
            return new OwnNumbers(Optional.empty(), Optional.of(new Evidence.CanonicalForms(c.a(), c.b(), false,
                    c.tolerance(), again).describe()));
        }
        if (e instanceof Evidence.Search s) {
            return search(s, p);
        }
        if (e instanceof Evidence.PiecewiseLinearZero pl && pl.tree().isPresent()) {
            // the tree was replayed in rational arithmetic; its counts are shown, not the stated detail
            return new OwnNumbers(Optional.empty(), Optional.of("A − B ≡ 0 on "
                    + pl.box().map(b -> "the box " + Points.box(b.lo(), b.hi())).orElse("all of R^m") + ", by "
                    + pl.method() + ": " + pl.tree().get().entries().size() + " certified decisions replayed in"
                    + " rational arithmetic, " + pl.tree().get().leafCount() + " regions"));
        }
        return new OwnNumbers(Optional.empty(), Optional.empty());
    }

    /**
     * The search's largest difference is |A(x) − B(x)| in double arithmetic at its point, as the
     * search computed it, so it is recomputed bit for bit; the count of points tried cannot be, and
     * is shown as stated.
     */
    private static OwnNumbers search(Evidence.Search s, Preparation p) {
        if (s.at().isEmpty()) {
            return s.largestDifference() == 0 ? new OwnNumbers(Optional.empty(), Optional.of(s.points()
                    + " points tried (stated); no point evaluated, so no difference seen"))
                    : failed("a largest difference " + s.largestDifference() + " is stated without its point");
        }
        double[] x = s.at().get();
        if (x.length != p.a().inputCount() || s.output() < 0 || s.output() >= p.a().outputCount()) {
            return failed("the point of the largest difference does not fit the networks");
        }
        double again = Math.abs(Evaluator.evaluate(p.a(), x)[s.output()] - Evaluator.evaluate(p.b(), x)[s.output()]);
        if (Double.compare(again, s.largestDifference()) != 0) {
            return failed("the stored largest difference " + s.largestDifference() + " is not |A − B| = " + again
                    + " recomputed in double arithmetic at x = " + Points.format(x));
        }
        return new OwnNumbers(Optional.empty(), Optional.of(s.points() + " points tried (stated); |A − B| = " + again
                + " at x = " + Points.format(x) + " (output " + (s.output() + 1)
                + ", recomputed in double arithmetic); no point where the outputs provably differ"));
    }

    /**
     * The witness is evaluated again: the recomputed enclosures must show the difference, and the
     * stored ones must contain them (stored numbers are never repeated unchecked).
     */
    private static OwnNumbers witness(Evidence.Witness w, Preparation p) {
        if (w.x().length != p.a().inputCount() || w.output() < 0 || w.output() >= p.a().outputCount()) {
            return failed("the witness does not fit the networks");
        }
        if (!w.separates()) {
            return failed("the stated enclosures do not show |A - B| > " + w.eps());
        }
        Evidence.Witness again;
        if (w.arithmetic() instanceof Evidence.Witness.OutwardIntervals intervals) {
            Interval ea = Evaluator.enclose(p.a(), w.x())[w.output()];
            Interval eb = Evaluator.enclose(p.b(), w.x())[w.output()];
            again = new Evidence.Witness(w.x(), w.output(), ea, eb, intervals, w.eps());
        } else if (w.arithmetic() instanceof Evidence.Witness.ExactRational) {
            if (!ExactPiecewise.applies(p.a()) || !ExactPiecewise.applies(p.b())) {
                return failed("the networks are not piecewise linear with double weights, so not evaluated exactly");
            }
            Optional<Evidence.Witness> exact = ExactPiecewise.prove(p.a(), p.b(), w.x(), w.output(), w.eps());
            if (exact.isEmpty()) {
                return failed("the exact outputs at x do not differ by more than " + w.eps() + " in output "
                        + (w.output() + 1));
            }
            again = exact.get();
        } else {
            Optional<Evidence.Witness> hp = WitnessSearch.proveAt(p.a(), p.b(), w.x(), w.eps())
                    .filter(x -> x.output() == w.output());
            if (hp.isEmpty()) {
                return failed("the outputs are not proved to differ at x when recomputed");
            }
            again = hp.get();
        }
        if (!again.separates()) {
            return failed("recomputed enclosures " + again.a() + " and " + again.b() + " do not show |A - B| > "
                    + w.eps());
        }
        if (!w.a().contains(again.a()) || !w.b().contains(again.b())) {
            return failed("the stored enclosures " + w.a() + " and " + w.b() + " do not contain the recomputed "
                    + again.a() + " and " + again.b());
        }
        return new OwnNumbers(Optional.empty(), Optional.of(again.describe()));
    }
}
