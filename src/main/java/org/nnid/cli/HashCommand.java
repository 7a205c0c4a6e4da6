package org.nnid.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.nnid.net.Network;
import org.nnid.rewrite.CanonicalHash;
import org.nnid.rewrite.Rewriter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nnid hash}: the SHA-256 of the canonical form. */
@Command(name = "hash", mixinStandardHelpOptions = true,
        description = {"Print the SHA-256 of the network's canonical form. Exact networks: equal hashes mean equal",
                "canonical forms. Double networks: values are rounded to --digits significant digits first."})
final class HashCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NET", description = "the network file (.json, .onnx, .nnet, .safetensors)")
    Path net;

    @Option(names = "--digits", paramLabel = "N", defaultValue = "" + CanonicalHash.DEFAULT_DIGITS,
            description = "significant digits kept of each double before hashing (default: ${DEFAULT-VALUE})")
    int digits;

    @picocli.CommandLine.Mixin
    TheoryCommand.UserTheories theories = new TheoryCommand.UserTheories();

    @picocli.CommandLine.Mixin
    NetworkInput input = new NetworkInput();

    @Override
    public Integer call() {
        if (digits < 1 || digits > 17) {
            throw new UserInputException("--digits: expected a number from 1 to 17, found " + digits);
        }
        Network network = Engine.read(net, theories, input);
        Network canonical = Rewriter.canonicalise(network, Engine.theoryOf(network, theories.registry())).network();
        spec.commandLine().getOut().println(CanonicalHash.of(canonical, digits) + "  "
                + (canonical.isExact() ? "(exact canonical form)" : "(doubles rounded to " + digits + " significant digits)"));
        return ExitCode.OK;
    }
}
