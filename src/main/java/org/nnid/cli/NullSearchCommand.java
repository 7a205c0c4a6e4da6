package org.nnid.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;

import org.nnid.nulls.Grid;
import org.nnid.nulls.NullSearch;
import org.nnid.nulls.NullSearchResult;
import org.nnid.theory.Theory;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nnid null-search}: look for a zero-function network of a nonlinearity and prove it (issue 6). */
@Command(name = "null-search", mixinStandardHelpOptions = true,
        description = {"Search small networks of units rho(w.x + b), one per symmetry orbit,",
                "for a relation that is identically 0 (a null network, docs/math.md §4.1),",
                "and prove it: exactly, with Symja, or else say it was only checked",
                "numerically. Exit 0 FOUND, 1 NONE_FOUND, 2 bad input."})
final class NullSearchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    private TheoryCommand.UserTheories theories = new TheoryCommand.UserTheories();

    @Parameters(index = "0", paramLabel = "ACTIVATION", description = "a theory name, e.g. relu, sin, softplus")
    String activation;

    @Option(names = "--inputs", paramLabel = "1|2", defaultValue = "1", description = "number of inputs (default 1)")
    int inputs;

    @Option(names = "--max-units", paramLabel = "N",
            description = "largest number of units in a relation (default 5 with one input, 6 with two)")
    Integer maxUnits;

    @Option(names = "--grid", paramLabel = "SPEC",
            description = "w=LIST;b=LIST, e.g. 'w=1,-1;b=-1..1' or 'b=0..5:Pi/3' (defaults: w=1,2,-1,-2 in 1-D and"
                    + " 1,0,-1 per input in 2-D; b=0,1,-1, k*Pi/3 for periodic theories, 0 in 2-D)")
    String grid;

    @Option(names = "--depth", paramLabel = "1|2", defaultValue = "1", description = "hidden layers (default 1)")
    int depth;

    @Option(names = "--json", description = "print the result as JSON")
    boolean json;

    @Option(names = "--time-limit", paramLabel = "S", defaultValue = "10", description = "seconds, at most 3600 (default 10)")
    double timeLimit;

    @Override
    public Integer call() {
        Theory theory;
        NullSearch.Options options;
        try {
            theory = Engine.theoryNamed(activation, theories.registry());
            Grid defaults = Grid.defaults(theory, inputs);
            Counts.seconds("--time-limit", timeLimit);
            int units = maxUnits != null ? maxUnits : inputs == 2 ? 6 : 5;
            options = new NullSearch.Options(inputs, units, grid == null ? defaults : grid(defaults), depth,
                    Duration.ofMillis((long) (timeLimit * 1000)));
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        NullSearchResult r = NullSearch.run(theory, options, line -> {
            err.println(line);
            err.flush();
        });
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? r.toJson() : r.toText());
        return r.found() ? ExitCode.OK : ExitCode.NO;
    }

    /** The --grid given, its errors naming the option. */
    private Grid grid(Grid defaults) {
        if (grid.isBlank()) {
            throw new UserInputException("--grid: empty (leave the option out for the default grid)");
        }
        try {
            return Grid.parse(grid, defaults);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--grid: " + e.getMessage());
        }
    }
}
