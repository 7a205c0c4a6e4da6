package org.nnid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DedupCommandTest {
    @TempDir
    Path dir;

    @Test
    void zooThenDedupWritesAReportAndBadArgumentsExitWithTwo() throws Exception {
        Path zoo = dir.resolve("zoo");
        MainTest.Run gen = MainTest.run("zoo", "generate", zoo.toString(), "--seeds", "2", "--copies", "2",
                "--width", "3", "--depth", "1");
        assertEquals(0, gen.code(), gen.err());
        assertTrue(Files.exists(zoo.resolve("manifest.csv")));
        assertEquals(2, MainTest.run("zoo", "generate", zoo.toString(), "--seeds", "1", "--copies", "1").code(),
                "a non-empty folder is refused");

        Path report = dir.resolve("report.json");
        MainTest.Run r = MainTest.run("dedup", zoo.toString(), "--format", "json", "--out", report.toString());
        assertEquals(0, r.code(), r.err());
        String json = Files.readString(report);
        assertTrue(json.contains("\"groups\" : 2"), json);
        assertTrue(r.err().contains("2 groups of one function hold 6 files"), r.err());

        MainTest.Run csv = MainTest.run("dedup", zoo.toString(), "--format", "csv");
        assertTrue(csv.out().startsWith("section,group,file,bytes,detail\n"), csv.out());

        assertEquals(2, MainTest.run("dedup", dir.resolve("missing").toString()).code());
        assertEquals(2, MainTest.run("dedup", zoo.toString(), "--format", "xml").code());
        assertEquals(2, MainTest.run("dedup", zoo.toString(), "--eps", "-1").code());
    }

    @Test
    void sparkWithoutTheSparkModuleExitsWithTwoAndSaysHowToBuildIt() throws Exception {
        Files.createDirectories(dir.resolve("zoo"));
        MainTest.Run r = MainTest.run("dedup", "--spark", "local[*]", dir.resolve("zoo").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("mvn -f spark package -DskipTests") && r.err().strip().lines().count() == 1, r.err());
        assertEquals(2, MainTest.run("dedup", "--spark", "local[2]", "--threads", "2", dir.resolve("zoo").toString()).code());
    }
}
