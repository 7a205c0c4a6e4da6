package org.nnid.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

import org.nnid.net.Network;
import org.nnid.activation.Activation;

/**
 * Reads a network from a file in any supported format ({@link NetworkFormat}), chosen by the
 * file's extension unless given, and writes one in the format its extension names.
 */
public final class NetworkFiles {
    private NetworkFiles() {}

    /** Reads a network in the format its extension names, which must record its activation. */
    public static Network read(Path file) {
        return read(file, Optional.empty(), Optional.empty());
    }

    /**
     * @param format     the format; when empty, the one the file's extension names
     * @param activation the activation, for formats that do not record one (safetensors), and
     *                   only for those
     */
    public static Network read(Path file, Optional<NetworkFormat> format, Optional<Activation> activation) {
        if (!Files.exists(file)) {
            throw new NetworkFormatException(file + ": no such file");
        }
        if (Files.isDirectory(file)) {
            throw new NetworkFormatException(file + ": is a directory, not a network file");
        }
        NetworkFormat f = formatOf(file, format);
        if (activation.isPresent() && f.recordsActivation()) {
            throw new NetworkFormatException(file + ": the " + f.name().toLowerCase(java.util.Locale.ROOT)
                    + " format records its activation; --activation is for safetensors files");
        }
        return switch (f) {
            case JSON -> NetworkJson.read(file);
            case ONNX -> OnnxReader.read(file);
            case NNET -> NNetFormat.read(file);
            case SAFETENSORS -> SafetensorsReader.read(file, activation.orElseThrow(() -> new NetworkFormatException(
                    file + ": safetensors files do not record the activation;"
                            + " name it with --activation (e.g. --activation relu)")));
        };
    }

    /** The given format, or else the one the extension names. */
    public static NetworkFormat formatOf(Path file, Optional<NetworkFormat> format) {
        return format.isPresent() ? format.get() : formatOf(file);
    }

    /** The format the file's extension names. */
    public static NetworkFormat formatOf(Path file) {
        if (Files.isDirectory(file)) {
            throw new NetworkFormatException(file + ": is a directory, not a network file");
        }
        return NetworkFormat.ofExtension(file).orElseThrow(() -> {
            String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
            int dot = name.lastIndexOf('.');
            String ext = dot < 0 ? "(none)" : name.substring(dot);
            return new NetworkFormatException(file + ": unsupported network format '" + ext + "' (supported: "
                    + Arrays.stream(NetworkFormat.values()).map(NetworkFormat::extension).collect(Collectors.joining(", "))
                    + "; or give --format)");
        });
    }

    /**
     * Writes a network in the format {@code file}'s extension names: JSON, ONNX or NNet (atomically:
     * a temporary file moved over the target).
     *
     * @throws IllegalArgumentException when the format cannot hold the network (the message says why)
     */
    public static void write(Network net, Path file) {
        NetworkFormat f = formatOf(file);
        byte[] bytes = switch (f) {
            case JSON -> NetworkJson.write(net).getBytes(StandardCharsets.UTF_8);
            case ONNX -> OnnxWriter.write(net);
            case NNET -> NNetFormat.write(net).getBytes(StandardCharsets.UTF_8);
            case SAFETENSORS -> throw new IllegalArgumentException("nnid reads safetensors but does not write it"
                    + " (write .onnx, .nnet or .json)");
        };
        AtomicFile.write(file, bytes);
    }

    /**
     * The file's bytes, for the binary formats.
     *
     * @throws NetworkFormatException naming the file when it is missing or unreadable
     */
    static byte[] readBytes(Path file) {
        String source = file.toString();
        FileBudget.check(file);
        try {
            return Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new NetworkFormatException(source, "", "no such file", e);
        } catch (java.io.IOException e) {
            throw new NetworkFormatException(source, "", "cannot read the file: " + e.getMessage(), e);
        }
    }
}
