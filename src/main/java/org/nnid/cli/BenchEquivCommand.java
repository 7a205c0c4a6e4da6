package org.nnid.cli;

import java.io.PrintWriter;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;

import org.matheclipse.core.interfaces.IExpr;
import org.nnid.equiv.Checker;
import org.nnid.net.Layer;
import org.nnid.net.Network;
import org.nnid.scalar.DoubleScalar;
import org.nnid.scalar.Rational;
import org.nnid.scalar.Scalar;
import org.nnid.symbolic.NetworkExpressions;
import org.nnid.symja.Symja;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code nnid bench-equiv}: the checker against the symbolic route a user would otherwise take
 * (Symja simplifying f_A − f_B), on the same pairs in the same run, then the checker's scaling.
 * Pairs: a random double tanh network and a copy with its hidden units relabelled and half of
 * them sign-flipped (equivalent), and a copy with one weight changed by 1e−9 relative (not).
 */
@Command(name = "bench-equiv", mixinStandardHelpOptions = true,
        description = {"Benchmark nnid equiv against Symja's Simplify(f_A - f_B) on the same tanh pairs (double weights:",
                "1x200 and 2x50 hidden units; exact weights k/10: 1x200, 1x400, 2x50, 3x20), then the checker's time",
                "on pairs up to --max-depth x --max-width hidden units."})
final class BenchEquivCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--inputs", defaultValue = "4", description = "inputs of the networks (default: ${DEFAULT-VALUE})")
    int inputs;

    @Option(names = "--max-width", defaultValue = "1024", description = "widest scaling pair (default: ${DEFAULT-VALUE})")
    int maxWidth;

    @Option(names = "--max-depth", defaultValue = "8", description = "deepest scaling pair (default: ${DEFAULT-VALUE})")
    int maxDepth;

    @Option(names = "--symja-limit", defaultValue = "60", description = "seconds Symja may take per pair (default: ${DEFAULT-VALUE})")
    int symjaLimit;

    @Option(names = "--exact-only", description = "only the exact pairs against Symja")
    boolean exactOnly;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Checker.Options options = Checker.Options.defaults();
        if (exactOnly) {
            exactPairs(out, err, options);
            return ExitCode.OK;
        }
        out.println("nnid equiv against Symja Simplify(f_A - f_B), same pairs, same run (tanh, " + inputs + " inputs, doubles):");
        out.printf(Locale.ROOT, "  %-8s %-16s %-26s %-34s %8s%n", "hidden", "pair", "nnid", "Symja", "ratio");
        for (int[] shape : new int[][] {{1, 200}, {2, 50}}) {
            Network a = random(shape[0], shape[1], new Random(42));
            Network equal = relabelledAndFlipped(a, new Random(7));
            Network near = nudged(a);
            for (Object[] pair : new Object[][] {{"equivalent", equal}, {"1e-9 near miss", near}}) {
                Network b = (Network) pair[1];
                err.println("  " + shape[0] + "x" + shape[1] + " " + pair[0] + " ...");
                Timed<String> nnid = time(() -> Checker.check(a, b, options).verdict().toString(), 5);
                Timed<String> symja = time(() -> symja(a, b), 1);
                out.printf(Locale.ROOT, "  %-8s %-16s %-26s %-34s %7.0fx%n", shape[0] + "x" + shape[1], pair[0],
                        nnid.value + String.format(Locale.ROOT, " %.1f ms", nnid.ms), symja.value
                                + String.format(Locale.ROOT, " %.0f ms", symja.ms), symja.ms / nnid.ms);
            }
        }
        out.println("Symja compares doubles within its own tolerance: an answer of 0 on the near miss is wrong.");
        out.println();
        exactPairs(out, err, options);
        out.println();
        out.println("nnid equiv scaling (equivalent pairs, relabelled and sign-flipped copies):");
        for (int[] shape : new int[][] {{1, 64}, {1, 256}, {2, 256}, {4, 512}, {8, 512}, {8, 1024}}) {
            if (shape[0] > maxDepth || shape[1] > maxWidth) {
                continue;
            }
            Network a = random(shape[0], shape[1], new Random(42));
            Network b = relabelledAndFlipped(a, new Random(7));
            err.println("  " + shape[0] + "x" + shape[1] + " ...");
            Timed<Checker.Result> t = time(() -> Checker.check(a, b, options), 1);
            out.printf(Locale.ROOT, "  %2dx%-5d %9d weights  %-10s %10.1f ms  %s%n", shape[0], shape[1],
                    a.storedWeightCount(), t.value.verdict(), t.ms, t.value.timings());
        }
        return ExitCode.OK;
    }

    /**
     * Issue 18's exact pairs: weights k/10 (k = −9…9, k ≠ 0), B = A with hidden units relabelled and
     * every other one sign-flipped, near misses with the output bias moved by 10⁻⁹; the checker warm
     * (median of 21 after a warm-up run: a check takes milliseconds), Symja once with {@code --symja-limit}.
     */
    private void exactPairs(PrintWriter out, PrintWriter err, Checker.Options options) {
        out.println("nnid equiv against Symja Simplify(f_A - f_B), exact tanh pairs (weights k/10, k = -9..9, k != 0):");
        out.printf(Locale.ROOT, "  %-8s %-7s %-16s %-26s %-34s %8s%n", "hidden", "inputs", "pair", "nnid", "Symja", "ratio");
        Symja.evalWithin("Simplify(Tanh(x)-Tanh(x))", Duration.ofSeconds(symjaLimit)); // Symja warm too
        for (int[] shape : EXACT_SHAPES) {
            Network a = ExactPairs.random(shape[0], shape[1], shape[2], new Random(42));
            Network equal = relabelledAndFlipped(a, new Random(7));
            Network near = ExactPairs.outputBiasMoved(a, Rational.of(BigInteger.ONE, BigInteger.TEN.pow(9)));
            for (Object[] pair : new Object[][] {{"equivalent", equal}, {"1e-9 near miss", near}}) {
                Network b = (Network) pair[1];
                String name = shape[1] + "x" + shape[2];
                err.println("  " + name + " " + shape[0] + " inputs " + pair[0] + " ...");
                Timed<String> nnid = time(() -> Checker.check(a, b, options).verdict().toString(), 21);
                Timed<String> symja = time(() -> symja(a, b), 1);
                out.printf(Locale.ROOT, "  %-8s %-7d %-16s %-26s %-34s %7.0fx%n", name, shape[0], pair[0],
                        nnid.value + String.format(Locale.ROOT, " %.2f ms", nnid.ms), symja.value
                                + String.format(Locale.ROOT, " %.0f ms", symja.ms), symja.ms / nnid.ms);
            }
        }
    }

    /** (inputs, hidden layers, width) of issue 18's exact pairs. */
    private static final int[][] EXACT_SHAPES = {{1, 1, 200}, {4, 1, 200}, {4, 1, 400}, {4, 2, 50}, {2, 3, 20}};

    private record Timed<T>(T value, double ms) {}

    /** The median of n timed runs (after one warm-up run when n > 1). */
    private static <T> Timed<T> time(java.util.function.Supplier<T> f, int n) {
        T v = n > 1 ? f.get() : null;
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            v = f.get();
            ms.add((System.nanoTime() - t0) / 1e6);
        }
        Collections.sort(ms);
        return new Timed<>(v, ms.get(n / 2));
    }

    private String symja(Network a, Network b) {
        String e = "(" + NetworkExpressions.toSymja(a, 0) + ")-(" + NetworkExpressions.toSymja(b, 0) + ")";
        IExpr r = Symja.evalWithin("Simplify(" + e + ")", Duration.ofSeconds(symjaLimit)).orElse(null);
        if (r == null) {
            return "failed";
        }
        if (Symja.aborted(r)) {
            return "timed out (" + symjaLimit + " s)";
        }
        return r.isZero() ? "0 (EQUIVALENT)" : "not 0 (" + Math.min(r.leafCount(), 999999) + " leaves)";
    }

    private Network random(int depth, int width, Random random) {
        return CanonBench.randomMlp("tanh", inputs, width, depth, 1, random);
    }

    /**
     * Hidden units of every layer in another order, every other one sign-flipped (tanh(−t) =
     * −tanh(t)), stored as a layered network like an imported copy: the same function exactly.
     */
    private static Network relabelledAndFlipped(Network n, Random random) {
        List<Layer> layers = n.asLayers().orElseThrow();
        List<Layer> out = new ArrayList<>();
        int[] prevPerm = null;
        boolean[] prevFlip = null;
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            int rows = layer.rows();
            int cols = layer.cols();
            boolean hidden = l < layers.size() - 1;
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < rows; i++) {
                order.add(i);
            }
            if (hidden) {
                Collections.shuffle(order, random);
            }
            int[] perm = order.stream().mapToInt(Integer::intValue).toArray(); // new row i = old row perm[i]
            boolean[] flip = new boolean[rows];
            Scalar[][] w = new Scalar[rows][cols];
            Scalar[] b = new Scalar[rows];
            for (int i = 0; i < rows; i++) {
                flip[i] = hidden && i % 2 == 0;
                b[i] = flip[i] ? layer.bias().get(perm[i]).negate() : layer.bias().get(perm[i]);
                for (int j = 0; j < cols; j++) {
                    int oldCol = prevPerm == null ? j : prevPerm[j];
                    boolean negate = flip[i] ^ (prevFlip != null && prevFlip[j]);
                    Scalar x = layer.weights().get(perm[i] * cols + oldCol);
                    w[i][j] = negate ? x.negate() : x;
                }
            }
            out.add(Layer.of(w, b));
            prevPerm = perm;
            prevFlip = flip;
        }
        return Network.layered(n.activation(), n.inputCount(), out, n.outputActivation());
    }

    /** The first output weight changed by 1e−9 relative. */
    private static Network nudged(Network n) {
        return n.mapValues(new java.util.function.UnaryOperator<Scalar>() {
            boolean done;

            @Override
            public Scalar apply(Scalar s) {
                if (!done && s instanceof DoubleScalar d && d.value() != 0) {
                    done = true;
                    return DoubleScalar.of(d.value() * (1 + 1e-9));
                }
                return s;
            }
        });
    }
}
