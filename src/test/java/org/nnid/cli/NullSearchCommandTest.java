package org.nnid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The null-search and identifiability commands: exit codes, JSON, one-line errors. */
class NullSearchCommandTest {
    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void foundExitsZeroAndPrintsTheNetworkAsJson() throws Exception {
        Run r = run("null-search", "relu", "--json");
        assertEquals(ExitCode.OK, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("FOUND", j.get("result").asText());
        assertEquals("PROVED_EXACTLY", j.get("proof_level").asText());
        assertEquals("nnid-network/1", j.get("network").get("format").asText());
        assertTrue(r.err().contains("null-search relu:"), r.err()); // progress goes to stderr
    }

    @Test
    void sameInputSameOutput() {
        assertEquals(run("null-search", "square").out(), run("null-search", "square").out());
    }

    @Test
    void noneFoundExitsOne() {
        Run r = run("null-search", "tanh", "--max-units", "3");
        assertEquals(ExitCode.NO, r.code());
        assertTrue(r.out().startsWith("NONE_FOUND for tanh"), r.out());
    }

    @Test
    void badInputIsOneLineAndExitTwo() {
        for (String[] args : new String[][] {{"null-search", "nosuch"}, {"null-search", "relu", "--inputs", "3"},
                {"null-search", "relu", "--grid", "q=1"}, {"null-search", "relu", "--depth", "0"},
                {"identifiability", "--network", "no-such-file.json"}}) {
            Run r = run(args);
            assertEquals(ExitCode.BAD_INPUT, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
    }

    @Test
    void identifiabilityOfAnActivation() {
        Run r = run("identifiability", "logistic");
        assertEquals(ExitCode.OK, r.code());
        assertTrue(r.out().contains("null-free:          cited"), r.out());
    }
}
