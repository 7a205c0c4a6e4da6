package org.nnid.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sizes a header announces are checked against the file before anything is allocated (issue 19). */
class ReaderBudgetTest {
    @TempDir
    Path dir;

    private ReaderFuzz.Run convert(String name, byte[] file, String... extra) {
        return ReaderFuzz.run(dir, name, file, f -> {
            String[] args = {"convert", f.toString(), dir.resolve("out.json").toString()};
            String[] all = java.util.Arrays.copyOf(args, args.length + extra.length);
            System.arraycopy(extra, 0, all, args.length, extra.length);
            return all;
        });
    }

    private static void assertRefused(ReaderFuzz.Run r, String mentions) {
        ReaderFuzz.assertClean(r, Set.of(2), mentions);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(mentions), r.err());
    }

    private static byte[] nnetWithHeader(String counts, String sizes) {
        String valid = new String(ReaderFuzz.written(ReaderFuzz.RELU_F, ".nnet"), StandardCharsets.UTF_8);
        String[] lines = valid.split("\n", -1);
        lines[1] = counts;
        lines[2] = sizes;
        return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anNNetHeaderAnnouncingABillionLayersIsRefusedByTheFileLength() {
        assertRefused(convert("a.nnet", nnetWithHeader("1000000000,2,1,2,", "2,2,1,")), "1000000000 layers");
        assertRefused(convert("b.nnet", nnetWithHeader("2147483647,2,1,2,", "2,2,1,")), "2147483647 layers");
    }

    @Test
    void anNNetHeaderAnnouncingHugeLayerSizesIsRefusedByTheFileLength() {
        assertRefused(convert("c.nnet", nnetWithHeader("2,2,1,2147483647,", "2,2147483647,1,")), "weights and biases");
    }

    @Test
    void aSafetensorsShapeWhoseProductOverflowsIsRefused() {
        String header = "{\"fc1.weight\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,0]}}";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        byte[] file = ByteBuffer.allocate(8 + h.length).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).put(h).array();
        assertRefused(convert("m.safetensors", file, "--activation", "relu"), "announces more entries");
    }

    private ReaderFuzz.Run vnnlib(String spec) throws IOException {
        Path f = writeRelu();
        Path g = java.nio.file.Files.writeString(dir.resolve("g.json"), ReaderFuzz.RELU_G);
        return ReaderFuzz.run(dir, "s.vnnlib", spec.getBytes(StandardCharsets.UTF_8),
                s -> new String[] {"vnnlib", s.toString(), "--net", "f=" + f, "--net", "g=" + g});
    }

    @Test
    void aVnnlibDimensionOrIndexBeyondTheFileIsRefused() throws IOException {
        assertRefused(vnnlib(ReaderFuzz.VNNLIB.replace("X_f real [2]", "X_f real [2147483648]")), "dimension");
        assertRefused(vnnlib(ReaderFuzz.VNNLIB.replace("(<= X_f[1] 1)", "(<= X_f[2147483648] 1)")), "out of range");
        assertRefused(vnnlib(ReaderFuzz.VNNLIB.replace("(<= X_f[1] 1)", "(<= X_f[1] 1e999)")), "range of doubles");
    }

    @Test
    void aCsvCoordinateWithAnExponentBeyondIntIsRefused() {
        ReaderFuzz.Run r = ReaderFuzz.run(dir, "p.csv", "0,1\n0,2.5e-2147483648\n".getBytes(StandardCharsets.UTF_8),
                p -> new String[] {"eval", writeRelu().toString(), "--csv", p.toString()});
        assertRefused(r, "budget");
    }

    private Path writeRelu() {
        try {
            return java.nio.file.Files.writeString(dir.resolve("f.json"), ReaderFuzz.RELU_F);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void tanhAndSinOfAGoogolAreValidWeights() {
        String net = ReaderFuzz.TANH_NETWORK.replace("\"Pi/4\"", "\"Tanh(10^100)\"").replace("\"1/2\"", "\"Sin(10^100)\"");
        ReaderFuzz.Run r = ReaderFuzz.run(dir, "t.json", net.getBytes(StandardCharsets.UTF_8),
                f -> new String[] {"eval", f.toString(), "--at", "1,2", "--exact"});
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void aTheoryConstantWithAPowerBeyondTheBudgetIsRefusedNotBuilt() {
        // (1/3)^(10^6) has about a million bits; it used to be built by a million exact products
        String tanh = new String(ReaderFuzz.theory("tanh.theory"), StandardCharsets.UTF_8);
        String damaged = tanh.replaceFirst("flip: \\[-1,", "flip: [\"(1/3)^(10^6)\",");
        assertTrue(!damaged.equals(tanh), "the planted constant is in the file");
        org.nnid.theory.TheoryFormatException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.nnid.theory.TheoryFormatException.class, () -> org.nnid.theory.TheoryFile.parse(damaged, "t.theory",
                        relative -> { throw new java.nio.file.NoSuchFileException(relative); }, false));
        assertTrue(e.getMessage().contains("budget"), e.getMessage());
    }
}
