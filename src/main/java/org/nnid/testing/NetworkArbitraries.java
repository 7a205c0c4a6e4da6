package org.nnid.testing;

import java.util.ArrayList;
import java.util.List;

import org.nnid.theory.Activation;
import org.nnid.theory.Activations;

/**
 * Entry point of nnid's jqwik generators, for nnid's own properties and for users' conjectures.
 * jqwik is an optional dependency of nnid: add {@code net.jqwik:jqwik} to use this package.
 */
public final class NetworkArbitraries {
    private NetworkArbitraries() {}

    /**
     * Networks over every built-in activation, 1–3 inputs, 1–2 outputs, 1–3 hidden layers of
     * width 1–4, layered or DAG, exact or double weights; narrow it with the fluent setters.
     */
    public static NetworkArbitrary networks() {
        List<Activation> all = new ArrayList<>();
        for (String name : Activations.names()) {
            all.add(Activations.byName(name));
        }
        return new NetworkArbitrary(all, 1, 3, 1, 2, 1, 3, 1, 4, NetworkArbitrary.Shape.ANY,
                NetworkArbitrary.Weights.ANY, false);
    }
}
