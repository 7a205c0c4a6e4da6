package org.nnid.cli;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.nnid.io.NetworkFiles;
import org.nnid.io.NetworkFormat;
import org.nnid.net.Network;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nnid convert IN OUT}: a network from one format to another, chosen by OUT's extension. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Convert a network between formats: reads IN (.json, .onnx, .nnet, .safetensors, or --format)",
                "and writes OUT in the format its extension names (.json, .onnx or .nnet). ONNX is written with",
                "float64 weights; NNet with the identity normalisation and the declared input box as its input bounds."})
final class ConvertCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    private TheoryCommand.UserTheories theories = new TheoryCommand.UserTheories();

    @picocli.CommandLine.Mixin
    OutputFiles outputs = new OutputFiles();

    @Mixin
    NetworkInput input = new NetworkInput();

    @Parameters(index = "0", paramLabel = "IN", description = "the network to read")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "the file to write (.json, .onnx, .nnet)")
    Path out;

    @Override
    public Integer call() {
        outputs.check("OUT", out, in);
        Network net = Engine.read(in, theories, input);
        try {
            NetworkFiles.write(net, out);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(out + ": " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw new UserInputException(e.getMessage());
        }
        spec.commandLine().getErr().println("wrote " + out + ": " + net
                + (net.isExact() && NetworkFiles.formatOf(out) != NetworkFormat.JSON
                        ? " (exact values rounded to the nearest double: this format holds doubles)" : ""));
        return ExitCode.OK;
    }
}
