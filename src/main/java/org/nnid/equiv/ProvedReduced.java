package org.nnid.equiv;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.nnid.net.Network;
import org.nnid.scalar.Scalar;
import org.nnid.scalar.Symbolic;

/**
 * The null-freeness theorem (docs/math.md §4) speaks of reduced networks: no zero weights, no clones.
 * The rewriter decides rationals exactly, but a closed-form constant can be zero, or equal to
 * another, while written differently (Log(6) − Log(2) − Log(3); a nested radical), and the
 * rewriter compares such values by their written form. This check proves, for a canonical form
 * that holds constants, that every weight is nonzero and the rows of any two hidden nodes of a
 * level differ, each by a sign decided rigorously; a decision that cannot be made is returned as
 * the reason the theorem does not apply.
 */
final class ProvedReduced {
    private ProvedReduced() {}

    /** Empty when the form is proved reduced; otherwise why it is not, or why that is undecided. */
    static Optional<String> check(Network form) {
        if (!holdsConstants(form)) {
            return Optional.empty(); // rationals and doubles: the rewriter decided every zero and clone exactly
        }
        try {
            for (int v = form.inputCount(); v < form.nodeCount(); v++) {
                for (Map.Entry<Integer, Scalar> e : form.incoming(v).entrySet()) {
                    if (e.getValue().signum() == 0) {
                        return Optional.of("the weight from " + form.id(e.getKey()) + " to " + form.id(v)
                                + " is 0 (written " + e.getValue().toText() + ")");
                    }
                }
            }
            for (List<Integer> level : FormComparison.hiddenByLevel(form).values()) {
                for (int i = 0; i < level.size(); i++) {
                    for (int j = i + 1; j < level.size(); j++) {
                        if (!provedDifferentRows(form, level.get(i), level.get(j))) {
                            return Optional.of(form.id(level.get(i)) + " and " + form.id(level.get(j))
                                    + " have equal incoming weights and biases: clones");
                        }
                    }
                }
            }
            return Optional.empty();
        } catch (ArithmeticException e) {
            return Optional.of("a zero test on a closed-form constant could not be decided (" + e.getMessage() + ")");
        }
    }

    private static boolean provedDifferentRows(Network form, int u, int v) {
        if (form.bias(u).compareValue(form.bias(v)) != 0) {
            return true;
        }
        Map<Integer, Scalar> in = form.incoming(u);
        Map<Integer, Scalar> other = form.incoming(v);
        Set<Integer> sources = new HashSet<>(in.keySet());
        sources.addAll(other.keySet());
        for (int s : sources) {
            Scalar x = in.getOrDefault(s, Scalar.ZERO);
            Scalar y = other.getOrDefault(s, Scalar.ZERO);
            if (x.compareValue(y) != 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean holdsConstants(Network form) {
        for (int v = form.inputCount(); v < form.nodeCount(); v++) {
            if (form.bias(v) instanceof Symbolic) {
                return true;
            }
            for (Scalar w : form.incoming(v).values()) {
                if (w instanceof Symbolic) {
                    return true;
                }
            }
        }
        return false;
    }
}
