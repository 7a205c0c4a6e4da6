package org.nnid.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;

import org.nnid.net.Layer;
import org.nnid.net.Network;
import org.nnid.rewrite.Rewriter;
import org.nnid.rewrite.Rules;
import org.nnid.theory.Activations;
import org.nnid.theory.Theory;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code nnid bench}: canonicalisation time of a dense random MLP as a ratio to one plain copy of
 * all its weights, measured in the same run (machines here are noisy, so ratios, not seconds).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Time canonicalisation of a random dense MLP against one plain copy of its weights,",
                "in the same run, and print the ratio and the peak heap growth."})
final class BenchCommand implements Callable<Integer> {
    /** Where the copy's result goes, so that the JIT cannot drop the copy being timed. */
    private static volatile double sink;

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

    @Option(names = "--real", paramLabel = "DIR", defaultValue = "../shared/networks",
            description = {"also time import + canonicalise + hash of the public networks",
                    "ffnnSIGMOID__Point_6x200.onnx and mnist_relu_9_200.onnx in DIR (default: ${DEFAULT-VALUE})"})
    java.nio.file.Path real;

    @Option(names = "--repeat", defaultValue = "3", description = "runs; the median is reported (default: ${DEFAULT-VALUE})")
    int repeat;

    @Override
    public Integer call() {
        if (inputs < 1 || width < 1 || depth < 1 || outputs < 1 || repeat < 1) {
            throw new UserInputException("bench: sizes and --repeat must be positive");
        }
        Random random = new Random(42);
        List<Layer> layers = new ArrayList<>();
        int prev = inputs;
        for (int l = 0; l <= depth; l++) {
            int rows = l == depth ? outputs : width;
            double[] w = new double[rows * prev];
            double[] b = new double[rows];
            for (int i = 0; i < w.length; i++) {
                w[i] = random.nextGaussian() / Math.sqrt(prev);
            }
            for (int i = 0; i < rows; i++) {
                b[i] = random.nextGaussian() * 0.1;
            }
            layers.add(Layer.of(rows, prev, w, b));
            prev = rows;
        }
        Network net = Network.layered(Activations.byName(activation), inputs, layers, false);
        Theory theory = Engine.theoryOf(net);
        long weights = net.storedWeightCount();
        long[] copy = new long[repeat];
        long[] canon = new long[repeat];
        long peak = 0;
        Runtime rt = Runtime.getRuntime();
        for (int r = 0; r < repeat; r++) {
            long t0 = System.nanoTime();
            double sum = 0;
            for (Layer layer : layers) {
                double[] c = layer.weights().doubles().clone();
                sum += c[c.length - 1];
            }
            copy[r] = System.nanoTime() - t0;
            sink = sum;
            System.gc();
            long before = rt.totalMemory() - rt.freeMemory();
            t0 = System.nanoTime();
            Network c = Rewriter.canonicalise(net, Rules.of(theory), theory.normalForm()).network();
            canon[r] = System.nanoTime() - t0;
            peak = Math.max(peak, rt.totalMemory() - rt.freeMemory() - before);
            if (c.hiddenCount() == -1) {
                throw new IllegalStateException();
            }
        }
        Arrays.sort(copy);
        Arrays.sort(canon);
        double copyMs = copy[repeat / 2] / 1e6;
        double canonMs = canon[repeat / 2] / 1e6;
        PrintWriter out = spec.commandLine().getOut();
        out.printf(java.util.Locale.ROOT, "network: %s %d -> %dx%d -> %d, %d weights (%.1f MB as doubles)%n", activation,
                inputs, depth, width, outputs, weights, weights * 8 / 1e6);
        out.printf(java.util.Locale.ROOT, "copy of all weights: %.2f ms; canonicalise: %.1f ms; ratio %.0fx (median of %d)%n",
                copyMs, canonMs, canonMs / copyMs, repeat);
        out.printf(java.util.Locale.ROOT, "heap growth during canonicalisation (approximate): %.1f MB = %.1fx the weights%n",
                peak / 1e6, peak / (weights * 8.0));
        for (String name : REAL) {
            benchReal(real.resolve(name), out);
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
            Network c = Rewriter.canonicalise(net, Rules.of(theory), theory.normalForm()).network();
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
