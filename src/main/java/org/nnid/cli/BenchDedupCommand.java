package org.nnid.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.nnid.dedup.Dedup;
import org.nnid.dedup.DedupBenchmark;
import org.nnid.dedup.Zoo;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nnid bench-dedup}: nnid dedup on a generated zoo, against its manifest and against byte-level hashing. */
@Command(name = "bench-dedup", mixinStandardHelpOptions = true,
        description = {"Generate a zoo in a temporary folder (nnid zoo generate), run nnid dedup on it, and print the",
                "recall of symmetry copies, false merges (near misses merged with anything, groups mixing seeds),",
                "networks per second, peak heap, and what whole-file and 4 KiB-chunk SHA-256 find on the same files."})
final class BenchDedupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "100", description = "original networks (default: ${DEFAULT-VALUE})")
    int seeds;

    @Option(names = "--copies", paramLabel = "K", defaultValue = "9", description = "symmetry copies of each (default: ${DEFAULT-VALUE})")
    int copies;

    @Option(names = "--near-misses", paramLabel = "M", defaultValue = "1", description = "near misses of each (default: ${DEFAULT-VALUE})")
    int nearMisses;

    @Option(names = "--width", paramLabel = "W", defaultValue = "16", description = "largest hidden width (default: ${DEFAULT-VALUE})")
    int width;

    @Option(names = "--depth", paramLabel = "D", defaultValue = "2", description = "largest number of hidden layers (default: ${DEFAULT-VALUE})")
    int depth;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: all cores)")
    Integer threads;

    @Override
    public Integer call() {
        Zoo.Spec zoo;
        Dedup.Options options;
        try {
            zoo = new Zoo.Spec(seeds, copies, nearMisses, seed, width, depth);
            options = Dedup.Options.defaults()
                    .withThreads(threads == null ? Runtime.getRuntime().availableProcessors() : threads);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        DedupBenchmark.Result r = DedupBenchmark.run(zoo, options, spec.commandLine().getErr());
        int cores = Runtime.getRuntime().availableProcessors();
        out.printf(Locale.ROOT, "collection: %d networks (%d seeds x (1 original + %d copies + %d near misses)),"
                + " about %d parameters each, %.1f MB; %d cores, %d threads%n", r.files(), seeds, copies, nearMisses,
                r.parametersPerNetwork(), r.bytes() / 1e6, cores, options.threads());
        out.printf(Locale.ROOT, "recall of symmetry copies: %d / %d = %.2f%%%n", r.copiesFound(), r.copies(),
                100 * r.recall());
        out.printf(Locale.ROOT, "false merges: %d of %d near misses merged, %d groups mixing seeds%n",
                r.nearMissesMerged(), r.nearMisses(), r.mixedGroups());
        out.printf(Locale.ROOT, "time: %.2f s reading + canonicalising + hashing (%.0f networks/s), %.2f s confirming"
                + " (%d checker calls); %.0f networks/s overall%n", r.timings().hashSeconds(), r.hashedPerSecond(),
                r.timings().confirmSeconds(), r.checks(), r.networksPerSecond());
        java.util.Map<String, Double> h = r.timings().hashStages();
        out.printf(Locale.ROOT, "hashing by stage (summed over threads): read %.1f s; canonicalise %.1f s; hash keys %.1f s%n",
                h.get("read"), h.get("canonicalise"), h.get("hash"));
        if (!r.timings().checkerStages().isEmpty()) {
            StringBuilder stages = new StringBuilder("checker time by stage (summed over threads):");
            r.timings().checkerStages().forEach((stage, sec) -> stages.append(String.format(Locale.ROOT, " %s %.1f s;",
                    stage, sec)));
            out.println(stages.substring(0, stages.length() - 1));
        }
        out.printf(Locale.ROOT, "peak heap: %.0f MB (of %.0f MB allowed)%n", r.peakHeapBytes() / 1e6,
                r.maxHeapBytes() / 1e6);
        out.printf(Locale.ROOT, "byte-level: whole-file SHA-256 finds %d / %d copies; 4 KiB chunks find %d / %d (a"
                + " chunk store saves %d bytes)%n", r.bytesLevel().wholeFileFound(), r.bytesLevel().copies(),
                r.bytesLevel().chunkFound(), r.bytesLevel().copies(), r.bytesLevel().chunkBytesSaved());
        if (r.unreadable() > 0) {
            out.println("unreadable: " + r.unreadable() + " generated files (a bug: please report it)");
        }
        return r.nearMissesMerged() == 0 && r.mixedGroups() == 0 ? ExitCode.OK : ExitCode.NO;
    }
}
