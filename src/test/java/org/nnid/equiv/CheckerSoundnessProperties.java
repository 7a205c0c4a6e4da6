package org.nnid.equiv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.nnid.io.NetworkJson;
import org.nnid.net.Network;
import org.nnid.net.NetworkBuilder;
import org.nnid.rewrite.Orbit;
import org.nnid.scalar.DoubleScalar;
import org.nnid.scalar.Scalar;
import org.nnid.testing.NetworkArbitraries;
import org.nnid.testing.NetworkArbitrary;
import org.nnid.activation.Activations;
import org.nnid.theory.NullFreeness;
import org.nnid.theory.Theory;
import org.nnid.registry.TheoryRegistry;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Soundness, measured (issue 5): pairs whose truth is known by construction, on every built-in
 * theory, and the checker must never contradict it. Equivalent pairs come from random orbit
 * elements (symmetries, clone splits, dead and constant nodes; exact, so the functions are equal
 * exactly) and, for double networks, from relabellings (exact in floating point). Near-miss pairs
 * change the function for sure: an output bias moved by 1e−9 relative (doubles) or 10⁻⁹ (exact),
 * an output weight of a first-layer unit moved likewise (that unit is a non-constant function of
 * the inputs), a logistic sign flip without its bias shift, a constant node dropped.
 * After the run the UNKNOWN counts per theory are printed.
 */
@net.jqwik.api.Tag("long")
class CheckerSoundnessProperties {
    private static final List<String> THEORIES = Activations.names();
    private static final Map<String, int[]> EQUIVALENT_PAIRS = Collections.synchronizedMap(new TreeMap<>());
    private static final Map<String, int[]> NEAR_MISSES = Collections.synchronizedMap(new TreeMap<>());
    private static final Map<String, int[]> NULL_PAIRS = Collections.synchronizedMap(new TreeMap<>());

    /** Few random points: soundness does not depend on how hard the search looks. */
    private static final Checker.Options OPTIONS = Checker.Options.defaults().withSearch(1, 16);

    private static void count(Map<String, int[]> table, Network n, Verdict v) {
        table.computeIfAbsent(n.activation().name(), k -> new int[3])[v.ordinal()]++;
    }

    private static String context(Network a, Network b, Checker.Result r) {
        return "A = " + NetworkJson.write(a) + "\nB = " + NetworkJson.write(b) + "\nresult: " + r;
    }

    @Property(tries = 800, seed = "20261123")
    void equivalentPairsAreNeverJudgedNotEquivalent(@ForAll("exactNetworks") Network n, @ForAll("seeds") long seed) {
        Theory t = TheoryRegistry.builtins().theoryOf(n.activation());
        Network m = Orbit.sample(n, t, new Random(seed));
        Checker.Result r = Checker.check(n, m, OPTIONS);
        count(EQUIVALENT_PAIRS, n, r.verdict());
        assertNotEquals(Verdict.NOT_EQUIVALENT, r.verdict(), () -> context(n, m, r));
        if (t.nullFreeness().status() == org.nnid.theory.NullFreeness.Status.PROVED) {
            assertEquals(Verdict.EQUIVALENT, r.verdict(), () -> "null-free theories are never UNKNOWN\n" + context(n, m, r));
        }
    }

    @Property(tries = 200, seed = "20261123")
    void relabelledDoubleNetworksAreNeverJudgedNotEquivalent(@ForAll("doubleNetworks") Network n,
            @ForAll("seeds") long seed) {
        Network m = relabelled(n, new Random(seed));
        Checker.Result r = Checker.check(n, m, OPTIONS);
        count(EQUIVALENT_PAIRS, n, r.verdict());
        assertEquals(Verdict.EQUIVALENT, r.verdict(), () -> context(n, m, r));
    }

    @Property(tries = 300, seed = "20261123")
    void pairsThatDifferByANullNetworkAreNeverJudgedNotEquivalent(@ForAll("nullTheoryNetworks") Network n,
            @ForAll("seeds") long seed) {
        Theory t = TheoryRegistry.builtins().theoryOf(n.activation());
        List<Network> nulls = t.nullFreeness().nullNetworks().stream().map(NullFreeness.NullNetwork::network)
                .filter(z -> z.inputCount() <= n.inputCount()).toList();
        Assume.that(!nulls.isEmpty());
        Network zero = nulls.get(new Random(seed).nextInt(nulls.size()));
        Network m = plus(n, zero);
        Checker.Result r = Checker.check(n, m, OPTIONS);
        count(NULL_PAIRS, n, r.verdict());
        assertNotEquals(Verdict.NOT_EQUIVALENT, r.verdict(), () -> context(n, m, r));
    }

    @Property(tries = 700, seed = "20261123")
    void nearMissPairsAreNeverJudgedEquivalent(@ForAll("anyNetworks") Network n, @ForAll("seeds") long seed) {
        Network m = nearMiss(n, new Random(seed));
        Checker.Result r = Checker.check(n, m, OPTIONS);
        count(NEAR_MISSES, n, r.verdict());
        assertNotEquals(Verdict.EQUIVALENT, r.verdict(), () -> context(n, m, r));
    }

    @AfterContainer
    static void report() {
        System.out.println("checker soundness, verdicts per theory (EQUIVALENT / NOT_EQUIVALENT / UNKNOWN):");
        for (String name : THEORIES) {
            int[] e = EQUIVALENT_PAIRS.getOrDefault(name, new int[3]);
            int[] z = NULL_PAIRS.getOrDefault(name, new int[3]);
            int[] x = NEAR_MISSES.getOrDefault(name, new int[3]);
            System.out.printf("  %-12s orbit pairs %4d/%d/%-4d  null-network pairs %4d/%d/%-4d  near misses %d/%4d/%d%n",
                    name, e[0], e[1], e[2], z[0], z[1], z[2], x[0], x[1], x[2]);
        }
    }

    // ------------------------------------------------------------------ pairs

    /**
     * A with the null network N added to its first output: N's units side by side with A's,
     * reading A's inputs by position, so the function is A's exactly.
     */
    static Network plus(Network a, Network nullNet) {
        NetworkBuilder b = Network.builder(a.activation(), a.inputNames()).outputActivation(false);
        for (int v = a.inputCount(); v < a.nodeCount(); v++) {
            Map<String, Scalar> in = new LinkedHashMap<>();
            a.incoming(v).forEach((s, w) -> in.put(a.id(s), w));
            if (a.isHidden(v)) {
                b.hidden(a.id(v), a.bias(v), in);
            }
        }
        for (int v = nullNet.inputCount(); v < nullNet.nodeCount(); v++) {
            if (nullNet.isHidden(v)) {
                b.hidden("null_" + nullNet.id(v), nullNet.bias(v), nullIncoming(a, nullNet, v));
            }
        }
        for (int k = 0; k < a.outputCount(); k++) {
            int v = a.outputNode(k);
            Map<String, Scalar> in = new LinkedHashMap<>();
            a.incoming(v).forEach((s, w) -> in.put(a.id(s), w));
            Scalar bias = a.bias(v);
            if (k == 0) {
                int o = nullNet.outputNode(0);
                nullIncoming(a, nullNet, o).forEach((s, w) -> in.merge(s, w, Scalar::add));
                bias = bias.add(nullNet.bias(o));
            }
            b.output(a.id(v), bias, in);
        }
        return b.build();
    }

    private static Map<String, Scalar> nullIncoming(Network a, Network nullNet, int v) {
        Map<String, Scalar> in = new LinkedHashMap<>();
        nullNet.incoming(v).forEach((s, w) -> in.put(nullNet.isInput(s) ? a.inputNames().get(s) : "null_" + nullNet.id(s), w));
        return in;
    }

    /** The same network with its hidden nodes listed in another order under fresh names. */
    static Network relabelled(Network n, Random random) {
        List<Integer> hidden = new ArrayList<>();
        for (int v = n.inputCount(); v < n.nodeCount(); v++) {
            if (n.isHidden(v)) {
                hidden.add(v);
            }
        }
        Collections.shuffle(hidden, random);
        Map<String, String> name = new LinkedHashMap<>();
        for (int i = 0; i < hidden.size(); i++) {
            name.put(n.id(hidden.get(i)), "r" + i);
        }
        NetworkBuilder b = Network.builder(n.activation(), n.inputNames()).outputActivation(n.outputActivation());
        for (int v : hidden) {
            b.hidden(name.get(n.id(v)), n.bias(v), incoming(n, v, name));
        }
        for (int k = 0; k < n.outputCount(); k++) {
            int v = n.outputNode(k);
            b.output(n.id(v), n.bias(v), incoming(n, v, name));
        }
        return b.build();
    }

    private static Map<String, Scalar> incoming(Network n, int v, Map<String, String> name) {
        Map<String, Scalar> in = new LinkedHashMap<>();
        n.incoming(v).forEach((s, w) -> in.put(name.getOrDefault(n.id(s), n.id(s)), w));
        return in;
    }

    /** A copy whose function differs for sure (see the class comment). */
    static Network nearMiss(Network n, Random random) {
        int out = n.outputNode(random.nextInt(n.outputCount()));
        List<Integer> firstLayer = new ArrayList<>();
        n.incoming(out).forEach((s, w) -> {
            if (n.isHidden(s) && !n.incoming(s).isEmpty() && n.incoming(s).keySet().stream().allMatch(n::isInput)) {
                firstLayer.add(s);
            }
        });
        Map<Integer, Scalar> biases = new LinkedHashMap<>();
        Map<Integer, Map<Integer, Scalar>> weights = new LinkedHashMap<>();
        int kind = random.nextInt(4);
        if (kind == 0 && n.activation().name().equals("logistic") && !n.outputActivation()) {
            // σ(−t) = 1 − σ(t): the flip without the bias shift moves every successor by −w.
            List<Integer> feedsOnlyOutputs = firstLayer.stream().filter(u -> successors(n, u).stream().allMatch(n::isOutput)).toList();
            if (!feedsOnlyOutputs.isEmpty()) {
                int u = feedsOnlyOutputs.get(random.nextInt(feedsOnlyOutputs.size()));
                Map<Integer, Scalar> flipped = new LinkedHashMap<>();
                n.incoming(u).forEach((src, w) -> flipped.put(src, w.negate()));
                weights.put(u, flipped);
                biases.put(u, n.bias(u).negate());
                for (int v : successors(n, u)) {
                    weights.put(v, Map.of(u, n.incoming(v).get(u).negate()));
                }
                return withChanges(n, biases, weights, false);
            }
        }
        if (kind == 1 && !n.outputActivation()) {
            // A has a constant node ρ(1)·u feeding the output, B is A without it: ρ(1) ≠ 0 for every built-in ρ.
            return withChanges(n, biases, weights, true);
        }
        if (!firstLayer.isEmpty() && kind == 2) {
            int u = firstLayer.get(random.nextInt(firstLayer.size()));
            weights.put(out, Map.of(u, nudge(n.incoming(out).get(u))));
        } else {
            biases.put(out, nudge(n.bias(out)));
        }
        return withChanges(n, biases, weights, false);
    }

    private static List<Integer> successors(Network n, int u) {
        List<Integer> s = new ArrayList<>();
        for (int v = n.inputCount(); v < n.nodeCount(); v++) {
            if (n.incoming(v).containsKey(u)) {
                s.add(v);
            }
        }
        return s;
    }

    private static Scalar nudge(Scalar s) {
        if (s instanceof DoubleScalar d) {
            return DoubleScalar.of(d.value() + 1e-9 * Math.max(1, Math.abs(d.value())));
        }
        return s.add(Scalar.of(1, 1_000_000_000));
    }

    private static Network withChanges(Network n, Map<Integer, Scalar> biases, Map<Integer, Map<Integer, Scalar>> weights,
            boolean dropConstantNode) {
        NetworkBuilder b = Network.builder(n.activation(), n.inputNames()).outputActivation(n.outputActivation());
        for (int v = n.inputCount(); v < n.nodeCount(); v++) {
            Map<String, Scalar> in = new LinkedHashMap<>();
            Map<Integer, Scalar> changed = weights.getOrDefault(v, Map.of());
            n.incoming(v).forEach((s, w) -> in.put(n.id(s), changed.getOrDefault(s, w)));
            b.node(n.id(v), n.isOutput(v), biases.getOrDefault(v, n.bias(v)), in);
        }
        if (dropConstantNode) {
            // Here the copy gains the constant node; the pair (n, copy) is the same as (copy, n).
            Scalar u = n.isExact() ? Scalar.of(3, 7) : DoubleScalar.of(0.375);
            b.hidden("dropped_constant", n.isExact() ? Scalar.ONE : DoubleScalar.of(1), Map.of());
            return addEdge(b.build(), "dropped_constant", n.outputIds().get(0), u);
        }
        return b.build();
    }

    private static Network addEdge(Network n, String from, String to, Scalar w) {
        NetworkBuilder b = Network.builder(n.activation(), n.inputNames()).outputActivation(n.outputActivation());
        for (int v = n.inputCount(); v < n.nodeCount(); v++) {
            Map<String, Scalar> in = new LinkedHashMap<>();
            n.incoming(v).forEach((s, x) -> in.put(n.id(s), x));
            if (n.id(v).equals(to)) {
                in.put(from, w);
            }
            b.node(n.id(v), n.isOutput(v), n.bias(v), in);
        }
        return b.build();
    }

    // ------------------------------------------------------------------ generators

    private static NetworkArbitrary small() {
        return NetworkArbitraries.networks().activations(THEORIES.toArray(String[]::new)).inputs(1, 2).outputs(1, 2)
                .hiddenLayers(1, 2).width(1, 3);
    }

    /** Every theory equally often (a network arbitrary over all of them favours the first one's edge cases). */
    private static Arbitrary<Network> perTheory(NetworkArbitrary.Weights weights) {
        return Arbitraries.of(THEORIES).withoutEdgeCases().flatMap(n -> small().activations(n).weights(weights));
    }

    @Provide
    Arbitrary<Network> exactNetworks() {
        return perTheory(NetworkArbitrary.Weights.EXACT);
    }

    @Provide
    Arbitrary<Network> doubleNetworks() {
        return perTheory(NetworkArbitrary.Weights.DOUBLE);
    }

    @Provide
    Arbitrary<Network> anyNetworks() {
        return perTheory(NetworkArbitrary.Weights.ANY);
    }

    /** Networks of the theories that list null networks, with at least as many inputs as those need. */
    @Provide
    Arbitrary<Network> nullTheoryNetworks() {
        List<String> names = THEORIES.stream().filter(n -> !TheoryRegistry.builtins().get(n).nullFreeness()
                .nullNetworks().isEmpty()).toList();
        return Arbitraries.of(names).withoutEdgeCases().flatMap(n -> small().activations(n).exactWeights().outputActivation(false));
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }
}
