package org.nnid.registry;

import org.nnid.theory.Incoming;
import org.nnid.theory.NormalForm;
import org.nnid.theory.SymmetryElement;
import org.nnid.theory.Theory;

import org.nnid.registry.TheoryRegistry;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.nnid.scalar.Scalar;

/**
 * docs/math.md §5: each built-in normal form picks one representative per S_ρ-orbit. On exact data,
 * for random (w, θ) and a random group element s: NF(s·(w, θ)) = NF(w, θ) exactly, NF is
 * idempotent, and the element it returns maps (w, θ) to the representative.
 */
class TheoryNormalFormProperties {
    private static final TheoryRegistry REGISTRY = TheoryFixtures.BUILTINS;

    @Provide
    Arbitrary<String> rationalTheories() {
        return Arbitraries.of("tanh", "logistic", "arctan", "erf", "hardtanh", "relu", "leaky_relu", "abs", "exp",
                "square", "cube", "identity");
    }

    @Provide
    Arbitrary<String> periodicTheories() {
        return Arbitraries.of("sin", "cos", "meromorphic");
    }

    private static Arbitrary<Scalar> rationals() {
        return Combinators.combine(Arbitraries.integers().between(-9, 9), Arbitraries.integers().between(1, 5))
                .as((p, q) -> (Scalar) Scalar.of(p, q));
    }

    /** Rational (w, θ); zeros are frequent, so "first significant entry" meets the bias too. */
    @Provide
    Arbitrary<Incoming> incoming() {
        Arbitrary<Scalar> entry = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Scalar.ZERO)), net.jqwik.api.Tuple.of(3, rationals()));
        return Combinators.combine(entry.list().ofMinSize(1).ofMaxSize(3), entry)
                .as((w, b) -> new Incoming(w, b));
    }

    /** (w, θ) with θ = p/q + (r/s)·π, the exact data of the periodic theories (docs/math.md §5). */
    @Provide
    Arbitrary<Incoming> incomingWithPi() {
        return Combinators.combine(incoming(), rationals())
                .as((x, r) -> new Incoming(x.weights(), x.bias().add(r.multiply(Scalar.parseExact("Pi")))));
    }

    private static void check(String name, Incoming x, long seed) {
        Theory t = REGISTRY.get(name);
        NormalForm nf = t.normalForm();
        NormalForm.Result r = nf.normalise(x);
        Incoming y = r.normal();
        assertTrue(r.element().apply(x).sameValues(y), () -> name + ": element " + r.element() + " on " + x);
        assertTrue(nf.normalise(y).normal().sameValues(y), () -> name + ": not idempotent at " + y);
        SymmetryElement s = t.group().randomElement(new Random(seed));
        Incoming z = nf.normalise(s.apply(x)).normal();
        assertTrue(z.sameValues(y), () -> name + ": NF" + x + " = " + y + " but NF(" + s + "·x) = " + z);
    }

    @Property(tries = 300)
    void normalFormIsConstantOnOrbits(@ForAll("rationalTheories") String name, @ForAll("incoming") Incoming x,
            @ForAll long seed) {
        check(name, x, seed);
    }

    @Property(tries = 40)
    void periodicNormalFormIsConstantOnOrbitsWithBiasesInQPi(@ForAll("periodicTheories") String name,
            @ForAll("incomingWithPi") Incoming x, @ForAll long seed) {
        check(name, x, seed);
    }

    @Property(tries = 100)
    void normalFormsAgreeForEveryPairInAnOrbit(@ForAll("rationalTheories") String name, @ForAll("incoming") Incoming x,
            @ForAll long seed1, @ForAll long seed2) {
        Theory t = REGISTRY.get(name);
        SymmetryElement g = t.group().randomElement(new Random(seed1));
        SymmetryElement h = t.group().randomElement(new Random(seed2));
        Incoming a = t.normalForm().normalise(g.apply(x)).normal();
        Incoming b = t.normalForm().normalise(h.apply(x)).normal();
        assertTrue(a.sameValues(b), () -> name + ": " + a + " vs " + b);
    }

    @Property(tries = 60)
    void groupArithmeticFollowsMath2(@ForAll("rationalTheories") String name, @ForAll("incoming") Incoming x,
            @ForAll long seed) {
        Theory t = REGISTRY.get(name);
        Random r = new Random(seed);
        SymmetryElement g = t.group().randomElement(r);
        SymmetryElement h = t.group().randomElement(r);
        // (g·h)·x = g·(h·x), and g⁻¹·g acts as the identity.
        assertTrue(g.compose(h).apply(x).sameValues(g.apply(h.apply(x))));
        assertTrue(g.inverse().compose(g).sameValues(SymmetryElement.identity()));
        assertTrue(List.of(g.inverse().compose(g).apply(x)).get(0).sameValues(x));
    }
}
