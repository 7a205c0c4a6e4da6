package org.nnid.equiv;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.math3.fraction.BigFraction;
import org.nnid.activation.Activation;
import org.nnid.activation.DeclaredDomain;
import org.nnid.activation.PiecewiseLinear;
import org.nnid.exact.ExactBox;
import org.nnid.exact.PiecewiseLinearDecision;
import org.nnid.exact.RegionTree;
import org.nnid.exact.ShallowReluDoubles;
import org.nnid.exact.ZeroDecision;
import org.nnid.net.InputBox;
import org.nnid.net.Network;
import org.nnid.rewrite.Certificate;
import org.nnid.rewrite.Rewriter;
import org.nnid.scalar.DoubleScalar;
import org.nnid.scalar.Interval;
import org.nnid.scalar.Rational;
import org.nnid.symbolic.NetworkExpressions;
import org.nnid.activation.Formula;
import org.nnid.theory.NullFreeness;
import org.nnid.registry.SymbolicProver;
import org.nnid.registry.TheoryRegistry;

/**
 * Decides whether two networks realise the same function on a domain (docs/math.md §6), or, asked
 * {@code --eps E}, whether they are within E of each other there, and never answers without
 * evidence. The exact question takes the networks as written: a double is the rational it
 * denotes, and every step that can prove EQUIVALENT works on those rationals. In order, stopping
 * at the first proof:
 * <ol>
 *   <li>identical networks are EQUIVALENT at once; a witness search in the domain comes next, since
 *       a cheap refutation should not wait for exact canonical forms (an input where rigorous
 *       enclosures of the outputs are disjoint proves NOT_EQUIVALENT);</li>
 *   <li>a finding, never a verdict: for double networks, whether their canonical forms agree within
 *       the parameter tolerance, and a proved bound on max |A − B| over the domain's box;</li>
 *   <li>exact canonical forms (docs/math.md §5): identical ones prove EQUIVALENT for every ρ;</li>
 *   <li>exact procedures on the difference network A − B ({@link ZeroTests}): ≡ 0 proves EQUIVALENT;</li>
 *   <li>the exact procedure's ≢ 0, on all of R^m, or on a box with interior for analytic ρ;</li>
 *   <li>for null-free ρ, the theorem of docs/math.md §4: different exact canonical forms, proved
 *       reduced, mean different functions (on a box too, for analytic ρ);</li>
 *   <li>with {@code --symbolic}, Symja on A − B (a proof only when it gives 0);</li>
 *   <li>otherwise UNKNOWN, with the reason and what the search saw.</li>
 * </ol>
 * Asked with {@link Options#withFormsFirst} (the pair is expected equal), the exact canonical forms
 * come before the witness search, and when they differ the cheap refutations come next: exact
 * evaluation of piecewise-linear networks of doubles, and the theorem of step 6 on the forms at hand.
 * The closeness question: a bound over the box that is ≤ E proves WITHIN_EPS; an input where
 * |A − B| &gt; E is proved gives EXCEEDS_EPS; exact equality (steps 2–3) proves WITHIN_EPS with bound 0.
 */
public final class Checker {
    /** Networks larger than this (nodes of A and B together) are not sent to Symja. */
    static final int SYMBOLIC_MAX_NODES = 60;
    /** The time the region cover of a deep piecewise-linear pair may take. */
    static final Duration PIECEWISE_LINEAR_LIMIT = Duration.ofSeconds(20);
    /**
     * A witness verdict also reports the closeness finding for networks up to this size (nodes of
     * A and B together); beyond, it would wait for exact canonical forms that the verdict does not need.
     */
    static final int FINDING_MAX_NODES = 400;

    /**
     * @param tolerance  relative parameter tolerance of the closeness finding (0: no finding); never
     *                   a route to EQUIVALENT
     * @param box        the input box to compare on; empty: the box the networks declare, if any
     * @param everywhere compare on all of R^m even when the networks declare a box
     * @param question   exact equality, or closeness within ε
     * @param symbolic   also ask Symja whether A − B simplifies to 0
     * @param points     random points for the witness search
     */
    public record Options(TheoryRegistry registry, double tolerance, Optional<InputBox> box, boolean everywhere,
            Question question, boolean symbolic, Duration symbolicLimit, long seed, int points, boolean formsFirst) {
        public static final double DEFAULT_TOLERANCE = org.nnid.rewrite.Tolerance.DEFAULT;

        public Options {
            if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
                throw new IllegalArgumentException("tolerance must be a finite number >= 0, found " + tolerance);
            }
            if (points < 1) {
                throw new IllegalArgumentException("points must be at least 1, found " + points);
            }
        }

        public static Options defaults() {
            return new Options(TheoryRegistry.builtins(), DEFAULT_TOLERANCE, Optional.empty(), false, Question.exact(),
                    false, Duration.ofSeconds(10), 1, 64, false);
        }

        public Options withTolerance(double t) {
            return new Options(registry, t, box, everywhere, question, symbolic, symbolicLimit, seed, points, formsFirst);
        }

        /** Compare on a box of exact bounds ({@code --box 0.1,0.2} is [1/10, 1/5]). */
        public Options withBox(InputBox b) {
            return new Options(registry, tolerance, Optional.of(b), everywhere, question, symbolic, symbolicLimit,
                    seed, points, formsFirst);
        }

        /** Compare on a box whose bounds are the doubles given. */
        public Options withBox(Box b) {
            List<org.nnid.scalar.Scalar> lo = new ArrayList<>();
            List<org.nnid.scalar.Scalar> hi = new ArrayList<>();
            for (int i = 0; i < b.dims(); i++) {
                lo.add(DoubleScalar.of(b.lo()[i]));
                hi.add(DoubleScalar.of(b.hi()[i]));
            }
            return withBox(new InputBox(lo, hi));
        }

        /** Compare on all of R^m, whatever box the networks declare ({@code --box all}). */
        public Options onAllOfRn() {
            return new Options(registry, tolerance, Optional.empty(), true, question, symbolic, symbolicLimit, seed,
                    points, formsFirst);
        }

        public Options withQuestion(Question q) {
            return new Options(registry, tolerance, box, everywhere, q, symbolic, symbolicLimit, seed, points, formsFirst);
        }

        public Options withSymbolic(boolean s) {
            return new Options(registry, tolerance, box, everywhere, question, s, symbolicLimit, seed, points, formsFirst);
        }

        public Options withRegistry(TheoryRegistry r) {
            return new Options(r, tolerance, box, everywhere, question, symbolic, symbolicLimit, seed, points, formsFirst);
        }

        public Options withSearch(long s, int n) {
            return new Options(registry, tolerance, box, everywhere, question, symbolic, symbolicLimit, s, n, formsFirst);
        }

        /**
         * Compare the exact canonical forms before searching for a witness, for callers that
         * expect the pair to be equal (dedup confirms files that share a canonical hash): the
         * forms prove it at once, while a witness search spends its whole budget before giving up.
         * Only the order of the steps changes, never a verdict.
         */
        public Options withFormsFirst() {
            return new Options(registry, tolerance, box, everywhere, question, symbolic, symbolicLimit, seed, points, true);
        }
    }

    /**
     * @param qualifier what kind of proof it is (UNDECIDED for UNKNOWN)
     * @param reason    one line: why this verdict
     * @param domain    where the functions were compared
     * @param steps     how the pair was prepared (renamings, conversions)
     * @param findings  what was proved beside the verdict (closeness of parameters, bounds)
     * @param timings   milliseconds per stage (the one part of a result that varies between runs)
     */
    public record Result(Verdict verdict, ProofKind qualifier, String reason, Question question, Domain domain,
            double tolerance, List<String> steps, List<Evidence> evidence, List<String> findings, List<String> notes,
            Map<String, Long> timings) {
        public Result {
            steps = List.copyOf(steps);
            evidence = List.copyOf(evidence);
            findings = List.copyOf(findings);
            notes = List.copyOf(notes);
            timings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(timings));
        }
    }

    /** A step of the decision: a verdict, or empty to go on. */
    private interface Step {
        Optional<Result> take();
    }

    private final Options options;
    private final Preparation p;
    private final Domain domain;
    private final Optional<TheoryFacts> facts;
    /** The networks as given (after preparation), and their exact images: every double as its rational. */
    private final Network a;
    private final Network b;
    // the exact images, made only when a step needs them (converting a large double network costs time)
    private final Once<Network> exactA = new Once<>(this::exactImageOfA);
    private final Once<Network> exactB = new Once<>(this::exactImageOfB);
    private final List<Evidence> evidence = new ArrayList<>();
    private final List<String> findings = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, Long> timings = new LinkedHashMap<>();
    private final long start = System.nanoTime();
    private long mark = start;

    /** Exact canonical forms, computed once when a step needs them, and their comparison if it could be made. */
    private record ComparedForms(ExactForms forms, Optional<FormComparison> comparison) {}

    /** A value computed once, on first use (steps share the exact forms and the zero test). */
    private static final class Once<T> {
        private final java.util.function.Supplier<T> compute;
        private T value;
        private boolean done;

        Once(java.util.function.Supplier<T> compute) {
            this.compute = compute;
        }

        T get() {
            if (!done) {
                value = compute.get();
                done = true;
            }
            return value;
        }
    }

    private final Once<Optional<ComparedForms>> exactForms = new Once<>(this::computeExactForms);
    private final Once<Optional<ZeroDecision>> zeroDecision = new Once<>(this::computeZeroDecision);
    private Optional<WitnessSearch.Outcome> search = Optional.empty();
    private String undecided = "";

    private final FormMemo memoOfA;

    private Checker(Network a0, Network b0, Options options, FormMemo memoOfA) {
        this.options = options;
        this.memoOfA = memoOfA;
        this.p = Preparation.of(a0, b0, options.registry());
        this.domain = Domain.resolve(options.box(), options.everywhere(), p.a(), p.b());
        this.a = p.a();
        this.b = p.b();
        this.facts = p.sameActivation() ? Optional.of(TheoryFacts.of(a, options.registry())) : Optional.empty();
        lap("prepare");
    }

    /**
     * @throws IllegalArgumentException when the networks do not have the same numbers of inputs and
     *                                  outputs, a box has the wrong dimension, or declared boxes do
     *                                  not meet
     */
    public static Result check(Network a, Network b, Options options) {
        return check(a, b, options, new FormMemo());
    }

    /**
     * The same, reusing A's exact canonical form from earlier checks with the same memo when A is
     * the same network object (dedup checks every file of a bucket against one representative).
     */
    public static Result check(Network a, Network b, Options options, FormMemo memoOfA) {
        if (options.box().isPresent() && options.box().get().dimension() != a.inputCount()) {
            throw new IllegalArgumentException("--box has " + options.box().get().dimension() + " coordinates, the networks "
                    + a.inputCount() + " inputs");
        }
        return new Checker(a, b, options, memoOfA).run();
    }

    /**
     * A's exact canonical form, kept for the next check whose A is the same network object under
     * the same theory. Not thread-safe: one per thread (or per bucket).
     */
    public static final class FormMemo {
        private Network network;
        private org.nnid.theory.Theory theory;
        private Rewriter.Result form;

        Rewriter.Result formOf(Network net, TheoryFacts facts) {
            if (net != network || facts.theory() != theory) {
                form = ExactForms.form(net, facts); // may throw: then nothing is kept
                network = net;
                theory = facts.theory();
            }
            return form;
        }
    }

    private Result run() {
        if (!DeclaredDomain.of(a.activation()).isRealLine() || !DeclaredDomain.of(b.activation()).isRealLine()) {
            return onDeclaredDomain();
        }
        List<Step> steps = options.question() instanceof Question.Closeness c ? List.of(
                () -> boundWithin(c.eps()),
                () -> exceedsWitness(c.eps()),
                () -> bisection(c.eps()),
                () -> identicalExactForms().map(r -> within(r, c.eps())),
                () -> exactZero().map(r -> within(r, c.eps())),
                // the exact decision answers closeness only when it proves equality (bound 0); one hidden layer, then deeper
                () -> piecewiseLinear(true).filter(r -> r.verdict() == Verdict.EQUIVALENT).map(r -> within(r, c.eps())),
                () -> piecewiseLinear(false).filter(r -> r.verdict() == Verdict.EQUIVALENT).map(r -> within(r, c.eps())))
                : List.of(
                        this::identicalNetworks,
                        () -> piecewiseLinear(true),
                        this::identicalCheapExactForms,
                        this::exactEvaluation,
                        this::theoremOnFormsAtHand,
                        this::witness,
                        this::closenessFinding,
                        this::identicalExactForms,
                        this::exactZero,
                        () -> piecewiseLinear(false),
                        this::exactNonzero,
                        this::theoremInItsPlace,
                        this::symbolic);
        for (Step s : steps) {
            Optional<Result> r = s.take();
            if (r.isPresent()) {
                return r.get();
            }
        }
        return unknown();
    }

    /**
     * A network whose ρ is declared on part of ℝ (a user theory's {@code domain:}) is a function on
     * the inputs where every pre-activation lies in that domain. Canonical moves (deleting a dead
     * node, folding a constant one) and exact procedures on A − B ignore where the networks are
     * undefined, so none of them proves anything here: only identical networks are EQUIVALENT, and
     * only a witness input at which both networks are proved defined is NOT_EQUIVALENT (or
     * EXCEEDS_EPS); everything else is UNKNOWN, with this reason.
     */
    private Result onDeclaredDomain() {
        Activation rho = DeclaredDomain.of(a.activation()).isRealLine() ? b.activation() : a.activation();
        String declared = rho.name() + " is declared on " + DeclaredDomain.of(rho) + " only";
        double eps = options.question() instanceof Question.Closeness c ? c.eps() : 0;
        Optional<Result> same = identicalNetworks();
        if (same.isPresent()) {
            return eps == 0 ? same.get() : within(same.get(), eps);
        }
        WitnessSearch.Outcome s;
        try {
            s = WitnessSearch.run(a, b, domain.inner(), options.seed(), options.points(), eps);
        } catch (org.nnid.net.ActivationEvaluationException e) {
            return finish(Verdict.UNKNOWN, ProofKind.UNDECIDED, declared + ", and the witness search met an input"
                    + " outside it (" + e.getMessage() + ")");
        }
        lap("witness search");
        if (s.witness().isPresent() && definedAt(a, s.witness().get().x()) && definedAt(b, s.witness().get().x())) {
            evidence.add(s.witness().get());
            String in = domain.isEverywhere() ? "" : " in the box";
            return eps == 0
                    ? finish(Verdict.NOT_EQUIVALENT, ProofKind.WITNESS, "the outputs provably differ at a witness input"
                            + in + " where every pre-activation of both networks is proved inside the domain (" + declared + ")")
                    : finish(Verdict.EXCEEDS_EPS, ProofKind.WITNESS, "|A - B| > " + eps + " is proved at an input" + in
                            + " where every pre-activation of both networks is proved inside the domain (" + declared + ")");
        }
        evidence.add(s.search());
        s.witness().ifPresent(w -> notes.add("an input where the outputs differ was found, but not every"
                + " pre-activation there is proved inside the domain, so it proves nothing"));
        return finish(Verdict.UNKNOWN, ProofKind.UNDECIDED, declared + ": the networks are functions on the inputs where"
                + " every pre-activation lies in it, and canonical forms and exact procedures ignore where they are undefined;"
                + " nnid proves " + (eps == 0 ? "EQUIVALENT" : "WITHIN_EPS") + " for such networks only when they are"
                + " identical, and no witness input where both are defined was found");
    }

    /** Every pre-activation of the network at x is proved inside the activation's domain. */
    private static boolean definedAt(Network net, double[] x) {
        try {
            org.nnid.net.Evaluator.encloseDefined(net, Arrays.stream(x).mapToObj(Interval::point).toArray(Interval[]::new));
            return true;
        } catch (org.nnid.net.ActivationEvaluationException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------------ the exact question

    /** Step 1: closeness of double parameters and a bound over the box, as findings beside the verdict. */
    private Optional<Result> closenessFinding() {
        if ((a.isExact() && b.isExact()) || facts.isEmpty() || options.tolerance() == 0) {
            return Optional.empty();
        }
        double tol = options.tolerance();
        TheoryFacts f = facts.get();
        FormComparison cmp;
        try {
            cmp = FormComparison.of(canonicalise(a, f, tol).network(), canonicalise(b, f, tol).network(),
                    f.positiveScaling(), tol);
        } catch (ArithmeticException e) {
            return Optional.empty();
        }
        lap("closeness");
        // Canonical forms of doubles are computed in double arithmetic; their agreement is reported
        // only when the exact forms confirm the graph, so rounding cannot manufacture closeness.
        boolean graphConfirmed = exactForms().flatMap(ComparedForms::comparison).map(FormComparison::sameGraph)
                .orElse(false);
        if (cmp.within(tol) && graphConfirmed) {
            findings.add("the canonical forms of the doubles agree within relative " + tol
                    + " (largest parameter difference " + cmp.largestDifference()
                    + (cmp.where().isEmpty() ? "" : ", " + cmp.where())
                    + "): closeness of parameters, not a proof of equality");
            domain.outer().ifPresent(box -> {
                Evidence.BoxBound bb = DifferenceBound.bound(a, b, box);
                evidence.add(bb);
                findings.add("max |A - B| <= " + bb.upperBound() + " on " + domain.description() + " (proved, "
                        + bb.method() + ")");
                lap("bound");
            });
        } else if (cmp.sameGraph()) {
            notes.add("the canonical forms of the doubles have the same graph; their values differ by up to "
                    + cmp.largestDifference() + " (relative; " + cmp.where() + ")");
        }
        return Optional.empty();
    }

    /**
     * Identical networks (after preparation) are one function: both certificates are empty and
     * reach the same network, which check-evidence replays like any other.
     */
    private Optional<Result> identicalNetworks() {
        if (!a.equals(b)) {
            return Optional.empty();
        }
        Certificate ca = new Certificate(Certificate.sha256(exactA.get()), List.of(), exactA.get());
        Certificate cb = new Certificate(Certificate.sha256(exactB.get()), List.of(), exactB.get());
        evidence.add(new Evidence.CanonicalForms(ca, cb, true, 0, 0));
        return Optional.of(finish(Verdict.EQUIVALENT, ProofKind.EXACT, "the two networks are identical"));
    }

    /**
     * Step 2 before the witness search when the exact forms cost about as much as reading the
     * networks (dense layers of small rationals), or when the caller expects equality
     * ({@link Options#withFormsFirst}): identical forms prove EQUIVALENT at once, which
     * no search can refute. Different forms say nothing yet; step 2 reports them in its place.
     */
    private Optional<Result> identicalCheapExactForms() {
        boolean cheap = a.isExact() && b.isExact() && Rewriter.hasExactFastPath(a) && Rewriter.hasExactFastPath(b);
        if (facts.isEmpty() || !(cheap || options.formsFirst()) || visiblyDifferent()) {
            return Optional.empty();
        }
        boolean identical = exactForms().flatMap(ComparedForms::comparison).map(ExactForms::identical).orElse(false);
        return identical ? identicalExactForms() : Optional.empty();
    }

    /**
     * Whether the outputs at one input differ by far more than double rounding: then the witness
     * search will likely refute at once, and the forms wait. Only the order of the steps depends on
     * it, never a verdict (identical forms cannot meet a witness).
     */
    private boolean visiblyDifferent() {
        double[] x = new double[a.inputCount()];
        java.util.Arrays.fill(x, 0.3);
        double[] ya = org.nnid.net.Evaluator.evaluate(a, x);
        double[] yb = org.nnid.net.Evaluator.evaluate(b, x);
        for (int k = 0; k < ya.length; k++) {
            if (!(Math.abs(ya[k] - yb[k]) <= 1e-12 * (1 + Math.abs(ya[k])))) {
                return true;
            }
        }
        return false;
    }

    /** Points where {@link #exactEvaluation} evaluates: a few generic inputs with short binary fractions. */
    static final int EXACT_POINTS = 3;

    /**
     * With {@link Options#withFormsFirst}, after the forms did not prove the pair equal (a near miss
     * is expected): piecewise-linear networks of doubles evaluated exactly at a few generic points
     * (never the origin, where a first-layer weight is invisible); outputs whose difference shows
     * in doubles prove NOT_EQUIVALENT without rounding, before a witness search or the region cover.
     */
    private Optional<Result> exactEvaluation() {
        if (!options.formsFirst() || !ExactPiecewise.applies(a) || !ExactPiecewise.applies(b)) {
            return Optional.empty();
        }
        java.util.SplittableRandom random = new java.util.SplittableRandom(options.seed());
        for (int k = 0; k < EXACT_POINTS; k++) {
            double[] x = new double[a.inputCount()];
            for (int i = 0; i < x.length; i++) {
                x[i] = (1 + random.nextInt(255)) / 64.0 * (random.nextBoolean() ? 1 : -1); // short: cheap to multiply
            }
            if (domain.inner().isPresent() && !domain.inner().get().contains(x)) {
                continue;
            }
            Optional<Evidence.Witness> w = ExactPiecewise.prove(a, b, x, 0);
            if (w.isPresent()) {
                return Optional.of(exactWitness(w.get(), ""));
            }
        }
        // a difference below the outputs' ulp (a parameter moved by one ulp) shows where A crosses zero
        Optional<Evidence.Witness> w = ZeroCrossingWitness.find(a, b, domain.inner(), options.seed(), EXACT_POINTS);
        if (w.isPresent()) {
            return Optional.of(exactWitness(w.get(), ", where A's output crosses zero"));
        }
        lap("exact evaluation");
        return Optional.empty();
    }

    private Result exactWitness(Evidence.Witness w, String where) {
        lap("exact evaluation");
        evidence.add(w);
        return finish(Verdict.NOT_EQUIVALENT, ProofKind.WITNESS, "the outputs, computed exactly, differ at an input"
                + (domain.isEverywhere() ? "" : " in the box") + where);
    }

    /**
     * With {@link Options#withFormsFirst}: when the exact forms are already computed and differ, the
     * null-freeness theorem (step 6) costs almost nothing more, so it goes before the witness search
     * and the zero test instead of after them.
     */
    private Optional<Result> theoremOnFormsAtHand() {
        if (!options.formsFirst() || !exactForms.done) {
            return Optional.empty();
        }
        theoremTried = true;
        return theorem();
    }

    /** Whether step 6 was already taken early (then its notes are already said). */
    private boolean theoremTried;

    private Optional<Result> theoremInItsPlace() {
        return theoremTried ? Optional.empty() : theorem();
    }

    /** Step 2: identical exact canonical forms prove EQUIVALENT. */
    private Optional<Result> identicalExactForms() {
        Optional<ComparedForms> forms = exactForms();
        if (forms.isEmpty() || forms.get().comparison().isEmpty()) {
            return Optional.empty();
        }
        ExactForms f = forms.get().forms();
        FormComparison cmp = forms.get().comparison().get();
        if (ExactForms.identical(cmp)) {
            evidence.add(new Evidence.CanonicalForms(f.a().certificate(), f.b().certificate(), true, 0, 0));
            return Optional.of(finish(Verdict.EQUIVALENT, ProofKind.EXACT, "identical exact canonical forms"));
        }
        notes.add(cmp.sameGraph() ? "the exact canonical forms have the same graph and differ in value ("
                + cmp.where() + ")" : "the exact canonical forms differ: " + cmp.structuralDifference().get());
        return Optional.empty();
    }

    /** Step 3: A − B ≡ 0, decided exactly, proves EQUIVALENT on every domain. */
    private Optional<Result> exactZero() {
        Optional<ZeroDecision> z = zeroDecision();
        if (z.isPresent() && z.get().isZero()) {
            evidence.add(new Evidence.ZeroTest(true, z.get().method(), z.get().evidence(), z.get().data()));
            return Optional.of(finish(Verdict.EQUIVALENT, ProofKind.EXACT, "A − B ≡ 0, decided exactly (" + z.get().method()
                    + ")"));
        }
        return Optional.empty();
    }

    /**
     * Piecewise-linear ρ with rational weights: A − B decided exactly on the domain itself, any
     * depth and any number of inputs (docs/math.md §6). One hidden layer is cheap and goes before the
     * canonical forms ({@code shallowOnly}); deeper networks come after them, as the region cover
     * can be slow where the canonical forms are quick.
     */
    private Optional<Result> piecewiseLinear(boolean shallowOnly) {
        Optional<PiecewiseLinear> rho = facts.flatMap(f -> f.theory().instantiatedDefinition()
                .toPiecewiseLinear("t", Map.of()));
        if (rho.isEmpty()) {
            return Optional.empty();
        }
        Optional<ExactBox> box = domain.outer().map(bx -> ExactBox.ofDoubles(bx.lo(), bx.hi()));
        if (shallowOnly) { // trained networks: doubles grouped without converting them to fractions
            Optional<ZeroDecision> zero = ShallowReluDoubles.proveZero(a, b, box);
            lap("piecewise-linear decision");
            if (zero.isPresent()) {
                return Optional.of(piecewiseLinearZero(zero.get(), Optional.empty()));
            }
        }
        Optional<Network> d = Difference.of(exactA.get(), exactB.get());
        if (d.isEmpty() || shallowOnly != PiecewiseLinearDecision.isShallow(d.get())) {
            return Optional.empty();
        }
        PiecewiseLinearDecision pl = PiecewiseLinearDecision.decide(d.get(), rho.get(), box, PIECEWISE_LINEAR_LIMIT);
        lap("piecewise-linear decision");
        ZeroDecision z = pl.decision();
        if (z.isZero()) {
            return Optional.of(piecewiseLinearZero(z, pl.tree()));
        }
        if (!z.isNonzero()) {
            undecided = "the exact piecewise-linear decision (" + z.method() + ") did not finish: " + z.evidence()
                    + "; no witness input was found";
            return Optional.empty();
        }
        if (!Difference.zeroIsNecessary(a, facts.get())) {
            notes.add("the output pre-activations differ (" + z.method() + "), but " + a.activation().name()
                    + " at the outputs is not known to be injective: no conclusion");
            return Optional.empty();
        }
        double[] x = pl.witness().orElseThrow().stream().mapToDouble(BigFraction::doubleValue).toArray();
        Optional<Evidence.Witness> w = domain.inner().isEmpty() || domain.inner().get().contains(x)
                ? WitnessSearch.proveAt(a, b, x, 0) : Optional.empty();
        if (w.isEmpty()) {
            notes.add("A − B ≢ 0 on " + domain.description() + " (" + z.method() + "), but the point found, rounded to"
                    + " doubles, does not show it in rigorous arithmetic");
            return Optional.empty();
        }
        evidence.add(w.get());
        return Optional.of(finish(Verdict.NOT_EQUIVALENT, ProofKind.WITNESS, "the outputs provably differ at an input"
                + " found by the exact piecewise-linear decision (" + z.method() + ")"));
    }

    /** EQUIVALENT on the domain by a piecewise-linear decision, with what it rests on. */
    private Result piecewiseLinearZero(ZeroDecision z, Optional<RegionTree> tree) {
        evidence.add(new Evidence.PiecewiseLinearZero(z.method(), z.evidence(), domain.outer(), tree, z.data()));
        return finish(Verdict.EQUIVALENT, ProofKind.EXACT, "A − B ≡ 0 on " + domain.description() + ", decided exactly ("
                + z.method() + ")");
    }

    /** Step 4: an input of the domain where the outputs provably differ. */
    private Optional<Result> witness() {
        WitnessSearch.Outcome s = WitnessSearch.run(a, b, domain.inner(), options.seed(), options.points(), 0);
        search = Optional.of(s);
        lap("witness search");
        if (s.witness().isPresent()) {
            evidence.add(s.witness().get());
            if (a.nodeCount() + b.nodeCount() <= FINDING_MAX_NODES) {
                closenessFinding(); // cheap here, and it says how close the different networks are
            }
            return Optional.of(finish(Verdict.NOT_EQUIVALENT, ProofKind.WITNESS, "the outputs provably differ at a witness"
                    + " input" + (domain.isEverywhere() ? "" : " in the box")));
        }
        return Optional.empty();
    }

    /** Step 5: A − B ≢ 0, decided exactly on R^m, where that is a difference on the domain. */
    private Optional<Result> exactNonzero() {
        Optional<ZeroDecision> z = zeroDecision();
        if (z.isEmpty() || !z.get().isNonzero()) {
            return Optional.empty();
        }
        if (facts.isEmpty() || !Difference.zeroIsNecessary(a, facts.get())) {
            notes.add("the output pre-activations differ (" + z.get().method() + "), but " + a.activation().name()
                    + " at the outputs is not known to be injective: no conclusion");
            return Optional.empty();
        }
        if (!differenceOnRmHoldsOnDomain()) {
            notes.add("A − B ≢ 0 on all of R^" + a.inputCount() + " (" + z.get().method() + "), which proves nothing"
                    + " on the box for " + a.activation().name() + " (not analytic)");
            return Optional.empty();
        }
        evidence.add(new Evidence.ZeroTest(false, z.get().method(), z.get().evidence(), z.get().data()));
        search.ifPresent(s -> evidence.add(s.search()));
        return Optional.of(finish(Verdict.NOT_EQUIVALENT, ProofKind.EXACT, "A − B ≢ 0, decided exactly (" + z.get().method()
                + "); no witness input found where double and interval arithmetic can tell them apart"));
    }

    /** Step 6: null-free ρ, reduced exact canonical forms that differ. */
    private Optional<Result> theorem() {
        if (facts.isEmpty() || !facts.get().nullFree()) {
            return Optional.empty();
        }
        Optional<ComparedForms> forms = exactForms();
        if (forms.isEmpty() || forms.get().comparison().isEmpty()) {
            return Optional.empty();
        }
        if (!differenceOnRmHoldsOnDomain()) {
            notes.add("the null-freeness theorem speaks of all of R^" + a.inputCount() + "; " + a.activation().name()
                    + " is not known to be analytic, so it proves nothing on the box");
            return Optional.empty();
        }
        ExactForms f = forms.get().forms();
        TheoryFacts t = facts.get();
        Optional<ExactForms.TheoremGap> gap = f.theoremGap(t);
        lap("theorem");
        if (gap.isPresent()) {
            // ρ is null-free here, so only reducedness can be missing.
            ExactForms.TheoremGap.NotReduced notReduced = (ExactForms.TheoremGap.NotReduced) gap.get();
            undecided = "the exact canonical forms are not proved reduced: " + notReduced.why();
            notes.add("the null-freeness theorem does not apply: " + undecided);
            return Optional.empty();
        }
        evidence.add(new Evidence.Theorem(t.name(), t.citation(), f.a().certificate(), f.b().certificate(),
                List.of(forms.get().comparison().get().where()),
                FormDifferences.of(f.a().certificate().result(), f.b().certificate().result())));
        search.ifPresent(s -> evidence.add(s.search()));
        return Optional.of(finish(Verdict.NOT_EQUIVALENT, ProofKind.THEOREM, t.name()
                + " is null-free and the exact canonical forms differ (docs/math.md §4)"));
    }

    /** Step 7: Symja, as a second opinion (a proof only when it returns exactly 0). */
    private Optional<Result> symbolic() {
        if (!options.symbolic()) {
            return Optional.empty();
        }
        Evidence.Symbolic s = symbolic(exactA.get(), exactB.get(), options.symbolicLimit());
        lap("symbolic");
        if (s.proved()) {
            evidence.add(s);
            return Optional.of(finish(Verdict.EQUIVALENT, ProofKind.EXACT, "Symja simplifies A − B to 0"));
        }
        notes.add(s.describe());
        return Optional.empty();
    }

    private Result unknown() {
        search.ifPresent(s -> evidence.add(s.search()));
        if (domain.outer().isPresent() && evidence.stream().noneMatch(e -> e instanceof Evidence.BoxBound)) {
            Evidence.BoxBound bb = DifferenceBound.bound(a, b, domain.outer().get());
            evidence.add(bb);
            lap("bound");
        }
        if (options.question() instanceof Question.Closeness c) {
            return finish(Verdict.UNKNOWN, ProofKind.UNDECIDED, "neither a bound <= " + c.eps() + " over the domain nor an"
                    + " input where |A - B| > " + c.eps() + " was proved");
        }
        return finish(Verdict.UNKNOWN, ProofKind.UNDECIDED, undecided.isEmpty() ? unknownReason() : undecided);
    }

    /** Whether a difference on all of R^m is a difference on the domain. */
    private boolean differenceOnRmHoldsOnDomain() {
        return domain.isEverywhere() || (facts.isPresent() && facts.get().analytic() && domain.isOpen());
    }

    private String unknownReason() {
        if (facts.isEmpty()) {
            return "the networks use different nonlinearities with no affine relation, and no witness was found";
        }
        String name = facts.get().name();
        NullFreeness.Status s = facts.get().theory().nullFreeness().status();
        String why = s == NullFreeness.Status.REFUTED ? name + " is not null-free (it has null networks)"
                : s == NullFreeness.Status.PROVED ? name + " is null-free, but the theorem does not apply here"
                : name + "'s null-freeness is not known";
        return why + "; the exact canonical forms differ, no exact procedure decides the pair, and no witness"
                + " input was found";
    }

    // ------------------------------------------------------------------------ the closeness question

    /**
     * A proved bound over the box that is at most ε: the bound reported beside verdicts, the worst
     * piece bisected {@link DifferenceBound#SPLITS} times.
     */
    private Optional<Result> boundWithin(double eps) {
        if (domain.outer().isEmpty()) {
            return Optional.empty();
        }
        Evidence.BoxBound bb = DifferenceBound.bound(a, b, domain.outer().get());
        evidence.add(bb);
        lap("bound");
        if (bb.upperBound() <= eps) {
            return Optional.of(within(bb, eps));
        }
        notes.add("the bound proved over the box, " + bb.upperBound() + ", exceeds " + eps);
        return Optional.empty();
    }

    /**
     * When neither the bound nor the witness search decided: bisection until every leaf is within
     * ε, on every core, which may also find a witness (docs/math.md §6.5). Its tree replaces the
     * coarser bound as evidence.
     */
    private Optional<Result> bisection(double eps) {
        if (domain.outer().isEmpty()) {
            return Optional.empty();
        }
        Box box = domain.outer().get();
        SplitSearch.Outcome o = DifferenceBound.decide(a, b, box, domain.inner().get(), eps,
                SplitSearch.Limits.boxes(checkerBoxes()));
        lap("bisection");
        if (o instanceof SplitSearch.Outcome.Within w) {
            Evidence.BoxBound proof = DifferenceBound.evidence(a, b, box, w.tree());
            evidence.removeIf(e -> e instanceof Evidence.BoxBound);
            evidence.add(proof);
            return Optional.of(within(proof, eps));
        }
        if (o instanceof SplitSearch.Outcome.Exceeds x) {
            evidence.add(x.witness());
            return Optional.of(finish(Verdict.EXCEEDS_EPS, ProofKind.WITNESS, "|A - B| > " + eps + " is proved at an input"
                    + " in the box (found by bisection)"));
        }
        notes.add("bisection did not decide (" + ((SplitSearch.Outcome.Open) o).why() + ", " + o.boxes() + " boxes)");
        return Optional.empty();
    }

    private Result within(Evidence.BoxBound bb, double eps) {
        return finish(Verdict.WITHIN_EPS, ProofKind.BOUND, "max |A - B| <= " + bb.upperBound() + " <= " + eps
                + " on " + domain.description() + ", proved by " + bb.method()
                + (bb.pieces() > DifferenceBound.SPLITS + 1 ? " over " + bb.pieces() + " sub-boxes" : ""));
    }

    /**
     * Boxes the bisection may bound: about 3·10^9 multiply-adds of symbolic propagation, and never
     * fewer than 1024, so the answer does not depend on the machine's speed.
     */
    private long checkerBoxes() {
        double perBox = (double) (a.storedWeightCount() + b.storedWeightCount() + 1) * (a.inputCount() + 1) * 2;
        return Math.max(1024, Math.min(DifferenceBound.CHECKER_BOXES, (long) (3e9 / perBox)));
    }

    /** An input of the domain where |A − B| &gt; ε is proved. */
    private Optional<Result> exceedsWitness(double eps) {
        WitnessSearch.Outcome s = WitnessSearch.run(a, b, domain.inner(), options.seed(), options.points(), eps);
        search = Optional.of(s);
        lap("witness search");
        if (s.witness().isPresent()) {
            evidence.add(s.witness().get());
            return Optional.of(finish(Verdict.EXCEEDS_EPS, ProofKind.WITNESS, "|A - B| > " + eps + " is proved at an input"
                    + (domain.isEverywhere() ? "" : " in the box")));
        }
        return Optional.empty();
    }

    /** An exact proof of equality answers the closeness question with bound 0. */
    private Result within(Result exact, double eps) {
        return finish(Verdict.WITHIN_EPS, ProofKind.EXACT, "A and B are the same function (" + exact.reason()
                + "), so max |A - B| = 0 <= " + eps);
    }

    // ------------------------------------------------------------------------ shared work

    private Optional<ComparedForms> exactForms() {
        return exactForms.get();
    }

    private Optional<ComparedForms> computeExactForms() {
        if (facts.isEmpty()) {
            return Optional.empty();
        }
        Optional<ComparedForms> forms = Optional.empty();
        try {
            ExactForms f = new ExactForms(memoOfA.formOf(a, facts.get()), ExactForms.form(b, facts.get()));
            Optional<FormComparison> cmp;
            try {
                cmp = Optional.of(f.compare());
            } catch (ArithmeticException e) {
                undecided = "the exact canonical forms could not be compared: " + e.getMessage();
                notes.add(undecided);
                cmp = Optional.empty();
            }
            forms = Optional.of(new ComparedForms(f, cmp));
        } catch (ArithmeticException e) {
            undecided = "the exact canonical forms could not be computed: " + e.getMessage();
            notes.add(undecided);
        }
        lap("canonical forms");
        return forms;
    }

    private Optional<ZeroDecision> zeroDecision() {
        return zeroDecision.get();
    }

    private Optional<ZeroDecision> computeZeroDecision() {
        Optional<ZeroDecision> decision;
        Optional<Network> d = p.sameActivation() ? Difference.of(exactA.get(), exactB.get()) : Optional.empty();
        try {
            decision = d.map(options.registry()::decideZero).filter(z -> z.verdict() != ZeroDecision.Verdict.NOT_APPLICABLE);
        } catch (ArithmeticException e) {
            notes.add("the exact zero test could not decide: " + e.getMessage());
            decision = Optional.empty();
        }
        lap("zero test");
        return decision;
    }

    private Result finish(Verdict verdict, ProofKind qualifier, String reason) {
        timings.put("total", (System.nanoTime() - start) / 1_000_000);
        return new Result(verdict, qualifier, reason, options.question(), domain, options.tolerance(),
                p.steps(), evidence, findings, notes, timings);
    }

    private void lap(String stage) {
        long now = System.nanoTime();
        timings.merge(stage, (now - mark) / 1_000_000, Long::sum);
        mark = now;
    }

    static Rewriter.Result canonicalise(Network net, TheoryFacts facts, double tol) {
        return Rewriter.canonicalise(net, facts.theory(), tol);
    }

    private Network exactImageOfA() {
        return exactImage(a);
    }

    private Network exactImageOfB() {
        return exactImage(b);
    }

    /** The network with every double replaced by the rational it is exactly. */
    static Network exactImage(Network net) {
        return net.isExact() ? net
                : net.mapAllValues(s -> s instanceof DoubleScalar d ? Rational.ofExactDouble(d.value()) : s);
    }

    /** Symja on A − B, output by output (exact networks only: Symja compares doubles fuzzily). */
    static Evidence.Symbolic symbolic(Network qa, Network qb, Duration limit) {
        if (qa.nodeCount() + qb.nodeCount() > SYMBOLIC_MAX_NODES) {
            return new Evidence.Symbolic(Evidence.Symbolic.Outcome.NOT_DECIDED, "not attempted: the networks have more than "
                    + SYMBOLIC_MAX_NODES + " nodes together");
        }
        SymbolicProver prover = new SymbolicProver(limit);
        List<String> methods = new ArrayList<>();
        for (int k = 0; k < qa.outputCount(); k++) {
            String e = "(" + NetworkExpressions.toSymja(qa, k) + ")-(" + NetworkExpressions.toSymja(qb, k) + ")";
            SymbolicProver.Result r = prover.proveZero(Formula.parse(e), "", List.of());
            if (!r.proved()) {
                return new Evidence.Symbolic(r.outcome() == SymbolicProver.Outcome.TIMED_OUT
                        ? Evidence.Symbolic.Outcome.TIMED_OUT : Evidence.Symbolic.Outcome.NOT_DECIDED, "output " + (k + 1) + ": " + r.method() + " (limit " + limit.toSeconds()
                        + " s per call)");
            }
            methods.add(r.method());
        }
        return new Evidence.Symbolic(Evidence.Symbolic.Outcome.ZERO, String.join("; ", methods));
    }
}
