package org.nnid.dedup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.nnid.equiv.Checker;
import org.nnid.net.Network;

/**
 * The two units of work of a dedup run, the same whoever schedules them (the thread pool of
 * {@link Dedup#run}, or the map tasks of a {@link DistributedDedup}): one file read, canonicalised
 * and hashed into a {@link Fingerprint}, and one bucket confirmed by the checker. Built from the
 * folder and the options, so that every machine of a cluster can build its own.
 */
public final class DedupTasks {
    private final Path dir;
    private final NetworkLoader loader;
    private final boolean coarse;
    private final GroupConfirmation confirmation;
    private final Progress progress;

    /** Tasks that count nothing (a distributed runner measures its stages itself). */
    public DedupTasks(Path dir, Dedup.Options options) {
        this(dir, options, new Progress(null, 0));
    }

    DedupTasks(Path dir, Dedup.Options options, Progress progress) {
        this.dir = dir;
        this.loader = new NetworkLoader(options.registry(), options.activation());
        this.coarse = options.eps().isPresent();
        this.confirmation = new GroupConfirmation(dir, loader,
                Checker.Options.defaults().withRegistry(options.registry()), options.eps());
        this.progress = progress;
    }

    GroupConfirmation confirmation() {
        return confirmation;
    }

    /** The file {@code name} (relative to the folder) read, canonicalised and hashed; never throws for a bad file. */
    public Fingerprint fingerprint(String name) {
        Progress p = progress;
        Path file = dir.resolve(name);
        long bytes;
        try {
            bytes = Files.size(file);
        } catch (IOException e) {
            p.read.incrementAndGet();
            return Fingerprint.unreadable(name, 0, "cannot read the file (" + e.getMessage() + ")");
        }
        try {
            long t0 = System.nanoTime();
            Network net = loader.read(file, name);
            p.read.incrementAndGet();
            long t1 = System.nanoTime();
            Network canonical = loader.canonicalise(net, name);
            net = null; // only the canonical form is needed from here on
            long t2 = System.nanoTime();
            HashKeys fine = HashKeys.of(canonical, HashKeys.DIGITS);
            List<String> keys = new ArrayList<>(List.of("r" + fine.rounded(), "s" + fine.shifted()));
            if (coarse) {
                HashKeys c = HashKeys.of(canonical, HashKeys.COARSE_DIGITS);
                keys.add("R" + c.rounded());
                keys.add("S" + c.shifted());
            }
            p.hashed.incrementAndGet();
            p.readNanos.addAndGet(t1 - t0);
            p.canonicalNanos.addAndGet(t2 - t1);
            p.hashNanos.addAndGet(System.nanoTime() - t2);
            return new Fingerprint(name, bytes, keys, fine.rounded(), null);
        } catch (NetworkLoader.Unreadable e) {
            p.read.incrementAndGet();
            return Fingerprint.unreadable(name, bytes, e.getMessage());
        }
    }

    /**
     * One candidate bucket confirmed by the checker.
     *
     * @param bucket at least two readable files, ordered by name (the first is the representative)
     */
    public GroupConfirmation.Outcome confirm(List<Fingerprint> bucket) {
        GroupConfirmation.Outcome o = confirmation.confirm(bucket);
        progress.confirmed.incrementAndGet();
        return o;
    }
}
