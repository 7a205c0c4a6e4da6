package org.nnid.scalar;

import java.util.function.Supplier;

/**
 * A time limit on the rigorous evaluation of constants in the current thread: the series loops of
 * {@link RigorousFunctions} call {@link #check()}, so a valid but costly constant ({@code Sin(10^2000)}
 * needs π to 2,000 digits more than asked) ends at the limit instead of running on. Limits nest;
 * the earliest applies.
 */
final class EvaluationDeadline {
    /** The deadline of the current thread in {@link System#nanoTime()} units; absent when none is set. */
    private static final ThreadLocal<Long> DEADLINE = new ThreadLocal<>();

    /** The limit ran out; carries no stack trace (it is control flow, caught by whoever set the limit). */
    static final class Exceeded extends RuntimeException {
        Exceeded() {
            super("the evaluation's time limit ran out", null, false, false);
        }
    }

    private EvaluationDeadline() {}

    /** Runs work with a deadline millis from now (or the enclosing one, if earlier). */
    static <T> T within(long millis, Supplier<T> work) {
        Long outer = DEADLINE.get();
        long mine = System.nanoTime() + millis * 1_000_000L;
        DEADLINE.set(outer == null || mine - outer < 0 ? mine : outer);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                DEADLINE.remove();
            } else {
                DEADLINE.set(outer);
            }
        }
    }

    /** Whether an enclosing limit (set outside the innermost {@link #within}) has passed too. */
    static boolean passed() {
        Long d = DEADLINE.get();
        return d != null && System.nanoTime() - d > 0;
    }

    /** @throws Exceeded when the current thread's deadline has passed */
    static void check() {
        if (passed()) {
            throw new Exceeded();
        }
    }
}
