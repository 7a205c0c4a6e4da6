package org.nnid.cli;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a text input (a certificate, a verdict file, a CSV) with one clear line for each way it can
 * fail, refusing by its size a file beyond the read budget before reading it.
 */
final class TextFiles {
    private TextFiles() {}

    /**
     * @param what what the file should be, for the message ("a certificate (JSON)")
     * @throws UserInputException naming the file and the problem
     */
    static String read(Path file, String what) {
        if (Files.isDirectory(file)) {
            throw new UserInputException(file + ": is a directory, not " + what);
        }
        org.nnid.io.FileBudget.excess(file).ifPresent(why -> {
            throw new UserInputException(file + ": " + why);
        });
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UserInputException(file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new UserInputException(file + ": cannot read the file (permission denied)");
        } catch (MalformedInputException e) {
            throw new UserInputException(file + ": not a text file (it is not UTF-8), so not " + what);
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot read (" + e.getMessage() + ")");
        }
    }
}
