package org.nnid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 22: counts, grid steps and time limits outside their documented ranges are bad input naming the option. */
class CountRangesTest {
    @TempDir
    Path dir;

    private static void refused(String option, String... args) {
        MainTest.Run r = MainTest.run(args);
        assertEquals(2, r.code(), String.join(" ", args) + ": " + r.out() + r.err());
        assertTrue(r.err().contains(option), r.err());
    }

    @Test
    void everyCountOutsideItsRangeIsRefusedNamingTheOption() throws IOException {
        Path net = dir.resolve("a.json");
        Files.writeString(net, "{\"format\": \"nnid-network/1\", \"activation\": \"relu\", \"inputs\": 1, \"layers\": ["
                + "{\"weights\": [[1]], \"bias\": [0]}, {\"weights\": [[1]], \"bias\": [0]}]}");
        String n = net.toString();
        refused("--points", "equiv", n, n, "--points", "2147483647");
        refused("--points", "equiv", n, n, "--points", "0");
        refused("--steps", "robust", n, "--at", "1", "--eps", "0.1", "--steps", "0");
        refused("--restarts", "robust", n, "--at", "1", "--eps", "0.1", "--restarts", "-1");
        refused("--time-limit", "null-search", "tanh", "--time-limit", "-1");
        refused("--time-limit", "null-search", "tanh", "--time-limit", "1e9");
        refused("--time-limit", "theory", "verify", "tanh", "--time-limit", "0");
        refused("--time-limit", "identifiability", "tanh", "--time-limit", "-1");
        refused("--pairs", "bench-relu", "--pairs", "0");
        refused("step must not be 0", "null-search", "tanh", "--grid", "b=0..5:0");
    }
}
