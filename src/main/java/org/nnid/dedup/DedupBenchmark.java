package org.nnid.dedup;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code nnid bench-dedup}: generates a zoo in a temporary folder, deduplicates it with each runner
 * (the single-machine thread pool, and Spark when its module is on the class path), and measures
 * every result against the manifest: recall of symmetry copies (copies in their original's group /
 * all copies), false merges (near misses in any group, and groups mixing seeds), networks per
 * second, peak heap; whether the runners' reports are equal; and what byte-level hashing finds on
 * the same files.
 */
public final class DedupBenchmark {
    private DedupBenchmark() {}

    /** The collection and what byte-level hashing finds in it, then one measurement per runner. */
    public record Result(Zoo.Spec spec, long files, long parametersPerNetwork, long bytes, long copies, long nearMisses,
            long maxHeapBytes, ChunkHashes.Result bytesLevel, List<Measured> runs) {
        /** Whether every runner gave the first runner's report, byte for byte. */
        public boolean reportsEqual() {
            return runs.stream().allMatch(m -> m.reportJson().equals(runs.get(0).reportJson()));
        }
    }

    /**
     * One runner's run on the collection.
     *
     * @param runner        "single machine" or the distributed runner's master
     * @param peakHeapBytes the largest heap in use during the run (sum of the heap pools' peaks)
     */
    public record Measured(String runner, long copiesFound, long nearMissesMerged, long mixedGroups, long unreadable,
            Dedup.Timings timings, long peakHeapBytes, long checks, String reportJson) {
        public double networksPerSecond(long files) {
            return files / timings.totalSeconds();
        }

        public double hashedPerSecond(long files) {
            return files / timings.hashSeconds();
        }
    }

    /** A run of dedup on a folder: the single-machine one, or a distributed runner's. */
    @FunctionalInterface
    public interface Runner {
        Dedup.Run run(Path dir, Dedup.Options options, PrintWriter progress);
    }

    /**
     * @param runners by name, run in this order on the same collection (single machine first)
     */
    public static Result run(Zoo.Spec spec, Dedup.Options options, Map<String, Runner> runners, PrintWriter progress) {
        Path dir;
        try {
            dir = Files.createTempDirectory("nnid-bench-dedup");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder: " + e.getMessage(), e);
        }
        try {
            return measure(dir, spec, options, runners, progress);
        } finally {
            delete(dir);
        }
    }

    private static Result measure(Path dir, Zoo.Spec spec, Dedup.Options options, Map<String, Runner> runners,
            PrintWriter progress) {
        if (progress != null) {
            progress.println("bench-dedup: writing " + spec.files() + " networks to " + dir);
            progress.flush();
        }
        Zoo.Summary zoo = Zoo.generate(dir, spec, false);
        List<Zoo.Entry> manifest = Zoo.readManifest(dir.resolve(Zoo.MANIFEST));
        List<Measured> runs = new java.util.ArrayList<>();
        runners.forEach((name, runner) -> runs.add(measure(name, runner, dir, manifest, options, progress)));
        long copies = manifest.stream().filter(e -> e.kind() == Zoo.Kind.COPY).count();
        long misses = manifest.stream().filter(e -> e.kind() == Zoo.Kind.NEAR_MISS).count();
        return new Result(spec, zoo.files(), zoo.parameters() / spec.seeds(), zoo.bytes(), copies, misses,
                Runtime.getRuntime().maxMemory(), ChunkHashes.of(dir, manifest), runs);
    }

    private static Measured measure(String name, Runner runner, Path dir, List<Zoo.Entry> manifest,
            Dedup.Options options, PrintWriter progress) {
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        Dedup.Run run = runner.run(dir, options, progress);
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        DedupReport report = run.report();

        Map<String, Zoo.Entry> byFile = new HashMap<>();
        manifest.forEach(e -> byFile.put(e.file(), e));
        Map<String, String> groupOf = new HashMap<>(); // file -> its group's representative
        long mixed = 0;
        for (DedupReport.Group g : report.groups()) {
            long seeds = g.members().stream().map(m -> byFile.get(m.file()).seed()).distinct().count();
            mixed += seeds > 1 ? 1 : 0;
            g.members().forEach(m -> groupOf.put(m.file(), g.representative()));
        }
        Map<Integer, String> originalOf = new HashMap<>();
        manifest.stream().filter(e -> e.kind() == Zoo.Kind.ORIGINAL).forEach(e -> originalOf.put(e.seed(), e.file()));
        long found = 0;
        long merged = 0;
        for (Zoo.Entry e : manifest) {
            String group = groupOf.get(e.file());
            if (e.kind() == Zoo.Kind.COPY) {
                String originalGroup = groupOf.get(originalOf.get(e.seed()));
                found += group != null && group.equals(originalGroup) ? 1 : 0;
            } else if (e.kind() == Zoo.Kind.NEAR_MISS) {
                merged += group != null ? 1 : 0;
            }
        }
        return new Measured(name, found, merged, mixed, report.unreadable().size(), run.timings(), peak,
                report.totals().checks(), ReportWriter.json(report));
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // a temporary folder left behind is not worth failing the measurement for
        }
    }
}
