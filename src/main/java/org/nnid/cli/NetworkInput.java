package org.nnid.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

import org.nnid.io.NetworkFiles;
import org.nnid.io.NetworkFormat;
import org.nnid.net.Network;
import org.nnid.activation.Activation;
import org.nnid.io.Nonlinearities;

import picocli.CommandLine.Option;

/**
 * {@code --format} and {@code --activation} for every command that reads networks
 * ({@code @Mixin NetworkInput}): the format overrides the file's extension; the activation applies
 * to the operands whose format does not record one (safetensors), so that any two formats can be
 * compared. One operand can name its own activation, {@code net.safetensors:tanh}.
 */
public final class NetworkInput {
    @Option(names = "--format", paramLabel = "FORMAT",
            description = "network file format: ${COMPLETION-CANDIDATES} (default: by the file's extension)")
    NetworkFormat format;

    @Option(names = "--activation", paramLabel = "NAME",
            description = "the activation of the networks whose format does not record one (safetensors; e.g. relu,"
                    + " tanh, logistic); other formats keep their own. One file alone: NET:NAME (net.safetensors:tanh)")
    String activation;

    /** A network operand as given: the file, and the activation named after it, if any. */
    private record Operand(Path file, Optional<String> activation) {}

    private static Operand operand(Path given) {
        String s = given.toString();
        int colon = s.lastIndexOf(':');
        if (colon > 0 && !Files.exists(given) && s.substring(colon + 1).matches("[A-Za-z][A-Za-z0-9_]*")) {
            return new Operand(Path.of(s.substring(0, colon)), Optional.of(s.substring(colon + 1)));
        }
        return new Operand(given, Optional.empty());
    }

    /** Reads a network in the chosen format. */
    Network read(Path given) {
        Operand o = operand(given);
        NetworkFormat f = NetworkFiles.formatOf(o.file, Optional.ofNullable(format));
        if (o.activation.isPresent() && f.recordsActivation()) {
            throw new UserInputException(given + ": the " + f.name().toLowerCase(Locale.ROOT) + " format records its"
                    + " activation; NET:NAME is for formats that do not (safetensors)");
        }
        Optional<String> name = f.recordsActivation() ? Optional.empty()
                : o.activation.or(() -> Optional.ofNullable(activation));
        return NetworkFiles.read(o.file, Optional.ofNullable(format), name.map(NetworkInput::builtin));
    }

    /** True when the file is in nnid's JSON format (the only one that can name a user theory). */
    boolean isJson(Path given) {
        Operand o = operand(given);
        return o.activation.isEmpty() && NetworkFiles.formatOf(o.file, Optional.ofNullable(format)) == NetworkFormat.JSON;
    }

    private static Activation builtin(String name) {
        try {
            return Nonlinearities.builtins().get(name).activation(); // a built-in theory's name or alias
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--activation: " + e.getMessage());
        }
    }
}
