package org.nnid.dedup;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.nnid.activation.Activations;

/**
 * The networks of a generated zoo: random layered double networks (tanh, logistic, relu), copies
 * with exactly the same function, and near misses that differ in one parameter.
 *
 * <p>A copy uses only moves that are exact on doubles, so that the checker can prove it EQUIVALENT
 * to its original (a double is the rational it denotes): relabelling hidden units, tanh sign
 * flips (negation), relu rescaling by powers of two, logistic flips σ(−z) = 1 − σ(z) where the
 * successor biases absorb the outgoing weights without rounding, clone splits with shares ½ and ½,
 * dead units (no outgoing weight) and constant units whose value is 0 (tanh, relu). {@code rewrite/Orbit} applies the same moves with arbitrary shares
 * and scales, which round on doubles: such copies are only close, not equal.
 */
final class ZooNetworks {
    static final List<String> ACTIVATIONS = List.of("tanh", "logistic", "relu");

    private ZooNetworks() {}

    /** What the network of seed number {@code index} looks like. */
    record Shape(String activation, int inputs, int[] hidden, int outputs) {}

    static Shape shape(int index, Random random, int maxWidth, int maxDepth) {
        String activation = ACTIVATIONS.get(index % ACTIVATIONS.size());
        int inputs = 2 + random.nextInt(7);
        int depth = 1 + random.nextInt(maxDepth);
        int[] hidden = new int[depth];
        int low = Math.max(1, (3 * maxWidth) / 4);
        for (int l = 0; l < depth; l++) {
            hidden[l] = low + random.nextInt(maxWidth - low + 1);
        }
        return new Shape(activation, inputs, hidden, 1 + random.nextInt(2));
    }

    /** A random network of the shape: Gaussian weights scaled by 1/√fan-in, small Gaussian biases. */
    static LayeredDoubles original(Shape shape, Random random) {
        LayeredDoubles net = new LayeredDoubles(Activations.byName(shape.activation()), shape.inputs());
        int cols = shape.inputs();
        List<Integer> rows = new ArrayList<>();
        for (int h : shape.hidden()) {
            rows.add(h);
        }
        rows.add(shape.outputs());
        for (int r : rows) {
            double[] w = new double[r * cols];
            double scale = 1 / Math.sqrt(cols);
            for (int k = 0; k < w.length; k++) {
                w[k] = nonzero(random) * scale;
            }
            double[] b = new double[r];
            for (int k = 0; k < r; k++) {
                b[k] = 0.1 * nonzero(random);
            }
            net.weights.add(w);
            net.biases.add(b);
            cols = r;
        }
        return net;
    }

    private static double nonzero(Random random) {
        double g;
        do {
            g = random.nextGaussian();
        } while (Math.abs(g) < 1e-3); // no zero weights: a zero weight is a missing edge
        return g;
    }

    /**
     * A copy with the same function: symmetries at about half the hidden units, up to two clone
     * splits, maybe a dead and a constant unit, then every hidden layer relabelled. Returns what it did.
     */
    static List<String> symmetryCopy(LayeredDoubles net, Random random) {
        List<String> moves = new ArrayList<>();
        int symmetries = 0;
        for (int l = 0; l < net.hiddenLayers(); l++) {
            for (int i = 0; i < net.rows(l); i++) {
                if (random.nextBoolean() && applySymmetry(net, l, i, random)) {
                    symmetries++;
                }
            }
        }
        if (symmetries > 0) {
            moves.add(symmetries + (net.activation.name().equals("relu") ? " rescaled" : " flipped"));
        }
        int splits = random.nextInt(3);
        for (int s = 0; s < splits; s++) {
            int l = random.nextInt(net.hiddenLayers());
            if (splitClone(net, l, random.nextInt(net.rows(l)))) {
                moves.add("clone split");
            }
        }
        if (random.nextBoolean()) {
            int l = random.nextInt(net.hiddenLayers());
            double[] in = new double[net.cols(l)];
            for (int j = 0; j < in.length; j++) {
                in[j] = random.nextGaussian();
            }
            net.appendUnit(l, in, random.nextGaussian(), new double[net.rows(l + 1)]);
            moves.add("dead unit");
        }
        if (random.nextBoolean() && addConstantUnit(net, random.nextInt(net.hiddenLayers()), random)) {
            moves.add("constant unit");
        }
        for (int l = 0; l < net.hiddenLayers(); l++) {
            net.permute(l, shuffled(net.rows(l), random));
        }
        moves.add("permuted");
        return moves;
    }

    /** The symmetry of the activation at unit i of hidden layer l, when it is exact on these doubles. */
    private static boolean applySymmetry(LayeredDoubles net, int l, int i, Random random) {
        switch (net.activation.name()) {
            case "tanh" -> { // tanh(−z) = −tanh(z): negation is exact
                net.scaleUnit(l, i, -1, -1);
                return true;
            }
            case "relu" -> { // relu(c·z) = c·relu(z) for c > 0; powers of two scale exactly
                int k = random.nextInt(7) - 3;
                double c = Math.scalb(1.0, k == 0 ? 1 : k);
                if (!scalesExactly(net.incomingRow(l, i), c) || !scalesExactly(new double[] {net.biases.get(l)[i]}, c)
                        || !scalesExactly(net.outgoingColumn(l, i), 1 / c)) {
                    return false;
                }
                net.scaleUnit(l, i, c, 1 / c);
                return true;
            }
            case "logistic" -> { // σ(−z) = 1 − σ(z): the successors' biases absorb the outgoing weights
                double[] out = net.outgoingColumn(l, i);
                double[] next = net.biases.get(l + 1);
                for (int r = 0; r < out.length; r++) {
                    if (!sumIsExact(next[r], out[r])) {
                        return false;
                    }
                }
                net.shiftBiases(l + 1, out);
                net.scaleUnit(l, i, -1, -1);
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** The inverse of merging clones: unit i's outgoing weights ω become ω/2 on it and on a new copy of it. */
    private static boolean splitClone(LayeredDoubles net, int l, int i) {
        double[] out = net.outgoingColumn(l, i);
        double[] half = new double[out.length];
        for (int r = 0; r < out.length; r++) {
            half[r] = out[r] / 2;
            if (half[r] * 2 != out[r] || (half[r] != 0 && Math.abs(half[r]) < Double.MIN_NORMAL)) {
                return false;
            }
        }
        net.setOutgoingColumn(l, i, half);
        net.appendUnit(l, net.incomingRow(l, i), net.biases.get(l)[i], half);
        return true;
    }

    /**
     * A unit without inputs (a constant) feeding the next layer: bias θ with ρ(θ) = 0 for tanh and
     * relu, so it adds nothing.
     */
    private static boolean addConstantUnit(LayeredDoubles net, int l, Random random) {
        double[] out = new double[net.rows(l + 1)];
        for (int r = 0; r < out.length; r++) {
            out[r] = Math.scalb((double) (1 + random.nextInt(7)), -2) * (random.nextBoolean() ? 1 : -1);
        }
        double theta;
        switch (net.activation.name()) {
            case "tanh" -> theta = 0;
            case "relu" -> theta = -Math.scalb((double) (1 + random.nextInt(4)), -2);
            // Not for logistic: its constant unit is σ(0) = 1/2, not 0, so the copy would need the next
            // biases shifted by out/2, which doubles do not always hold exactly.
            default -> {
                return false;
            }
        }
        net.appendUnit(l, new double[net.cols(l)], theta, out);
        return true;
    }

    private static boolean scalesExactly(double[] values, double c) {
        for (double v : values) {
            double s = v * c;
            if (Double.isInfinite(s) || (s != 0 && Math.abs(s) < Double.MIN_NORMAL) || s / c != v) {
                return false;
            }
        }
        return true;
    }

    /** Whether a + b is a double (no rounding), decided exactly. */
    static boolean sumIsExact(double a, double b) {
        double s = a + b;
        return !Double.isInfinite(s) && new BigDecimal(a).add(new BigDecimal(b)).compareTo(new BigDecimal(s)) == 0;
    }

    private static int[] shuffled(int n, Random random) {
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        for (int k = n - 1; k > 0; k--) {
            int j = random.nextInt(k + 1);
            int t = order[k];
            order[k] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** One parameter of a layered network: layer, flat index, and whether it is a bias. */
    record Parameter(int layer, int index, boolean bias) {}

    /** How a near miss moves its parameter. */
    enum Nudge {
        ULP_UP("one ulp up"), ULP_DOWN("one ulp down"), RELATIVE_UP("1e-9 relative up"), RELATIVE_DOWN("1e-9 relative down");

        final String words;

        Nudge(String words) {
            this.words = words;
        }

        double apply(double v) {
            return switch (this) {
                case ULP_UP -> Math.nextUp(v);
                case ULP_DOWN -> Math.nextDown(v);
                case RELATIVE_UP -> v + Math.abs(v) * 1e-9;
                case RELATIVE_DOWN -> v - Math.abs(v) * 1e-9;
            };
        }
    }

    /**
     * Near misses of {@code net}: each moves one parameter (a different parameter or direction for
     * each, so that no two near misses are the same network). Returns the descriptions.
     */
    static List<String> nearMisses(LayeredDoubles net, int count, Random random, List<LayeredDoubles> into) {
        java.util.Set<String> taken = new java.util.HashSet<>();
        List<String> what = new ArrayList<>();
        long parameters = net.parameterCount();
        Nudge[] nudges = Nudge.values();
        while (what.size() < count && taken.size() < 4 * parameters) {
            Parameter p = parameter(net, random.nextInt((int) parameters));
            Nudge nudge = nudges[random.nextInt(nudges.length)];
            if (!taken.add(p + "/" + nudge)) {
                continue;
            }
            LayeredDoubles miss = net.copy();
            double[] values = p.bias() ? miss.biases.get(p.layer()) : miss.weights.get(p.layer());
            values[p.index()] = nudge.apply(values[p.index()]);
            into.add(miss);
            what.add((p.bias() ? "bias " : "weight ") + p.index() + " of layer " + (p.layer() + 1) + " moved "
                    + nudge.words);
        }
        return what;
    }

    private static Parameter parameter(LayeredDoubles net, int k) {
        for (int l = 0; l < net.layerCount(); l++) {
            int w = net.weights.get(l).length;
            if (k < w) {
                return new Parameter(l, k, false);
            }
            k -= w;
            int b = net.biases.get(l).length;
            if (k < b) {
                return new Parameter(l, k, true);
            }
            k -= b;
        }
        throw new IllegalArgumentException("no parameter " + k);
    }
}
