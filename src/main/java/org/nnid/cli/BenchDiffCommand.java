package org.nnid.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

import org.nnid.equiv.DiffBenchmark;
import org.nnid.equiv.Verdict;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nnid bench-diff}: the ACAS Xu differential-verification suite (original vs float16 networks). */
@Command(name = "bench-diff", mixinStandardHelpOptions = true,
        description = {"Run the ACAS Xu differential-verification suite (benchmarks/acas-diff: 143 instances, each",
                "network against its 16-bit-float copy): is max |N1 - N2| <= EPS over the property's box? Prints one",
                "line per instance (stderr), then decided / within / exceeds / unknown, total and median time and the",
                "ten slowest. Exit 0 when every instance is decided."})
final class BenchDiffCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--eps", defaultValue = "0.05", description = "epsilon (default: ${DEFAULT-VALUE})")
    double eps;

    @Option(names = "--limit", paramLabel = "SECONDS", defaultValue = "600",
            description = "time limit per instance, in (0, 3600] seconds (default: ${DEFAULT-VALUE})")
    double limit;

    @Option(names = "--cpu-limit", paramLabel = "SECONDS",
            description = "CPU time limit per instance, all cores together, in (0, 3600] seconds (default: none); on a "
                    + "shared machine it "
                    + "gives every instance the same work whatever the load, where --limit does not")
    Double cpuLimit;

    @Option(names = "--only", paramLabel = "N", description = "run only the first N instances")
    Integer only;

    @Option(names = "--instances", paramLabel = "LIST",
            description = "run only these instances, numbered from 1 as in instances.csv and the progress lines: "
                    + "numbers and ranges, e.g. 2,11,13-17")
    String instances;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "benchmarks/acas-diff",
            description = "the suite (default: ${DEFAULT-VALUE})")
    Path dir;

    @Option(names = "--certificates", paramLabel = "DIR",
            description = "write each instance's saved verdict (split tree or witness) to DIR, for nnid check-evidence")
    Path certificates;

    @Option(names = "--check", description = "re-check every certificate (the trees leaf by leaf, the witnesses exactly)")
    boolean check;

    @picocli.CommandLine.Mixin
    OutputFiles outputs = new OutputFiles();

    @Override
    public Integer call() {
        if (!(eps >= 0) || Double.isInfinite(eps)) {
            throw new UserInputException("--eps: expected a finite number >= 0, found " + eps);
        }
        Counts.seconds("--limit", limit);
        if (cpuLimit != null) {
            Counts.seconds("--cpu-limit", cpuLimit);
        }
        if (only != null && only < 1) {
            throw new UserInputException("--only: expected a positive count, found " + only);
        }
        if (only != null && instances != null) {
            throw new UserInputException("--only and --instances: give one of them");
        }
        DiffBenchmark bench = new DiffBenchmark(dir, eps, limit,
                cpuLimit == null ? Double.POSITIVE_INFINITY : cpuLimit, Optional.ofNullable(certificates), check);
        int size = bench.size();
        List<Integer> selected = instances != null ? InstanceList.parse("--instances", instances, size)
                : IntStream.rangeClosed(1, only == null ? size : Math.min(only, size)).boxed().toList();
        if (certificates != null) {
            for (int number : selected) {
                outputs.check("--certificates", bench.certificateFile(certificates, number));
            }
        }
        List<DiffBenchmark.Row> rows;
        try {
            rows = bench.run(selected, spec.commandLine().getOut(), spec.commandLine().getErr());
        } catch (java.io.UncheckedIOException e) {
            throw new UserInputException("--certificates " + certificates + ": cannot write (" + e.getCause().getMessage()
                    + ")");
        }
        return rows.stream().allMatch(r -> r.verdict() != Verdict.UNKNOWN) ? ExitCode.OK : ExitCode.UNKNOWN;
    }
}
