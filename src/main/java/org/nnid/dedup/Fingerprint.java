package org.nnid.dedup;

import java.io.Serializable;
import java.util.List;

/**
 * All a run keeps of one file between hashing and confirming: its name, size and hash keys (or why
 * it could not be read), never the network itself, so that memory grows with the number of files
 * and not with their contents. Serializable: a distributed run ships fingerprints between machines.
 *
 * @param name    the path relative to the folder, with '/' separators (how the report names it)
 * @param keys    the bucket keys (both hashes; with --eps also the coarse ones), empty when unreadable
 * @param hash    {@code nnid hash} of the canonical form, empty when unreadable
 * @param problem why the file could not be read or canonicalised; null when it was
 */
public record Fingerprint(String name, long bytes, List<String> keys, String hash, String problem)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public Fingerprint {
        keys = List.copyOf(keys);
    }

    static Fingerprint unreadable(String name, long bytes, String problem) {
        return new Fingerprint(name, bytes, List.of(), "", problem);
    }

    public boolean readable() {
        return problem == null;
    }
}
