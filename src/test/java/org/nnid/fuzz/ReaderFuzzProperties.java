package org.nnid.fuzz;

import java.util.List;

import net.jqwik.api.PropertyDefaults;

/**
 * The light reader fuzz run of the default suite (a few tries per reader): every damaged file is
 * read or refused cleanly. The long run is {@link ReaderFuzzLongProperties}.
 */
@PropertyDefaults(tries = 6)
class ReaderFuzzProperties extends ReaderFuzzSuite {
    ReaderFuzzProperties() {
        super(ReaderFuzz.constants(false), List.of("relu.theory"));
    }
}
