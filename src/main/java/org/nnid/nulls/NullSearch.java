package org.nnid.nulls;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;

import org.apache.commons.math3.fraction.BigFraction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.nnid.net.Layer;
import org.nnid.net.Network;
import org.nnid.net.NetworkBuilder;
import org.nnid.scalar.Rational;
import org.nnid.scalar.Scalar;
import org.nnid.theory.Incoming;
import org.nnid.theory.NormalForm;
import org.nnid.theory.Theory;

/**
 * The null-network search (issue 6, MATH.md §4.1 and §6): looks for a zero-function network among
 * small networks of candidate units, then proves what it finds.
 *
 * <ol>
 *   <li>Candidates: units ρ(w·x + b) for (w, b) on a grid, brought into the theory's normal form
 *       and deduplicated, so that one representative per symmetry orbit remains and nothing found is
 *       a mere symmetry; at depth 2 also ρ(a·u + c) over the simplest depth-1 units u.</li>
 *   <li>Numeric dependency detection: the units (and the constant 1) are sampled at deterministic
 *       points; the SVD (Commons Math) of the sampled columns, each scaled to unit length, shows a
 *       dependency by a relative singular value below {@value #SINGULAR_THRESHOLD} (exact
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
    static final double SINGULAR_THRESHOLD = 1e-9;
    /** Coefficients are read as rationals with denominators up to this. */
    private static final int MAX_DENOMINATOR = 1000;

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
        double overall = smallestRelativeSingularValue(columns, allIndices(units.size()));
        if (overall > SINGULAR_THRESHOLD) {
            return NullSearchResult.none(theory, space, String.format(java.util.Locale.ROOT,
                    "the sampled units and the constant are numerically independent (smallest relative singular value"
                    + " %.2e > %.0e), so no relation among them exists at any size", overall, SINGULAR_THRESHOLD),
                    rejected);
        }
        long lastReport = System.nanoTime();
        for (int size = 1; size <= Math.min(options.maxUnits(), units.size()); size++) {
            int[] subset = new int[size];
            for (int i = 0; i < size; i++) {
                subset[i] = i;
            }
            long done = 0;
            BigInteger total = binomial(units.size(), size);
            do {
                done++;
                if (System.nanoTime() - lastReport > 1_000_000_000L) {
                    progress.accept("null-search " + theory.name() + ": " + size + " units, " + done + " of " + total
                            + " subsets");
                    lastReport = System.nanoTime();
                }
                if (System.nanoTime() > deadline) {
                    return NullSearchResult.none(theory, space, "stopped at the time limit of "
                            + options.timeLimit().toSeconds() + " s while trying subsets of " + size + " units ("
                            + done + " of " + total + " tried)", rejected);
                }
                if (smallestRelativeSingularValue(columns, subset) > SINGULAR_THRESHOLD) {
                    continue;
                }
                Optional<Relation> r = relation(columns, subset, points.size());
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
            } while (next(subset, units.size()));
        }
        return NullSearchResult.none(theory, space, "searched every subset of up to "
                + Math.min(options.maxUnits(), units.size()) + " units", rejected);
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

    private static int[] allIndices(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    /** The matrix [1 | columns of the subset], every column scaled to unit length (zero columns stay zero). */
    private static double[][] matrix(double[][] columns, int[] subset, int rows) {
        double[][] m = new double[rows][subset.length + 1];
        double one = 1 / Math.sqrt(rows);
        for (int i = 0; i < rows; i++) {
            m[i][0] = one;
        }
        for (int j = 0; j < subset.length; j++) {
            double[] c = columns[subset[j]];
            double norm = 0;
            for (double v : c) {
                norm += v * v;
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < rows; i++) {
                m[i][j + 1] = norm > 0 ? c[i] / norm : 0;
            }
        }
        return m;
    }

    private static double smallestRelativeSingularValue(double[][] columns, int[] subset) {
        if (subset.length == 0) {
            return 1;
        }
        double[][] m = matrix(columns, subset, columns[0].length);
        double[] s = new SingularValueDecomposition(new Array2DRowRealMatrix(m, false)).getSingularValues();
        return s[s.length - 1] / s[0];
    }

    /** The dependency of the subset with exact small rational coefficients, if it has one and all units take part. */
    private static Optional<Relation> relation(double[][] columns, int[] subset, int rows) {
        double[][] m = matrix(columns, subset, rows);
        SingularValueDecomposition svd = new SingularValueDecomposition(new Array2DRowRealMatrix(m, false));
        double[] v = svd.getV().getColumn(subset.length);
        double[] c = new double[v.length];
        double max = 0;
        for (int j = 0; j < v.length; j++) {
            double norm;
            if (j == 0) {
                norm = Math.sqrt(rows);
            } else {
                double s = 0;
                for (double x : columns[subset[j - 1]]) {
                    s += x * x;
                }
                norm = Math.sqrt(s);
            }
            // coefficient of the unscaled column: v_j / ‖column‖ (a zero column takes v_j as it is)
            c[j] = norm > 0 ? v[j] / norm : v[j];
            if (j > 0) {
                max = Math.max(max, Math.abs(c[j]));
            }
        }
        if (max == 0) {
            return Optional.empty();
        }
        BigFraction[] q = new BigFraction[c.length];
        for (int j = 0; j < c.length; j++) {
            double x = c[j] / max;
            if (j > 0 && Math.abs(x) < 1e-6) {
                return Optional.empty(); // a unit that does not take part: a smaller subset holds the relation
            }
            Optional<BigFraction> f = rational(x);
            if (f.isEmpty()) {
                return Optional.empty();
            }
            q[j] = f.get();
        }
        return Optional.of(Relation.of(subset, q));
    }

    /** A rational p/q with q ≤ 1000 within 1e-7 of x, or empty. */
    private static Optional<BigFraction> rational(double x) {
        if (Math.abs(x) < 1e-9) {
            return Optional.of(BigFraction.ZERO);
        }
        try {
            BigFraction f = new BigFraction(x, 1e-10, 64);
            if (f.getDenominator().compareTo(BigInteger.valueOf(MAX_DENOMINATOR)) <= 0
                    && Math.abs(f.doubleValue() - x) < 1e-7) {
                return Optional.of(f);
            }
        } catch (org.apache.commons.math3.fraction.FractionConversionException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------------------ combinatorics

    /** The next k-subset of {0..n−1} in lexicographic order; false after the last. */
    private static boolean next(int[] s, int n) {
        int k = s.length;
        int i = k - 1;
        while (i >= 0 && s[i] == n - k + i) {
            i--;
        }
        if (i < 0) {
            return false;
        }
        s[i]++;
        for (int j = i + 1; j < k; j++) {
            s[j] = s[j - 1] + 1;
        }
        return true;
    }

    private static BigInteger binomial(int n, int k) {
        BigInteger c = BigInteger.ONE;
        for (int i = 1; i <= k; i++) {
            c = c.multiply(BigInteger.valueOf(n - k + i)).divide(BigInteger.valueOf(i));
        }
        return c;
    }

    // ------------------------------------------------------------------------------ relations

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
}
