package org.nnid.io;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The network file formats nnid reads, each with its file extension. */
public enum NetworkFormat {
    JSON(".json"), ONNX(".onnx"), NNET(".nnet"), SAFETENSORS(".safetensors");

    private final String extension;

    NetworkFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    /** The format a file's extension names (ignoring case), if any; {@code .nnet.gz} is gzipped NNet text. */
    public static Optional<NetworkFormat> ofExtension(Path file) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        for (NetworkFormat f : values()) {
            if (lower.endsWith(f.extension) || (f == NNET && lower.endsWith(".nnet.gz"))) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** True when the file records the activation (safetensors does not). */
    public boolean recordsActivation() {
        return this != SAFETENSORS;
    }
}
