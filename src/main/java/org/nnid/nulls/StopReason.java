package org.nnid.nulls;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Locale;

/** Why the null-network search stopped: one of a closed set of outcomes, each with its details. */
public sealed interface StopReason {

    /** The line the report shows after "stopped:". */
    String text();

    /** A null network was found and proved. */
    record Found() implements StopReason {
        @Override
        public String text() {
            return "found";
        }
    }

    /**
     * All sampled units and the constant together are numerically independent, so no subset has a
     * relation.
     *
     * @param smallestSingularValue the smallest relative singular value of all the units' samples
     */
    record Independent(double smallestSingularValue, double threshold) implements StopReason {
        @Override
        public String text() {
            return String.format(Locale.ROOT, "the sampled units and the constant are numerically independent"
                    + " (smallest relative singular value %.2e > %.0e), so no relation among them exists at any size",
                    smallestSingularValue, threshold);
        }
    }

    /** The time limit ran out while subsets of {@code size} units were tried. */
    record TimeLimit(Duration limit, int size, long tried, BigInteger total) implements StopReason {
        @Override
        public String text() {
            return "stopped at the time limit of " + limit.toSeconds() + " s while trying subsets of " + size
                    + " units (" + tried + " of " + total + " tried)";
        }
    }

    /** Every subset up to the largest size was tried. */
    record Exhausted(int maxUnits) implements StopReason {
        @Override
        public String text() {
            return "searched every subset of up to " + maxUnits + " units";
        }
    }
}
