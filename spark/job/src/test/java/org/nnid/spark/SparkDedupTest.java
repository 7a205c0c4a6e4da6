package org.nnid.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnid.dedup.Dedup;
import org.nnid.dedup.DedupReport;
import org.nnid.dedup.ReportWriter;
import org.nnid.dedup.Zoo;

/** The Spark job gives the single-machine report, byte for byte, in every format. */
class SparkDedupTest {
    @TempDir
    static Path zoo;

    @BeforeAll
    static void generate() throws Exception {
        // one hidden layer keeps every check fast; unreadable and skipped files go through both runners too
        Zoo.generate(zoo, new Zoo.Spec(4, 3, 2, 11, 6, 1), false);
        Files.createDirectories(zoo.resolve("bad"));
        Files.writeString(zoo.resolve("bad/broken.json"), "{\"format\": \"nnid-network/1\", \"activation\": ");
        Files.write(zoo.resolve("bad/noise.onnx"), new byte[] {1, 2, 3, 4, 5});
    }

    private static void assertSameReports(Dedup.Options options) {
        DedupReport single = Dedup.run(zoo, options, null).report();
        DedupReport spark = new SparkDedup().run(zoo, "local[2]", options, null).report();
        assertFalse(single.groups().isEmpty(), "the zoo has copies to group");
        for (ReportWriter.Format f : ReportWriter.Format.values()) {
            assertEquals(ReportWriter.write(single, f), ReportWriter.write(spark, f), f.name());
        }
    }

    @Test
    void sparkReportEqualsSingleMachineReport() {
        assertSameReports(Dedup.Options.defaults().withProgressMillis(0));
    }

    @Test
    void aMasterSparkCannotUseIsABadArgument() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SparkDedup().run(zoo, "nonsense://nowhere", Dedup.Options.defaults(), null));
        assertTrue(e.getMessage().startsWith("--spark nonsense://nowhere: Spark did not start (")
                && !e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void sparkReportEqualsSingleMachineReportWithEps() {
        assertSameReports(Dedup.Options.defaults().withProgressMillis(0).withEps(Optional.of(1e-6)));
    }
}
