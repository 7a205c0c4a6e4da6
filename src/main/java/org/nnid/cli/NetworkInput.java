package org.nnid.cli;

import java.nio.file.Path;
import java.util.Optional;

import org.nnid.io.NetworkFiles;
import org.nnid.io.NetworkFormat;
import org.nnid.net.Network;
import org.nnid.activation.Activation;
import org.nnid.io.Nonlinearities;

import picocli.CommandLine.Option;

/**
 * {@code --format} and {@code --activation} for every command that reads networks
 * ({@code @Mixin NetworkInput}): the format overrides the file's extension; the activation is for
 * formats that do not record one (safetensors).
 */
public final class NetworkInput {
    @Option(names = "--format", paramLabel = "FORMAT",
            description = "network file format: ${COMPLETION-CANDIDATES} (default: by the file's extension)")
    NetworkFormat format;

    @Option(names = "--activation", paramLabel = "NAME",
            description = "the activation of a safetensors network (e.g. relu, tanh, logistic)")
    String activation;

    /** Reads a network in the chosen format. */
    Network read(Path file) {
        return NetworkFiles.read(file, Optional.ofNullable(format), activation());
    }

    /** True when the file is in nnid's JSON format (the only one that can name a user theory). */
    boolean isJson(Path file) {
        return NetworkFiles.formatOf(file, Optional.ofNullable(format)) == NetworkFormat.JSON;
    }

    private Optional<Activation> activation() {
        if (activation == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Nonlinearities.builtins().get(activation).activation()); // a built-in theory's name or alias
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--activation: " + e.getMessage());
        }
    }
}
