package org.nnid.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.nnid.stability.Paradox;
import org.nnid.stability.ParadoxPlots;
import org.nnid.stability.ParadoxTables;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code nnid paradox}: the illustrative construction of docs/math.md §8, with tables and plots in a
 * directory. It overwrites a file there only if it wrote that file before (the directory's
 * manifest lists what it wrote), so a user's files are never replaced.
 */
@Command(name = "paradox", mixinStandardHelpOptions = true,
        description = {"Run the illustrative construction of docs/math.md section 8 (accurate fixed-architecture networks are",
                "unstable; stable networks exist with growing width; an oracle experiment): writes table1.md, table2.md,",
                "table3.md, robust-accuracy.png and stripes.png to --out DIR.  Progress goes to stderr."})
final class ParadoxCommand implements Callable<Integer> {
    static final String MANIFEST = "paradox-manifest.txt";
    static final List<String> OUTPUTS = List.of("table1.md", "table2.md", "table3.md", "robust-accuracy.png",
            "stripes.png");

    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "K in {2, 8}, one seed, short training: seconds (for CI)")
    boolean quick;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--out", defaultValue = "paradox-out", paramLabel = "DIR",
            description = "output directory, created if missing (default: ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() throws IOException {
        checkWritable();
        System.setProperty("java.awt.headless", "true");
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter progress = spec.commandLine().getErr();
        progress.println(Paradox.NOTICE);
        long t0 = System.nanoTime();
        Paradox.Config config = quick ? Paradox.Config.quick(seed) : Paradox.Config.full(seed);
        Paradox.Result r = Paradox.run(config, progress);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("table1.md", ParadoxTables.table1(r).getBytes(StandardCharsets.UTF_8));
        files.put("table2.md", ParadoxTables.table2(r).getBytes(StandardCharsets.UTF_8));
        files.put("table3.md", ParadoxTables.table3(r).getBytes(StandardCharsets.UTF_8));
        files.put("robust-accuracy.png", ParadoxPlots.robustAccuracy(r));
        files.put("stripes.png", ParadoxPlots.stripes(r));
        Files.createDirectories(out);
        write(MANIFEST, ("# files written by nnid paradox; it overwrites only these\n" + String.join("\n", OUTPUTS)
                + "\n").getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            write(f.getKey(), f.getValue());
        }
        stdout.println(Paradox.NOTICE);
        long held = r.networks().stream().filter(Paradox.NetRow::boundHolds).count();
        double psiMin = r.psi().stream().mapToDouble(Paradox.PsiRow::robustAccuracy).min().orElse(0);
        stdout.printf(Locale.ROOT, "%d fixed-architecture networks trained; Claim B's bound holds for %d of them;"
                + " psi_K's exact robust accuracy is at least %.4f for every K%n", r.networks().size(), held, psiMin);
        stdout.printf(Locale.ROOT, "wrote %s to %s (%.1f s)%n", String.join(", ", OUTPUTS), out,
                (System.nanoTime() - t0) / 1e9);
        if (held != r.networks().size()) {
            stdout.println("Claim B's bound failed for a trained network: this contradicts a proved claim; please report it");
            return ExitCode.INTERNAL;
        }
        return ExitCode.OK;
    }

    /** Refuses before any work if an output name is taken by a file this command did not write. */
    private void checkWritable() throws IOException {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UserInputException("--out: " + out + " exists and is not a directory");
        }
        Path manifest = out.resolve(MANIFEST);
        List<String> ours = Files.isRegularFile(manifest) ? Files.readAllLines(manifest) : List.of();
        if (Files.exists(manifest) && !ours.contains(OUTPUTS.get(0))) {
            throw new UserInputException("--out: " + manifest + " was not written by nnid paradox; refusing to overwrite it");
        }
        for (String name : OUTPUTS) {
            if (Files.exists(out.resolve(name)) && !ours.contains(name)) {
                throw new UserInputException("--out: " + out.resolve(name) + " exists and was not written by nnid paradox;"
                        + " refusing to overwrite it (choose another --out)");
            }
        }
    }

    private void write(String name, byte[] bytes) throws IOException {
        try {
            org.nnid.io.AtomicFile.write(out.resolve(name), bytes);
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
