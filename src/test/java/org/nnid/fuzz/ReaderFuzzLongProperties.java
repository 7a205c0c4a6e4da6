package org.nnid.fuzz;

import java.util.List;

import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Tag;

/**
 * The long reader fuzz run (profile long-tests): {@link ReaderFuzzProperties} with hundreds of
 * tries per reader, constants that run into the evaluation's time limit, and more theories.
 */
@Tag("long")
@PropertyDefaults(tries = 300)
class ReaderFuzzLongProperties extends ReaderFuzzSuite {
    ReaderFuzzLongProperties() {
        super(ReaderFuzz.constants(true), List.of("relu.theory", "tanh.theory", "sin.theory", "leaky_relu.theory"));
    }
}
