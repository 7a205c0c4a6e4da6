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
import org.nnid.net.Layer;
import org.nnid.net.Network;

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

    @Option(names = "--pairs", defaultValue = "100", description = "pairs of each kind, 1 to 100000 (default: ${DEFAULT-VALUE})")
    int pairs;

    @Option(names = "--seed", defaultValue = "1", description = "first seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() {
        Counts.require("--pairs", pairs, 1, 100_000);
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
                    String json = VerdictFile.write(p.a(), p.b(), r, false);
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
        out.println();
        out.println("784-100-10 relu network (random doubles) against itself and a scrambled copy (units permuted,"
                + " scaled by 2 and 1/2, so exact in binary):");
        Network a = mnistShaped(new java.util.Random(42));
        Network scrambled = scrambled(a, new java.util.Random(7));
        for (Object[] pair : new Object[][] {{"itself", a}, {"scrambled copy", scrambled}}) {
            Network b = (Network) pair[1];
            Checker.check(a, b, Checker.Options.defaults()); // warm-up
            long t0 = System.nanoTime();
            Checker.Result r = Checker.check(a, b, Checker.Options.defaults());
            out.printf(Locale.ROOT, "  %-15s %s (%s) in %d ms%n", pair[0], r.verdict(), r.reason(),
                    (System.nanoTime() - t0) / 1_000_000);
            wrongTotal += r.verdict() == Verdict.EQUIVALENT ? 0 : 1;
        }
        return wrongTotal == 0 ? 0 : 1;
    }

    private static Network mnistShaped(java.util.Random r) {
        double[] w1 = new double[100 * 784];
        double[] b1 = new double[100];
        double[] w2 = new double[10 * 100];
        double[] b2 = new double[10];
        for (double[] v : new double[][] {w1, b1, w2, b2}) {
            for (int i = 0; i < v.length; i++) {
                v[i] = r.nextGaussian() * 0.05;
            }
        }
        return Network.layered(org.nnid.activation.Activations.byName("relu"), 784,
                List.of(Layer.of(100, 784, w1, b1), Layer.of(10, 100, w2, b2)), false);
    }

    /** Hidden units permuted, and each multiplied by 2 or 1/2 on the way in and divided on the way out (exact in binary). */
    private static Network scrambled(Network a, java.util.Random r) {
        List<Layer> layers = a.asLayers().orElseThrow();
        Layer l1 = layers.get(0);
        Layer l2 = layers.get(1);
        int h = l1.rows();
        int n = l1.cols();
        int[] p = ReluPairs.shuffled(h, r);
        double[] w1 = new double[h * n];
        double[] b1 = new double[h];
        double[] w2 = new double[l2.rows() * h];
        for (int i = 0; i < h; i++) {
            double c = r.nextBoolean() ? 2 : 0.5;
            for (int j = 0; j < n; j++) {
                w1[i * n + j] = l1.weights().getDouble(p[i] * n + j) * c;
            }
            b1[i] = l1.bias().getDouble(p[i]) * c;
            for (int k = 0; k < l2.rows(); k++) {
                w2[k * h + i] = l2.weights().getDouble(k * h + p[i]) / c;
            }
        }
        double[] b2 = new double[l2.rows()];
        for (int k = 0; k < b2.length; k++) {
            b2[k] = l2.bias().getDouble(k);
        }
        return Network.layered(a.activation(), n, List.of(Layer.of(h, n, w1, b1), Layer.of(l2.rows(), h, w2, b2)), false);
    }
}
