package org.nnid.cli;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's theory whose symmetry family is slightly false (a shift by k·(π + 10⁻³⁰) for sin)
 * passes every numeric check; no verdict may rest on it.
 */
class NumericFactsTrustTest {
    @TempDir
    Path dir;

    @Test
    void aSymmetryCheckedOnlyNumericallyNeverProvesTwoDifferentFunctionsEqual() throws IOException {
        Path theory = dir.resolve("mysin.theory");
        Files.writeString(theory, String.join("\n",
                "name: mysin",
                "description: the sine with a slightly false symmetry family",
                "definition: Sin(t)",
                "symmetries:",
                "  - element: [epsilon, \"k*(Pi+10^(-30))\", \"epsilon*(-1)^k\", 0]",
                "    parameters: {epsilon: sign, k: integer}",
                "normal_form:",
                "  rule: flip_then_shift",
                "  flip: [-1, 0, -1, 0]",
                "  element: [1, \"k*(Pi+10^(-30))\", \"(-1)^k\", 0]",
                "  shift: k",
                "null_free:",
                "  status: unknown", ""));
        // sin(x) against −sin(x + π + 10⁻³⁰) = sin(x + 10⁻³⁰): different functions
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        Files.writeString(a, "{\"format\": \"nnid-network/1\", \"activation\": \"mysin\", \"inputs\": 1, \"layers\":"
                + " [{\"weights\": [[\"1\"]], \"bias\": [\"0\"]}, {\"weights\": [[\"1\"]], \"bias\": [\"0\"]}]}");
        Files.writeString(b, "{\"format\": \"nnid-network/1\", \"activation\": \"mysin\", \"inputs\": 1, \"layers\":"
                + " [{\"weights\": [[\"1\"]], \"bias\": [\"Pi+10^(-30)\"]}, {\"weights\": [[\"-1\"]], \"bias\": [\"0\"]}]}");
        MainTest.Run verify = MainTest.run("theory", "verify", theory.toString());
        assertTrue(verify.out().contains("CHECKED_NUMERICALLY"), verify.out());
        assertTrue(verify.out().contains("not relied on"), verify.out());
        MainTest.Run r = MainTest.run("equiv", a.toString(), b.toString(), "--theory", theory.toString());
        assertNotEquals(0, r.code(), r.out());
        MainTest.Run hashA = MainTest.run("hash", a.toString(), "--theory", theory.toString());
        MainTest.Run hashB = MainTest.run("hash", b.toString(), "--theory", theory.toString());
        assertNotEquals(hashA.out(), hashB.out(), "different functions must not share a canonical hash");
    }
}
