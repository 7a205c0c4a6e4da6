package org.nnid.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.nnid.dedup.Zoo;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nnid zoo}: generated collections of networks for measuring deduplication. */
@Command(name = "zoo", mixinStandardHelpOptions = true, subcommands = ZooCommand.Generate.class,
        description = "Generated collections of networks (see: nnid zoo generate --help).")
final class ZooCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required (generate)");
    }

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = {"Write a reproducible collection into DIR: per seed a random network (tanh, logistic, relu in",
                    "turn; JSON, ONNX or NNet), --copies networks with exactly its function (permuted, tanh flips, relu",
                    "rescaled by powers of two, logistic flips, clone splits, dead and constant units; random formats)",
                    "and --near-misses networks with one parameter moved by one ulp or 1e-9 relative, which must never",
                    "be merged. manifest.csv says which file is which (file,seed,kind,how). A non-empty DIR is refused",
                    "unless --force; no existing file is ever replaced."})
    static final class Generate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DIR", description = "the folder to write (created if missing)")
        Path dir;

        @Option(names = "--seeds", paramLabel = "N", required = true, description = "how many original networks")
        int seeds;

        @Option(names = "--copies", paramLabel = "K", required = true, description = "symmetry copies of each")
        int copies;

        @Option(names = "--near-misses", paramLabel = "M", defaultValue = "0", description = "near misses of each (default: ${DEFAULT-VALUE})")
        int nearMisses;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--width", paramLabel = "W", defaultValue = "16",
                description = "largest hidden width, up to " + Zoo.MAX_WIDTH + " (default: ${DEFAULT-VALUE})")
        int width;

        @Option(names = "--depth", paramLabel = "D", defaultValue = "2", description = "largest number of hidden layers, 1 to 4 (default: ${DEFAULT-VALUE})")
        int depth;

        @Option(names = "--force", description = "write into a non-empty folder (existing files are still never replaced)")
        boolean force;

        @Override
        public Integer call() {
            Zoo.Summary s;
            try {
                s = Zoo.generate(dir, new Zoo.Spec(seeds, copies, nearMisses, seed, width, depth), force);
            } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
                throw new UserInputException(e.getMessage());
            }
            spec.commandLine().getOut().println("wrote " + s.files() + " networks (" + s.bytes() + " bytes; originals "
                    + s.parameters() / seeds + " parameters on average) and " + Zoo.MANIFEST + " to " + dir);
            return ExitCode.OK;
        }
    }
}
