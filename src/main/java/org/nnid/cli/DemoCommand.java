package org.nnid.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;

import org.nnid.io.NetworkJson;
import org.nnid.net.Evaluator;
import org.nnid.net.Network;
import org.nnid.scalar.Interval;
import org.nnid.scalar.Scalar;
import org.nnid.symbolic.HighPrecisionEvaluator;
import org.nnid.symbolic.NetworkExpressions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code nnid demo}: the main job on a bundled example. Today: read docs/math.md example E7 (an exact
 * tanh network), print it as an expression, evaluate it in double, interval and 40-digit
 * arithmetic, and compare it with the one-unit network that E7 says it reduces to.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run nnid on a bundled example (docs/math.md E7) and explain what it shows.")
final class DemoCommand implements Callable<Integer> {
    static final String EXAMPLE = "/org/nnid/examples/e7.json";
    /** docs/math.md E7: the reduced form, with the constant 0.0826252249031818 written exactly. */
    static final String E7_REDUCED = "Tanh(Tanh(x1) + Tanh(2*x1 - 1)) + 2*Tanh(3/10) - 1/2";

    @Spec
    private CommandSpec spec;

    @Option(names = "--at", paramLabel = "X", defaultValue = "1/2",
            description = "the input at which to evaluate (default: ${DEFAULT-VALUE})")
    private String at;

    @Option(names = "--digits", paramLabel = "N", defaultValue = "40",
            description = "digits of the high-precision evaluation (default: ${DEFAULT-VALUE})")
    private int digits;

    @Override
    public Integer call() throws IOException {
        if (digits < 1 || digits > 1000) {
            throw new UserInputException("--digits: expected a number from 1 to 1000, found " + digits);
        }
        PrintWriter out = spec.commandLine().getOut();
        Network e7 = NetworkJson.parse(resource(EXAMPLE), "e7.json");
        Scalar[] x = Points.parse(at, "--at");
        if (x.length != 1) {
            throw new UserInputException("--at: the example has one input, but " + x.length + " coordinates were given");
        }
        double[] xd = Points.toDoubles(x, "--at"); // checked before anything is printed
        out.println("nnid demo: docs/math.md example E7, bundled as e7.json");
        out.println();
        out.println("The network: " + e7.activation().name() + ", " + e7.inputCount() + " input, hidden layers of 3 and 2 units,"
                + (e7.isExact() ? " exact weights." : " double weights."));
        out.println("  y1 = " + NetworkExpressions.toSymja(e7).get(0));
        out.println();
        out.println("At x1 = " + x[0].toText() + ":");
        double d = Evaluator.evaluate(e7, xd)[0];
        Interval iv = Evaluator.enclose(e7, new Interval[] {x[0].enclosure()})[0];
        HighPrecisionEvaluator.Result hp = HighPrecisionEvaluator.evaluate(e7, x, digits);
        BigDecimal exact = hp.values()[0];
        out.println("  double arithmetic:    y1 = " + d);
        out.println("  rigorous interval:    y1 in [" + iv.lo() + ", " + iv.hi() + "]");
        out.println("  " + pad(digits + " digits:", 21) + " y1 = " + exact);
        boolean agree = iv.contains(d) && iv.contains(exact.doubleValue());
        out.println("  " + (agree ? "The double value and the high-precision value both lie in the enclosure."
                : "WARNING: the three evaluations disagree (please report this)."));
        out.println();
        Network reduced = NetworkExpressions.fromSymja(List.of(E7_REDUCED), e7.activation(), e7.inputNames());
        HighPrecisionEvaluator.Result hr = HighPrecisionEvaluator.evaluate(reduced, x, digits);
        out.println("E7 says the network reduces to one hidden unit feeding one more:");
        out.println("  y1 = " + E7_REDUCED);
        out.println("  at x1 = " + x[0].toText() + ", " + digits + " digits: y1 = " + hr.values()[0]);
        boolean same = hr.values()[0].compareTo(exact) == 0;
        out.println("  " + (same ? "Equal to all " + digits + " digits: numerical evidence only."
                : "They differ: " + hr.values()[0].subtract(exact)));
        out.println();
        out.println("The proof: both networks have the same canonical form (docs/math.md §5), and equal canonical forms");
        out.println("mean equal functions for every nonlinearity (docs/math.md §6, step 2).");
        org.nnid.theory.Theory tanh = Engine.theoryOf(e7);
        org.nnid.rewrite.Rules rules = org.nnid.rewrite.Rules.of(tanh);
        org.nnid.rewrite.Rewriter.Result c1 = org.nnid.rewrite.Rewriter.canonicalise(e7, tanh);
        org.nnid.rewrite.Rewriter.Result c2 = org.nnid.rewrite.Rewriter.canonicalise(reduced, tanh);
        boolean equalForms = NetworkJson.write(c1.network()).equals(NetworkJson.write(c2.network()));
        out.println("  canonical form of E7:      y1 = " + NetworkExpressions.toSymja(c1.network()).get(0));
        out.println("  certificate of E7:         " + describe(c1.certificate().summary()));
        out.println("  certificate of the other:  " + describe(c2.certificate().summary()));
        org.nnid.rewrite.Replay.Outcome r1 = org.nnid.rewrite.Replay.check(e7, c1.certificate(), rules);
        org.nnid.rewrite.Replay.Outcome r2 = org.nnid.rewrite.Replay.check(reduced, c2.certificate(), rules);
        out.println("  replayed independently:    " + (r1.valid() && r2.valid() ? "both certificates VALID" : "INVALID"));
        out.println("  " + (equalForms ? "EQUIVALENT: the canonical forms are identical, so the two networks are the same function."
                : "The canonical forms differ."));
        out.println();
        out.println("The checker, nnid equiv, does all of this and says what its verdict rests on:");
        org.nnid.equiv.Checker.Result eq = org.nnid.equiv.Checker.check(e7, reduced, org.nnid.equiv.Checker.Options.defaults());
        out.println("  E7 against the reduced network: " + eq.verdict() + " (" + eq.qualifier() + "), " + eq.reason());
        Network nearMiss = reduced.mapValues(v -> v.equals(reduced.bias(reduced.outputNode(0)))
                ? v.add(org.nnid.scalar.Scalar.of(1, 1_000_000_000_000L)) : v);
        org.nnid.equiv.Checker.Result ne = org.nnid.equiv.Checker.check(e7, nearMiss, org.nnid.equiv.Checker.Options.defaults());
        out.println("  with the output bias moved by 10^-12: " + ne.verdict() + " (" + ne.qualifier() + ")");
        ne.evidence().stream().filter(e -> e instanceof org.nnid.equiv.Evidence.Witness).findFirst()
                .ifPresent(w -> out.println("    " + w.describe()));
        boolean checkerRight = eq.verdict() == org.nnid.equiv.Verdict.EQUIVALENT
                && ne.verdict() == org.nnid.equiv.Verdict.NOT_EQUIVALENT;
        out.println();
        out.println("Try: nnid equiv A B --evidence v.json, nnid check-evidence v.json, nnid verify proofs-examples/,");
        out.println("     nnid canon NET --certificate cert.json, nnid replay NET cert.json, nnid show NET --as dot");
        return agree && same && equalForms && r1.valid() && r2.valid() && checkerRight ? ExitCode.OK : ExitCode.INTERNAL;
    }

    private static String describe(java.util.Map<String, Integer> summary) {
        StringBuilder b = new StringBuilder();
        summary.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(v).append(" x ").append(k));
        return b.length() == 0 ? "no moves" : b.toString();
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    static String resource(String name) throws IOException {
        try (InputStream in = DemoCommand.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("bundled example " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
