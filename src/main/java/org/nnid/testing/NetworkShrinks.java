package org.nnid.testing;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.nnid.net.Network;
import org.nnid.net.NetworkBuilder;
import org.nnid.scalar.DoubleScalar;
import org.nnid.scalar.Rational;
import org.nnid.scalar.Scalar;

/**
 * The structural shrink steps of a network, for counterexamples that end small: remove a level of
 * hidden nodes, remove one hidden node (with its edges), remove one edge, replace one weight or
 * bias by a simpler value (0, ±1, a nearby integer, a rational with a smaller denominator). Every
 * step strictly lowers {@link #size}, so repeated shrinking terminates.
 */
public final class NetworkShrinks {
    /** Values that are not small rationals (irrational doubles, π/3, …) count as this complex. */
    private static final long OPAQUE = 1_000_000;

    private NetworkShrinks() {}

    /**
     * The size that shrinking lowers, compared lexicographically: hidden nodes, edges, then the sum
     * of the complexities of all weights and biases (|p| + q for p/q; 0 for 0).
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
        return new long[] {net.hiddenCount(), edges, values};
    }

    /** The networks one shrink step away, largest steps first. */
    public static List<Network> candidates(Network net) {
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
     * net without the hidden nodes {@code drop} (and their edges), with the bias of {@code node}
     * (when {@code source} is −1) or the weight source → node set to {@code value} (if not null).
     */
    private static Network rebuild(Network net, Set<Integer> drop, int node, int source, Scalar value) {
        NetworkBuilder b = Network.builder(net.activation(), net.inputNames()).outputActivation(net.outputActivation());
        for (int v = net.inputCount(); v < net.nodeCount(); v++) {
            if (drop.contains(v)) {
                continue;
            }
            Scalar bias = value != null && v == node && source < 0 ? value : net.bias(v);
            Map<String, Scalar> in = new LinkedHashMap<>();
            for (Map.Entry<Integer, Scalar> e : net.incoming(v).entrySet()) {
                Scalar w = value != null && v == node && e.getKey() == source ? value : e.getValue();
                if (!drop.contains(e.getKey()) && !w.isZero()) {
                    in.put(net.id(e.getKey()), w);
                }
            }
            b.node(net.id(v), net.isOutput(v), bias, in);
        }
        Network out = b.build();
        return net.inputBox().map(out::withInputBox).orElse(out);
    }
}
