package org.nnid.conjectures;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.nnid.net.Layer;
import org.nnid.net.Network;
import org.nnid.rewrite.Orbit;
import org.nnid.scalar.Scalar;
import org.nnid.testing.NetworkArbitraries;
import org.nnid.activation.Activations;
import org.nnid.registry.TheoryRegistry;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * "The orbit of a reduced tanh network in its own layout has ∏ D_ℓ! · 2^H elements" (docs/math.md
 * §4.2): counted by enumerating every permutation of each hidden layer and every sign flip of
 * every hidden unit, and compared with {@link Orbit#sameLayoutCount}.
 */
class OrbitSizeConjectures {

    @Property(tries = 30)
    boolean theOrbitSizeOfAReducedTanhNetworkIsTheProductOfLayerFactorialsTimesTwoToTheH(
            @ForAll("reducedTanh") Network n) {
        Assume.that(n.hiddenCount() > 0 && n.asLayers().isPresent());
        return BigInteger.valueOf(orbitSize(n)).equals(formula(n));
    }

    /** The premise matters, and the count sees coincidences: two clone units give 2! · 2² / 2 images. */
    @Example
    boolean aNetworkWithClonesHasASmallerOrbit() {
        Scalar one = Scalar.ONE;
        Network clones = Network.layered(Activations.byName("tanh"), 1, List.of(
                Layer.of(new Scalar[][] {{one}, {one}}, new Scalar[] {Scalar.ZERO, Scalar.ZERO}),
                Layer.of(new Scalar[][] {{one, one}}, new Scalar[] {Scalar.ZERO})), false);
        return orbitSize(clones) == 4 && formula(clones).intValue() == 8;
    }

    private static int orbitSize(Network n) {
        Set<String> orbit = new HashSet<>();
        enumerate(n.asLayers().get(), 0, orbit);
        return orbit.size();
    }

    private static BigInteger formula(Network n) {
        return Orbit.sameLayoutCount(n, TheoryRegistry.builtins().theoryOf(n.activation()).group()).orElseThrow();
    }

    @Provide
    Arbitrary<Network> reducedTanh() {
        return NetworkArbitraries.reduced(NetworkArbitraries.networks().activations("tanh").layered()
                .inputs(1, 2).hiddenLayers(1, 2).width(1, 3).exactWeights());
    }

    /** Adds every image of the layers under permutations and sign flips of hidden layers ≥ l. */
    private static void enumerate(List<Layer> layers, int l, Set<String> out) {
        if (l == layers.size() - 1) {
            StringBuilder key = new StringBuilder();
            for (Layer layer : layers) {
                key.append(layer.weights()).append(layer.bias()).append(';');
            }
            out.add(key.toString());
            return;
        }
        int d = layers.get(l).rows();
        for (List<Integer> perm : permutations(d)) {
            for (int signs = 0; signs < 1 << d; signs++) {
                enumerate(act(layers, l, perm, signs), l + 1, out);
            }
        }
    }

    /** Unit i of layer l becomes unit perm[i]; flipped units (bit i of signs) negate in and out. */
    private static List<Layer> act(List<Layer> layers, int l, List<Integer> perm, int signs) {
        Layer in = layers.get(l);
        Layer next = layers.get(l + 1);
        Scalar[][] w = new Scalar[in.rows()][in.cols()];
        Scalar[] b = new Scalar[in.rows()];
        Scalar[][] v = new Scalar[next.rows()][next.cols()];
        for (int i = 0; i < in.rows(); i++) {
            boolean flip = (signs >> i & 1) == 1;
            int to = perm.get(i);
            for (int j = 0; j < in.cols(); j++) {
                w[to][j] = flip ? in.weight(i, j).negate() : in.weight(i, j);
            }
            b[to] = flip ? in.bias().get(i).negate() : in.bias().get(i);
            for (int k = 0; k < next.rows(); k++) {
                v[k][to] = flip ? next.weight(k, i).negate() : next.weight(k, i);
            }
        }
        Scalar[] c = new Scalar[next.rows()];
        for (int k = 0; k < next.rows(); k++) {
            c[k] = next.bias().get(k);
        }
        List<Layer> out = new ArrayList<>(layers);
        out.set(l, Layer.of(w, b));
        out.set(l + 1, Layer.of(v, c));
        return out;
    }

    private static List<List<Integer>> permutations(int d) {
        List<List<Integer>> out = new ArrayList<>();
        if (d == 0) {
            out.add(new ArrayList<>());
            return out;
        }
        for (List<Integer> p : permutations(d - 1)) {
            for (int pos = 0; pos <= p.size(); pos++) {
                List<Integer> q = new ArrayList<>(p);
                q.add(pos, d - 1);
                out.add(q);
            }
        }
        return out;
    }
}
