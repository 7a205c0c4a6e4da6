package org.nnid.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The size budget of an input file: nnid reads a network, certificate, verdict, theory,
 * specification or CSV file whole, so a file larger than a quarter of the JVM's heap (and never
 * more than an array holds) is refused by its size before a byte is read, instead of running out
 * of memory half-way.
 */
public final class FileBudget {
    private FileBudget() {}

    /** The largest file read: a quarter of the heap the parsed structures must also fit in. */
    public static long maxBytes() {
        return Math.min(Integer.MAX_VALUE - 8L, Runtime.getRuntime().maxMemory() / 4);
    }

    /**
     * Why the file is beyond the budget; empty when it is within it, or when its size cannot be
     * read (the read itself then says why).
     */
    public static Optional<String> excess(Path file) {
        try {
            long size = Files.size(file);
            return size <= maxBytes() ? Optional.empty() : Optional.of(tooLarge(size));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** @throws NetworkFormatException naming the file when it is beyond the budget */
    public static void check(Path file) {
        excess(file).ifPresent(why -> {
            throw new NetworkFormatException(file.toString(), "", why);
        });
    }

    static String tooLarge(long size) {
        return "the file has " + size + " bytes, more than nnid reads (" + maxBytes()
                + " bytes, a quarter of this JVM's heap; java -Xmx… raises it)";
    }
}
