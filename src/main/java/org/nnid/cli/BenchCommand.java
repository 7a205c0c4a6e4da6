package org.nnid.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import org.nnid.net.Network;
import org.nnid.rewrite.Rewriter;
import org.nnid.theory.Theory;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code nnid bench}: canonicalisation time of a dense random MLP as a ratio to one plain copy of
 * all its weights, measured in the same run, and its peak heap as a ratio to the network's size
 * (see {@link CanonBench}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Time canonicalisation of a random dense MLP against one plain copy of its weights,",
                "in the same run, and print the ratio and the peak heap as a ratio to the network's size;",
                "or, with --null-search, time null-search for every built-in theory."})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--activation", defaultValue = "tanh", description = "default: ${DEFAULT-VALUE}")
    String activation;

    @Option(names = "--inputs", defaultValue = "784", description = "default: ${DEFAULT-VALUE}")
    int inputs;

    @Option(names = "--width", defaultValue = "200", description = "hidden width (default: ${DEFAULT-VALUE})")
    int width;

    @Option(names = "--depth", defaultValue = "6", description = "hidden layers (default: ${DEFAULT-VALUE})")
    int depth;

    @Option(names = "--outputs", defaultValue = "10", description = "default: ${DEFAULT-VALUE}")
    int outputs;

    @Option(names = "--real", paramLabel = "DIR", defaultValue = "examples/networks",
            description = {"also time import + canonicalise + hash of the public networks",
                    "ffnnSIGMOID__Point_6x200.onnx and mnist_relu_9_200.onnx in DIR (default: ${DEFAULT-VALUE})"})
    java.nio.file.Path real;

    @Option(names = "--repeat", defaultValue = "3", description = "runs; the median is reported (default: ${DEFAULT-VALUE})")
    int repeat;

    @Option(names = "--warmup", defaultValue = "1", description = "unmeasured runs first, for the JIT (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--large", description = "the issue's large networks: 784 -> 8x1024 -> 10 (about 8.2M weights), tanh and relu;"
            + " needs about 1 GB of heap")
    boolean large;

    @Option(names = "--null-search", description = {"instead: null-search at the default search for every built-in",
            "theory, process CPU time of the first run and the median of --repeat more (issue 18)"})
    boolean nullSearch;

    @Override
    public Integer call() {
        Counts.require("--inputs", inputs, 1, Integer.MAX_VALUE);
        Counts.require("--width", width, 1, Integer.MAX_VALUE);
        Counts.require("--depth", depth, 1, Integer.MAX_VALUE);
        Counts.require("--outputs", outputs, 1, Integer.MAX_VALUE);
        Counts.require("--repeat", repeat, 1, Integer.MAX_VALUE);
        Counts.require("--warmup", warmup, 0, Integer.MAX_VALUE);
        PrintWriter out = spec.commandLine().getOut();
        if (nullSearch) {
            NullSearchBench.run(out, repeat);
            return ExitCode.OK;
        }
        if (large) {
            for (String a : new String[] {"tanh", "relu"}) {
                CanonBench.run(out, a, 784, 1024, 8, 10, repeat, warmup);
            }
        } else {
            CanonBench.run(out, activation, inputs, width, depth, outputs, repeat, warmup);
        }
        if (java.nio.file.Files.isDirectory(real)) {
            for (String name : REAL) {
                benchReal(real.resolve(name), out);
            }
        }
        return ExitCode.OK;
    }

    private static final List<String> REAL = List.of("ffnnSIGMOID__Point_6x200.onnx", "mnist_relu_9_200.onnx");

    /** Import + canonicalise + hash of one real network, each phase timed; median of --repeat runs. */
    private void benchReal(java.nio.file.Path file, PrintWriter out) {
        if (!java.nio.file.Files.exists(file)) {
            out.println("skipped " + file + ": not found (give --real DIR)");
            return;
        }
        long[][] t = new long[3][repeat];
        String hash = "";
        for (int r = 0; r < repeat; r++) {
            long t0 = System.nanoTime();
            Network net = org.nnid.io.NetworkFiles.read(file);
            long t1 = System.nanoTime();
            Theory theory = Engine.theoryOf(net);
            Network c = Rewriter.canonicalise(net, theory).network();
            long t2 = System.nanoTime();
            hash = org.nnid.rewrite.CanonicalHash.of(c, org.nnid.rewrite.CanonicalHash.DEFAULT_DIGITS);
            long t3 = System.nanoTime();
            t[0][r] = t1 - t0;
            t[1][r] = t2 - t1;
            t[2][r] = t3 - t2;
        }
        double[] ms = new double[3];
        for (int k = 0; k < 3; k++) {
            Arrays.sort(t[k]);
            ms[k] = t[k][repeat / 2] / 1e6;
        }
        out.printf(java.util.Locale.ROOT, "%s: import %.1f ms, canonicalise %.1f ms, hash %.1f ms, total %.1f ms"
                + " (median of %d; hash %s)%n", file.getFileName(), ms[0], ms[1], ms[2], ms[0] + ms[1] + ms[2], repeat,
                hash.substring(0, 12));
    }
}
