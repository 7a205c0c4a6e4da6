package org.nnid.exact;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.math3.fraction.BigFraction;
import org.nnid.activation.PiecewiseLinear;
import org.nnid.net.Network;
import org.nnid.scalar.DoubleScalar;
import org.nnid.scalar.Rational;
import org.nnid.scalar.Scalar;

/**
 * {@link ShallowReluZero}'s hyperplane grouping for A − B when A and B are relu networks with one
 * hidden layer and double weights (trained networks, re-exports), exactly and without rational
 * division: two units lie on one hyperplane iff their (w, b) are proportional, which is tested by
 * exact cross products (w_u,j·w_r,f = w_r,j·w_u,f, each product held exactly as a double and its
 * rounding error); the hash key, the ratios fl(w_j/w_f), is the same double for proportional
 * vectors because IEEE division is correctly rounded. Group totals are scaled by the first nonzero
 * weight, Σ v_u·|w_u,f|, so they stay sums of products of doubles, exact in BigDecimal.
 *
 * <p>Answers only ZERO (proved) or nothing; a difference is left to the general procedure, which
 * also finds the witness.
 */
public final class ShallowReluDoubles {
    public static final String METHOD = ShallowReluZero.METHOD;

    private ShallowReluDoubles() {}

    /** One hidden unit of A or B: its pre-activation w·x + b and its output weights, B's negated. */
    private record Unit(String network, String id, double[] w, double b, double[] v, int first) {}

    private static final class Group {
        final Unit representative;
        final List<Unit> members = new ArrayList<>();
        final BigDecimal[] total; // Σ v_u·|w_u,f|, per output
        final BigDecimal[] flipped; // Σ v_u·|w_u,f| over units pointing the other way, per output

        Group(Unit r, int outputs) {
            representative = r;
            total = zeros(outputs);
            flipped = zeros(outputs);
        }
    }

    /**
     * ZERO with its detail and data (each hyperplane's units and totals, the affine parts) when
     * A − B ≡ 0 on the box (all of ℝⁿ when empty) is proved; empty when the pair is not two
     * one-hidden-layer relu networks of doubles, or when it is not zero.
     */
    public static Optional<ZeroDecision> proveZero(Network a, Network b, Optional<ExactBox> box) {
        if (!applies(a) || !applies(b) || a.inputCount() != b.inputCount() || a.outputCount() != b.outputCount()) {
            return Optional.empty();
        }
        int n = a.inputCount();
        int outputs = a.outputCount();
        BigDecimal[][] affine = new BigDecimal[outputs][n + 1]; // coefficients, then the constant
        for (BigDecimal[] row : affine) {
            Arrays.fill(row, BigDecimal.ZERO);
        }
        List<Unit> units = new ArrayList<>();
        collect(a, 1, units, affine);
        collect(b, -1, units, affine);
        Map<Key, List<Group>> groups = new HashMap<>();
        List<Group> inOrder = new ArrayList<>();
        int affineUnits = 0;
        int groupCount = 0;
        for (Unit u : units) {
            if (u.first < 0) { // a constant unit: relu(b)
                addScaled(affine, u.v, u.b > 0 ? constantForm(n, u.b) : null);
                affineUnits++;
                continue;
            }
            if (box.isPresent()) {
                int side = side(u, box.get());
                if (side != 0) {
                    affineUnits++;
                    if (side > 0) {
                        addScaled(affine, u.v, form(u));
                    }
                    continue;
                }
            }
            Key key = Key.of(u);
            List<Group> bucket = groups.computeIfAbsent(key, k -> new ArrayList<>());
            Group g = null;
            for (Group candidate : bucket) {
                if (proportional(u, candidate.representative)) {
                    g = candidate;
                    break;
                }
            }
            if (g == null) {
                g = new Group(u, outputs);
                bucket.add(g);
                inOrder.add(g);
                groupCount++;
            }
            g.members.add(u);
            boolean opposite = (u.w[u.first] > 0) != (g.representative.w[u.first] > 0);
            BigDecimal lead = new BigDecimal(Math.abs(u.w[u.first]));
            for (int k = 0; k < outputs; k++) {
                BigDecimal c = new BigDecimal(u.v[k]).multiply(lead);
                g.total[k] = g.total[k].add(c);
                if (opposite) {
                    g.flipped[k] = g.flipped[k].add(c);
                }
            }
        }
        // relu(−z_r)·c = c·relu(z_r) − c·z_r: the flipped units leave −(flipped/|w_r,f|)·z_r in the affine part
        BigFraction[][] exactAffine = null;
        for (List<Group> bucket : groups.values()) {
            for (Group g : bucket) {
                for (int k = 0; k < outputs; k++) {
                    if (g.total[k].signum() != 0) {
                        return Optional.empty();
                    }
                }
                for (int k = 0; k < outputs; k++) {
                    if (g.flipped[k].signum() != 0) {
                        exactAffine = exactAffine == null ? fractions(affine) : exactAffine;
                        BigFraction c = fraction(g.flipped[k]).negate()
                                .divide(fraction(new BigDecimal(Math.abs(g.representative.w[g.representative.first]))));
                        double[] w = g.representative.w;
                        for (int j = 0; j < n; j++) {
                            exactAffine[k][j] = exactAffine[k][j].add(c.multiply(fraction(new BigDecimal(w[j]))));
                        }
                        exactAffine[k][n] = exactAffine[k][n].add(c.multiply(fraction(new BigDecimal(g.representative.b))));
                    }
                }
            }
        }
        boolean affineZero = true;
        for (int k = 0; k < outputs; k++) {
            for (int j = 0; j <= n; j++) {
                affineZero &= exactAffine == null ? affine[k][j].signum() == 0 : Rationals.sign(exactAffine[k][j]) == 0;
            }
        }
        if (!affineZero) {
            return Optional.empty();
        }
        return Optional.of(ZeroDecision.zero(METHOD, units.size() + " units: " + affineUnits + " affine on the domain,"
                + " the others on " + groupCount + " distinct hyperplanes; every hyperplane's total output weight and the"
                + " affine part are exactly 0", data(inOrder, exactAffine == null ? fractions(affine) : exactAffine)));
    }

    /**
     * Each hyperplane (named by its first unit, whose row w, b the network holds) with its units' lead weights |w_f| and output weights
     * v (B's negated) and the totals Σ v·|w_f|, then every output's affine part.
     */
    private static ZeroData data(List<Group> groups, BigFraction[][] affine) {
        ZeroData.Builder data = new ZeroData.Builder();
        for (Group g : groups) {
            List<List<ZeroData.Entry>> terms = new ArrayList<>();
            for (Unit u : g.members) {
                // the unit's whole row is in the network; its lead weight is what its total needs
                terms.add(List.of(ZeroData.entry("unit", u.network + ":" + u.id),
                        ZeroData.entry("|w_f|", Double.toString(Math.abs(u.w[u.first]))), ZeroData.entry("v", Arrays.toString(u.v))));
            }
            List<ZeroData.Entry> totals = new ArrayList<>();
            for (int k = 0; k < g.total.length; k++) {
                totals.add(ZeroData.entry("Σ v·|w_f|, output " + (k + 1), g.total[k].stripTrailingZeros().toPlainString()));
            }
            Unit r = g.representative;
            data.add("hyperplane w·x + b = 0 of unit " + r.network + ":" + r.id, terms, totals);
        }
        for (int k = 0; k < affine.length; k++) {
            AffineForm f = AffineForm.of(java.util.Arrays.copyOf(affine[k], affine[k].length - 1), affine[k][affine[k].length - 1]);
            data.add("output " + (k + 1) + ", affine part", List.of(), List.of(ZeroData.entry("affine part", f.text())));
        }
        return data.build();
    }

    private static boolean applies(Network net) {
        if (net.outputActivation() || !PiecewiseLinear.isRelu(net.activation())) {
            return false;
        }
        for (int v = net.inputCount(); v < net.nodeCount(); v++) {
            if (!(net.bias(v) instanceof DoubleScalar)) {
                return false;
            }
            for (Map.Entry<Integer, Scalar> e : net.incoming(v).entrySet()) {
                if (!(e.getValue() instanceof DoubleScalar) || (net.isHidden(v) && !net.isInput(e.getKey()))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void collect(Network net, int sign, List<Unit> units, BigDecimal[][] affine) {
        int n = net.inputCount();
        Map<Integer, Integer> outputIndex = new HashMap<>();
        for (int k = 0; k < net.outputCount(); k++) {
            outputIndex.put(net.outputNode(k), k);
        }
        Map<Integer, double[]> readers = new HashMap<>();
        for (int k = 0; k < net.outputCount(); k++) {
            int o = net.outputNode(k);
            affine[k][n] = affine[k][n].add(new BigDecimal(sign * net.bias(o).toDouble()));
            for (Map.Entry<Integer, Scalar> e : net.incoming(o).entrySet()) {
                double w = sign * e.getValue().toDouble();
                if (net.isInput(e.getKey())) {
                    affine[k][e.getKey()] = affine[k][e.getKey()].add(new BigDecimal(w));
                } else {
                    readers.computeIfAbsent(e.getKey(), h -> new double[net.outputCount()])[k] = w;
                }
            }
        }
        for (int v = n; v < net.nodeCount(); v++) {
            if (!net.isHidden(v)) {
                continue;
            }
            double[] w = new double[n];
            for (Map.Entry<Integer, Scalar> e : net.incoming(v).entrySet()) {
                w[e.getKey()] = e.getValue().toDouble();
            }
            int first = -1;
            for (int j = 0; j < n && first < 0; j++) {
                if (w[j] != 0) {
                    first = j;
                }
            }
            units.add(new Unit(sign > 0 ? "A" : "B", net.id(v), w, net.bias(v).toDouble(), readers.getOrDefault(v, new double[net.outputCount()]), first));
        }
    }

    /** +1 when w·x + b ≥ 0 on the whole box, −1 when ≤ 0, 0 when its hyperplane crosses the open box. */
    private static int side(Unit u, ExactBox box) {
        BigDecimal min = new BigDecimal(u.b);
        BigDecimal max = min;
        for (int j = 0; j < u.w.length; j++) {
            if (u.w[j] != 0) {
                BigDecimal w = new BigDecimal(u.w[j]);
                BigDecimal atLo = w.multiply(decimal(box.lo(j)));
                BigDecimal atHi = w.multiply(decimal(box.hi(j)));
                min = min.add(atLo.min(atHi));
                max = max.add(atLo.max(atHi));
            }
        }
        return min.signum() >= 0 ? 1 : max.signum() <= 0 ? -1 : 0;
    }

    /** The exact decimal of a dyadic bound (a box read from doubles). */
    private static BigDecimal decimal(BigFraction f) {
        return new BigDecimal(f.getNumerator()).divide(new BigDecimal(f.getDenominator()));
    }

    /** (w_u, b_u) = c·(w_r, b_r): every cross product u_j·r_f = r_j·u_f, compared exactly. */
    private static boolean proportional(Unit u, Unit r) {
        if (u.first != r.first) {
            return false;
        }
        double uf = u.w[u.first];
        double rf = r.w[r.first];
        for (int j = 0; j <= u.w.length; j++) {
            double uj = j < u.w.length ? u.w[j] : u.b;
            double rj = j < r.w.length ? r.w[j] : r.b;
            if (!sameProduct(uj, rf, rj, uf)) {
                return false;
            }
        }
        return true;
    }

    /** a·b = c·d exactly: each product as its rounded value and its exact rounding error (fma). */
    private static boolean sameProduct(double a, double b, double c, double d) {
        double p = a * b;
        double q = c * d;
        if (p != q) {
            return false;
        }
        if (p == 0 || Math.abs(p) < 0x1p-900 || Double.isInfinite(p)) { // rounding errors could underflow: be exact
            return new BigDecimal(a).multiply(new BigDecimal(b)).compareTo(new BigDecimal(c).multiply(new BigDecimal(d))) == 0;
        }
        return Math.fma(a, b, -p) == Math.fma(c, d, -q);
    }

    /** The hash key: w_j/w_f and b/w_f, each correctly rounded, so proportional units share it. */
    private record Key(double[] ratios) {
        static Key of(Unit u) {
            double f = u.w[u.first];
            double[] r = new double[u.w.length + 1];
            for (int j = 0; j < u.w.length; j++) {
                r[j] = u.w[j] / f + 0.0; // + 0.0: −0 and 0 are one key
            }
            r[u.w.length] = u.b / f + 0.0;
            return new Key(r);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(ratios, k.ratios);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(ratios);
        }
    }

    private static BigDecimal[] form(Unit u) {
        BigDecimal[] f = new BigDecimal[u.w.length + 1];
        for (int j = 0; j < u.w.length; j++) {
            f[j] = new BigDecimal(u.w[j]);
        }
        f[u.w.length] = new BigDecimal(u.b);
        return f;
    }

    private static BigDecimal[] constantForm(int n, double c) {
        BigDecimal[] f = zeros(n + 1);
        f[n] = new BigDecimal(c);
        return f;
    }

    private static void addScaled(BigDecimal[][] affine, double[] v, BigDecimal[] form) {
        if (form == null) {
            return;
        }
        for (int k = 0; k < affine.length; k++) {
            if (v[k] != 0) {
                BigDecimal vk = new BigDecimal(v[k]);
                for (int j = 0; j < form.length; j++) {
                    if (form[j].signum() != 0) {
                        affine[k][j] = affine[k][j].add(vk.multiply(form[j]));
                    }
                }
            }
        }
    }

    private static BigFraction[][] fractions(BigDecimal[][] m) {
        BigFraction[][] f = new BigFraction[m.length][];
        for (int i = 0; i < m.length; i++) {
            f[i] = new BigFraction[m[i].length];
            for (int j = 0; j < m[i].length; j++) {
                f[i][j] = fraction(m[i][j]);
            }
        }
        return f;
    }

    private static BigFraction fraction(BigDecimal d) {
        return Rational.of(d).fraction();
    }

    private static BigDecimal[] zeros(int n) {
        BigDecimal[] z = new BigDecimal[n];
        Arrays.fill(z, BigDecimal.ZERO);
        return z;
    }
}
