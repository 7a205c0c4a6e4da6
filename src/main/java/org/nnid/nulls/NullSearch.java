package org.nnid.nulls;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;

import org.nnid.net.Network;
import org.nnid.scalar.Rational;
import org.nnid.scalar.Scalar;
import org.nnid.theory.Incoming;
import org.nnid.theory.NormalForm;
import org.nnid.theory.Theory;

/**
 * The null-network search (issue 6, docs/math.md §4.1 and §6): looks for a zero-function network among
 * small networks of candidate units, then proves what it finds.
 *
 * <ol>
 *   <li>Candidates: units ρ(w·x + b) for (w, b) on a grid, brought into the theory's normal form
 *       and deduplicated, so that one representative per symmetry orbit remains and nothing found is
 *       a mere symmetry; at depth 2 also ρ(a·u + c) over the simplest depth-1 units u.</li>
 *   <li>Numeric dependency detection: the units (and the constant 1) are sampled at deterministic
 *       points; the SVD (Commons Math) of the sampled columns, each scaled to unit length, shows a
 *       dependency by a relative singular value below {@value Dependencies#THRESHOLD} (exact
 *       dependencies give about 1e-16, independent units rarely below 1e-6).</li>
 *   <li>Sparsest relations: subsets of 1, 2, … units are searched in order of simplicity (small
 *       entries first); a dependency whose coefficients are all nonzero and read as small rationals
 *       becomes a candidate null network.</li>
 *   <li>Proof: {@link NullProof}: reduced (R1–R3 do not apply), then ≡ 0 exactly ({@link
 *       org.nnid.exact.ZeroTests}), symbolically (Symja, as {@code nnid theory verify} does), or
 *       else checked in high precision; a candidate that is refuted is dropped and the search goes on.</li>
 * </ol>
 * The search is deterministic, reports progress, and stops at a time limit saying where.
 */
public final class NullSearch {

    /** What to search. */
    public record Options(int inputs, int maxUnits, Grid grid, int depth, Duration timeLimit) {
        public Options {
            if (inputs < 1 || inputs > 2) {
                throw new IllegalArgumentException("--inputs must be 1 or 2, got " + inputs);
            }
            if (depth < 1 || depth > 2) {
                throw new IllegalArgumentException("--depth must be 1 or 2, got " + depth);
            }
            if (maxUnits < 1 || maxUnits > 8) {
                throw new IllegalArgumentException("--max-units must be between 1 and 8, got " + maxUnits);
            }
        }
    }

    private final Theory theory;
    private final Options options;
    private final Consumer<String> progress;
    private final long deadline;

    private NullSearch(Theory theory, Options options, Consumer<String> progress) {
        this.theory = theory;
        this.options = options;
        this.progress = progress;
        this.deadline = System.nanoTime() + options.timeLimit().toNanos();
    }

    /** Runs the search; progress lines go to {@code progress}. */
    public static NullSearchResult run(Theory theory, Options options, Consumer<String> progress) {
        return new NullSearch(theory, options, progress).run();
    }

    private NullSearchResult run() {
        List<Unit> units = candidates();
        List<double[]> points = points(units.size());
        double[][] columns = new double[units.size()][];
        for (int k = 0; k < units.size(); k++) {
            columns[k] = sample(units.get(k), points);
        }
        String space = units.size() + " candidate units (" + options.inputs() + " input" + (options.inputs() == 1 ? "" : "s")
                + ", depth ≤ " + options.depth() + ", grid " + options.grid().toSpec()
                + ", one per symmetry orbit) and a constant, subsets of up to " + options.maxUnits()
                + " units, sampled at " + points.size() + " points";
        progress.accept("null-search " + theory.name() + ": " + space);
        List<String> rejected = new ArrayList<>();
        double overall = Dependencies.smallestRelativeSingularValue(columns, Dependencies.allIndices(units.size()));
        if (overall > Dependencies.THRESHOLD) {
            return NullSearchResult.none(theory, space, new StopReason.Independent(overall, Dependencies.THRESHOLD),
                    rejected);
        }
        long lastReport = System.nanoTime();
        for (int size = 1; size <= Math.min(options.maxUnits(), units.size()); size++) {
            int[] subset = new int[size];
            for (int i = 0; i < size; i++) {
                subset[i] = i;
            }
            long done = 0;
            BigInteger total = Dependencies.binomial(units.size(), size);
            do {
                done++;
                if (System.nanoTime() - lastReport > 1_000_000_000L) {
                    progress.accept("null-search " + theory.name() + ": " + size + " units, " + done + " of " + total
                            + " subsets");
                    lastReport = System.nanoTime();
                }
                if (System.nanoTime() > deadline) {
                    return NullSearchResult.none(theory, space,
                            new StopReason.TimeLimit(options.timeLimit(), size, done, total), rejected);
                }
                if (Dependencies.smallestRelativeSingularValue(columns, subset) > Dependencies.THRESHOLD) {
                    continue;
                }
                Optional<Relation> r = Dependencies.relation(columns, subset);
                if (r.isEmpty()) {
                    continue;
                }
                Network net = r.get().network(theory, units, options.inputs());
                String text = r.get().text(theory.name(), units, net.inputNames());
                progress.accept("null-search " + theory.name() + ": candidate " + text + "; proving");
                NullProof proof = NullProof.of(theory, net, remaining());
                if (proof.refuted()) {
                    rejected.add(text + " (" + proof.detail() + ")");
                    continue;
                }
                return NullSearchResult.found(theory, space, net, text, proof, rejected);
            } while (Dependencies.next(subset, units.size()));
        }
        return NullSearchResult.none(theory, space,
                new StopReason.Exhausted(Math.min(options.maxUnits(), units.size())), rejected);
    }

    private Duration remaining() {
        long ns = Math.max(deadline - System.nanoTime(), 1_000_000_000L);
        return Duration.ofNanos(Math.min(ns, org.nnid.exact.ZeroTests.DEFAULT_LIMIT.toNanos()));
    }

    // ------------------------------------------------------------------------------ candidates

    /** Depth-1 units over the grid, then depth-2 units over the simplest of them; one per orbit. */
    List<Unit> candidates() {
        NormalForm nf = theory.normalForm();
        List<Unit> depth1 = new ArrayList<>();
        for (List<Scalar> w : directions()) {
            for (Scalar b : options.grid().biases()) {
                add(depth1, new Unit(nf.normalise(new Incoming(w, b)).normal(), null));
            }
        }
        depth1.sort(NullSearch::simpler);
        List<Unit> all = new ArrayList<>(depth1);
        if (options.depth() == 2) {
            List<Unit> inner = depth1.subList(0, Math.min(depth1.size(), 4));
            List<Unit> depth2 = new ArrayList<>();
            for (Unit u : inner) {
                for (Scalar a : List.<Scalar>of(Scalar.ONE, Scalar.of(-1))) {
                    for (Scalar c : List.<Scalar>of(Scalar.ZERO, Scalar.ONE, Scalar.of(-1))) {
                        add(depth2, new Unit(nf.normalise(new Incoming(List.of(a), c)).normal(), u));
                    }
                }
            }
            depth2.sort(NullSearch::simpler);
            all.addAll(depth2);
        }
        return all;
    }

    private static void add(List<Unit> units, Unit u) {
        if (u.in().weights().stream().allMatch(Scalar::isStructuralZero)) {
            return; // a constant unit: R1 folds it, so it is no part of a reduced network
        }
        for (Unit v : units) {
            if (v.inner() == u.inner() && v.in().sameValues(u.in())) {
                return;
            }
        }
        units.add(u);
    }

    private List<List<Scalar>> directions() {
        List<List<Scalar>> out = new ArrayList<>();
        List<Scalar> w = options.grid().weights();
        if (options.inputs() == 1) {
            w.forEach(a -> out.add(List.of(a)));
        } else {
            for (Scalar a : w) {
                for (Scalar b : w) {
                    out.add(List.of(a, b));
                }
            }
        }
        return out;
    }

    /** Smaller entries first (by height, the largest |numerator| or denominator), then by |value|, positive first. */
    private static int simpler(Unit a, Unit b) {
        int c = Long.compare(height(a.in()), height(b.in()));
        if (c != 0) {
            return c;
        }
        List<Scalar> x = entries(a.in());
        List<Scalar> y = entries(b.in());
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            double u = x.get(i).toDouble();
            double v = y.get(i).toDouble();
            int d = Double.compare(Math.abs(u), Math.abs(v));
            if (d == 0) {
                d = -Double.compare(u, v);
            }
            if (d != 0) {
                return d;
            }
        }
        return 0;
    }

    private static List<Scalar> entries(Incoming in) {
        List<Scalar> e = new ArrayList<>(in.weights());
        e.add(in.bias());
        return e;
    }

    private static long height(Incoming in) {
        long h = 0;
        for (Scalar s : entries(in)) {
            if (s instanceof Rational r) {
                h = Math.max(h, Math.max(r.numerator().abs().longValue(), r.denominator().longValue()));
            } else {
                h = Math.max(h, (long) Math.ceil(Math.abs(s.toDouble())) + 1);
            }
        }
        return h;
    }

    // ------------------------------------------------------------------------------ numerics

    /** Deterministic sample points in [−4, 4]^m, three per unknown and at least 60. */
    private List<double[]> points(int units) {
        Random r = new Random(6);
        int n = Math.max(60, 3 * (units + 1));
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] x = new double[options.inputs()];
            for (int j = 0; j < x.length; j++) {
                x[j] = r.nextDouble() * 8 - 4;
            }
            out.add(x);
        }
        return out;
    }

    private double[] sample(Unit u, List<double[]> points) {
        double[] c = new double[points.size()];
        for (int i = 0; i < c.length; i++) {
            c[i] = u.value(theory.activation(), points.get(i));
        }
        return c;
    }

}
