package org.nnid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnid.io.NNetFormat;
import org.nnid.io.NetworkFiles;
import org.nnid.io.NetworkFormatException;
import org.nnid.io.Vnnlib2Spec;
import org.nnid.scalar.Scalar;

/** nnid vnnlib: VNN-LIB 2.0 two-network specifications, their answers, and refused specifications. */
public class VnnlibCommandTest {
    @TempDir
    Path dir;

    public static final String F = """
            {"format": "nnid-network/1", "activation": "relu", "inputs": 2,
             "layers": [{"weights": [["1", "-1"], ["1/2", "1"]], "bias": ["0", "-1/4"]},
                        {"weights": [["1", "2"]], "bias": ["1/8"]}]}
            """;
    /** F with its second hidden unit's weights moved by 1/64: |G − F| ≤ 2·(1/64 + 1/64) = 1/16 on [-1, 1]². */
    public static final String G = """
            {"format": "nnid-network/1", "activation": "relu", "inputs": 2,
             "layers": [{"weights": [["1", "-1"], ["33/64", "65/64"]], "bias": ["0", "-1/4"]},
                        {"weights": [["1", "2"]], "bias": ["1/8"]}]}
            """;

    public static String spec(String eps, String extra) {
        return """
                ; two small relu networks, g a perturbed copy of f
                (vnnlib-version <2.0>)
                (declare-network f
                    (declare-input X_f real [2])
                    (declare-output Y_f real [1]))
                (declare-network g
                    (isomorphic-to f)
                    (declare-input X_g real [2])
                    (declare-output Y_g real [1]))
                (assert (and (>= X_f[0] -1) (<= X_f[0] 1)))
                (assert (<= X_f[1] 1))
                (assert (>= X_f[1] -1))
                (assert (== X_f[0] X_g[0]))
                (assert (== X_f[1] X_g[1]))
                """ + extra + "(assert (and (<= Y_g[0] (+ Y_f[0] " + eps + ")) (>= Y_g[0] (- Y_f[0] " + eps + "))))\n";
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private MainTest.Run run(String specText) throws IOException {
        return MainTest.run("vnnlib", write("s.vnnlib", specText).toString(), "--net", "f=" + write("f.json", F),
                "--net", "g=" + write("g.json", G));
    }

    @Test
    void theSpecificationIsReadExactly() {
        Vnnlib2Spec s = Vnnlib2Spec.parse(spec("0.05", ""), "s.vnnlib");
        assertEquals("f", s.first());
        assertEquals("g", s.second());
        assertEquals("isomorphic-to", s.relation());
        assertEquals(0, s.eps().compareValue(Scalar.parseExact("1/20")));
        assertEquals(0, s.lower().get(1).compareValue(Scalar.parseExact("-1")));
    }

    @Test
    void closenessThatHoldsIsUnsatWithACheckableBound() throws IOException {
        Path ev = dir.resolve("v.verdict.json");
        MainTest.Run r = MainTest.run("vnnlib", write("s.vnnlib", spec("0.07", "")).toString(), "--net",
                "f=" + write("f.json", F), "--net", "g=" + write("g.json", G), "--evidence", ev.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().startsWith("unsat\n"), r.out());
        MainTest.Run c = MainTest.run("check-evidence", ev.toString());
        assertEquals(0, c.code(), c.out());
    }

    @Test
    void theEvidenceNeverReplacesTheSpecificationEvenWithForce() throws IOException {
        Path spec = write("s.vnnlib", spec("0.07", ""));
        String before = Files.readString(spec);
        MainTest.Run r = MainTest.run("vnnlib", spec.toString(), "--net", "f=" + write("f.json", F), "--net",
                "g=" + write("g.json", G), "--evidence", spec.toString(), "--force");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("refusing to overwrite an input file"), r.err());
        assertEquals(before, Files.readString(spec));
    }

    @Test
    void closenessThatFailsIsSatWithACounterexample() throws IOException {
        MainTest.Run r = run(spec("0.001", ""));
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().startsWith("sat\n((X_f[0] "), r.out());
        assertTrue(r.out().contains("(Y_g[0] "), r.out());
    }

    @Test
    void aSpecificationNnidCannotReadIsOneLineWithFileAndLine() throws IOException {
        String missingLink = spec("0.05", "").replace("(assert (== X_f[1] X_g[1]))\n", "");
        MainTest.Run r = run(missingLink);
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().matches("nnid: .*s\\.vnnlib: line \\d+: no \\(== X_f\\[1\\] X_g\\[1\\]\\).*\\n"), r.err());
        MainTest.Run strict = run(spec("0.05", "(assert (< X_f[0] 3))\n"));
        assertEquals(2, strict.code());
        assertTrue(strict.err().contains("s.vnnlib: line 15: operator '<'"), strict.err());
        MainTest.Run open = run(spec("0.05", "(assert (and (<= X_f[0] 1)\n"));
        assertEquals(2, open.code());
        assertTrue(open.err().contains("line 15: this '(' is never closed"), open.err());
        assertTrue(assertThrowsMessage(spec("0.05", "").replace("X_g[0] real", "X_g[0] real")
                .replace("(assert (== X_f[0] X_g[0]))", "(assert (== X_f[0] X_h[0]))")).contains("unknown variable X_h"));
    }

    private static String assertThrowsMessage(String text) {
        try {
            Vnnlib2Spec.parse(text, "t.vnnlib");
        } catch (NetworkFormatException e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted: " + text);
    }

    /** The shared example: ACAS Xu 1_2 against its float16 copy on property 3 (raw networks as ONNX). */
    @Test
    void theAcasExampleIsUnsatAtFivePercent() throws IOException {
        Path suite = Path.of("benchmarks/acas-diff");
        NetworkFiles.write(NNetFormat.readWithoutNormalisation(suite.resolve(
                "original/ACASXU_run2a_1_2_batch_2000.nnet.gz")), dir.resolve("f.onnx"));
        NetworkFiles.write(NNetFormat.readWithoutNormalisation(suite.resolve(
                "float16/ACASXU_run2a_1_2_batch_2000_16bit.nnet.gz")), dir.resolve("g.onnx"));
        Path ev = dir.resolve("acas.verdict.json");
        MainTest.Run r = MainTest.run("vnnlib", suite.resolve("acas_1_2_float16_prop3.vnnlib").toString(), "--net",
                "f=" + dir.resolve("f.onnx"), "--net", "g=" + dir.resolve("g.onnx"), "--evidence", ev.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().startsWith("unsat\n"), r.out());
        MainTest.Run c = MainTest.run("check-evidence", ev.toString());
        assertEquals(0, c.code(), c.out());
    }
}
