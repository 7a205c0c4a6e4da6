package org.nnid.dedup;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of a run, printed as one line on stderr every few seconds while it lasts (files read,
 * hashed, buckets confirmed), so that a long run shows it is moving. Nothing is printed for a run
 * shorter than the interval.
 */
final class Progress implements AutoCloseable {
    final AtomicLong read = new AtomicLong();
    final AtomicLong hashed = new AtomicLong();
    final AtomicLong confirmed = new AtomicLong();
    /** Nanoseconds summed over threads: reading files, canonicalising, hashing. */
    final AtomicLong readNanos = new AtomicLong();
    final AtomicLong canonicalNanos = new AtomicLong();
    final AtomicLong hashNanos = new AtomicLong();
    volatile long files;
    volatile long buckets = -1;
    private final long start = System.nanoTime();
    private final Thread printer;

    Progress(PrintWriter err, long intervalMillis) {
        if (err == null || intervalMillis <= 0) {
            printer = null;
            return;
        }
        printer = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(intervalMillis);
                    err.println(line());
                    err.flush();
                }
            } catch (InterruptedException e) {
                // the run is over
            }
        }, "nnid-dedup-progress");
        printer.setDaemon(true);
        printer.start();
    }

    String line() {
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        return "dedup: " + read.get() + "/" + files + " files read, " + hashed.get() + " hashed"
                + (buckets < 0 ? "" : ", " + confirmed.get() + "/" + buckets + " buckets confirmed") + " (" + seconds
                + " s)";
    }

    @Override
    public void close() {
        if (printer != null) {
            printer.interrupt();
            try {
                printer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
