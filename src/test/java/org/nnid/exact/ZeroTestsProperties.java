package org.nnid.exact;

import org.nnid.registry.TheoryRegistry;

import java.util.LinkedHashMap;
import java.util.Map;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import org.nnid.net.Network;
import org.nnid.net.NetworkBuilder;
import org.nnid.scalar.Scalar;
import org.nnid.testing.NetworkArbitraries;

/** docs/math.md §6: the exact procedures prove N − N ≡ 0, and N − N + c ≢ 0 for a constant c ≠ 0. */
public class ZeroTestsProperties {

    /** One network computing, per output, N's output minus M's output plus c (N and M side by side). */
    public static Network difference(Network n, Network m, Scalar c) {
        NetworkBuilder b = Network.builder(n.activation(), n.inputNames()).outputActivation(false);
        copyHidden(n, "a_", b);
        copyHidden(m, "b_", b);
        for (int k = 0; k < n.outputCount(); k++) {
            int on = n.outputNode(k);
            int om = m.outputNode(k);
            Map<String, Scalar> in = new LinkedHashMap<>();
            n.incoming(on).forEach((u, w) -> in.merge(name(n, u, "a_"), w, Scalar::add));
            m.incoming(om).forEach((u, w) -> in.merge(name(m, u, "b_"), w.negate(), Scalar::add));
            b.output(n.id(on), n.bias(on).subtract(m.bias(om)).add(c), in);
        }
        return b.build();
    }

    private static void copyHidden(Network n, String prefix, NetworkBuilder b) {
        for (int v = n.inputCount(); v < n.nodeCount(); v++) {
            if (n.isHidden(v)) {
                Map<String, Scalar> in = new LinkedHashMap<>();
                n.incoming(v).forEach((u, w) -> in.put(name(n, u, prefix), w));
                b.hidden(prefix + n.id(v), n.bias(v), in);
            }
        }
    }

    private static String name(Network n, int u, String prefix) {
        return n.isInput(u) ? n.id(u) : prefix + n.id(u);
    }

    @Property(tries = 60)
    boolean aNetworkMinusItselfIsProvedZero(@ForAll("exactNets") Network n) {
        return TheoryRegistry.builtins().decideZero(difference(n, n, Scalar.ZERO)).isZero();
    }

    @Property(tries = 60)
    boolean aNetworkMinusItselfPlusANonzeroConstantIsProvedNonzero(@ForAll("exactNets") Network n,
            @ForAll @IntRange(min = 1, max = 5) int p, @ForAll @IntRange(min = 1, max = 7) int q) {
        return TheoryRegistry.builtins().decideZero(difference(n, n, Scalar.of(p, q))).isNonzero();
    }

    @Provide
    Arbitrary<Network> exactNets() {
        return NetworkArbitraries.networks().activations("square", "cube", "identity", "relu", "abs", "leaky_relu",
                "hardtanh").exactWeights().inputs(1, 1).hiddenLayers(1, 2).width(1, 3).outputActivation(false)
                .filter(n -> !n.outputActivation());
    }
}
