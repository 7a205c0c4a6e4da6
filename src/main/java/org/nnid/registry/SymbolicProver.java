package org.nnid.registry;

import org.nnid.activation.Formula;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.matheclipse.core.interfaces.IExpr;
import org.nnid.symja.Symja;

/**
 * Proves identities e ≡ 0 with Symja, trying the strategies docs/math.md's facts need in turn:
 * Simplify; TrigExpand then Simplify (sums of shifted sines); TrigToExp, Together, Simplify
 * (logistic against tanh); Simplify under the parameters' assumptions; exp(e) = 1 (sums of
 * logarithms such as softplus(t) − softplus(−t) − t: e is real, so exp(e) ≡ 1 forces e ≡ 0); and
 * case analysis on Max/Min/Abs/Ramp ({@link PiecewiseProver}).
 *
 * <p>Every Symja call runs under Symja's own {@code TimeConstrained}, so a call that does not
 * return in time is abandoned and reported as {@link Outcome#TIMED_OUT}: the caller then relies on
 * numerical checks, never on a hang. A result is a proof only when Symja returns exactly 0 (or 1
 * for exp(e)); Symja is never asked about doubles (NOTES.md: it compares them fuzzily).
 */
public final class SymbolicProver {

    public enum Outcome { PROVED, NOT_DECIDED, TIMED_OUT }

    /** How it ended, and the strategy that proved it (or what was tried). */
    public record Result(Outcome outcome, String method) {
        static Result proved(String method) {
            return new Result(Outcome.PROVED, method);
        }

        public boolean proved() {
            return outcome == Outcome.PROVED;
        }
    }

    private final Duration limit;
    private boolean timedOut;

    public SymbolicProver(Duration limit) {
        this.limit = limit;
    }

    Duration limit() {
        return limit;
    }

    /**
     * Evaluates under the time limit; empty when Symja ran out of time or failed. Symja's
     * TimeConstrained counts whole seconds.
     */
    Optional<IExpr> eval(String input) {
        Optional<IExpr> r = Symja.evalWithin(input, limit);
        if (r.isPresent() && Symja.aborted(r.get())) {
            timedOut = true;
            return Optional.empty();
        }
        return r;
    }

    /** −1, 0 or 1 when Symja decides the sign of a real expression under the assumptions; empty otherwise. */
    Optional<Integer> sign(String expr, String assumptions) {
        String q = assumptions.isEmpty() ? "Sign(" + expr + ")" : "Refine(Sign(" + expr + ")," + assumptions + ")";
        Optional<IExpr> r = eval(q);
        if (r.isEmpty()) {
            return Optional.empty();
        }
        String s = r.get().toString();
        return switch (s) {
            case "-1" -> Optional.of(-1);
            case "0" -> Optional.of(0);
            case "1" -> Optional.of(1);
            default -> Optional.empty();
        };
    }

    /** Whether a Symja call has exceeded the time limit since this prover was made. */
    public boolean timedOut() {
        return timedOut;
    }

    /** Whether Simplify (or, failing that, TrigExpand/TrigToExp) reduces the expression to exactly 0. */
    public boolean simplifiesToZero(String expr, String assumptions) {
        for (String form : forms(expr, assumptions)) {
            Optional<IExpr> r = eval(form);
            if (r.isPresent() && r.get().isZero()) {
                return true;
            }
        }
        return false;
    }

    private static List<String> forms(String e, String assumptions) {
        List<String> forms = new ArrayList<>();
        forms.add("Simplify(" + e + ")");
        if (!assumptions.isEmpty()) {
            forms.add("Simplify(" + e + "," + assumptions + ")");
        }
        forms.add("Simplify(TrigExpand(" + e + "))");
        forms.add("Simplify(Together(TrigToExp(" + e + ")))");
        return forms;
    }

    /**
     * Tries to prove e ≡ 0 for all real t (and all parameter values satisfying the assumptions).
     *
     * @param realParameters the Symja names of real parameters, for the case analysis
     */
    public Result proveZero(Formula e, String assumptions, List<String> realParameters) {
        timedOut = false;
        String text = e.toSymja();
        String[][] strategies = {
            {"Simplify", "Simplify(" + text + ")"},
            {"TrigExpand and Simplify", "Simplify(TrigExpand(" + text + "))"},
            {"TrigToExp, Together and Simplify", "Simplify(Together(TrigToExp(" + text + ")))"},
        };
        for (String[] s : strategies) {
            Optional<IExpr> r = eval(s[1]);
            if (r.isPresent() && r.get().isZero()) {
                return Result.proved(s[0]);
            }
        }
        if (!assumptions.isEmpty()) {
            Optional<IExpr> r = eval("Simplify(" + text + "," + assumptions + ")");
            if (r.isPresent() && r.get().isZero()) {
                return Result.proved("Simplify under " + assumptions);
            }
        }
        Optional<IExpr> r = eval("Simplify(Exp(" + text + "))");
        if (r.isPresent() && r.get().isOne()) {
            return Result.proved("Simplify(exp(e)) = 1 with e real");
        }
        if (PiecewiseProver.applies(e)) {
            Optional<Integer> regions = new PiecewiseProver(this).proveZero(e, assumptions, realParameters);
            if (regions.isPresent()) {
                return Result.proved("piecewise reasoning on Max/Min/Abs (" + regions.get() + " region"
                        + (regions.get() == 1 ? "" : "s") + ")");
            }
        }
        return new Result(timedOut ? Outcome.TIMED_OUT : Outcome.NOT_DECIDED,
                timedOut ? "a Symja call exceeded the time limit of " + limit.toSeconds() + " s"
                        : "Symja did not reduce it to 0");
    }
}
