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

    @Test
    void aCpuLimitThatIsNotPositiveIsRefused() {
        MainTest.Run r = MainTest.run("bench-diff", "--instances", "1", "--cpu-limit", "0");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("--cpu-limit: expected seconds in (0, 3600], found 0.0"), r.err());
    }

    @Test
    void anInstanceOverItsCpuLimitIsUnknownAndTheSummaryStatesTheLimit() {
        // instance 1's root bound is far above 0.05, so a millisecond of CPU cannot decide it
        MainTest.Run r = MainTest.run("bench-diff", "--instances", "1", "--cpu-limit", "0.001");
        assertEquals(3, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("the search ran out of CPU time"), r.err());
        assertTrue(r.out().contains("limit 600.0 s and 0.001 s of CPU per instance"), r.out());
    }
}
