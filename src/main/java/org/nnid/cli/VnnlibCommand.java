package org.nnid.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.nnid.equiv.Checker;
import org.nnid.equiv.Evidence;
import org.nnid.equiv.Question;
import org.nnid.equiv.Verdict;
import org.nnid.equiv.VerdictFile;
import org.nnid.io.Vnnlib2Spec;
import org.nnid.net.Evaluator;
import org.nnid.net.InputBox;
import org.nnid.net.Network;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code nnid vnnlib}: a VNN-LIB 2.0 two-network closeness specification, answered as
 * {@code nnid equiv --eps} answers it: unsat (closeness proved), sat (an input of the box where it
 * fails, proved exactly), unknown.
 */
@Command(name = "vnnlib", mixinStandardHelpOptions = true,
        description = {"Decide a VNN-LIB 2.0 two-network specification (VNN-COMP equivalence category): two declared",
                "networks f and g (g isomorphic-to or equal-to f), a box on X_f, X_f[i] == X_g[i], and",
                "|Y_g[i] - Y_f[i]| <= EPS for every output. The first line of output is the answer:",
                "  unsat    exit 0  the closeness is proved over the box (a bound <= EPS, with its split tree)",
                "  sat      exit 1  an input of the box where it fails, with the counterexample, checked exactly",
                "  unknown  exit 3  neither proved",
                "A specification nnid cannot read: one line naming the file, the line and the problem, exit 2."},
        sortOptions = false)
final class VnnlibCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SPEC", description = "the .vnnlib specification")
    Path specFile;

    @Option(names = "--net", paramLabel = "NAME=FILE", required = true,
            description = "the network a declared name stands for (once per network: --net f=F.onnx --net g=G.onnx)")
    Map<String, Path> nets = new LinkedHashMap<>();

    @picocli.CommandLine.Mixin
    OutputFiles outputs = new OutputFiles();

    @Option(names = "--evidence", paramLabel = "FILE",
            description = "save the verdict with its evidence to FILE, for nnid check-evidence")
    Path evidenceFile;

    @Mixin
    TheoryCommand.UserTheories theories = new TheoryCommand.UserTheories();

    @Mixin
    NetworkInput input = new NetworkInput();

    @Override
    public Integer call() {
        java.util.List<Path> inputs = new java.util.ArrayList<>(nets.values());
        inputs.add(specFile);
        outputs.check("--evidence", evidenceFile, inputs.toArray(Path[]::new));
        Vnnlib2Spec s = Vnnlib2Spec.read(specFile);
        Network f = network(s.first());
        Network g = network(s.second());
        for (Network n : new Network[] {f, g}) {
            if (n.inputCount() != s.inputs() || n.outputCount() != f.outputCount()) {
                throw new UserInputException(specFile + ": the specification declares " + s.inputs()
                        + " inputs; the networks have " + f.inputCount() + " and " + g.inputCount() + " inputs, "
                        + f.outputCount() + " and " + g.outputCount() + " outputs");
            }
        }
        // A bound proves closeness only below ε, a witness only above it: ε is read exactly and
        // each side takes the double on its safe side.
        double epsDown = s.eps().enclosure().lo();
        double epsUp = s.eps().enclosure().hi();
        Checker.Options options = Checker.Options.defaults().withRegistry(theories.registry())
                .withBox(new InputBox(s.lower(), s.upper())).withQuestion(new Question.Closeness(epsDown));
        Checker.Result r;
        try {
            r = Checker.check(f, g, options);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(specFile + ": " + e.getMessage());
        }
        Evidence.Witness witness = r.evidence().stream().filter(e -> e instanceof Evidence.Witness)
                .map(e -> (Evidence.Witness) e).findFirst().orElse(null);
        boolean sat = r.verdict() == Verdict.EXCEEDS_EPS && witness != null
                && new Evidence.Witness(witness.x(), witness.output(), witness.a(), witness.b(), witness.arithmetic(),
                        epsUp).separates();
        String answer = r.verdict() == Verdict.WITHIN_EPS ? "unsat" : sat ? "sat" : "unknown";
        if (evidenceFile != null) {
            Engine.writeResult(evidenceFile, VerdictFile.write(f, nets.get(s.first()).toString(), g,
                    nets.get(s.second()).toString(), r, false), inputs.toArray(Path[]::new));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(answer);
        if (sat) {
            printCounterexample(out, s, f, g, witness.x());
        }
        EquivCommand.print(out, r);
        return switch (answer) {
            case "unsat" -> ExitCode.OK;
            case "sat" -> ExitCode.NO;
            default -> ExitCode.UNKNOWN;
        };
    }

    private Network network(String name) {
        Path p = nets.get(name);
        if (p == null) {
            throw new UserInputException(specFile + ": the specification declares network " + name
                    + "; give its file with --net " + name + "=FILE");
        }
        return Engine.read(p, theories, input);
    }

    /** The VNN-COMP counterexample: the input, and each network's outputs there (double evaluation). */
    private static void printCounterexample(PrintWriter out, Vnnlib2Spec s, Network f, Network g, double[] x) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < x.length; i++) {
            b.append(i == 0 ? "" : "\n ").append("(X_").append(s.first()).append('[').append(i).append("] ")
                    .append(x[i]).append(')');
        }
        for (Object[] side : new Object[][] {{s.first(), f}, {s.second(), g}}) {
            double[] y = Evaluator.evaluate((Network) side[1], x);
            for (int k = 0; k < y.length; k++) {
                b.append("\n (Y_").append(side[0]).append('[').append(k).append("] ")
                        .append(String.format(Locale.ROOT, "%s", y[k])).append(')');
            }
        }
        out.println(b.append(')'));
    }
}
