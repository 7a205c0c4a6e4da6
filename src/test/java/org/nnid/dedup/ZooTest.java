package org.nnid.dedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZooTest {
    @TempDir
    Path dir;

    private static final Zoo.Spec SMALL = new Zoo.Spec(3, 2, 1, 5, 4, 2);

    @Test
    void aZooIsReproducibleAndItsManifestNamesEveryFile() throws Exception {
        Zoo.generate(dir.resolve("a"), SMALL, false);
        Zoo.generate(dir.resolve("b"), SMALL, false);
        List<Zoo.Entry> m = Zoo.readManifest(dir.resolve("a").resolve(Zoo.MANIFEST));
        assertEquals(3 * (1 + 2 + 1), m.size());
        for (Zoo.Entry e : m) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(e.file())),
                    Files.readAllBytes(dir.resolve("b").resolve(e.file())), e.file());
        }
        assertEquals(3, m.stream().filter(e -> e.kind() == Zoo.Kind.NEAR_MISS).count());
    }

    @Test
    void aNonEmptyFolderIsRefusedUnlessForcedAndNoFileIsEverReplaced() throws Exception {
        Files.writeString(dir.resolve("mine.txt"), "keep me");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Zoo.generate(dir, SMALL, false));
        assertTrue(e.getMessage().contains("not empty"), e.getMessage());
        Zoo.generate(dir, SMALL, true);
        assertEquals("keep me", Files.readString(dir.resolve("mine.txt")));
        e = assertThrows(IllegalArgumentException.class, () -> Zoo.generate(dir, SMALL, true));
        assertTrue(e.getMessage().contains("refusing to replace"), e.getMessage());
    }

    @Test
    void theShiftedGridHasItsBoundariesAQuarterStepFromTheRoundedOnes() {
        // 0.1234567885 is a boundary of half-up rounding to 9 digits; on the shifted grid it is mid-cell
        assertEquals(HashKeys.shiftedRound(0.12345678849999, 9), HashKeys.shiftedRound(0.12345678850001, 9));
        // …75 in the 10th digit is a boundary of the shifted grid
        assertTrue(HashKeys.shiftedRound(0.12345678874999, 9) != HashKeys.shiftedRound(0.12345678875001, 9));
        // round numbers are far from both: 1.0 and the relu normal form's 0.9999999999999999 agree
        assertEquals(HashKeys.shiftedRound(1.0, 9), HashKeys.shiftedRound(0.9999999999999999, 9));
        assertEquals(HashKeys.shiftedRound(-1.0, 9), HashKeys.shiftedRound(-0.9999999999999999, 9));
    }
}
