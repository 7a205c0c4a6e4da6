package org.nnid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StabilityCommandTest {
    @TempDir
    Path dir;

    // y = relu(x1) + 2 relu(x2) − 1: at (0,0) class 0 and d* = 1/3 exactly (inf-norm)
    private static final String NET = """
            {"format": "nnid-network/1", "activation": "relu", "inputs": 2,
             "layers": [{"weights": [[1, 0], [0, 1]], "bias": [0, 0]}, {"weights": [[1, 2]], "bias": [-1]}]}
            """;

    private Path net() throws IOException {
        Path p = dir.resolve("net.json");
        Files.writeString(p, NET);
        return p;
    }

    @Test
    void robustReportsEveryKindOfBoundAndTheExactDistance() throws IOException {
        MainTest.Run r = MainTest.run("robust", net().toString(), "--at", "0,0", "--eps", "0.25");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("ROBUST"), r.out());
        assertTrue(r.out().contains("= 1/3;"), r.out());
        assertTrue(r.out().contains("certified: interval bound propagation"), r.out());
        assertTrue(r.out().contains("certified: CROWN"), r.out());
        assertTrue(r.out().contains("upper bound  0.33333"), r.out());
    }

    @Test
    void robustAnswersNotRobustWithAProvedWitnessBeyondTheDistance() throws IOException {
        MainTest.Run r = MainTest.run("robust", net().toString(), "--at", "0,0", "--eps", "0.5");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("NOT ROBUST"), r.out());
    }

    @Test
    void robustRejectsBadInputInOneLine() throws IOException {
        MainTest.Run r = MainTest.run("robust", net().toString(), "--at", "0", "--eps", "0.5");
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        r = MainTest.run("robust", net().toString(), "--at", "0,0", "--eps", "-1");
        assertEquals(2, r.code());
        r = MainTest.run("robust", net().toString(), "--at", "0,0", "--eps", "0.1", "--norm", "3");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--norm"), r.err());
    }

    @Test
    void paradoxNeverOverwritesAFileItDidNotWrite() throws IOException {
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("table1.md"), "mine");
        MainTest.Run r = MainTest.run("paradox", "--quick", "--out", out.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("refusing to overwrite"), r.err());
        assertEquals("mine", Files.readString(out.resolve("table1.md")));
    }
}
