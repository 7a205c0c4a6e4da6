package org.nnid.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Help wraps at sentence ends; a mistyped command or option is answered with the nearest names (issue 16). */
class HelpAndSuggestionsTest {

    @Test
    void sourceLinesJoinIntoParagraphsAndTableRowsStayRows() {
        assertArrayEquals(new String[] {"Decide this, exactly: a double is the rational it denotes. Verdicts:",
                "  EQUIVALENT  exit 0  proved", "  UNKNOWN     exit 3  neither proved", "Bad input: exit 2."},
                HelpText.paragraphs(new String[] {"Decide this, exactly: a double is", "the rational it denotes. Verdicts:",
                        "  EQUIVALENT  exit 0  proved", "  UNKNOWN     exit 3  neither proved", "Bad input: exit 2."}));
    }

    @Test
    void noHelpTextBreaksASentenceAtASourceLine() {
        for (String command : new String[] {"equiv", "canon", "eval", "identifiability", "dedup", "show"}) {
            MainTest.Run r = MainTest.run(command, "--help");
            assertEquals(0, r.code(), command);
            assertFalse(r.out().contains("${"), command + ": an unexpanded variable\n" + r.out());
        }
        String equiv = MainTest.run("equiv", "--help").out();
        assertTrue(equiv.contains("exactly: a double weight is the rational it denotes."), equiv);
    }

    @Test
    void mistypedCommandsAndOptionsGetTheNearestNames() {
        assertTrue(MainTest.run("shwo", "x").err().contains("did you mean show?"));
        MainTest.Run box = MainTest.run("equiv", "--bx", "1", "a", "b");
        assertEquals(ExitCode.BAD_INPUT, box.code());
        assertTrue(box.err().contains("did you mean --box?"), box.err());
        assertTrue(MainTest.run("identifiability", "--netwrk", "x").err().contains("did you mean --network?"));
        assertEquals(List.of(), Suggestions.nearest("frobnicate", List.of("equiv", "show")));
    }
}
