package org.nnid.rewrite;

import java.util.List;

import org.nnid.net.Network;

/**
 * Checks a certificate on its own: the certificate belongs to the network (same SHA-256), every
 * move's precondition holds when it is applied, and the moves reach the stated network exactly.
 * It uses only {@link Move} and {@link Graph}, never the rewriter, so it can be trusted alone.
 */
public final class Replay {
    private Replay() {}

    /** The outcome: valid, or the first thing that failed. */
    public record Outcome(boolean valid, int movesApplied, String message) {}

    public static Outcome check(Network input, Certificate cert, Rules rules) {
        String sha = Certificate.sha256(input);
        if (!sha.equals(cert.inputSha256())) {
            return new Outcome(false, 0, "the certificate is for another network (input SHA-256 " + cert.inputSha256()
                    + ", this network " + sha + ")");
        }
        Graph g = Graph.of(input);
        List<Move> moves = cert.moves();
        for (int i = 0; i < moves.size(); i++) {
            try {
                moves.get(i).apply(g, rules);
            } catch (PreconditionException e) {
                return new Outcome(false, i, "move " + (i + 1) + " of " + moves.size() + " (" + moves.get(i).name()
                        + "): precondition failed: " + e.getMessage());
            }
        }
        Network reached = g.toNetwork();
        if (!reached.equals(cert.result())) {
            return new Outcome(false, moves.size(), "the moves reach a different network than the certificate states");
        }
        return new Outcome(true, moves.size(), moves.size() + (moves.size() == 1 ? " move" : " moves") + " replayed, every precondition held, and they reach"
                + " the stated network exactly");
    }
}
