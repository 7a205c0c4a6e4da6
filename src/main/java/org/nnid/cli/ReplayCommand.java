package org.nnid.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.nnid.net.Network;
import org.nnid.rewrite.Certificate;
import org.nnid.rewrite.Replay;
import org.nnid.rewrite.Rules;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nnid replay}: check a certificate independently of the rewriter. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replay a certificate on a network: check that it belongs to the network, that every move's",
                "precondition holds, and that the moves reach the network the certificate states.",
                "Prints VALID (exit 0) or INVALID with the first failure (exit 1). Preconditions are checked",
                "exactly unless --tol T is given: the tolerance is the reader's choice, never the certificate's."})
final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NET", description = "the network the certificate starts from")
    Path net;

    @Parameters(index = "1", paramLabel = "CERT", description = "the certificate (nnid canon --certificate)")
    Path cert;

    @picocli.CommandLine.Option(names = "--tol", paramLabel = "T", defaultValue = "0",
            description = {"accept merges of clones that the certificate records within a relative tolerance of at",
                    "most T (default: ${DEFAULT-VALUE}, exact: such merges are INVALID)"})
    double tol;

    @picocli.CommandLine.Mixin
    TheoryCommand.UserTheories theories = new TheoryCommand.UserTheories();

    @picocli.CommandLine.Mixin
    NetworkInput input = new NetworkInput();

    @Override
    public Integer call() {
        if (!(tol >= 0) || Double.isInfinite(tol)) {
            throw new UserInputException("--tol: expected a finite number >= 0, found " + tol);
        }
        Network network = Engine.read(net, theories, input);
        String text = TextFiles.read(cert, "a certificate (JSON text)");
        Certificate certificate = theories.files().isEmpty() ? Certificate.parse(text, cert.toString())
                : Certificate.parse(text, cert.toString(), theories.registry()::parseNetwork);
        Replay.Outcome o = Replay.check(network, certificate, Rules.of(Engine.theoryOf(network, theories.registry())), tol);
        spec.commandLine().getOut().println((o.valid() ? (tol > 0 ? "VALID within tolerance " + tol + ": " : "VALID: ")
                : "INVALID: ") + o.message());
        return o.valid() ? ExitCode.OK : ExitCode.NO;
    }
}
