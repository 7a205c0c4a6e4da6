package org.nnid.exact;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.math3.fraction.BigFraction;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.nnid.net.Network;
import org.nnid.scalar.ConstantSigns;
import org.nnid.scalar.Rational;
import org.nnid.scalar.Scalar;
import org.nnid.symbolic.NetworkExpressions;
import org.nnid.symja.Symja;
import org.nnid.symja.SymjaException;

/**
 * docs/math.md §6, polynomial ρ (tⁿ, the identity, any affine ρ), any depth and any DAG: every node's
 * value is a polynomial in the inputs, so an output is identically 0 iff all coefficients of its
 * expansion vanish. Rational networks are expanded exactly over {@link BigFraction}; networks with
 * closed-form constants (π, √2) by Symja's Expand under a time limit, each remaining coefficient
 * then being settled by {@link ConstantSigns}: nonzero only when a rigorous enclosure excludes 0,
 * zero only when Symja proves it; otherwise NOT_APPLICABLE.
 */
final class PolynomialZero {
    static final String METHOD = "polynomial expansion (docs/math.md §6)";

    private PolynomialZero() {}

    /**
     * @param rho ρ's coefficients from the constant term up (exact)
     */
    static ZeroDecision decide(Network net, List<Scalar> rho, Duration limit) {
        List<BigFraction> r = new ArrayList<>();
        for (Scalar c : rho) {
            if (!(c instanceof Rational q)) {
                return bySymja(net, limit);
            }
            r.add(q.fraction());
        }
        for (int v = net.inputCount(); v < net.nodeCount(); v++) {
            if (!(net.bias(v) instanceof Rational) || net.incoming(v).values().stream().anyMatch(w -> !(w instanceof Rational))) {
                return bySymja(net, limit);
            }
        }
        Optional<String> refuted = PointRefutation.nonzeroAt(net, r);
        if (refuted.isPresent()) {
            return ZeroDecision.nonzero(METHOD, refuted.get());
        }
        try {
            return exactly(net, r, System.nanoTime() + limit.toNanos());
        } catch (Polynomial.OutOfTime e) {
            return ZeroDecision.notApplicable(METHOD, "the exact expansion did not finish within " + limit.toSeconds()
                    + " s (the exact values at the points tried were all 0)");
        }
    }

    /** Rational data: expand every node over ℚ. */
    private static ZeroDecision exactly(Network net, List<BigFraction> rho, long deadline) {
        int m = net.inputCount();
        int rhoDegree = Math.max(1, rho.size() - 1);
        Polynomial[] h = new Polynomial[net.nodeCount()];
        long[] degree = new long[net.nodeCount()];
        for (int i = 0; i < m; i++) {
            h[i] = Polynomial.variable(m, i);
            degree[i] = 1;
        }
        for (int v = m; v < net.nodeCount(); v++) {
            Polynomial p = Polynomial.constant(m, ((Rational) net.bias(v)).fraction());
            long d = 0;
            for (Map.Entry<Integer, Scalar> e : net.incoming(v).entrySet()) {
                p = p.plus(h[e.getKey()].times(((Rational) e.getValue()).fraction()));
                d = Math.max(d, degree[e.getKey()]);
            }
            boolean activated = net.isHidden(v) || net.outputActivation();
            h[v] = activated ? p.substituteInto(rho, deadline) : p;
            degree[v] = activated ? d * rhoDegree : d;
        }
        long coefficients = 0;
        ZeroData.Builder data = new ZeroData.Builder();
        for (int k = 0; k < net.outputCount(); k++) {
            int o = net.outputNode(k);
            if (!h[o].isZero()) {
                Map.Entry<Polynomial.Monomial, BigFraction> first = h[o].terms().entrySet().iterator().next();
                data.add("output " + net.id(o), List.of(), List.of(ZeroData.entry("coefficient of "
                        + first.getKey().toText(net.inputNames()), ratio(first.getValue()))));
                return ZeroDecision.nonzero(METHOD, nonzeroEvidence(net, net.id(o), h[o], degree[o]), data.build());
            }
            data.add("output " + net.id(o), List.of(), List.of(ZeroData.entry("expansion (degree ≤ " + degree[o]
                    + ", exact)", "0")));
            coefficients += monomialsUpTo(m, degree[o]);
        }
        return ZeroDecision.zero(METHOD, "every output expands exactly (rational arithmetic) to the zero polynomial: all "
                + coefficients + " coefficient" + (coefficients == 1 ? "" : "s") + " of degree ≤ "
                + maxOutputDegree(net, degree) + " in " + String.join(", ", net.inputNames()) + " vanish", data.build());
    }

    private static long maxOutputDegree(Network net, long[] degree) {
        long d = 0;
        for (int o : net.outputNodes()) {
            d = Math.max(d, degree[o]);
        }
        return d;
    }

    /** C(d + m, m), the number of monomials of degree ≤ d in m variables (saturating). */
    private static long monomialsUpTo(int m, long d) {
        BigInteger c = BigInteger.ONE;
        for (int i = 1; i <= m; i++) {
            c = c.multiply(BigInteger.valueOf(d + i)).divide(BigInteger.valueOf(i));
        }
        return c.bitLength() < 63 ? c.longValue() : Long.MAX_VALUE;
    }

    /**
     * The first nonzero coefficient, and a point where the output is nonzero: a nonzero polynomial
     * of degree ≤ d does not vanish on all of {0, …, d}^m, so the search over that grid succeeds.
     */
    private static String nonzeroEvidence(Network net, String output, Polynomial p, long degree) {
        Map.Entry<Polynomial.Monomial, BigFraction> first = p.terms().entrySet().iterator().next();
        String text = "output " + output + " has coefficient " + ratio(first.getValue()) + " at "
                + first.getKey().toText(net.inputNames()) + " (exact expansion)";
        int m = net.inputCount();
        int[] digits = new int[m];
        int tries = 0;
        do {
            BigFraction[] x = new BigFraction[m];
            for (int i = 0; i < m; i++) {
                x[i] = new BigFraction(digits[i]);
            }
            BigFraction y = p.at(x);
            if (y.getNumerator().signum() != 0) {
                List<String> at = new ArrayList<>();
                for (int i = 0; i < m; i++) {
                    at.add(net.inputNames().get(i) + " = " + digits[i]);
                }
                return text + "; at " + String.join(", ", at) + " it is " + ratio(y) + " (exact)";
            }
        } while (++tries < 10_000 && next(digits, degree));
        return text;
    }

    /** The next point of {0, …, d}^m in lexicographic order; false after the last. */
    private static boolean next(int[] digits, long d) {
        for (int i = digits.length - 1; i >= 0; i--) {
            if (digits[i] < d) {
                digits[i]++;
                return true;
            }
            digits[i] = 0;
        }
        return false;
    }

    static String ratio(BigFraction f) {
        return Rational.of(f).toText();
    }

    /** Closed-form constants: Symja's Expand, then every coefficient settled on its own. */
    private static ZeroDecision bySymja(Network net, Duration limit) {
        String vars = "{" + String.join(",", net.inputNames()) + "}";
        int coefficients = 0;
        ZeroData.Builder data = new ZeroData.Builder();
        try {
            for (int k = 0; k < net.outputCount(); k++) {
                String output = net.id(net.outputNode(k));
                List<ZeroData.Entry> sums = new ArrayList<>();
                data.add("output " + output, List.of(), sums);
                Optional<IExpr> expanded = Symja.evalWithin("Expand(" + NetworkExpressions.toSymja(net, k) + ")", limit);
                if (expanded.isEmpty() || Symja.aborted(expanded.get())) {
                    return ZeroDecision.notApplicable(METHOD, "Symja's Expand of output " + output
                            + (expanded.isEmpty() ? " failed" : " did not finish within " + limit.toSeconds() + " s"));
                }
                if (expanded.get().isZero()) {
                    sums.add(ZeroData.entry("expansion (Symja's Expand)", "0"));
                    continue;
                }
                Optional<IExpr> rules = Symja.evalWithin("CoefficientRules(" + expanded.get() + "," + vars + ")", limit);
                if (rules.isEmpty() || Symja.aborted(rules.get()) || !(rules.get() instanceof IAST list)) {
                    return ZeroDecision.notApplicable(METHOD, "Symja could not list the coefficients of output " + output);
                }
                for (int i = 1; i < list.size(); i++) {
                    IExpr rule = list.get(i);
                    String monomial = rule.first().toString();
                    String c = rule.second().toString();
                    coefficients++;
                    Optional<ConstantSigns.Decision> d = ConstantSigns.decide(c, limit);
                    d.ifPresent(x -> sums.add(ZeroData.entry("coefficient at exponents " + monomial + " of " + vars,
                            c + (x.sign() == 0 ? " = 0" : " ≠ 0 (" + x.evidence() + ")"))));
                    if (d.isEmpty()) {
                        return ZeroDecision.notApplicable(METHOD, "coefficient " + c + " of output " + output
                                + " could be neither enclosed away from 0 nor proved 0 by Symja");
                    }
                    if (d.get().sign() != 0) {
                        return ZeroDecision.nonzero(METHOD, "output " + output + " has coefficient " + c + " ≠ 0 ("
                                + d.get().evidence() + ") at exponents " + monomial + " of " + vars, data.build());
                    }
                }
            }
        } catch (SymjaException | IllegalArgumentException e) {
            return ZeroDecision.notApplicable(METHOD, "Symja could not expand the network: " + e.getMessage());
        }
        return ZeroDecision.zero(METHOD, "Symja's Expand reduces every output to 0"
                + (coefficients == 0 ? "" : " after Simplify proves the " + coefficients + " remaining coefficients 0"),
                data.build());
    }
}
