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
 * {@code nnid bench-dedup}: generates a zoo in a temporary folder, deduplicates it, and measures
 * the result against the manifest: recall of symmetry copies (copies in their original's group /
 * all copies), false merges (near misses in any group, and groups mixing seeds), networks per
 * second, peak heap, and what byte-level hashing finds on the same files.
 */
public final class DedupBenchmark {
    private DedupBenchmark() {}

    /**
     * @param peakHeapBytes the largest heap in use during deduplication (sum of the heap pools' peaks)
     */
    public record Result(Zoo.Spec spec, long files, long parametersPerNetwork, long bytes, long copies, long copiesFound,
            long nearMisses, long nearMissesMerged, long mixedGroups, long unreadable, Dedup.Timings timings,
            long peakHeapBytes, long maxHeapBytes, long checks, ChunkHashes.Result bytesLevel) {
        public double recall() {
            return copies == 0 ? 1 : (double) copiesFound / copies;
        }

        public double networksPerSecond() {
            return files / timings.totalSeconds();
        }

        public double hashedPerSecond() {
            return files / timings.hashSeconds();
        }
    }

    public static Result run(Zoo.Spec spec, Dedup.Options options, PrintWriter progress) {
        Path dir;
        try {
            dir = Files.createTempDirectory("nnid-bench-dedup");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder: " + e.getMessage(), e);
        }
        try {
            return measure(dir, spec, options, progress);
        } finally {
            delete(dir);
        }
    }

    private static Result measure(Path dir, Zoo.Spec spec, Dedup.Options options, PrintWriter progress) {
        if (progress != null) {
            progress.println("bench-dedup: writing " + spec.files() + " networks to " + dir);
            progress.flush();
        }
        Zoo.Summary zoo = Zoo.generate(dir, spec, false);
        List<Zoo.Entry> manifest = Zoo.readManifest(dir.resolve(Zoo.MANIFEST));
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        Dedup.Run run = Dedup.run(dir, options, progress);
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
        long copies = 0;
        long found = 0;
        long misses = 0;
        long merged = 0;
        for (Zoo.Entry e : manifest) {
            String group = groupOf.get(e.file());
            if (e.kind() == Zoo.Kind.COPY) {
                copies++;
                String originalGroup = groupOf.get(originalOf.get(e.seed()));
                found += group != null && group.equals(originalGroup) ? 1 : 0;
            } else if (e.kind() == Zoo.Kind.NEAR_MISS) {
                misses++;
                merged += group != null ? 1 : 0;
            }
        }
        ChunkHashes.Result bytes = ChunkHashes.of(dir, manifest);
        return new Result(spec, zoo.files(), zoo.parameters() / spec.seeds(), zoo.bytes(), copies, found, misses, merged,
                mixed, report.unreadable().size(), run.timings(), peak, Runtime.getRuntime().maxMemory(),
                report.totals().checks(), bytes);
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
