package org.nnid.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.nnid.cli.Main;
import org.nnid.fuzz.ReaderFuzz.Damage;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every reader against damaged copies of one valid file, through the command a user would run
 * (theory files through their reader): the light run ({@link ReaderFuzzProperties}) and the long
 * one ({@link ReaderFuzzLongProperties}) share these properties and differ in tries, constants and
 * theories.
 */
abstract class ReaderFuzzSuite {
    private static final Set<Integer> READ_OR_REFUSE = Set.of(0, 2);
    private static final Set<Integer> VERDICT_OR_REFUSE = Set.of(0, 1, 2, 3);

    private final Path dir;
    private final Path reluF;
    private final Path reluG;
    private final Path tanh;
    private final byte[] certificate;
    private final byte[] evidence;

    ReaderFuzzSuite(List<String> constants, List<String> theories) {
        this.constants = constants;
        this.theories = theories;
        try {
            dir = Files.createTempDirectory("nnid-fuzz");
            dir.toFile().deleteOnExit();
            reluF = Files.writeString(dir.resolve("f.json"), ReaderFuzz.RELU_F);
            reluG = Files.writeString(dir.resolve("g.json"), ReaderFuzz.RELU_G);
            tanh = Files.writeString(dir.resolve("tanh.json"), ReaderFuzz.TANH_NETWORK);
            Path flipped = Files.writeString(dir.resolve("flipped.json"), ReaderFuzz.TANH_FLIPPED);
            Path cert = dir.resolve("seed.cert.json");
            Path verdict = dir.resolve("seed.evidence.json");
            java.io.PrintWriter quiet = new java.io.PrintWriter(java.io.Writer.nullWriter());
            Main.run(new String[] {"canon", tanh.toString(), "--certificate", cert.toString()}, quiet, quiet);
            Main.run(new String[] {"equiv", tanh.toString(), flipped.toString(), "--evidence", verdict.toString()},
                    quiet, quiet);
            certificate = Files.readAllBytes(cert);
            evidence = Files.readAllBytes(verdict);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The hostile constants planted, and the built-in theory files damaged. */
    private final List<String> constants;
    private final List<String> theories;

    @Provide
    Arbitrary<Damage> text() {
        return ReaderFuzz.textDamages();
    }

    @Provide
    Arbitrary<Damage> binary() {
        return ReaderFuzz.binaryDamages();
    }

    @Property
    void aDamagedJsonNetworkIsReadOrRefusedCleanly(@ForAll("text") Damage d) {
        byte[] damaged = d.apply(ReaderFuzz.TANH_NETWORK.getBytes(StandardCharsets.UTF_8), constants);
        ReaderFuzz.assertClean(ReaderFuzz.run(dir, "in.json", damaged, f -> convert(f, "out.json")), READ_OR_REFUSE, d);
    }

    @Property
    void aDamagedOnnxNetworkIsReadOrRefusedCleanly(@ForAll("binary") Damage d) {
        byte[] damaged = d.apply(ReaderFuzz.written(ReaderFuzz.RELU_F, ".onnx"), constants);
        ReaderFuzz.assertClean(ReaderFuzz.run(dir, "in.onnx", damaged, f -> convert(f, "out.json")), READ_OR_REFUSE, d);
    }

    @Property
    void aDamagedNNetNetworkIsReadOrRefusedCleanly(@ForAll("text") Damage d) {
        byte[] damaged = d.apply(ReaderFuzz.written(ReaderFuzz.RELU_F, ".nnet"), constants);
        ReaderFuzz.assertClean(ReaderFuzz.run(dir, "in.nnet", damaged, f -> convert(f, "out.json")), READ_OR_REFUSE, d);
    }

    @Property
    void aDamagedSafetensorsNetworkIsReadOrRefusedCleanly(@ForAll("binary") Damage d) {
        byte[] damaged = d.apply(ReaderFuzz.safetensors(), constants);
        ReaderFuzz.assertClean(ReaderFuzz.run(dir, "in.safetensors", damaged,
                f -> new String[] {"convert", f.toString(), dir.resolve("out.json").toString(), "--activation", "tanh"}),
                READ_OR_REFUSE, d);
    }

    @Property
    void aDamagedCsvOfPointsIsReadOrRefusedCleanly(@ForAll("text") Damage d) {
        byte[] damaged = d.apply(ReaderFuzz.CSV.getBytes(StandardCharsets.UTF_8), constants);
        ReaderFuzz.assertClean(ReaderFuzz.run(dir, "in.csv", damaged,
                f -> new String[] {"eval", reluF.toString(), "--csv", f.toString()}), READ_OR_REFUSE, d);
    }

    @Property
    void aDamagedVnnlibSpecificationIsAnsweredOrRefusedCleanly(@ForAll("text") Damage d) {
        byte[] damaged = d.apply(ReaderFuzz.VNNLIB.getBytes(StandardCharsets.UTF_8), constants);
        ReaderFuzz.assertClean(ReaderFuzz.run(dir, "in.vnnlib", damaged,
                f -> new String[] {"vnnlib", f.toString(), "--net", "f=" + reluF, "--net", "g=" + reluG}),
                VERDICT_OR_REFUSE, d);
    }

    @Property
    void aDamagedCertificateIsReplayedOrRefusedCleanly(@ForAll("text") Damage d) {
        byte[] damaged = d.apply(certificate, constants);
        ReaderFuzz.assertClean(ReaderFuzz.run(dir, "in.cert.json", damaged,
                f -> new String[] {"replay", tanh.toString(), f.toString()}), VERDICT_OR_REFUSE, d);
    }

    @Property
    void aDamagedVerdictFileIsCheckedOrRefusedCleanly(@ForAll("text") Damage d) {
        byte[] damaged = d.apply(evidence, constants);
        ReaderFuzz.assertClean(ReaderFuzz.run(dir, "in.evidence.json", damaged,
                f -> new String[] {"check-evidence", f.toString()}), VERDICT_OR_REFUSE, d);
    }

    @Property
    void aDamagedTheoryFileIsReadOrRefusedWithATheoryFormatError(@ForAll("text") Damage d) {
        for (String name : theories) {
            ReaderFuzz.assertTheoryReadCleanly(d.apply(ReaderFuzz.theory(name), constants), d + " in " + name);
        }
    }

    private String[] convert(Path in, String out) {
        return new String[] {"convert", in.toString(), dir.resolve(out).toString()};
    }
}
