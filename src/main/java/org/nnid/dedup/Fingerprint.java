package org.nnid.dedup;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * All a run keeps of one file between hashing and confirming: its name, size and hash keys (or why
 * it could not be read), never the network itself, so that memory grows with the number of files
 * and not with their contents.
 *
 * @param name    the path relative to the folder, with '/' separators (how the report names it)
 * @param keys    the bucket keys (both hashes; with --eps also the coarse ones), empty when unreadable
 * @param hash    {@code nnid hash} of the canonical form, empty when unreadable
 * @param problem why the file could not be read or canonicalised
 */
record Fingerprint(String name, Path path, long bytes, List<String> keys, String hash, Optional<String> problem) {
    Fingerprint {
        keys = List.copyOf(keys);
    }

    static Fingerprint unreadable(String name, Path path, long bytes, String problem) {
        return new Fingerprint(name, path, bytes, List.of(), "", Optional.of(problem));
    }

    boolean readable() {
        return problem.isEmpty();
    }
}
