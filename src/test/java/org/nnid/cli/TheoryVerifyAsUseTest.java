package org.nnid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 22: theory verify refuses what every command refuses, and fails what no command may use. */
class TheoryVerifyAsUseTest {
    @TempDir
    Path dir;

    /** NAME.theory (name: NAME, then the rest) and NAME.json, a one-unit network of it; returns the theory file. */
    private Path theoryAndNetwork(String name, String rest) throws IOException {
        Path theory = dir.resolve(name + ".theory");
        Files.writeString(theory, "name: " + name + "\n" + rest);
        Files.writeString(dir.resolve(name + ".json"), "{\"format\": \"nnid-network/1\", \"activation\": \""
                + name + "\", \"inputs\": 1, \"layers\": ["
                + "{\"weights\": [[1]], \"bias\": [0]}, {\"weights\": [[1]], \"bias\": [0]}]}");
        return theory;
    }

    @Test
    void anAliasClashIsReportedByVerifyExactlyAsByUse() throws IOException {
        Path theory = theoryAndNetwork("mytanh", "aliases: [relu]\ndefinition: Tanh(t)\n");
        Path net = dir.resolve("mytanh.json");
        MainTest.Run verify = MainTest.run("theory", "verify", theory.toString());
        MainTest.Run use = MainTest.run("eval", net.toString(), "--at", "1", "--theory", theory.toString());
        assertEquals(2, verify.code(), verify.out() + verify.err());
        assertEquals(2, use.code(), use.out() + use.err());
        assertEquals(use.err(), verify.err());
    }

    @Test
    void aDefinitionWithAPoleFailsVerificationAndIsNeverEvaluated() throws IOException {
        Path theory = theoryAndNetwork("pole", "definition: 1/t\n");
        Path net = dir.resolve("pole.json");
        MainTest.Run verify = MainTest.run("theory", "verify", theory.toString());
        assertEquals(1, verify.code(), verify.out());
        assertTrue(verify.out().contains("FAILED") && verify.out().contains("t = 0"), verify.out());
        for (String mode : new String[] {"--interval", "--exact"}) {
            MainTest.Run eval = MainTest.run("eval", net.toString(), "--at", "0", mode, "--theory", theory.toString());
            assertEquals(2, eval.code(), eval.out() + eval.err());
            assertTrue(!eval.out().contains("NaN") && !eval.out().contains("Infinity"), eval.out());
        }
    }
}
