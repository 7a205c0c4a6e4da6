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

    @Test
    void anAliasClashIsReportedByVerifyExactlyAsByUse() throws IOException {
        Path theory = dir.resolve("clash.theory");
        Files.writeString(theory, "name: mytanh\naliases: [relu]\ndefinition: Tanh(t)\n");
        Path net = dir.resolve("n.json");
        Files.writeString(net, "{\"format\": \"nnid-network/1\", \"activation\": \"mytanh\", \"inputs\": 1, \"layers\": ["
                + "{\"weights\": [[1]], \"bias\": [0]}, {\"weights\": [[1]], \"bias\": [0]}]}");
        MainTest.Run verify = MainTest.run("theory", "verify", theory.toString());
        MainTest.Run use = MainTest.run("eval", net.toString(), "--at", "1", "--theory", theory.toString());
        assertEquals(2, verify.code(), verify.out() + verify.err());
        assertEquals(2, use.code(), use.out() + use.err());
        assertEquals(use.err(), verify.err());
    }

    @Test
    void aDefinitionWithAPoleFailsVerificationAndIsNeverEvaluated() throws IOException {
        Path theory = dir.resolve("pole.theory");
        Files.writeString(theory, "name: pole\ndefinition: 1/t\n");
        Path net = dir.resolve("p.json");
        Files.writeString(net, "{\"format\": \"nnid-network/1\", \"activation\": \"pole\", \"inputs\": 1, \"layers\": ["
                + "{\"weights\": [[1]], \"bias\": [0]}, {\"weights\": [[1]], \"bias\": [0]}]}");
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
