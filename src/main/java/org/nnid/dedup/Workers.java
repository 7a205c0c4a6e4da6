package org.nnid.dedup;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * A fixed number of threads working through indices 0..n−1, each taking the next one when done:
 * as many items in flight as threads, whatever n is (a bounded pool without a queue of tasks).
 * Threads get a large stack, like the launcher's main thread (-Xss16m): the rewriter recurses.
 */
final class Workers {
    private static final long STACK_BYTES = 16L << 20;

    private Workers() {}

    static void forEach(int threads, int n, String name, IntConsumer body) {
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread[] ts = new Thread[Math.max(1, Math.min(threads, n))];
        for (int t = 0; t < ts.length; t++) {
            ts[t] = new Thread(null, () -> {
                try {
                    for (int i = next.getAndIncrement(); i < n && failure.get() == null; i = next.getAndIncrement()) {
                        body.accept(i);
                    }
                } catch (Throwable e) { // handed to the caller's thread below
                    failure.compareAndSet(null, e);
                }
            }, name + "-" + t, STACK_BYTES);
            ts[t].start();
        }
        for (Thread t : ts) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure.compareAndSet(null, e);
            }
        }
        Throwable f = failure.get();
        if (f instanceof RuntimeException r) {
            throw r;
        }
        if (f instanceof Error e) {
            throw e;
        }
        if (f != null) {
            throw new IllegalStateException(f);
        }
    }
}
