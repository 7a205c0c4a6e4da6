package org.nnid.io;

/**
 * A network file could not be read. The message is one line, {@code file: location: problem},
 * e.g. {@code net.json: layers[1].weights[0]: expected 3 entries, found 2}, so that a command
 * line can print it as it is and an editor can jump to the place.
 */
public final class NetworkFormatException extends RuntimeException {
    private final String source;
    private final String location;
    private final String problem;

    /** A message that already names the file; line breaks are folded so it stays one line. */
    public NetworkFormatException(String message) {
        this(message, null);
    }

    public NetworkFormatException(String message, Throwable cause) {
        super(oneLine(message), cause);
        this.source = "";
        this.location = "";
        this.problem = oneLine(message);
    }

    /**
     * @param source   the file name as the user gave it
     * @param location a JSON path such as {@code nodes[2].in.h9}, or {@code line 3, column 7};
     *                 empty when the problem concerns the whole document
     * @param problem  what was wrong
     */
    public NetworkFormatException(String source, String location, String problem, Throwable cause) {
        super(oneLine(source + ": " + (location.isEmpty() ? "" : location + ": ") + problem), cause);
        this.source = source;
        this.location = location;
        this.problem = oneLine(problem);
    }

    public NetworkFormatException(String source, String location, String problem) {
        this(source, location, problem, null);
    }

    /** The file name, or empty when the exception was made from a whole message. */
    public String source() {
        return source;
    }

    /** The JSON path or line and column; empty when not known or not applicable. */
    public String location() {
        return location;
    }

    /** What was wrong, without file and location. */
    public String problem() {
        return problem;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
