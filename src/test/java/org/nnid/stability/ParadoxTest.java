package org.nnid.stability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Random;

import org.apache.commons.math3.fraction.BigFraction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nnid.scalar.Scalar;

/** docs/math.md §8: the stripes, ψ_K, Claim B on trained networks, and the oracle bound. */
class ParadoxTest {
    private static Paradox.Result quick;

    @BeforeAll
    static void runQuick() {
        quick = Paradox.run(Paradox.Config.quick(1), new PrintWriter(new StringWriter()));
    }

    @Test
    void oppositeLabelsOfTheStripesAreAtLeastOneOverTwoKApart() {
        for (int k : new int[] {2, 5, 16}) {
            Stripes s = new Stripes(k);
            Stripes.Sample sample = s.sample(6, new Random(k));
            double least = Double.POSITIVE_INFINITY;
            for (int i = 0; i < sample.size(); i++) {
                for (int j = 0; j < sample.size(); j++) {
                    if (sample.y()[i] != sample.y()[j]) {
                        least = Math.min(least, Math.max(Math.abs(sample.x()[i][0] - sample.x()[j][0]),
                                Math.abs(sample.x()[i][1] - sample.x()[j][1])));
                    }
                }
            }
            // points are doubles near c_j ± 1/(4K); allow their rounding only
            assertTrue(least >= 0.5 / k - 1e-15, "K=" + k + ": " + least);
            for (int i = 0; i < sample.size(); i++) {
                assertEquals(sample.y()[i], sample.x()[i][1] >= 0.5 ? 1 : 0, "1[x2 >= 1/2] classifies every point");
            }
        }
    }

    @Test
    void psiKIsExactAndItsExactClassRadiusIsOneOverFourK() {
        for (int k : new int[] {2, 4, 8}) {
            Mlp psi = Mlp.of(Paradox.psiNetwork(k));
            assertTrue(psi.network().isExact());
            assertEquals(2 * (k - 1), psi.network().hiddenCount());
            Paradox.PsiRow row = Paradox.measurePsi(k, new Stripes(k).sample(4, new Random(k)));
            assertEquals(new BigFraction(1, 4 * k), row.classRadius(), "K=" + k);
            assertEquals(new BigFraction(1, 4 * k).subtract(new BigFraction(1, 16 * k)), row.plateauRadius());
            assertEquals(1.0, row.accuracy());
            assertEquals(1.0, row.robustAccuracy());
        }
    }

    @Test
    void psiKValueIsConstantWithinOneOverFourKMinusHalfTheRamp() {
        int k = 4;
        Mlp psi = Mlp.of(Paradox.psiNetwork(k));
        double plateau = 0.25 / k - 0.5 / (8 * k);
        for (int j = 0; j < k; j++) {
            double expected = j % 2 == 1 ? 0.5 : -0.5;
            for (double[] x : new Stripes(k).extremes(j)) {
                for (double d : new double[] {-plateau, plateau}) {
                    assertEquals(expected, psi.forward(new double[] {x[0] + d, x[1]})[0], 1e-12);
                }
            }
        }
    }

    @Test
    void claimBBoundHoldsForEveryTrainedNetworkOfAQuickRun() {
        assertEquals(2 * 4 * 2, quick.networks().size());
        for (Paradox.NetRow n : quick.networks()) {
            assertTrue(n.robustAccuracy() <= 0.5 + (Stripes.maxPieces(java.util.Arrays.copyOfRange(n.architecture(), 1,
                    n.architecture().length - 1)) + 1) / (2.0 * n.k()), Paradox.name(n.architecture()) + " K=" + n.k());
            assertTrue(n.ibpCertified() <= n.robustAccuracy(), "IBP-certified points are robust");
            assertTrue(n.pieces() >= 1 && n.pieces() <= Stripes.maxPieces(java.util.Arrays.copyOfRange(
                    n.architecture(), 1, n.architecture().length - 1)));
        }
    }

    @Test
    void oracleSuccessRatesSumToAtMostOneWhenThePrecisionReadIsAtMostM() {
        boolean sawAboveOne = false;
        for (OracleExperiment.Row o : quick.oracle()) {
            if (o.n() <= o.m()) {
                assertEquals(0.0, o.read(), "the oracle answers 0 for both signs");
                assertTrue(o.sum() <= 1.0, o.toString());
            } else {
                sawAboveOne |= o.sum() > 1.0;
            }
        }
        assertTrue(sawAboveOne, "reading more than m bits lets the algorithm succeed for both signs");
    }

    @Test
    void tablesAreByteIdenticalForTheSameSeed() {
        Paradox.Result again = Paradox.run(new Paradox.Config(new int[] {2}, 1, 40, Paradox.ARCHITECTURES.subList(0, 2),
                4, 50, 3), new PrintWriter(new StringWriter()));
        Paradox.Result twice = Paradox.run(new Paradox.Config(new int[] {2}, 1, 40, Paradox.ARCHITECTURES.subList(0, 2),
                4, 50, 3), new PrintWriter(new StringWriter()));
        assertEquals(ParadoxTables.table1(again), ParadoxTables.table1(twice));
        assertEquals(ParadoxTables.table3(again), ParadoxTables.table3(twice));
    }

    @Test
    void exactPlanarDistanceOfAHalfPlaneIsTheInfNormGap() {
        // y = x1 + 2·x2 − 1 through relu(x1) etc.: at (0,0) class 0, boundary x1 + 2x2 = 1: d* = 1/3
        Mlp mlp = Mlp.relu(new int[] {2, 2, 1}, new double[][] {{1, 0, 0, 1}, {1, 2}}, new double[][] {{0, 0}, {-1}});
        Problem p = Problem.at(mlp, new Decision.Threshold(Scalar.ZERO), new Scalar[] {Scalar.ZERO, Scalar.ZERO},
                Norm.INF).orElseThrow();
        assertEquals(new BigFraction(1, 3), ExactPlanar.minimalDistance(p, BigFraction.ONE).orElseThrow().distance()
                .orElseThrow());
    }
}
