package org.nnid.exact;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.apache.commons.math3.fraction.BigFraction;
import org.nnid.activation.PiecewiseLinear;
import org.nnid.net.Network;
import org.nnid.scalar.Scalar;

/**
 * A piecewise-linear network written with one nonlinearity, relu, and exact rational weights: the
 * common form of the exact decisions for relu, leaky relu, abs, hardtanh and identity networks
 * (docs/math.md §6). Every continuous piecewise-linear ρ with knots κ_1 &lt; … &lt; κ_m is
 * ρ(t) = ρ(κ_1) + s_0·(t − κ_1) + Σ_k (s_k − s_{k−1})·relu(t − κ_k), s_k the slope right of κ_k,
 * so each node of the network becomes an affine combination of inputs and relu units.
 *
 * <p>Values are indexed inputs first (0 … n−1), then units (n …). A unit reads inputs and earlier
 * units only.
 *
 * @param inputs  the number of inputs
 * @param units   the relu units' pre-activations, in an order where every unit reads earlier ones
 * @param outputs the outputs, affine in inputs and units
 */
public record ReluNet(int inputs, List<Combination> units, List<Combination> outputs) {

    /** constant + Σ weight·value[source]; sources increasing. */
    public record Combination(BigFraction constant, int[] sources, BigFraction[] weights) {

        BigFraction at(BigFraction[] values) {
            BigFraction s = constant;
            for (int i = 0; i < sources.length; i++) {
                s = s.add(weights[i].multiply(values[sources[i]]));
            }
            return s;
        }

        /** The combination as an affine form in the inputs, given the forms of all values. */
        AffineForm form(AffineForm[] values, int n) {
            AffineForm f = AffineForm.constant(n, constant);
            for (int i = 0; i < sources.length; i++) {
                f = f.plusTimes(weights[i], values[sources[i]]);
            }
            return f;
        }

        boolean readsOnlyInputs(int n) {
            return sources.length == 0 || sources[sources.length - 1] < n;
        }
    }

    public int unitCount() {
        return units.size();
    }

    /** Every unit reads inputs only: a network with one hidden layer. */
    public boolean isShallow() {
        return units.stream().allMatch(u -> u.readsOnlyInputs(inputs));
    }

    /** The outputs at x, exactly. */
    public BigFraction[] at(BigFraction[] x) {
        BigFraction[] values = new BigFraction[inputs + units.size()];
        System.arraycopy(x, 0, values, 0, inputs);
        for (int u = 0; u < units.size(); u++) {
            BigFraction z = units.get(u).at(values);
            values[inputs + u] = Rationals.sign(z) > 0 ? z : BigFraction.ZERO;
        }
        BigFraction[] y = new BigFraction[outputs.size()];
        for (int k = 0; k < y.length; k++) {
            y[k] = outputs.get(k).at(values);
        }
        return y;
    }

    /**
     * The network written with relu units, or empty when a weight is not rational. With {@code
     * homogenise}, an extra last input s carries every constant (g(x, s) = s·f(x/s) for s &gt; 0):
     * f ≡ 0 on all of ℝ^n iff g ≡ 0 on the box [−1, 1]^n × [0, 1], since g is positively
     * homogeneous and every (x, s) with s &gt; 0 scales into that box.
     */
    public static Optional<ReluNet> of(Network net, PiecewiseLinear rho, boolean homogenise) {
        int n = net.inputCount();
        int width = homogenise ? n + 1 : n;
        List<Scalar> kinks = rho.kinks();
        List<Map<Integer, BigFraction>> unitTerms = new ArrayList<>();
        List<BigFraction> unitConstants = new ArrayList<>();
        // the value of each node: constant (index -1) + Σ coefficient·value[index]
        List<TreeMap<Integer, BigFraction>> value = new ArrayList<>();
        for (int v = 0; v < n; v++) {
            TreeMap<Integer, BigFraction> t = new TreeMap<>();
            t.put(v, BigFraction.ONE);
            value.add(t);
        }
        for (int v = n; v < net.nodeCount(); v++) {
            Optional<BigFraction> bias = Rationals.of(net.bias(v));
            if (bias.isEmpty()) {
                return Optional.empty();
            }
            TreeMap<Integer, BigFraction> z = new TreeMap<>();
            add(z, CONSTANT, bias.get());
            for (Map.Entry<Integer, Scalar> e : net.incoming(v).entrySet()) {
                Optional<BigFraction> w = Rationals.of(e.getValue());
                if (w.isEmpty()) {
                    return Optional.empty();
                }
                value.get(e.getKey()).forEach((src, c) -> add(z, src, c.multiply(w.get())));
            }
            boolean applyRho = net.isHidden(v) || net.outputActivation();
            TreeMap<Integer, BigFraction> h = applyRho ? applyRho(rho, kinks, z, width, unitTerms, unitConstants) : z;
            value.add(h);
        }
        List<Combination> units = new ArrayList<>();
        for (int u = 0; u < unitTerms.size(); u++) {
            units.add(combination(unitTerms.get(u), unitConstants.get(u), width, homogenise));
        }
        List<Combination> outputs = new ArrayList<>(); // in the network's output order
        for (int k = 0; k < net.outputCount(); k++) {
            TreeMap<Integer, BigFraction> y = new TreeMap<>(value.get(net.outputNode(k)));
            BigFraction c = y.getOrDefault(CONSTANT, BigFraction.ZERO);
            y.remove(CONSTANT);
            outputs.add(combination(y, c, width, homogenise));
        }
        return Optional.of(new ReluNet(width, List.copyOf(units), List.copyOf(outputs)));
    }

    private static final int CONSTANT = -1;

    /**
     * ρ(z) as a combination: ρ(κ_1) + s_0·(z − κ_1) + Σ_k Δ_k·relu(z − κ_k), each relu a new unit
     * (its terms are z's terms, its constant z's constant − κ_k). Unit indices are offset later.
     */
    private static TreeMap<Integer, BigFraction> applyRho(PiecewiseLinear rho, List<Scalar> kinks,
            TreeMap<Integer, BigFraction> z, int width, List<Map<Integer, BigFraction>> unitTerms,
            List<BigFraction> unitConstants) {
        TreeMap<Integer, BigFraction> h = new TreeMap<>();
        if (kinks.isEmpty()) { // affine ρ: s·z + ρ(0)
            BigFraction s = fraction(rho.slope());
            z.forEach((src, c) -> add(h, src, c.multiply(s)));
            add(h, CONSTANT, fraction(rho.at(Scalar.ZERO)));
            return h;
        }
        BigFraction k1 = fraction(kinks.get(0));
        BigFraction s0 = slope(rho, kinks.get(0).subtract(Scalar.ONE), kinks.get(0));
        z.forEach((src, c) -> add(h, src, c.multiply(s0)));
        add(h, CONSTANT, fraction(rho.at(kinks.get(0))).subtract(s0.multiply(k1)));
        BigFraction previous = s0;
        for (int k = 0; k < kinks.size(); k++) {
            Scalar right = k + 1 < kinks.size() ? kinks.get(k + 1) : kinks.get(k).add(Scalar.ONE);
            BigFraction sk = slope(rho, kinks.get(k), right);
            BigFraction delta = sk.subtract(previous);
            previous = sk;
            if (Rationals.sign(delta) == 0) {
                continue;
            }
            TreeMap<Integer, BigFraction> terms = new TreeMap<>(z);
            BigFraction c = terms.getOrDefault(CONSTANT, BigFraction.ZERO).subtract(fraction(kinks.get(k)));
            terms.remove(CONSTANT);
            unitTerms.add(terms);
            unitConstants.add(c);
            add(h, width + unitTerms.size() - 1, delta);
        }
        return h;
    }

    private static Combination combination(Map<Integer, BigFraction> terms, BigFraction constant, int width,
            boolean homogenise) {
        TreeMap<Integer, BigFraction> t = new TreeMap<>(terms);
        t.remove(CONSTANT);
        if (homogenise) {
            add(t, width - 1, constant);
            constant = BigFraction.ZERO;
        }
        t.values().removeIf(c -> Rationals.sign(c) == 0);
        int[] sources = new int[t.size()];
        BigFraction[] weights = new BigFraction[t.size()];
        int i = 0;
        for (Map.Entry<Integer, BigFraction> e : t.entrySet()) {
            sources[i] = e.getKey();
            weights[i++] = e.getValue();
        }
        return new Combination(constant, sources, weights);
    }

    private static void add(Map<Integer, BigFraction> m, int key, BigFraction c) {
        if (Rationals.sign(c) != 0) {
            m.merge(key, c, BigFraction::add);
        }
    }

    /** The slope of ρ between a and b (no knot strictly between them). */
    private static BigFraction slope(PiecewiseLinear rho, Scalar a, Scalar b) {
        return fraction(rho.at(b)).subtract(fraction(rho.at(a))).divide(fraction(b).subtract(fraction(a)));
    }

    private static BigFraction fraction(Scalar s) {
        return Rationals.of(s).orElseThrow(() -> new ArithmeticException("a knot or slope of the nonlinearity is not"
                + " rational: " + s.toText()));
    }
}
