package org.nnid.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.apache.commons.math3.fraction.BigFraction;
import org.junit.jupiter.api.Test;
import org.nnid.net.Evaluator;
import org.nnid.net.Layer;
import org.nnid.net.Network;
import org.nnid.scalar.Scalar;
import org.nnid.activation.Activation;
import org.nnid.activation.Activations;
import org.nnid.activation.DefinedActivation;

/**
 * The ONNX export runs in onnxruntime (float64, CPU) and computes what nnid's {@link Evaluator}
 * computes, for every built-in theory, layered and with skip connections; and it reads back as
 * the same network. Agreement is "within 1e-12·max(1, |y|)": relative for outputs of size ≥ 1,
 * absolute below, because the exact rewritings of cos (1 − 2·sin²(t/2)) and softplus
 * (relu(t) + log(1 + e^(−|t|))) cancel near the zeros of cos and for t ≪ 0 (docs/math.md has no claim
 * about floating-point rounding; the export's claim is the same function).
 */
class OnnxRuntimeTest {
    private static final double TOLERANCE = 1e-12;
    /**
     * onnxruntime 1.28 has no float64 kernel for Erf and Atan, and no elementary expression gives
     * them. A built-in that is only a theory file is written by its file's operator, which need not
     * have one either (Softsign has none); it is run when it can be, and must be valid ONNX.
     */
    private static final Set<String> NOT_RUNNABLE = Set.of("erf", "gelu", "arctan");
    private static final double[][] INPUTS = {{0, 0}, {0.7, -1.3}, {-2.5, 0.4}, {1.9, 2.2}, {-0.05, 3.1}, {-3.3, -2.8}};

    private static List<Activation> activations() {
        List<Activation> all = new ArrayList<>();
        for (Nonlinearity n : Nonlinearities.builtins().all()) {
            all.add(n.activation()); // every built-in theory; leaky_relu: the default slope 1/100, not a double
        }
        all.add(Activations.leakyRelu(new BigFraction(1, 64))); // a double slope
        all.add(Activations.leakyRelu(new BigFraction(2, 7)));
        return all;
    }

    private static Network layered(Activation a, boolean outputActivation) {
        return Network.layered(a, 2, List.of(
                Layer.of(3, 2, new double[] {0.8, -0.45, 0.5, 0.25, -0.6, 0.3}, new double[] {0.1, -0.2, 0.3}),
                Layer.of(2, 3, new double[] {0.4, -0.7, 0.35, -0.2, 0.55, 0.15}, new double[] {0.05, -0.25}),
                Layer.of(2, 2, new double[] {0.9, -0.3, 0.6, 0.45}, new double[] {0.5, -0.1})), outputActivation);
    }

    /** Skip connections (a → g, h → y), an output below the top level (z), a dead hidden node (d); own ids. */
    private static Network dag(Activation a, boolean outputActivation) {
        return Network.builder(a, List.of("a", "b")).outputActivation(outputActivation)
                .hidden("h", Scalar.of(0.2), edges("a", 0.7, "b", -0.4))
                .hidden("k", Scalar.of(-0.3), edges("b", 0.5))
                .hidden("g", Scalar.of(0.1), edges("h", 0.6, "a", -0.35, "k", 0.25))
                .hidden("d", Scalar.of(0.4), edges("g", 0.3))
                .output("y", Scalar.of(-0.15), edges("g", 0.8, "h", -0.5, "b", 0.3))
                .output("z", Scalar.of(0.05), edges("a", 0.45))
                .build();
    }

    private static Map<String, Scalar> edges(Object... pairs) {
        Map<String, Scalar> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], Scalar.of((Double) pairs[i + 1]));
        }
        return m;
    }

    private static List<Network> networks(Activation a) {
        List<Network> nets = new ArrayList<>();
        for (boolean out : new boolean[] {false, true}) {
            nets.add(layered(a, out));
            nets.add(dag(a, out));
        }
        return nets;
    }

    @Test
    void everyExportReadsBackAsTheSameNetwork() {
        for (Activation a : activations()) {
            for (Network n : networks(a)) {
                assertEquals(n, OnnxReader.read(OnnxWriter.write(n), a + ".onnx"), a + " " + n);
            }
        }
    }

    @Test
    void onnxruntimeComputesWhatTheEvaluatorComputes() throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Set<String> notRunnable = new TreeSet<>();
        for (Activation a : activations()) {
            for (Network n : networks(a)) {
                double[][] ort;
                try {
                    ort = run(env, OnnxWriter.write(n));
                } catch (OrtException e) {
                    assertEquals(OrtException.OrtErrorCode.ORT_NOT_IMPLEMENTED, e.getCode(), a + ": " + e.getMessage());
                    if (!(a instanceof DefinedActivation)) {
                        notRunnable.add(a.name());
                    }
                    continue;
                }
                for (int s = 0; s < INPUTS.length; s++) {
                    double[] expected = Evaluator.evaluate(n, INPUTS[s]);
                    for (int k = 0; k < expected.length; k++) {
                        double allowed = TOLERANCE * Math.max(1, Math.abs(expected[k]));
                        assertTrue(Math.abs(ort[s][k] - expected[k]) <= allowed, a + " " + n + " at "
                                + List.of(INPUTS[s][0], INPUTS[s][1]) + ": onnxruntime " + ort[s][k] + ", nnid " + expected[k]);
                    }
                }
            }
        }
        assertEquals(NOT_RUNNABLE, notRunnable, "the activations onnxruntime cannot run in float64");
    }

    @Test
    void softplusAndCosExpressionsStayFiniteWhereTheNaiveFormulaOverflows() throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        for (String name : List.of("softplus", "cos", "meromorphic")) {
            Network n = Network.layered(Activations.byName(name), 1, List.of(Layer.of(1, 1, new double[] {1}, new double[] {0})),
                    true);
            try (OrtSession session = env.createSession(OnnxWriter.write(n), new OrtSession.SessionOptions());
                    OnnxTensor x = OnnxTensor.createTensor(env, new double[][] {{800}, {-800}, {1e6}});
                    OrtSession.Result r = session.run(Map.of("x", x))) {
                double[][] y = (double[][]) r.get(0).getValue();
                for (int s = 0; s < 3; s++) {
                    double expected = Evaluator.evaluate(n, new double[] {new double[] {800, -800, 1e6}[s]})[0];
                    assertTrue(Math.abs(y[s][0] - expected) <= TOLERANCE * Math.max(1, Math.abs(expected)),
                            name + ": onnxruntime " + y[s][0] + ", nnid " + expected);
                }
            }
        }
    }

    @Test
    void aBranchingGraphThatIsNotAnNnidNetworkIsRefusedNamingTheNodeAndOp() throws Exception {
        ModelProto m = ModelProto.parseFrom(OnnxWriter.write(dag(Activations.byName("tanh"), false)));
        int first = 0;
        ModelProto conv = m.toBuilder().setGraph(m.getGraph().toBuilder().setNode(first,
                NodeProto.newBuilder(m.getGraph().getNode(first)).setOpType("Conv"))).build();
        NetworkFormatException e = assertThrows(NetworkFormatException.class,
                () -> OnnxReader.read(conv.toByteArray(), "dag.onnx"));
        assertTrue(e.getMessage().startsWith("dag.onnx: node '" + m.getGraph().getNode(first).getName() + "' (Conv): op Conv"),
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    private static double[][] run(OrtEnvironment env, byte[] model) throws OrtException {
        try (OrtSession session = env.createSession(model, new OrtSession.SessionOptions());
                OnnxTensor x = OnnxTensor.createTensor(env, INPUTS);
                OrtSession.Result r = session.run(Map.of("x", x))) {
            return (double[][]) r.get(0).getValue();
        }
    }
}
