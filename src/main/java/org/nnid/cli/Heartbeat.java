package org.nnid.cli;

import java.io.PrintWriter;
import java.util.Set;

/**
 * Progress on stderr for a command that runs longer than about two seconds: a line every five
 * seconds naming the command, what it is doing (the phase it last set) and the time so far.
 * Commands that print their own progress (dedup, paradox, null-search, the benchmarks) are left
 * alone; nothing is printed for a command that ends sooner.
 */
final class Heartbeat implements AutoCloseable {
    /** Commands with progress of their own. */
    static final Set<String> OWN_PROGRESS = Set.of("dedup", "paradox", "null-search", "zoo", "bench", "bench-relu",
            "bench-equiv", "bench-diff", "bench-dedup", "demo", "generate-completion");
    private static final long FIRST_MILLIS = 2_000;
    private static final long EVERY_MILLIS = 5_000;

    private static volatile String phase = "";
    private final Thread printer;

    Heartbeat(PrintWriter err, String command) {
        phase = "";
        long start = System.nanoTime();
        printer = new Thread(() -> {
            try {
                Thread.sleep(FIRST_MILLIS);
                while (true) {
                    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
                    String doing = phase;
                    err.println("nnid " + command + ": working" + (doing.isEmpty() ? "" : ", " + doing) + " (" + seconds
                            + " s)");
                    err.flush();
                    Thread.sleep(EVERY_MILLIS);
                }
            } catch (InterruptedException e) {
                // the command is over
            }
        }, "nnid-heartbeat");
        printer.setDaemon(true);
        printer.start();
    }

    /** What the running command is doing now, for the next progress line ("verifying sin"). */
    static void phase(String doing) {
        phase = doing;
    }

    @Override
    public void close() {
        printer.interrupt();
        try {
            printer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
