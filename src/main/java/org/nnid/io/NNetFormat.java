package org.nnid.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.math3.fraction.BigFraction;
import org.nnid.net.InputBox;
import org.nnid.net.Layer;
import org.nnid.net.Network;
import org.nnid.scalar.Scalar;
import org.nnid.activation.Activations;

/**
 * The NNet text format of the ACAS Xu tools (sisl/NNet): comment lines starting {@code //}; the
 * numbers of layers, inputs and outputs and the largest layer size; the layer sizes; a legacy flag;
 * input minimums, maximums, means and ranges (means and ranges with one more entry for the
 * outputs); then per layer its weight rows and its biases. Hidden layers are ReLU, outputs affine.
 * Numbers are read as doubles (correctly rounded), as the NNet tools read them.
 *
 * <p>The tools compute y = range_out·N(x') + mean_out with x'_j = (clip(x_j) − mean_j)/range_j.
 * The normalisation is part of the function and is folded in: into the first layer exactly
 * ({@link Fold}: each weight and bias is the exact value rounded once), and into the output layer
 * by one correctly rounded operation per entry (W·range_out, and fma(b, range_out, mean_out)).
 * The clipping to [min, max] is a domain, not part of the function: it becomes the network's
 * declared {@link InputBox}. Bounds of ±{@link Double#MAX_VALUE} on every input mean no box,
 * which is what {@link #write} writes for a network without one.
 */
public final class NNetFormat {
    private NNetFormat() {}

    /** Reads an NNet file ({@code .nnet}, or gzipped {@code .nnet.gz}) with its normalisation folded in. */
    public static Network read(Path file) {
        return parse(lines(file), file.toString());
    }

    /**
     * Reads an NNet file as the bare network the tools apply between the normalisations: inputs
     * already normalised, raw outputs, no declared box (the minimums and maximums are in raw units).
     * This is the function that differential-verification benchmarks compare.
     */
    public static Network readWithoutNormalisation(Path file) {
        return parse(lines(file), file.toString(), false);
    }

    /** An NNet file's input normalisation x' = (x − mean)/range, one entry per input. */
    public record InputNormalisation(double[] mean, double[] range) {
        /** The normalised value of input j, the way the NNet tools compute it (in double). */
        public double apply(int j, double x) {
            return (x - mean[j]) / range[j];
        }
    }

    /** The input means and ranges of an NNet file's header. */
    public static InputNormalisation inputNormalisation(Path file) {
        Tokens in = new Tokens(lines(file), file.toString());
        int layerCount = in.count("the number of layers");
        int inputs = in.count("the number of inputs");
        in.skipLine();
        for (int l = 0; l <= layerCount; l++) {
            in.count("layer size " + l);
        }
        in.endLine();
        in.skipLine();
        in.leadingNumbers(inputs, "input minimums");
        in.leadingNumbers(inputs, "input maximums");
        double[] mean = in.leadingNumbers(inputs + 1, "means");
        double[] range = in.leadingNumbers(inputs + 1, "ranges");
        return new InputNormalisation(java.util.Arrays.copyOf(mean, inputs), java.util.Arrays.copyOf(range, inputs));
    }

    /** The file's lines; a name ending in {@code .gz} is decompressed first. */
    private static List<String> lines(Path file) {
        String source = file.toString();
        FileBudget.check(file);
        try {
            if (source.toLowerCase(java.util.Locale.ROOT).endsWith(".gz")) {
                try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(file))) {
                    // a few kilobytes of gzip can inflate to gigabytes: the budget holds for the inflated text
                    byte[] text = in.readNBytes((int) FileBudget.maxBytes() + 1);
                    if (text.length > FileBudget.maxBytes()) {
                        throw new NetworkFormatException(source, "", "decompressed, " + FileBudget.tooLarge(text.length)
                                + " (reading stopped there)");
                    }
                    return new String(text, StandardCharsets.UTF_8).lines().toList();
                }
            }
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new NetworkFormatException(source, "", "no such file", e);
        } catch (IOException e) {
            throw new NetworkFormatException(source, "", "cannot read the file: " + e.getMessage(), e);
        }
    }

    /** Reads NNet text given as lines; {@code source} names it in errors. */
    public static Network parse(List<String> lines, String source) {
        return parse(lines, source, true);
    }

    private static Network parse(List<String> lines, String source, boolean normalise) {
        Tokens in = new Tokens(lines, source);
        // Every number takes at least two characters (a digit and a comma or line break), so the
        // file's length bounds what its header may announce before anything is allocated.
        long capacity = 0;
        for (String line : lines) {
            capacity += (line.length() + 1) / 2;
        }
        int layerCount = in.count("the number of layers");
        if (layerCount >= capacity) {
            throw in.fail("the header announces " + layerCount + " layers; the file's " + lines.size()
                    + " lines hold at most " + capacity + " numbers");
        }
        int inputs = in.count("the number of inputs");
        int outputs = in.count("the number of outputs");
        in.count("the largest layer size");
        in.endLine();
        int[] sizes = new int[layerCount + 1];
        for (int l = 0; l <= layerCount; l++) {
            sizes[l] = in.count("layer size " + l);
        }
        long announced = 4L * inputs + 2;
        for (int l = 0; l < layerCount && announced <= capacity; l++) {
            announced += (long) sizes[l + 1] * (sizes[l] + 1L);
        }
        if (announced > capacity) {
            throw in.fail("the layer sizes announce more than " + capacity + " weights and biases, all the file's "
                    + lines.size() + " lines can hold");
        }
        in.endLine();
        if (sizes[0] != inputs || sizes[layerCount] != outputs) {
            throw in.fail("the layer sizes " + java.util.Arrays.toString(sizes) + " do not start with the " + inputs
                    + " inputs and end with the " + outputs + " outputs");
        }
        in.skipLine(); // the legacy flag
        double[] min = in.leadingNumbers(inputs, "input minimums");
        double[] max = in.leadingNumbers(inputs, "input maximums");
        double[] mean = in.leadingNumbers(inputs + 1, "means");
        double[] range = in.leadingNumbers(inputs + 1, "ranges");
        List<Layer> layers = new ArrayList<>();
        for (int l = 0; l < layerCount; l++) {
            int rows = sizes[l + 1];
            int cols = sizes[l];
            double[] w = new double[rows * cols];
            for (int i = 0; i < rows; i++) {
                System.arraycopy(in.numbers(cols, "layer " + (l + 1) + " weight row " + (i + 1)), 0, w, i * cols, cols);
            }
            double[] b = new double[rows];
            for (int i = 0; i < rows; i++) {
                b[i] = in.numbers(1, "layer " + (l + 1) + " bias " + (i + 1))[0];
            }
            layers.add(Layer.of(rows, cols, w, b));
        }
        in.expectEnd();
        for (int j = 0; j <= inputs; j++) {
            if (range[j] == 0) {
                throw in.fail("range " + (j + 1) + " is 0 (the normalisation divides by it)");
            }
        }
        if (!normalise) {
            return Network.layered(Activations.byName("relu"), inputs, layers, false);
        }
        layers.set(0, foldInput(layers.get(0), mean, range));
        layers.set(layerCount - 1, scaleOutput(layers.get(layerCount - 1), mean[inputs], range[inputs]));
        Network net = Network.layered(Activations.byName("relu"), inputs, layers, false);
        boolean unbounded = true;
        List<Scalar> lo = new ArrayList<>();
        List<Scalar> hi = new ArrayList<>();
        for (int j = 0; j < inputs; j++) {
            unbounded &= min[j] == -Double.MAX_VALUE && max[j] == Double.MAX_VALUE;
            lo.add(Scalar.of(min[j]));
            hi.add(Scalar.of(max[j]));
        }
        try {
            return unbounded ? net : net.withInputBox(new InputBox(lo, hi));
        } catch (IllegalArgumentException e) {
            throw new NetworkFormatException(source, "input minimums and maximums", e.getMessage());
        }
    }

    /** x'_j = (x_j − mean_j)/range_j = a_j·x_j + c_j with a_j = 1/range_j, c_j = −mean_j/range_j. */
    private static Layer foldInput(Layer first, double[] mean, double[] range) {
        int n = first.cols();
        BigFraction[] a = new BigFraction[n];
        BigFraction[] c = new BigFraction[n];
        for (int j = 0; j < n; j++) {
            a[j] = new BigFraction(range[j]).reciprocal();
            c[j] = new BigFraction(mean[j]).negate().divide(new BigFraction(range[j]));
        }
        Fold.Factors factors = new Fold.Factors(a);
        double[] w = first.weights().doubles();
        double[] nw = new double[w.length];
        double[] nb = new double[first.rows()];
        for (int i = 0; i < first.rows(); i++) {
            for (int j = 0; j < n; j++) {
                nw[i * n + j] = factors.apply(w[i * n + j], j);
            }
            nb[i] = Fold.affine(first.bias().getDouble(i), w, i * n, 1, c);
        }
        return Layer.of(first.rows(), n, nw, nb);
    }

    private static Layer scaleOutput(Layer last, double mean, double range) {
        double[] w = last.weights().doubles();
        double[] b = new double[last.rows()];
        for (int k = 0; k < w.length; k++) {
            w[k] *= range;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = Math.fma(last.bias().getDouble(i), range, mean);
        }
        return Layer.of(last.rows(), last.cols(), w, b);
    }

    /**
     * The NNet text of a layered ReLU network with affine outputs, with the identity
     * normalisation (means 0, ranges 1); the declared input box, if any, becomes the input
     * minimums and maximums. Every number is written so that it reads back to the same double;
     * exact values are rounded to the nearest double.
     *
     * @throws IllegalArgumentException for another activation, output activation or skip connections
     */
    public static String write(Network net) {
        if (!net.activation().name().equals("relu") || net.outputActivation()) {
            throw new IllegalArgumentException("NNet holds ReLU networks with affine outputs; this one is "
                    + net.activation().name() + (net.outputActivation() ? " with an activation at the outputs" : ""));
        }
        List<Layer> layers = Layering.layers(net);
        int m = net.inputCount();
        StringBuilder out = new StringBuilder("// Neural network written by nnid; normalisation folded into the weights\n");
        int maxSize = m;
        for (Layer l : layers) {
            maxSize = Math.max(maxSize, l.rows());
        }
        out.append(layers.size()).append(',').append(m).append(',').append(net.outputCount()).append(',')
                .append(maxSize).append(",\n");
        out.append(m).append(',');
        for (Layer l : layers) {
            out.append(l.rows()).append(',');
        }
        out.append("\n0,\n");
        double[] lo = new double[m];
        double[] hi = new double[m];
        for (int j = 0; j < m; j++) {
            final int jj = j;
            lo[j] = net.inputBox().map(b -> b.lower().get(jj).toDouble()).orElse(-Double.MAX_VALUE);
            hi[j] = net.inputBox().map(b -> b.upper().get(jj).toDouble()).orElse(Double.MAX_VALUE);
        }
        line(out, lo);
        line(out, hi);
        line(out, new double[m + 1]);
        double[] ones = new double[m + 1];
        java.util.Arrays.fill(ones, 1.0);
        line(out, ones);
        for (Layer l : layers) {
            for (int i = 0; i < l.rows(); i++) {
                double[] row = new double[l.cols()];
                for (int j = 0; j < l.cols(); j++) {
                    row[j] = l.weight(i, j).toDouble();
                }
                line(out, row);
            }
            for (int i = 0; i < l.rows(); i++) {
                line(out, new double[] {l.bias().get(i).toDouble()});
            }
        }
        return out.toString();
    }

    private static void line(StringBuilder out, double[] v) {
        for (double d : v) {
            out.append(Double.toString(d)).append(',');
        }
        out.append('\n');
    }

    /** The numbers of an NNet file, line by line, with line numbers for messages. */
    private static final class Tokens {
        private final List<String> lines;
        private final String source;
        private int line;
        private List<String> current = new ArrayList<>();
        private int next;

        Tokens(List<String> lines, String source) {
            this.lines = lines;
            this.source = source;
            this.line = -1;
            advance();
        }

        private void advance() {
            current = new ArrayList<>();
            next = 0;
            while (++line < lines.size()) {
                String s = lines.get(line).strip();
                if (s.isEmpty() || s.startsWith("//")) {
                    continue;
                }
                for (String t : s.split(",")) {
                    if (!t.isBlank()) {
                        current.add(t.strip());
                    }
                }
                return;
            }
        }

        NetworkFormatException fail(String problem) {
            return new NetworkFormatException(source, line < lines.size() ? "line " + (line + 1) : "end of file", problem);
        }

        private String token(String what) {
            if (line >= lines.size()) {
                throw fail("the file ends before " + what);
            }
            if (next >= current.size()) {
                throw fail("expected " + what + ", the line has only " + current.size() + " entries");
            }
            return current.get(next++);
        }

        int count(String what) {
            String t = token(what);
            try {
                int v = Integer.parseInt(t);
                if (v < 1) {
                    throw fail(what + " must be positive, found " + t);
                }
                return v;
            } catch (NumberFormatException e) {
                throw fail("expected " + what + " (a positive integer), found '" + t + "'");
            }
        }

        /** n numbers from the current line, which must hold exactly n; moves to the next line. */
        double[] numbers(int n, String what) {
            double[] v = read(n, what);
            endLine();
            return v;
        }

        /**
         * The first n numbers of the current line, ignoring any after them: the ACAS Xu copies of
         * the NeuroDiff artifact carry two extra entries on their normalisation lines.
         */
        double[] leadingNumbers(int n, String what) {
            double[] v = read(n, what);
            advance();
            return v;
        }

        /** The next n numbers of the current line, each finite. */
        private double[] read(int n, String what) {
            if (line < lines.size() && n > current.size() - next) { // before allocating what the header announced
                throw fail("expected " + what + " (" + n + " numbers), the line has only " + (current.size() - next));
            }
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                String t = token(what + " (" + n + " numbers)");
                try {
                    v[i] = Double.parseDouble(t);
                } catch (NumberFormatException e) {
                    throw fail("expected a number in the " + what + ", found '" + t + "'");
                }
                if (!Double.isFinite(v[i])) {
                    throw fail("the " + what + " contain " + t + " (numbers must be finite)");
                }
            }
            return v;
        }

        void endLine() {
            if (next < current.size()) {
                throw fail("expected " + next + " entries on this line, found " + current.size());
            }
            advance();
        }

        void skipLine() {
            if (line >= lines.size()) {
                throw fail("the file ends before the flag line");
            }
            advance();
        }

        void expectEnd() {
            if (line < lines.size()) {
                throw fail("unexpected content after the last layer's biases");
            }
        }
    }
}
