package org.nnid.registry;

import org.nnid.theory.NullFreeness;

import org.nnid.theory.AffineRelation;
import org.nnid.theory.Theory;

import org.nnid.activation.Activations;
import org.nnid.registry.NullNetworkCheck;
import org.nnid.registry.SymbolicProver;

import org.nnid.activation.Activation;
import org.nnid.registry.TheoryRegistry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.nnid.net.Evaluator;
import org.nnid.net.Network;
import org.nnid.scalar.Interval;
import org.nnid.scalar.Rational;
import org.nnid.testing.NetworkArbitraries;

/**
 * docs/math.md §2, last paragraph: an affine relation rewrites every network of one nonlinearity as a
 * network of the other with the same function, exactly on exact networks.
 */
class TheoryRelationProperties {
    private static final TheoryRegistry REGISTRY = TheoryFixtures.BUILTINS;
    private static final AffineRelation TO_TANH = REGISTRY.get("logistic").relationTo("tanh").orElseThrow();
    private static final AffineRelation TO_LOGISTIC = REGISTRY.get("tanh").relationTo("logistic").orElseThrow();
    private static final Activation TANH = Activations.byName("tanh");
    private static final Activation LOGISTIC = Activations.byName("logistic");

    @Provide
    Arbitrary<Network> exactLogistic() {
        return NetworkArbitraries.networks().activations("logistic").exactWeights();
    }

    @Provide
    Arbitrary<Network> doubleLogistic() {
        return NetworkArbitraries.networks().activations("logistic").doubleWeights();
    }

    @Provide
    Arbitrary<List<Rational>> point() {
        return Arbitraries.integers().between(-40, 40).map(p -> Rational.of(p).divide(Rational.of(8)))
                .map(r -> (Rational) r).list().ofSize(3);
    }

    private static Interval[] at(Network n, List<Rational> coordinates) {
        Interval[] x = new Interval[n.inputCount()];
        for (int i = 0; i < x.length; i++) {
            x[i] = coordinates.get(i).enclosure();
        }
        return x;
    }

    @Property(tries = 100)
    void logisticToTanhPreservesTheFunctionOfExactNetworks(@ForAll("exactLogistic") Network n,
            @ForAll("point") List<Rational> x) {
        Network m = TO_TANH.convert(n, TANH);
        assertTrue(m.isExact());
        assertEquals("tanh", m.activation().name());
        assertEquals(n.hiddenCount(), m.hiddenCount());
        Interval[] a = Evaluator.enclose(n, at(n, x));
        Interval[] b = Evaluator.enclose(m, at(m, x));
        for (int k = 0; k < a.length; k++) {
            assertTrue(a[k].overlaps(b[k]), a[k] + " vs " + b[k]);
            assertTrue(a[k].width() < 1e-9 && b[k].width() < 1e-9, a[k] + " vs " + b[k]);
        }
    }

    @Property(tries = 100)
    void logisticToTanhAndBackIsTheIdentityOnExactNetworks(@ForAll("exactLogistic") Network n) {
        assertEquals(n, TO_LOGISTIC.convert(TO_TANH.convert(n, TANH), LOGISTIC));
    }

    @Property(tries = 100)
    void logisticToTanhPreservesTheFunctionOfDoubleNetworks(@ForAll("doubleLogistic") Network n,
            @ForAll("point") List<Rational> x) {
        Network m = TO_TANH.convert(n, TANH);
        double[] p = new double[n.inputCount()];
        for (int i = 0; i < p.length; i++) {
            p[i] = x.get(i).toDouble();
        }
        double[] a = Evaluator.evaluate(n, p);
        double[] b = Evaluator.evaluate(m, p);
        for (int k = 0; k < a.length; k++) {
            assertEquals(a[k], b[k], 1e-12 * Math.max(1, Math.abs(a[k])));
        }
    }

    @Test
    void sinToCosKeepsTheThreePhaseNullNetworkNull() {
        Theory sin = REGISTRY.get("sin");
        Network e8 = sin.nullFreeness().nullNetworks().get(0).network();
        Network converted = sin.relationTo("cos").orElseThrow().convert(e8, Activations.byName("cos"));
        Theory cos = REGISTRY.get("cos");
        NullFreeness.NullNetwork nn = new NullFreeness.NullNetwork("converted", () -> converted);
        VerificationReport.Fact f = NullNetworkCheck.check(cos, cos.normalForm(), nn,
                new SymbolicProver(java.time.Duration.ofSeconds(5)), 1L);
        assertEquals(VerificationReport.Status.PROVED_SYMBOLICALLY, f.status(), f.toString());
    }
}
