package org.nnid.dedup;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What byte-level deduplication finds on a zoo, for comparison: whole-file SHA-256 and SHA-256 of
 * fixed 4 KiB chunks (what a content-addressed store does). A copy counts as found when its whole
 * hash equals its original's, or, for chunks, when it shares at least one chunk with its original.
 */
public final class ChunkHashes {
    static final int CHUNK = 4096;

    private ChunkHashes() {}

    /**
     * @param wholeFileFound copies byte-identical to their original
     * @param chunkFound     copies sharing at least one 4 KiB chunk with their original
     * @param chunkBytesSaved bytes a chunk store saves on the whole collection (repeated chunks stored once)
     */
    public record Result(long copies, long wholeFileFound, long chunkFound, long chunkBytesSaved) {}

    static Result of(Path dir, List<Zoo.Entry> manifest) {
        Map<Integer, String> originalWhole = new HashMap<>();
        Map<Integer, Set<String>> originalChunks = new HashMap<>();
        Set<String> stored = new HashSet<>();
        long saved = 0;
        for (Zoo.Entry e : manifest) { // originals first, so copies can be compared with them
            if (e.kind() == Zoo.Kind.ORIGINAL) {
                Hashed h = hash(dir.resolve(e.file()));
                originalWhole.put(e.seed(), h.whole());
                originalChunks.put(e.seed(), new HashSet<>(h.chunks().keySet()));
                saved += h.store(stored);
            }
        }
        long copies = 0;
        long whole = 0;
        long chunk = 0;
        for (Zoo.Entry e : manifest) {
            if (e.kind() == Zoo.Kind.ORIGINAL) {
                continue;
            }
            Hashed h = hash(dir.resolve(e.file()));
            saved += h.store(stored);
            if (e.kind() == Zoo.Kind.COPY) {
                copies++;
                whole += h.whole().equals(originalWhole.get(e.seed())) ? 1 : 0;
                Set<String> theirs = originalChunks.getOrDefault(e.seed(), Set.of());
                chunk += h.chunks().keySet().stream().anyMatch(theirs::contains) ? 1 : 0;
            }
        }
        return new Result(copies, whole, chunk, saved);
    }

    /** A file's whole hash and its chunks' hashes with their lengths. */
    private record Hashed(String whole, Map<String, Integer> chunks) {
        /** Adds the chunks to the store; returns the bytes of those already stored. */
        long store(Set<String> stored) {
            long dup = 0;
            for (Map.Entry<String, Integer> c : chunks.entrySet()) {
                if (!stored.add(c.getKey())) {
                    dup += c.getValue();
                }
            }
            return dup;
        }
    }

    private static Hashed hash(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest whole = MessageDigest.getInstance("SHA-256");
            Map<String, Integer> chunks = new HashMap<>();
            byte[] buffer = new byte[CHUNK];
            int n;
            while ((n = in.readNBytes(buffer, 0, CHUNK)) > 0) {
                whole.update(buffer, 0, n);
                MessageDigest c = MessageDigest.getInstance("SHA-256");
                c.update(buffer, 0, n);
                chunks.merge(java.util.HexFormat.of().formatHex(c.digest()), n, (a, b) -> a);
            }
            return new Hashed(java.util.HexFormat.of().formatHex(whole.digest()), chunks);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read (" + e.getMessage() + ")", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
