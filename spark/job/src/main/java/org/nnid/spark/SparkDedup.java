package org.nnid.spark;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.nnid.dedup.Dedup;
import org.nnid.dedup.DedupTasks;
import org.nnid.dedup.DistributedDedup;
import org.nnid.dedup.Fingerprint;
import org.nnid.dedup.GroupConfirmation;
import org.nnid.registry.TheoryRegistry;

import scala.Tuple2;

/**
 * {@code nnid dedup --spark MASTER DIR}: the dedup job on Apache Spark. The driver lists the
 * folder (names only); map tasks read, canonicalise and hash the files ({@link DedupTasks#fingerprint});
 * files sharing a key are joined into buckets by connected components over the file–key graph
 * (each file takes the smallest name it reaches, as the single-machine union–find does); each
 * bucket is confirmed by the checker in a task of its own ({@link DedupTasks#confirm}); the driver
 * assembles the report from the buckets' outcomes with {@link Dedup#report}, so that it equals the
 * single-machine report.
 */
public final class SparkDedup implements DistributedDedup {
    public SparkDedup() {}

    @Override
    public Dedup.Run run(Path dir, String master, Dedup.Options options, PrintWriter progress) {
        if (options.registry() != TheoryRegistry.builtins()) {
            throw new IllegalArgumentException("--spark: only the built-in theories are available to Spark tasks");
        }
        Dedup.Listing listing = Dedup.list(dir);
        JobSettings settings = JobSettings.of(dir, options);
        SparkSession session = session(master);
        try {
            return run(JavaSparkContext.fromSparkContext(session.sparkContext()), listing, settings, options,
                    progress);
        } finally {
            session.stop();
        }
    }

    /** @throws IllegalArgumentException when Spark cannot start with this master (a bad URL, an unreachable cluster) */
    private static SparkSession session(String master) {
        SparkSession.Builder b = SparkSession.builder().appName("nnid dedup").master(master)
                .config("spark.ui.enabled", "false");
        if (master.startsWith("local")) {
            // in this JVM: no network beyond the loopback
            b = b.config("spark.driver.host", "localhost").config("spark.driver.bindAddress", "127.0.0.1");
        }
        try {
            return b.getOrCreate();
        } catch (Exception e) { // Scala throws SparkException undeclared
            String m = String.valueOf(e.getMessage());
            int nl = m.indexOf('\n');
            throw new IllegalArgumentException("--spark " + master + ": Spark did not start ("
                    + (nl < 0 ? m : m.substring(0, nl)).strip() + ")");
        }
    }

    private static Dedup.Run run(JavaSparkContext jsc, Dedup.Listing listing, JobSettings settings,
            Dedup.Options options, PrintWriter progress) {
        List<String> names = listing.networks();
        int slices = Math.max(1, Math.min(names.size(), 8 * jsc.defaultParallelism()));
        long t0 = System.nanoTime();
        JavaRDD<Fingerprint> prints = jsc.parallelize(names, slices).mapPartitions(it -> {
            DedupTasks tasks = settings.tasks();
            List<Fingerprint> out = new ArrayList<>();
            it.forEachRemaining(name -> out.add(tasks.fingerprint(name)));
            return out.iterator();
        }).persist(StorageLevel.MEMORY_AND_DISK());
        List<Fingerprint> unreadable = prints.filter(f -> !f.readable()).collect();
        long t1 = System.nanoTime();
        say(progress, "dedup: %d files hashed on Spark (%.1f s)", names.size(), (t1 - t0) / 1e9);

        JavaPairRDD<String, String> label = components(prints);
        JavaPairRDD<String, Iterable<Fingerprint>> buckets = label.join(prints.mapToPair(f -> new Tuple2<>(f.name(), f)))
                .mapToPair(e -> new Tuple2<>(e._2()._1(), e._2()._2())).groupByKey(label.getNumPartitions());
        List<GroupConfirmation.Outcome> outcomes = buckets.map(b -> {
            List<Fingerprint> bucket = new ArrayList<>();
            b._2().forEach(bucket::add);
            bucket.sort(Comparator.comparing(Fingerprint::name));
            return settings.tasks().confirm(bucket);
        }).collect();
        long t2 = System.nanoTime();
        say(progress, "dedup: %d buckets confirmed on Spark (%.1f s)", outcomes.size(), (t2 - t1) / 1e9);
        prints.unpersist(false);
        return new Dedup.Run(Dedup.report(names.size(), unreadable, outcomes.size(), outcomes, listing.skipped(),
                options.eps()), new Dedup.Timings((t1 - t0) / 1e9, (t2 - t1) / 1e9, Map.of(), Map.of()));
    }

    /**
     * The component of every file that shares a key with another, named by its smallest file name:
     * labels spread file → key → file (each key takes the smallest label of its files, each file
     * the smallest label of its keys) until none changes. Keys held by one file only are left out.
     */
    static JavaPairRDD<String, String> components(JavaRDD<Fingerprint> prints) {
        // One partitioner for every shuffle: the joins of the loop are then local to a partition,
        // and the number of partitions stays fixed however many rounds it takes.
        HashPartitioner part = new HashPartitioner(Math.max(1, prints.getNumPartitions()));
        JavaPairRDD<String, String> keyFile = prints.filter(Fingerprint::readable)
                .flatMapToPair(f -> f.keys().stream().distinct().map(k -> new Tuple2<>(k, f.name())).iterator())
                .groupByKey(part).filter(e -> hasTwo(e._2())).flatMapValues(Iterable::iterator)
                .persist(StorageLevel.MEMORY_AND_DISK());
        JavaPairRDD<String, String> fileKey = keyFile.mapToPair(Tuple2::swap).partitionBy(part)
                .persist(StorageLevel.MEMORY_AND_DISK());
        JavaPairRDD<String, String> label = fileKey.mapToPair(e -> new Tuple2<>(e._1(), e._1()))
                .reduceByKey(part, SparkDedup::smaller).persist(StorageLevel.MEMORY_AND_DISK());
        while (true) {
            JavaPairRDD<String, String> keyLabel = fileKey.join(label, part).mapToPair(e -> e._2())
                    .reduceByKey(part, SparkDedup::smaller);
            JavaPairRDD<String, String> next = keyFile.join(keyLabel, part).mapToPair(e -> e._2()).union(label)
                    .reduceByKey(part, SparkDedup::smaller).persist(StorageLevel.MEMORY_AND_DISK());
            long changed = next.join(label, part).filter(e -> !e._2()._1().equals(e._2()._2())).count();
            label.unpersist(false);
            label = next;
            if (changed == 0) {
                keyFile.unpersist(false);
                fileKey.unpersist(false);
                return label;
            }
        }
    }

    private static boolean hasTwo(Iterable<String> files) {
        java.util.Iterator<String> it = files.iterator();
        if (!it.hasNext()) {
            return false;
        }
        it.next();
        return it.hasNext();
    }

    private static String smaller(String a, String b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void say(PrintWriter progress, String format, Object... args) {
        if (progress != null) {
            progress.println(String.format(Locale.ROOT, format, args));
            progress.flush();
        }
    }
}
