package org.nnid.registry;

/**
 * A theory declares a false fact, so nnid refuses to use it. The message is the first
 * counterexample, one line: {@code relu.theory: symmetry (-1,0,-1,0) fails at t = 0.7: left 0, right -0.7}.
 */
public final class TheoryRejectedException extends RuntimeException {
    private final transient VerificationReport report;

    public TheoryRejectedException(VerificationReport report) {
        super(message(report));
        this.report = report;
    }

    private static String message(VerificationReport report) {
        var failures = report.failureMessages();
        if (failures.isEmpty()) {
            throw new IllegalArgumentException("the report has no failure");
        }
        return failures.get(0) + (failures.size() > 1 ? " (and " + (failures.size() - 1) + " more false fact"
                + (failures.size() > 2 ? "s" : "") + ")" : "");
    }

    public VerificationReport report() {
        return report;
    }
}
