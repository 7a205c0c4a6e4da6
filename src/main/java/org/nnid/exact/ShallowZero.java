package org.nnid.exact;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.math3.fraction.BigFraction;
import org.nnid.net.Network;
import org.nnid.scalar.ConstantBall;
import org.nnid.scalar.ConstantSigns;
import org.nnid.scalar.Rational;
import org.nnid.scalar.Scalar;
import org.nnid.theory.ExactZeroTest;
import org.nnid.theory.Incoming;
import org.nnid.theory.NormalForm;
import org.nnid.theory.SymmetryElement;
import org.nnid.theory.Theory;

/**
 * docs/math.md §6, depth-1 units g = c₀ + ℓ(x) + Σ c_k ρ(w_k·x + θ_k): every hidden node reads inputs
 * only, outputs read hidden nodes and inputs linearly, and there is no output activation.
 *
 * Which of the three procedures applies is the theory file's {@code exact_zero_test}:
 * <ul>
 *   <li>group_sums (tanh, logistic): bring each unit into the theory's normal form (docs/math.md §5; the constant a
 *       logistic flip leaves goes to c₀), group equal (w, θ); g ≡ 0 iff every group sum, ℓ and c₀
 *       vanish, because ρ is null-free (docs/math.md §4.2): otherwise merging each group (R3) leaves a
 *       reduced network with a hidden node and the zero function.</li>
 *   <li>phasor_sums (sin, cos): the normal form makes the first nonzero weight positive, so units with equal
 *       frequency vectors up to sign meet; for each frequency w, Σ c_k e^{iθ_k} = 0 (both
 *       Σ c_k cos θ_k and Σ c_k sin θ_k), and ℓ = 0, c₀ = 0: sin(w·x) and cos(w·x) for distinct
 *       w with positive first entry, 1 and the x_i are linearly independent (distinct characters of
 *       ℝ^m, and affine functions are unbounded or constant).</li>
 *   <li>exponential_sums (exp): for each slope vector w, Σ c_k e^{θ_k} = 0, and ℓ = 0, c₀ = 0 (exponentials with
 *       distinct slopes and polynomials are independent). With rational θ_k the sum vanishes iff
 *       the coefficients of each distinct θ add to 0 (Lindemann–Weierstrass: e^{q₁}, …, e^{q_n}
 *       are linearly independent over the algebraic numbers for distinct rationals q_i).</li>
 * </ul>
 * Sums of closed-form constants are nonzero only when a rigorous enclosure excludes 0, and 0 only
 * when Symja evaluates or simplifies them to 0 under a time limit ({@link ConstantSigns}); otherwise,
 * and when grouping or normalising needs a comparison that cannot be decided, the answer is
 * NOT_APPLICABLE. Units are grouped by exact comparison; biases are normalised with an exact floor
 * of θ/π (so 10^16·π + 1/3 meets 1/3).
 */
final class ShallowZero {
    private record Unit(String node, Scalar coefficient, Incoming in) {}

    private record Group(Incoming key, List<Unit> units) {}

    /** A constant settled: zero, nonzero (with its value), or undecided (empty). */
    private record Settled(Optional<Boolean> zero, String text) {}

    private final Network net;
    private final Theory theory;
    private final Duration limit;
    /** The groups and sums settled so far, in order: the decision's data. */
    private final ZeroData.Builder data = new ZeroData.Builder();

    private ShallowZero(Network net, Theory theory, Duration limit) {
        this.net = net;
        this.theory = theory;
        this.limit = limit;
    }

    static ZeroDecision decide(Network net, Theory theory, Duration limit) {
        ShallowZero z = new ShallowZero(net, theory, limit);
        try {
            return z.decide();
        } catch (ArithmeticException undecidable) {
            // grouping, normalising or a coefficient's sign met a comparison no enclosure or proof decides
            return ZeroDecision.notApplicable(z.method(), undecidable.getMessage());
        }
    }

    private String method() {
        return "depth-1 " + switch (theory.exactZeroTest().orElse(ExactZeroTest.GROUP_SUMS)) {
            case GROUP_SUMS -> "group sums";
            case PHASOR_SUMS -> "phasor sums";
            case EXPONENTIAL_SUMS -> "exponential sums";
        } + " of " + theory.name() + " units (docs/math.md §6)";
    }

    private ZeroDecision decide() {
        Optional<String> shape = shapeProblem();
        if (shape.isPresent()) {
            return ZeroDecision.notApplicable("depth-1 units (docs/math.md §6)", shape.get());
        }
        Optional<ExactZeroTest> kind = theory.exactZeroTest(); // the theory file's exact_zero_test
        if (net.hiddenCount() > 0 && kind.isEmpty()) {
            return ZeroDecision.notApplicable("none", "no exact procedure is known for " + theory.name()
                    + " networks with hidden nodes");
        }
        String method = net.hiddenCount() == 0 ? "affine network (no hidden node)" : method();
        int groups = 0;
        for (int k = 0; k < net.outputCount(); k++) {
            int o = net.outputNode(k);
            Scalar constant = net.bias(o);
            Scalar[] linear = new Scalar[net.inputCount()];
            java.util.Arrays.fill(linear, Scalar.ZERO);
            List<Unit> units = new ArrayList<>();
            for (Map.Entry<Integer, Scalar> e : net.incoming(o).entrySet()) {
                int u = e.getKey();
                if (net.isInput(u)) {
                    linear[u] = linear[u].add(e.getValue());
                } else {
                    units.add(new Unit(net.id(u), e.getValue(), incoming(u)));
                }
            }
            if (!units.isEmpty()) {
                if (kind.get() != ExactZeroTest.EXPONENTIAL_SUMS) {
                    NormalForm nf = theory.normalForm();
                    List<Unit> normal = new ArrayList<>();
                    for (Unit unit : units) {
                        NormalForm.Result r = nf.normalise(unit.in());
                        SymmetryElement s = r.element();
                        // ρ(p) = (ρ(s·p) − d)/c: the coefficient becomes c_k/c, and −c_k·d/c goes to c₀.
                        normal.add(new Unit(unit.node(), unit.coefficient().divide(s.c()), r.normal()));
                        constant = constant.subtract(unit.coefficient().multiply(s.d()).divide(s.c()));
                    }
                    units = normal;
                }
                List<Group> gs = group(units, kind.get() == ExactZeroTest.GROUP_SUMS);
                groups += gs.size();
                for (Group g : gs) {
                    Optional<ZeroDecision> d = decideGroup(kind.get(), g, net.id(o));
                    if (d.isPresent()) {
                        return d.get();
                    }
                }
            }
            List<ZeroData.Entry> affine = new ArrayList<>();
            data.add("output " + net.id(o) + ", affine part", List.of(), affine);
            for (int i = 0; i <= linear.length; i++) {
                Scalar c = i < linear.length ? linear[i] : constant;
                Settled s = settle(c);
                String what = i < linear.length ? "coefficient of " + net.inputNames().get(i) : "constant term";
                affine.add(ZeroData.entry(what, s.text()));
                if (s.zero().isEmpty()) {
                    return ZeroDecision.notApplicable(method, "the " + what + " of output " + net.id(o) + ", "
                            + c.toText() + ", could not be decided");
                }
                if (!s.zero().get()) {
                    return ZeroDecision.nonzero(method, (units.isEmpty() ? "" : "the units of output " + net.id(o)
                            + " cancel exactly, and ") + "its affine part has " + what + " " + s.text(), data.build());
                }
            }
        }
        return ZeroDecision.zero(method, net.hiddenCount() == 0 ? "every output's affine coefficients are exactly 0"
                : (groups == 1 ? "the one unit group cancels" : "all " + groups + " unit groups cancel")
                + " exactly, and the linear and constant terms are 0", data.build());
    }

    /** Why the network is not a sum of depth-1 units, if it is not. */
    private Optional<String> shapeProblem() {
        if (net.outputActivation()) {
            return Optional.of("the outputs apply the activation");
        }
        for (int v = net.inputCount(); v < net.nodeCount(); v++) {
            if (!net.isHidden(v)) {
                continue;
            }
            if (net.incoming(v).isEmpty()) {
                return Optional.of("hidden node " + net.id(v) + " has no incoming edge (fold it first, R1)");
            }
            for (int u : net.incoming(v).keySet()) {
                if (!net.isInput(u)) {
                    return Optional.of("hidden node " + net.id(v) + " reads hidden node " + net.id(u)
                            + " (more than one hidden layer)");
                }
            }
        }
        return Optional.empty();
    }

    private Incoming incoming(int v) {
        List<Scalar> w = new ArrayList<>();
        for (int i = 0; i < net.inputCount(); i++) {
            w.add(Scalar.ZERO);
        }
        net.incoming(v).forEach((u, x) -> w.set(u, x));
        return new Incoming(w, net.bias(v));
    }

    /** Groups by (w, θ) when {@code withBias}, else by w only; first occurrence first. */
    private static List<Group> group(List<Unit> units, boolean withBias) {
        List<Group> out = new ArrayList<>();
        for (Unit u : units) {
            Incoming key = withBias ? u.in() : new Incoming(u.in().weights(), Scalar.ZERO);
            Group g = out.stream().filter(x -> x.key().sameValues(key)).findFirst().orElse(null);
            if (g == null) {
                g = new Group(key, new ArrayList<>());
                out.add(g);
            }
            g.units().add(u);
        }
        return out;
    }

    /** A decision when the group does not cancel (or cannot be decided); empty when it cancels. */
    private Optional<ZeroDecision> decideGroup(ExactZeroTest kind, Group g, String output) {
        List<String> names = g.units().stream().map(Unit::node).toList();
        String where = "output " + output + ", unit" + (names.size() == 1 ? " " : "s ") + String.join(", ", names);
        List<Settled> parts = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<String> sumNames = new ArrayList<>();
        List<List<ZeroData.Entry>> terms = new ArrayList<>();
        for (Unit u : g.units()) {
            terms.add(kind == ExactZeroTest.GROUP_SUMS
                    ? List.of(ZeroData.entry("unit", u.node()), ZeroData.entry("c", u.coefficient().toText()))
                    : List.of(ZeroData.entry("unit", u.node()), ZeroData.entry("c", u.coefficient().toText()),
                            ZeroData.entry("θ", u.in().bias().toText())));
        }
        List<ZeroData.Entry> sums = new ArrayList<>();
        data.add("output " + output + ", " + switch (kind) {
            case GROUP_SUMS -> "normal form " + theory.name() + g.key();
            case PHASOR_SUMS -> "frequency w = " + weights(g.key());
            case EXPONENTIAL_SUMS -> "slope w = " + weights(g.key());
        }, terms, sums);
        switch (kind) {
            case GROUP_SUMS -> {
                Scalar total = Scalar.ZERO;
                for (Unit u : g.units()) {
                    total = total.add(u.coefficient());
                }
                parts.add(settle(total));
                labels.add("with normal form " + theory.name() + g.key() + " have total coefficient");
                sumNames.add("Σ c_k");
            }
            case PHASOR_SUMS -> {
                parts.add(settle(sum(g, u -> "(" + u.coefficient().toText() + ")*Cos(" + u.in().bias().toText() + ")")));
                labels.add("of frequency w = " + weights(g.key()) + " have Σ c_k cos θ_k =");
                sumNames.add("Σ c_k cos θ_k");
                parts.add(settle(sum(g, u -> "(" + u.coefficient().toText() + ")*Sin(" + u.in().bias().toText() + ")")));
                labels.add("of frequency w = " + weights(g.key()) + " have Σ c_k sin θ_k =");
                sumNames.add("Σ c_k sin θ_k");
            }
            case EXPONENTIAL_SUMS -> {
                Optional<ZeroDecision> rational = lindemannWeierstrass(g, where, sums);
                if (rational.isPresent() || allRational(g)) {
                    return rational;
                }
                parts.add(settle(sum(g, u -> "(" + u.coefficient().toText() + ")*Exp(" + u.in().bias().toText() + ")")));
                labels.add("of slope w = " + weights(g.key()) + " have Σ c_k e^θ_k =");
                sumNames.add("Σ c_k e^θ_k");
            }
        }
        for (int i = 0; i < parts.size(); i++) {
            Settled s = parts.get(i);
            sums.add(ZeroData.entry(sumNames.get(i), s.text()));
            if (s.zero().isEmpty()) {
                return Optional.of(ZeroDecision.notApplicable(method(), where + " " + labels.get(i) + " " + s.text()
                        + ", which neither an enclosure (up to " + ConstantBall.MAX_DIGITS + " digits) nor Symja ("
                        + limit.toSeconds() + " s per attempt) could decide"));
            }
            if (!s.zero().get()) {
                return Optional.of(ZeroDecision.nonzero(method(), where + " " + labels.get(i) + " " + s.text()
                        + " ≠ 0, so they do not cancel, and no other unit of another group can cancel them"
                        + reason(kind), data.build()));
            }
        }
        return Optional.empty();
    }

    private String reason(ExactZeroTest kind) {
        return switch (kind) {
            case GROUP_SUMS -> " (" + theory.name() + " is null-free, docs/math.md §4.2)";
            case PHASOR_SUMS -> " (distinct frequencies are linearly independent)";
            case EXPONENTIAL_SUMS -> " (distinct slopes are linearly independent)";
        };
    }

    private static boolean allRational(Group g) {
        return g.units().stream().allMatch(u -> u.coefficient() instanceof Rational && u.in().bias() instanceof Rational);
    }

    /** Rational data: merge equal exponents θ; the sum vanishes iff every merged coefficient is 0. */
    private Optional<ZeroDecision> lindemannWeierstrass(Group g, String where, List<ZeroData.Entry> sums) {
        if (!allRational(g)) {
            return Optional.empty();
        }
        Map<BigFraction, BigFraction> byTheta = new java.util.TreeMap<>();
        for (Unit u : g.units()) {
            byTheta.merge(((Rational) u.in().bias()).fraction(), ((Rational) u.coefficient()).fraction(), BigFraction::add);
        }
        for (Map.Entry<BigFraction, BigFraction> e : byTheta.entrySet()) {
            sums.add(ZeroData.entry("coefficient of e^(" + PolynomialZero.ratio(e.getKey()) + ")",
                    PolynomialZero.ratio(e.getValue())));
            if (e.getValue().getNumerator().signum() != 0) {
                return Optional.of(ZeroDecision.nonzero(method(), where + " of slope w = " + weights(g.key())
                        + " have coefficient " + PolynomialZero.ratio(e.getValue()) + " at e^("
                        + PolynomialZero.ratio(e.getKey()) + ") ≠ 0; by Lindemann–Weierstrass the e^q for distinct"
                        + " rationals q are linearly independent over the rationals, so they do not cancel", data.build()));
            }
        }
        return Optional.empty();
    }

    private static String sum(Group g, java.util.function.Function<Unit, String> term) {
        return String.join("+", g.units().stream().map(term).toList());
    }

    private static String weights(Incoming in) {
        return "[" + String.join(", ", in.weights().stream().map(Scalar::toText).toList()) + "]";
    }

    /** Rationals exactly; closed-form constants as below. */
    private Settled settle(Scalar c) {
        if (c instanceof Rational r) {
            return new Settled(Optional.of(r.signum() == 0), r.toText());
        }
        return settle(c.toText());
    }

    /**
     * Nonzero only when a rigorous enclosure excludes 0, zero only when Symja evaluates the constant
     * to 0 or proves it 0 within the limit ({@link ConstantSigns}), undecided otherwise.
     */
    private Settled settle(String constant) {
        Optional<ConstantSigns.Decision> d = ConstantSigns.decide(constant, limit);
        if (d.isEmpty()) {
            return new Settled(Optional.empty(), constant);
        }
        return d.get().sign() == 0 ? new Settled(Optional.of(true), constant + " = 0")
                : new Settled(Optional.of(false), constant + " (" + d.get().evidence() + ")");
    }
}
