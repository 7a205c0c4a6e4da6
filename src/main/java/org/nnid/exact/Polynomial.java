package org.nnid.exact;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.math3.fraction.BigFraction;

/**
 * A multivariate polynomial with exact rational coefficients (Commons Math {@link BigFraction}),
 * kept as its nonzero terms only, so it is the zero polynomial iff it has no term. Monomials are
 * ordered by total degree, then lexicographically by exponents, which makes printed output
 * deterministic. Immutable.
 */
final class Polynomial {
    /** A monomial x₁^e₁·…·x_m^e_m by its exponents. */
    record Monomial(int[] exponents) {
        int degree() {
            return Arrays.stream(exponents).sum();
        }

        Monomial times(Monomial o) {
            int[] e = exponents.clone();
            for (int i = 0; i < e.length; i++) {
                e[i] += o.exponents[i];
            }
            return new Monomial(e);
        }

        String toText(List<String> names) {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < exponents.length; i++) {
                if (exponents[i] > 0) {
                    parts.add(names.get(i) + (exponents[i] > 1 ? "^" + exponents[i] : ""));
                }
            }
            return parts.isEmpty() ? "1" : String.join("*", parts);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Monomial m && Arrays.equals(m.exponents, exponents);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(exponents);
        }
    }

    private static final Comparator<Monomial> ORDER = Comparator.comparingInt(Monomial::degree)
            .thenComparing(Monomial::exponents, Arrays::compare);

    private final int variables;
    private final TreeMap<Monomial, BigFraction> terms;

    private Polynomial(int variables, TreeMap<Monomial, BigFraction> terms) {
        this.variables = variables;
        this.terms = terms;
    }

    static Polynomial constant(int variables, BigFraction c) {
        TreeMap<Monomial, BigFraction> t = new TreeMap<>(ORDER);
        if (c.getNumerator().signum() != 0) {
            t.put(new Monomial(new int[variables]), c);
        }
        return new Polynomial(variables, t);
    }

    static Polynomial variable(int variables, int index) {
        int[] e = new int[variables];
        e[index] = 1;
        TreeMap<Monomial, BigFraction> t = new TreeMap<>(ORDER);
        t.put(new Monomial(e), BigFraction.ONE);
        return new Polynomial(variables, t);
    }

    boolean isZero() {
        return terms.isEmpty();
    }

    /** The nonzero terms, lowest monomial first. */
    Map<Monomial, BigFraction> terms() {
        return Collections.unmodifiableMap(terms);
    }

    Polynomial plus(Polynomial o) {
        TreeMap<Monomial, BigFraction> t = new TreeMap<>(terms);
        o.terms.forEach((m, c) -> {
            BigFraction s = t.getOrDefault(m, BigFraction.ZERO).add(c);
            if (s.getNumerator().signum() == 0) {
                t.remove(m);
            } else {
                t.put(m, s);
            }
        });
        return new Polynomial(variables, t);
    }

    Polynomial times(BigFraction c) {
        TreeMap<Monomial, BigFraction> t = new TreeMap<>(ORDER);
        if (c.getNumerator().signum() != 0) {
            terms.forEach((m, a) -> t.put(m, a.multiply(c)));
        }
        return new Polynomial(variables, t);
    }

    /** Thrown when a product runs past its deadline (a budget, not an error). */
    static final class OutOfTime extends RuntimeException {
        OutOfTime() {
            super(null, null, false, false);
        }
    }

    /**
     * The product, accumulated in one map (n·m terms merged, not n partial sums).
     *
     * @param deadline a {@link System#nanoTime} past which the product is abandoned
     * @throws OutOfTime past the deadline
     */
    Polynomial times(Polynomial o, long deadline) {
        TreeMap<Monomial, BigFraction> t = new TreeMap<>(ORDER);
        for (Map.Entry<Monomial, BigFraction> a : terms.entrySet()) {
            if (System.nanoTime() - deadline > 0) {
                throw new OutOfTime();
            }
            o.terms.forEach((m, c) -> t.merge(a.getKey().times(m), a.getValue().multiply(c), BigFraction::add));
        }
        t.values().removeIf(c -> c.getNumerator().signum() == 0);
        return new Polynomial(variables, t);
    }

    /** r(this) for a univariate r given by its coefficients from the constant term up (Horner), within the deadline. */
    Polynomial substituteInto(List<BigFraction> r, long deadline) {
        Polynomial acc = constant(variables, BigFraction.ZERO);
        for (int j = r.size() - 1; j >= 0; j--) {
            acc = acc.times(this, deadline).plus(constant(variables, r.get(j)));
        }
        return acc;
    }

    /** The exact value at a rational point. */
    BigFraction at(BigFraction[] x) {
        BigFraction sum = BigFraction.ZERO;
        for (Map.Entry<Monomial, BigFraction> t : terms.entrySet()) {
            BigFraction v = t.getValue();
            int[] e = t.getKey().exponents();
            for (int i = 0; i < e.length; i++) {
                v = v.multiply(x[i].pow(e[i]));
            }
            sum = sum.add(v);
        }
        return sum;
    }
}
