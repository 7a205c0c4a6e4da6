package org.nnid.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.nnid.net.Evaluator;
import org.nnid.net.Network;
import org.nnid.rewrite.Rewriter;
import org.nnid.theory.Theory;
import org.nnid.registry.TheoryRegistry;

/** Every network in examples/networks reproduces its reference outputs, before and after canonicalisation. */
class RealNetworksTest {
    static final double TOL = 1e-9;

    @TestFactory
    Stream<DynamicTest> importedNetworksReproduceTheReferenceOutputsToOneInABillion() {
        List<RealNetworks.Reference> refs = RealNetworks.references();
        assertTrue(refs.size() >= 10, "expected the ten reference files, found " + refs.size());
        return refs.stream().map(ref -> DynamicTest.dynamicTest(ref.network(), () -> {
            Network net = NetworkFiles.read(ref.file());
            Theory theory = TheoryRegistry.builtins().theoryOf(net.activation());
            Network canonical = Rewriter.canonicalise(net, theory).network();
            for (int s = 0; s < ref.inputs().length; s++) {
                double[] y = Evaluator.evaluate(net, ref.inputs()[s]);
                double[] yc = Evaluator.evaluate(canonical, ref.inputs()[s]);
                assertEquals(ref.outputs()[s].length, y.length);
                double e = RealNetworks.maxRelativeError(y, ref.outputs()[s]);
                double ec = RealNetworks.maxRelativeError(yc, ref.outputs()[s]);
                assertTrue(e <= TOL, ref.network() + " sample " + s + ": relative error " + e);
                assertTrue(ec <= TOL, ref.network() + " canonical, sample " + s + ": relative error " + ec);
            }
        }));
    }
}
