package org.nnid.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.nnid.equiv.Box;
import org.nnid.equiv.Checker;
import org.nnid.equiv.EvidenceChecker;
import org.nnid.equiv.Verdict;
import org.nnid.equiv.VerdictFile;
import org.nnid.io.NetworkJson;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nnid bench-relu}: the exact decisions for relu networks with many inputs, measured on
 * generated pairs ({@link ReluPairs}): equal pairs that only a procedure beyond the symmetry group
 * can prove equal, and near misses. Every verdict's evidence is re-checked by check-evidence in the
 * same run; a NOT_EQUIVALENT on an equal pair would be a wrong verdict and is counted as one.
 */
@Command(name = "bench-relu", mixinStandardHelpOptions = true,
        description = {"Measure nnid equiv on generated relu pairs with 2-8 inputs and 1-3 hidden layers: equal pairs",
                "(permuted, rescaled, clone splits, dead units, a shifted null network) and near misses (a parameter",
                "changed by 1e-9 relative, a kink moved by 1e-6), half on all of R^n and half on the box [-1,1]^n.",
                "Prints verdict counts per kind, the share of UNKNOWN, times, and wrong verdicts."})
final class BenchReluCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--pairs", defaultValue = "100", description = "pairs of each kind (default: ${DEFAULT-VALUE})")
    int pairs;

    @Option(names = "--seed", defaultValue = "1", description = "first seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        out.printf(Locale.ROOT, "%-16s %6s %10s %14s %8s %8s %10s %10s %7s%n", "kind", "pairs", "EQUIVALENT",
                "NOT_EQUIVALENT", "UNKNOWN", "wrong", "median ms", "max ms", "rechecked");
        int wrongTotal = 0;
        int unknownTotal = 0;
        int total = 0;
        for (ReluPairs.Kind kind : ReluPairs.Kind.values()) {
            Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
            List<Long> times = new ArrayList<>();
            int wrong = 0;
            int rechecked = 0;
            for (int i = 0; i < pairs; i++) {
                ReluPairs.Pair p = ReluPairs.pair(seed + i, kind);
                Checker.Options options = Checker.Options.defaults();
                if (i % 2 == 1) {
                    double[] lo = new double[p.a().inputCount()];
                    double[] hi = new double[p.a().inputCount()];
                    java.util.Arrays.fill(lo, -1);
                    java.util.Arrays.fill(hi, 1);
                    options = options.withBox(new Box(lo, hi));
                }
                long t0 = System.nanoTime();
                Checker.Result r = Checker.check(p.a(), p.b(), options);
                times.add((System.nanoTime() - t0) / 1_000_000);
                counts.merge(r.verdict(), 1, Integer::sum);
                if (kind == ReluPairs.Kind.EQUAL && r.verdict() == Verdict.NOT_EQUIVALENT) {
                    wrong++;
                    err.println("wrong verdict: seed " + (seed + i) + " " + p.shape() + ": " + r.reason());
                }
                if (r.verdict() != Verdict.UNKNOWN) {
                    String json = VerdictFile.write(p.a(), null, p.b(), null, r, false);
                    EvidenceChecker.Report report = EvidenceChecker.check(VerdictFile.parse(json, "bench",
                            NetworkJson::parse), options.registry());
                    if (report.holds()) {
                        rechecked++;
                    } else {
                        wrong++;
                        err.println("evidence fails: seed " + (seed + i) + ": " + String.join("; ", report.lines()));
                    }
                }
                if (r.verdict() == Verdict.UNKNOWN) {
                    err.println("unknown: seed " + (seed + i) + " " + kind + " " + p.shape() + ": " + r.reason());
                }
            }
            times.sort(Long::compare);
            int unknown = counts.getOrDefault(Verdict.UNKNOWN, 0);
            out.printf(Locale.ROOT, "%-16s %6d %10d %14d %8d %8d %10d %10d %7d%n", kind.name().toLowerCase(Locale.ROOT),
                    pairs, counts.getOrDefault(Verdict.EQUIVALENT, 0), counts.getOrDefault(Verdict.NOT_EQUIVALENT, 0),
                    unknown, wrong, times.get(times.size() / 2), times.get(times.size() - 1), rechecked);
            wrongTotal += wrong;
            unknownTotal += unknown;
            total += pairs;
        }
        out.printf(Locale.ROOT, "UNKNOWN: %d of %d (%.1f%%); wrong verdicts: %d%n", unknownTotal, total,
                100.0 * unknownTotal / total, wrongTotal);
        out.println("A near miss that changes only a dead unit is one function: EQUIVALENT is then right, and its"
                + " evidence is re-checked like any other.");
        return wrongTotal == 0 ? 0 : 1;
    }
}
