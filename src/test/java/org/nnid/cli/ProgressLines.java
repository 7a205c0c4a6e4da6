package org.nnid.cli;

import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Removes the heartbeat's progress lines ("nnid eval: working (7 s)") from a command's stderr, so
 * that a test can check the answer itself however slowly a loaded machine runs the command.
 */
public final class ProgressLines {
    private static final Pattern PROGRESS_LINE = Pattern.compile("nnid [a-z -]+: working(, [^()]*)? \\(\\d+ s\\)");

    private ProgressLines() {}

    public static String without(String stderr) {
        if (!stderr.contains(": working")) {
            return stderr;
        }
        return stderr.lines().filter(line -> !PROGRESS_LINE.matcher(line).matches())
                .collect(Collectors.joining("\n", "", stderr.endsWith("\n") ? "\n" : ""));
    }
}
