package org.nnid.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.nnid.io.NetworkJson;
import org.nnid.net.Layer;
import org.nnid.net.Network;
import org.nnid.activation.Activations;
import org.nnid.theory.Theory;
import org.nnid.registry.TheoryRegistry;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The fast path for layered double networks ({@link LayeredRewriter}) against the general path
 * ({@link Rewriter#canonicaliseGeneral}, {@link Rewriter#reduceGeneral}): the same canonical form
 * and the same reduced network to the byte, the same moves, the same notes, and certificates that
 * replay. The networks are built to meet every case the general
 * path treats specially: clones (equal rows, rows related by a symmetry, rows equal only within
 * the tolerance, rows whose normal forms are within it but whose merge is not), near-ties, dead units (zero columns), constant units (zero rows), unused
 * inputs, scattered zeros or sparse rows, and large and tiny weights.
 */
class LayeredFastPathProperties {
    private static final String[] ACTIVATIONS = {"tanh", "logistic", "relu", "sin", "exp", "abs", "softplus"};

    private static Theory theoryOf(Network n) {
        return TheoryRegistry.builtins().theoryOf(n.activation());
    }

    /** The outcome of one path: its result, or the exception it ended with. */
    private record Run(Rewriter.Result result, RuntimeException failure) {
        String describe() {
            return failure != null ? "failed: " + failure : NetworkJson.write(result.network());
        }
    }

    private static Run general(Network n, double tol) {
        Theory t = theoryOf(n);
        try {
            return new Run(Rewriter.canonicaliseGeneral(n, t, tol), null);
        } catch (RuntimeException e) {
            return new Run(null, e);
        }
    }

    /** The fast path alone; null when it hands the network back (Unsupported). */
    private static Rewriter.Result fast(Network n, double tol) {
        Theory t = theoryOf(n);
        try {
            return LayeredRewriter.canonicalise(n, LayeredRewriter.layersOf(n).orElseThrow(), t, tol);
        } catch (LayeredRewriter.Unsupported e) {
            Statistics.label("fast path").collect("handed back: " + e.getMessage());
            return null;
        }
    }

    @Property(tries = 1500)
    void theFastPathGivesTheGeneralPathsCanonicalFormMovesAndNotes(@ForAll("layeredDoubles") Network n,
            @ForAll("tolerances") double tol) {
        Statistics.label("activation").collect(n.activation().name());
        Run g = general(n, tol);
        Rewriter.Result f = fast(n, tol);
        if (f == null) {
            // The fast path hands back only moves whose values are not finite doubles (an
            // overflow, ρ(θ) = ∞): the general path leaves them out and says so.
            assertTrue(g.failure() == null && g.result().notes().stream().anyMatch(s -> s.startsWith("kept as it is")),
                    () -> "handed back, but the general path " + (g.failure() != null ? "fails: " + g.failure()
                            : "leaves no move out: " + g.result().notes()) + "\nN = " + NetworkJson.write(n));
            return;
        }
        Statistics.label("fast path").collect("taken");
        f.certificate().summary().keySet().forEach(m -> Statistics.label("moves").collect(m));
        Statistics.label("notes").collect(f.notes().isEmpty() ? "none" : f.notes().get(0).replaceAll(":.*|\\s.*", ""));
        String where = "tol = " + tol + "\nN = " + NetworkJson.write(n) + "\ngeneral: " + g.describe() + "\nfast: "
                + NetworkJson.write(f.network());
        assertTrue(g.failure() == null, where);
        assertEquals(NetworkJson.write(g.result().network()), NetworkJson.write(f.network()), where);
        assertEquals(g.result().certificate().toJson(), f.certificate().toJson(), where);
        assertEquals(g.result().notes(), f.notes(), where);
        Statistics.label("fast path").coverage(c -> c.check("taken").percentage(p -> p > 90));
        Statistics.label("moves").coverage(c -> {
            for (String m : List.of("permute", "symmetry", "fold_constant", "delete_dead", "merge_clones")) {
                c.check(m).count(k -> k > 0);
            }
        });
    }

    @Property(tries = 1000)
    void theFastPathReducesToTheGeneralPathsNetworkWithItsMovesAndNotes(@ForAll("layeredDoubles") Network n,
            @ForAll("tolerances") double tol) {
        Theory t = theoryOf(n);
        Rules rules = Rules.of(t);
        Rewriter.Result g = Rewriter.reduceGeneral(n, t, tol);
        Rewriter.Result f;
        try {
            f = LayeredRewriter.reduce(n, LayeredRewriter.layersOf(n).orElseThrow(), t, tol);
        } catch (LayeredRewriter.Unsupported e) {
            Statistics.label("fast path").collect("handed back");
            assertTrue(g.notes().stream().anyMatch(s -> s.startsWith("kept as it is")),
                    () -> "handed back, but the general path leaves no move out\nN = " + NetworkJson.write(n));
            return;
        }
        Statistics.label("fast path").collect(f.network().asLayers().isPresent() ? "taken, default ids"
                : f.network().blocks().size() == n.blocks().size() ? "taken, dense layers with kept ids" : "taken, built node by node");
        String where = "tol = " + tol + "\nN = " + NetworkJson.write(n) + "\ngeneral: " + NetworkJson.write(g.network())
                + "\nfast: " + NetworkJson.write(f.network());
        assertEquals(g.network(), f.network(), where);
        assertEquals(NetworkJson.write(g.network()), NetworkJson.write(f.network()), where);
        assertEquals(g.certificate().toJson(), f.certificate().toJson(), where);
        assertEquals(g.notes(), f.notes(), where);
        Replay.Outcome o = Replay.check(n, f.certificate(), rules, tol);
        assertTrue(o.valid(), () -> o.message() + "\n" + where);
        Statistics.label("fast path").coverage(c -> {
            c.check("taken, default ids").count(k -> k > 0);
            c.check("taken, dense layers with kept ids").count(k -> k > 0);
            c.check("taken, built node by node").count(k -> k > 0);
        });
    }

    @Property(tries = 300)
    void certificatesFromTheFastPathReplay(@ForAll("layeredDoubles") Network n, @ForAll("tolerances") double tol) {
        Rewriter.Result f = fast(n, tol);
        if (f == null) {
            return;
        }
        Rules rules = Rules.of(theoryOf(n));
        Replay.Outcome o = Replay.check(n, f.certificate(), rules, tol);
        assertTrue(o.valid(), () -> o.message() + "\nN = " + NetworkJson.write(n));
        Replay.Outcome p = Replay.check(n, Certificate.parse(f.certificate().toJson(), "cert.json"), rules, tol);
        assertTrue(p.valid(), () -> "after JSON: " + p.message() + "\nN = " + NetworkJson.write(n));
    }

    @Property(tries = 200)
    void theStreamedInputHashIsTheHashOfTheInputJson(@ForAll("layeredDoubles") Network n) {
        assertEquals(Certificate.sha256(NetworkJson.write(n)), Certificate.sha256(n));
    }

    /**
     * h1_3 is a clone of h1_2; merging it makes h2_1's predecessors those of h2_2 and h2_3. Within
     * that pass h2_1 keeps its old group (the general path grouped nodes before merging), so h2_3
     * merges into h2_2 first and h2_2 into h2_1 on the next pass: the moves say so.
     */
    @Example
    void rowsChangedByAMergeKeepTheirOldGroupUntilTheNextPass() {
        Network n = Network.layered(Activations.byName("tanh"), 1, List.of(
                Layer.of(3, 1, new double[] {1, 2, 2}, new double[] {0.5, 0.1, 0.1}),
                Layer.of(3, 3, new double[] {1, 0, 3, 1, 3, 0, 1, 3, 0}, new double[] {0.2, 0.2, 0.2}),
                Layer.of(1, 3, new double[] {1, 2, 4}, new double[] {0})), false);
        Rewriter.Result f = fast(n, Tolerance.DEFAULT);
        Run g = general(n, Tolerance.DEFAULT);
        List<String> merges = f.certificate().moves().stream().filter(m -> m instanceof Move.MergeClones)
                .map(m -> ((Move.MergeClones) m).remove() + "->" + ((Move.MergeClones) m).keep()).toList();
        assertEquals(List.of("h1_3->h1_2", "h2_3->h2_2", "h2_2->h2_1"), merges);
        assertEquals(g.result().certificate().toJson(), f.certificate().toJson());
    }

    // ------------------------------------------------------------------ generators

    @Provide
    Arbitrary<Double> tolerances() {
        return Arbitraries.of(Tolerance.DEFAULT, Tolerance.DEFAULT, 0.0, 1e-6);
    }

    @Provide
    Arbitrary<Network> layeredDoubles() {
        Arbitrary<String> rho = Arbitraries.of(ACTIVATIONS);
        Arbitrary<Integer> inputs = Arbitraries.integers().between(1, 4);
        Arbitrary<List<Integer>> widths = Arbitraries.integers().between(1, 6).list().ofMinSize(0).ofMaxSize(3);
        Arbitrary<Integer> outputs = Arbitraries.integers().between(1, 3);
        Arbitrary<Long> seeds = Arbitraries.longs();
        return Combinators.combine(rho, inputs, widths, outputs, seeds).as(LayeredFastPathProperties::network);
    }

    /**
     * A random layered network whose rows are, at random, fresh, copies of an earlier row of the
     * layer moved by a symmetry-like map (negated, scaled, shifted by π or 1), or perturbed by
     * 1e-14 (a clone within tolerance) or 1e-10 (a near-tie); rows and columns are zeroed at random.
     */
    static Network network(String rho, int inputs, List<Integer> widths, int outputs, long seed) {
        Random random = new Random(seed);
        int zeroOdds = random.nextBoolean() ? 15 : 3; // scattered zeros, or sparse rows whose patterns a merge can change
        List<Layer> layers = new ArrayList<>();
        int prev = inputs;
        List<Integer> all = new ArrayList<>(widths);
        all.add(outputs);
        for (int l = 0; l < all.size(); l++) {
            int rows = all.get(l);
            boolean output = l == all.size() - 1;
            double[] w = new double[rows * prev];
            double[] b = new double[rows];
            for (int i = 0; i < rows; i++) {
                int kind = random.nextInt(10);
                if (i > 0 && !output && kind < 5) {
                    int src = random.nextInt(i);
                    double[] map = switch (random.nextInt(7)) {
                        case 0 -> new double[] {1, 0};
                        case 1 -> new double[] {-1, 0};
                        case 2 -> new double[] {2.5, 0};
                        case 3 -> new double[] {1, Math.PI};
                        case 4 -> new double[] {-1, 1};
                        case 5 -> new double[] {0.5, -2};
                        default -> new double[] {1, Math.PI * (random.nextInt(5) - 2)};
                    };
                    double noise = switch (random.nextInt(4)) {
                        case 0 -> 1e-14;
                        case 1 -> 1e-10;
                        default -> 0;
                    };
                    for (int j = 0; j < prev; j++) {
                        w[i * prev + j] = map[0] * w[src * prev + j] * (1 + (random.nextBoolean() ? noise : -noise));
                    }
                    b[i] = map[0] * b[src] + map[1] + (random.nextBoolean() ? noise : 0);
                } else {
                    for (int j = 0; j < prev; j++) {
                        w[i * prev + j] = value(random);
                    }
                    b[i] = random.nextInt(6) == 0 ? 0 : value(random);
                }
                if (random.nextInt(12) == 0) {
                    for (int j = 0; j < prev; j++) {
                        w[i * prev + j] = 0; // a constant unit
                    }
                }
            }
            if (prev > 0 && random.nextInt(6) == 0) {
                int j = random.nextInt(prev);
                for (int i = 0; i < rows; i++) {
                    w[i * prev + j] = 0; // a dead unit below, or an unused input
                }
            }
            for (int k = 0; k < w.length; k++) {
                if (random.nextInt(zeroOdds) == 0) {
                    w[k] = 0;
                }
            }
            layers.add(Layer.of(rows, prev, w, b));
            prev = rows;
        }
        return Network.layered(Activations.byName(rho), inputs, layers, false);
    }

    private static double value(Random random) {
        return switch (random.nextInt(12)) {
            case 0 -> (random.nextDouble() - 0.5) * 1e6;
            case 1 -> (random.nextDouble() - 0.5) * 1e-6;
            case 2 -> random.nextInt(5) - 2;
            default -> Math.round((random.nextDouble() * 6 - 3) * 1e6) / 1e6;
        };
    }
}
