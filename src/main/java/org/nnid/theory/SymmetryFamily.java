package org.nnid.theory;

import org.nnid.activation.Formula;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.nnid.scalar.DoubleScalar;
import org.nnid.scalar.Rational;
import org.nnid.scalar.Scalar;

/**
 * A parametric family of symmetry elements, such as (λ,0,λ,0) for λ &gt; 0, (ε, kπ, ε(−1)^k, 0) for
 * ε = ±1, k ∈ ℤ, or (1, b, e^b, 0) for all real b (docs/math.md §2). Each entry is a {@link Formula}
 * in the parameters; each parameter is real, integer or a sign; an optional condition restricts
 * the real ones.
 */
public record SymmetryFamily(List<Formula> element, Map<String, Kind> parameters, Optional<Formula> condition) {

    /** What values a parameter ranges over. */
    public enum Kind {
        /** Any real number (subject to the condition). */
        REAL("real"),
        /** Any integer. */
        INTEGER("integer"),
        /** +1 or −1. */
        SIGN("sign");

        private final String word;

        Kind(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }

        public static Optional<Kind> of(String word) {
            for (Kind k : values()) {
                if (k.word.equals(word)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }

    public SymmetryFamily {
        element = List.copyOf(element);
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        if (element.size() != 4) {
            throw new IllegalArgumentException("a symmetry element has four entries (a, b, c, d), found " + element.size());
        }
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException("a family needs at least one parameter");
        }
    }

    /**
     * The element at the given parameter values (exact values give an exact element, doubles a
     * double one).
     *
     * @throws IllegalArgumentException if a value is missing, or a or c is zero there
     */
    public SymmetryElement instantiate(Map<String, ? extends Scalar> values) {
        Map<String, Scalar> env = new LinkedHashMap<>(values);
        Scalar[] e = new Scalar[4];
        for (int i = 0; i < 4; i++) {
            e[i] = element.get(i).evaluateExact(env);
        }
        return new SymmetryElement(e[0], e[1], e[2], e[3]);
    }

    /** Whether the values are of the right kinds and satisfy the condition. */
    public boolean admits(Map<String, ? extends Scalar> values) {
        for (Map.Entry<String, Kind> p : parameters.entrySet()) {
            Scalar v = values.get(p.getKey());
            if (v == null) {
                return false;
            }
            boolean ok = switch (p.getValue()) {
                case REAL -> true;
                case INTEGER -> v instanceof Rational r ? r.isInteger() : v.toDouble() == Math.rint(v.toDouble());
                case SIGN -> Incoming.sameValue(v, Scalar.ONE) || Incoming.sameValue(v, Rational.of(-1))
                        || (v instanceof DoubleScalar d && Math.abs(d.value()) == 1);
            };
            if (!ok) {
                return false;
            }
        }
        return condition.isEmpty() || condition.get().holds(new LinkedHashMap<>(values));
    }

    /**
     * Admissible exact parameter values drawn at random: small and large (up to 100) rationals of both signs
     * for real parameters, integers in [−6, 6] and a few far ones for integer parameters, ±1 for
     * signs. Values where a or c vanish are skipped.
     */
    public List<Map<String, Scalar>> sample(Random random, int count) {
        List<Map<String, Scalar>> out = new ArrayList<>();
        for (int attempt = 0; attempt < 50 * count && out.size() < count; attempt++) {
            Map<String, Scalar> v = new LinkedHashMap<>();
            for (Map.Entry<String, Kind> p : parameters.entrySet()) {
                v.put(p.getKey(), switch (p.getValue()) {
                    case REAL -> randomReal(random);
                    case INTEGER -> Rational.of(random.nextInt(10) == 0 ? (random.nextBoolean() ? 1 : -1) * (100L + random.nextInt(900))
                            : random.nextInt(13) - 6L);
                    case SIGN -> Rational.of(random.nextBoolean() ? 1 : -1);
                });
            }
            if (admits(v)) {
                try {
                    instantiate(v);
                    out.add(v);
                } catch (IllegalArgumentException | ArithmeticException e) {
                    // a or c vanishes here: not a group element
                }
            }
        }
        return out;
    }

    private static Rational randomReal(Random random) {
        return switch (random.nextInt(6)) {
            // Large, but small enough that e^b (the exp family) stays within the double range even
            // for products of a few elements.
            case 0 -> Rational.of(BigInteger.valueOf(random.nextInt(201) - 100L), BigInteger.ONE);
            case 1 -> Rational.of(BigInteger.valueOf(random.nextBoolean() ? 1 : -1), BigInteger.valueOf(1 + random.nextInt(1000)));
            default -> Rational.of(BigInteger.valueOf(random.nextInt(41) - 20L), BigInteger.valueOf(1 + random.nextInt(8)));
        };
    }

    /** The element as written, e.g. "(lambda,0,lambda,0)". */
    public String elementText() {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < 4; i++) {
            b.append(i > 0 ? "," : "").append(element.get(i));
        }
        return b.append(')').toString();
    }

    /** "(lambda,0,lambda,0) for lambda > 0", "(epsilon,k*Pi,...) for epsilon = ±1, k ∈ ℤ". */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        List<String> reals = new ArrayList<>();
        for (Map.Entry<String, Kind> p : parameters.entrySet()) {
            switch (p.getValue()) {
                case SIGN -> parts.add(p.getKey() + " = ±1");
                case INTEGER -> parts.add(p.getKey() + " ∈ ℤ");
                case REAL -> reals.add(p.getKey());
            }
        }
        if (condition.isPresent()) {
            parts.add(condition.get().toString());
        } else if (!reals.isEmpty()) {
            parts.add("all real " + String.join(", ", reals));
        }
        return elementText() + " for " + String.join(", ", parts);
    }
}
