package org.nnid.theory;

/**
 * A theory file is malformed. The message is one line naming the file, the place in it and the
 * problem: {@code relu.theory: symmetries[0]: expected four entries [a, b, c, d], found 3}.
 */
public final class TheoryFormatException extends RuntimeException {
    private final String source;
    private final String location;
    private final String problem;

    public TheoryFormatException(String source, String location, String problem) {
        this(source, location, problem, null);
    }

    public TheoryFormatException(String source, String location, String problem, Throwable cause) {
        super(source + ": " + (location.isEmpty() ? "" : location + ": ") + problem, cause);
        this.source = source;
        this.location = location;
        this.problem = problem;
    }

    /** The file as named to the user. */
    public String source() {
        return source;
    }

    /** The key path inside the file, e.g. "symmetries[0].condition"; empty for the whole file. */
    public String location() {
        return location;
    }

    public String problem() {
        return problem;
    }
}
