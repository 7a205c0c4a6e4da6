package org.nnid.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.nnid.net.Evaluator;
import org.nnid.net.Layer;
import org.nnid.net.Network;
import org.nnid.rewrite.Rewriter;
import org.nnid.scalar.Scalar;
import org.nnid.theory.Theory;
import org.nnid.registry.TheoryRegistry;

/**
 * A scrambled copy of each real network (hidden units permuted; sign flips σ(−t) = 1 − σ(t) for
 * the logistic network, positive rescaling relu(ct) = c·relu(t) for the ReLU ones), written as
 * ONNX and read back, has the original's canonical form within tolerance; and the NNet and ONNX
 * copies of the ACAS test network agree to float32 rounding.
 */
class ScrambledRealNetworksTest {
    static final List<String> NETWORKS = List.of("ACASXU_run2a_1_1_batch_2000.onnx", "ACASXU_run2a_3_3_batch_2000.onnx",
            "ACASXU_run2a_5_9_batch_2000.onnx", "TestNetwork2.onnx", "ffnnSIGMOID__Point_6x200.onnx",
            "mnist_relu_9_200.onnx", "mnist-net_256x2.onnx", "test_small.onnx");

    @TestFactory
    Stream<DynamicTest> scrambledCopyWrittenAsOnnxAndReadBackHasTheSameCanonicalFormWithinTolerance() {
        return NETWORKS.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            Network net = NetworkFiles.read(RealNetworks.DIR.resolve(name));
            Network scrambled = scramble(net, new Random(name.hashCode()));
            Network back = OnnxReader.read(OnnxWriter.write(scrambled), name + " (scrambled)");
            assertEquals(scrambled, back, "ONNX round trip of float64 weights is lossless");
            Theory theory = TheoryRegistry.builtins().theoryOf(net.activation());
            Network ca = Rewriter.canonicalise(net, theory).network();
            Network cb = Rewriter.canonicalise(back, theory).network();
            assertClose(ca, cb, 1e-9);
            RealNetworks.Reference ref = RealNetworks.reference(name);
            for (double[] x : ref.inputs()) {
                double[] y = Evaluator.evaluate(net, x);
                assertTrue(RealNetworks.maxRelativeError(Evaluator.evaluate(back, x), y) <= 1e-9);
            }
        }));
    }

    @Test
    void nnetAndOnnxCopiesOfTheAcasTestNetworkAgreeToFloat32Rounding() {
        Network nnet = NetworkFiles.read(RealNetworks.DIR.resolve("TestNetwork.nnet"));
        Network onnx = NetworkFiles.read(RealNetworks.DIR.resolve("TestNetwork2.onnx"));
        assertTrue(nnet.inputBox().isPresent(), "the NNet input clipping is the declared box");
        double atReference = 0;
        for (double[] x : RealNetworks.reference("TestNetwork2.onnx").inputs()) {
            atReference = Math.max(atReference,
                    RealNetworks.maxRelativeError(Evaluator.evaluate(onnx, x), Evaluator.evaluate(nnet, x)));
        }
        Random random = new Random(7);
        double inBox = 0;
        for (int s = 0; s < 1000; s++) { // inside the declared box, where the ACAS network is meant to be used
            double[] x = new double[5];
            for (int j = 0; j < 5; j++) {
                double lo = nnet.inputBox().get().lower().get(j).toDouble();
                double hi = nnet.inputBox().get().upper().get(j).toDouble();
                x[j] = lo + (hi - lo) * random.nextDouble();
            }
            inBox = Math.max(inBox, RealNetworks.maxRelativeError(Evaluator.evaluate(onnx, x), Evaluator.evaluate(nnet, x)));
        }
        System.out.println("TestNetwork.nnet vs TestNetwork2.onnx: largest relative difference " + atReference
                + " at the reference inputs, " + inBox + " at 1000 random points of the declared box");
        assertTrue(atReference > 0, "the ONNX copy has float32 weights, so the two differ");
        assertTrue(atReference < 1e-6, "at the reference inputs they differ by float32 rounding (~1e-7 relative), found "
                + atReference);
        assertTrue(inBox < 1e-3, "in the box the float32 rounding of the folded weights is amplified, but stays small: "
                + inBox);
    }

    /** Permutes every hidden layer and applies a symmetry to every hidden unit. */
    static Network scramble(Network net, Random random) {
        List<Layer> layers = new ArrayList<>(net.asLayers().orElseThrow());
        boolean logistic = net.activation().name().equals("logistic");
        for (int l = 0; l + 1 < layers.size(); l++) {
            Layer in = layers.get(l);
            Layer out = layers.get(l + 1);
            int n = in.rows();
            int m = in.cols();
            double[] w = in.weights().doubles().clone();
            double[] b = in.bias().doubles().clone();
            double[] v = out.weights().doubles().clone();
            double[] c = out.bias().doubles().clone();
            for (int i = 0; i < n; i++) {
                if (logistic && random.nextBoolean()) { // σ(−t) = 1 − σ(t): v·σ(t) = v − v·σ(−t)
                    for (int j = 0; j < m; j++) {
                        w[i * m + j] = -w[i * m + j];
                    }
                    b[i] = -b[i];
                    for (int r = 0; r < out.rows(); r++) {
                        c[r] += v[r * n + i];
                        v[r * n + i] = -v[r * n + i];
                    }
                } else if (!logistic) { // relu(k·t) = k·relu(t) for k > 0
                    double k = Math.scalb(1.0, random.nextInt(5) - 2); // 1/4 .. 4, exact in doubles
                    for (int j = 0; j < m; j++) {
                        w[i * m + j] *= k;
                    }
                    b[i] *= k;
                    for (int r = 0; r < out.rows(); r++) {
                        v[r * n + i] /= k;
                    }
                }
            }
            int[] perm = permutation(n, random);
            double[] pw = new double[w.length];
            double[] pb = new double[n];
            double[] pv = new double[v.length];
            for (int i = 0; i < n; i++) {
                System.arraycopy(w, perm[i] * m, pw, i * m, m);
                pb[i] = b[perm[i]];
                for (int r = 0; r < out.rows(); r++) {
                    pv[r * n + i] = v[r * n + perm[i]];
                }
            }
            layers.set(l, Layer.of(n, m, pw, pb));
            layers.set(l + 1, Layer.of(out.rows(), n, pv, c));
        }
        return Network.layered(net.activation(), net.inputCount(), layers, net.outputActivation());
    }

    private static int[] permutation(int n, Random random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** Same nodes and edges, every weight and bias within {@code tol} relative to max(1, |x|). */
    static void assertClose(Network a, Network b, double tol) {
        assertEquals(a.nodeCount(), b.nodeCount(), "node count");
        assertEquals(a.outputIds(), b.outputIds());
        for (int v = a.inputCount(); v < a.nodeCount(); v++) {
            int u = b.indexOf(a.id(v));
            assertTrue(u >= 0, "node " + a.id(v) + " missing");
            close(a.bias(v), b.bias(u), tol, a.id(v) + " bias");
            Map<Integer, Scalar> ia = a.incoming(v);
            Map<Integer, Scalar> ib = b.incoming(u);
            assertEquals(ia.size(), ib.size(), a.id(v) + " edge count");
            for (Map.Entry<Integer, Scalar> e : ia.entrySet()) {
                Scalar other = ib.get(b.indexOf(a.id(e.getKey())));
                assertTrue(other != null, "edge " + a.id(e.getKey()) + " -> " + a.id(v) + " missing");
                close(e.getValue(), other, tol, "edge " + a.id(e.getKey()) + " -> " + a.id(v));
            }
        }
    }

    private static void close(Scalar x, Scalar y, double tol, String what) {
        double dx = x.toDouble();
        double dy = y.toDouble();
        assertTrue(Math.abs(dx - dy) <= tol * Math.max(1, Math.max(Math.abs(dx), Math.abs(dy))),
                what + ": " + dx + " vs " + dy);
    }
}
