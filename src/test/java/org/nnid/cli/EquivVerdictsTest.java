package org.nnid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verdicts of {@code nnid equiv} and their exit codes (issue 14), on the pairs that used to be
 * called EQUIVALENT "within tolerance": every exit code that {@code nnid equiv --help} lists is
 * reached here, and a saved verdict whose word or certificate was edited no longer holds.
 */
class EquivVerdictsTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static String tanh(String layers) {
        return "{\"format\": \"nnid-network/1\", \"activation\": \"tanh\", \"inputs\": 1, \"layers\": " + layers + "}";
    }

    private MainTest.Run equiv(String a, String b, String... more) throws IOException {
        String[] args = new String[3 + more.length];
        args[0] = "equiv";
        args[1] = write("a.json", a).toString();
        args[2] = write("b.json", b).toString();
        System.arraycopy(more, 0, args, 3, more.length);
        return MainTest.run(args);
    }

    private static final String ZERO = tanh("[{\"weights\": [[1.0]], \"bias\": [0.5]}, {\"weights\": [[0.0]], \"bias\": [0.0]}]");

    @Test
    void clonesWhoseOutgoingWeightsCancelAcrossSixteenOrdersOfMagnitudeAreNotTheZeroFunction() throws IOException {
        // 1e16·tanh(x+½) + ½·tanh(x+½) − 1e16·tanh(x+½) = ½·tanh(x+½); in double 1e16 + ½ rounds to 1e16.
        String three = tanh("[{\"weights\": [[1.0], [1.0], [1.0]], \"bias\": [0.5, 0.5, 0.5]},"
                + " {\"weights\": [[1e16, 0.5, -1e16]], \"bias\": [0.0]}]");
        MainTest.Run r = equiv(three, ZERO);
        assertEquals(1, r.code(), r.out());
        assertTrue(r.out().startsWith("NOT_EQUIVALENT"), r.out());
        MainTest.Run same = equiv(three, tanh("[{\"weights\": [[1.0]], \"bias\": [0.5]}, {\"weights\": [[0.5]], \"bias\": [0.0]}]"));
        assertEquals(0, same.code(), same.out());
        assertTrue(same.out().startsWith("EQUIVALENT (exact)"), same.out());
    }

    @Test
    void aBiasOfAThousandAgainstAThousandPlusOneTrillionthIsNotEquivalent() throws IOException {
        MainTest.Run r = equiv(tanh("[{\"weights\": [[1.0]], \"bias\": [1000.0]}, {\"weights\": [[1.0]], \"bias\": [0.0]}]"),
                tanh("[{\"weights\": [[1.0]], \"bias\": [1000.000000000001]}, {\"weights\": [[1.0]], \"bias\": [0.0]}]"));
        assertEquals(1, r.code(), r.out());
        assertTrue(r.out().contains("finding: the canonical forms of the doubles agree within relative 1.0E-12"), r.out());
    }

    @Test
    void nearClonesUnderAHugeOutgoingWeightAreNotTheZeroFunction() throws IOException {
        MainTest.Run r = equiv(tanh("[{\"weights\": [[1.0], [1.0000000000001]], \"bias\": [0.25, 0.25]},"
                + " {\"weights\": [[1e6, -1e6]], \"bias\": [0.0]}]"), ZERO);
        assertEquals(1, r.code(), r.out());
    }

    @Test
    void closenessIsAskedWithEpsAndAnsweredWithinOrExceeds() throws IOException {
        Path a = Path.of("proofs-examples/float32-reexport/float64.json");
        Path b = Path.of("proofs-examples/float32-reexport/float32.json");
        MainTest.Run exact = MainTest.run("equiv", a.toString(), b.toString());
        assertEquals(1, exact.code(), exact.out());
        MainTest.Run within = MainTest.run("equiv", a.toString(), b.toString(), "--eps", "1e-6");
        assertEquals(0, within.code(), within.out());
        assertTrue(within.out().startsWith("WITHIN_EPS (bound)"), within.out());
        MainTest.Run exceeds = MainTest.run("equiv", a.toString(), b.toString(), "--eps", "1e-9");
        assertEquals(1, exceeds.code(), exceeds.out());
        assertTrue(exceeds.out().startsWith("EXCEEDS_EPS (witness)"), exceeds.out());
        MainTest.Run everywhere = MainTest.run("equiv", a.toString(), b.toString(), "--eps", "1e-6", "--box", "all");
        assertTrue(everywhere.out().contains("on all of R^2"), everywhere.out());
    }

    @Test
    void aPairNoProcedureDecidesIsUnknownWithExitThree() throws IOException {
        // softplus(x1) − softplus(−x1) = softplus(x1 + 1) − softplus(−x1 − 1) − 1 with two inputs: one function, but
        // softplus is not null-free and no exact procedure decides softplus networks (Symja is not asked).
        String relu = "{\"format\": \"nnid-network/1\", \"activation\": \"softplus\", \"inputs\": 2, \"layers\": ["
                + "{\"weights\": [[\"1\", \"0\"], [\"-1\", \"0\"]], \"bias\": [\"0\", \"0\"]}, {\"weights\": [[\"1\", \"-1\"]], \"bias\": [\"0\"]}]}";
        String scaled = "{\"format\": \"nnid-network/1\", \"activation\": \"softplus\", \"inputs\": 2, \"layers\": ["
                + "{\"weights\": [[\"1\", \"0\"], [\"-1\", \"0\"]], \"bias\": [\"1\", \"-1\"]}, {\"weights\": [[\"1\", \"-1\"]], \"bias\": [\"-1\"]}]}";
        MainTest.Run r = equiv(relu, scaled);
        assertEquals(3, r.code(), r.out());
        assertTrue(r.out().startsWith("UNKNOWN"), r.out());
    }

    @Test
    void badInputIsExitTwo() throws IOException {
        MainTest.Run r = equiv(ZERO, ZERO, "--eps", "-1");
        assertEquals(2, r.code(), r.out() + r.err());
    }

    @Test
    void theHelpListsEveryExitCode() {
        MainTest.Run r = MainTest.run("equiv", "--help");
        for (String s : new String[] {"EQUIVALENT      exit 0", "NOT_EQUIVALENT  exit 1", "UNKNOWN         exit 3",
                "WITHIN_EPS      exit 0", "EXCEEDS_EPS     exit 1", "Bad input: exit 2", "Internal error: exit 4"}) {
            assertTrue(r.out().contains(s), s + " in\n" + r.out());
        }
    }

    @Test
    void aNetworksDeclaredBoxIsTheDefaultDomain() {
        String nnet = "examples/networks/TestNetwork.nnet";
        String onnx = "examples/networks/TestNetwork2.onnx";
        MainTest.Run r = MainTest.run("equiv", nnet, onnx);
        assertEquals(1, r.code(), r.out());
        assertTrue(r.out().contains("on the box [0.0, 60760.0]"), r.out());
        assertTrue(r.out().contains("witness input in the box"), r.out());
    }

    @Test
    void diffExitsOneOnlyWhenTheDifferenceIsProved() throws IOException {
        Path a = write("relu-a.json", "{\"format\": \"nnid-network/1\", \"activation\": \"relu\", \"inputs\": 1,"
                + " \"layers\": [{\"weights\": [[\"1\"], [\"-1\"]], \"bias\": [\"0\", \"0\"]}, {\"weights\": [[\"1\", \"-1\"]], \"bias\": [\"0\"]}]}");
        // docs/math.md E11: relu(x) − relu(−x) = relu(x + 1) − relu(−x − 1) − 1, canonical forms that differ.
        Path c = write("relu-c.json", "{\"format\": \"nnid-network/1\", \"activation\": \"relu\", \"inputs\": 1,"
                + " \"layers\": [{\"weights\": [[\"1\"], [\"-1\"]], \"bias\": [\"1\", \"-1\"]}, {\"weights\": [[\"1\", \"-1\"]], \"bias\": [\"-1\"]}]}");
        MainTest.Run nothing = MainTest.run("diff", a.toString(), c.toString());
        assertEquals(3, nothing.code(), nothing.out() + nothing.err());
        assertTrue(nothing.out().contains("proves nothing"), nothing.out());
        assertEquals(0, MainTest.run("diff", a.toString(), a.toString()).code());
        MainTest.Run proved = MainTest.run("diff", "proofs-examples/twelfth-digit/a.json", "proofs-examples/twelfth-digit/b.json");
        assertEquals(1, proved.code(), proved.out());
        assertTrue(proved.out().contains("different functions"), proved.out());
    }

    @Test
    void aMistypedCommandSuggestsTheNearestOne() {
        MainTest.Run r = MainTest.run("equv", "a.json", "b.json");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("did you mean equiv"), r.err());
    }

    @Test
    void generateCompletionPrintsABashScript() {
        MainTest.Run r = MainTest.run("generate-completion");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("#!/usr/bin/env bash"), r.out());
    }
}
