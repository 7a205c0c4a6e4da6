package org.nnid.nulls;

import java.util.ArrayList;
import java.util.List;

import org.nnid.scalar.Scalar;
import org.nnid.activation.Activation;
import org.nnid.theory.Incoming;

/**
 * A candidate unit of the null-network search: ρ(w·x + b) reading the inputs, or, at depth 2,
 * ρ(a·u + c) reading one depth-1 unit u. Its incoming vector is in the theory's normal form, so two
 * units never differ by a mere symmetry.
 *
 * @param in    (w, b) over the inputs, or (a, c) over the inner unit
 * @param inner the unit read at depth 2, or null at depth 1
 */
record Unit(Incoming in, Unit inner) {

    int depth() {
        return inner == null ? 1 : 1 + inner.depth();
    }

    double value(Activation rho, double[] x) {
        double p = in.bias().toDouble();
        if (inner == null) {
            for (int i = 0; i < x.length; i++) {
                p += in.weights().get(i).toDouble() * x[i];
            }
        } else {
            p += in.weights().get(0).toDouble() * inner.value(rho, x);
        }
        return rho.apply(p);
    }

    /** E.g. {@code relu(-x1 - 1)} or {@code abs(abs(x1))}. */
    String text(String rho, List<String> inputs) {
        List<String> sources = inner == null ? inputs : List.of(inner.text(rho, inputs));
        return rho + "(" + affine(in.weights(), sources, in.bias()) + ")";
    }

    static String affine(List<Scalar> weights, List<String> sources, Scalar bias) {
        List<String> terms = new ArrayList<>();
        for (int i = 0; i < weights.size(); i++) {
            Scalar w = weights.get(i);
            if (!w.isStructuralZero()) {
                terms.add(term(w, sources.get(i)));
            }
        }
        if (!bias.isStructuralZero() || terms.isEmpty()) {
            terms.add(term(bias, null));
        }
        StringBuilder b = new StringBuilder(terms.get(0));
        for (String t : terms.subList(1, terms.size())) {
            b.append(t.startsWith("-") ? " - " + t.substring(1) : " + " + t);
        }
        return b.toString();
    }

    /** c·s, written 1·s = s, −1·s = −s, and the constant c when s is null. */
    static String term(Scalar c, String s) {
        String t = c.toText();
        if (s == null) {
            return t;
        }
        if (t.equals("1")) {
            return s;
        }
        if (t.equals("-1")) {
            return "-" + s;
        }
        boolean simple = t.matches("-?[0-9/]+");
        return (simple ? t : "(" + t + ")") + "*" + s;
    }
}
