package org.nnid.registry;

import org.nnid.activation.DefinedActivation;
import org.nnid.activation.DeclaredDomain;
import org.nnid.activation.DefinitionDomain;
import org.nnid.theory.AffineRelation;
import org.nnid.theory.Incoming;
import org.nnid.theory.NormalForm;
import org.nnid.theory.NullFreeness;
import org.nnid.theory.SymmetryGroup;

import org.nnid.activation.Activation;
import org.nnid.activation.Formula;
import org.nnid.theory.SymmetryElement;
import org.nnid.theory.SymmetryFamily;
import org.nnid.theory.Theory;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;

import org.matheclipse.core.interfaces.IExpr;
import org.nnid.scalar.Interval;
import org.nnid.scalar.Rational;
import org.nnid.scalar.Scalar;
import org.nnid.symja.Symja;
import org.nnid.symja.SymjaException;
import org.nnid.registry.VerificationReport.Fact;
import org.nnid.registry.VerificationReport.Kind;
import org.nnid.registry.VerificationReport.Status;

/**
 * Checks every fact a theory declares before the engine relies on it (issue 3), and says how each
 * was checked:
 *
 * <ul>
 *   <li><b>definition</b>: the double and interval evaluation agree with Symja's 50-digit values of
 *       the definition at fixed points, large |t| included;</li>
 *   <li><b>symmetries</b>: ρ(a·t + b) = c·ρ(t) + d symbolically where Symja decides it (see
 *       {@link SymbolicProver}; families with an integer parameter by induction over the group),
 *       and always numerically at every sample point, for families at random parameter values;</li>
 *   <li><b>relations</b>: from(t) = α·to(β·t + γ) + δ, likewise;</li>
 *   <li><b>normal form</b>: on random exact (w, θ) and random group elements: the returned
 *       element is a symmetry and maps (w, θ) to the result, the rule is idempotent, and it is
 *       constant on orbits;</li>
 *   <li><b>null networks</b>: reduced and identically zero ({@link NullNetworkCheck});</li>
 *   <li><b>null-freeness</b>: its evidence (a citation, accepted for built-in theories only; an
 *       affine relation to a null-free theory; null networks).</li>
 * </ul>
 *
 * <p>Numerics: an identity holds at t when |left − right| ≤ 1e-9·(1 + |left| + |right|) in double
 * arithmetic; a larger difference is settled by Symja at 40 digits when possible. A FAILED verdict
 * always shows a point where the difference is genuine: at least 1e-6 relative in double
 * arithmetic, or confirmed at 40 digits. Points where a side is not finite (overflow) are skipped.
 * Every Symja call has a time limit; a call that runs out leaves the fact checked numerically only.
 * Sample points and parameters come from a fixed seed, so reports are deterministic.
 */
public final class TheoryVerifier {

    /**
     * @param symjaTimeLimit    the limit for each Symja call
     * @param symbolic          whether to ask Symja at all (false: numerical checks only)
     * @param seed              the seed of every random choice
     * @param randomPoints      random t in [−8, 8] added to the fixed points
     * @param parameterSamples  parameter values per family
     * @param normalFormSamples random (w, θ) and group elements for the normal form
     */
    public record Options(Duration symjaTimeLimit, boolean symbolic, long seed, int randomPoints, int parameterSamples,
            int normalFormSamples) {

        public static Options defaults() {
            return new Options(Duration.ofSeconds(5), true, 20240611L, 40, 25, 40);
        }

        public Options withSymbolic(boolean on) {
            return new Options(symjaTimeLimit, on, seed, randomPoints, parameterSamples, normalFormSamples);
        }

        public Options withTimeLimit(Duration limit) {
            return new Options(limit, symbolic, seed, randomPoints, parameterSamples, normalFormSamples);
        }
    }

    /** Below this relative difference (in double arithmetic) an identity holds at a point. */
    static final double TOLERANCE = 1e-9;
    /** At or above this relative difference a double-arithmetic discrepancy is a genuine counterexample. */
    static final double COUNTEREXAMPLE = 1e-6;
    /** Fixed points: the counterexamples read well, and |t| reaches 1e6. */
    private static final double[] FIXED_POINTS =
            {0, 0.7, -0.7, 1.3, -1.3, 2.9, -2.9, 0.1, -0.1, 5, -5, 10.5, -10.5, 30, -30, 1e3, -1e3, 1e6, -1e6};
    private static final int DIGITS = 50;
    /** The definition is compared with Symja's 50-digit values for |t| up to this. */
    private static final double HIGH_PRECISION_RANGE = 11;

    private final TheoryRegistry registry;
    private final Options options;
    private final SymbolicProver prover;

    public TheoryVerifier(TheoryRegistry registry, Options options) {
        this.registry = registry;
        this.options = options;
        this.prover = options.symbolic() ? new SymbolicProver(options.symjaTimeLimit()) : null;
    }

    public Options options() {
        return options;
    }

    public VerificationReport verify(Theory theory) {
        Context cx = new Context(theory);
        List<Fact> facts = new ArrayList<>();
        facts.add(cx.definition());
        // A symmetry or relation of a ρ with a declared domain holds only where both sides are
        // defined; nnid does not check that it maps the domain into itself, so it is never used.
        DeclaredDomain domain = DeclaredDomain.of(theory.activation());
        for (SymmetryElement e : theory.group().elements()) {
            facts.add(domain.isRealLine() ? cx.element(e) : notOnDomain(new Claim.Symmetry(e), domain));
        }
        for (SymmetryFamily f : theory.group().families()) {
            facts.add(domain.isRealLine() ? cx.family(f) : notOnDomain(new Claim.Family(f), domain));
        }
        for (AffineRelation r : theory.relations()) {
            facts.add(domain.isRealLine() ? cx.relation(r) : notOnDomain(new Claim.Relation(r), domain));
        }
        Fact nf = cx.normalForm();
        if (nf != null) {
            facts.add(nf);
        }
        List<Fact> nullNets = new ArrayList<>();
        NormalForm forR3 = nf != null && nf.status().reliable() ? theory.normalForm() : NormalForm.identity();
        for (NullFreeness.NullNetwork n : theory.nullFreeness().nullNetworks()) {
            nullNets.add(NullNetworkCheck.check(theory, forR3, n, prover, options.seed()));
        }
        facts.addAll(nullNets);
        cx.nullFreeness(facts, nullNets).ifPresent(facts::add);
        return new VerificationReport(theory.name(), theory.source(), facts);
    }

    private static Fact notOnDomain(Claim subject, DeclaredDomain domain) {
        return new Fact(subject, Status.UNVERIFIED, "ρ is declared on " + domain + " only, and nnid does not check"
                + " that this maps the domain into itself: not used");
    }

    /** The checks of one theory, with its sample points and evaluation. */
    private final class Context {
        final Theory theory;
        final Formula rho;
        final Activation act;
        final double[] points;
        final Set<String> verifiedElements = new HashSet<>();

        Context(Theory theory) {
            this.theory = theory;
            this.rho = theory.instantiatedDefinition();
            this.act = theory.activation();
            Random r = new Random(options.seed() ^ theory.name().hashCode());
            points = new double[FIXED_POINTS.length + options.randomPoints()];
            System.arraycopy(FIXED_POINTS, 0, points, 0, FIXED_POINTS.length);
            for (int i = FIXED_POINTS.length; i < points.length; i++) {
                points[i] = Math.round((r.nextDouble() * 16 - 8) * 1000) / 1000.0;
            }
        }

        // -------------------------------------------------------------------------- definition

        Fact definition() {
            Claim subject = new Claim.Definition(theory.definition()
                    + (theory.parameters().isEmpty() ? "" : " at " + parameterText(theory.parameters())));
            DeclaredDomain declared = DeclaredDomain.of(act);
            String on = declared.isRealLine() ? "all of ℝ" : "its declared domain " + declared;
            DefinitionDomain.Result domain = DefinitionDomain.check(rho, declared);
            if (domain instanceof DefinitionDomain.Undefined u) {
                return new Fact(subject, Status.FAILED, "not real and finite on " + on + ": " + u.where());
            }
            String symbolicNote = "";
            if (!(act instanceof DefinedActivation) && prover != null) {
                boolean same = prover.simplifiesToZero("(" + rho.toSymja() + ")-(" + act.symja() + ")", "");
                symbolicNote = same ? "the built-in activation '" + act.name() + "' has this definition (Symja); "
                        : "Symja did not match the built-in activation's form " + act.symja() + "; ";
            }
            boolean interval = !(act instanceof DefinedActivation d) || d.hasIntervalExtension();
            int compared = 0;
            for (double t : FIXED_POINTS) {
                double d = act.apply(t);
                if (!Double.isFinite(d)) {
                    continue;
                }
                // Symja's arbitrary precision is slow for some functions far out (Erf beyond 30 runs
                // past any sensible time limit), so far points are compared with nnid's own double
                // evaluation of the formula instead.
                boolean far = Math.abs(t) > HIGH_PRECISION_RANGE;
                BigDecimal v;
                if (prover != null && !far) {
                    Optional<BigDecimal> hp = highPrecision(rho, t, DIGITS);
                    if (hp.isEmpty()) {
                        continue;
                    }
                    v = hp.get();
                } else if (rho.hasDoubleEvaluation()) {
                    double f = rho.evaluate(t);
                    if (!Double.isFinite(f)) {
                        continue;
                    }
                    v = new BigDecimal(f);
                } else {
                    continue;
                }
                compared++;
                double vd = v.doubleValue();
                double tol = prover != null && !far ? 1e-12 : TOLERANCE;
                if (Math.abs(d - vd) > tol * (1 + Math.abs(vd))) {
                    return new Fact(subject, Status.FAILED, "fails at t = " + num(t)
                            + ": the evaluation gives " + num(d) + ", the definition "
                            + v.round(new MathContext(20)).toString());
                }
                if (interval && prover != null && !far) {
                    Interval e = act.apply(Interval.point(t));
                    // The 50-digit value may be off by cancellation inside the definition; allow for that only.
                    BigDecimal slack = new BigDecimal("1e-30").multiply(BigDecimal.ONE.add(v.abs())
                            .add(BigDecimal.valueOf(Math.abs(t))));
                    boolean inside = (e.lo() == Double.NEGATIVE_INFINITY
                            || new BigDecimal(e.lo()).subtract(slack).compareTo(v) <= 0)
                            && (e.hi() == Double.POSITIVE_INFINITY || new BigDecimal(e.hi()).add(slack).compareTo(v) >= 0);
                    if (!inside) {
                        return new Fact(subject, Status.FAILED, "fails at t = " + num(t)
                                + ": the interval extension gives " + e + ", which misses the value "
                                + v.round(new MathContext(20)));
                    }
                }
            }
            if (compared == 0) {
                return new Fact(subject, Status.UNVERIFIED,
                        "the definition could not be evaluated at any sample point");
            }
            String how = symbolicNote + "double" + (interval ? " and interval" : "") + " evaluation agree with "
                    + (prover != null ? DIGITS + "-digit Symja values for |t| ≤ " + num(HIGH_PRECISION_RANGE)
                    + " and the formula in double arithmetic beyond" : "the formula in double arithmetic") + " ("
                    + compared + " points)"
                    + (interval ? "" : "; no rigorous interval extension, so no rigorous witnesses with this theory");
            if (domain instanceof DefinitionDomain.Undecided u) {
                return new Fact(subject, Status.UNVERIFIED, how + "; not shown real and finite on " + on + ": " + u.reason());
            }
            return new Fact(subject, Status.CHECKED_NUMERICALLY, how + "; real and finite on " + on + " (interval arithmetic, "
                    + ((DefinitionDomain.Defined) domain).pieces() + " pieces)");
        }

        // -------------------------------------------------------------------------- symmetries

        Formula leftOf(List<Formula> e) {
            Formula t = Formula.variable("t");
            return rho.substitute("t", e.get(0).times(t).plus(e.get(1)));
        }

        Formula rightOf(List<Formula> e) {
            return e.get(2).times(rho).plus(e.get(3));
        }

        List<Formula> formulas(SymmetryElement g) {
            return List.of(Formula.of(g.a()), Formula.of(g.b()), Formula.of(g.c()), Formula.of(g.d()));
        }

        Fact element(SymmetryElement g) {
            Claim subject = new Claim.Symmetry(g);
            List<Formula> f = formulas(g);
            Check c = symmetryAt(g.a().toDouble(), g.b().toDouble(), g.c().toDouble(), g.d().toDouble(), f, "");
            if (c.counterexample != null) {
                return new Fact(subject, Status.FAILED, "fails at " + c.counterexample);
            }
            String numeric = "held at " + c.compared + " points";
            if (prover == null) {
                return new Fact(subject, c.status(), numeric);
            }
            SymbolicProver.Result r = prover.proveZero(leftOf(f).minus(rightOf(f)), "", List.of());
            return symbolicVerdict(subject, r, c, numeric);
        }

        Fact symbolicVerdict(Claim subject, SymbolicProver.Result r, Check c, String numeric) {
            if (r.proved()) {
                return new Fact(subject, Status.PROVED_SYMBOLICALLY, r.method() + "; " + numeric);
            }
            if (c.unresolved != null) {
                return new Fact(subject, Status.UNVERIFIED, numeric + ", but " + c.unresolved);
            }
            return new Fact(subject, r.outcome() == SymbolicProver.Outcome.TIMED_OUT
                    ? Status.TIMED_OUT_NUMERIC_ONLY : Status.CHECKED_NUMERICALLY, r.method() + "; " + numeric);
        }

        /** ρ(a·t + b) against c·ρ(t) + d at every point; f gives the exact entries for 40-digit confirmation. */
        Check symmetryAt(double a, double b, double c, double d, List<Formula> f, String prefix) {
            return compare(prefix, t -> act.apply(a * t + b), t -> c * act.apply(t) + d,
                    f == null ? null : leftOf(f), f == null ? null : rightOf(f));
        }

        Fact family(SymmetryFamily fam) {
            Claim subject = new Claim.Family(fam);
            Random r = new Random(options.seed() ^ fam.elementText().hashCode());
            List<Map<String, Scalar>> samples = fam.sample(r, options.parameterSamples());
            if (samples.isEmpty()) {
                return new Fact(subject, Status.UNVERIFIED, "no admissible parameter values were found");
            }
            int compared = 0;
            Check worst = null;
            for (Map<String, Scalar> s : samples) {
                double[] e = new double[4];
                Map<String, Double> dv = new LinkedHashMap<>();
                s.forEach((k, v) -> dv.put(k, v.toDouble()));
                for (int i = 0; i < 4; i++) {
                    e[i] = fam.element().get(i).evaluate(dv);
                }
                Map<String, Formula> exact = new LinkedHashMap<>();
                s.forEach((k, v) -> exact.put(k, Formula.of(v)));
                List<Formula> f = fam.element().stream().map(x -> x.substitute(exact)).toList();
                Check c = symmetryAt(e[0], e[1], e[2], e[3], f, parameterText(s) + ", ");
                compared += c.compared;
                if (c.counterexample != null) {
                    return new Fact(subject, Status.FAILED, "fails at " + c.counterexample);
                }
                if (c.unresolved != null) {
                    worst = c;
                }
            }
            Check c = new Check(compared, null, worst == null ? null : worst.unresolved);
            String numeric = "held at " + compared + " (point, parameter) pairs over " + samples.size()
                    + " parameter values";
            if (prover == null) {
                return new Fact(subject, c.status(), numeric);
            }
            return symbolicVerdict(subject, proveFamily(fam), c, numeric);
        }

        /**
         * Sign parameters are enumerated. One integer parameter k (and no real one, no condition)
         * goes by induction over the group: F(0) ∈ S_ρ and G = F(1)·F(0)⁻¹ ∈ S_ρ are proved, and
         * F(k+1) = G·F(k) is an identity in k; then F(k) = Gᵏ·F(0) ∈ S_ρ for every integer k, both
         * directions, since S_ρ is a group. Otherwise the real parameters stay symbols, with the
         * condition as Symja assumptions.
         */
        SymbolicProver.Result proveFamily(SymmetryFamily fam) {
            List<String> signs = new ArrayList<>();
            List<String> integers = new ArrayList<>();
            List<String> reals = new ArrayList<>();
            fam.parameters().forEach((p, k) -> {
                switch (k) {
                    case SIGN -> signs.add(p);
                    case INTEGER -> integers.add(p);
                    case REAL -> reals.add(p);
                }
            });
            List<String> methods = new ArrayList<>();
            boolean timedOut = false;
            for (int mask = 0; mask < (1 << signs.size()); mask++) {
                Map<String, Formula> fixed = new LinkedHashMap<>();
                for (int i = 0; i < signs.size(); i++) {
                    fixed.put(signs.get(i), Formula.of(Rational.of(((mask >> i) & 1) == 0 ? 1 : -1)));
                }
                List<Formula> f = fam.element().stream().map(x -> x.substitute(fixed)).toList();
                SymbolicProver.Result r;
                if (integers.isEmpty()) {
                    r = proveReal(f, reals, fam.condition().map(c -> c.substitute(fixed)));
                } else if (integers.size() == 1 && reals.isEmpty() && fam.condition().isEmpty()) {
                    r = induction(f, integers.get(0));
                } else {
                    return new SymbolicProver.Result(SymbolicProver.Outcome.NOT_DECIDED,
                            "no symbolic method for this mix of parameters");
                }
                if (!r.proved()) {
                    return r;
                }
                if (!methods.contains(r.method())) {
                    methods.add(r.method());
                }
            }
            return SymbolicProver.Result.proved((signs.isEmpty() ? "" : "for each sign of " + String.join(", ", signs)
                    + ": ") + String.join("; ", methods));
        }

        SymbolicProver.Result proveReal(List<Formula> f, List<String> reals, Optional<Formula> condition) {
            Map<String, Formula> rename = new LinkedHashMap<>();
            List<String> symbols = new ArrayList<>();
            for (int i = 0; i < reals.size(); i++) {
                String s = "nnidp" + (i + 1);
                rename.put(reals.get(i), Formula.variable(s));
                symbols.add(s);
            }
            List<Formula> g = f.stream().map(x -> x.substitute(rename)).toList();
            String assumptions = condition.map(c -> c.substitute(rename).toSymja()).orElse("");
            return prover.proveZero(leftOf(g).minus(rightOf(g)), assumptions, symbols);
        }

        SymbolicProver.Result induction(List<Formula> f, String k) {
            SymmetryElement f0;
            SymmetryElement f1;
            try {
                f0 = element(f, k, Scalar.ZERO);
                f1 = element(f, k, Scalar.ONE);
            } catch (IllegalArgumentException | ArithmeticException e) {
                return new SymbolicProver.Result(SymbolicProver.Outcome.NOT_DECIDED, "F(0) or F(1) is not an element");
            }
            SymmetryElement g = f1.compose(f0.inverse());
            for (SymmetryElement base : List.of(f0, g)) {
                List<Formula> bf = formulas(base);
                SymbolicProver.Result r = prover.proveZero(leftOf(bf).minus(rightOf(bf)), "", List.of());
                if (!r.proved()) {
                    return r;
                }
            }
            // F(k+1) = G·F(k), entry by entry: (aG·a, aG·b + bG, cG·c, cG·d + dG).
            Formula next = Formula.variable(k).plus(Formula.of(Scalar.ONE));
            List<Formula> gf = formulas(g);
            List<Formula> product = List.of(gf.get(0).times(f.get(0)), gf.get(0).times(f.get(1)).plus(gf.get(1)),
                    gf.get(2).times(f.get(2)), gf.get(2).times(f.get(3)).plus(gf.get(3)));
            for (int i = 0; i < 4; i++) {
                String diff = f.get(i).substitute(k, next).minus(product.get(i)).toSymja();
                if (!prover.simplifiesToZero(diff, "Element(" + k + ",Integers)")) {
                    return new SymbolicProver.Result(SymbolicProver.Outcome.NOT_DECIDED,
                            "the recurrence F(" + k + "+1) = G·F(" + k + ") did not simplify");
                }
            }
            return SymbolicProver.Result.proved("induction on " + k + ": F(0) = " + f0 + " and G = F(1)·F(0)⁻¹ = " + g
                    + " proved, F(" + k + "+1) = G·F(" + k + ")");
        }

        SymmetryElement element(List<Formula> f, String k, Scalar value) {
            Map<String, Scalar> env = Map.of(k, value);
            return SymmetryElement.of(f.get(0).evaluateExact(env), f.get(1).evaluateExact(env),
                    f.get(2).evaluateExact(env), f.get(3).evaluateExact(env));
        }

        // -------------------------------------------------------------------------- relations

        Fact relation(AffineRelation rel) {
            Claim subject = new Claim.Relation(rel);
            Optional<Theory> to = registry.find(rel.to());
            if (to.isEmpty()) {
                return new Fact(subject, Status.UNVERIFIED, "no theory named '" + rel.to() + "' is loaded");
            }
            Formula toDef = to.get().instantiatedDefinition();
            Activation other = to.get().activation();
            double al = rel.constants().get(0).evaluate(Map.of());
            double be = rel.constants().get(1).evaluate(Map.of());
            double ga = rel.constants().get(2).evaluate(Map.of());
            double de = rel.constants().get(3).evaluate(Map.of());
            Formula rhs = rel.rightHandSide(toDef);
            Check c = compare("", act::apply, t -> al * other.apply(be * t + ga) + de, rho, rhs);
            if (c.counterexample != null) {
                return new Fact(subject, Status.FAILED, "fails at " + c.counterexample);
            }
            String numeric = "held at " + c.compared + " points";
            if (prover == null) {
                return new Fact(subject, c.status(), numeric);
            }
            return symbolicVerdict(subject, prover.proveZero(rho.minus(rhs), "", List.of()), c, numeric);
        }

        // -------------------------------------------------------------------------- normal form

        /** The normal form's fact; null when the file declares none for a non-trivial group. */
        Fact normalForm() {
            NormalForm nf = theory.normalForm();
            Claim subject = new Claim.NormalFormRule(nf.rule());
            SymmetryGroup group = theory.group();
            if (nf instanceof NormalForm.Identity && group.isTrivial()) {
                return new Fact(subject, Status.PROVED_EXACTLY,
                        "S_ρ is declared trivial, so every (w, θ) is its own normal form");
            }
            if (!theory.normalFormDeclared()) {
                return null; // nothing is claimed; the engine uses the identity, which is sound
            }
            Random r = new Random(options.seed() ^ (theory.name().hashCode() * 31L));
            boolean pi = involvesPi(group, r);
            int n = options.normalFormSamples();
            for (int i = 0; i < n; i++) {
                Incoming x = randomIncoming(r, pi);
                NormalForm.Result res;
                try {
                    res = nf.normalise(x);
                } catch (RuntimeException e) {
                    return new Fact(subject, Status.FAILED, "fails at " + x + ": " + e.getMessage());
                }
                Incoming y = res.normal();
                if (!res.element().apply(x).sameValues(y)) {
                    return new Fact(subject, Status.FAILED, "fails at " + x + ": the returned element "
                            + res.element() + " maps it to " + res.element().apply(x) + ", not to " + y);
                }
                Optional<String> notSymmetry = notSymmetry(res.element());
                if (notSymmetry.isPresent()) {
                    return new Fact(subject, Status.FAILED, "fails at " + x + ": it returns "
                            + res.element() + ", which is not a symmetry of " + theory.name() + " (it fails at "
                            + notSymmetry.get() + ")");
                }
                Incoming again = nf.normalise(y).normal();
                if (!again.sameValues(y)) {
                    return new Fact(subject, Status.FAILED, "is not idempotent: NF" + x + " = " + y
                            + " but NF" + y + " = " + again);
                }
                SymmetryElement s = group.randomElement(r);
                Incoming z = s.apply(x);
                Incoming nz = nf.normalise(z).normal();
                if (!nz.sameValues(y)) {
                    return new Fact(subject, Status.FAILED, "is not constant on orbits: NF" + x + " = " + y
                            + " but for s = " + s + ", NF(s·" + x + ") = NF" + z + " = " + nz);
                }
            }
            return new Fact(subject, Status.CHECKED_NUMERICALLY, "on " + n + " random exact (w, θ)"
                    + (pi ? " (biases in ℚ and ℚ·π)" : "") + " and " + n + " random group elements: every returned"
                    + " element is a symmetry (at the sample points) and maps (w, θ) to the result; idempotent;"
                    + " constant on orbits");
        }

        Optional<String> notSymmetry(SymmetryElement g) {
            if (g.isIdentity() || verifiedElements.contains(g.toString())) {
                return Optional.empty();
            }
            Check c = symmetryAt(g.a().toDouble(), g.b().toDouble(), g.c().toDouble(), g.d().toDouble(),
                    g.isExact() ? formulas(g) : null, "");
            if (c.counterexample != null) {
                return Optional.of(c.counterexample);
            }
            verifiedElements.add(g.toString());
            return Optional.empty();
        }

        /** Whether the group moves biases by multiples of π, so biases in ℚ·π are the natural exact data. */
        boolean involvesPi(SymmetryGroup group, Random r) {
            for (int i = 0; i < 8; i++) {
                SymmetryElement g = group.randomElement(r);
                if (!(g.b() instanceof Rational) && g.b().isExact()) {
                    return true;
                }
            }
            return false;
        }

        Incoming randomIncoming(Random r, boolean pi) {
            int n = 1 + r.nextInt(3);
            boolean noWeights = r.nextInt(10) == 0;
            List<Scalar> w = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                w.add(noWeights || r.nextInt(4) == 0 ? Scalar.ZERO : smallRational(r, true));
            }
            Scalar theta = r.nextInt(5) == 0 ? Scalar.ZERO : smallRational(r, false);
            if (pi && r.nextBoolean()) {
                theta = theta.add(smallRational(r, false).multiply(Scalar.parseExact("Pi")));
            }
            return new Incoming(w, theta);
        }

        Rational smallRational(Random r, boolean nonzero) {
            long p;
            do {
                p = r.nextInt(13) - 6L;
            } while (nonzero && p == 0);
            return (Rational) Scalar.of(p, 1 + r.nextInt(4));
        }

        // -------------------------------------------------------------------------- null-freeness

        Optional<Fact> nullFreeness(List<Fact> facts, List<Fact> nullNets) {
            NullFreeness nf = theory.nullFreeness();
            Claim subject = new Claim.NullFreenessStatus(nf.status());
            switch (nf.status()) {
                case UNKNOWN -> {
                    return Optional.empty();
                }
                case REFUTED -> {
                    Fact best = null;
                    for (Fact f : nullNets) {
                        if (best == null || f.status().ordinal() < best.status().ordinal()) {
                            best = f;
                        }
                    }
                    if (best == null || best.status() == Status.FAILED) {
                        return Optional.of(new Fact(subject, Status.FAILED,
                                "is not established: no declared null network is one"));
                    }
                    return Optional.of(new Fact(subject, best.status(), "by " + best.subject()));
                }
                default -> {
                    if (nf.byRelation().isPresent()) {
                        return Optional.of(byRelation(facts, nf.byRelation().get(), subject));
                    }
                    String citation = nf.citation().orElse("");
                    if (theory.builtin()) {
                        return Optional.of(new Fact(subject, Status.CITED, citation));
                    }
                    return Optional.of(new Fact(subject, Status.UNVERIFIED, "the citation '" + citation
                            + "' cannot be checked by the machine in a user theory; nnid treats the null-freeness of "
                            + theory.name() + " as unknown"));
                }
            }
        }

        /**
         * A null network of this theory would convert, through the relation, into a reduced null
         * network of the other theory (docs/math.md §2: the relation maps one group onto the other and
         * keeps zero rows and columns), so null-freeness transfers.
         */
        Fact byRelation(List<Fact> facts, String other, Claim subject) {
            Optional<AffineRelation> rel = theory.relationTo(other);
            Optional<Fact> relFact = rel.flatMap(r -> facts.stream()
                    .filter(f -> f.claim().equals(new Claim.Relation(r))).findFirst());
            if (relFact.isEmpty() || !relFact.get().status().reliable()) {
                return new Fact(subject, Status.UNVERIFIED, "the affine relation to " + other
                        + " is not declared or did not verify");
            }
            Optional<Theory> o = registry.find(other);
            if (o.isEmpty()) {
                return new Fact(subject, Status.UNVERIFIED, "no theory named '" + other + "' is loaded");
            }
            Optional<VerificationReport> dep = registry.verifyDependency(o.get(), options);
            Optional<Fact> base = dep.flatMap(d -> d.facts(Kind.NULL_FREENESS).stream().findFirst());
            if (base.isEmpty() || !base.get().status().proved() || o.get().nullFreeness().status() != NullFreeness.Status.PROVED) {
                return new Fact(subject, Status.UNVERIFIED, other + "'s null-freeness is not established"
                        + (dep.isEmpty() ? " (circular evidence)" : ""));
            }
            Status s = base.get().status() == Status.CITED ? Status.CITED : Status.PROVED_SYMBOLICALLY;
            return new Fact(subject, s, "from " + other + " (" + base.get().how()
                    + ") through the affine relation " + rel.get() + " (" + relFact.get().status() + ")");
        }

        // -------------------------------------------------------------------------- numerics

        /**
         * left(t) against right(t) at every point. Differences above the tolerance are settled at
         * 40 digits when exact formulas are given and Symja is on.
         */
        Check compare(String prefix, DoubleUnaryOperator left, DoubleUnaryOperator right, Formula exactLeft,
                Formula exactRight) {
            int compared = 0;
            String unresolved = null;
            for (double t : points) {
                double l = left.applyAsDouble(t);
                double rr = right.applyAsDouble(t);
                if (!Double.isFinite(l) || !Double.isFinite(rr)) {
                    continue;
                }
                compared++;
                double diff = Math.abs(l - rr);
                double scale = 1 + Math.abs(l) + Math.abs(rr);
                if (diff <= TOLERANCE * scale) {
                    continue;
                }
                Optional<BigDecimal> hl = exactLeft == null || prover == null ? Optional.empty()
                        : highPrecision(exactLeft, t, 40);
                Optional<BigDecimal> hr = hl.isEmpty() ? Optional.empty() : highPrecision(exactRight, t, 40);
                String at = prefix + "t = " + num(t) + ": ";
                if (hr.isPresent()) {
                    BigDecimal d = hl.get().subtract(hr.get()).abs();
                    BigDecimal s = BigDecimal.ONE.add(hl.get().abs()).add(hr.get().abs());
                    if (d.compareTo(s.multiply(new BigDecimal("1e-25"))) <= 0) {
                        continue; // double rounding only
                    }
                    if (diff >= COUNTEREXAMPLE * scale) {
                        return new Check(compared, at + "left " + num(l) + ", right " + num(rr), null);
                    }
                    MathContext mc = new MathContext(20);
                    return new Check(compared, at + "left " + hl.get().round(mc) + ", right " + hr.get().round(mc)
                            + " (40-digit arithmetic)", null);
                }
                if (diff >= COUNTEREXAMPLE * scale) {
                    return new Check(compared, at + "left " + num(l) + ", right " + num(rr), null);
                }
                unresolved = "at " + at + "the sides differ by " + num(diff)
                        + " in double arithmetic, which could not be settled in high precision";
            }
            return new Check(compared, null, unresolved);
        }

        /** The value of a formula in t at the double t (taken exactly), to the given digits; empty when Symja fails. */
        Optional<BigDecimal> highPrecision(Formula f, double t, int digits) {
            String e = f.substitute("t", Formula.of(Rational.ofExactDouble(t))).toSymja();
            Optional<IExpr> r = prover.eval("N(" + e + "," + digits + ")");
            if (r.isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of(Symja.toBigDecimal(r.get(), digits, e));
            } catch (SymjaException ex) {
                return Optional.empty();
            }
        }
    }

    /** The numerical part of a check. */
    private record Check(int compared, String counterexample, String unresolved) {
        Status status() {
            return unresolved != null ? Status.UNVERIFIED : Status.CHECKED_NUMERICALLY;
        }
    }

    // ------------------------------------------------------------------------------ formatting

    /** A double as short text: "0", "-0.7", "1000000", "1.5e-12". */
    static String num(double v) {
        if (v == 0) {
            return "0";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = Double.toString(v);
        return s.replace("E", "e");
    }

    static String point(double[] x) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < x.length; i++) {
            b.append(i > 0 ? ", " : "").append(num(x[i]));
        }
        return b.append(')').toString();
    }

    static String parameterText(Map<String, Scalar> values) {
        List<String> parts = new ArrayList<>();
        values.forEach((k, v) -> parts.add(k + " = " + v.toText()));
        return String.join(", ", parts);
    }
}
