package org.nnid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.nnid.registry.TheoryRegistry;
import org.nnid.theory.Theory;

/** nnid bench --null-search: one row per built-in theory, with the result null-search gives it. */
class NullSearchBenchTest {
    private static final Pattern ROW = Pattern.compile("(?m)^(\\S+)\\s+\\d+ ms\\s+\\d+ ms\\s+(FOUND|NONE_FOUND)$");

    @Test
    void everyBuiltInTheoryHasARowWithNullSearchsResult() {
        MainTest.Run r = MainTest.run("bench", "--null-search", "--repeat", "1");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("Symja's start"), r.out());
        java.util.Map<String, String> rows = new java.util.TreeMap<>();
        Matcher m = ROW.matcher(r.out());
        while (m.find()) {
            rows.put(m.group(1), m.group(2));
        }
        for (Theory t : TheoryRegistry.builtins().theories()) {
            assertTrue(rows.containsKey(t.name()), t.name() + " has no row in\n" + r.out());
        }
        assertEquals(TheoryRegistry.builtins().theories().size(), rows.size(), r.out());
        // the README's list: relu and sin have null networks at the default search, tanh none (null-free)
        assertEquals("FOUND", rows.get("relu"));
        assertEquals("FOUND", rows.get("sin"));
        assertEquals("NONE_FOUND", rows.get("tanh"));
    }
}
