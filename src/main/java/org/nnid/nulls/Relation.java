package org.nnid.nulls;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.math3.fraction.BigFraction;
import org.nnid.net.Layer;
import org.nnid.net.Network;
import org.nnid.net.NetworkBuilder;
import org.nnid.scalar.Rational;
import org.nnid.scalar.Scalar;
import org.nnid.theory.Theory;

/** Σ c_j·unit_j + c₀ ≡ 0 with exact integer coefficients (common denominators cleared). */
record Relation(int[] subset, List<Scalar> coefficients, Scalar constant) {

    static Relation of(int[] subset, BigFraction[] q) {
        BigInteger lcm = BigInteger.ONE;
        for (BigFraction f : q) {
            BigInteger d = f.getDenominator();
            lcm = lcm.divide(lcm.gcd(d)).multiply(d);
        }
        BigInteger gcd = BigInteger.ZERO;
        BigInteger[] n = new BigInteger[q.length];
        for (int j = 0; j < q.length; j++) {
            n[j] = q[j].multiply(lcm).getNumerator();
            gcd = gcd.gcd(n[j]);
        }
        BigInteger sign = BigInteger.valueOf(n[1].signum());
        List<Scalar> cs = new ArrayList<>();
        for (int j = 1; j < q.length; j++) {
            cs.add(Rational.of(n[j].multiply(sign).divide(gcd), BigInteger.ONE));
        }
        return new Relation(subset.clone(), cs, Rational.of(n[0].multiply(sign).divide(gcd), BigInteger.ONE));
    }

    /** The relation as a network: the units as hidden nodes (inner units shared), the coefficients on the output. */
    Network network(Theory theory, List<Unit> units, int inputs) {
        List<Unit> level1 = new ArrayList<>();
        List<Unit> level2 = new ArrayList<>();
        for (int j : subset) {
            Unit u = units.get(j);
            (u.inner() == null ? level1 : level2).add(u);
        }
        if (level2.isEmpty()) {
            Scalar[][] w = new Scalar[level1.size()][];
            Scalar[] bias = new Scalar[level1.size()];
            for (int i = 0; i < w.length; i++) {
                w[i] = level1.get(i).in().weights().toArray(new Scalar[0]);
                bias[i] = level1.get(i).in().bias();
            }
            return Network.layered(theory.activation(), inputs, List.of(Layer.of(w, bias),
                    Layer.of(new Scalar[][] {coefficients.toArray(new Scalar[0])}, new Scalar[] {constant})), false);
        }
        for (Unit u : level2) {
            if (!level1.contains(u.inner())) {
                level1.add(u.inner());
            }
        }
        List<String> inputNames = Network.defaultInputNames(inputs);
        NetworkBuilder b = Network.builder(theory.activation(), inputNames);
        Map<Unit, String> ids = new LinkedHashMap<>();
        for (int i = 0; i < level1.size(); i++) {
            Unit u = level1.get(i);
            Map<String, Scalar> in = new LinkedHashMap<>();
            for (int k = 0; k < inputs; k++) {
                in.put(inputNames.get(k), u.in().weights().get(k));
            }
            String id = Network.hiddenId(1, i);
            b.hidden(id, u.in().bias(), in);
            ids.put(u, id);
        }
        for (int i = 0; i < level2.size(); i++) {
            Unit u = level2.get(i);
            String id = Network.hiddenId(2, i);
            b.hidden(id, u.in().bias(), Map.of(ids.get(u.inner()), u.in().weights().get(0)));
            ids.put(u, id);
        }
        Map<String, Scalar> out = new LinkedHashMap<>();
        for (int j = 0; j < subset.length; j++) {
            out.put(ids.get(units.get(subset[j])), coefficients.get(j));
        }
        b.output(Network.outputId(0), constant, out);
        return b.build();
    }

    String text(String rho, List<Unit> units, List<String> inputs) {
        List<String> sources = new ArrayList<>();
        for (int j : subset) {
            sources.add(units.get(j).text(rho, inputs));
        }
        return Unit.affine(coefficients, sources, constant) + " ≡ 0";
    }
}

