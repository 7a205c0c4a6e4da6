package org.nnid.dedup;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.nnid.activation.Activation;
import org.nnid.io.NetworkFormat;
import org.nnid.registry.TheoryRegistry;

/**
 * {@code nnid dedup DIR}: which files of a collection are the same function. Every network file
 * under the folder is read, canonicalised and hashed in parallel (a fixed number of threads, one
 * network each at a time; per file only its name, size and hash keys are kept), files sharing a
 * key are bucketed together, and every bucket is confirmed with the checker
 * ({@link GroupConfirmation}): a group never rests on a hash alone.
 */
public final class Dedup {
    private Dedup() {}

    /**
     * @param eps            also group networks proved within ε of each other (reported separately)
     * @param threads        worker threads (all cores by default)
     * @param activation     the activation of safetensors files (which do not record one)
     * @param progressMillis a progress line on stderr this often (0: never)
     */
    public record Options(Optional<Double> eps, int threads, Optional<Activation> activation, TheoryRegistry registry,
            long progressMillis) {
        public Options {
            if (threads < 1) {
                throw new IllegalArgumentException("--threads: expected at least 1, found " + threads);
            }
            eps.ifPresent(e -> {
                if (!(e >= 0) || Double.isInfinite(e)) {
                    throw new IllegalArgumentException("--eps: expected a finite number >= 0, found " + e);
                }
            });
        }

        public static Options defaults() {
            return new Options(Optional.empty(), Runtime.getRuntime().availableProcessors(), Optional.empty(),
                    TheoryRegistry.builtins(), 3000);
        }

        public Options withEps(Optional<Double> e) {
            return new Options(e, threads, activation, registry, progressMillis);
        }

        public Options withThreads(int t) {
            return new Options(eps, t, activation, registry, progressMillis);
        }

        public Options withActivation(Optional<Activation> a) {
            return new Options(eps, threads, a, registry, progressMillis);
        }

        public Options withProgressMillis(long ms) {
            return new Options(eps, threads, activation, registry, ms);
        }
    }

    /** How long the stages took (not part of the report, which must not vary between runs). */
    /**
     * @param hashStages    seconds reading, canonicalising and hashing, summed over threads
     * @param checkerStages seconds per stage of the checker, summed over every check (all threads)
     */
    public record Timings(double hashSeconds, double confirmSeconds, java.util.Map<String, Double> hashStages,
            java.util.Map<String, Double> checkerStages) {
        public double totalSeconds() {
            return hashSeconds + confirmSeconds;
        }
    }

    public record Run(DedupReport report, Timings timings) {}

    /**
     * @param progress where progress lines go (stderr), or null for none
     * @throws IllegalArgumentException when {@code dir} is not a readable folder
     */
    public static Run run(Path dir, Options options, PrintWriter progress) {
        Listing listing = list(dir);
        List<String> names = listing.networks();
        Fingerprint[] prints = new Fingerprint[names.size()];
        try (Progress p = new Progress(progress, options.progressMillis())) {
            DedupTasks tasks = new DedupTasks(dir, options, p);
            p.files = names.size();
            long t0 = System.nanoTime();
            Workers.forEach(options.threads(), names.size(), "nnid-dedup-hash", i -> {
                prints[i] = tasks.fingerprint(names.get(i));
            });
            long t1 = System.nanoTime();
            List<List<Integer>> buckets = CandidateGroups.of(prints);
            p.buckets = buckets.size();
            GroupConfirmation.Outcome[] outcomes = new GroupConfirmation.Outcome[buckets.size()];
            Workers.forEach(options.threads(), buckets.size(), "nnid-dedup-check", i -> {
                outcomes[i] = tasks.confirm(buckets.get(i).stream().map(j -> prints[j]).toList());
            });
            long t2 = System.nanoTime();
            List<Fingerprint> unreadable = java.util.Arrays.stream(prints).filter(f -> !f.readable()).toList();
            return new Run(report(prints.length, unreadable, buckets.size(), List.of(outcomes), listing.skipped(),
                    options.eps()), new Timings((t1 - t0) / 1e9, (t2 - t1) / 1e9, java.util.Map.of("read",
                            p.readNanos.get() / 1e9, "canonicalise", p.canonicalNanos.get() / 1e9, "hash",
                            p.hashNanos.get() / 1e9), stages(tasks.confirmation())));
        }
    }

    /** The checker's stages, the most expensive first. */
    private static java.util.Map<String, Double> stages(GroupConfirmation c) {
        java.util.Map<String, Double> out = new java.util.LinkedHashMap<>();
        c.stageMillis.entrySet().stream().sorted((x, y) -> Long.compare(y.getValue().sum(), x.getValue().sum()))
                .forEach(e -> out.put(e.getKey(), e.getValue().sum() / 1e3));
        return out;
    }

    /**
     * The files under a folder, by name (relative, '/'-separated, sorted).
     *
     * @param networks the files with a network extension (to be read)
     * @param skipped  the others
     */
    public record Listing(List<String> networks, List<String> skipped) {}

    /** @throws IllegalArgumentException when {@code dir} is not a readable folder */
    public static Listing list(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": no such folder");
        }
        List<String> names = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(Files::isRegularFile).map(f -> nameOf(dir, f)).sorted().forEach(n -> {
                (NetworkFormat.ofExtension(Path.of(n)).isPresent() ? names : skipped).add(n);
            });
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException(dir + ": cannot list the folder (" + e.getMessage() + ")");
        }
        return new Listing(List.copyOf(names), List.copyOf(skipped));
    }

    private static String nameOf(Path dir, Path file) {
        return dir.relativize(file).toString().replace(java.io.File.separatorChar, '/');
    }

    /**
     * The report of a run from what its stages gave, in the report's fixed order whatever order they
     * came in.
     *
     * @param files      the files with a network extension
     * @param unreadable the fingerprints of those that could not be read or canonicalised
     * @param buckets    the candidate buckets confirmed
     * @param outcomes   one per bucket
     */
    public static DedupReport report(long files, List<Fingerprint> unreadable, long buckets,
            List<GroupConfirmation.Outcome> outcomes, List<String> skipped, Optional<Double> eps) {
        List<DedupReport.Group> groups = new ArrayList<>();
        List<DedupReport.Group> epsGroups = new ArrayList<>();
        List<DedupReport.Split> splits = new ArrayList<>();
        long checks = 0;
        for (GroupConfirmation.Outcome o : outcomes) {
            groups.addAll(o.groups());
            epsGroups.addAll(o.epsGroups());
            splits.addAll(o.splits());
            checks += o.checks();
        }
        groups.sort(java.util.Comparator.comparing(DedupReport.Group::representative));
        epsGroups.sort(java.util.Comparator.comparing(DedupReport.Group::representative));
        splits.sort(java.util.Comparator.comparing(DedupReport.Split::file).thenComparing(DedupReport.Split::representative));
        List<DedupReport.Unreadable> bad = unreadable.stream()
                .map(f -> new DedupReport.Unreadable(f.name(), f.bytes(), f.problem()))
                .sorted(java.util.Comparator.comparing(DedupReport.Unreadable::file)).toList();
        long grouped = groups.stream().mapToLong(g -> g.members().size()).sum();
        long saved = groups.stream().mapToLong(DedupReport.Group::bytesSaved).sum();
        long epsGrouped = epsGroups.stream().mapToLong(g -> g.members().size()).sum();
        long epsSaved = epsGroups.stream().mapToLong(DedupReport.Group::bytesSaved).sum();
        return new DedupReport(eps, groups, epsGroups, splits, bad, skipped,
                new DedupReport.Totals(files, files - bad.size(), buckets, checks, grouped, saved, epsGrouped, epsSaved));
    }
}
