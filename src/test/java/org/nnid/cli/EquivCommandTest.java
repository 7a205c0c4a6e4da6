package org.nnid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** nnid equiv, check-evidence and verify from the command line: verdict words, exit codes, files. */
class EquivCommandTest {
    @TempDir
    Path dir;

    private static final String A = """
            {"format": "nnid-network/1", "activation": "tanh", "inputs": 1,
             "layers": [{"weights": [["1"], ["2"]], "bias": ["1/2", "-1"]}, {"weights": [["3", "-1"]], "bias": ["1/4"]}]}
            """;
    private static final String FLIPPED = """
            {"format": "nnid-network/1", "activation": "tanh", "inputs": 1,
             "layers": [{"weights": [["1"], ["-2"]], "bias": ["1/2", "1"]}, {"weights": [["3", "1"]], "bias": ["1/4"]}]}
            """;
    private static final String SHIFTED = """
            {"format": "nnid-network/1", "activation": "tanh", "inputs": 1,
             "layers": [{"weights": [["1"], ["2"]], "bias": ["1/2", "-1"]}, {"weights": [["3", "-1"]], "bias": ["1/3"]}]}
            """;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void equivalentNetworksPrintTheVerdictFirstAndExitZero() throws IOException {
        MainTest.Run r = MainTest.run("equiv", write("a.json", A).toString(), write("b.json", FLIPPED).toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("EQUIVALENT (exact)\n"), r.out());
    }

    @Test
    void differentNetworksExitOneWithAWitnessThatCheckEvidenceConfirms() throws IOException {
        Path ev = dir.resolve("v.verdict.json");
        MainTest.Run r = MainTest.run("equiv", write("a.json", A).toString(), write("c.json", SHIFTED).toString(),
                "--evidence", ev.toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.out().startsWith("NOT_EQUIVALENT"), r.out());
        String saved = Files.readString(ev);
        assertFalse(saved.contains("timings_ms"), "saved verdicts carry no timings");
        MainTest.Run check = MainTest.run("check-evidence", ev.toString());
        assertEquals(0, check.code(), check.out() + check.err());
        assertTrue(check.out().startsWith("HOLDS"), check.out());
        // The same evidence with a moved enclosure no longer holds.
        Files.writeString(ev, saved.replaceFirst("\"enclosure_b\" : \\[ [^,]+,", "\"enclosure_b\" : [ -1.0E300,"));
        MainTest.Run tampered = MainTest.run("check-evidence", ev.toString());
        assertEquals(1, tampered.code(), tampered.out());
        assertTrue(tampered.out().startsWith("FAILS"), tampered.out());
    }

    @Test
    void savedVerdictsAreByteIdenticalBetweenRuns() throws IOException {
        Path a = write("a.json", A);
        Path b = write("b.json", SHIFTED);
        MainTest.run("equiv", a.toString(), b.toString(), "--evidence", dir.resolve("1.json").toString());
        MainTest.run("equiv", a.toString(), b.toString(), "--evidence", dir.resolve("2.json").toString());
        assertEquals(Files.readString(dir.resolve("1.json")), Files.readString(dir.resolve("2.json")));
    }

    @Test
    void jsonOutputCarriesTheVerdictEvidenceAndTimings() throws IOException {
        MainTest.Run r = MainTest.run("equiv", write("a.json", A).toString(), write("b.json", FLIPPED).toString(), "--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"verdict\" : \"EQUIVALENT\""), r.out());
        assertTrue(r.out().contains("\"certificate_a\""), r.out());
        assertTrue(r.out().contains("\"timings_ms\""), r.out());
    }

    @Test
    void badInputIsOneLineWithExitTwo() throws IOException {
        Path a = write("a.json", A);
        Path two = write("two.json", """
                {"format": "nnid-network/1", "activation": "tanh", "inputs": 2,
                 "layers": [{"weights": [["1", "1"]], "bias": ["0"]}, {"weights": [["1"]], "bias": ["0"]}]}
                """);
        MainTest.Run r = MainTest.run("equiv", a.toString(), two.toString());
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("1 inputs and B has 2"), r.err());
        MainTest.Run box = MainTest.run("equiv", a.toString(), a.toString(), "--box", "1,0");
        assertEquals(2, box.code());
        assertTrue(box.err().contains("coordinate 1"), box.err());
    }

    @Test
    void theEvidenceFileNeverOverwritesAnInput() throws IOException {
        Path a = write("a.json", A);
        Path b = write("b.json", FLIPPED);
        MainTest.Run r = MainTest.run("equiv", a.toString(), b.toString(), "--evidence", b.toString());
        assertEquals(2, r.code());
        assertEquals(FLIPPED, Files.readString(b));
    }
}
