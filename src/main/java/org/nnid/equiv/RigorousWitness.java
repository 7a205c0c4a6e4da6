package org.nnid.equiv;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.matheclipse.core.interfaces.IExpr;
import org.nnid.net.Network;
import org.nnid.scalar.ConstantBall;
import org.nnid.scalar.DecimalInterval;
import org.nnid.scalar.Interval;
import org.nnid.scalar.Rational;
import org.nnid.symbolic.NetworkExpressions;
import org.nnid.symja.Symja;
import org.nnid.symja.SymjaException;

/**
 * Proves that two networks differ at a point when double intervals are too wide to show it: each
 * output is written as a closed-form constant (the network's expression with x's exact binary
 * values substituted, parsed but not evaluated by Symja, so no rewriting happens) and enclosed in
 * outward-rounded decimal interval arithmetic ({@link ConstantBall}) at 64 to 512 digits. The
 * witness's enclosures are those decimal intervals rounded outwards to doubles, so anyone can
 * re-check them with the same arithmetic.
 */
final class RigorousWitness {
    private static final int[] DIGITS = {64, 128, 256, 512};
    /** Expressions longer than this are not built (a tree expression of a deep DAG can explode). */
    private static final int MAX_EXPRESSION_CHARS = 200_000;
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    /**
     * Input names that cannot be a Symja constant or function (those never end in a digit), so
     * replacing them in the expression text replaces nothing else: x1, in_3, …
     */
    private static final Pattern SAFE_INPUT = Pattern.compile("[A-Za-z][A-Za-z0-9_]*[0-9]");

    private RigorousWitness() {}

    static Optional<Evidence.Witness> prove(Network a, Network b, double[] x, int output, double eps) {
        Optional<IExpr> ea = atPoint(a, output, x);
        Optional<IExpr> eb = atPoint(b, output, x);
        if (ea.isEmpty() || eb.isEmpty()) {
            return Optional.empty();
        }
        for (int digits : DIGITS) {
            Optional<DecimalInterval> va = ConstantBall.at(ea.get(), digits);
            Optional<DecimalInterval> vb = ConstantBall.at(eb.get(), digits);
            if (va.isEmpty() || vb.isEmpty()) {
                return Optional.empty();
            }
            Interval ia = va.get().toDoubleInterval();
            Interval ib = vb.get().toDoubleInterval();
            Evidence.Witness w = new Evidence.Witness(x.clone(), output, ia, ib,
                    new Evidence.Witness.DecimalDigits(digits), eps);
            if (w.separates()) {
                return Optional.of(w);
            }
        }
        return Optional.empty();
    }

    /** The output's expression with every input replaced by its exact value, unevaluated. */
    private static Optional<IExpr> atPoint(Network net, int output, double[] x) {
        if (!net.inputNames().stream().allMatch(n -> SAFE_INPUT.matcher(n).matches())) {
            return Optional.empty(); // an input named E or Pi would be confused with the constant
        }
        String e = NetworkExpressions.toSymja(Checker.exactImage(net), output); // doubles as their exact rationals
        if (e.length() > MAX_EXPRESSION_CHARS) {
            return Optional.empty();
        }
        StringBuilder b = new StringBuilder();
        Matcher m = IDENTIFIER.matcher(e);
        int last = 0;
        while (m.find()) {
            int i = net.inputNames().indexOf(m.group());
            // Only free identifiers: not a function name (followed by "(").
            boolean call = m.end() < e.length() && e.charAt(m.end()) == '(';
            if (i >= 0 && !call) {
                b.append(e, last, m.start()).append('(').append(Rational.ofExactDouble(x[i]).toText()).append(')');
                last = m.end();
            }
        }
        b.append(e.substring(last));
        try {
            return Optional.of(Symja.parse(b.toString()));
        } catch (SymjaException ex) {
            return Optional.empty();
        }
    }
}
