package org.nnid.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one way nnid writes a file: into a temporary file beside the target (created with the
 * user's default permissions, which {@code Files.createTempFile} would make owner-only), forced to
 * disk, then moved over the target atomically, and removed on every failure path; so a crash or a
 * full disk never leaves a half-written file, and a failure says why.
 */
public final class AtomicFile {

    /** What writes the content. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFile() {}

    public static void write(Path file, byte[] bytes) {
        write(file, out -> out.write(bytes));
    }

    /** @throws UncheckedIOException naming the file and the cause (missing folder, permission, …) */
    public static void write(Path file, Content content) {
        if (file.toString().isEmpty()) {
            throw new UncheckedIOException("'': cannot write (an empty file name)", new IOException("empty file name"));
        }
        Path target = file.toAbsolutePath();
        if (Files.isDirectory(target)) {
            throw new UncheckedIOException(file + ": cannot write (it is a directory)", new IOException("a directory"));
        }
        Path tmp = target.resolveSibling("." + target.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 OutputStream out = new java.io.BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)) {
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException(file + ": cannot write (no such directory)", e);
        } catch (AccessDeniedException e) {
            throw new UncheckedIOException(file + ": cannot write (permission denied)", e);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write (" + e.getMessage() + ")", e);
        } finally {
            if (!moved) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the original failure is the one to report
                }
            }
        }
    }
}
