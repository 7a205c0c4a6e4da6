package org.nnid.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.nnid.io.NetworkFormatException;
import org.nnid.net.Network;
import org.nnid.theory.Theory;
import org.nnid.registry.TheoryRegistry;

/**
 * What the rewrite commands share: reading networks (also over users' theories), the facts the
 * engine may use about a network's nonlinearity, and safe writing of results.
 */
final class Engine {
    private Engine() {}

    /** The built-in theory of a network's activation (built-in facts are verified in CI). */
    static Theory theoryOf(Network net) {
        return TheoryRegistry.builtins().theoryOf(net.activation());
    }

    /**
     * The theory of a network's activation as the engine may rely on it: a built-in theory as it
     * is, a user's restricted to its verified facts ({@link org.nnid.registry.VerifiedTheory#reliableTheory}).
     */
    static Theory theoryOf(Network net, TheoryRegistry registry) {
        return reliable(registry.theoryOf(net.activation()), registry);
    }

    /** {@link #theoryOf(Network, TheoryRegistry)} for a theory named by the user; an unknown name is bad input. */
    static Theory theoryNamed(String name, TheoryRegistry registry) {
        Theory t;
        try {
            t = registry.get(name);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
        return reliable(t, registry);
    }

    /** Built-in theories are not verified again here (CI verifies them); a user's are, once per registry. */
    private static Theory reliable(Theory t, TheoryRegistry registry) {
        return registry.reliable(t);
    }

    /**
     * Reads a network in the format of {@code input} (by extension or {@code --format}); a JSON
     * network's activation may name any theory of the registry, a user's too.
     */
    static Network read(Path file, TheoryCommand.UserTheories theories, NetworkInput input) {
        if (!input.isJson(file)) {
            return input.read(file);
        }
        if (!theories.files().isEmpty()) {
            return theories.registry().readNetwork(file);
        }
        // The plain reader first: it knows every built-in theory (io.Nonlinearities), while the
        // registry's reader parses the JSON twice; an unknown name goes to the registry, whose
        // message lists every theory.
        try {
            return input.read(file);
        } catch (NetworkFormatException e) {
            return theories.registry().readNetwork(file); // its message lists every theory, softsign too
        }
    }

    /** Writes a result file, refusing to overwrite any of the user's input files. */
    static void writeResult(Path out, String text, Path... inputs) {
        try {
            for (Path in : inputs) {
                if (in != null && Files.exists(out) && Files.isSameFile(out, in)) {
                    throw new UserInputException(out + ": refusing to overwrite an input file");
                }
            }
            org.nnid.io.AtomicFile.write(out, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.UncheckedIOException e) {
            throw new UserInputException(e.getMessage());
        } catch (IOException e) {
            throw new UserInputException(out + ": cannot write (" + e.getMessage() + ")");
        }
    }
}
