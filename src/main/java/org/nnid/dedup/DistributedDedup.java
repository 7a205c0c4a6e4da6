package org.nnid.dedup;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * {@code nnid dedup} run on a cluster instead of the local thread pool: the same
 * {@link DedupTasks} scheduled as distributed tasks, giving the same {@link DedupReport}. The
 * implementation lives in its own module (the Apache Spark job, spark/ in the sources) so that the
 * core jar does not carry a cluster framework; it is found with {@link ServiceLoader} when that
 * module is on the class path.
 */
public interface DistributedDedup {
    /**
     * @param master   where to run, in the runner's own terms (for Spark a master URL: local[*], spark://host:7077)
     * @param progress where progress lines go (stderr), or null for none
     * @throws IllegalArgumentException when {@code dir} is not a readable folder or {@code master} is not understood
     */
    Dedup.Run run(Path dir, String master, Dedup.Options options, PrintWriter progress);

    /** The runner on the class path, if any. */
    static Optional<DistributedDedup> find() {
        return ServiceLoader.load(DistributedDedup.class).findFirst();
    }
}
