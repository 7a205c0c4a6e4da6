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
     * @param option  the option that named the file (for the message)
     * @param targets the files the command will write; null entries are skipped
     */
    void check(String option, Path... targets) {
        for (Path t : targets) {
            if (t == null) {
                continue;
            }
            if (Files.isDirectory(t)) {
                throw new UserInputException(option + " " + t + ": is a directory, not a file");
            }
            if (!force && Files.exists(t)) {
                throw new UserInputException(option + " " + t + ": the file exists; refusing to replace it"
                        + " (give --force to replace it)");
            }
        }
    }
}
