package org.nnid.symbolic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.IFraction;
import org.matheclipse.core.interfaces.IInteger;
import org.matheclipse.core.interfaces.ISymbol;
import org.nnid.symja.Symja;

/**
 * A closed-form constant in LaTeX, written as its text says (the tree Symja parses, never
 * evaluated or simplified): {@code Sqrt(2)} is {@code \sqrt{2}}, {@code E} is {@code e},
 * {@code Log(3)} is {@code \log 3}, {@code 1/3} is {@code \tfrac{1}{3}}, {@code GoldenRatio} is
 * {@code \varphi}, {@code 2^(1/3)} is {@code \sqrt[3]{2}}, {@code LogisticSigmoid(1)} is
 * {@code \frac{1}{1 + e^{-1}}}. Covers every constant and function of docs/exact-values.md's grammar;
 * a part outside it (none is stored) falls back to Symja's TeXForm.
 */
final class ConstantLatex {
    /** Deeper trees are written by Symja's TeXForm (the grammar's values are shallow in practice). */
    private static final int MAX_DEPTH = 200;

    private static final Map<String, String> SYMBOLS = Map.of("Pi", "\\pi", "E", "e", "GoldenRatio", "\\varphi",
            "Degree", "{}^{\\circ}");

    /** Functions written as an operator before their argument: {@code \sin 1}, {@code \sin\left(…\right)}. */
    private static final Map<String, String> OPERATORS = Map.ofEntries(Map.entry("Log", "\\log"),
            Map.entry("Sin", "\\sin"), Map.entry("Cos", "\\cos"), Map.entry("Tan", "\\tan"), Map.entry("Cot", "\\cot"),
            Map.entry("Sec", "\\sec"), Map.entry("Csc", "\\csc"), Map.entry("ArcTan", "\\arctan"),
            Map.entry("ArcSin", "\\arcsin"), Map.entry("ArcCos", "\\arccos"), Map.entry("Sinh", "\\sinh"),
            Map.entry("Cosh", "\\cosh"), Map.entry("Tanh", "\\tanh"), Map.entry("Coth", "\\coth"),
            Map.entry("Sech", "\\operatorname{sech}"), Map.entry("Csch", "\\operatorname{csch}"),
            Map.entry("Erf", "\\operatorname{erf}"), Map.entry("Erfc", "\\operatorname{erfc}"));

    private ConstantLatex() {}

    /** The constant in its Symja input form (as a network holds it). */
    static String of(String form) {
        return tex(Symja.parse(form), 0);
    }

    private static String tex(IExpr e, int depth) {
        if (depth > MAX_DEPTH) {
            return Symja.eval("TeXForm(HoldForm(" + e + "))").toString();
        }
        if (e instanceof IInteger i) {
            return i.toString();
        }
        if (e instanceof IFraction f) {
            String sign = f.isNegative() ? "-" : "";
            return sign + "\\tfrac{" + f.numerator().abs() + "}{" + f.denominator() + "}";
        }
        if (e instanceof ISymbol s && SYMBOLS.containsKey(s.toString())) {
            return SYMBOLS.get(s.toString());
        }
        if (!(e instanceof IAST a)) {
            return Symja.eval("TeXForm(HoldForm(" + e + "))").toString();
        }
        String head = a.head().toString();
        List<IExpr> args = new ArrayList<>();
        for (int i = 1; i < a.size(); i++) {
            args.add(a.get(i));
        }
        int d = depth + 1;
        if (OPERATORS.containsKey(head) && args.size() == 1) {
            return OPERATORS.get(head) + argument(args.get(0), d);
        }
        return switch (head) {
            case "Plus" -> plus(args, d);
            case "Times" -> times(args, d);
            case "Power" -> power(args.get(0), args.get(1), d);
            case "Sqrt" -> "\\sqrt{" + tex(args.get(0), d) + "}";
            case "Exp" -> "e^{" + tex(args.get(0), d) + "}";
            case "Log" -> "\\log_{" + tex(args.get(0), d) + "}" + argument(args.get(1), d); // Log(b, x)
            case "Abs" -> "\\lvert " + tex(args.get(0), d) + " \\rvert";
            case "Max", "Min" -> "\\" + head.toLowerCase(java.util.Locale.ROOT) + "(" + String.join(", ",
                    args.stream().map(x -> tex(x, d)).toList()) + ")";
            case "LogisticSigmoid" -> "\\frac{1}{1 + e^{-" + grouped(args.get(0), d) + "}}";
            default -> Symja.eval("TeXForm(HoldForm(" + e + "))").toString();
        };
    }

    /** An operator's argument: {@code \log 3} for a number or symbol, {@code \log\left(…\right)} otherwise. */
    private static String argument(IExpr x, int depth) {
        String t = tex(x, depth);
        return atomic(x) && !t.startsWith("-") ? " " + t : "\\left(" + t + "\\right)";
    }

    private static boolean atomic(IExpr x) {
        return x instanceof IInteger i && i.isPositive() || x instanceof ISymbol;
    }

    /** In parentheses unless a number, symbol or function value. */
    private static String grouped(IExpr x, int depth) {
        String t = tex(x, depth);
        boolean plain = x instanceof IInteger i && !i.isNegative() || x instanceof ISymbol
                || x instanceof IAST a && !a.isPlus() && !a.isTimes() && !a.isPower();
        return plain ? t : "\\left(" + t + "\\right)";
    }

    private static String plus(List<IExpr> terms, int depth) {
        StringBuilder b = new StringBuilder();
        for (IExpr t : terms) {
            String s = tex(t, depth);
            if (b.length() == 0) {
                b.append(s);
            } else if (s.startsWith("-")) {
                b.append(" - ").append(s.substring(1));
            } else {
                b.append(" + ").append(s);
            }
        }
        return b.toString();
    }

    /**
     * A product: a leading −1 is a minus sign, factors x^(−1) go under a fraction bar, a rational
     * coefficient times π alone is {@code \tfrac{2\pi}{3}}; a sum in a product is parenthesised.
     */
    private static String times(List<IExpr> factors, int depth) {
        String sign = "";
        List<String> numerator = new ArrayList<>();
        List<String> denominator = new ArrayList<>();
        for (int i = 0; i < factors.size(); i++) {
            IExpr f = factors.get(i);
            if (i == 0 && f.isMinusOne()) {
                sign = "-";
            } else if (f.isPower() && f.exponent().isMinusOne()) {
                denominator.add(factor(f.base(), depth));
            } else if (i == 0 && (f instanceof IInteger || f instanceof IFraction) && f.isNegative()) {
                sign = "-";
                String t = tex(f.negate(), depth);
                if (!t.equals("1")) {
                    numerator.add(t);
                }
            } else {
                numerator.add(factor(f, depth));
            }
        }
        if (factors.size() == 2 && factors.get(0) instanceof IFraction q && factors.get(1).toString().equals("Pi")
                && denominator.isEmpty()) {
            IInteger k = q.numerator().abs();
            return (q.isNegative() ? "-" : "") + "\\tfrac{" + (k.isOne() ? "" : k.toString()) + "\\pi}{" + q.denominator() + "}";
        }
        String top = numerator.isEmpty() ? "1" : join(numerator);
        return sign + (denominator.isEmpty() ? top : "\\frac{" + top + "}{" + join(denominator) + "}");
    }

    /** Factors side by side, with \cdot between two that start with digits (2 \cdot 3, not 23). */
    private static String join(List<String> factors) {
        StringBuilder b = new StringBuilder();
        for (String f : factors) {
            if (b.length() > 0) {
                b.append(Character.isDigit(f.charAt(0)) || f.startsWith("\\tfrac") ? " \\cdot " : " ");
            }
            b.append(f);
        }
        return b.toString();
    }

    private static String factor(IExpr f, int depth) {
        String t = tex(f, depth);
        return f.isPlus() || t.startsWith("-") ? "\\left(" + t + "\\right)" : t;
    }

    /** b^(1/2) is \sqrt{b}, b^(1/n) is \sqrt[n]{b}, b^(−1) is \frac{1}{b}, b^(−e) is \frac{1}{b^e}; else b^{e}. */
    private static String power(IExpr base, IExpr exponent, int depth) {
        if (exponent instanceof IFraction q && q.numerator().isOne()) {
            String root = q.denominator().toString();
            return "\\sqrt" + (root.equals("2") ? "" : "[" + root + "]") + "{" + tex(base, depth) + "}";
        }
        if ((exponent instanceof IInteger || exponent instanceof IFraction) && exponent.isNegative()) {
            return "\\frac{1}{" + power(base, exponent.negate(), depth) + "}";
        }
        if (exponent.isOne()) {
            return tex(base, depth);
        }
        String b = tex(base, depth);
        boolean plain = base instanceof IInteger i && !i.isNegative() || base instanceof ISymbol;
        return (plain ? b : "\\left(" + b + "\\right)") + "^{" + tex(exponent, depth) + "}";
    }
}
