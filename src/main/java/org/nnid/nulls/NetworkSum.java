package org.nnid.nulls;

import java.util.LinkedHashMap;
import java.util.Map;

import org.nnid.net.Network;
import org.nnid.net.NetworkBuilder;
import org.nnid.scalar.Scalar;

/**
 * N ⊕ c·Z: a network with a second, single-output network Z of the same nonlinearity added into
 * one of its outputs. Z's hidden nodes join under fresh ids {@code add_<id>}, Z's input j reads
 * N's input j mod n (an affine map of N's inputs: a null network composed with it is still ≡ 0),
 * and c times Z's output edges and bias add to the chosen output's pre-activation. The function
 * changes by exactly c·⟨Z⟩ at that output, so by nothing when Z is a null network.
 */
public final class NetworkSum {
    private NetworkSum() {}

    /**
     * @throws IllegalArgumentException if Z has another nonlinearity, more than one output or an
     *                                  output activation, or {@code output} is not an output of N
     */
    public static Network add(Network net, Network z, String output, Scalar scale) {
        if (z.outputCount() != 1 || z.outputActivation()) {
            throw new IllegalArgumentException("the added network needs exactly one affine output");
        }
        if (!z.activation().name().equals(net.activation().name())) {
            throw new IllegalArgumentException("the added network is a " + z.activation().name() + " network, not "
                    + net.activation().name());
        }
        int target = net.indexOf(output);
        if (target < 0 || net.isInput(target) || !net.isOutput(target)) {
            throw new IllegalArgumentException("'" + output + "' is not an output of the network");
        }
        Map<Integer, String> rename = new LinkedHashMap<>();
        for (int x = 0; x < z.inputCount(); x++) {
            rename.put(x, net.inputNames().get(x % net.inputCount()));
        }
        for (int v = z.inputCount(); v < z.nodeCount(); v++) {
            String id = "add_" + z.id(v);
            for (int k = 2; net.indexOf(id) >= 0; k++) {
                id = "add_" + z.id(v) + "_" + k;
            }
            rename.put(v, id);
        }
        NetworkBuilder b = Network.builder(net.activation(), net.inputNames()).outputActivation(net.outputActivation());
        for (int v = z.inputCount(); v < z.nodeCount(); v++) {
            if (z.isHidden(v)) {
                Map<String, Scalar> in = new LinkedHashMap<>();
                z.incoming(v).forEach((u, w) -> in.merge(rename.get(u), w, Scalar::add));
                b.hidden(rename.get(v), z.bias(v), in);
            }
        }
        int zOut = z.outputNode(0);
        for (int v = net.inputCount(); v < net.nodeCount(); v++) {
            Map<String, Scalar> in = new LinkedHashMap<>();
            net.incoming(v).forEach((u, w) -> in.put(net.id(u), w));
            Scalar bias = net.bias(v);
            if (v == target) {
                z.incoming(zOut).forEach((u, w) -> in.merge(rename.get(u), w.multiply(scale), Scalar::add));
                bias = bias.add(z.bias(zOut).multiply(scale));
            }
            b.node(net.id(v), net.isOutput(v), bias, in);
        }
        return b.build();
    }
}
