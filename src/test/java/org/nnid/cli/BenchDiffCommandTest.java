package org.nnid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** nnid bench-diff: arguments refused before any instance runs. */
class BenchDiffCommandTest {
    @TempDir
    Path dir;

    @Test
    void aSavedCertificateIsNotReplacedWithoutForce() throws IOException {
        Path existing = dir.resolve("property1-ACASXU_run2a_1_1_batch_2000.verdict.json");
        Files.writeString(existing, "mine");
        MainTest.Run r = MainTest.run("bench-diff", "--instances", "1", "--limit", "1", "--certificates", dir.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("the file exists; refusing to replace it"), r.err());
        assertEquals("mine", Files.readString(existing));
    }

    @Test
    void instancesOutsideTheSuiteAreRefusedNamingTheRange() {
        MainTest.Run r = MainTest.run("bench-diff", "--instances", "0,5");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("--instances: expected instance numbers or ranges within 1..143"), r.err());
    }
}
