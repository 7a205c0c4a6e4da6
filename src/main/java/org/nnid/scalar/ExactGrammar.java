package org.nnid.scalar;

import java.util.Set;

import org.matheclipse.core.expression.F;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.IFraction;
import org.matheclipse.core.interfaces.IInteger;
import org.matheclipse.core.interfaces.ISymbol;
import org.nnid.symja.Symja;
import org.nnid.symja.SymjaException;

/**
 * The closed grammar of exact values written as closed forms ({@link Scalar#parseExact}): the text
 * is parsed by Symja <em>without evaluation</em> and every head of the tree is checked before
 * anything is computed, so no function is ever evaluated in double precision (Symja evaluates
 * {@code Sign(Sin(10^26))} and {@code Round(10^20*Sqrt(2))} in double) and no input can change
 * Symja's state ({@code a=5} would define {@code a} for every later value).
 *
 * <p>Allowed: integers, fractions, the constants Pi, E, Degree, GoldenRatio; {@code + - * / ^};
 * Sqrt, Exp, Log (one or two arguments), Sin, Cos, Tan, Cot, Sec, Csc, ArcTan, ArcSin, ArcCos,
 * Sinh, Cosh, Tanh, Coth, Sech, Csch, Erf, Erfc, LogisticSigmoid: continuous real functions that
 * {@link ConstantBall} encloses rigorously. Abs, Max and Min are allowed when enclosures decide the
 * sign of Abs's argument or which argument of Max/Min is the largest/smallest; they are then
 * replaced by that argument before Symja evaluates anything (Symja decides them in double).
 * Everything else is refused: Sign, Round, Floor, Ceiling, IntegerPart, FractionalPart, Mod, Boole,
 * Piecewise, comparisons, assignments, rules, decimals inside expressions, and any other symbol
 * ({@code 0x10} reads as 0·x10, a product with the unknown symbol x10).
 */
final class ExactGrammar {
    /** Longest value text quoted in an error message. */
    static final int QUOTE_LIMIT = 80;

    private static final Set<ISymbol> CONSTANTS = Set.of(S.Pi, S.E, S.Degree, S.GoldenRatio);
    private static final Set<ISymbol> FUNCTIONS = Set.of(S.Sqrt, S.Exp, S.Log, S.Sin, S.Cos, S.Tan, S.Cot, S.Sec,
            S.Csc, S.ArcTan, S.ArcSin, S.ArcCos, S.Sinh, S.Cosh, S.Tanh, S.Coth, S.Sech, S.Csch, S.Erf, S.Erfc,
            S.LogisticSigmoid);

    private ExactGrammar() {}

    /**
     * The unevaluated tree of an exact value in the grammar, with Abs, Max and Min replaced by the
     * argument that enclosures select.
     *
     * @throws ScalarFormatException naming the value (shortened) and the first offending part
     */
    static IExpr parse(String text) {
        IExpr held;
        try {
            held = Symja.parse(text);
        } catch (SymjaException e) {
            throw new ScalarFormatException("unparsable exact value '" + quote(text) + "'");
        }
        java.util.Optional<String> tooLarge = ExactSizeBudget.excess(held);
        if (tooLarge.isPresent()) {
            throw new ScalarFormatException("exact value '" + quote(text) + "' cannot be held: " + tooLarge.get());
        }
        return check(held, text);
    }

    private static IExpr check(IExpr e, String text) {
        if (e instanceof IInteger || e instanceof IFraction) {
            return e;
        }
        if (e instanceof ISymbol s) {
            if (CONSTANTS.contains(s)) {
                return e;
            }
            throw refuse(text, "the symbol " + s + " is not a constant (the named constants are Pi, E, Degree, GoldenRatio)");
        }
        if (e.isNumber()) {
            throw refuse(text, e.isExactNumber() ? "complex numbers are not real weights"
                    : "decimals inside an expression are floating-point numbers in Symja; write them as fractions");
        }
        if (!(e instanceof IAST ast) || !(ast.head() instanceof ISymbol head)) {
            throw refuse(text, "'" + quote(e.toString()) + "' is not a function call of the grammar");
        }
        boolean arithmetic = head == S.Plus || head == S.Times || head == S.Power && ast.argSize() == 2;
        boolean function = FUNCTIONS.contains(head) && (ast.argSize() == 1 || head == S.Log && ast.argSize() == 2);
        boolean decided = (head == S.Abs && ast.argSize() == 1) || ((head == S.Max || head == S.Min) && ast.argSize() >= 1);
        if (!arithmetic && !function && !decided) {
            throw refuse(text, head + " with " + ast.argSize() + " argument" + (ast.argSize() == 1 ? "" : "s")
                    + " is not a continuous real function nnid can evaluate rigorously");
        }
        IAST checked = ast;
        for (int i = 1; i < ast.size(); i++) {
            IExpr arg = check(ast.get(i), text);
            if (arg != ast.get(i)) {
                checked = checked.setAtCopy(i, arg);
            }
        }
        return decided ? resolve(checked, text) : checked;
    }

    /** Abs(x) as x or −x, Max/Min as its selected argument, when enclosures decide which. */
    private static IExpr resolve(IAST ast, String text) {
        if (ast.head() == S.Abs) {
            IExpr x = ast.arg1();
            if (x instanceof IInteger || x instanceof IFraction) {
                return x.isNegative() ? x.negate() : x;
            }
            int sign = ConstantBall.sign(x).orElseThrow(() -> refuse(text, "the sign of the argument of Abs("
                    + quote(x.toString()) + ") cannot be decided"));
            return sign > 0 ? x : F.Times(F.CN1, x);
        }
        boolean max = ast.head() == S.Max;
        for (int i = 1; i < ast.size(); i++) {
            if (selects(ast, i, max)) {
                return ast.get(i);
            }
        }
        throw refuse(text, "which argument of " + quote(ast.toString()) + " is the " + (max ? "largest" : "smallest")
                + " cannot be decided");
    }

    /** Whether argument i is, by enclosures, strictly beyond every other argument. */
    private static boolean selects(IAST ast, int i, boolean max) {
        for (int j = 1; j < ast.size(); j++) {
            if (j != i) {
                IExpr difference = F.Plus(ast.get(i), F.Times(F.CN1, ast.get(j)));
                if (ConstantBall.sign(difference).orElse(0) != (max ? 1 : -1)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static ScalarFormatException refuse(String text, String why) {
        return new ScalarFormatException("exact value '" + quote(text) + "' is not in nnid's grammar of exact values: "
                + why);
    }

    /** The text, shortened to at most {@value #QUOTE_LIMIT} characters. */
    static String quote(String text) {
        String oneLine = text.replace("\\\n", "").replace("\n", "");
        return oneLine.length() <= QUOTE_LIMIT ? oneLine : oneLine.substring(0, QUOTE_LIMIT - 1) + "…";
    }
}
