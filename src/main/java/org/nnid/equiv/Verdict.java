package org.nnid.equiv;

/** The checker's answer; the exit codes are those of {@code nnid equiv}. */
public enum Verdict {
    EQUIVALENT(0), NOT_EQUIVALENT(1), UNKNOWN(3);

    private final int exitCode;

    Verdict(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
