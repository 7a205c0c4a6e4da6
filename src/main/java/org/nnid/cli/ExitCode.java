package org.nnid.cli;

/** The exit codes of every nnid command (README, "Exit codes"). */
public final class ExitCode {
    /** Success, or a positive answer (equivalent, found). */
    public static final int OK = 0;
    /** A negative answer (not equivalent, none found). */
    public static final int NO = 1;
    /** Bad usage or bad input; nothing was computed. */
    public static final int BAD_INPUT = 2;
    /** The answer is unknown (the evidence gathered is printed). */
    public static final int UNKNOWN = 3;
    /** A failure inside nnid itself (a bug): please report it. */
    public static final int INTERNAL = 4;

    private ExitCode() {}
}
