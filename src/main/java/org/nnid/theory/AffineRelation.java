package org.nnid.theory;

import java.util.LinkedHashMap;
import java.util.Map;

import org.nnid.net.Network;
import org.nnid.net.NetworkBuilder;
import org.nnid.scalar.Scalar;

/**
 * An affine relation between nonlinearities, from(t) = α·to(β·t + γ) + δ with α, β ≠ 0 (MATH.md §2,
 * last paragraph), e.g. logistic(t) = ½·tanh(t/2) + ½. It lets any network of {@code from} be
 * rewritten exactly as a network of {@code to} on the same graph ({@link #convert}), and maps
 * S_from onto S_to.
 */
public record AffineRelation(String from, String to, Scalar alpha, Scalar beta, Scalar gamma, Scalar delta) {

    public AffineRelation {
        if (alpha.isZero() || beta.isZero()) {
            throw new IllegalArgumentException("an affine relation needs α ≠ 0 and β ≠ 0");
        }
    }

    /** The right-hand side α·to(β·t + γ) + δ as a formula, given to's definition in t. */
    public Formula rightHandSide(Formula toDefinition) {
        Formula t = Formula.variable("t");
        Formula inner = Formula.of(beta).times(t).plus(Formula.of(gamma));
        return Formula.of(alpha).times(toDefinition.substitute("t", inner)).plus(Formula.of(delta));
    }

    /**
     * The same function as a network of {@code to} on the same graph, with the same node ids. Each
     * hidden node's old value is h = α·h' + δ with h' = to(β·p + γ), so: hidden nodes get incoming
     * weights and bias scaled by β and γ added to the bias; every edge out of a hidden node is
     * scaled by α; and each node's pre-activation gains δ·Σ(old weights from hidden nodes), which
     * for a hidden successor is then scaled by β like the rest of its bias. Exact networks stay
     * exact when α, β, γ, δ are exact.
     *
     * @throws IllegalArgumentException if the network applies the activation at its outputs (an
     *                                  affine change of an output value is not a network move)
     */
    public Network convert(Network net, org.nnid.theory.Activation target) {
        if (net.outputActivation()) {
            throw new IllegalArgumentException("cannot convert a network with output_activation: the outputs would"
                    + " need the affine change α·y + δ");
        }
        return rewrite(net, target, alpha, beta, gamma, delta);
    }

    /** The same network with another activation object (for rebuilding a network read under a placeholder). */
    static Network withActivation(Network net, org.nnid.theory.Activation target) {
        return rewrite(net, target, Scalar.ONE, Scalar.ONE, Scalar.ZERO, Scalar.ZERO);
    }

    private static Network rewrite(Network net, org.nnid.theory.Activation target, Scalar alpha, Scalar beta,
            Scalar gamma, Scalar delta) {
        NetworkBuilder b = Network.builder(target, net.inputNames()).outputActivation(net.outputActivation());
        for (int v = net.inputCount(); v < net.nodeCount(); v++) {
            if (net.isHidden(v)) {
                b.hidden(net.id(v), bias(net, v, alpha, beta, gamma, delta), weights(net, v, alpha, beta));
            }
        }
        for (int k = 0; k < net.outputCount(); k++) {
            int v = net.outputNode(k);
            b.output(net.id(v), bias(net, v, alpha, beta, gamma, delta), weights(net, v, alpha, beta));
        }
        return b.build();
    }

    private static Map<String, Scalar> weights(Network net, int v, Scalar alpha, Scalar beta) {
        boolean hidden = net.isHidden(v);
        Map<String, Scalar> in = new LinkedHashMap<>();
        for (Map.Entry<Integer, Scalar> e : net.incoming(v).entrySet()) {
            Scalar w = e.getValue();
            if (net.isHidden(e.getKey())) {
                w = w.multiply(alpha);
            }
            in.put(net.id(e.getKey()), hidden ? w.multiply(beta) : w);
        }
        return in;
    }

    private static Scalar bias(Network net, int v, Scalar alpha, Scalar beta, Scalar gamma, Scalar delta) {
        Scalar p = net.bias(v);
        if (!delta.isZero()) {
            for (Map.Entry<Integer, Scalar> e : net.incoming(v).entrySet()) {
                if (net.isHidden(e.getKey())) {
                    p = p.add(e.getValue().multiply(delta));
                }
            }
        }
        return net.isHidden(v) ? p.multiply(beta).add(gamma) : p;
    }

    /** "logistic(t) = 1/2·tanh(1/2·t + 0) + 1/2". */
    @Override
    public String toString() {
        return from + "(t) = " + alpha.toText() + "·" + to + "(" + beta.toText() + "·t + " + gamma.toText() + ") + "
                + delta.toText();
    }
}
