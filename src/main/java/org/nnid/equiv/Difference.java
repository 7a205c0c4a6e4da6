package org.nnid.equiv;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.nnid.net.Network;
import org.nnid.net.NetworkBuilder;
import org.nnid.scalar.Scalar;

/**
 * The network D = A − B: both graphs side by side (hidden nodes renamed {@code a:id} and
 * {@code b:id}), and output k reading A's output k's incoming edges and B's negated, with bias
 * b_A − b_B. ⟨D⟩ ≡ 0 if and only if ⟨A⟩ ≡ ⟨B⟩, which turns equivalence into a zero test.
 *
 * <p>Networks that apply ρ at their outputs give the difference of the pre-activations instead:
 * then ⟨D⟩ ≡ 0 still implies ⟨A⟩ ≡ ⟨B⟩, but the converse needs ρ injective
 * ({@link #zeroIsNecessary}).
 */
final class Difference {

    private Difference() {}

    /** A − B (or the difference of the output pre-activations); empty when only one applies ρ at its outputs. */
    static Optional<Network> of(Network a, Network b) {
        if (a.outputActivation() != b.outputActivation() || a.inputCount() != b.inputCount()
                || a.outputCount() != b.outputCount()) {
            return Optional.empty();
        }
        NetworkBuilder d = Network.builder(a.activation(), a.inputNames());
        addHidden(d, a, "a:");
        addHidden(d, b, "b:");
        for (int k = 0; k < a.outputCount(); k++) {
            int va = a.outputNode(k);
            int vb = b.outputNode(k);
            Map<String, Scalar> in = new LinkedHashMap<>();
            a.incoming(va).forEach((src, w) -> in.merge(name(a, src, "a:"), w, Scalar::add));
            b.incoming(vb).forEach((src, w) -> in.merge(name(a, src, "b:", b), w.negate(), Scalar::add));
            in.values().removeIf(Scalar::isStructuralZero);
            d.output("y" + (k + 1), a.bias(va).subtract(b.bias(vb)), in);
        }
        return Optional.of(d.build());
    }

    /**
     * Whether ⟨A⟩ ≡ ⟨B⟩ forces ⟨D⟩ ≡ 0: always without output activation; with it only for an
     * injective ρ (strictly monotone: equal outputs then mean equal pre-activations).
     */
    static boolean zeroIsNecessary(Network a, TheoryFacts facts) {
        return !a.outputActivation() || facts.injective();
    }

    private static void addHidden(NetworkBuilder d, Network net, String prefix) {
        for (int v = net.inputCount(); v < net.nodeCount(); v++) {
            if (net.isHidden(v)) {
                Map<String, Scalar> in = new LinkedHashMap<>();
                net.incoming(v).forEach((src, w) -> in.put(name(net, src, prefix), w));
                d.hidden(prefix + net.id(v), net.bias(v), in);
            }
        }
    }

    private static String name(Network net, int src, String prefix) {
        return net.isInput(src) ? net.id(src) : prefix + net.id(src);
    }

    /** B's inputs are named like A's (inputs are matched by position). */
    private static String name(Network a, int src, String prefix, Network b) {
        return b.isInput(src) ? a.id(src) : prefix + b.id(src);
    }

}
