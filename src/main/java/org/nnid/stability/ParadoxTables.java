package org.nnid.stability;

import java.util.Locale;

import org.apache.commons.math3.fraction.BigFraction;

/** The three tables of the paradox demonstration as Markdown (numbers in Locale.ROOT, fixed digits). */
public final class ParadoxTables {
    private ParadoxTables() {}

    public static String table1(Paradox.Result r) {
        StringBuilder b = new StringBuilder();
        b.append("# Table 1: fixed architectures trained on the offset stripes P(K, gamma)\n\n")
                .append(Paradox.NOTICE).append("\n\n")
                .append("gamma = 1/(16K); robustness at eps = 1/(8K) in the inf-norm (gamma < eps < 1/(4K)). ")
                .append("Class 1 iff the output >= 0. ")
                .append("d* is the exact minimal adversarial distance (linear regions in exact rational arithmetic, ")
                .append("searched within eps; '>eps' = beyond it); robust = correct with d* > eps; ")
                .append("PGD success = share of correctly classified test points where PGD (2 restarts x 20 steps) ")
                .append("found an adversarial input within eps, its class proved; IBP-certified = correct and certified ")
                .append("by interval bound propagation at eps; pieces = affine pieces along x2 = 1/2 (exact); ")
                .append("bound = 1/2 + (P+1)/(2K) with P the architecture's largest number of pieces along a line ")
                .append("(Claim B, proved; values above 1 say nothing).\n\n")
                .append("| architecture | training | K | seed | train acc | val acc | test acc | d* median | d* min |")
                .append(" robust acc | PGD success | IBP-certified | pieces | bound | bound holds |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Paradox.NetRow n : r.networks()) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %.4f | %.4f | %.4f | %s | %s | %.4f | %.4f | %.4f | %d | %.4f | %s |%n",
                    Paradox.name(n.architecture()), n.method() == Trainer.Method.GD ? "GD" : "Adam", n.k(), n.seed(),
                    n.trainAccuracy(), n.validationAccuracy(), n.testAccuracy(), distance(n.medianDistance()),
                    distance(n.minDistance()), n.robustAccuracy(), n.pgdSuccess(), n.ibpCertified(), n.pieces(),
                    n.bound(), n.boundHolds() ? "yes" : "NO"));
        }
        return b.toString();
    }

    public static String table2(Paradox.Result r) {
        StringBuilder b = new StringBuilder();
        b.append("# Table 2: the stable networks psi_K, built exactly\n\n").append(Paradox.NOTICE).append("\n\n")
                .append("psi_K(x) = -1/2 + sum_j s_j [relu(x1 - j/K + r/2) - relu(x1 - j/K - r/2)]/r with r = 1/(8K), ")
                .append("read with threshold 0. 'value radius' = 1/(4K) - r/2, the radius within which psi_K's value is ")
                .append("constant around every data point (docs/math.md section 8); 'exact class radius' = the least exact ")
                .append("minimal adversarial distance over the extreme data points u = +-1/(4K) of every cell, computed by ")
                .append("exact region enumeration: psi_K crosses 0 at the cell borders, so its class is stable for ")
                .append("1/(4K). Robust accuracy at eps = 1/(8K), exact.\n\n")
                .append("| K | width 2(K-1) | r | test acc | value radius 1/(4K) - r/2 | exact class radius | ")
                .append("1/(4K) | robust acc |\n|---|---|---|---|---|---|---|---|\n");
        for (Paradox.PsiRow p : r.psi()) {
            b.append(String.format(Locale.ROOT, "| %d | %d | %s | %.4f | %s | %s | %s | %.4f |%n", p.k(), p.width(),
                    text(p.ramp()), p.accuracy(), text(p.plateauRadius()), text(p.classRadius()),
                    text(new BigFraction(1, 4 * p.k())), p.robustAccuracy()));
        }
        return b.toString();
    }

    public static String table3(Paradox.Result r) {
        StringBuilder b = new StringBuilder();
        b.append("# Table 3: the oracle experiment\n\n").append(Paradox.NOTICE).append("\n\n")
                .append("C_a(theta) = (theta1 + theta2(1+a) - 1)^2 + (|theta1| + |theta2|)/2; its minimiser is ")
                .append("(0, v/(1+a)), v = 1 - 1/(4(1+a)), for a > 0 and (3/4, 0) for a < 0. The algorithm reads a from ")
                .append("an oracle at precision 2^-n (the oracle answers the number nearest 0 within 2^-n of a), returns ")
                .append("the minimiser for what it read, and tosses a fair coin between (0, 3/4) and (3/4, 0) when it ")
                .append("reads 0. Success = within ").append(OracleExperiment.TOLERANCE)
                .append(" of the true minimiser; ").append(r.config().oracleTrials()).append(" trials each. ")
                .append("When n <= m the oracle answers 0 to both a = +2^-m and a = -2^-m, so the two success rates ")
                .append("sum to at most 1 and one of them is at most 1/2.\n\n")
                .append("| m | precision read n | oracle answer for +2^-m | P(success, a=+2^-m) | P(success, a=-2^-m) |")
                .append(" sum | n <= m | sum <= 1 (when n <= m) |\n|---|---|---|---|---|---|---|---|\n");
        for (OracleExperiment.Row o : r.oracle()) {
            b.append(String.format(Locale.ROOT, "| %d | %d | %s | %.4f | %.4f | %.4f | %s | %s |%n", o.m(), o.n(),
                    Double.toString(o.read()), o.successPlus(), o.successMinus(), o.sum(), o.n() <= o.m() ? "yes" : "no",
                    o.n() > o.m() ? "-" : o.sum() <= 1 ? "yes" : "NO"));
        }
        return b.toString();
    }

    private static String distance(double d) {
        return Double.isInfinite(d) ? ">eps" : String.format(Locale.ROOT, "%.3g", d);
    }

    private static String text(BigFraction f) {
        return f.getNumerator() + (f.getDenominator().equals(java.math.BigInteger.ONE) ? "" : "/" + f.getDenominator());
    }
}
