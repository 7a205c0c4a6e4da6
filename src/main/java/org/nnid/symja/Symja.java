package org.nnid.symja;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.Optional;

import org.matheclipse.core.eval.ExprEvaluator;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.INum;
import org.matheclipse.core.interfaces.IInteger;
import org.matheclipse.core.interfaces.IFraction;

/**
 * The one door to Symja. Starting Symja costs about a second (NOTES.md), so nothing in nnid may
 * touch it until a value or a command really needs symbolic work; this class starts it on first use.
 * Symja's evaluator is not thread-safe, so every call is serialised.
 */
public final class Symja {
    private static ExprEvaluator evaluator;

    static {
        noThreads();
    }

    private Symja() {}

    /**
     * Keeps Symja single-threaded. By default its start starts a thread that reads its Rubi
     * integration rules (about a second of CPU: nnid never integrates; with this, Integrate reads
     * them on its first call), and JAS races two GCD algorithms in threads, whichever finishes first.
     * Symja reads the flag when its tables are first initialised, which a constant of the grammar
     * can trigger before this class, so JAS is also told directly.
     */
    private static void noThreads() {
        org.matheclipse.core.basic.Config.JAS_NO_THREADS = true;
        edu.jas.kern.ComputerThreads.NO_THREADS = true;
    }

    private static ExprEvaluator evaluator() {
        if (evaluator == null) {
            noThreads();
            evaluator = new ExprEvaluator();
            // Symja prints messages such as "Power: Infinite expression 1/0 encountered." itself;
            // nnid reports errors in its own words.
            evaluator.getEvalEngine().setQuietMode(true);
        }
        return evaluator;
    }

    /** Whether Symja has been started in this JVM (commands that need no symbolic work keep it off). */
    public static synchronized boolean started() {
        return evaluator != null;
    }

    /** Parses and evaluates Symja input; syntax errors become {@link SymjaException}. */
    public static synchronized IExpr eval(String input) {
        try {
            return evaluator().eval(input);
        } catch (org.matheclipse.parser.client.SyntaxError e) {
            throw new SymjaException("syntax error in '" + input + "'", e);
        } catch (RuntimeException | StackOverflowError e) {
            throw new SymjaException("Symja could not evaluate '" + input + "': " + e.getMessage(), e);
        }
    }

    /** Evaluates an expression tree (such as one from {@link #parse}); failures become {@link SymjaException}. */
    public static synchronized IExpr eval(IExpr input) {
        try {
            ExprEvaluator ev = evaluator();
            // as eval(String) does: clear state a previous evaluation left (such as N's numeric mode)
            org.matheclipse.core.eval.EvalEngine.setReset(ev.getEvalEngine());
            return ev.eval(input);
        } catch (RuntimeException | StackOverflowError e) {
            throw new SymjaException("Symja could not evaluate '" + input + "': " + e.getMessage(), e);
        }
    }

    /**
     * Parses Symja input without evaluating it: the syntax tree as written ({@code Sign(Sin(10^26))}
     * stays a call of Sign, {@code a=5} stays an assignment that is not carried out), so that its
     * heads can be checked before anything is computed. Syntax errors become {@link SymjaException}.
     */
    public static synchronized IExpr parse(String input) {
        try {
            org.matheclipse.core.eval.EvalEngine engine = evaluator().getEvalEngine();
            return new org.matheclipse.core.parser.ExprParser(engine, engine.isRelaxedSyntax()).parse(input);
        } catch (org.matheclipse.parser.client.SyntaxError e) {
            throw new SymjaException("syntax error in '" + input + "'", e);
        } catch (RuntimeException | StackOverflowError e) {
            throw new SymjaException("Symja could not parse '" + input + "': " + e.getMessage(), e);
        }
    }

    /**
     * Evaluates under Symja's {@code TimeConstrained} (whole seconds, at least one), so that no
     * caller can hang on Symja: {@code $Aborted} (see {@link #aborted}) when the limit ran out,
     * empty when Symja failed.
     */
    public static synchronized Optional<IExpr> evalWithin(String input, Duration limit) {
        long seconds = Math.max(1, (limit.toMillis() + 999) / 1000);
        try {
            return Optional.of(eval("TimeConstrained(" + input + "," + seconds + ",$Aborted)"));
        } catch (SymjaException e) {
            return Optional.empty();
        }
    }

    /** Whether a result of {@link #evalWithin} says that the time limit ran out. */
    public static boolean aborted(IExpr result) {
        return result.toString().equals("$Aborted");
    }

    /**
     * Symja's input form of e on one line, re-readable by {@link #parse}: Symja's toString breaks
     * long integers with a backslash and a newline ({@code 1000…\\⏎000}), which its own parser
     * refuses, and other long output with a plain newline.
     */
    public static String text(IExpr e) {
        return e.toString().replace("\\\n", "").replace("\n", "");
    }

    /** Evaluates and returns Symja's input form of the result (re-readable by {@link #eval}). */
    public static synchronized String evalToText(String input) {
        return eval(input).toString();
    }

    /**
     * Numerical value of a closed-form constant with the requested number of significant digits,
     * computed by Symja's arbitrary precision (apfloat) arithmetic.
     */
    public static synchronized BigDecimal numeric(String constant, int digits) {
        IExpr r = eval("N(" + constant + ", " + digits + ")");
        return toBigDecimal(r, digits, constant);
    }

    /** Converts a Symja real number (integer, fraction or arbitrary precision float) to BigDecimal. */
    public static BigDecimal toBigDecimal(IExpr r, int digits, String what) {
        MathContext mc = new MathContext(digits);
        if (r instanceof IInteger i) {
            return new BigDecimal(i.toBigNumerator());
        }
        if (r instanceof IFraction f) {
            return new BigDecimal(f.toBigNumerator()).divide(new BigDecimal(f.toBigDenominator()), mc);
        }
        if (r instanceof INum n) {
            if (n instanceof org.matheclipse.core.expression.ApfloatNum a) {
                return new BigDecimal(a.apfloatValue().toString(true));
            }
            double d = n.getRealPart();
            if (Double.isFinite(d)) {
                return new BigDecimal(d);
            }
        }
        throw new SymjaException("'" + what + "' is not a real number (Symja gave " + r + ")", null);
    }
}
