package org.nnid.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.nnid.dedup.Dedup;
import org.nnid.dedup.DedupBenchmark;
import org.nnid.dedup.DistributedDedup;
import org.nnid.dedup.Zoo;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nnid bench-dedup}: nnid dedup on a generated zoo, against its manifest and against byte-level hashing. */
@Command(name = "bench-dedup", mixinStandardHelpOptions = true,
        description = {"Generate a zoo in a temporary folder (nnid zoo generate), run nnid dedup on it, and print the",
                "recall of symmetry copies, false merges (near misses merged with anything, groups mixing seeds),",
                "networks per second, peak heap, and what whole-file and 4 KiB-chunk SHA-256 find on the same files;",
                "single machine and, when the Spark module is built, Spark (local[*] by default) side by side."})
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

    @Option(names = "--spark", paramLabel = "MASTER", defaultValue = "local[*]",
            description = "also run on Spark with this master, when the Spark module is built (default: ${DEFAULT-VALUE})")
    String spark;

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
        Map<String, DedupBenchmark.Runner> runners = new LinkedHashMap<>();
        runners.put("single machine, " + options.threads() + " threads", Dedup::run);
        Optional<DistributedDedup> distributed = DistributedDedup.find();
        distributed.ifPresent(d -> runners.put("spark " + spark, (dir, o, err) -> d.run(dir, spark, o, err)));
        DedupBenchmark.Result r = DedupBenchmark.run(zoo, options, runners, spec.commandLine().getErr());
        out.printf(Locale.ROOT, "collection: %d networks (%d seeds x (1 original + %d copies + %d near misses)),"
                + " about %d parameters each, %.1f MB; %d cores%n", r.files(), seeds, copies, nearMisses,
                r.parametersPerNetwork(), r.bytes() / 1e6, Runtime.getRuntime().availableProcessors());
        out.printf(Locale.ROOT, "byte-level: whole-file SHA-256 finds %d / %d copies; 4 KiB chunks find %d / %d (a"
                + " chunk store saves %d bytes)%n", r.bytesLevel().wholeFileFound(), r.bytesLevel().copies(),
                r.bytesLevel().chunkFound(), r.bytesLevel().copies(), r.bytesLevel().chunkBytesSaved());
        out.printf(Locale.ROOT, "%-28s %8s %13s %12s %11s %13s %11s %10s%n", "runner", "recall", "misses merged",
                "mixed groups", "hashing /s", "confirming s", "overall /s", "peak heap");
        boolean sound = true;
        for (DedupBenchmark.Measured m : r.runs()) {
            out.printf(Locale.ROOT, "%-28s %7.2f%% %13s %12d %11.0f %13.2f %11.1f %7.0f MB%n", m.runner(),
                    r.copies() == 0 ? 100.0 : 100.0 * m.copiesFound() / r.copies(),
                    m.nearMissesMerged() + " of " + r.nearMisses(), m.mixedGroups(), m.hashedPerSecond(r.files()),
                    m.timings().confirmSeconds(), m.networksPerSecond(r.files()), m.peakHeapBytes() / 1e6);
            sound &= m.nearMissesMerged() == 0 && m.mixedGroups() == 0;
            if (m.unreadable() > 0) {
                out.println("unreadable: " + m.unreadable() + " generated files (a bug: please report it)");
            }
        }
        DedupBenchmark.Measured single = r.runs().get(0);
        out.printf(Locale.ROOT, "recall of symmetry copies: %d / %d; near misses: %d; checker calls: %d; heap allowed:"
                + " %.0f MB%n", single.copiesFound(), r.copies(), r.nearMisses(), single.checks(), r.maxHeapBytes() / 1e6);
        java.util.Map<String, Double> h = single.timings().hashStages();
        out.printf(Locale.ROOT, "single machine, hashing by stage (summed over threads): read %.1f s; canonicalise %.1f s;"
                + " hash keys %.1f s%n", h.get("read"), h.get("canonicalise"), h.get("hash"));
        if (!single.timings().checkerStages().isEmpty()) {
            StringBuilder stages = new StringBuilder("single machine, checker time by stage (summed over threads):");
            single.timings().checkerStages().forEach((stage, sec) -> stages.append(String.format(Locale.ROOT,
                    " %s %.1f s;", stage, sec)));
            out.println(stages.substring(0, stages.length() - 1));
        }
        if (distributed.isEmpty()) {
            out.println("spark: the Spark module is not on the class path (build it with mvn -f spark package"
                    + " -DskipTests; ./nnid then adds it), so only the single machine ran");
        } else {
            out.println("reports of the runners: " + (r.reportsEqual() ? "identical" : "DIFFERENT (a bug: please report it)"));
            sound &= r.reportsEqual();
        }
        return sound ? ExitCode.OK : ExitCode.NO;
    }
}
