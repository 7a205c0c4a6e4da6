package org.nnid.fuzz;

import java.util.List;

import org.nnid.fuzz.ReaderFuzz.Damage;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;

/**
 * The long reader fuzz run (profile long-tests): {@link ReaderFuzzProperties} with hundreds of
 * tries per reader, constants that run into the evaluation's time limit, and every built-in theory.
 */
@Tag("long")
class ReaderFuzzLongProperties {
    private static final int TRIES = 300;

    private final ReaderFuzzSuite suite = new ReaderFuzzSuite() {
        @Override
        List<String> constants() {
            return ReaderFuzz.constants(true);
        }
    };

    @Provide
    Arbitrary<Damage> text() {
        return ReaderFuzz.textDamages();
    }

    @Provide
    Arbitrary<Damage> binary() {
        return ReaderFuzz.binaryDamages();
    }

    @Property(tries = TRIES)
    void aDamagedJsonNetworkIsReadOrRefusedCleanly(@ForAll("text") Damage d) {
        suite.json(d);
    }

    @Property(tries = TRIES)
    void aDamagedOnnxNetworkIsReadOrRefusedCleanly(@ForAll("binary") Damage d) {
        suite.onnx(d);
    }

    @Property(tries = TRIES)
    void aDamagedNNetNetworkIsReadOrRefusedCleanly(@ForAll("text") Damage d) {
        suite.nnet(d);
    }

    @Property(tries = TRIES)
    void aDamagedSafetensorsNetworkIsReadOrRefusedCleanly(@ForAll("binary") Damage d) {
        suite.safetensors(d);
    }

    @Property(tries = TRIES)
    void aDamagedCsvOfPointsIsReadOrRefusedCleanly(@ForAll("text") Damage d) {
        suite.csv(d);
    }

    @Property(tries = TRIES)
    void aDamagedVnnlibSpecificationIsAnsweredOrRefusedCleanly(@ForAll("text") Damage d) {
        suite.vnnlib(d);
    }

    @Property(tries = TRIES)
    void aDamagedCertificateIsReplayedOrRefusedCleanly(@ForAll("text") Damage d) {
        suite.certificate(d);
    }

    @Property(tries = TRIES)
    void aDamagedVerdictFileIsCheckedOrRefusedCleanly(@ForAll("text") Damage d) {
        suite.verdict(d);
    }

    @Property(tries = TRIES)
    void aDamagedTheoryFileIsReadOrRefusedWithATheoryFormatError(@ForAll("text") Damage d) {
        for (String name : new String[] {"relu.theory", "tanh.theory", "sin.theory", "leaky_relu.theory"}) {
            suite.theory(d, name);
        }
    }
}
