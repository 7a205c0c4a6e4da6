package org.nnid.nulls;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import org.nnid.scalar.Rational;
import org.nnid.scalar.Scalar;
import org.nnid.scalar.ScalarFormatException;
import org.nnid.theory.NormalForm;
import org.nnid.theory.Theory;

/**
 * The (w, b) grid of the null-network search: weight values (each input's weight takes every
 * value, the zero vector excluded) and biases, all exact. Periodic theories (whose normal form
 * shifts θ by a period) get biases in π/3·ℤ, the others small rationals.
 *
 * <p>Spec syntax: {@code w=LIST;b=LIST} (either part may be left out), where LIST is a
 * comma-separated list of exact values ({@code 1/2}, {@code 2*Pi/3}) and integer ranges
 * {@code lo..hi}, optionally with a step: {@code 0..5:Pi/3} is k·π/3 for k = 0, …, 5.
 */
public record Grid(List<Scalar> weights, List<Scalar> biases) {

    public Grid {
        weights = List.copyOf(weights);
        biases = List.copyOf(biases);
    }

    /** The default grid of a theory. */
    public static Grid defaults(Theory theory, int inputs) {
        List<Scalar> w = inputs == 1 ? values("1,2,-1,-2") : values("1,0,-1");
        // In 2-D the biases are left out: 1-D relations (found with one input) would come first.
        List<Scalar> b = inputs == 2 ? values("0") : isPeriodic(theory) ? range("0..5:Pi/3") : values("0,1,-1");
        return new Grid(w, b);
    }

    static boolean isPeriodic(Theory theory) {
        return theory.normalForm() instanceof NormalForm.FlipThenShift;
    }

    /**
     * Parses a spec over the defaults: a part that is left out keeps its default.
     *
     * @throws IllegalArgumentException naming the part that is wrong
     */
    public static Grid parse(String spec, Grid defaults) {
        List<Scalar> w = defaults.weights();
        List<Scalar> b = defaults.biases();
        for (String part : spec.split(";")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("grid part '" + Scalar.quoted(p) + "' must read w=LIST or b=LIST");
            }
            String key = p.substring(0, eq).strip();
            List<Scalar> list = list(p.substring(eq + 1));
            switch (key) {
                case "w" -> w = list;
                case "b" -> b = list;
                default -> throw new IllegalArgumentException("grid part '" + Scalar.quoted(p) + "': unknown key '" + Scalar.quoted(key)
                        + "' (use w for weights, b for biases)");
            }
        }
        if (w.stream().allMatch(Scalar::isZero)) {
            throw new IllegalArgumentException("grid '" + Scalar.quoted(spec) + "': the weights need a nonzero value");
        }
        return new Grid(w, b);
    }

    private static List<Scalar> list(String text) {
        List<Scalar> out = new ArrayList<>();
        for (String item : text.split(",")) {
            String s = item.strip();
            if (s.contains("..")) {
                out.addAll(range(s));
            } else {
                try {
                    out.add(Scalar.parseExact(s));
                } catch (ScalarFormatException e) {
                    throw new IllegalArgumentException("grid value '" + Scalar.quoted(s) + "': " + e.getMessage());
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("empty grid list '" + Scalar.quoted(text) + "'");
        }
        return out;
    }

    private static List<Scalar> values(String text) {
        return list(text);
    }

    /** lo..hi (integers), optionally :STEP, giving k·STEP for k = lo..hi. */
    private static List<Scalar> range(String s) {
        String body = s;
        Scalar step = Scalar.ONE;
        int colon = s.indexOf(':');
        if (colon >= 0) {
            body = s.substring(0, colon);
            try {
                step = Scalar.parseExact(s.substring(colon + 1));
            } catch (ScalarFormatException e) {
                throw new IllegalArgumentException("grid range '" + Scalar.quoted(s) + "': " + e.getMessage());
            }
        }
        if (step.isZero()) {
            throw new IllegalArgumentException("grid range '" + Scalar.quoted(s) + "': the step must not be 0 (it would give "
                    + "copies of 0)");
        }
        String[] ends = body.split("\\.\\.");
        BigInteger lo;
        BigInteger hi;
        try {
            lo = new BigInteger(ends[0].strip());
            hi = new BigInteger(ends[1].strip());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("grid range '" + Scalar.quoted(s) + "' must read lo..hi or lo..hi:STEP with integers lo, hi");
        }
        if (hi.subtract(lo).compareTo(BigInteger.valueOf(200)) > 0 || hi.compareTo(lo) < 0) {
            throw new IllegalArgumentException("grid range '" + Scalar.quoted(s) + "' must have lo ≤ hi and at most 201 values");
        }
        List<Scalar> out = new ArrayList<>();
        for (BigInteger k = lo; k.compareTo(hi) <= 0; k = k.add(BigInteger.ONE)) {
            out.add(Rational.of(k, BigInteger.ONE).multiply(step));
        }
        return out;
    }

    /** The spec that reads back to this grid. */
    public String toSpec() {
        return "w=" + String.join(",", weights.stream().map(Scalar::toText).toList()) + ";b="
                + String.join(",", biases.stream().map(Scalar::toText).toList());
    }
}
