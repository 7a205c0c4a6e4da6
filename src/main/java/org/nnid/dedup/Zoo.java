package org.nnid.dedup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.nnid.io.AtomicFile;
import org.nnid.io.NNetFormat;
import org.nnid.io.NetworkFiles;
import org.nnid.io.NetworkJson;
import org.nnid.io.OnnxWriter;
import org.nnid.net.Network;

/**
 * {@code nnid zoo generate}: a reproducible collection of networks for measuring deduplication.
 * For each seed an original, {@code copies} networks with exactly its function (written in a
 * format chosen at random among those that can hold it, so bytes differ even without moves) and
 * {@code nearMisses} networks that differ from it in one parameter and must never be merged. The
 * manifest ({@value #MANIFEST}) says which file is which.
 */
public final class Zoo {
    public static final String MANIFEST = "manifest.csv";
    public static final int MAX_WIDTH = 1024;

    /**
     * @param width the largest hidden width (layers are 3/4 of it to all of it wide)
     * @param depth the largest number of hidden layers
     */
    public record Spec(int seeds, int copies, int nearMisses, long seed, int width, int depth) {
        public Spec {
            if (seeds < 1 || copies < 0 || nearMisses < 0) {
                throw new IllegalArgumentException("--seeds must be at least 1, --copies and --near-misses at least 0");
            }
            if (width < 1 || width > MAX_WIDTH || depth < 1 || depth > 4) {
                throw new IllegalArgumentException("--width: expected 1 to " + MAX_WIDTH + ", --depth 1 to 4; found "
                        + width + " and " + depth);
            }
        }

        public long files() {
            return (long) seeds * (1 + copies + nearMisses);
        }
    }

    /** What a file of the zoo is. */
    public enum Kind {
        ORIGINAL("original"), COPY("copy"), NEAR_MISS("near-miss");

        public final String word;

        Kind(String word) {
            this.word = word;
        }

        public static Kind of(String word) {
            for (Kind k : values()) {
                if (k.word.equals(word)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown kind '" + word + "' (expected original, copy or near-miss)");
        }
    }

    /** One manifest line: the file (relative to the zoo's folder), its seed number and kind, and how it was made. */
    public record Entry(String file, int seed, Kind kind, String how) {}

    /** What was written. */
    public record Summary(long files, long bytes, long parameters) {}

    private Zoo() {}

    /**
     * Writes the zoo into {@code dir} (created if missing). A non-empty folder is refused unless
     * {@code force}; even then no existing file is replaced.
     *
     * @throws IllegalArgumentException when the folder is not empty (without force), is a file, or
     *                                  already holds a file of the zoo's names
     */
    public static Summary generate(Path dir, Spec spec, boolean force) {
        checkTarget(dir, spec, force);
        List<Entry> manifest = new ArrayList<>();
        long bytes = 0;
        long parameters = 0;
        try {
            Files.createDirectories(dir);
            for (int s = 1; s <= spec.seeds(); s++) {
                Random random = new Random(spec.seed() * 0x9E3779B97F4A7C15L + s);
                ZooNetworks.Shape shape = ZooNetworks.shape(s - 1, random, spec.width(), spec.depth());
                LayeredDoubles original = ZooNetworks.original(shape, random);
                parameters += original.parameterCount();
                bytes += write(dir, manifest, new Entry(name(s, "original", 0, formatFor(shape, s, random)), s,
                        Kind.ORIGINAL, describe(shape)), original.network());
                for (int c = 1; c <= spec.copies(); c++) {
                    LayeredDoubles copy = original.copy();
                    List<String> moves = ZooNetworks.symmetryCopy(copy, random);
                    bytes += write(dir, manifest, new Entry(name(s, "copy", c, formatFor(shape, -1, random)), s, Kind.COPY,
                            String.join("; ", moves)), copy.network());
                }
                List<LayeredDoubles> misses = new ArrayList<>();
                List<String> how = ZooNetworks.nearMisses(original, spec.nearMisses(), random, misses);
                for (int m = 0; m < misses.size(); m++) {
                    bytes += write(dir, manifest, new Entry(name(s, "near", m + 1, formatFor(shape, -1, random)), s,
                            Kind.NEAR_MISS, how.get(m)), misses.get(m).network());
                }
            }
            StringBuilder csv = new StringBuilder("file,seed,kind,how\n");
            for (Entry e : manifest) {
                csv.append(e.file()).append(',').append(e.seed()).append(',').append(e.kind().word).append(',')
                        .append(Csv.field(e.how())).append('\n');
            }
            AtomicFile.write(dir.resolve(MANIFEST), csv.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot write the zoo (" + e.getMessage() + ")", e);
        }
        return new Summary(manifest.size(), bytes, parameters);
    }

    private static void checkTarget(Path dir, Spec spec, boolean force) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": is a file, not a folder");
        }
        if (!Files.isDirectory(dir)) {
            return;
        }
        boolean empty;
        try (Stream<Path> entries = Files.list(dir)) {
            empty = entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new IllegalArgumentException(dir + ": cannot list the folder (" + e.getMessage() + ")");
        }
        if (!empty && !force) {
            throw new IllegalArgumentException(dir + ": the folder is not empty; choose a new or empty one"
                    + " (or give --force to add the zoo beside what is there)");
        }
        // The names depend only on the numbers, not on the random formats, up to the extension.
        if (Files.exists(dir.resolve(MANIFEST))) {
            throw new IllegalArgumentException(dir + ": already holds " + MANIFEST + "; refusing to replace it");
        }
        try (Stream<Path> entries = Files.list(dir)) {
            entries.map(p -> p.getFileName().toString()).filter(n -> n.matches("s\\d{6}-(original|copy|near)-\\d{3}\\..*"))
                    .findFirst().ifPresent(n -> {
                        throw new IllegalArgumentException(dir + ": already holds " + n
                                + " (a zoo file); refusing to replace it");
                    });
        } catch (IOException e) {
            throw new IllegalArgumentException(dir + ": cannot list the folder (" + e.getMessage() + ")");
        }
    }

    private static String name(int seed, String kind, int number, String extension) {
        return String.format(java.util.Locale.ROOT, "s%06d-%s-%03d%s", seed, kind, number, extension);
    }

    /** An original's format cycles by seed; a copy's is random. NNet holds only relu networks. */
    private static String formatFor(ZooNetworks.Shape shape, int seedNumber, Random random) {
        List<String> allowed = shape.activation().equals("relu") ? List.of(".json", ".onnx", ".nnet")
                : List.of(".json", ".onnx");
        return seedNumber > 0 ? allowed.get(seedNumber % allowed.size()) : allowed.get(random.nextInt(allowed.size()));
    }

    private static String describe(ZooNetworks.Shape shape) {
        StringBuilder b = new StringBuilder(shape.activation()).append(' ').append(shape.inputs());
        for (int h : shape.hidden()) {
            b.append('-').append(h);
        }
        return b.append('-').append(shape.outputs()).toString();
    }

    /**
     * Writes one network; CREATE_NEW, so an existing file is never replaced. No sync to disk per
     * file (a zoo is reproducible from its seed, and syncing made 100,000 files take minutes).
     */
    private static long write(Path dir, List<Entry> manifest, Entry entry, Network net) throws IOException {
        Path file = dir.resolve(entry.file());
        byte[] bytes = switch (NetworkFiles.formatOf(file)) {
            case ONNX -> OnnxWriter.write(net);
            case NNET -> NNetFormat.write(net).getBytes(StandardCharsets.UTF_8);
            default -> NetworkJson.write(net).getBytes(StandardCharsets.UTF_8);
        };
        Files.write(file, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        manifest.add(entry);
        return bytes.length;
    }

    /**
     * Reads a manifest.
     *
     * @throws IllegalArgumentException naming the line that is not a manifest line
     */
    public static List<Entry> readManifest(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read the manifest (" + e.getMessage() + ")");
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            List<String> f = Csv.parseLine(lines.get(i));
            if (f.size() != 4) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected file,seed,kind,how");
            }
            try {
                entries.add(new Entry(f.get(0), Integer.parseInt(f.get(1)), Kind.of(f.get(2)), f.get(3)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + e.getMessage());
            }
        }
        return entries;
    }
}
