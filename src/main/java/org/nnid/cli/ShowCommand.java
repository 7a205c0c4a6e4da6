package org.nnid.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.nnid.io.Dot;
import org.nnid.io.NetworkJson;
import org.nnid.net.Network;
import org.nnid.symbolic.NetworkExpressions;
import org.nnid.symbolic.NetworkLatex;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nnid show}: a network as JSON, as Symja expressions, as LaTeX, or as a Graphviz picture. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Print a network as JSON, as a Symja expression per output, as LaTeX (as it is, not simplified),"
                + " or as Graphviz DOT.",
                "Outputs that would be longer than 100,000 characters written out are shown as one definition per node."})
final class ShowCommand implements Callable<Integer> {
    enum Form { json, symja, latex, dot }

    /** Outputs longer than this (in characters, written out) are shown as one definition per node. */
    static final long MAX_EXPANDED = 100_000;

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
            case symja -> {
                if (writtenOut(network)) {
                    printPerOutput(out, network, NetworkExpressions.toSymja(network));
                } else {
                    out.println("(* one definition per node: written out, an output would exceed " + MAX_EXPANDED
                            + " characters *)");
                    NetworkExpressions.toSymjaDefinitions(network).forEach(out::println);
                }
            }
            case latex -> {
                if (writtenOut(network)) {
                    List<String> forms = NetworkLatex.outputs(network, MAX_EXPANDED);
                    for (int k = 0; k < forms.size(); k++) {
                        out.println(NetworkLatex.name(network.outputIds().get(k)) + " = " + forms.get(k));
                    }
                } else {
                    out.println("% one definition per node: written out, an output would exceed " + MAX_EXPANDED
                            + " characters");
                    NetworkLatex.definitions(network).forEach(out::println);
                }
            }
        }
        out.flush();
        return ExitCode.OK;
    }

    /**
     * Whether each output is written out as one expression; past this size (a deep chain, a wide
     * dense network) every hidden node gets one definition instead, which is linear in the size.
     */
    private static boolean writtenOut(Network network) {
        return NetworkExpressions.expandedLength(network) <= MAX_EXPANDED;
    }

    private static void printPerOutput(PrintWriter out, Network network, List<String> forms) {
        List<String> ids = network.outputIds();
        for (int k = 0; k < forms.size(); k++) {
            out.println(ids.get(k) + " = " + forms.get(k));
        }
    }
}
