package org.nnid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnid.io.ChainJson;

/**
 * Found by DeepChainProperties: on a 55-layer relu chain of weight 1/2 the output at 3/4 is about
 * 2e-17, below the floating-point branch and bound's tolerance, which then put d* at 0 under the
 * certified CROWN bound 3/4 and robust ended in an internal error.
 */
class RobustDeepChainTest {
    @TempDir
    Path dir;

    @Test
    void aChainWhoseOutputIsBelowTheBranchAndBoundToleranceIsAnalysedWithoutAnInternalError() throws IOException {
        Path net = dir.resolve("chain.json");
        Files.writeString(net, ChainJson.text(ChainJson.Form.LAYERED, 55, "relu", "1/2"));
        MainTest.Run r = MainTest.run("robust", net.toString(), "--at", "3/4", "--eps", "1/100");
        assertEquals(0, r.code(), r.out() + r.err());
    }
}
