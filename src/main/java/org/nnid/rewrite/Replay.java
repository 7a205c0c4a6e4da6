package org.nnid.rewrite;

import java.util.List;
import java.util.Map;

import org.nnid.net.Network;
import org.nnid.scalar.Scalar;
import org.nnid.scalar.Symbolic;

/**
 * Checks a certificate on its own: the certificate belongs to the network (same SHA-256), every
 * move's precondition holds when it is applied, and the moves reach the stated network exactly.
 * It uses only {@link Move} and {@link Graph}, never the rewriter, so it can be trusted alone.
 */
public final class Replay {
    private Replay() {}

    /** The outcome: valid, or the first thing that failed. */
    public record Outcome(boolean valid, int movesApplied, String message) {}

    /** Replays with exact preconditions: a merge recorded "within tolerance" fails. */
    public static Outcome check(Network input, Certificate cert, Rules rules) {
        return check(input, cert, rules, 0);
    }

    /**
     * Replays, accepting merges of clones within a relative tolerance of at most
     * {@code maxTolerance}: the caller sets the tolerance, never the certificate (a move that
     * records a larger one fails).
     */
    public static Outcome check(Network input, Certificate cert, Rules rules, double maxTolerance) {
        String sha = Certificate.sha256(input);
        if (!sha.equals(cert.inputSha256())) {
            return new Outcome(false, 0, "the certificate is for another network (input SHA-256 " + cert.inputSha256()
                    + ", this network " + sha + ")");
        }
        Graph g = Graph.of(input);
        List<Move> moves = cert.moves();
        for (int i = 0; i < moves.size(); i++) {
            if (moves.get(i) instanceof Move.MergeClones m && m.tolerance() > maxTolerance) {
                return new Outcome(false, i, "move " + (i + 1) + " of " + moves.size() + " (" + m.name()
                        + ") merges within tolerance " + m.tolerance() + ", more than the " + maxTolerance
                        + " allowed" + (maxTolerance == 0 ? " (exact replay; nnid replay --tol T accepts merges within T)"
                        : ""));
            }
            try {
                moves.get(i).apply(g, rules);
            } catch (PreconditionException e) {
                return new Outcome(false, i, "move " + (i + 1) + " of " + moves.size() + " (" + moves.get(i).name()
                        + "): precondition failed: " + e.getMessage());
            }
        }
        Network reached = g.toNetwork();
        if (!sameNetwork(reached, cert.result())) {
            return new Outcome(false, moves.size(), "the moves reach a different network than the certificate states");
        }
        return new Outcome(true, moves.size(), moves.size() + (moves.size() == 1 ? " move" : " moves") + " replayed, every precondition held, and they reach"
                + " the stated network exactly");
    }

    /**
     * The same graph with equal values. Closed-form constants are equal when their written forms
     * agree or, failing that, when Symja proves their difference is 0: a constant read back from
     * JSON may be written differently from the one the moves computed (Symja's normal form of a
     * nested expression is not always idempotent).
     */
    static boolean sameNetwork(Network a, Network b) {
        if (a.equals(b)) {
            return true;
        }
        if (a.nodeCount() != b.nodeCount() || !a.inputNames().equals(b.inputNames())
                || !a.outputIds().equals(b.outputIds()) || a.outputActivation() != b.outputActivation()
                || !a.activation().equals(b.activation())) {
            return false;
        }
        for (int v = a.inputCount(); v < a.nodeCount(); v++) {
            int w = b.indexOf(a.id(v));
            if (w < b.inputCount() || a.isOutput(v) != b.isOutput(w) || !sameValue(a.bias(v), b.bias(w))) {
                return false;
            }
            Map<Integer, Scalar> in = b.incoming(w);
            if (in.size() != a.incoming(v).size()) {
                return false;
            }
            for (Map.Entry<Integer, Scalar> e : a.incoming(v).entrySet()) {
                Scalar other = in.get(b.indexOf(a.id(e.getKey())));
                if (other == null || !sameValue(e.getValue(), other)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean sameValue(Scalar x, Scalar y) {
        return x.equals(y) || (x instanceof Symbolic || y instanceof Symbolic) && x.isExact() && y.isExact()
                && x.compareValue(y) == 0;
    }
}
