package org.nnid.testing;

import java.util.HashSet;
import java.util.Set;

import org.nnid.net.Evaluator;
import org.nnid.net.Network;
import org.nnid.scalar.Interval;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;

class NetworkArbitrariesProperties {

    @Property(tries = 300)
    boolean intervalEnclosureContainsTheDoubleValue(@ForAll("anyNetwork") Network n,
            @ForAll @DoubleRange(min = -3, max = 3) double t) {
        double[] x = new double[n.inputCount()];
        for (int i = 0; i < x.length; i++) {
            x[i] = t * (i + 1) / x.length;
        }
        double[] y = Evaluator.evaluate(n, x);
        Interval[] e = Evaluator.enclose(n, x);
        for (int k = 0; k < y.length; k++) {
            // exp of exp of … overflows doubles: then there is no double value to enclose.
            Assume.that(Double.isFinite(y[k]));
            if (!e[k].contains(y[k])) {
                return false;
            }
        }
        return true;
    }

    @Property(tries = 200)
    boolean generatedDagNetworksHaveTheRequestedSizes(@ForAll("smallDag") Network n) {
        return n.inputCount() >= 1 && n.inputCount() <= 2 && n.outputCount() >= 1 && n.outputCount() <= 2
                && n.depth() >= 2 && n.hiddenCount() <= 3 * 2;
    }

    @Example
    boolean generatorsCoverEveryBuiltInActivationAndBothShapes() {
        java.util.List<Network> nets = NetworkArbitraries.networks().sampleStream().limit(1000).toList();
        Set<String> seen = new HashSet<>();
        boolean layered = false;
        boolean dag = false;
        for (Network n : nets) {
            seen.add(n.activation().name());
            layered |= n.asLayers().isPresent();
            dag |= n.asLayers().isEmpty();
        }
        return seen.containsAll(org.nnid.activation.Activations.names()) && layered && dag;
    }

    @Provide
    Arbitrary<Network> anyNetwork() {
        return NetworkArbitraries.networks();
    }

    @Provide
    Arbitrary<Network> smallDag() {
        return NetworkArbitraries.networks().inputs(1, 2).outputs(1, 2).hiddenLayers(1, 3).width(1, 2).dag();
    }
}
