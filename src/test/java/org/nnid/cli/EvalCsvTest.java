package org.nnid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nnid eval --csv}: the header rule, quoted fields, and no row dropped or half-printed. */
class EvalCsvTest {
    @TempDir
    Path dir;

    private Path net() throws IOException {
        Path p = dir.resolve("net.json");
        Files.writeString(p, "{\"format\": \"nnid-network/1\", \"activation\": \"relu\", \"inputs\": 2,"
                + " \"layers\": [{\"weights\": [[\"1\", \"1\"]], \"bias\": [\"0\"]}]}");
        return p;
    }

    private MainTest.Run eval(String csv, String... extra) throws IOException {
        Path c = dir.resolve("points.csv");
        Files.writeString(c, csv);
        String[] args = new String[3 + extra.length + 1];
        args[0] = "eval";
        args[1] = net().toString();
        args[2] = "--csv";
        args[3] = c.toString();
        System.arraycopy(extra, 0, args, 4, extra.length);
        return MainTest.run(args);
    }

    @Test
    void aFirstRowOfValuesThatDoNotLookLikeDigitsIsDataNotAHeader() throws IOException {
        MainTest.Run r = eval("Pi/4,1\n0.5,2\n");
        assertEquals(0, r.code(), r.err());
        assertEquals(3, r.out().strip().lines().count(), r.out());
        assertTrue(r.out().contains("Pi/4,1,"), r.out());
    }

    @Test
    void quotedFieldsAreReadAndAHeaderOfNamesIsSkipped() throws IOException {
        MainTest.Run r = eval("x1,x2\n\"0.5\",\"2\"\n");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("0.5,2,2.5"), r.out());
    }

    @Test
    void aFirstLineMixingValuesAndNamesIsAnErrorUnlessHeaderIsSaid() throws IOException {
        MainTest.Run r = eval("x1,0.5\n1,2\n");
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains("line 1"), r.err());
        MainTest.Run withHeader = eval("x1,0.5\n1,2\n", "--header");
        assertEquals(0, withHeader.code(), withHeader.err());
        assertTrue(withHeader.out().contains("1,2,3.0"), withHeader.out());
    }

    @Test
    void aBadRowIsAnErrorNamingItsLineAndNothingIsPrinted() throws IOException {
        MainTest.Run r = eval("1,2\n3,\n");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("line 2"), r.err());
        assertEquals("", r.out());
    }
}
