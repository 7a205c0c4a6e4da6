package org.nnid.rewrite;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.nnid.net.Network;
import org.nnid.net.NetworkBuilder;
import org.nnid.scalar.Scalar;
import org.nnid.theory.SymmetryElement;
import org.nnid.theory.Theory;

/**
 * Test-only generators of networks with the same function as a given one (docs/math.md §3): random
 * M1/M2 moves (the orbit of N), and the inverses of R1–R3 (clone splits, dead and constant nodes).
 * Every change is exact when the network is; the randomness comes from a seeded {@link Random}, so
 * a failing sample is reproduced by its seed.
 */
final class OrbitMoves {
    private OrbitMoves() {}

    /** A network together with a readable account of how it was made (for failure messages). */
    record Made(Network network, List<String> log) {
        @Override
        public String toString() {
            return String.join("; ", log);
        }
    }

    // ------------------------------------------------------------------ M1 and M2

    /**
     * A random exact element of S_ρ from {@link org.nnid.theory.SymmetryGroup#randomElement}. For
     * exp the group is (1, b, e^b, 0) over all real b, and the sampler draws b up to ±1000 (and
     * products of two such elements): e^±1000 is beyond a double's range, and weights like
     * 3·e^−400 are below the 1e-150 threshold at which {@code Symbolic.signum} gives up. Elements
     * whose entries leave [1e-12, 1e12] in magnitude are therefore redrawn; the rest are used as
     * the sampler gives them.
     */
    static SymmetryElement element(Theory t, Random random) {
        for (int attempt = 0; attempt < 50; attempt++) {
            SymmetryElement g;
            try {
                g = t.group().randomElement(random);
            } catch (IllegalArgumentException | ArithmeticException e) {
                continue; // a product of two elements left the range of doubles (e^b with large b)
            }
            if (moderate(g.a()) && moderate(g.c()) && (g.b().isZero() || moderate(g.b()))
                    && (g.d().isZero() || moderate(g.d()))) {
                return g;
            }
        }
        return SymmetryElement.identity();
    }

    private static boolean moderate(Scalar s) {
        double x = Math.abs(s.toDouble());
        return x >= 1e-12 && x <= 1e12;
    }

    /**
     * g·N: at each hidden node, with probability 2/3, a random element of S_ρ (move M2); then a
     * random relabelling of the hidden nodes (move M1), onto a shuffle of their own ids or onto
     * fresh ids. Moves are applied with {@link Move#apply}, the code a replay trusts.
     */
    static Made randomSymmetriesAndPermutation(Network n, Theory t, Random random) {
        Rules rules = Rules.of(t);
        Graph g = Graph.of(n);
        List<String> log = new ArrayList<>();
        List<String> hidden = hiddenIds(n);
        for (String v : hidden) {
            if (random.nextInt(3) != 0) {
                SymmetryElement s = element(t, random);
                new Move.ApplySymmetry(v, s).apply(g, rules);
                log.add("symmetry " + s + " at " + v);
            }
        }
        if (!hidden.isEmpty()) {
            List<String> targets = new ArrayList<>();
            boolean fresh = random.nextBoolean();
            for (int i = 0; i < hidden.size(); i++) {
                targets.add(fresh ? "q" + (i + 1) : hidden.get(i));
            }
            Collections.shuffle(targets, random);
            Map<String, String> renaming = new LinkedHashMap<>();
            for (int i = 0; i < hidden.size(); i++) {
                renaming.put(hidden.get(i), targets.get(i));
            }
            new Move.Permute(renaming).apply(g, rules);
            log.add("permute " + renaming);
        }
        return new Made(g.toNetwork(), log);
    }

    // ------------------------------------------------------------------ inverses of R1–R3

    /** A non-input node as the builder takes it. */
    static final class Spec {
        final String id;
        final boolean output;
        Scalar bias;
        final LinkedHashMap<String, Scalar> in;

        Spec(String id, boolean output, Scalar bias, Map<String, Scalar> in) {
            this.id = id;
            this.output = output;
            this.bias = bias;
            this.in = new LinkedHashMap<>(in);
        }
    }

    /** The non-input nodes of a network: hidden nodes in index order, then outputs in output order. */
    static LinkedHashMap<String, Spec> specs(Network n) {
        LinkedHashMap<String, Spec> out = new LinkedHashMap<>();
        for (int v = n.inputCount(); v < n.nodeCount(); v++) {
            if (n.isHidden(v)) {
                out.put(n.id(v), spec(n, v));
            }
        }
        for (int o : n.outputNodes()) {
            out.put(n.id(o), spec(n, o));
        }
        return out;
    }

    private static Spec spec(Network n, int v) {
        Map<String, Scalar> in = new LinkedHashMap<>();
        n.incoming(v).forEach((src, w) -> in.put(n.id(src), w));
        return new Spec(n.id(v), n.isOutput(v), n.bias(v), in);
    }

    static Network build(Network like, Map<String, Spec> specs) {
        NetworkBuilder b = Network.builder(like.activation(), like.inputNames()).outputActivation(like.outputActivation());
        for (Spec s : specs.values()) {
            b.node(s.id, s.output, s.bias, s.in);
        }
        return b.build();
    }

    static List<String> hiddenIds(Network n) {
        List<String> ids = new ArrayList<>();
        for (int v = n.inputCount(); v < n.nodeCount(); v++) {
            if (n.isHidden(v)) {
                ids.add(n.id(v));
            }
        }
        return ids;
    }

    /** A small nonzero rational p/q, |p| ≤ 5, q ≤ 5. */
    static Scalar nonzeroRational(Random random) {
        int p = random.nextInt(10) - 5;
        return Scalar.of(p >= 0 ? p + 1 : p, 1 + random.nextInt(5));
    }

    /**
     * The inverses of R3, R2 and R1 at once (docs/math.md §3), exactly:
     * <ul>
     * <li>split a random hidden node v into clones with shares (1−t, t), t ∉ {0, 1}: the copy has
     * v's incoming edges and bias, v keeps ω·(1−t) of each outgoing weight ω and the copy gets ω·t;
     * <li>add a dead node: random incoming edges from inputs and hidden nodes, no outgoing edge;
     * <li>add a constant node: no incoming edge, bias β, edges ω to random hidden or output nodes,
     * each of which gets θ ← θ − ω·ρ(β), with ρ(β) from {@link Rules#valueAt} (exact).
     * </ul>
     */
    static Made splitCloneAddDeadAndConstant(Network n, Theory t, Random random) {
        LinkedHashMap<String, Spec> specs = specs(n);
        List<String> log = new ArrayList<>();
        List<String> hidden = hiddenIds(n);
        if (!hidden.isEmpty()) {
            String v = hidden.get(random.nextInt(hidden.size()));
            Scalar share;
            do {
                share = Scalar.of(random.nextInt(13) - 6, 1 + random.nextInt(4));
            } while (share.isZero() || share.equals(Scalar.ONE));
            Spec orig = specs.get(v);
            Spec copy = new Spec(fresh(specs, n, "clone"), false, orig.bias, orig.in);
            specs.put(copy.id, copy);
            for (Spec s : specs.values()) {
                Scalar w = s.in.get(v);
                if (w != null && s != copy) {
                    s.in.put(v, w.multiply(Scalar.ONE.subtract(share)));
                    s.in.put(copy.id, w.multiply(share));
                }
            }
            log.add("split " + v + " into " + v + " and " + copy.id + " with shares (1-t, t), t = " + share.toText());
        }
        List<String> sources = new ArrayList<>(n.inputNames());
        sources.addAll(specs.keySet().stream().filter(id -> !specs.get(id).output).toList());
        Map<String, Scalar> deadIn = new LinkedHashMap<>();
        for (String src : sources) {
            if (random.nextBoolean()) {
                deadIn.put(src, nonzeroRational(random));
            }
        }
        if (deadIn.isEmpty()) {
            deadIn.put(sources.get(random.nextInt(sources.size())), nonzeroRational(random));
        }
        Spec dead = new Spec(fresh(specs, n, "dead"), false, nonzeroRational(random), deadIn);
        log.add("dead node " + dead.id + " <- " + text(deadIn) + ", bias " + dead.bias.toText());

        Rules rules = Rules.of(t);
        Scalar beta = Scalar.of(random.nextInt(9) - 4, 1 + random.nextInt(4));
        Scalar value = rules.valueAt(beta);
        String constant = fresh(specs, n, "const");
        List<String> targets = new ArrayList<>(specs.keySet());
        Map<String, Scalar> out = new LinkedHashMap<>();
        for (String target : targets) {
            if (random.nextInt(3) == 0) {
                out.put(target, nonzeroRational(random));
            }
        }
        if (out.isEmpty()) {
            out.put(targets.get(random.nextInt(targets.size())), nonzeroRational(random));
        }
        for (Map.Entry<String, Scalar> e : out.entrySet()) {
            Spec s = specs.get(e.getKey());
            s.in.put(constant, e.getValue());
            s.bias = s.bias.subtract(e.getValue().multiply(value));
        }
        log.add("constant node " + constant + " with bias " + beta.toText() + " (value " + value.toText() + ") -> "
                + text(out));
        // The dead node goes first and the constant node last among the hidden nodes, so neither
        // sits where the reduction happens to look first.
        LinkedHashMap<String, Spec> ordered = new LinkedHashMap<>();
        ordered.put(dead.id, dead);
        for (Spec s : specs.values()) {
            if (!s.output) {
                ordered.put(s.id, s);
            }
        }
        ordered.put(constant, new Spec(constant, false, beta, Map.of()));
        for (Spec s : specs.values()) {
            if (s.output) {
                ordered.put(s.id, s);
            }
        }
        return new Made(build(n, ordered), log);
    }

    /**
     * N with one more output, listed last, that reads only the inputs (level 1); docs/math.md §1 lets
     * outputs be fed from any level. When N is deeper, the new output sits on a lower level than
     * the others, so its place in the output order differs from its place in topological order.
     */
    static Made withShallowLastOutput(Network n, Random random) {
        LinkedHashMap<String, Spec> specs = specs(n);
        Map<String, Scalar> in = new LinkedHashMap<>();
        for (String x : n.inputNames()) {
            in.put(x, nonzeroRational(random));
        }
        Spec y = new Spec(fresh(specs, n, "yshallow"), true, nonzeroRational(random), in);
        specs.put(y.id, y);
        return new Made(build(n, specs), List.of("extra last output " + y.id + " <- " + text(in)));
    }

    private static String fresh(Map<String, Spec> specs, Network n, String stem) {
        for (int i = 1;; i++) {
            String id = stem + i;
            if (!specs.containsKey(id) && !n.inputNames().contains(id)) {
                return id;
            }
        }
    }

    private static String text(Map<String, Scalar> m) {
        StringBuilder b = new StringBuilder("{");
        m.forEach((k, v) -> b.append(b.length() > 1 ? ", " : "").append(k).append(": ").append(v.toText()));
        return b.append('}').toString();
    }
}
