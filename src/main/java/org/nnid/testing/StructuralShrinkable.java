package org.nnid.testing;

import java.util.stream.Stream;

import org.nnid.net.Network;

import net.jqwik.api.Shrinkable;
import net.jqwik.api.ShrinkingDistance;

/**
 * A network that jqwik shrinks by {@link NetworkShrinks}: removing levels, nodes and edges and
 * simplifying values. jqwik keeps shrinking while the property still fails, so a counterexample
 * ends at a local minimum: no single step of {@link NetworkShrinks#candidates} still fails.
 */
final class StructuralShrinkable implements Shrinkable<Network> {
    private final Network value;

    StructuralShrinkable(Network value) {
        this.value = value;
    }

    @Override
    public Network value() {
        return value;
    }

    @Override
    public Stream<Shrinkable<Network>> shrink() {
        return NetworkShrinks.candidates(value).stream().map(StructuralShrinkable::new);
    }

    @Override
    public ShrinkingDistance distance() {
        return ShrinkingDistance.of(NetworkShrinks.size(value));
    }
}
