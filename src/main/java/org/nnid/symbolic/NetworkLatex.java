package org.nnid.symbolic;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.nnid.net.Network;
import org.nnid.scalar.DoubleScalar;
import org.nnid.scalar.Rational;
import org.nnid.scalar.Scalar;
import org.nnid.scalar.Symbolic;
import org.nnid.symja.Symja;

/**
 * A network in LaTeX as it is, for a paper: no simplification, so {@code sin(x1 + 2*Pi/3)} stays
 * {@code \sin(x_1 + \tfrac{2\pi}{3})}. Inputs and nodes get subscripts ({@code x_1},
 * {@code h_{1,2}}); relu is {@code \max(0, …)}; rationals are {@code \tfrac{p}{q}}, other constants as
 * written ({@code Sqrt(2)} is {@code \sqrt{2}}, {@code Log(3)} is {@code \log 3}: {@link ConstantLatex}); a double is
 * printed by one rule everywhere: its shortest round-trip digits, in plain notation for exponents
 * −4 to 5 and as {@code m \cdot 10^{e}} otherwise. Written without recursion over depth, either
 * as one expression per output ({@link #outputs}) or as one definition per node ({@link #definitions}).
 */
public final class NetworkLatex {
    /** The placeholder for the argument in an activation's template. */
    private static final char ARG = '#';
    /** The argument in parentheses unless it is a single symbol or number. */
    private static final char GROUPED = '@';
    private static final Pattern PI_MULTIPLE = Pattern.compile("(-)?(?:(\\d+)\\*)?Pi(?:/(\\d+))?");
    private static final Pattern PI_FRACTION = Pattern.compile("(-)?(\\d+)/(\\d+)\\*Pi");
    private static final Pattern SUBSCRIPTED = Pattern.compile("([A-Za-z]+)(\\d+)(?:_(\\d+))?");
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_{}.\\\\]+");

    private NetworkLatex() {}

    /**
     * One LaTeX expression per output, every hidden node written out where it is used.
     *
     * @throws IllegalArgumentException if an output would be longer than {@code maxChars}
     */
    public static List<String> outputs(Network net, long maxChars) {
        if (NetworkExpressions.expandedLength(net) > maxChars) {
            throw new IllegalArgumentException("the LaTeX of an output would exceed " + maxChars + " characters");
        }
        String template = template(net);
        String[] text = new String[net.nodeCount()];
        int[] usesLeft = new int[net.nodeCount()];
        boolean[] needed = needed(net, usesLeft);
        for (int v = 0; v < net.nodeCount(); v++) {
            if (needed[v] && !net.isOutput(v)) {
                text[v] = net.isInput(v) ? name(net.id(v)) : apply(template, sum(net, v, text, usesLeft));
            }
        }
        List<String> out = new ArrayList<>();
        for (int k = 0; k < net.outputCount(); k++) {
            String pre = sum(net, net.outputNode(k), text, usesLeft);
            out.add(net.outputActivation() ? apply(template, pre) : pre);
        }
        return out;
    }

    /** {@code name = expression} lines: each hidden node an output uses, sources first, then the outputs. */
    public static List<String> definitions(Network net) {
        String template = template(net);
        String[] text = new String[net.nodeCount()];
        boolean[] needed = needed(net, new int[net.nodeCount()]);
        List<String> lines = new ArrayList<>();
        for (int v = 0; v < net.nodeCount(); v++) {
            if (needed[v] && !net.isOutput(v)) {
                text[v] = name(net.id(v));
                if (net.isHidden(v)) {
                    lines.add(text[v] + " = " + apply(template, sum(net, v, text, null)));
                }
            }
        }
        for (int k = 0; k < net.outputCount(); k++) {
            int y = net.outputNode(k);
            String pre = sum(net, y, text, null);
            lines.add(name(net.id(y)) + " = " + (net.outputActivation() ? apply(template, pre) : pre));
        }
        return lines;
    }

    /** The nodes the outputs use; counts each one's uses into {@code uses}. Node indices are topological. */
    private static boolean[] needed(Network net, int[] uses) {
        boolean[] needed = new boolean[net.nodeCount()];
        for (int k = 0; k < net.outputCount(); k++) {
            needed[net.outputNode(k)] = true;
        }
        for (int v = net.nodeCount() - 1; v >= net.inputCount(); v--) {
            if (needed[v]) {
                for (int u : net.incoming(v).keySet()) {
                    needed[u] = true;
                    uses[u]++;
                }
            }
        }
        return needed;
    }

    /** Σ ω·h + θ in LaTeX; a text used for the last time is dropped when {@code usesLeft} is given. */
    private static String sum(Network net, int v, String[] text, int[] usesLeft) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<Integer, Scalar> e : net.incoming(v).entrySet()) {
            int u = e.getKey();
            String h = text[u];
            if (usesLeft != null && --usesLeft[u] == 0) {
                text[u] = null;
            }
            String[] c = coefficient(e.getValue());
            if (c[1] == null) {
                term(b, c[0], c[0].equals("-") && isSum(h) ? "\\left(" + h + "\\right)" : h);
            } else {
                term(b, c[0], c[1] + (isSum(h) ? " \\left(" + h + "\\right)" : " " + h));
            }
        }
        Scalar bias = net.bias(v);
        if (!bias.isZero()) {
            String[] c = coefficient(bias);
            term(b, c[0], c[1] == null ? "1" : c[1]);
        }
        return b.length() == 0 ? "0" : b.toString();
    }

    private static void term(StringBuilder b, String sign, String text) {
        boolean minus = sign.equals("-");
        if (b.length() == 0) {
            b.append(minus ? "-" : "");
        } else {
            b.append(minus ? " - " : " + ");
        }
        b.append(text);
    }

    /** The template with the argument put in, in one pass (an argument may itself contain the markers). */
    private static String apply(String template, String argument) {
        String grouped = PLAIN.matcher(argument).matches() ? argument : "\\left(" + argument + "\\right)";
        StringBuilder b = new StringBuilder(template.length() + 2 * argument.length());
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == ARG) {
                b.append(argument);
            } else if (c == GROUPED) {
                b.append(grouped);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** A top-level sum or a leading minus: a factor before it needs parentheses. */
    private static boolean isSum(String s) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            depth += c == '(' || c == '{' ? 1 : c == ')' || c == '}' ? -1 : 0;
            if (depth == 0 && (c == '+' || c == '-') && (i == 0 || s.charAt(i - 1) == ' ')) {
                return true;
            }
        }
        return false;
    }

    /** {sign, magnitude}; the magnitude is null for 1 (exact or double: the same number). */
    static String[] coefficient(Scalar s) {
        if (s instanceof Rational r) {
            Rational abs = r.signum() < 0 ? r.negate() : r;
            String sign = r.signum() < 0 ? "-" : "+";
            if (abs.equals(Scalar.ONE)) {
                return new String[] {sign, null};
            }
            return new String[] {sign, abs.isInteger() ? abs.numerator().toString()
                    : "\\tfrac{" + abs.numerator() + "}{" + abs.denominator() + "}"};
        }
        if (s instanceof DoubleScalar d) {
            double m = Math.abs(d.value());
            return new String[] {d.value() < 0 ? "-" : "+", m == 1 ? null : decimal(m)}; // 1.0 is 1
        }
        String form = ((Symbolic) s).form().replace(" ", "");
        boolean minus = form.startsWith("-") && !isSymjaSum(form.substring(1));
        String magnitude = constant(minus ? form.substring(1) : form);
        return new String[] {minus ? "-" : "+", magnitude};
    }

    /** A double by one rule: shortest round-trip digits; plain for exponents −4..5, else m·10^e. */
    static String decimal(double v) {
        if (v == 0) {
            return "0";
        }
        BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        int exponent = d.precision() - d.scale() - 1;
        if (exponent >= -4 && exponent <= 5) {
            return d.toPlainString();
        }
        return d.movePointLeft(exponent).toPlainString() + " \\cdot 10^{" + exponent + "}";
    }

    /** A closed-form constant: k·π/q as \tfrac{kπ}{q}; anything else as written ({@link ConstantLatex}). */
    private static String constant(String form) {
        Matcher m = PI_MULTIPLE.matcher(form);
        if (m.matches() && m.group(1) == null) {
            String k = m.group(2) == null || m.group(2).equals("1") ? "" : m.group(2);
            return m.group(3) == null ? k + "\\pi" : "\\tfrac{" + k + "\\pi}{" + m.group(3) + "}";
        }
        Matcher f = PI_FRACTION.matcher(form);
        if (f.matches() && f.group(1) == null) {
            String k = f.group(2).equals("1") ? "" : f.group(2);
            return "\\tfrac{" + k + "\\pi}{" + f.group(3) + "}";
        }
        String tex = ConstantLatex.of(form);
        return isSymjaSum(form) ? "\\left(" + tex + "\\right)" : tex;
    }

    private static boolean isSymjaSum(String s) {
        int depth = 0;
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth == 0 && (c == '+' || c == '-') && s.charAt(i - 1) != '^' && s.charAt(i - 1) != '*'
                    && s.charAt(i - 1) != '/') {
                return true;
            }
        }
        return false;
    }

    /** x1 → x_1, x12 → x_{12}, h1_2 → h_{1,2}, y → y, anything else upright. */
    public static String name(String id) {
        if (id.length() == 1 && Character.isLetter(id.charAt(0))) {
            return id;
        }
        Matcher m = SUBSCRIPTED.matcher(id);
        if (m.matches()) {
            String sub = m.group(3) == null ? m.group(2) : m.group(2) + "," + m.group(3);
            return m.group(1) + "_" + (sub.length() == 1 ? sub : "{" + sub + "}");
        }
        return "\\mathrm{" + id.replace("\\", "\\backslash ").replace("_", "\\_").replace("{", "\\{")
                .replace("}", "\\}").replace("#", "\\#").replace("$", "\\$").replace("%", "\\%")
                .replace("&", "\\&") + "}";
    }

    /** The activation as a template in {@link #ARG} (and {@link #GROUPED} where parentheses may be needed). */
    private static String template(Network net) {
        String def = net.activation().symja().replace(" ", "");
        String known = switch (def) {
            case "Tanh(t)" -> "\\tanh(#)";
            case "Sin(t)" -> "\\sin(#)";
            case "Cos(t)" -> "\\cos(#)";
            case "ArcTan(t)" -> "\\arctan(#)";
            case "Erf(t)" -> "\\operatorname{erf}(#)";
            case "Exp(t)" -> "e^{#}";
            case "Abs(t)" -> "\\lvert # \\rvert";
            case "Max(0,t)" -> "\\max(0, #)";
            case "t" -> "#";
            case "t^2" -> "@^{2}";
            case "t^3" -> "@^{3}";
            case "1/(1+Exp(-t))" -> "\\frac{1}{1 + e^{-@}}";
            case "Log(1+Exp(t))" -> "\\log(1 + e^{#})";
            case "Max(-1,Min(1,t))" -> "\\max(-1, \\min(1, #))";
            case "t/(1+Exp(-t))" -> "\\frac{#}{1 + e^{-@}}";
            case "t/(1+Abs(t))" -> "\\frac{#}{1 + \\lvert # \\rvert}";
            case "t*(1+Erf(t/Sqrt(2)))/2" -> "\\tfrac{1}{2} @ \\left(1 + \\operatorname{erf}\\left(\\frac{#}{\\sqrt{2}}\\right)\\right)";
            case "t+Sin(t)/(2+Cos(t))" -> "# + \\frac{\\sin(#)}{2 + \\cos(#)}";
            default -> null;
        };
        if (known != null) {
            return known;
        }
        Matcher leaky = Pattern.compile("Max\\((.+)\\*t,t\\)").matcher(def);
        if (leaky.matches()) {
            return "\\max(" + constant(leaky.group(1)) + " @, #)";
        }
        // A user's definition: Symja's TeXForm with t held as a symbol, then the argument put in for t.
        String held = Pattern.compile("(?<![A-Za-z0-9$])t(?![A-Za-z0-9$])").matcher(def).replaceAll("nnidarg");
        String tex = Symja.eval("TeXForm(HoldForm(" + held + "))").toString();
        return tex.replace("#", "\\#").replace("@", "").replace("nnidarg", "@");
    }
}
