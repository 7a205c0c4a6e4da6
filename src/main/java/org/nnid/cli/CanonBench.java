package org.nnid.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.nnid.net.Layer;
import org.nnid.net.Network;
import org.nnid.rewrite.Rewriter;
import org.nnid.activation.Activations;
import org.nnid.rewrite.Rules;
import org.nnid.io.Nonlinearities;
import org.nnid.theory.Theory;

/**
 * One canonicalisation benchmark of {@code nnid bench}: a random dense MLP, canonicalised after
 * warm-up runs, its time as a ratio to one plain copy of all its weights measured in the same
 * runs (machines here are noisy, so ratios, not seconds), and its peak heap as a ratio to the
 * network's own size (its weights and biases as doubles). The copy and the canonicalisation each
 * start right after a full collection: a collection shrinks the heap, and the first to allocate
 * afterwards pays for the memory being handed back (page faults, a young collection).
 */
final class CanonBench {
    /** Where the copy's result goes, so that the JIT cannot drop the copy being timed. */
    private static volatile double sink;

    private CanonBench() {}

    /** A dense MLP with Gaussian weights scaled by 1/√fan-in and small Gaussian biases. */
    static Network randomMlp(String activation, int inputs, int width, int depth, int outputs, Random random) {
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
        return Network.layered(Nonlinearities.builtins().get(activation).activation(), inputs, layers, false);
    }

    static void run(PrintWriter out, String activation, int inputs, int width, int depth, int outputs, int repeat,
            int warmup) {
        Network net = randomMlp(activation, inputs, width, depth, outputs, new Random(42));
        long values = net.storedWeightCount() + net.nodeCount() - net.inputCount(); // weights and biases
        List<Layer> layers = net.asLayers().orElseThrow(); // what the copy copies
        Theory theory = Engine.theoryOf(net);
        long weights = net.storedWeightCount();
        double netBytes = values * 8.0;
        for (int r = 0; r < warmup; r++) {
            Rewriter.canonicalise(net, theory);
        }
        long[] copy = new long[repeat];
        long[] canon = new long[repeat];
        long peak = 0;
        for (int r = 0; r < repeat; r++) {
            // The copy starts from the heap state the canonicalisation starts from (just collected),
            // so that both pay alike for the memory their new arrays take.
            heapBeforeRun();
            long t0 = System.nanoTime();
            double sum = 0;
            for (Layer layer : layers) {
                double[] c = layer.weights().doubles();
                sum += c[c.length - 1];
            }
            copy[r] = System.nanoTime() - t0;
            sink = sum;
            long before = heapBeforeRun();
            t0 = System.nanoTime();
            Network c = Rewriter.canonicalise(net, theory).network();
            canon[r] = System.nanoTime() - t0;
            peak = Math.max(peak, peakHeap() - before);
            sink = c.hiddenCount();
        }
        Arrays.sort(copy);
        Arrays.sort(canon);
        double copyMs = copy[repeat / 2] / 1e6;
        double canonMs = canon[repeat / 2] / 1e6;
        out.printf(Locale.ROOT, "network: %s %d -> %dx%d -> %d, %d weights (%.1f MB as doubles)%n", activation, inputs, depth,
                width, outputs, weights, netBytes / 1e6);
        out.printf(Locale.ROOT, "copy of all weights: %.2f ms; canonicalise: %.1f ms; ratio %.1fx (median of %d, after %d"
                + " warm-up)%n", copyMs, canonMs, canonMs / copyMs, repeat, warmup);
        out.printf(Locale.ROOT, "peak heap during canonicalisation: %.1f MB above the heap before = %.2fx the network;"
                + " with the input network %.2fx%n", peak / 1e6, peak / netBytes, 1 + peak / netBytes);
        out.flush();
    }

    /** Collects garbage, then starts the pools' peak counts afresh; returns the heap in use. */
    private static long heapBeforeRun() {
        System.gc();
        long used = 0;
        for (MemoryPoolMXBean p : heapPools()) {
            p.resetPeakUsage();
            used += p.getUsage().getUsed();
        }
        return used;
    }

    /** The sum of the heap pools' peaks since the reset: at least the heap's true peak (garbage included). */
    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean p : heapPools()) {
            peak += p.getPeakUsage().getUsed();
        }
        return peak;
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    }
}
