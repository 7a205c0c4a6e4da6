package org.nnid.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import picocli.CommandLine.Option;

/**
 * The rule of every command that writes files (issue 22): a file that exists before the command
 * runs is never replaced unless the user gives {@code --force}; the refusal names the file. Checked
 * before anything is computed, so that a refused run writes nothing.
 */
final class OutputFiles {
    @Option(names = "--force", description = "replace output files that already exist (never an input file)")
    boolean force;

    /**
     * @param option the option that named the file (for the message)
     * @param target the file the command will write; null is skipped
     * @param inputs the files the command reads: never replaced, even with --force
     */
    void check(String option, Path target, Path... inputs) {
        if (target == null) {
            return;
        }
        if (Files.isDirectory(target)) {
            throw new UserInputException(option + " " + target + ": it is a directory, not a file");
        }
        for (Path in : inputs) {
            try {
                if (in != null && Files.exists(target) && Files.isSameFile(target, in)) {
                    throw new UserInputException(option + " " + target + ": refusing to overwrite an input file");
                }
            } catch (java.io.IOException e) {
                throw new UserInputException(option + " " + target + ": cannot check the file (" + e.getMessage() + ")");
            }
        }
        if (!force && Files.exists(target)) {
            throw new UserInputException(option + " " + target + ": the file exists; refusing to replace it"
                    + " (give --force to replace it)");
        }
    }
}
