package org.nnid.io;

import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.nnid.net.Evaluator;
import org.nnid.net.Network;
import org.nnid.scalar.Interval;
import org.nnid.scalar.Scalar;
import org.nnid.testing.NetworkArbitraries;

class OnnxProperties {

    @Property(tries = 100)
    boolean onnxExportOfADoubleNetworkReadsBackAsTheSameNetwork(@ForAll("networks") Network n) {
        return OnnxReader.read(OnnxWriter.write(n), "generated.onnx").equals(n);
    }

    @Property(tries = 100)
    boolean onnxWritingIsDeterministicAcrossRoundTrips(@ForAll("networks") Network n) {
        byte[] once = OnnxWriter.write(n);
        return java.util.Arrays.equals(OnnxWriter.write(OnnxReader.read(once, "generated.onnx")), once);
    }

    /**
     * onnxruntime's output lies in the rigorous enclosure of the network's real output
     * ({@link Evaluator#enclose}, outward rounding) widened by 1e-12·max(1, |y|): the export runs
     * the network's function. The enclosure carries what the network's own conditioning allows
     * (random networks cancel terms of 1e4 to outputs of 1e-12, or compose exp with exp), which a
     * bound relative to |y| alone does not. erf, gelu and arctan have no float64 kernel there.
     */
    @Property(tries = 60)
    boolean onnxruntimeOutputLiesInTheEnclosureOfTheNetworksOutput(@ForAll("runnable") Network n) throws OrtException {
        double[][] xs = new double[3][n.inputCount()];
        for (int s = 0; s < xs.length; s++) {
            for (int j = 0; j < xs[s].length; j++) {
                xs[s][j] = Math.sin(7.0 * s + 3.0 * j + 1); // fixed points in [-1, 1]
            }
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(OnnxWriter.write(n), new OrtSession.SessionOptions());
                OnnxTensor x = OnnxTensor.createTensor(env, xs);
                OrtSession.Result r = session.run(Map.of("x", x))) {
            double[][] y = (double[][]) r.get(0).getValue();
            for (int s = 0; s < xs.length; s++) {
                Interval[] enclosure = Evaluator.enclose(n, xs[s]);
                for (int k = 0; k < enclosure.length; k++) {
                    double slack = 1e-12 * Math.max(1, Math.abs(y[s][k]));
                    if (!(y[s][k] >= enclosure[k].lo() - slack && y[s][k] <= enclosure[k].hi() + slack)) {
                        return false;
                    }
                }
            }
            return true;
        }
    }

    /** Double networks (orbit elements' exact values rounded: the export rounds them too). */
    @Provide
    Arbitrary<Network> networks() {
        Arbitrary<Network> doubles = Arbitraries.oneOf(NetworkArbitraries.networks().doubleWeights(),
                NetworkArbitraries.networks().doubleWeights().outputActivation(true).dag());
        return NetworkArbitraries.withEdgeCases(doubles, 10).map(n -> n.mapValues(v -> Scalar.of(v.toDouble())));
    }

    @Provide
    Arbitrary<Network> runnable() {
        return networks().filter(n -> !java.util.Set.of("erf", "gelu", "arctan").contains(n.activation().name()));
    }
}
