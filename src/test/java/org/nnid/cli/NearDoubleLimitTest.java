package org.nnid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 22: orbit on a valid network whose weights are near the double limit names the file, the move and the cause. */
class NearDoubleLimitTest {
    @TempDir
    Path dir;

    @Test
    void orbitNamesTheFileTheMoveAndTheCause() throws IOException {
        Path net = dir.resolve("big.json");
        Files.writeString(net, "{\"format\": \"nnid-network/1\", \"activation\": \"relu\", \"inputs\": 1, \"layers\": ["
                + "{\"weights\": [[1e308], [-1.5e308]], \"bias\": [1e308, 0]}, {\"weights\": [[1e308, 1.7e308]], \"bias\": [0]}]}");
        for (int seed = 1; seed <= 3; seed++) {
            MainTest.Run r = MainTest.run("orbit", net.toString(), "--sample", "20", "--out", dir.resolve("o" + seed).toString(),
                    "--seed", String.valueOf(seed));
            if (r.code() == 0) {
                continue;
            }
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains("big.json") && r.err().contains("orbit copy") && r.err().contains("double limit"),
                    r.err());
        }
    }
}
