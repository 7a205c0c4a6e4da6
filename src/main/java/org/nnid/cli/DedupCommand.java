package org.nnid.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.nnid.activation.Activations;
import org.nnid.dedup.Dedup;
import org.nnid.dedup.DedupReport;
import org.nnid.dedup.DistributedDedup;
import org.nnid.dedup.ReportWriter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nnid dedup DIR}: groups of files that are one function, each group proved by the checker. */
@Command(name = "dedup", mixinStandardHelpOptions = true,
        description = {"Find the files under DIR that are the same function: every network (JSON, ONNX, NNet,",
                "safetensors) is canonicalised and hashed in parallel, files sharing a hash (at 9 significant digits,",
                "or on a second grid shifted by a quarter step) are bucketed, and every bucket is confirmed with the",
                "checker against its first file: a group is proved EQUIVALENT, exactly, never a hash alone. With",
                "--eps E, groups proved WITHIN_EPS of each other are reported separately. The report lists per group",
                "the files, the proof and the bytes a store would save; split-off and unreadable files with the reason.",
                "Exit codes: 0 done (whatever was found), 2 bad arguments, 4 internal error."})
final class DedupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "the folder to read (recursively)")
    Path dir;

    @picocli.CommandLine.Mixin
    OutputFiles outputs = new OutputFiles();

    @Option(names = "--out", paramLabel = "REPORT", description = "write the report here instead of stdout")
    Path out;

    @Option(names = "--eps", paramLabel = "E", description = "also group networks proved within E of each other (max |A - B| <= E on R^n)")
    Double eps;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "md",
            description = "report format: csv, json or md (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--activation", paramLabel = "NAME", description = "the activation of safetensors files (they do not record one)")
    String activation;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: all cores)")
    Integer threads;

    @Option(names = "--spark", paramLabel = "MASTER", description = {"run the job on Apache Spark: local[*] in this"
            + " JVM, or a cluster's master URL (needs the Spark module: mvn -f spark package -DskipTests)"})
    String spark;

    @Override
    public Integer call() {
        ReportWriter.Format f;
        try {
            f = ReportWriter.Format.valueOf(format.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--format: expected csv, json or md, found " + format);
        }
        if (!Files.isDirectory(dir)) {
            throw new UserInputException(dir + ": no such folder");
        }
        outputs.check("--out", out);
        if (out != null && out.toAbsolutePath().normalize().startsWith(dir.toAbsolutePath().normalize())
                && org.nnid.io.NetworkFormat.ofExtension(out).isPresent()) {
            throw new UserInputException("--out " + out + ": would be read as a network of the folder; write the report elsewhere");
        }
        Dedup.Options options;
        try {
            options = Dedup.Options.defaults().withEps(Optional.ofNullable(eps))
                    .withThreads(threads == null ? Runtime.getRuntime().availableProcessors() : threads)
                    .withActivation(activation == null ? Optional.empty() : Optional.of(Activations.byName(activation)));
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
        if (spark != null && threads != null) {
            throw new UserInputException("--threads: not with --spark (the master URL sets the parallelism: local[N])");
        }
        PrintWriter err = spec.commandLine().getErr();
        Dedup.Run run;
        try {
            run = spark == null ? Dedup.run(dir, options, err) : sparkRunner().run(dir, spark, options, err);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
        DedupReport report = run.report();
        String text = ReportWriter.write(report, f);
        if (out == null) {
            spec.commandLine().getOut().print(text);
        } else {
            Engine.writeResult(out, text);
        }
        err.printf(Locale.ROOT, "dedup: %s (%.1f s hashing, %.1f s confirming)%n", ReportWriter.summary(report),
                run.timings().hashSeconds(), run.timings().confirmSeconds());
        return ExitCode.OK;
    }

    /** The Spark runner, when its module is on the class path (the launcher adds it once built). */
    static DistributedDedup sparkRunner() {
        return DistributedDedup.find().orElseThrow(() -> new UserInputException("--spark: the Spark module is not built;"
                + " build it with: mvn -f spark package -DskipTests (README, Deduplication on Spark)"));
    }
}
