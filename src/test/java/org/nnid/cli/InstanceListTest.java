package org.nnid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class InstanceListTest {

    @Test
    void numbersAndRangesAreReadAscendingWithoutRepeats() {
        assertEquals(List.of(2, 11, 13, 14, 15), InstanceList.parse("--instances", "13-15, 2,11,14", 143));
        assertEquals(List.of(143), InstanceList.parse("--instances", "143", 143));
    }

    @Test
    void aPartOutsideTheSuiteOrNotANumberIsRefusedNamingTheOption() {
        for (String bad : List.of("0", "144", "5-3", "x", "", "2,", "-3")) {
            UserInputException e = assertThrows(UserInputException.class,
                    () -> InstanceList.parse("--instances", bad, 143), bad);
            assertTrue(e.getMessage().startsWith("--instances: "), e.getMessage());
        }
    }
}
