package org.nnid.exact;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.nnid.net.Network;
import org.nnid.scalar.Scalar;
import org.nnid.activation.PiecewiseLinear;

/**
 * docs/math.md §6, piecewise-linear ρ (relu, leaky relu, abs, hardtanh, …) with one input, any depth:
 * every node's value is an exact continuous piecewise-linear function of x ({@link
 * PiecewiseLinear}), and an output is identically 0 iff it vanishes at each of its finitely many
 * knots and both end slopes are 0 (between knots it is linear). A nonzero output is shown by an
 * exact nonzero value at a knot or a nearby rational point.
 */
public final class PiecewiseLinearZero {
    static final String METHOD = "exact breakpoint analysis (docs/math.md §6)";
    /** Knots written out per output in the decision's data; a saved verdict stays readable. */
    static final int LISTED_KNOTS = 200;

    private PiecewiseLinearZero() {}

    /**
     * @param rho ρ as an exact piecewise-linear function
     * @throws IllegalArgumentException if the network does not have exactly one input
     */
    public static ZeroDecision decide(Network net, PiecewiseLinear rho) {
        if (net.inputCount() != 1) {
            throw new IllegalArgumentException("breakpoint analysis needs exactly one input, found " + net.inputCount());
        }
        PiecewiseLinear[] h = new PiecewiseLinear[net.nodeCount()];
        h[0] = PiecewiseLinear.identity();
        for (int v = net.inputCount(); v < net.nodeCount(); v++) {
            PiecewiseLinear p = PiecewiseLinear.constant(net.bias(v));
            for (Map.Entry<Integer, Scalar> e : net.incoming(v).entrySet()) {
                p = p.plus(h[e.getKey()].times(e.getValue()));
            }
            h[v] = net.isHidden(v) || net.outputActivation() ? rho.compose(p) : p;
        }
        ZeroData.Builder data = new ZeroData.Builder();
        String input = net.inputNames().get(0);
        for (int k = 0; k < net.outputCount(); k++) {
            PiecewiseLinear y = h[net.outputNode(k)];
            List<List<ZeroData.Entry>> knots = new ArrayList<>();
            for (Scalar x : y.knots().subList(0, Math.min(y.knots().size(), LISTED_KNOTS))) {
                knots.add(List.of(ZeroData.entry(input, x.toText()), ZeroData.entry("value", y.at(x).toText())));
            }
            data.add("output " + net.id(net.outputNode(k)) + ", knots", knots, List.of(
                    ZeroData.entry("knots", y.knots().size() + (y.knots().size() > LISTED_KNOTS ? " (the first "
                            + LISTED_KNOTS + " listed)" : "")),
                    ZeroData.entry("slope left of the first knot", y.leftSlope().toText()),
                    ZeroData.entry("slope right of the last knot", y.slope().toText())));
            if (!y.isZero()) {
                return ZeroDecision.nonzero(METHOD, witness(y, net.id(net.outputNode(k)), input), data.build());
            }
        }
        return ZeroDecision.zero(METHOD, "every output is piecewise linear in " + input
                + " and vanishes at all its knots with zero end slopes (exact arithmetic)", data.build());
    }

    private static String witness(PiecewiseLinear y, String output, String input) {
        TreeSet<Scalar> points = new TreeSet<>(Scalar::compareValue);
        points.addAll(y.kinks());
        points.add(Scalar.ZERO);
        points.add(Scalar.ONE);
        points.add(Scalar.of(-1));
        for (Scalar x : points) {
            Scalar v = y.at(x);
            if (!v.isZero()) {
                return "output " + output + " is " + v.toText() + " at " + input + " = " + x.toText() + " (exact)";
            }
        }
        Scalar far = points.last().add(Scalar.ONE);
        return "output " + output + " is " + y.at(far).toText() + " at " + input + " = " + far.toText() + " (exact)";
    }
}
