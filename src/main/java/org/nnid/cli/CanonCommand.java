package org.nnid.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.nnid.io.NetworkJson;
import org.nnid.net.Network;
import org.nnid.rewrite.Rewriter;
import org.nnid.theory.Theory;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nnid canon} and {@code nnid reduce}: the canonical form or the reduction, with a certificate. */
@Command(name = "canon", mixinStandardHelpOptions = true,
        description = {"Print the canonical form of a network (docs/math.md §5): reduce, normalise every hidden node under",
                "the symmetries of its nonlinearity, merge clones, sort. Equal canonical forms mean equal functions."})
class CanonCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NET", description = "the network file (.json, .onnx, .nnet, .safetensors)")
    Path net;

    @Option(names = "--certificate", paramLabel = "FILE",
            description = "write the certificate (the moves, replayable with nnid replay) to FILE")
    Path certificate;

    @Option(names = "--out", paramLabel = "FILE", description = "write the network to FILE instead of stdout")
    Path out;

    @Option(names = "--tol", paramLabel = "T", defaultValue = "1e-12",
            description = {"tolerance for values that involve doubles, relative: |x-y| <= T*max(|x|,|y|), no floor (default: ${DEFAULT-VALUE});",
                    "exact values are always compared exactly; 0 compares doubles exactly"})
    double tol;

    @picocli.CommandLine.Mixin
    OutputFiles outputs = new OutputFiles();

    @picocli.CommandLine.Mixin
    TheoryCommand.UserTheories theories = new TheoryCommand.UserTheories();

    @picocli.CommandLine.Mixin
    NetworkInput input = new NetworkInput();

    boolean canonical() {
        return true;
    }

    @Override
    public Integer call() {
        if (out != null && certificate != null
                && out.toAbsolutePath().normalize().equals(certificate.toAbsolutePath().normalize())) {
            throw new UserInputException("--out and --certificate name the same file, " + out + ": one would replace the other");
        }
        if (!(tol >= 0) || Double.isInfinite(tol)) {
            throw new UserInputException("--tol: expected a finite number >= 0, found " + tol);
        }
        outputs.check("--out", out, net);
        outputs.check("--certificate", certificate, net);
        Network network = Engine.read(net, theories, input);
        Theory theory = Engine.theoryOf(network, theories.registry());
        Rewriter.Result r = canonical() ? Rewriter.canonicalise(network, theory, tol) : Rewriter.reduce(network, theory, tol);
        String json = NetworkJson.write(r.network());
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        if (out != null) {
            Engine.writeResult(out, json, net);
        } else {
            stdout.print(json);
        }
        if (certificate != null) {
            Engine.writeResult(certificate, r.certificate().toJson(), net);
        }
        StringBuilder summary = new StringBuilder(canonical() ? "canonical form" : "reduced");
        summary.append(": ").append(network.hiddenCount()).append(" -> ").append(r.network().hiddenCount())
                .append(" hidden nodes; moves:");
        Map<String, Integer> counts = r.certificate().summary();
        if (counts.isEmpty()) {
            summary.append(" none");
        }
        counts.forEach((k, v) -> summary.append(' ').append(k).append(" x").append(v));
        if (!network.isExact()) {
            summary.append(tol > 0 ? "; double network: the result is within tolerance " + tol
                    : "; double network: values compared exactly as doubles (tolerance 0)");
        }
        stderr.println(summary);
        for (String note : r.notes()) {
            stderr.println("note: " + note);
        }
        return ExitCode.OK;
    }

    /** {@code nnid reduce}: R1–R3 to a fixpoint (docs/math.md §3). */
    @Command(name = "reduce", mixinStandardHelpOptions = true,
            description = {"Print the reduction of a network: fold constant nodes, delete dead nodes and merge",
                    "clones (up to symmetry) until none is left (docs/math.md §3)."})
    static final class Reduce extends CanonCommand {
        @Override
        boolean canonical() {
            return false;
        }
    }
}
