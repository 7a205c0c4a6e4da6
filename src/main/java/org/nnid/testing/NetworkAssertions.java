package org.nnid.testing;

import java.util.List;

import org.nnid.equiv.Checker;
import org.nnid.equiv.Evidence;
import org.nnid.equiv.Verdict;
import org.nnid.net.Network;
import org.nnid.rewrite.Rewriter;
import org.nnid.symbolic.NetworkExpressions;
import org.nnid.theory.Theory;
import org.nnid.registry.TheoryRegistry;

/**
 * Oracles for properties about networks, backed by the equivalence checker's evidence. A failure
 * is an {@link AssertionError} whose message shows the networks as Symja expressions and the
 * checker's verdict, reason and evidence. UNKNOWN never passes: an oracle claims only what the
 * checker proved (exactly, by a witness, by a theorem, or "within tolerance" for doubles).
 */
public final class NetworkAssertions {
    private NetworkAssertions() {}

    /** Passes only when the checker answers EQUIVALENT; returns that result. */
    public static Checker.Result assertSameFunction(Network a, Network b) {
        return assertSameFunction(a, b, Checker.Options.defaults());
    }

    public static Checker.Result assertSameFunction(Network a, Network b, Checker.Options options) {
        Checker.Result r = Checker.check(a, b, options);
        if (r.verdict() != Verdict.EQUIVALENT) {
            throw new AssertionError(message("expected the same function", a, b, r));
        }
        return r;
    }

    /** Passes only when the checker answers NOT_EQUIVALENT; returns that result. */
    public static Checker.Result assertNotSameFunction(Network a, Network b) {
        return assertNotSameFunction(a, b, Checker.Options.defaults());
    }

    public static Checker.Result assertNotSameFunction(Network a, Network b, Checker.Options options) {
        Checker.Result r = Checker.check(a, b, options);
        if (r.verdict() != Verdict.NOT_EQUIVALENT) {
            throw new AssertionError(message("expected different functions", a, b, r));
        }
        return r;
    }

    /** Passes when reduction (R1–R3 of docs/math.md §3, in the built-in theory of net) changes nothing. */
    public static void assertReduced(Network net) {
        Theory t = theoryOf(net);
        Network reduced = Rewriter.reduce(net, t).network();
        if (!reduced.equals(net)) {
            throw new AssertionError("expected a reduced network, but reduction changes it\n  network: "
                    + expressions(net) + "\n  reduced: " + expressions(reduced));
        }
    }

    /** The canonical form (docs/math.md §5) of net in the built-in theory of its activation. */
    public static Network canonicalFormOf(Network net) {
        Theory t = theoryOf(net);
        return Rewriter.canonicalise(net, t).network();
    }

    static Theory theoryOf(Network net) {
        return TheoryRegistry.builtins().theoryOf(net.activation());
    }

    private static String message(String expectation, Network a, Network b, Checker.Result r) {
        StringBuilder s = new StringBuilder(expectation).append(", but the checker says ").append(r.verdict())
                .append(" (").append(r.qualifier()).append("): ").append(r.reason())
                .append("\n  A = ").append(expressions(a))
                .append("\n  B = ").append(expressions(b))
                .append("\n  A: ").append(NetworkDescription.of(a, "    "))
                .append("\n  B: ").append(NetworkDescription.of(b, "    "));
        for (Evidence e : r.evidence()) {
            s.append("\n  evidence: ").append(e.describe());
        }
        for (String n : r.notes()) {
            s.append("\n  note: ").append(n);
        }
        return s.toString();
    }

    /** "tanh: expr1 ; expr2": the output expressions as Symja text, or a summary if they cannot be written. */
    public static String expressions(Network net) {
        try {
            List<String> outs = NetworkExpressions.toSymja(net);
            return net.activation().name() + ": " + String.join(" ; ", outs);
        } catch (IllegalArgumentException e) {
            return net + " (" + e.getMessage() + ")";
        }
    }
}
