package org.nnid.exact;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.apache.commons.math3.fraction.BigFraction;

/**
 * docs/math.md §6, relu networks with one hidden layer, any number of inputs, on all of ℝⁿ or on a
 * box with interior. A unit relu(w·x + b) whose hyperplane misses the open box is affine there (0 or
 * w·x + b); relu(z) = z + relu(−z) turns a unit whose first nonzero weight is negative into an
 * affine part and a unit whose first nonzero weight is positive; positive scaling, relu(c·z) =
 * c·relu(z), brings every such unit to its hyperplane's normal form, the one with first nonzero
 * weight 1. Units on one hyperplane add up. The network is then a sum over distinct hyperplanes
 * that meet the domain's interior, plus an affine part, and it is 0 iff every hyperplane's total
 * weight and the affine part are 0: across a hyperplane with total weight c the gradient jumps by
 * c·w, and no other hyperplane hides that jump at points off the others. Exact, no LP.
 */
final class ShallowReluZero {
    static final String METHOD = "hyperplane grouping of one hidden relu layer (docs/math.md §6)";

    private ShallowReluZero() {}

    record Outcome(boolean zero, Optional<BigFraction[]> witness, String detail, ZeroData data) {}

    static Outcome decide(ReluNet net, Optional<ExactBox> box) {
        int n = net.inputs();
        int outputs = net.outputs().size();
        AffineForm[] affine = new AffineForm[outputs];
        AffineForm[] inputForms = new AffineForm[n + net.unitCount()];
        for (int j = 0; j < n; j++) {
            inputForms[j] = AffineForm.variable(n, j);
        }
        for (int u = 0; u < net.unitCount(); u++) {
            inputForms[n + u] = AffineForm.constant(n, BigFraction.ZERO); // units enter through the groups below
        }
        for (int k = 0; k < outputs; k++) {
            affine[k] = net.outputs().get(k).form(inputForms, n);
        }
        Map<AffineForm, BigFraction[]> groups = new LinkedHashMap<>();
        int affineUnits = 0;
        for (int u = 0; u < net.unitCount(); u++) {
            AffineForm z = net.units().get(u).form(inputForms, n);
            BigFraction[] v = outputWeights(net, u);
            boolean alwaysOn = z.isConstant() ? Rationals.sign(z.constant()) >= 0 : box.isPresent() && Rationals.sign(z.minOver(box.get())) >= 0;
            boolean alwaysOff = z.isConstant() ? Rationals.sign(z.constant()) <= 0 : box.isPresent() && Rationals.sign(z.maxOver(box.get())) <= 0;
            if (alwaysOn || alwaysOff) {
                affineUnits++;
                if (alwaysOn) {
                    for (int k = 0; k < outputs; k++) {
                        affine[k] = affine[k].plusTimes(v[k], z);
                    }
                }
                continue;
            }
            BigFraction lead = firstNonzero(z);
            if (Rationals.sign(lead) < 0) { // relu(z) = z + relu(−z)
                for (int k = 0; k < outputs; k++) {
                    affine[k] = affine[k].plusTimes(v[k], z);
                }
                z = z.negate();
                lead = lead.negate();
            }
            BigFraction[] total = groups.computeIfAbsent(z.times(lead.reciprocal()), key -> zeros(outputs));
            for (int k = 0; k < outputs; k++) {
                total[k] = total[k].add(v[k].multiply(lead));
            }
        }
        String summary = net.unitCount() + " units: " + affineUnits + " affine on the domain, the others on "
                + groups.size() + " distinct hyperplanes";
        List<AffineForm> live = new ArrayList<>();
        for (Map.Entry<AffineForm, BigFraction[]> g : groups.entrySet()) {
            for (BigFraction c : g.getValue()) {
                if (Rationals.sign(c) != 0) {
                    live.add(g.getKey());
                    break;
                }
            }
        }
        boolean affineZero = true;
        for (AffineForm a : affine) {
            affineZero &= a.isZero();
        }
        ZeroData data = data(groups, affine);
        if (live.isEmpty() && affineZero) {
            return new Outcome(true, Optional.empty(), summary + "; every hyperplane's total output weight and the"
                    + " affine part are exactly 0", data);
        }
        String why = live.isEmpty() ? "the affine part is not 0"
                : live.size() + " hyperplane(s) keep a nonzero total output weight";
        return new Outcome(false, witness(net, box, live), summary + "; " + why, data);
    }

    /** Each hyperplane (first nonzero weight 1) with its total output weight per output, then the affine parts. */
    private static ZeroData data(Map<AffineForm, BigFraction[]> groups, AffineForm[] affine) {
        ZeroData.Builder data = new ZeroData.Builder();
        for (Map.Entry<AffineForm, BigFraction[]> g : groups.entrySet()) {
            List<ZeroData.Entry> totals = new ArrayList<>();
            for (int k = 0; k < g.getValue().length; k++) {
                totals.add(ZeroData.entry("total output weight, output " + (k + 1),
                        org.nnid.scalar.Rational.of(g.getValue()[k]).toText()));
            }
            data.add("hyperplane " + g.getKey().text() + " = 0", List.of(), totals);
        }
        for (int k = 0; k < affine.length; k++) {
            data.add("output " + (k + 1) + ", affine part", List.of(), List.of(ZeroData.entry("affine part",
                    affine[k].text())));
        }
        return data.build();
    }

    /**
     * A point where the network is not 0: near a hyperplane with nonzero weight the gradient
     * jumps, so f(p + δw) + f(p − δw) − 2 f(p) ≠ 0 for p on it (off the others) and small δ; when
     * only the affine part is left, any point off its zero set.
     */
    private static Optional<BigFraction[]> witness(ReluNet net, Optional<ExactBox> box, List<AffineForm> live) {
        int n = net.inputs();
        BigFraction[] centre = box.map(ExactBox::centre).orElseGet(() -> zeros(n));
        List<BigFraction[]> simple = new ArrayList<>();
        simple.add(centre);
        for (int j = 0; j < n; j++) {
            BigFraction[] e = centre.clone();
            e[j] = e[j].add(side(box, j).divide(4));
            simple.add(e);
        }
        for (BigFraction[] x : simple) {
            if (isWitness(net, box, x)) {
                return Optional.of(x);
            }
        }
        Random random = new Random(1);
        for (AffineForm h : live.subList(0, Math.min(live.size(), 4))) {
            for (int attempt = 0; attempt < 6; attempt++) {
                Optional<BigFraction[]> p = pointOn(h, box, centre, random, attempt);
                if (p.isEmpty()) {
                    continue;
                }
                if (isWitness(net, box, p.get())) {
                    return p;
                }
                BigFraction delta = box.map(b -> smallestSide(b).divide(8)).orElse(BigFraction.ONE);
                for (int halving = 0; halving < 40; halving++, delta = delta.divide(2)) {
                    for (BigFraction d : new BigFraction[] {delta, delta.negate()}) {
                        BigFraction[] x = shift(p.get(), h, d);
                        if (isWitness(net, box, x)) {
                            return Optional.of(x);
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isWitness(ReluNet net, Optional<ExactBox> box, BigFraction[] x) {
        return (box.isEmpty() || box.get().contains(x)) && nonzero(net.at(x));
    }

    /** A point on h = 0 inside the box (a random one off the line through the centre when attempt &gt; 0). */
    private static Optional<BigFraction[]> pointOn(AffineForm h, Optional<ExactBox> box, BigFraction[] centre,
            Random random, int attempt) {
        int n = centre.length;
        BigFraction[] start = centre.clone();
        if (attempt > 0) {
            for (int j = 0; j < n; j++) {
                BigFraction side = side(box, j);
                start[j] = start[j].add(side.multiply(new BigFraction(random.nextInt(2001) - 1000, 4000)));
            }
        }
        // project start onto h = 0 along the gradient: p = start − h(start)/|w|²·w
        BigFraction norm = BigFraction.ZERO;
        for (int j = 0; j < n; j++) {
            norm = norm.add(h.coefficient(j).multiply(h.coefficient(j)));
        }
        BigFraction t = h.at(start).divide(norm);
        BigFraction[] p = new BigFraction[n];
        for (int j = 0; j < n; j++) {
            p[j] = start[j].subtract(h.coefficient(j).multiply(t));
        }
        return box.isEmpty() || box.get().contains(p) ? Optional.of(p) : Optional.empty();
    }

    private static BigFraction[] shift(BigFraction[] p, AffineForm h, BigFraction delta) {
        BigFraction[] q = new BigFraction[p.length];
        for (int j = 0; j < p.length; j++) {
            q[j] = p[j].add(h.coefficient(j).multiply(delta));
        }
        return q;
    }

    /** The length of side j of the box, or 1 on all of ℝⁿ. */
    private static BigFraction side(Optional<ExactBox> box, int j) {
        return box.map(b -> b.hi(j).subtract(b.lo(j))).orElse(BigFraction.ONE);
    }

    private static BigFraction smallestSide(ExactBox b) {
        BigFraction s = null;
        for (int j = 0; j < b.dimension(); j++) {
            BigFraction side = b.hi(j).subtract(b.lo(j));
            s = s == null || side.compareTo(s) < 0 ? side : s;
        }
        return s == null ? BigFraction.ONE : s;
    }

    private static boolean nonzero(BigFraction[] y) {
        for (BigFraction v : y) {
            if (Rationals.sign(v) != 0) {
                return true;
            }
        }
        return false;
    }

    private static BigFraction[] outputWeights(ReluNet net, int unit) {
        int source = net.inputs() + unit;
        BigFraction[] v = zeros(net.outputs().size());
        for (int k = 0; k < v.length; k++) {
            ReluNet.Combination y = net.outputs().get(k);
            for (int i = 0; i < y.sources().length; i++) {
                if (y.sources()[i] == source) {
                    v[k] = y.weights()[i];
                }
            }
        }
        return v;
    }

    private static BigFraction firstNonzero(AffineForm z) {
        for (int j = 0; j < z.dimension(); j++) {
            if (Rationals.sign(z.coefficient(j)) != 0) {
                return z.coefficient(j);
            }
        }
        throw new IllegalStateException("a constant form has no first nonzero weight");
    }

    private static BigFraction[] zeros(int k) {
        BigFraction[] z = new BigFraction[k];
        java.util.Arrays.fill(z, BigFraction.ZERO);
        return z;
    }
}
