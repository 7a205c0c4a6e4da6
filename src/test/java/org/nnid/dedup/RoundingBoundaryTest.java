package org.nnid.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnid.activation.Activations;
import org.nnid.io.NetworkFiles;
import org.nnid.net.Layer;
import org.nnid.net.Network;
import org.nnid.registry.TheoryRegistry;
import org.nnid.rewrite.CanonicalHash;

/**
 * Two networks with exactly the same function whose canonical forms of doubles straddle a rounding
 * boundary of {@code nnid hash}: the original has an output weight w just above a 9-digit boundary;
 * the copy splits that unit into three clones with weights v = w − ulp, ulp/2 and ulp/2 (exactly
 * w together), which the double canonicaliser merges to v (each half rounds to even), just below
 * the boundary. Their 9-digit hashes differ; the shifted grid joins them and the checker proves them
 * EQUIVALENT.
 */
class RoundingBoundaryTest {
    @TempDir
    Path dir;

    private static Network original(double w) {
        return Network.layered(Activations.byName("tanh"), 2, List.of(
                Layer.of(2, 2, new double[] {0.5, -0.25, -0.75, 0.375}, new double[] {0.125, -0.5}),
                Layer.of(1, 2, new double[] {w, 0.3}, new double[] {0.1})), false);
    }

    private static Network threeClones(double v, double half) {
        return Network.layered(Activations.byName("tanh"), 2, List.of(
                Layer.of(4, 2, new double[] {0.5, -0.25, -0.75, 0.375, 0.5, -0.25, 0.5, -0.25},
                        new double[] {0.125, -0.5, 0.125, 0.125}),
                Layer.of(1, 4, new double[] {v, 0.3, half, half}, new double[] {0.1})), false);
    }

    private static String hash(Network n) throws NetworkLoader.Unreadable {
        NetworkLoader loader = new NetworkLoader(TheoryRegistry.builtins(), Optional.empty());
        return CanonicalHash.of(loader.canonicalise(n, "test"), HashKeys.DIGITS);
    }

    @Test
    void copiesStraddlingTheRoundingBoundaryAreGroupedAndProved() throws Exception {
        Network a = null;
        Network b = null;
        // Boundaries 0.1234567885, 0.1234567895, …: the first whose double above has an odd last bit.
        for (int k = 0; k < 100 && a == null; k++) {
            double boundary = new BigDecimal("0.1234567885").add(new BigDecimal(k).scaleByPowerOfTen(-9)).doubleValue();
            double w = new BigDecimal(boundary).compareTo(new BigDecimal("0.1234567885")
                    .add(new BigDecimal(k).scaleByPowerOfTen(-9))) >= 0 ? boundary : Math.nextUp(boundary);
            double v = Math.nextDown(w);
            if ((Double.doubleToLongBits(v) & 1) != 0) {
                continue;
            }
            Network x = original(w);
            Network y = threeClones(v, Math.ulp(v) / 2);
            if (!hash(x).equals(hash(y))) {
                a = x;
                b = y;
            }
        }
        assertTrue(a != null, "no straddling pair found: the test no longer exercises the boundary");
        NetworkFiles.write(a, dir.resolve("a.json"));
        NetworkFiles.write(b, dir.resolve("b.onnx"));
        DedupReport r = Dedup.run(dir, Dedup.Options.defaults().withProgressMillis(0), null).report();
        assertEquals(1, r.groups().size(), ReportWriter.markdown(r));
        DedupReport.Group g = r.groups().get(0);
        assertEquals(List.of("a.json", "b.onnx"), g.members().stream().map(DedupReport.Member::file).toList());
        assertTrue(g.members().get(1).proof().startsWith("EQUIVALENT (exact)"), g.members().get(1).proof());
        assertNotEquals(hash(a), hash(b));
    }
}
