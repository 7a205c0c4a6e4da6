package org.nnid.testing;

import java.util.function.Predicate;

import org.nnid.net.Network;

/**
 * Shrinking outside a jqwik run, with the same steps as the generators' shrinking: from a
 * network on which a property fails, take the first {@link NetworkShrinks#candidates candidate}
 * on which it still fails, until none does.
 */
public final class Counterexamples {
    private Counterexamples() {}

    /**
     * A local minimum: a network on which {@code fails} holds and on which no single shrink step
     * keeps it holding. Terminates because every step lowers {@link NetworkShrinks#size}.
     *
     * @throws IllegalArgumentException if {@code fails} does not hold on {@code failing}
     */
    public static Network minimise(Network failing, Predicate<Network> fails) {
        return minimise(failing, fails, ShrinkLimits.NONE);
    }

    /**
     * As {@link #minimise(Network, Predicate)}, keeping what {@code generatedBy} promised: its
     * input, output, depth and width ranges, and a layered shape (as shrinking in a jqwik run does).
     */
    public static Network minimise(Network failing, Predicate<Network> fails, NetworkArbitrary generatedBy) {
        return minimise(failing, fails, generatedBy.limits());
    }

    private static Network minimise(Network failing, Predicate<Network> fails, ShrinkLimits limits) {
        if (!fails.test(failing)) {
            throw new IllegalArgumentException("the property does not fail on the given network");
        }
        Network current = failing;
        boolean progress = true;
        while (progress) {
            progress = false;
            for (Network c : NetworkShrinks.candidates(current, limits)) {
                if (fails.test(c)) {
                    current = c;
                    progress = true;
                    break;
                }
            }
        }
        return current;
    }
}
