package org.nnid.equiv;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.nnid.io.NetworkJson;
import org.nnid.net.Network;
import org.nnid.net.NetworkBuilder;
import org.nnid.scalar.DoubleScalar;
import org.nnid.scalar.Scalar;
import org.nnid.symbolic.HighPrecisionEvaluator;
import org.nnid.testing.NetworkArbitraries;
import org.nnid.testing.NetworkArbitrary;
import org.nnid.activation.Activation;
import org.nnid.activation.Activations;
import org.nnid.registry.TheoryRegistry;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Soundness of verdicts against the failure classes of issue 14, on every built-in theory: pairs
 * built to differ by rounding-sized amounts (near misses at 1e−13, 1e−15 and one ulp, saturated
 * units, clones whose outgoing weights cancel across 16 orders of magnitude, constant units beside
 * huge biases, near clones under huge outgoing weights) must never be EQUIVALENT; pairs equal by
 * construction with exact constants far from the origin must never be NOT_EQUIVALENT; and no
 * WITHIN_EPS bound may be exceeded at an 80-digit evaluation. The counts per theory (right /
 * UNKNOWN) are printed after the run. Long: it runs in the {@code long-tests} profile.
 */
@Tag("long")
class VerdictSoundnessProperties {
    private static final List<String> THEORIES = Activations.names();
    /** Per family and theory: {right, UNKNOWN}. A wrong verdict fails the property instead. */
    private static final Map<String, Map<String, int[]>> COUNTS = Collections.synchronizedMap(new TreeMap<>());
    private static final Checker.Options OPTIONS = Checker.Options.defaults().withSearch(1, 16);

    private static void count(String family, String theory, Verdict v) {
        COUNTS.computeIfAbsent(family, k -> Collections.synchronizedMap(new TreeMap<>()))
                .computeIfAbsent(theory, k -> new int[2])[v == Verdict.UNKNOWN ? 1 : 0]++;
    }

    private static String context(Network a, Network b, Checker.Result r) {
        return "A = " + NetworkJson.write(a) + "\nB = " + NetworkJson.write(b) + "\nresult: " + r;
    }

    private static void assertNeverEquivalent(String family, Network a, Network b) {
        Checker.Result r = Checker.check(a, b, OPTIONS);
        count(family, a.activation().name(), r.verdict());
        assertNotEquals(Verdict.EQUIVALENT, r.verdict(), () -> family + "\n" + context(a, b, r));
    }

    private static void assertNeverNotEquivalent(String family, Network a, Network b) {
        Checker.Result r = Checker.check(a, b, OPTIONS);
        count(family, a.activation().name(), r.verdict());
        assertNotEquals(Verdict.NOT_EQUIVALENT, r.verdict(), () -> family + "\n" + context(a, b, r));
    }

    // ------------------------------------------------------------------ pairs that differ

    @Property(tries = 300, seed = "20261203")
    void nearMissesAtRoundingSizeAreNeverEquivalent(@ForAll("doubleNetworks") Network n,
            @ForAll("nudges") String nudge, @ForAll("seeds") long seed) {
        Random random = new Random(seed);
        Network a = random.nextBoolean() ? saturated(n) : n;
        assertNeverEquivalent("near miss " + nudge, a, nudged(a, nudge, random));
    }

    @Property(tries = 150, seed = "20261203")
    void clonesWhoseOutgoingWeightsCancelAcrossSixteenOrdersOfMagnitudeAreNeverLost(
            @ForAll("theories") String theory, @ForAll("magnitudes") double c) {
        Network three = oneInput(theory, Map.of("u1", c, "u2", 0.5, "u3", -c), 0.0);
        Network none = oneInput(theory, Map.of(), 0.0);
        Network half = oneInput(theory, Map.of("u1", 0.5), 0.0);
        assertNeverEquivalent("cancelling clones vs zero", three, none);
        assertNeverNotEquivalent("cancelling clones vs their sum", three, half);
    }

    @Property(tries = 100, seed = "20261203")
    void aConstantUnitBesideAHugeBiasIsNeverLost(@ForAll("theories") String theory,
            @ForAll("hugeBiases") double bias) {
        Activation rho = activation(theory);
        Network with = Network.builder(rho, List.of("x1")).hidden("u1", DoubleScalar.of(0.5), Map.of())
                .hidden("u2", DoubleScalar.of(0.25), Map.of("x1", DoubleScalar.of(1)))
                .output("y1", DoubleScalar.of(bias), Map.of("u1", DoubleScalar.of(1), "u2", DoubleScalar.of(1))).build();
        Network without = Network.builder(rho, List.of("x1"))
                .hidden("u2", DoubleScalar.of(0.25), Map.of("x1", DoubleScalar.of(1)))
                .output("y1", DoubleScalar.of(bias), Map.of("u2", DoubleScalar.of(1))).build();
        assertNeverEquivalent("constant unit beside a huge bias", with, without);
    }

    @Property(tries = 150, seed = "20261203")
    void nearClonesUnderHugeOutgoingWeightsAreNeverEquivalent(@ForAll("theories") String theory,
            @ForAll("magnitudes") double c) {
        Activation rho = activation(theory);
        Network a = Network.builder(rho, List.of("x1"))
                .hidden("u1", DoubleScalar.of(0.25), Map.of("x1", DoubleScalar.of(1)))
                .hidden("u2", DoubleScalar.of(0.25), Map.of("x1", DoubleScalar.of(1.0000000000001)))
                .output("y1", DoubleScalar.of(0), Map.of("u1", DoubleScalar.of(c), "u2", DoubleScalar.of(-c))).build();
        assertNeverEquivalent("near clones under huge weights", a, oneInput(theory, Map.of(), 0.0));
    }

    @Property(tries = 40, seed = "20261203")
    void phasesAndExponentsFarFromTheOriginDifferingByTenToTheMinus30AreNeverEquivalent(
            @ForAll("farTheories") String theory, @ForAll("powersOfTen") int k) {
        String far = theory.equals("exp") ? "10^" + Math.min(k, 2) : "10^" + k + "*Pi+1/3";
        assertNeverEquivalent("far from the origin, 1e-30 apart", exactUnit(theory, far, "1"),
                exactUnit(theory, far + "+10^-30", "1"));
    }

    // ------------------------------------------------------------------ pairs that are one function

    @Property(tries = 40, seed = "20261203")
    void phasesFarFromTheOriginAreNeverNotEquivalent(@ForAll("farTheories") String theory,
            @ForAll("powersOfTen") int k) {
        if (theory.equals("exp")) {
            int e = Math.min(k, 2);
            assertNeverNotEquivalent("exp bias far from the origin", exactUnit(theory, "10^" + e, "1"),
                    exactUnit(theory, "0", "E^(10^" + e + ")"));
            return;
        }
        // 10^k·π is an even multiple of π for k ≥ 1: the same phase.
        assertNeverNotEquivalent("phase shifted by 10^k pi", exactUnit(theory, "10^" + k + "*Pi+1/3", "1"),
                exactUnit(theory, "1/3", "1"));
    }

    @Property(tries = 20, seed = "20261203")
    void theAdditionTheoremFarFromTheOriginIsNeverNotEquivalent(@ForAll("powersOfTen") int k) {
        // sin(x + b) = cos(b)·sin(x) + sin(b)·sin(x + π/2)
        Activation sin = activation("sin");
        Network a = exactUnit("sin", "10^" + k, "1");
        Network b = Network.builder(sin, List.of("x1"))
                .hidden("u1", Scalar.ZERO, Map.of("x1", Scalar.ONE))
                .hidden("u2", Scalar.parseExact("Pi/2"), Map.of("x1", Scalar.ONE))
                .output("y1", Scalar.ZERO, Map.of("u1", Scalar.parseExact("Cos(10^" + k + ")"),
                        "u2", Scalar.parseExact("Sin(10^" + k + ")"))).build();
        assertNeverNotEquivalent("addition theorem", a, b);
    }

    // ------------------------------------------------------------------ bounds

    @Property(tries = 60, seed = "20261203")
    void noWithinEpsBoundIsExceededAtAnEightyDigitEvaluation(@ForAll("boxedDoubleNetworks") Network n,
            @ForAll("seeds") long seed) {
        Random random = new Random(seed);
        Network copy = n.mapValues(s -> s instanceof DoubleScalar d ? DoubleScalar.of((float) d.value()) : s);
        Checker.Result r = Checker.check(n, copy, OPTIONS.withQuestion(new Question.Closeness(1e-3)));
        count("float32 copy, --eps 1e-3", n.activation().name(), r.verdict());
        r.evidence().stream().filter(e -> e instanceof Evidence.BoxBound).map(e -> (Evidence.BoxBound) e)
                .forEach(bb -> {
                    for (int i = 0; i < 8; i++) {
                        Scalar[] x = new Scalar[n.inputCount()];
                        for (int j = 0; j < x.length; j++) {
                            x[j] = DoubleScalar.of(bb.lo()[j] + random.nextDouble() * (bb.hi()[j] - bb.lo()[j]));
                        }
                        BigDecimal[] ya = HighPrecisionEvaluator.evaluate(n, x, 80).values();
                        BigDecimal[] yb = HighPrecisionEvaluator.evaluate(copy, x, 80).values();
                        for (int k = 0; k < ya.length; k++) {
                            BigDecimal d = ya[k].subtract(yb[k], MathContext.DECIMAL128).abs();
                            assertTrue(d.compareTo(new BigDecimal(bb.upperBound())) <= 0, () -> "bound "
                                    + bb.upperBound() + " exceeded: " + d + "\n" + context(n, copy, r));
                        }
                    }
                });
    }

    @AfterContainer
    static void report() {
        System.out.println("verdict soundness (issue 14): right / UNKNOWN per family and theory; a wrong verdict fails");
        COUNTS.forEach((family, perTheory) -> {
            StringBuilder b = new StringBuilder("  " + family + ":");
            perTheory.forEach((t, c) -> b.append(' ').append(t).append(' ').append(c[0]).append('/').append(c[1]));
            System.out.println(b);
        });
    }

    // ------------------------------------------------------------------ builders

    private static Activation activation(String theory) {
        return TheoryRegistry.builtins().get(theory).activation();
    }

    /** Σ_u w_u·ρ(x + 1/2) + bias, every unit the same (clones). */
    private static Network oneInput(String theory, Map<String, Double> outgoing, double bias) {
        NetworkBuilder b = Network.builder(activation(theory), List.of("x1"));
        Map<String, Scalar> out = new LinkedHashMap<>();
        new TreeMap<>(outgoing).forEach((u, w) -> {
            b.hidden(u, DoubleScalar.of(0.5), Map.of("x1", DoubleScalar.of(1)));
            out.put(u, DoubleScalar.of(w));
        });
        return b.output("y1", DoubleScalar.of(bias), out).build();
    }

    /** w·ρ(x + bias) with exact values. */
    private static Network exactUnit(String theory, String bias, String w) {
        return Network.builder(activation(theory), List.of("x1"))
                .hidden("u1", Scalar.parseExact(bias), Map.of("x1", Scalar.ONE))
                .output("y1", Scalar.ZERO, Map.of("u1", Scalar.parseExact(w))).build();
    }

    /** The network with every first-level bias set to ±1000 (saturated tanh, logistic, …). */
    private static Network saturated(Network n) {
        int[] level = n.levels();
        NetworkBuilder b = Network.builder(n.activation(), n.inputNames()).outputActivation(n.outputActivation());
        for (int v = n.inputCount(); v < n.nodeCount(); v++) {
            Map<String, Scalar> in = new LinkedHashMap<>();
            n.incoming(v).forEach((s, w) -> in.put(n.id(s), w));
            Scalar bias = n.isHidden(v) && level[v] == 1 ? DoubleScalar.of(v % 2 == 0 ? 1000 : -1000) : n.bias(v);
            b.node(n.id(v), n.isOutput(v), bias, in);
        }
        return b.build();
    }

    /**
     * The output bias moved by the nudge (relative 1e−13 or 1e−15 of max(1, |b|), or one ulp):
     * without output activation the function moves by exactly that constant.
     */
    private static Network nudged(Network n, String nudge, Random random) {
        int out = n.outputNode(random.nextInt(n.outputCount()));
        double b = n.bias(out).toDouble();
        double moved = switch (nudge) {
            case "1e-13" -> b + 1e-13 * Math.max(1, Math.abs(b));
            case "1e-15" -> b + 1e-15 * Math.max(1, Math.abs(b));
            default -> Math.nextUp(b);
        };
        NetworkBuilder nb = Network.builder(n.activation(), n.inputNames()).outputActivation(false);
        for (int v = n.inputCount(); v < n.nodeCount(); v++) {
            Map<String, Scalar> in = new LinkedHashMap<>();
            n.incoming(v).forEach((s, w) -> in.put(n.id(s), w));
            nb.node(n.id(v), n.isOutput(v), v == out ? DoubleScalar.of(moved) : n.bias(v), in);
        }
        return nb.build();
    }

    // ------------------------------------------------------------------ generators

    private static NetworkArbitrary small() {
        return NetworkArbitraries.networks().activations(THEORIES.toArray(String[]::new)).inputs(1, 2).outputs(1, 2)
                .hiddenLayers(1, 2).width(1, 3).outputActivation(false);
    }

    @Provide
    Arbitrary<Network> doubleNetworks() {
        return Arbitraries.of(THEORIES).withoutEdgeCases().flatMap(t -> small().activations(t).doubleWeights());
    }

    @Provide
    Arbitrary<Network> boxedDoubleNetworks() {
        List<String> smooth = List.of("tanh", "logistic", "relu", "identity");
        return Arbitraries.of(smooth).withoutEdgeCases().flatMap(t -> small().activations(t).doubleWeights()
                .map(n -> n.withInputBox(new org.nnid.net.InputBox(
                        Collections.nCopies(n.inputCount(), Scalar.of(-1)), Collections.nCopies(n.inputCount(), Scalar.ONE)))));
    }

    @Provide
    Arbitrary<String> theories() {
        return Arbitraries.of(THEORIES).withoutEdgeCases();
    }

    @Provide
    Arbitrary<String> farTheories() {
        return Arbitraries.of("sin", "cos", "exp");
    }

    @Provide
    Arbitrary<Integer> powersOfTen() {
        return Arbitraries.integers().between(16, 30);
    }

    @Provide
    Arbitrary<String> nudges() {
        return Arbitraries.of("1e-13", "1e-15", "ulp");
    }

    @Provide
    Arbitrary<Double> magnitudes() {
        return Arbitraries.of(1e3, 1e6, 1e9, 1e12, 1e15, 1e16, 3e16, 1e17, 1e20);
    }

    @Provide
    Arbitrary<Double> hugeBiases() {
        return Arbitraries.of(1e16, 1e17, 1e20, -1e17);
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }
}
