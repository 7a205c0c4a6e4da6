package org.nnid.equiv;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.nnid.net.Network;
import org.nnid.rewrite.Rewriter;
import org.nnid.scalar.DoubleScalar;
import org.nnid.scalar.Rational;
import org.nnid.symbolic.NetworkExpressions;
import org.nnid.theory.Formula;
import org.nnid.theory.NullFreeness;
import org.nnid.theory.SymbolicProver;
import org.nnid.theory.TheoryRegistry;

/**
 * Decides whether two networks realise the same function (MATH.md §6), and never answers without
 * evidence:
 * <ol>
 *   <li>canonical forms (MATH.md §5): identical ones prove EQUIVALENT for every ρ; for double
 *       networks, the same graph with values within the tolerance gives EQUIVALENT "within
 *       tolerance T";</li>
 *   <li>exact class procedures on the difference network A − B ({@link ZeroTests}: polynomial ρ,
 *       piecewise-linear ρ on one input, one hidden layer of sin, cos, exp, tanh, logistic);</li>
 *   <li>a witness search: an input where rigorous enclosures of the outputs are disjoint;</li>
 *   <li>for null-free ρ, the theorem of MATH.md §4: different exact canonical forms of reduced
 *       networks mean different functions;</li>
 *   <li>with {@code --symbolic}, Symja on A − B, as a second opinion (and a proof when it gives 0);</li>
 *   <li>otherwise UNKNOWN, with the reason and what the search saw.</li>
 * </ol>
 * Double networks enter the exact steps as the rationals their binary values are, so an exact
 * answer about them is about the networks as written.
 */
public final class Checker {
    /** Networks larger than this (nodes of A and B together) are not sent to Symja. */
    static final int SYMBOLIC_MAX_NODES = 60;

    /**
     * @param tolerance relative tolerance for double values (0: compare doubles exactly)
     * @param box       the input box to compare on, or null for all of R^m
     * @param symbolic  also ask Symja whether A − B simplifies to 0
     * @param points    random points for the witness search
     */
    public record Options(TheoryRegistry registry, double tolerance, Box box, boolean symbolic, Duration symbolicLimit,
            long seed, int points) {
        public static final double DEFAULT_TOLERANCE = Rewriter.DEFAULT_TOLERANCE;

        public Options {
            if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
                throw new IllegalArgumentException("tolerance must be a finite number >= 0, found " + tolerance);
            }
        }

        public static Options defaults() {
            return new Options(TheoryRegistry.builtins(), DEFAULT_TOLERANCE, null, false, Duration.ofSeconds(10), 1, 64);
        }

        public Options withTolerance(double t) {
            return new Options(registry, t, box, symbolic, symbolicLimit, seed, points);
        }

        public Options withBox(Box b) {
            return new Options(registry, tolerance, b, symbolic, symbolicLimit, seed, points);
        }

        public Options withSymbolic(boolean s) {
            return new Options(registry, tolerance, box, s, symbolicLimit, seed, points);
        }

        public Options withRegistry(TheoryRegistry r) {
            return new Options(r, tolerance, box, symbolic, symbolicLimit, seed, points);
        }
    }

    /**
     * @param qualifier what kind of answer it is: "exact", "within tolerance T (relative)", or for
     *                  UNKNOWN "undecided"
     * @param reason    one line: why this verdict
     * @param steps     how the pair was prepared (renamings, conversions)
     * @param timings   milliseconds per stage (the one part of a result that varies between runs)
     */
    public record Result(Verdict verdict, String qualifier, String reason, double tolerance, List<String> steps,
            List<Evidence> evidence, List<String> notes, Map<String, Long> timings) {
        public Result {
            steps = List.copyOf(steps);
            evidence = List.copyOf(evidence);
            notes = List.copyOf(notes);
            timings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(timings));
        }
    }

    private final Options options;
    private final List<Evidence> evidence = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, Long> timings = new LinkedHashMap<>();
    private long mark = System.nanoTime();

    private Checker(Options options) {
        this.options = options;
    }

    /**
     * @throws IllegalArgumentException when the networks do not have the same numbers of inputs and
     *                                  outputs, or a box has the wrong dimension
     */
    public static Result check(Network a, Network b, Options options) {
        if (options.box() != null && options.box().dims() != a.inputCount()) {
            throw new IllegalArgumentException("--box has " + options.box().dims() + " coordinates, the networks "
                    + a.inputCount() + " inputs");
        }
        return new Checker(options).run(a, b);
    }

    /** The reason of the last comparison that could not be decided, for the notes. */
    private String undecided;

    /**
     * A comparison of canonical forms, or null when the sign of the difference of two exact
     * constants cannot be decided (equal constants Symja cannot simplify to 0 agree to 200 digits):
     * neither equal nor different is then proved, and a note says so.
     */
    private FormComparison compare(java.util.function.Supplier<FormComparison> comparison) {
        try {
            return comparison.get();
        } catch (ArithmeticException e) {
            undecided = e.getMessage();
            notes.add("canonical forms not compared: " + e.getMessage());
            return null;
        }
    }

    private Result run(Network a0, Network b0) {
        long start = System.nanoTime();
        Preparation p = Preparation.of(a0, b0, options.registry());
        // With tolerance 0 the doubles are taken as the exact rationals they are, in every step.
        boolean exactRequested = options.tolerance() == 0;
        Network a = exactRequested ? exactImage(p.a()) : p.a();
        Network b = exactRequested ? exactImage(p.b()) : p.b();
        lap("prepare");
        boolean exact = a.isExact() && b.isExact();
        double tol = exact ? 0 : options.tolerance();
        TheoryFacts facts = p.sameActivation() ? TheoryFacts.of(a, options.registry()) : null;

        // 1. Canonical forms.
        Rewriter.Result ca = null;
        Rewriter.Result cb = null;
        FormComparison cmp = null;
        if (facts != null) {
            ca = canonicalise(a, facts, tol);
            cb = canonicalise(b, facts, tol);
            Network fa = ca.network();
            Network fb = cb.network();
            boolean scaling = !exact && facts.positiveScaling();
            cmp = compare(() -> FormComparison.of(fa, fb, scaling, tol));
            lap("canonical forms");
            if (cmp != null && cmp.within(tol)) {
                evidence.add(new Evidence.CanonicalForms(ca.certificate(), cb.certificate(), exact, tol,
                        cmp.largestDifference()));
                notes.addAll(ca.notes());
                notes.addAll(cb.notes());
                return finish(p, start, Verdict.EQUIVALENT, exact ? "exact" : withinTolerance(tol),
                        exact ? "identical canonical forms" : "canonical forms agree within tolerance " + tol);
            }
            if (cmp == null) {
                // An undecided comparison of two constants proves neither equality nor difference.
            } else if (cmp.sameGraph() && exact) {
                notes.add("the canonical forms have the same graph and differ in value (" + cmp.where() + ")");
            } else if (cmp.sameGraph()) {
                notes.add("the canonical forms have the same graph; their values differ by up to "
                        + cmp.largestDifference() + " (relative; " + cmp.where() + "): the smallest tolerance that"
                        + " makes them agree is about " + cmp.largestDifference() + " (--tol)");
            } else {
                notes.add("the canonical forms differ: " + cmp.structuralDifference().get());
            }
        }
        Network qa = exactImage(a);
        Network qb = exactImage(b);

        // 2. Exact decision procedures on A − B.
        Optional<Network> d = p.sameActivation() ? Difference.of(qa, qb) : Optional.empty();
        Optional<Evidence.ZeroTest> zero = d.flatMap(n -> zeroTest(n, Difference.zeroIsNecessary(a)));
        lap("zero test");
        if (zero.isPresent() && zero.get().zero()) {
            evidence.add(zero.get());
            return finish(p, start, Verdict.EQUIVALENT, "exact", "A − B ≡ 0, decided exactly (" + zero.get().method() + ")");
        }

        // 3. Witness search.
        WitnessSearch.Outcome search = WitnessSearch.run(a, b, options.box(), options.seed(), options.points());
        lap("witness search");
        if (search.witness().isPresent()) {
            evidence.add(search.witness().get());
            zero.ifPresent(evidence::add);
            return finish(p, start, Verdict.NOT_EQUIVALENT, "witness", "the outputs provably differ at a witness input");
        }
        if (zero.isPresent()) {
            evidence.add(zero.get());
            evidence.add(search.search());
            return finish(p, start, Verdict.NOT_EQUIVALENT, "exact", "A − B ≢ 0, decided exactly (" + zero.get().method()
                    + "); no witness input found where double and interval arithmetic can tell them apart");
        }

        // 4. Null-free ρ: the canonical forms decide.
        if (facts != null && facts.nullFree()) {
            Rewriter.Result ea = exact ? ca : canonicalise(qa, facts, 0);
            Rewriter.Result eb = exact ? cb : canonicalise(qb, facts, 0);
            // Exact networks: step 1 compared these very forms exactly already.
            FormComparison ec = exact ? cmp : compare(() -> FormComparison.of(ea.network(), eb.network()));
            lap("theorem");
            if (ec == null) {
                evidence.add(search.search());
                return finish(p, start, Verdict.UNKNOWN, "undecided", "the exact canonical forms could not be"
                        + " compared: " + undecided);
            }
            if (ec.within(0)) {
                evidence.add(new Evidence.CanonicalForms(ea.certificate(), eb.certificate(), true, 0, 0));
                return finish(p, start, Verdict.EQUIVALENT, "exact", "identical exact canonical forms");
            }
            evidence.add(new Evidence.Theorem(facts.name(), facts.citation(), ea.certificate(), eb.certificate(),
                    List.of(ec.where())));
            evidence.add(search.search());
            return finish(p, start, Verdict.NOT_EQUIVALENT, "theorem", facts.name()
                    + " is null-free and the exact canonical forms differ (MATH.md §4)");
        }
        evidence.add(search.search());

        // 5. Symja, as a second opinion (a proof only when it returns exactly 0).
        if (options.symbolic()) {
            Evidence.Symbolic s = symbolic(qa, qb, options.symbolicLimit());
            evidence.add(s);
            lap("symbolic");
            if (s.proved()) {
                return finish(p, start, Verdict.EQUIVALENT, "exact", "Symja simplifies A − B to 0");
            }
        }
        if (options.box() != null && d.isPresent() && Difference.zeroIsNecessary(a)) {
            evidence.add(BoxBounds.bound(Difference.of(a, b).orElseThrow(), options.box()));
            lap("box bound");
        }
        return finish(p, start, Verdict.UNKNOWN, "undecided", unknownReason(facts));
    }

    private static String unknownReason(TheoryFacts facts) {
        if (facts == null) {
            return "the networks use different nonlinearities with no affine relation, and no witness was found";
        }
        String name = facts.name();
        NullFreeness.Status s = facts.theory().nullFreeness().status();
        String why = s == NullFreeness.Status.REFUTED ? name + " is not null-free (it has null networks)"
                : name + "'s null-freeness is not known";
        return why + ", the networks have different canonical forms, no exact procedure applies, and no witness"
                + " input was found";
    }

    private static String withinTolerance(double tol) {
        return "within tolerance " + tol + " (relative)";
    }

    private Result finish(Preparation p, long start, Verdict verdict, String qualifier, String reason) {
        timings.put("total", (System.nanoTime() - start) / 1_000_000);
        return new Result(verdict, qualifier, reason, options.tolerance(), p.steps(), evidence, notes, timings);
    }

    private void lap(String stage) {
        long now = System.nanoTime();
        timings.merge(stage, (now - mark) / 1_000_000, Long::sum);
        mark = now;
    }

    static Rewriter.Result canonicalise(Network net, TheoryFacts facts, double tol) {
        return Rewriter.canonicalise(net, facts.rules(), facts.normalForm(), tol);
    }

    /** The network with every double replaced by the rational it is exactly. */
    static Network exactImage(Network net) {
        return net.isExact() ? net
                : net.mapValues(s -> s instanceof DoubleScalar d ? Rational.ofExactDouble(d.value()) : s);
    }

    /**
     * The exact zero test on D = A − B. A ZERO answer always proves equivalence; a NONZERO one only
     * when equal functions force D ≡ 0 ({@code zeroNecessary}).
     */
    private static Optional<Evidence.ZeroTest> zeroTest(Network d, boolean zeroNecessary) {
        org.nnid.exact.ZeroDecision z = org.nnid.exact.ZeroTests.decide(d);
        return switch (z.verdict()) {
            case ZERO -> Optional.of(new Evidence.ZeroTest(true, z.method(), z.evidence()));
            case NONZERO -> zeroNecessary ? Optional.of(new Evidence.ZeroTest(false, z.method(), z.evidence()))
                    : Optional.empty();
            case NOT_APPLICABLE -> Optional.empty();
        };
    }

    /** Symja on A − B, output by output (exact networks only: Symja compares doubles fuzzily). */
    static Evidence.Symbolic symbolic(Network qa, Network qb, Duration limit) {
        if (qa.nodeCount() + qb.nodeCount() > SYMBOLIC_MAX_NODES) {
            return new Evidence.Symbolic("NOT_DECIDED", "not attempted: the networks have more than "
                    + SYMBOLIC_MAX_NODES + " nodes together");
        }
        SymbolicProver prover = new SymbolicProver(limit);
        List<String> methods = new ArrayList<>();
        for (int k = 0; k < qa.outputCount(); k++) {
            String e = "(" + NetworkExpressions.toSymja(qa, k) + ")-(" + NetworkExpressions.toSymja(qb, k) + ")";
            SymbolicProver.Result r = prover.proveZero(Formula.parse(e), "", List.of());
            if (!r.proved()) {
                return new Evidence.Symbolic(r.outcome() == SymbolicProver.Outcome.TIMED_OUT ? "TIMED_OUT"
                        : "NOT_DECIDED", "output " + (k + 1) + ": " + r.method() + " (limit " + limit.toSeconds()
                        + " s per call)");
            }
            methods.add(r.method());
        }
        return new Evidence.Symbolic("ZERO", String.join("; ", methods));
    }
}
