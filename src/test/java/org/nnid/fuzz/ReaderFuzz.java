package org.nnid.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.nnid.cli.Main;
import org.nnid.cli.VnnlibCommandTest;
import org.nnid.io.NetworkFiles;
import org.nnid.io.NetworkJson;
import org.nnid.theory.TheoryFile;
import org.nnid.theory.TheoryFormatException;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * What the reader fuzz properties share: one valid file per reader, the ways to damage it
 * (truncation, flipped bytes, huge announced sizes, hostile constants), and the check that a
 * command reading the damaged file answers cleanly: an exit code the command documents, exit 2
 * with one line on stderr naming what was wrong, never an internal error (4), never an escaping
 * exception, within a bound generous enough for a loaded machine.
 */
final class ReaderFuzz {
    /** Far above any clean answer here (a few seconds), far below a hang. */
    static final long TIME_BOUND_MILLIS = 120_000;

    /** Sizes a header may announce: beyond int, beyond the file, negative, zero. */
    static final List<String> HUGE_NUMBERS = List.of("1000000000", "2147483647", "2147483648", "-2147483648",
            "99999999999999999999999", "-1", "0", "1e308", "1e999", "65536");

    /** Constants valid or not, each costly or impossible to compute naively. */
    static final List<String> HOSTILE_CONSTANTS = List.of("\"2^(10^9)\"", "\"Pi^Pi^Pi^Pi\"", "\"Tanh(10^100)\"",
            "\"Sin(10^100)\"", "\"1/0\"", "\"10^(10^5)\"", "\"Exp(10^6)\"", "\"" + "9".repeat(40_000) + "\"",
            "\"1." + "3".repeat(100_000) + "\"", "\"Sign(Sin(10^26))\"", "NaN", "1e999999", "\"a=5\"",
            "\"Log(0)\"", "\"Sqrt(-1)\"", "\"(1/3)^(10^6)\"");

    /** Constants whose evaluation runs into the time limit of one exact value (the long suite only). */
    static final List<String> COSTLY_CONSTANTS = List.of("\"Sin(10^20000)\"", "\"Cos(10^3000)+1\"");

    private ReaderFuzz() {}

    /** One way to damage a file; {@code where} and {@code which} pick the place and the value. */
    enum Kind { TRUNCATE, FLIP_BYTES, HUGE_NUMBER, HOSTILE_CONSTANT, HUGE_BINARY_SIZE }

    record Damage(Kind kind, double where, int which, long seed) {
        byte[] apply(byte[] file, List<String> constants) {
            Random random = new Random(seed);
            int at = (int) Math.min(file.length - 1L, (long) (where * file.length));
            return switch (kind) {
                case TRUNCATE -> Arrays.copyOf(file, at);
                case FLIP_BYTES -> {
                    byte[] b = file.clone();
                    for (int k = 0; k <= which % 4; k++) {
                        int i = random.nextInt(b.length);
                        b[i] ^= (byte) (1 << random.nextInt(8));
                    }
                    yield b;
                }
                case HUGE_NUMBER -> replaceNumber(file, at, HUGE_NUMBERS.get(which % HUGE_NUMBERS.size()));
                case HOSTILE_CONSTANT -> replaceNumber(file, at, constants.get(which % constants.size()));
                case HUGE_BINARY_SIZE -> {
                    // a little-endian 64-bit length or a protobuf varint, both far beyond the file
                    byte[] b = file.clone();
                    byte[] huge = which % 2 == 0 ? new byte[] {-1, -1, -1, -1, -1, -1, -1, 0x7f}
                            : new byte[] {-128, -128, -128, -128, 0x08};
                    System.arraycopy(huge, 0, b, Math.max(0, Math.min(at, b.length - huge.length)),
                            Math.min(huge.length, b.length));
                    yield b;
                }
            };
        }

        @Override
        public String toString() {
            return kind + " at " + where + " #" + which + " seed " + seed;
        }
    }

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");

    /** The file with the first number at or after byte {@code at} (else the first one) replaced. */
    static byte[] replaceNumber(byte[] file, int at, String replacement) {
        String text = new String(file, StandardCharsets.ISO_8859_1);
        Matcher m = NUMBER.matcher(text);
        if (!m.find(at) && !m.find(0)) {
            return file;
        }
        String damaged = text.substring(0, m.start()) + replacement + text.substring(m.end());
        return damaged.getBytes(StandardCharsets.ISO_8859_1);
    }

    static Arbitrary<Damage> damages(Kind... kinds) {
        return Combinators.combine(Arbitraries.of(kinds), Arbitraries.doubles().between(0, 1),
                Arbitraries.integers().between(0, 1000), Arbitraries.longs()).as(Damage::new);
    }

    static Arbitrary<Damage> textDamages() {
        return damages(Kind.TRUNCATE, Kind.FLIP_BYTES, Kind.HUGE_NUMBER, Kind.HOSTILE_CONSTANT);
    }

    static Arbitrary<Damage> binaryDamages() {
        return damages(Kind.TRUNCATE, Kind.FLIP_BYTES, Kind.HUGE_NUMBER, Kind.HUGE_BINARY_SIZE);
    }

    // ------------------------------------------------------------------ valid files

    static final String TANH_NETWORK = """
            {"format": "nnid-network/1", "activation": "tanh", "inputs": 2,
             "layers": [{"weights": [[1, "1/2"], [2, -1]], "bias": [0.5, "Pi/4"]}, {"weights": [[3, -1]], "bias": [0.25]}]}
            """;
    static final String TANH_FLIPPED = """
            {"format": "nnid-network/1", "activation": "tanh", "inputs": 2,
             "layers": [{"weights": [[-1, "-1/2"], [2, -1]], "bias": [-0.5, "Pi/4"]}, {"weights": [[-3, -1]], "bias": [0.25]}]}
            """;
    /** Two relu networks and a closeness specification of them (the VNN-LIB command's test files). */
    static final String RELU_F = VnnlibCommandTest.F;
    static final String RELU_G = VnnlibCommandTest.G;
    static final String VNNLIB = VnnlibCommandTest.spec("0.25", "");
    static final String CSV = "x1,x2\n0,1\n\"0.5\",-1\nPi/4,1/3\n2.5e-3,7\n";

    /** A small relu network as ONNX or NNet bytes, written by nnid's own writers. */
    static byte[] written(String json, String extension) {
        try {
            Path dir = Files.createTempDirectory("nnid-fuzz-seed");
            Path f = dir.resolve("seed" + extension);
            NetworkFiles.write(NetworkJson.parse(json, "seed.json"), f);
            byte[] bytes = Files.readAllBytes(f);
            Files.delete(f);
            Files.delete(dir);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A two-layer safetensors file (F32, F64 and BF16 tensors). */
    static byte[] safetensors() {
        String header = "{\"fc1.weight\":{\"dtype\":\"F32\",\"shape\":[2,1],\"data_offsets\":[0,8]},"
                + "\"fc1.bias\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[8,24]},"
                + "\"fc2.weight\":{\"dtype\":\"BF16\",\"shape\":[1,2],\"data_offsets\":[24,28]},"
                + "\"__metadata__\":{\"format\":\"pt\"}}";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        byte[] data = ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN).putFloat(1.5f).putFloat(-2f).putDouble(0.25)
                .putDouble(-0.5).putShort((short) 0x3f80).putShort((short) 0xc000).array();
        return ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).put(h)
                .put(data).array();
    }

    /** A theory file as shipped with nnid. */
    static byte[] theory(String name) {
        return TheoryFile.resource("/org/nnid/theories/" + name).getBytes(StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ running and checking

    record Run(int code, String out, String err, long millis) {}

    /** Runs nnid with the arguments {@code args} gives for a folder holding the damaged file. */
    static Run run(Path dir, String name, byte[] damaged, Function<Path, String[]> args) {
        try {
            Path f = dir.resolve(name);
            Files.write(f, damaged);
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            long start = System.nanoTime();
            int code = Main.run(args.apply(f), new PrintWriter(out), new PrintWriter(err));
            return new Run(code, out.toString(), err.toString(), (System.nanoTime() - start) / 1_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The answer is clean: an exit code among {@code allowed} (which holds 2, bad input), exit 2
     * with exactly one line on stderr, never an internal error, within the time bound.
     */
    static void assertClean(Run r, Set<Integer> allowed, Object damage) {
        String context = damage + ": exit " + r.code() + ", stderr: " + abbreviate(r.err());
        assertFalse(r.err().contains("internal error") || r.err().contains("out of memory"), context);
        assertTrue(allowed.contains(r.code()), context);
        if (r.code() == 2) {
            // progress lines ("nnid eval: working (7 s)") come before the answer on long runs
            List<String> lines = org.nnid.cli.ProgressLines.without(r.err()).strip().lines().toList();
            assertEquals(1, lines.size(), context);
            assertTrue(lines.get(0).startsWith("nnid: ") && lines.get(0).length() < 1000, context);
        }
        assertTrue(r.millis() < TIME_BOUND_MILLIS, context + " took " + r.millis() + " ms");
    }

    /** Reading damaged theory text ends in the theory reader's bad-input exception, or succeeds. */
    static void assertTheoryReadCleanly(byte[] damaged, Object damage) {
        long start = System.nanoTime();
        try {
            TheoryFile.parse(new String(damaged, StandardCharsets.UTF_8), "fuzz.theory", relative -> {
                throw new java.nio.file.NoSuchFileException(relative);
            }, false);
        } catch (TheoryFormatException e) {
            assertFalse(e.getMessage().contains("\n"), damage + ": " + e.getMessage());
            assertTrue(e.getMessage().startsWith("fuzz.theory"), damage + ": " + e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            fail(damage + ": " + e + " escaped the theory reader", e);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < TIME_BOUND_MILLIS, damage + " took " + millis + " ms");
    }

    static String abbreviate(String s) {
        return s.length() <= 400 ? s : s.substring(0, 400) + "…";
    }

    static List<String> constants(boolean costly) {
        List<String> all = new ArrayList<>(HOSTILE_CONSTANTS);
        if (costly) {
            all.addAll(COSTLY_CONSTANTS);
        }
        return all;
    }
}
