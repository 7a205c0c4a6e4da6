package org.nnid.stability;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

import org.apache.commons.math3.fraction.BigFraction;
import org.nnid.net.Network;
import org.nnid.scalar.Scalar;

/**
 * The illustrative construction of docs/math.md §8, run end to end (it is not the [BHV] paper's own
 * counter-example family, which was not available): fixed architectures trained on the offset
 * stripes P(K, γ) for growing K, measured exactly (Table 1); the growing stable networks ψ_K
 * (Table 2); the oracle experiment behind the non-computability statement (Table 3).
 * Single-threaded and seeded: the same configuration gives byte-identical tables.
 */
public final class Paradox {
    public static final String NOTICE = "This is an illustrative construction with the logical structure of [BHV]"
            + " (docs/math.md section 8), not the paper's own counter-example family.";

    /** What to run; {@code testPoints}/K test points per cell (at least one). */
    public record Config(int[] ks, int seeds, int epochs, List<int[]> architectures, int testPoints, int oracleTrials,
            long seed) {
        public static Config quick(long seed) {
            return new Config(new int[] {2, 8}, 1, 150, ARCHITECTURES, 8, 200, seed);
        }

        public static Config full(long seed) {
            return new Config(new int[] {2, 4, 8, 16, 32, 64, 128, 256, 512}, 3, 300, ARCHITECTURES, 32, 2000, seed);
        }
    }

    public static final List<int[]> ARCHITECTURES = List.of(new int[] {2, 8, 1}, new int[] {2, 4, 4, 1},
            new int[] {2, 16, 16, 1}, new int[] {2, 64, 64, 1});

    /** One trained network, measured on its test sample. */
    public record NetRow(int[] architecture, Trainer.Method method, int k, long seed, double trainAccuracy,
            double validationAccuracy, double testAccuracy, double medianDistance, double minDistance,
            double searchRadius, double robustAccuracy, double pgdSuccess, double ibpCertified, int pieces,
            double bound) {
        public boolean boundHolds() {
            return robustAccuracy <= bound;
        }
    }

    /** ψ_K measured exactly. */
    public record PsiRow(int k, int width, BigFraction ramp, double accuracy, BigFraction plateauRadius,
            BigFraction classRadius, double robustAccuracy) {}

    public record Result(Config config, List<NetRow> networks, List<PsiRow> psi, List<OracleExperiment.Row> oracle,
            Mlp pictured, int picturedK) {}

    public static Result run(Config c, PrintWriter progress) {
        List<NetRow> rows = new ArrayList<>();
        Mlp pictured = null;
        int picturedK = c.ks()[Math.min(1, c.ks().length - 1)];
        int total = c.ks().length * c.architectures().size() * 2 * c.seeds();
        int done = 0;
        long start = System.nanoTime();
        for (int k : c.ks()) {
            Stripes stripes = new Stripes(k);
            Random data = new Random(c.seed() * 1_000_003L + k);
            Stripes.Sample train = stripes.sample(Math.max(2, 128 / k), data);
            Stripes.Sample validation = stripes.sample(Math.max(1, 32 / k), data);
            Stripes.Sample test = stripes.sample(Math.max(1, c.testPoints() / k), data);
            for (int[] arch : c.architectures()) {
                for (Trainer.Method method : Trainer.Method.values()) {
                    for (int s = 0; s < c.seeds(); s++) {
                        long seed = c.seed() + 7919L * s;
                        Mlp mlp = Trainer.of(method, c.epochs()).train(arch, train, validation, seed);
                        NetRow row = measure(mlp, arch, method, k, seed, stripes, train, validation, test);
                        rows.add(row);
                        if (k == picturedK && method == Trainer.Method.ADAM && s == 0 && arch == c.architectures().get(
                                Math.min(2, c.architectures().size() - 1))) {
                            pictured = mlp;
                        }
                        done++;
                        progress.printf(Locale.ROOT, "[%d/%d] %s %s K=%d seed %d: test accuracy %.3f, robust %.3f"
                                + " (bound %.3f), %.1f s%n", done, total, name(arch), method, k, seed,
                                row.testAccuracy(), row.robustAccuracy(), row.bound(), (System.nanoTime() - start) / 1e9);
                        progress.flush();
                    }
                }
            }
        }
        List<PsiRow> psi = new ArrayList<>();
        for (int k : c.ks()) {
            psi.add(measurePsi(k, new Stripes(k).sample(Math.max(1, c.testPoints() / k), new Random(c.seed() * 1_000_003L + k))));
            progress.printf(Locale.ROOT, "psi_K for K=%d measured, %.1f s%n", k, (System.nanoTime() - start) / 1e9);
            progress.flush();
        }
        List<OracleExperiment.Row> oracle = OracleExperiment.run(new int[] {2, 4, 8, 16}, c.oracleTrials(), c.seed());
        return new Result(c, rows, psi, oracle, pictured, picturedK);
    }

    public static String name(int[] arch) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < arch.length; i++) {
            b.append(i == 0 ? "" : ",").append(arch[i]);
        }
        return b.append(')').toString();
    }

    static NetRow measure(Mlp mlp, int[] arch, Trainer.Method method, int k, long seed, Stripes stripes,
            Stripes.Sample train, Stripes.Sample validation, Stripes.Sample test) {
        BigFraction eps = stripes.epsilon();
        BigFraction radius = eps; // the exact question is robustness at eps; larger boxes cost many more regions
        Attacks pgd = new Attacks(20, 2, seed);
        double[] distances = new double[test.size()];
        int robust = 0;
        int attacked = 0;
        int certified = 0;
        int correct = 0;
        for (int n = 0; n < test.size(); n++) {
            Scalar[] x0 = {Scalar.of(test.x()[n][0]), Scalar.of(test.x()[n][1])};
            Optional<Problem> p = Problem.at(mlp, new Decision.Threshold(Scalar.ZERO), x0, Norm.INF);
            if (p.isEmpty()) {
                distances[n] = 0; // on the boundary: no proved class, no robustness
                continue;
            }
            Problem q = p.get();
            ExactPlanar.Result r = ExactPlanar.minimalDistance(q, radius).orElseThrow();
            distances[n] = r.distance().map(BigFraction::doubleValue).orElse(Double.POSITIVE_INFINITY);
            if (q.cls() != test.y()[n]) {
                continue;
            }
            correct++;
            if (r.distance().map(d -> d.compareTo(eps) > 0).orElse(true)) {
                robust++;
            }
            if (pgd.pgd(q, eps.doubleValue()).isPresent()) {
                attacked++;
            }
            if (IntervalBounds.marginLower(q, eps.doubleValue()) > 0) {
                certified++;
            }
        }
        double[] sorted = distances.clone();
        Arrays.sort(sorted);
        int[] hidden = Arrays.copyOfRange(arch, 1, arch.length - 1);
        double size = test.size();
        return new NetRow(arch, method, k, seed, Trainer.accuracy(mlp, train), Trainer.accuracy(mlp, validation),
                Trainer.accuracy(mlp, test), sorted[sorted.length / 2], sorted[0], radius.doubleValue(), robust / size,
                correct == 0 ? 0 : attacked / (double) correct, certified / size, LinePieces.alongMidline(mlp),
                stripes.claimBBound(Stripes.maxPieces(hidden)));
    }

    static PsiRow measurePsi(int k, Stripes.Sample test) {
        Stripes stripes = new Stripes(k);
        BigFraction r = PsiK.ramp(k);
        Mlp psi = Mlp.of(PsiK.build(k, r));
        Decision threshold = new Decision.Threshold(Scalar.ZERO);
        BigFraction radius = new BigFraction(1, 2 * k);
        BigFraction classRadius = radius;
        for (int j = 0; j < k; j++) {
            for (double[] x : stripes.extremes(j)) {
                classRadius = min(classRadius, exactDistance(psi, threshold, x, radius));
            }
        }
        int correct = 0;
        int robust = 0;
        for (int n = 0; n < test.size(); n++) {
            Scalar[] x0 = {Scalar.of(test.x()[n][0]), Scalar.of(test.x()[n][1])};
            Optional<Problem> p = Problem.at(psi, threshold, x0, Norm.INF);
            if (p.isPresent() && p.get().cls() == test.y()[n]) {
                correct++;
                if (exactDistance(psi, threshold, test.x()[n], radius).compareTo(stripes.epsilon()) > 0) {
                    robust++;
                }
            }
        }
        return new PsiRow(k, 2 * (k - 1), r, correct / (double) test.size(),
                new BigFraction(1, 4 * k).subtract(r.divide(2)), classRadius, robust / (double) test.size());
    }

    /** d* at x, exactly, or the search radius when d* exceeds it. */
    static BigFraction exactDistance(Mlp mlp, Decision d, double[] x, BigFraction radius) {
        Problem p = Problem.at(mlp, d, new Scalar[] {Scalar.of(x[0]), Scalar.of(x[1])}, Norm.INF)
                .orElseThrow(() -> new IllegalStateException("a stripes point lies on psi_K's decision boundary"));
        return ExactPlanar.minimalDistance(p, radius).orElseThrow().distance().orElse(radius);
    }

    private static BigFraction min(BigFraction a, BigFraction b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** The stable network for the picture. */
    public static Network psiNetwork(int k) {
        return PsiK.build(k, PsiK.ramp(k));
    }
}
