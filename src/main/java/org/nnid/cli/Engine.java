package org.nnid.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.nnid.net.Network;
import org.nnid.rewrite.Rules;
import org.nnid.theory.Theory;
import org.nnid.theory.TheoryRegistry;

/** What the rewrite commands share: the theory of a network, and safe writing of results. */
final class Engine {
    private Engine() {}

    static Theory theoryOf(Network net) {
        return TheoryRegistry.builtins().theoryOf(net.activation());
    }

    static Rules rulesOf(Network net) {
        return Rules.of(theoryOf(net));
    }

    /** Writes a result file, refusing to overwrite any of the user's input files. */
    static void writeResult(Path out, String text, Path... inputs) {
        try {
            for (Path in : inputs) {
                if (in != null && Files.exists(out) && Files.isSameFile(out, in)) {
                    throw new UserInputException(out + ": refusing to overwrite an input file");
                }
            }
            Path tmp = Files.createTempFile(out.toAbsolutePath().getParent(), ".nnid-", ".tmp");
            Files.writeString(tmp, text);
            Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UserInputException(out + ": cannot write (" + e.getMessage() + ")");
        }
    }
}
