package org.nnid.io;

import java.nio.file.Files;
import java.nio.file.Path;

import org.nnid.net.Network;

/** Reads a network from a file in any supported format, chosen by the file's extension. */
public final class NetworkFiles {
    private NetworkFiles() {}

    public static Network read(Path file) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        if (!Files.exists(file)) {
            throw new NetworkFormatException(file + ": no such file");
        }
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".json")) {
            return NetworkJson.read(file);
        }
        int dot = lower.lastIndexOf('.');
        String ext = dot < 0 ? "(none)" : lower.substring(dot);
        throw new NetworkFormatException(file + ": unsupported network format '" + ext + "' (supported: .json)");
    }
}
