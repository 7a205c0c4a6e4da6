package org.nnid.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import org.nnid.io.NetworkJson;
import org.nnid.net.Network;
import org.nnid.nulls.Identifiability;
import org.nnid.nulls.IdentifiabilityTable;
import org.nnid.theory.Theory;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nnid identifiability}: what the theory says about a nonlinearity, or about one network (issue 6). */
@Command(name = "identifiability", mixinStandardHelpOptions = true,
        description = {"ACTIVATION: the symmetry group, normal form, null-freeness with its",
                "evidence, and what follows for identifiability: exit 0 null-free (proved or cited),",
                "1 refuted (a null network exists), 3 open.",
                "--all [--as text|md|latex|json]: the same for every nonlinearity, one table.",
                "--network NET: zero rows and columns, clones up to symmetry and null",
                "patterns; IDENTIFIABLE (exit 0), NOT_IDENTIFIABLE with a different",
                "network of the same function (exit 1), or NOT_CERTIFIED (exit 3)."})
final class IdentifiabilityCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    private TheoryCommand.UserTheories theories = new TheoryCommand.UserTheories();

    @picocli.CommandLine.Mixin
    private NetworkInput input = new NetworkInput();

    static final class Subject {
        @Parameters(paramLabel = "ACTIVATION", description = "a theory name, e.g. tanh, relu")
        String activation;

        @Option(names = "--network", paramLabel = "NET", description = "a network file")
        Path network;

        @Option(names = "--all", description = "one table of every nonlinearity")
        boolean all;
    }

    @Option(names = "--as", paramLabel = "F", defaultValue = "text",
            description = "with --all: text, md, latex or json (default text)")
    String format;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Subject subject;

    @Option(names = "--time-limit", paramLabel = "S", defaultValue = "5",
            description = "seconds per Symja call when a null pattern is proved (default 5)")
    long timeLimit;

    @Override
    public Integer call() {
        if (timeLimit < 1 || timeLimit > 3600) {
            throw new UserInputException("--time-limit: expected whole seconds from 1 to 3600, found " + timeLimit);
        }
        PrintWriter out = spec.commandLine().getOut();
        List<Theory> all = theories.registry().theories();
        if (subject.all) {
            IdentifiabilityTable.Format f;
            try {
                f = IdentifiabilityTable.format(format);
            } catch (IllegalArgumentException e) {
                throw new UserInputException(e.getMessage());
            }
            List<IdentifiabilityTable.Row> rows = all.stream().map(t -> IdentifiabilityTable.row(t, all)).toList();
            out.print(IdentifiabilityTable.render(rows, f));
            return ExitCode.OK;
        }
        if (subject.activation != null) {
            Theory t;
            try {
                t = Engine.theoryNamed(subject.activation, theories.registry());
            } catch (IllegalArgumentException e) {
                throw new UserInputException(e.getMessage());
            }
            IdentifiabilityTable.Row row = IdentifiabilityTable.row(t, all);
            out.print(Identifiability.report(t, row));
            return row.standing().exitCode();
        }
        Network net = Engine.read(subject.network, theories, input);
        Theory theory = Engine.theoryOf(net, theories.registry());
        Heartbeat.phase("looking for zero rows, clones and null patterns in " + subject.network.getFileName());
        Identifiability.Verdict v = Identifiability.check(net, theory, Duration.ofSeconds(timeLimit));
        out.println(v.answer() + ": " + v.reason());
        v.findings().forEach(f -> out.println("  " + f));
        v.alternative().ifPresent(a -> {
            out.println("a different network with the same function:");
            out.print(NetworkJson.write(a));
        });
        return switch (v.answer()) {
            case IDENTIFIABLE -> ExitCode.OK;
            case NOT_IDENTIFIABLE -> ExitCode.NO;
            case NOT_CERTIFIED -> ExitCode.UNKNOWN;
        };
    }
}
