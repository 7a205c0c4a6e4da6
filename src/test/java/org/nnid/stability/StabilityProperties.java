package org.nnid.stability;

import java.util.Optional;
import java.util.Random;

import org.apache.commons.math3.fraction.BigFraction;
import org.nnid.scalar.Scalar;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** docs/math.md §8: certified lower bounds, exact distances and attacks are ordered on every network. */
class StabilityProperties {

    /** A random small ReLU network (2 or 3 inputs, one or two hidden layers of width ≤ 4) and a point. */
    record Case(Mlp mlp, Scalar[] x0) {}

    @Provide
    Arbitrary<Case> cases() {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.integers().between(2, 3),
                Arbitraries.integers().between(1, 2), Arbitraries.integers().between(1, 4)).as((seed, n, depth, width) -> {
                    Random r = new Random(seed);
                    int[] sizes = new int[depth + 2];
                    sizes[0] = n;
                    for (int l = 1; l <= depth; l++) {
                        sizes[l] = 1 + r.nextInt(width);
                    }
                    sizes[depth + 1] = 1;
                    double[][] w = new double[depth + 1][];
                    double[][] b = new double[depth + 1][];
                    for (int l = 0; l <= depth; l++) {
                        w[l] = new double[sizes[l + 1] * sizes[l]];
                        b[l] = new double[sizes[l + 1]];
                        for (int k = 0; k < w[l].length; k++) {
                            w[l][k] = Math.round(r.nextGaussian() * 8) / 8.0;
                        }
                        for (int k = 0; k < b[l].length; k++) {
                            b[l][k] = Math.round(r.nextGaussian() * 4) / 8.0;
                        }
                    }
                    Scalar[] x0 = new Scalar[n];
                    for (int i = 0; i < n; i++) {
                        x0[i] = Scalar.of(r.nextInt(17) - 8, 16);
                    }
                    return new Case(Mlp.relu(sizes, w, b), x0);
                });
    }

    @Property(tries = 60)
    void ibpAtMostCrownAtMostExactAtMostPgd(@ForAll("cases") Case c) {
        Optional<Problem> p = Problem.at(c.mlp(), new Decision.Threshold(Scalar.ZERO), c.x0(), Norm.INF);
        Assume.that(p.isPresent());
        // analyse() checks IBP <= CROWN <= exact <= attack itself and throws when the order fails
        Robustness.Report r = Robustness.analyse(p.get(), 0.25, Attacks.defaults());
        Assume.that(r.attack().isPresent());
        double attack = r.attack().get().distance();
        double crown = r.crown().orElseThrow();
        Robustness.Exact exact = r.exact().orElseThrow();
        assert r.ibp() <= crown : "IBP " + r.ibp() + " > CROWN " + crown;
        if (exact.value().isPresent()) {
            BigFraction d = exact.value().get();
            assert d.compareTo(new BigFraction(crown)) >= 0 : "CROWN " + crown + " > exact " + d;
            assert d.compareTo(new BigFraction(attack)) <= 0 : "exact " + d + " > attack " + attack;
        } else {
            assert crown <= exact.upper() + 1e-6 && exact.lower() <= attack + 1e-6 : exact + " vs " + crown + ", " + attack;
        }
    }

    @Property(tries = 40, maxDiscardRatio = 100)
    void exactPlanarDistanceAgreesWithBranchAndBoundOnTwoInputNetworks(@ForAll("cases") Case c) {
        Assume.that(c.mlp().inputs() == 2);
        Optional<Problem> p = Problem.at(c.mlp(), new Decision.Threshold(Scalar.ZERO), c.x0(), Norm.INF);
        Assume.that(p.isPresent());
        ExactPlanar.Result exact = ExactPlanar.minimalDistance(p.get(), BigFraction.ONE).orElseThrow();
        BranchAndBound.Result bb = BranchAndBound.minimalDistance(p.get(), 1.0, 5000);
        Assume.that(bb.solved());
        if (exact.distance().isPresent()) {
            double d = exact.distance().get().doubleValue();
            assert Math.abs(bb.upper() - d) <= 1e-6 : "exact " + d + ", branch and bound " + bb;
        } else {
            assert Double.isInfinite(bb.upper()) : "exact: none within 1, branch and bound " + bb.upper();
        }
    }

    @Property(tries = 40, maxDiscardRatio = 100)
    void everyAttackWitnessIsProvedAdversarialAndLiesInTheBall(@ForAll("cases") Case c) {
        Optional<Problem> p = Problem.at(c.mlp(), new Decision.Threshold(Scalar.ZERO), c.x0(), Norm.TWO);
        Assume.that(p.isPresent());
        Optional<Problem.Witness> w = Attacks.defaults().pgd(p.get(), 0.5);
        Assume.that(w.isPresent());
        int cls = c.mlp().forward(w.get().x())[0] >= 0 ? 1 : 0;
        assert cls != p.get().cls() && w.get().distance() <= 0.5;
    }
}
