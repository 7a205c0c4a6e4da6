package org.nnid.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** nnid dedup on a tiny generated zoo: every copy found, no near miss merged, the same report every run. */
class DedupTest {
    @TempDir
    static Path zoo;

    private static List<Zoo.Entry> manifest;
    private static DedupReport first;

    @BeforeAll
    static void generateAndDeduplicate() throws Exception {
        // one hidden layer keeps every check fast (deep relu near misses wait for the region cover's limit)
        Zoo.generate(zoo, new Zoo.Spec(3, 3, 2, 7, 5, 1), false);
        manifest = Zoo.readManifest(zoo.resolve(Zoo.MANIFEST));
        Files.createDirectories(zoo.resolve("bad"));
        Files.writeString(zoo.resolve("bad/broken.json"), "{\"format\": \"nnid-network/1\", \"activation\": ");
        Files.write(zoo.resolve("bad/noise.onnx"), new byte[] {1, 2, 3, 4, 5});
        Files.write(zoo.resolve("bad/weights.safetensors"), new byte[] {8, 0, 0, 0, 0, 0, 0, 0, '{', '}'});
        first = run();
    }

    private static DedupReport run() {
        return Dedup.run(zoo, Dedup.Options.defaults().withProgressMillis(0), null).report();
    }

    @Test
    void everyCopyIsProvedEqualToItsOriginalAndNoNearMissIsMerged() {
        Map<String, String> groupOf = new HashMap<>();
        for (DedupReport.Group g : first.groups()) {
            g.members().forEach(m -> groupOf.put(m.file(), g.representative()));
            for (DedupReport.Member m : g.members().subList(1, g.members().size())) {
                assertTrue(m.proof().startsWith("EQUIVALENT (exact)"), m.proof());
            }
        }
        Map<Integer, String> original = new HashMap<>();
        manifest.stream().filter(e -> e.kind() == Zoo.Kind.ORIGINAL).forEach(e -> original.put(e.seed(), e.file()));
        for (Zoo.Entry e : manifest) {
            switch (e.kind()) {
                case COPY -> assertEquals(groupOf.get(original.get(e.seed())), groupOf.get(e.file()),
                        e.file() + " (" + e.how() + ") is not in its original's group:\n" + ReportWriter.markdown(first));
                case NEAR_MISS -> assertTrue(!groupOf.containsKey(e.file()), e.file() + " was merged");
                case ORIGINAL -> assertTrue(groupOf.containsKey(e.file()), e.file() + " has no group");
            }
        }
        assertEquals(3, first.groups().size());
        assertTrue(first.splits().stream().anyMatch(s -> s.file().contains("-near-")), "near misses share a hash and are split off");
    }

    @Test
    void unreadableFilesAreReportedWithAReasonAndTheRunGoesOn() {
        assertEquals(List.of("bad/broken.json", "bad/noise.onnx", "bad/weights.safetensors"),
                first.unreadable().stream().map(DedupReport.Unreadable::file).toList());
        first.unreadable().forEach(u -> assertTrue(!u.reason().isBlank() && !u.reason().contains("\n")
                && !u.reason().contains(zoo.toString()), u.reason()));
        assertTrue(first.unreadable().get(2).reason().contains("--activation"), first.unreadable().get(2).reason());
        assertEquals(List.of(Zoo.MANIFEST), first.skipped());
        assertEquals(manifest.size(), first.totals().networks());
    }

    @Test
    void theReportIsByteIdenticalAcrossRuns() {
        DedupReport second = run();
        for (ReportWriter.Format f : ReportWriter.Format.values()) {
            assertEquals(ReportWriter.write(first, f), ReportWriter.write(second, f), f.name());
        }
    }

    @Test
    void bytesSavedAreTheSizesOfAllButTheRepresentative() {
        for (DedupReport.Group g : first.groups()) {
            long others = g.members().stream().skip(1).mapToLong(DedupReport.Member::bytes).sum();
            assertEquals(others, g.bytesSaved());
        }
    }
}
