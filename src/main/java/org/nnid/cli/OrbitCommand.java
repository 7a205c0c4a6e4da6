package org.nnid.cli;

import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;

import org.nnid.io.NetworkJson;
import org.nnid.net.Network;
import org.nnid.rewrite.Orbit;
import org.nnid.rewrite.Rewriter;
import org.nnid.theory.Theory;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nnid orbit}: networks with the same function, or how many the symmetries give. */
@Command(name = "orbit", mixinStandardHelpOptions = true,
        description = {"--sample N: write N random networks with the same function (symmetries, relabelling, clone",
                "splits, dead and constant nodes) to --out DIR.  --count: the size of the same-layout symmetry",
                "orbit of the reduced network (prod D_l! * |S|^H for a finite group, docs/math.md 4.2, reconstructed)."})
final class OrbitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    OutputFiles outputs = new OutputFiles();

    @picocli.CommandLine.Mixin
    private TheoryCommand.UserTheories theories = new TheoryCommand.UserTheories();

    @picocli.CommandLine.Mixin
    NetworkInput input = new NetworkInput();

    @Parameters(index = "0", paramLabel = "NET", description = "the network file (.json, .onnx, .nnet, .safetensors)")
    Path net;

    @ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    static final class What {
        @Option(names = "--sample", paramLabel = "N", description = "how many networks to write")
        Integer sample;

        @Option(names = "--count", description = "print the size of the same-layout orbit")
        boolean count;
    }

    @Option(names = "--out", paramLabel = "DIR", description = "directory for --sample (created if missing)")
    Path out;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws Exception {
        Network network = Engine.read(net, theories, input);
        Theory theory = Engine.theoryOf(network, theories.registry());
        PrintWriter stdout = spec.commandLine().getOut();
        org.nnid.activation.DeclaredDomain declared = org.nnid.activation.DeclaredDomain.of(network.activation());
        if (!declared.isRealLine()) {
            // Added dead and constant nodes, and reductions, change where such a network is defined.
            throw new UserInputException(net + ": " + theory.name() + " is declared on " + declared + " only; orbit's"
                    + " moves (dead and constant nodes, reduction) change where a network is defined, so it has no"
                    + " orbit to give");
        }
        if (what.count) {
            Network reduced = Rewriter.reduce(network, theory).network();
            java.util.List<Integer> widths;
            try {
                widths = Orbit.layeredWidths(reduced);
            } catch (IllegalArgumentException e) {
                throw new UserInputException(net + ": the reduced network: " + e.getMessage());
            }
            Optional<BigInteger> n = Orbit.sameLayoutCount(reduced, theory.group());
            stdout.println(n.map(BigInteger::toString).orElse("infinite")
                    + "  (" + theory.name() + ", symmetry group " + theory.group() + ", hidden widths (" + widths.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","))
                    + ")"
                    + (n.isPresent() ? "; " + formula(widths, theory) + ", docs/math.md §4.2 [reconstructed])"
                            : "; the group has a parametric family)"));
            return ExitCode.OK;
        }
        if (what.sample < 1 || what.sample > 100_000) {
            throw new UserInputException("--sample: expected a number from 1 to 100000, found " + what.sample);
        }
        if (out == null) {
            throw new UserInputException("--sample needs --out DIR (the directory to write the networks to)");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UserInputException("--out " + out + ": is a file, not a directory");
        }
        for (int i = 1; i <= what.sample; i++) {
            outputs.check("--out", out.resolve("orbit-" + i + ".json"), net);
        }
        try {
            Files.createDirectories(out);
        } catch (java.io.IOException e) {
            throw new UserInputException("--out " + out + ": cannot create the directory (" + e.getMessage() + ")");
        }
        Random random = new Random(seed);
        for (int i = 1; i <= what.sample; i++) {
            Path file = out.resolve("orbit-" + i + ".json");
            Network copy;
            try {
                copy = Orbit.sample(network, theory, random);
            } catch (org.nnid.rewrite.PreconditionException e) {
                throw new UserInputException(net + ": orbit copy " + i + ": " + e.getMessage() + "; the weights (largest |w| = "
                        + largestWeight(network) + ") are too close to the double limit for orbit's moves (symmetries,"
                        + " clone splits scaling weights by up to 4)");
            }
            Engine.writeResult(file, NetworkJson.write(copy), net);
        }
        stdout.println("wrote " + what.sample + " networks with the function of " + net + " to " + out);
        return ExitCode.OK;
    }

    private static double largestWeight(Network n) {
        double m = 0;
        for (org.nnid.net.Block b : n.blocks()) {
            for (int k = 0; k < b.weights().length(); k++) {
                m = Math.max(m, Math.abs(b.weights().getDouble(k)));
            }
            for (int k = 0; k < b.bias().length(); k++) {
                m = Math.max(m, Math.abs(b.bias().getDouble(k)));
            }
        }
        return m;
    }

    /** ∏ D_ℓ! · |S|^H written out, e.g. "prod D_l! * |S|^H = 2! * 2^2". */
    private static String formula(java.util.List<Integer> widths, Theory theory) {
        long groupSize = 1 + theory.group().elements().stream().filter(e -> !e.isIdentity()).count();
        int h = widths.stream().mapToInt(Integer::intValue).sum();
        StringBuilder b = new StringBuilder("prod D_l! * |S|^H = ");
        for (int d : widths) {
            b.append(d).append("! * ");
        }
        return b.append(groupSize).append('^').append(h).toString();
    }
}
