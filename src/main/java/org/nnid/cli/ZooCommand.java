package org.nnid.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.nnid.dedup.Zoo;
import org.nnid.io.ChainJson;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nnid zoo}: generated collections of networks for measuring deduplication. */
@Command(name = "zoo", mixinStandardHelpOptions = true, subcommands = {ZooCommand.Generate.class, ZooCommand.Chain.class},
        description = "Generated collections of networks (see: nnid zoo generate --help).")
final class ZooCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required (generate, chain)");
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

    @Command(name = "chain", mixinStandardHelpOptions = true,
            description = {"Write a width-1 chain of --depth hidden steps into FILE: x -> rho(w*rho(w*...rho(w*x))) with",
                    "bias 0 and a linear output of weight 1, in the layered form (one layer per step) or the node form",
                    "(one node per step). For measuring how commands scale with depth (README: Deep chains)."})
    static final class Chain implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "the nnid JSON file to write")
        Path file;

        @Option(names = "--depth", paramLabel = "N", required = true,
                description = "hidden steps, 1 to " + ChainJson.MAX_DEPTH)
        int depth;

        @Option(names = "--activation", paramLabel = "NAME", defaultValue = "relu", description = "the nonlinearity (default: ${DEFAULT-VALUE})")
        String activation;

        @Option(names = "--weight", paramLabel = "W", defaultValue = "1/2", description = "every step's weight, an exact value (default: ${DEFAULT-VALUE})")
        String weight;

        @Option(names = "--form", paramLabel = "FORM", defaultValue = "layered", description = "layered or nodes (default: ${DEFAULT-VALUE})")
        String form;

        @Mixin
        OutputFiles output;

        @Override
        public Integer call() {
            ChainJson.Form f = switch (form) {
                case "layered" -> ChainJson.Form.LAYERED;
                case "nodes" -> ChainJson.Form.NODES;
                default -> throw new UserInputException("--form " + form + ": expected layered or nodes");
            };
            if (depth < 1 || depth > ChainJson.MAX_DEPTH) {
                throw new UserInputException("--depth " + depth + ": expected 1 to " + ChainJson.MAX_DEPTH);
            }
            output.check("FILE", file);
            try (Writer w = Files.newBufferedWriter(file)) {
                ChainJson.write(w, f, depth, activation, weight);
            } catch (IOException | UncheckedIOException e) {
                throw new UserInputException(file + ": cannot write (" + e.getMessage() + ")");
            }
            spec.commandLine().getOut().println("wrote a " + depth + "-step " + activation + " chain (" + form + " form) to " + file);
            return ExitCode.OK;
        }
    }
}
