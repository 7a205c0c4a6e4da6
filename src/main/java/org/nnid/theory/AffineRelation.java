package org.nnid.theory;

import org.nnid.activation.Activation;
import org.nnid.activation.Formula;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.nnid.net.Network;
import org.nnid.net.NetworkBuilder;
import org.nnid.scalar.Scalar;

/**
 * An affine relation between nonlinearities, from(t) = α·to(β·t + γ) + δ with α, β ≠ 0 (docs/math.md §2,
 * last paragraph), e.g. logistic(t) = ½·tanh(t/2) + ½. It lets any network of {@code from} be
 * rewritten exactly as a network of {@code to} on the same graph ({@link #convert}), and maps
 * S_from onto S_to.
 *
 * <p>The constants are kept as written and evaluated exactly on first use, so that reading theory
 * files never starts Symja (a constant such as π/2 needs it).
 */
public final class AffineRelation {
    private final String from;
    private final String to;
    private final List<Formula> constants; // α, β, γ, δ
    private volatile Scalar[] values;

    /**
     * @throws IllegalArgumentException if a constant has variables, or α or β is zero
     */
    public AffineRelation(String from, String to, Formula alpha, Formula beta, Formula gamma, Formula delta) {
        this.from = Objects.requireNonNull(from);
        this.to = Objects.requireNonNull(to);
        this.constants = List.of(alpha, beta, gamma, delta);
        for (Formula c : constants) {
            if (!c.variables().isEmpty()) {
                throw new IllegalArgumentException("the constants of a relation have no variables, found " + c);
            }
        }
        if (alpha.evaluate(Map.of()) == 0 || beta.evaluate(Map.of()) == 0) {
            throw new IllegalArgumentException("an affine relation needs α ≠ 0 and β ≠ 0");
        }
    }

    public static AffineRelation of(String from, String to, Scalar alpha, Scalar beta, Scalar gamma, Scalar delta) {
        return new AffineRelation(from, to, Formula.of(alpha), Formula.of(beta), Formula.of(gamma), Formula.of(delta));
    }

    public String from() {
        return from;
    }

    public String to() {
        return to;
    }

    public Scalar alpha() {
        return values()[0];
    }

    public Scalar beta() {
        return values()[1];
    }

    public Scalar gamma() {
        return values()[2];
    }

    public Scalar delta() {
        return values()[3];
    }

    /** α, β, γ, δ as written in the file. */
    public List<Formula> constants() {
        return constants;
    }

    private Scalar[] values() {
        Scalar[] v = values;
        if (v == null) {
            v = new Scalar[4];
            for (int i = 0; i < 4; i++) {
                v[i] = constants.get(i).evaluateExact(Map.of());
            }
            values = v;
        }
        return v;
    }

    /** The right-hand side α·to(β·t + γ) + δ as a formula, given to's definition in t. */
    public Formula rightHandSide(Formula toDefinition) {
        Formula inner = constants.get(1).times(Formula.variable("t")).plus(constants.get(2));
        return constants.get(0).times(toDefinition.substitute("t", inner)).plus(constants.get(3));
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
    public Network convert(Network net, Activation target) {
        if (net.outputActivation()) {
            throw new IllegalArgumentException("cannot convert a network with output_activation: the outputs would"
                    + " need the affine change α·y + δ");
        }
        return rewrite(net, target, alpha(), beta(), gamma(), delta());
    }

    /** The same network with another activation object (for rebuilding a network read under a placeholder). */
    static Network withActivation(Network net, Activation target) {
        return rewrite(net, target, Scalar.ONE, Scalar.ONE, Scalar.ZERO, Scalar.ZERO);
    }

    private static Network rewrite(Network net, Activation target, Scalar alpha, Scalar beta, Scalar gamma,
            Scalar delta) {
        NetworkBuilder b = Network.builder(target, net.inputNames()).outputActivation(net.outputActivation());
        for (int v = net.inputCount(); v < net.nodeCount(); v++) {
            if (net.isHidden(v)) {
                b.hidden(net.id(v), bias(net, v, beta, gamma, delta), weights(net, v, alpha, beta));
            }
        }
        for (int k = 0; k < net.outputCount(); k++) {
            int v = net.outputNode(k);
            b.output(net.id(v), bias(net, v, beta, gamma, delta), weights(net, v, alpha, beta));
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

    private static Scalar bias(Network net, int v, Scalar beta, Scalar gamma, Scalar delta) {
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

    @Override
    public boolean equals(Object o) {
        return o instanceof AffineRelation r && r.from.equals(from) && r.to.equals(to) && r.constants.equals(constants);
    }

    @Override
    public int hashCode() {
        return Objects.hash(from, to, constants);
    }

    /** "logistic(t) = 1/2·tanh(1/2·t) + 1/2", "sin(t) = cos(t - Pi/2)": constants as written, trivial ones left out. */
    @Override
    public String toString() {
        String inner = (isOne(1) ? "" : constants.get(1) + "·") + "t" + signed(2);
        return from + "(t) = " + (isOne(0) ? "" : constants.get(0) + "·") + to + "(" + inner + ")" + signed(3);
    }

    private boolean isOne(int i) {
        return constants.get(i).evaluate(Map.of()) == 1;
    }

    private String signed(int i) {
        if (constants.get(i).evaluate(Map.of()) == 0) {
            return "";
        }
        String c = constants.get(i).toString();
        return c.startsWith("-") ? " - " + c.substring(1) : " + " + c;
    }
}
