package org.nnid.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

import org.nnid.nulls.Grid;
import org.nnid.nulls.NullSearch;
import org.nnid.nulls.NullSearchResult;
import org.nnid.registry.TheoryRegistry;
import org.nnid.symja.Symja;
import org.nnid.theory.Theory;

/**
 * {@code nnid bench --null-search}: {@code nnid null-search ACT} at the default search for every
 * built-in theory, in this JVM (issue 18). Times are the CPU time of the whole process (every
 * thread: Symja proves under a time limit in a thread of its own), so that a loaded machine does
 * not inflate them; Symja's start is measured once, first, and is then in no theory's time.
 */
final class NullSearchBench {
    private NullSearchBench() {}

    static void run(PrintWriter out, int repeat) {
        long c0 = cpuNanos();
        TheoryRegistry registry = TheoryRegistry.builtins();
        long c1 = cpuNanos();
        Symja.eval("1+1");
        long c2 = cpuNanos();
        out.printf(Locale.ROOT, "null-search at the default search, process CPU time (every thread) in this JVM:"
                + " reading the built-in theories %.0f ms, Symja's start %.0f ms (both once per JVM)%n",
                (c1 - c0) / 1e6, (c2 - c1) / 1e6);
        out.printf(Locale.ROOT, "%-12s %10s %12s  %s%n", "theory", "first run", "median of " + repeat, "result");
        for (Theory theory : registry.theories()) {
            long[] cpu = new long[repeat + 1];
            NullSearchResult result = null;
            for (int r = 0; r <= repeat; r++) {
                long t0 = cpuNanos();
                result = NullSearch.run(theory, defaults(theory), line -> { });
                cpu[r] = cpuNanos() - t0;
            }
            long first = cpu[0];
            long[] warm = Arrays.copyOfRange(cpu, 1, cpu.length);
            Arrays.sort(warm);
            out.printf(Locale.ROOT, "%-12s %7.0f ms %9.0f ms  %s%n", theory.name(), first / 1e6, warm[repeat / 2] / 1e6,
                    result.found() ? "FOUND" : "NONE_FOUND");
        }
    }

    /** What {@code nnid null-search ACT} searches without options. */
    private static NullSearch.Options defaults(Theory theory) {
        return new NullSearch.Options(1, 5, Grid.defaults(theory, 1), 1, Duration.ofSeconds(10));
    }

    private static long cpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
    }
}
