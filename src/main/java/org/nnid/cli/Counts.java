package org.nnid.cli;

/**
 * The documented range of every count and time limit an option takes (issue 22): a value outside
 * it is bad input, named with the option and the range, before anything is computed or allocated.
 */
final class Counts {
    private Counts() {}

    /** Witness points (equiv --points): each costs an evaluation of both networks and its storage. */
    static final int MAX_POINTS = 1_000_000;
    /** PGD steps per restart and restarts (robust). */
    static final int MAX_STEPS = 100_000;
    static final int MAX_RESTARTS = 10_000;
    /** Time limits, in seconds. */
    static final double MAX_SECONDS = 3600;

    static int require(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new UserInputException(option + ": expected a number from " + min + " to " + max + ", found " + value);
        }
        return value;
    }

    static double seconds(String option, double value) {
        if (!(value > 0 && value <= MAX_SECONDS)) {
            throw new UserInputException(option + ": expected seconds in (0, " + (int) MAX_SECONDS + "], found " + value);
        }
        return value;
    }
}
