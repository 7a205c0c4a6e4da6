package org.nnid.spark;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.nnid.activation.Activations;
import org.nnid.dedup.Dedup;
import org.nnid.dedup.DedupTasks;

/**
 * What every task of a dedup job needs, in a form that travels to the executors: the folder (the
 * same path on every machine, for example a shared mount) and the options that change the result.
 * Each executor JVM builds its {@link DedupTasks} once per job and reuses it for all its tasks.
 *
 * @param eps        --eps, or null
 * @param activation the name of --activation, or null
 */
record JobSettings(String dir, Double eps, String activation) implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Map<JobSettings, DedupTasks> TASKS = new ConcurrentHashMap<>();

    static JobSettings of(Path dir, Dedup.Options options) {
        return new JobSettings(dir.toAbsolutePath().toString(), options.eps().orElse(null),
                options.activation().map(a -> a.name()).orElse(null));
    }

    DedupTasks tasks() {
        return TASKS.computeIfAbsent(this, s -> new DedupTasks(Path.of(dir), options()));
    }

    Dedup.Options options() {
        return Dedup.Options.defaults().withEps(Optional.ofNullable(eps))
                .withActivation(Optional.ofNullable(activation).map(Activations::byName));
    }
}
