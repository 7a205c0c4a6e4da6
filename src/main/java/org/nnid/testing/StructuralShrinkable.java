package org.nnid.testing;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.nnid.net.Network;

import net.jqwik.api.Shrinkable;
import net.jqwik.api.ShrinkingDistance;

/**
 * A network that jqwik shrinks by {@link NetworkShrinks}: removing levels, nodes, inputs, outputs
 * and edges and simplifying values, within the generator's {@link ShrinkLimits}. jqwik keeps
 * shrinking while the property still fails, so a counterexample ends at a local minimum: no
 * single step still fails.
 *
 * <p>A shrink step that throws ends shrinking at the current network instead of propagating:
 * jqwik would otherwise report the shrinker's exception in place of the property's failure.
 */
final class StructuralShrinkable implements Shrinkable<Network> {
    private final Network value;
    private final Function<Network, List<Network>> steps;

    StructuralShrinkable(Network value, ShrinkLimits limits) {
        this(value, n -> NetworkShrinks.candidates(n, limits));
    }

    /** With other shrink steps (a test gives steps that crash). */
    StructuralShrinkable(Network value, Function<Network, List<Network>> steps) {
        this.value = value;
        this.steps = steps;
    }

    @Override
    public Network value() {
        return value;
    }

    @Override
    public Stream<Shrinkable<Network>> shrink() {
        List<Network> next;
        try {
            next = steps.apply(value);
        } catch (RuntimeException | StackOverflowError e) {
            System.err.println("nnid: shrinking stopped at " + value + ": a shrink step failed (" + e
                    + "); the failure reported is the property's own");
            return Stream.empty();
        }
        return next.stream().map(n -> new StructuralShrinkable(n, steps));
    }

    @Override
    public ShrinkingDistance distance() {
        return ShrinkingDistance.of(NetworkShrinks.size(value));
    }
}
