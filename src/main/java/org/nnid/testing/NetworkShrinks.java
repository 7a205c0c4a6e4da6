package org.nnid.testing;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.nnid.net.InputBox;
import org.nnid.net.Layer;
import org.nnid.net.Network;
import org.nnid.net.NetworkBuilder;
import org.nnid.scalar.DoubleScalar;
import org.nnid.scalar.Rational;
import org.nnid.scalar.Scalar;

/**
 * The structural shrink steps of a network, for counterexamples that end small: remove a level of
 * hidden nodes, one hidden node (with its edges), one input or one output, remove one edge,
 * replace one weight or bias by a simpler value (0, ±1, a nearby integer, a rational with a
 * smaller denominator). Layered networks take the same steps on their layers
 * ({@link LayeredShrinks}), so they stay layered. Every step strictly lowers {@link #size}, so
 * repeated shrinking terminates.
 */
public final class NetworkShrinks {
    /** Values that are not small rationals (irrational doubles, π/3, …) count as this complex. */
    private static final long OPAQUE = 1_000_000;

    private NetworkShrinks() {}

    /**
     * The size that shrinking lowers, compared lexicographically: hidden nodes, inputs, outputs,
     * edges, then the sum of the complexities of all weights and biases (|p| + q for p/q; 0 for 0).
     */
    public static long[] size(Network net) {
        long edges = 0;
        long values = 0;
        for (int v = net.inputCount(); v < net.nodeCount(); v++) {
            values += complexity(net.bias(v));
            for (Scalar w : net.incoming(v).values()) {
                if (!w.isZero()) {
                    edges++;
                    values += complexity(w);
                }
            }
        }
        return new long[] {net.hiddenCount(), net.inputCount(), net.outputCount(), edges, values};
    }

    /** The networks one shrink step away, largest steps first, with no limit but validity. */
    public static List<Network> candidates(Network net) {
        return candidates(net, ShrinkLimits.NONE);
    }

    /**
     * The networks one shrink step away that keep the generator's {@code limits}, largest steps
     * first: a layered network shrinks layer by layer (it stays layered), any other node by node.
     */
    static List<Network> candidates(Network net, ShrinkLimits limits) {
        Optional<List<Layer>> layers = net.asLayers();
        List<Network> all = layers.isPresent() ? LayeredShrinks.candidates(net, layers.get(), limits)
                : generalCandidates(net);
        List<Network> out = new ArrayList<>(all.size());
        for (Network c : all) {
            if (limits.admits(c)) {
                out.add(c);
            }
        }
        return out;
    }

    private static List<Network> generalCandidates(Network net) {
        List<Network> out = new ArrayList<>();
        int[] levels = net.levels();
        Set<Integer> hiddenLevels = new LinkedHashSet<>();
        for (int v = 0; v < net.nodeCount(); v++) {
            if (net.isHidden(v)) {
                hiddenLevels.add(levels[v]);
            }
        }
        if (hiddenLevels.size() > 1) {
            for (int level : hiddenLevels) {
                Set<Integer> drop = new LinkedHashSet<>();
                for (int v = 0; v < net.nodeCount(); v++) {
                    if (net.isHidden(v) && levels[v] == level) {
                        drop.add(v);
                    }
                }
                out.add(rebuild(net, drop, -1, -1, null));
            }
        }
        for (int v = 0; v < net.nodeCount(); v++) {
            if (net.isHidden(v)) {
                out.add(rebuild(net, Set.of(v), -1, -1, null));
            }
        }
        if (net.inputCount() > 1) {
            for (int x = 0; x < net.inputCount(); x++) {
                out.add(rebuild(net, Set.of(x), -1, -1, null));
            }
        }
        if (net.outputCount() > 1) {
            for (int k = 0; k < net.outputCount(); k++) {
                out.add(rebuild(net, Set.of(net.outputNode(k)), -1, -1, null));
            }
        }
        for (int v = net.inputCount(); v < net.nodeCount(); v++) {
            for (Map.Entry<Integer, Scalar> e : net.incoming(v).entrySet()) {
                if (!e.getValue().isZero()) {
                    out.add(rebuild(net, Set.of(), v, e.getKey(), Scalar.ZERO));
                }
            }
        }
        for (int v = net.inputCount(); v < net.nodeCount(); v++) {
            for (Scalar s : simpler(net.bias(v))) {
                out.add(rebuild(net, Set.of(), v, -1, s));
            }
            for (Map.Entry<Integer, Scalar> e : net.incoming(v).entrySet()) {
                for (Scalar s : simpler(e.getValue())) {
                    if (!s.isZero()) { // zero is the edge removal above
                        out.add(rebuild(net, Set.of(), v, e.getKey(), s));
                    }
                }
            }
        }
        return out;
    }

    /** Simpler values than x, simplest first: 0, ±1, the nearest integer, then p/q with smaller q. */
    static List<Scalar> simpler(Scalar x) {
        long c = complexity(x);
        boolean asDouble = x instanceof DoubleScalar;
        double d = x.toDouble();
        Set<Scalar> out = new LinkedHashSet<>();
        List<Rational> tries = new ArrayList<>(List.of(Scalar.of(0), Scalar.of(1), Scalar.of(-1)));
        if (Double.isFinite(d) && Math.abs(d) < 1e15) {
            tries.add(Scalar.of(Math.round(d)));
            for (long q = 2; q <= 8; q++) {
                tries.add(Scalar.of(Math.round(d * q), q));
            }
        }
        for (Rational r : tries) {
            Scalar s = asDouble ? Scalar.of(r.toDouble()) : r;
            if (complexity(s) < c) {
                out.add(s);
            }
        }
        return new ArrayList<>(out);
    }

    /** |p| + q for a rational (or a double that is one with q ≤ 2^20); 0 for zero. */
    static long complexity(Scalar x) {
        if (x.isZero()) {
            return 0;
        }
        Rational r;
        if (x instanceof Rational q) {
            r = q;
        } else if (x instanceof DoubleScalar && Double.isFinite(x.toDouble())) {
            r = Rational.ofExactDouble(x.toDouble());
        } else {
            return OPAQUE;
        }
        BigInteger sum = r.numerator().abs().add(r.denominator());
        return sum.bitLength() > 40 ? OPAQUE : Math.min(OPAQUE, sum.longValueExact());
    }

    /** net with the weight of one edge (source → node) replaced; zero removes the edge. */
    static Network withWeight(Network net, int node, int source, Scalar weight) {
        return rebuild(net, Set.of(), node, source, weight);
    }

    /** net with the bias of one node replaced. */
    static Network withBias(Network net, int node, Scalar bias) {
        return rebuild(net, Set.of(), node, -1, bias);
    }

    /**
     * net without the nodes {@code drop} (hidden nodes, inputs or outputs, with their edges), with
     * the bias of {@code node} (when {@code source} is −1) or the weight source → node set to
     * {@code value} (if not null). Default input names are renumbered, x1..xn, after a drop.
     */
    private static Network rebuild(Network net, Set<Integer> drop, int node, int source, Scalar value) {
        List<String> kept = new ArrayList<>();
        List<Integer> keptInputs = new ArrayList<>();
        for (int x = 0; x < net.inputCount(); x++) {
            if (!drop.contains(x)) {
                kept.add(net.inputNames().get(x));
                keptInputs.add(x);
            }
        }
        boolean renumber = net.inputNames().equals(Network.defaultInputNames(net.inputCount()));
        List<String> names = renumber ? Network.defaultInputNames(kept.size()) : kept;
        Map<String, String> inputName = new LinkedHashMap<>();
        for (int i = 0; i < kept.size(); i++) {
            inputName.put(kept.get(i), names.get(i));
        }
        NetworkBuilder b = Network.builder(net.activation(), names).outputActivation(net.outputActivation());
        for (int v = net.inputCount(); v < net.nodeCount(); v++) {
            if (drop.contains(v)) {
                continue;
            }
            Scalar bias = value != null && v == node && source < 0 ? value : net.bias(v);
            Map<String, Scalar> in = new LinkedHashMap<>();
            for (Map.Entry<Integer, Scalar> e : net.incoming(v).entrySet()) {
                Scalar w = value != null && v == node && e.getKey() == source ? value : e.getValue();
                if (!drop.contains(e.getKey()) && !w.isZero()) {
                    String id = net.id(e.getKey());
                    in.put(inputName.getOrDefault(id, id), w);
                }
            }
            if (value != null && v == node && source >= 0 && !net.incoming(v).containsKey(source) && !value.isZero()) {
                String id = net.id(source); // a weight set where there was no edge adds the edge
                in.put(inputName.getOrDefault(id, id), value);
            }
            b.node(net.id(v), net.isOutput(v), bias, in);
        }
        Network out = b.build();
        return net.inputBox().map(box -> out.withInputBox(keepCoordinates(box, keptInputs))).orElse(out);
    }

    /** The box restricted to the inputs kept, in order. */
    static InputBox keepCoordinates(InputBox box, List<Integer> kept) {
        List<Scalar> lower = new ArrayList<>();
        List<Scalar> upper = new ArrayList<>();
        for (int x : kept) {
            lower.add(box.lower().get(x));
            upper.add(box.upper().get(x));
        }
        return new InputBox(lower, upper);
    }
}
