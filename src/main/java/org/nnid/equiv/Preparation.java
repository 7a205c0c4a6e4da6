package org.nnid.equiv;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.nnid.net.Network;
import org.nnid.net.NetworkBuilder;
import org.nnid.scalar.Scalar;
import org.nnid.theory.AffineRelation;
import org.nnid.theory.Theory;
import org.nnid.registry.TheoryRegistry;

/**
 * Puts two networks side by side before they are compared, with every step said: inputs and
 * outputs are matched by position (B's are renamed to A's names), and a network over a different
 * but affinely related nonlinearity is converted exactly (docs/math.md §2, e.g. logistic to tanh).
 * The checker and the evidence checker both call this, so a saved verdict re-derives the same pair.
 */
record Preparation(Network a, Network b, List<String> steps, boolean sameActivation) {

    /**
     * @throws IllegalArgumentException when the input or output counts differ (the networks are
     *                                  not functions between the same spaces)
     */
    static Preparation of(Network a, Network b, TheoryRegistry registry) {
        if (a.inputCount() != b.inputCount()) {
            throw new IllegalArgumentException("A has " + a.inputCount() + " inputs and B has " + b.inputCount()
                    + ": they are not functions on the same space");
        }
        if (a.outputCount() != b.outputCount()) {
            throw new IllegalArgumentException("A has " + a.outputCount() + " outputs and B has " + b.outputCount()
                    + ": they are not functions into the same space");
        }
        List<String> steps = new ArrayList<>();
        if (!a.inputNames().equals(b.inputNames()) || !a.outputIds().equals(b.outputIds())) {
            b = renamedLike(b, a);
            steps.add("B's inputs and outputs renamed to A's, matched by position");
        }
        if (a.activation().equals(b.activation())) {
            return new Preparation(a, b, steps, true);
        }
        Optional<Network> converted = convert(b, a, registry);
        if (converted.isPresent()) {
            steps.add("B converted from " + b.activation().name() + " to " + a.activation().name()
                    + " by the affine relation of " + b.activation().name() + ".theory (exact)");
            return new Preparation(a, converted.get(), steps, true);
        }
        converted = convert(a, b, registry);
        if (converted.isPresent()) {
            steps.add("A converted from " + a.activation().name() + " to " + b.activation().name()
                    + " by the affine relation of " + a.activation().name() + ".theory (exact)");
            return new Preparation(converted.get(), b, steps, true);
        }
        steps.add("A uses " + a.activation().name() + " and B uses " + b.activation().name()
                + ", with no affine relation between them: only a witness search applies");
        return new Preparation(a, b, steps, false);
    }

    /** {@code from} as a network over {@code to}'s activation, when from's theory declares the relation. */
    private static Optional<Network> convert(Network from, Network to, TheoryRegistry registry) {
        if (from.outputActivation()) {
            return Optional.empty();
        }
        Theory t = registry.theoryOf(from.activation());
        Optional<AffineRelation> r = registry.reliable(t).relationTo(to.activation().name());
        if (r.isEmpty() || !to.activation().parameters().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(r.get().convert(from, to.activation()));
    }

    private static Network renamedLike(Network b, Network a) {
        Map<String, String> rename = new LinkedHashMap<>();
        for (int i = 0; i < a.inputCount(); i++) {
            rename.put(b.inputNames().get(i), a.inputNames().get(i));
        }
        List<String> outA = a.outputIds();
        List<String> outB = b.outputIds();
        for (int k = 0; k < outA.size(); k++) {
            rename.put(outB.get(k), outA.get(k));
        }
        NetworkBuilder nb = Network.builder(b.activation(), a.inputNames()).outputActivation(b.outputActivation());
        for (int v = b.inputCount(); v < b.nodeCount(); v++) {
            if (b.isHidden(v)) {
                String id = b.id(v);
                if (rename.containsValue(id) && !rename.containsKey(id)) {
                    throw new IllegalArgumentException("B has a hidden node named '" + id
                            + "', which is a name of one of A's inputs or outputs: rename it");
                }
                nb.hidden(id, b.bias(v), incoming(b, v, rename));
            }
        }
        for (int k = 0; k < b.outputCount(); k++) {
            int v = b.outputNode(k);
            nb.output(rename.get(b.id(v)), b.bias(v), incoming(b, v, rename));
        }
        return nb.build();
    }

    private static Map<String, Scalar> incoming(Network b, int v, Map<String, String> rename) {
        Map<String, Scalar> in = new LinkedHashMap<>();
        b.incoming(v).forEach((src, w) -> in.put(b.isInput(src) ? rename.get(b.id(src)) : b.id(src), w));
        return in;
    }
}
