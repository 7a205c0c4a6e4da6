package org.nnid.symbolic;

import org.nnid.symja.Symja;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nnid.net.Evaluator;
import org.nnid.net.Layer;
import org.nnid.net.Network;
import org.nnid.scalar.Interval;
import org.nnid.scalar.Scalar;
import org.nnid.activation.Activation;
import org.nnid.activation.Activations;

/** High-precision evaluation at exact points (docs/math.md §6: witnesses proved in high precision). */
class HighPrecisionEvaluatorTest {

    static Scalar q(long p, long r) {
        return Scalar.of(p, r);
    }

    /** Symja's own arbitrary-precision value of an output expression at x1 = x: an independent check. */
    static BigDecimal symjaValue(Network n, String x, int digits) {
        String e = NetworkExpressions.toSymja(n, 0);
        return Symja.numeric("ReplaceAll(" + e + ", x1 -> " + x + ")", digits + 10).round(new MathContext(digits));
    }

    @Test
    void e1TanhToFortyDigitsAgreesWithSymja() {
        Network n = NetworkExpressionsTest.e1("tanh");
        HighPrecisionEvaluator.Result r = HighPrecisionEvaluator.evaluate(n, new Scalar[] {Scalar.ZERO}, 40);
        assertEquals(new BigDecimal("2.397945627736"), r.values()[0].round(new MathContext(13)));
        assertEquals(0, symjaValue(n, "0", 40).compareTo(r.values()[0]));
        assertTrue(r.agreedDigits()[0] >= 40, "agreed " + r.agreedDigits()[0]);
        assertEquals(40, r.values()[0].precision());
    }

    @Test
    void e2LogisticToFortyDigitsAgreesWithSymja() {
        Network n = NetworkExpressionsTest.e1("logistic");
        HighPrecisionEvaluator.Result r = HighPrecisionEvaluator.evaluate(n, new Scalar[] {Scalar.ZERO}, 40);
        assertEquals(new BigDecimal("1.848436572236"), r.values()[0].round(new MathContext(13)));
        assertEquals(0, symjaValue(n, "0", 40).compareTo(r.values()[0]));
        assertTrue(r.agreedDigits()[0] >= 40);
    }

    static List<String> activationNames() {
        return Activations.names();
    }

    /** Every definition is evaluated correctly: it agrees with the double evaluator to ~1e-14. */
    @ParameterizedTest
    @MethodSource("activationNames")
    void agreesWithDoubleEvaluation(String name) {
        Random random = new Random(name.hashCode());
        Activation rho = Activations.byName(name);
        for (int trial = 0; trial < 3; trial++) {
            Network n = Network.layered(rho, 2, List.of(
                    Layer.of(3, 2, randoms(random, 6), randoms(random, 3)),
                    Layer.of(2, 3, randoms(random, 6), randoms(random, 2)),
                    Layer.of(1, 2, randoms(random, 2), randoms(random, 1))), false);
            double[] x = randoms(random, 2);
            HighPrecisionEvaluator.Result r = HighPrecisionEvaluator.evaluate(n,
                    new Scalar[] {Scalar.of(x[0]), Scalar.of(x[1])}, 30);
            double y = Evaluator.evaluate(n, x)[0];
            assertEquals(y, r.values()[0].doubleValue(), 1e-14 * Math.max(1, Math.abs(y)), name);
            assertTrue(r.agreedDigits()[0] >= 30, name + ": agreed " + r.agreedDigits()[0]);
            Interval enclosure = Evaluator.enclose(n, x)[0];
            assertTrue(enclosure.contains(r.values()[0].doubleValue())
                    || Math.abs(enclosure.mid() - r.values()[0].doubleValue()) <= 1e-15 * Math.max(1, Math.abs(y)), name);
        }
    }

    private static double[] randoms(Random random, int n) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = random.nextDouble() * 4 - 2;
        }
        return d;
    }

    @Test
    void closedFormWeightsSuchAsSqrtTwo() {
        Network n = Network.layered(Activations.byName("tanh"), 1, List.of(
                Layer.of(new Scalar[][] {{Scalar.parseExact("Sqrt(2)")}}, new Scalar[] {Scalar.parseExact("-Pi/4")}),
                Layer.of(new Scalar[][] {{q(3, 1)}}, new Scalar[] {Scalar.parseExact("Log(2)")})), false);
        HighPrecisionEvaluator.Result r = HighPrecisionEvaluator.evaluate(n, new Scalar[] {q(1, 3)}, 50);
        assertTrue(r.agreedDigits()[0] >= 50);
        assertEquals(0, symjaValue(n, "1/3", 50).compareTo(r.values()[0]));
    }

    @Test
    void reluBranchesAreExactAtAZeroPreActivation() {
        Network n = Network.layered(Activations.byName("relu"), 1, List.of(
                Layer.of(new Scalar[][] {{q(2, 1)}, {q(-1, 1)}}, new Scalar[] {q(-1, 1), q(1, 2)}),
                Layer.of(new Scalar[][] {{q(1, 1), q(1, 3)}}, new Scalar[] {q(0, 1)})), false);
        HighPrecisionEvaluator.Result r = HighPrecisionEvaluator.evaluate(n, new Scalar[] {q(1, 2)}, 25);
        assertEquals(0, BigDecimal.ZERO.compareTo(r.values()[0]));
        assertTrue(r.agreedDigits()[0] >= 25);
        HighPrecisionEvaluator.Result s = HighPrecisionEvaluator.evaluate(n, new Scalar[] {q(1, 4)}, 25);
        assertEquals(0, new BigDecimal("0.08333333333333333333333333").compareTo(s.values()[0]));
    }

    @Test
    void erfFarFromZeroAgreesWithSymja() {
        Network n = Network.layered(Activations.byName("erf"), 1, List.of(
                Layer.of(new Scalar[][] {{q(1, 1)}}, new Scalar[] {q(0, 1)}),
                Layer.of(new Scalar[][] {{q(1, 1)}}, new Scalar[] {q(-1, 1)})), false);
        // 1 − erf(4) ≈ 1.5e−8: the output keeps only its own digits, not those of erf(4).
        HighPrecisionEvaluator.Result r = HighPrecisionEvaluator.evaluate(n, new Scalar[] {q(4, 1)}, 30);
        assertEquals(0, symjaValue(n, "4", 30).compareTo(r.values()[0]));
        assertTrue(r.agreedDigits()[0] >= 30);
    }

    @Test
    void functionsOutsideTheBuiltInTableGoThroughSymja() {
        // LogisticSigmoid is Symja's name for σ; the evaluator has no series for it and asks Symja.
        Activation sigma = new Activation() {
            @Override public String name() { return "symja_logistic"; }
            @Override public double apply(double t) { return Activations.byName("logistic").apply(t); }
            @Override public Interval apply(Interval t) { return Activations.byName("logistic").apply(t); }
            @Override public String symja() { return "LogisticSigmoid(t)"; }
        };
        Network viaSymja = Network.builder(sigma, List.of("x1"))
                .hidden("h", q(1, 2), Map.of("x1", q(1, 1))).output("y1", q(1, 4), Map.of("h", q(3, 1))).build();
        Network builtIn = Network.builder(Activations.byName("logistic"), List.of("x1"))
                .hidden("h", q(1, 2), Map.of("x1", q(1, 1))).output("y1", q(1, 4), Map.of("h", q(3, 1))).build();
        Scalar[] x = {q(-2, 7)};
        assertEquals(0, HighPrecisionEvaluator.evaluate(builtIn, x, 35).values()[0]
                .compareTo(HighPrecisionEvaluator.evaluate(viaSymja, x, 35).values()[0]));
    }

    @Test
    void agreementCountsLeadingDigits() {
        assertEquals(4, HighPrecisionEvaluator.agreement(new BigDecimal("1.23456"), new BigDecimal("1.23467"), 50));
        assertEquals(50, HighPrecisionEvaluator.agreement(new BigDecimal("2.5"), new BigDecimal("2.50"), 50));
        assertEquals(0, HighPrecisionEvaluator.agreement(new BigDecimal("1e-30"), BigDecimal.ZERO, 50));
    }

    @Test
    void wrongPointLengthIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> HighPrecisionEvaluator.evaluate(NetworkExpressionsTest.e1("tanh"), new Scalar[2], 10));
    }

    /** The size in the brief: 784→200×6→10 with float32-like weights, 40 digits, well within seconds. */
    @Test
    void practicalForAnMnistSizedNetwork() {
        Random random = new Random(11);
        List<Layer> layers = new ArrayList<>();
        int previous = 784;
        for (int size : new int[] {200, 200, 200, 200, 200, 200, 10}) {
            double[] w = new double[size * previous];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) (random.nextGaussian() / Math.sqrt(previous));
            }
            double[] b = new double[size];
            for (int i = 0; i < size; i++) {
                b[i] = (float) (random.nextGaussian() * 0.1);
            }
            layers.add(Layer.of(size, previous, w, b));
            previous = size;
        }
        Network n = Network.layered(Activations.byName("tanh"), 784, layers, false);
        Scalar[] x = new Scalar[784];
        double[] xd = new double[784];
        for (int i = 0; i < x.length; i++) {
            x[i] = q(i % 256, 255);
            xd[i] = x[i].toDouble();
        }
        HighPrecisionEvaluator.Result r = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> HighPrecisionEvaluator.evaluate(n, x, 40));
        double[] y = Evaluator.evaluate(n, xd);
        for (int k = 0; k < 10; k++) {
            assertTrue(r.agreedDigits()[k] >= 40);
            assertEquals(y[k], r.values()[k].doubleValue(), 1e-13);
        }
    }
}
