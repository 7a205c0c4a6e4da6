package org.nnid.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.nnid.io.Dot;
import org.nnid.io.NetworkJson;
import org.nnid.net.Network;
import org.nnid.symbolic.NetworkExpressions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nnid show}: a network as JSON, as Symja expressions, as LaTeX, or as a Graphviz picture. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Print a network as JSON, as a Symja expression per output, as LaTeX, or as Graphviz DOT.")
final class ShowCommand implements Callable<Integer> {
    enum Form { json, symja, latex, dot }

    @Spec
    private CommandSpec spec;

    @picocli.CommandLine.Mixin
    private TheoryCommand.UserTheories theories = new TheoryCommand.UserTheories();

    @picocli.CommandLine.Mixin
    private NetworkInput input = new NetworkInput();

    @Parameters(index = "0", paramLabel = "NET", description = "the network file (.json, .onnx, .nnet, .safetensors)")
    private Path net;

    @Option(names = "--as", paramLabel = "FORM", defaultValue = "symja",
            description = "json, symja, latex or dot (default: ${DEFAULT-VALUE})")
    private Form form;

    @Override
    public Integer call() {
        Network network = Engine.read(net, theories, input);
        PrintWriter out = spec.commandLine().getOut();
        switch (form) {
            case json -> out.print(NetworkJson.write(network));
            case dot -> out.print(Dot.toDot(network));
            case symja -> printPerOutput(out, network, NetworkExpressions.toSymja(network));
            case latex -> printPerOutput(out, network, NetworkExpressions.toLatex(network));
        }
        out.flush();
        return ExitCode.OK;
    }

    private static void printPerOutput(PrintWriter out, Network network, List<String> forms) {
        List<String> ids = network.outputIds();
        for (int k = 0; k < forms.size(); k++) {
            out.println(ids.get(k) + " = " + forms.get(k));
        }
    }
}
