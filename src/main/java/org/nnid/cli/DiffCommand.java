package org.nnid.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import org.nnid.equiv.FormsVerdict;
import org.nnid.net.Network;
import org.nnid.rewrite.Rewriter;
import org.nnid.scalar.Scalar;
import org.nnid.theory.Theory;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nnid diff}: where two networks' canonical forms differ. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Canonicalise two networks and show where the canonical forms differ (node, weight, values),",
                "then what that proves. Exit 0: identical exact canonical forms, the same function. Exit 1: different",
                "functions (the forms differ and the nonlinearity is null-free). Exit 3: the forms differ, which",
                "proves nothing for this nonlinearity (try nnid equiv). Doubles are compared as the rationals they are."})
final class DiffCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    private TheoryCommand.UserTheories theories = new TheoryCommand.UserTheories();

    @picocli.CommandLine.Mixin
    NetworkInput input = new NetworkInput();

    @Parameters(index = "0", paramLabel = "A")
    Path a;

    @Parameters(index = "1", paramLabel = "B")
    Path b;

    @Override
    public Integer call() {
        Network na = Engine.read(a, theories, input);
        Network nb = Engine.read(b, theories, input);
        if (!na.activation().equals(nb.activation())) {
            throw new UserInputException(a + " uses " + na.activation().name() + " and " + b + " uses "
                    + nb.activation().name() + ": convert one first");
        }
        Theory theory = Engine.theoryOf(na, theories.registry());
        FormsVerdict verdict;
        try {
            verdict = FormsVerdict.of(na, nb, theories.registry());
        } catch (ArithmeticException e) {
            spec.commandLine().getOut().println("undecided: " + e.getMessage());
            return ExitCode.UNKNOWN;
        }
        PrintWriter out = spec.commandLine().getOut();
        if (verdict.conclusion() != FormsVerdict.Conclusion.SAME_FUNCTION) {
            // Double networks are shown in double (readable); if those agree, the exact forms show where.
            List<String> lines = differences(Rewriter.canonicalise(na, theory).network(),
                    Rewriter.canonicalise(nb, theory).network());
            if (lines.isEmpty()) {
                lines = differences(verdict.formA(), verdict.formB());
            }
            out.println("canonical forms differ (A = " + a + ", B = " + b + "):");
            lines.forEach(l -> out.println("  " + l));
        }
        out.println(verdict.explanation());
        return switch (verdict.conclusion()) {
            case SAME_FUNCTION -> ExitCode.OK;
            case DIFFERENT_FUNCTIONS -> ExitCode.NO;
            case NOTHING_PROVED -> ExitCode.UNKNOWN;
        };
    }

    static List<String> differences(Network a, Network b) {
        List<String> lines = new ArrayList<>();
        if (!a.inputNames().equals(b.inputNames())) {
            lines.add("inputs: " + a.inputNames() + " vs " + b.inputNames());
        }
        if (!a.outputIds().equals(b.outputIds())) {
            lines.add("outputs: " + a.outputIds() + " vs " + b.outputIds());
        }
        if (a.outputActivation() != b.outputActivation()) {
            lines.add("output_activation: " + a.outputActivation() + " vs " + b.outputActivation());
        }
        TreeSet<String> ids = new TreeSet<>();
        for (int v = a.inputCount(); v < a.nodeCount(); v++) {
            ids.add(a.id(v));
        }
        for (int v = b.inputCount(); v < b.nodeCount(); v++) {
            ids.add(b.id(v));
        }
        for (String id : ids) {
            int va = a.indexOf(id);
            int vb = b.indexOf(id);
            if (va < 0 || vb < 0) {
                lines.add(id + ": only in " + (va < 0 ? "B" : "A"));
                continue;
            }
            if (!a.bias(va).equals(b.bias(vb))) {
                lines.add(id + ": bias " + a.bias(va).toText() + " vs " + b.bias(vb).toText());
            }
            Map<Integer, Scalar> ia = a.incoming(va);
            Map<Integer, Scalar> ib = b.incoming(vb);
            TreeSet<String> sources = new TreeSet<>();
            ia.keySet().forEach(s -> sources.add(a.id(s)));
            ib.keySet().forEach(s -> sources.add(b.id(s)));
            for (String src : sources) {
                Scalar wa = a.indexOf(src) < 0 ? null : ia.get(a.indexOf(src));
                Scalar wb = b.indexOf(src) < 0 ? null : ib.get(b.indexOf(src));
                if (wa == null || wb == null || !wa.equals(wb)) {
                    lines.add(id + " <- " + src + ": " + (wa == null ? "no edge" : wa.toText()) + " vs "
                            + (wb == null ? "no edge" : wb.toText()));
                }
            }
        }
        return lines;
    }
}
