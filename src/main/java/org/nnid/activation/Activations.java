package org.nnid.activation;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.apache.commons.math3.fraction.BigFraction;
import org.apache.commons.math3.special.Erf;
import org.nnid.scalar.Interval;
import org.nnid.scalar.Rational;
import org.nnid.scalar.Scalar;

/**
 * The nonlinearities with their own Java evaluation (docs/math.md §2 lists their symmetry groups):
 * fast double and sound interval evaluation, and slope enclosures where the checker uses them.
 * Everything else about a nonlinearity (names, parameters, spellings, facts) is in its theory file.
 *
 * <p>Interval evaluation must be sound (see {@link Activation#apply(Interval)}). Increasing
 * functions use the endpoint trick: the lower bound of a natural interval extension at the point
 * [lo, lo] and the upper bound of it at [hi, hi]; since the extension is built from rigorous
 * {@link Interval} primitives, all rounding errors of the composite formula are covered. The
 * extensions accept infinite points, where they enclose the limits.
 */
public final class Activations {

    private Activations() {
    }

    /** The slope of the default leaky ReLU, exactly 1/100. */
    public static final BigFraction DEFAULT_LEAKY_SLOPE = new BigFraction(1, 100);

    private static final List<String> NAMES;

    static {
        List<String> names = new ArrayList<>();
        for (Builtin b : Builtin.values()) {
            names.add(b.name());
        }
        names.add(LeakyRelu.NAME);
        Collections.sort(names);
        NAMES = List.copyOf(names);
    }

    /**
     * The built-in evaluation of this canonical name, ignoring case (what a theory file's
     * {@code activation} key names). Aliases are the theory files' ({@code aliases}); formats
     * resolve names through {@code org.nnid.io.Nonlinearities}.
     */
    public static Activation byName(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        if (key.equals(LeakyRelu.NAME)) {
            return leakyRelu(DEFAULT_LEAKY_SLOPE);
        }
        for (Builtin b : Builtin.values()) {
            if (b.name().equals(key)) {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + name + "' (known: " + String.join(", ", NAMES) + ")");
    }

    /** Canonical names, sorted. */
    public static List<String> names() {
        return NAMES;
    }

    /** Leaky ReLU max(slope·t, t) with an exact rational slope in (0, 1). */
    public static Activation leakyRelu(BigFraction slope) {
        return new LeakyRelu(slope);
    }

    // ---------------------------------------------------------------- built-ins

    /** The parameterless activations. Constants are lower case because {@code name()} is the canonical name. */
    public enum Builtin implements Activation {
        tanh("Tanh(t)") {
            @Override public double apply(double t) { return Math.tanh(t); }
            @Override public Interval apply(Interval t) { return Interval.tanh(t); }
            @Override public Optional<Interval> slopes(Interval t) { // 1 − tanh², within [0, 1]
                return Optional.of(clamp(ONE.sub(Interval.sqr(Interval.tanh(t))), 0, 1));
            }
        },
        logistic("1/(1+Exp(-t))") {
            @Override public double apply(double t) { return logistic(t); }
            @Override public Interval apply(Interval t) { return increasing(t, Activations::logisticExt); }
            @Override public Optional<Interval> slopes(Interval t) { // σ(1 − σ), within [0, 1/4]
                Interval s = apply(t);
                return Optional.of(clamp(s.mul(ONE.sub(s)), 0, 0.25));
            }
        },
        arctan("ArcTan(t)") {
            @Override public double apply(double t) { return Math.atan(t); }
            @Override public Interval apply(Interval t) { return Interval.atan(t); }
        },
        erf("Erf(t)") {
            @Override public double apply(double t) { return erfDouble(t); }
            @Override public Interval apply(Interval t) { return Interval.erf(t); }
        },
        sin("Sin(t)") {
            @Override public double apply(double t) { return Math.sin(t); }
            @Override public Interval apply(Interval t) { return Interval.sin(t); }
        },
        cos("Cos(t)") {
            @Override public double apply(double t) { return Math.cos(t); }
            @Override public Interval apply(Interval t) { return Interval.cos(t); }
        },
        relu("Max(0,t)") {
            @Override public double apply(double t) { return Math.max(0.0, t); }
            @Override public Interval apply(Interval t) { return Interval.of(Math.max(0, t.lo()), Math.max(0, t.hi())); }
            @Override public Optional<Interval> slopes(Interval t) {
                return Optional.of(t.lo() > 0 ? Interval.point(1) : t.hi() < 0 ? Interval.point(0) : Interval.of(0, 1));
            }
        },
        abs("Abs(t)") {
            @Override public double apply(double t) { return Math.abs(t); }
            @Override public Interval apply(Interval t) { return Interval.abs(t); }
        },
        exp("Exp(t)") {
            @Override public double apply(double t) { return Math.exp(t); }
            @Override public Interval apply(Interval t) { return Interval.exp(t); }
        },
        softplus("Log(1+Exp(t))") {
            // max(t,0) + log1p(e^{−|t|}): no overflow, no cancellation.
            @Override public double apply(double t) { return Math.max(t, 0) + Math.log1p(Math.exp(-Math.abs(t))); }
            @Override public Interval apply(Interval t) { return increasing(t, Activations::softplusExt); }
        },
        gelu("t*(1+Erf(t/Sqrt(2)))/2") {
            // t·(1 + erf(t/√2))/2 = (t/2)·erfc(−t/√2); the erfc form keeps full relative accuracy for t ≪ 0.
            @Override public double apply(double t) {
                return t == Double.NEGATIVE_INFINITY ? 0.0 : 0.5 * t * Erf.erfc(-t * INV_SQRT2);
            }
            @Override public Interval apply(Interval t) { return unimodal(t, GELU_CRIT_LO, GELU_CRIT_HI, Activations::geluExt); }
        },
        silu("t/(1+Exp(-t))") {
            @Override public double apply(double t) { return t == Double.NEGATIVE_INFINITY ? 0.0 : t * logistic(t); }
            @Override public Interval apply(Interval t) { return unimodal(t, SILU_CRIT_LO, SILU_CRIT_HI, Activations::siluExt); }
        },
        square("t^2") {
            @Override public double apply(double t) { return t * t; }
            @Override public Interval apply(Interval t) { return Interval.sqr(t); }
        },
        cube("t^3") {
            @Override public double apply(double t) { return t * t * t; }
            @Override public Interval apply(Interval t) { return Interval.cube(t); }
        },
        identity("t") {
            @Override public double apply(double t) { return t; }
            @Override public Interval apply(Interval t) { return t; }
            @Override public Optional<Interval> slopes(Interval t) { return Optional.of(ONE); }
        },
        hardtanh("Max(-1,Min(1,t))") {
            @Override public double apply(double t) { return Math.max(-1, Math.min(1, t)); }
            @Override public Interval apply(Interval t) {
                return Interval.of(Math.max(-1, Math.min(1, t.lo())), Math.max(-1, Math.min(1, t.hi())));
            }
        },
        meromorphic("t+Sin(t)/(2+Cos(t))") {
            // Increasing: with c = cos t the derivative is (c+1)(c+5)/(2+c)² ≥ 0. At ±∞ it tends to ±∞.
            @Override public double apply(double t) { return Double.isInfinite(t) ? t : t + Math.sin(t) / (2 + Math.cos(t)); }
            @Override public Interval apply(Interval t) { return increasing(t, Activations::meromorphicExt); }
        };

        private final String symja;

        Builtin(String symja) {
            this.symja = symja;
        }

        @Override
        public String symja() {
            return symja;
        }
    }

    // ---------------------------------------------------------------- leaky ReLU

    /** max(slope·t, t) for a rational slope in (0, 1); equal iff the slopes are equal. */
    public static final class LeakyRelu implements Activation {
        static final String NAME = "leaky_relu";
        /** The parameter's name in leaky_relu.theory. */
        private static final String SLOPE = "slope";

        private final BigFraction slope;
        private final double slopeValue;       // slope rounded to nearest
        private final Interval slopeEnclosure; // exact enclosure of the rational slope

        LeakyRelu(BigFraction slope) {
            if (slope.compareTo(BigFraction.ZERO) <= 0 || slope.compareTo(BigFraction.ONE) >= 0) {
                throw new IllegalArgumentException("leaky_relu slope must lie in (0, 1), got " + ratio(slope));
            }
            this.slope = slope;
            BigDecimal num = new BigDecimal(slope.getNumerator()), den = new BigDecimal(slope.getDenominator());
            this.slopeValue = num.divide(den, new MathContext(40)).doubleValue();
            // Compare the double with the rational exactly (den > 0) and step outward as needed.
            double lo = slopeValue, hi = slopeValue;
            while (new BigDecimal(lo).multiply(den).compareTo(num) > 0) lo = Math.nextDown(lo);
            while (new BigDecimal(hi).multiply(den).compareTo(num) < 0) hi = Math.nextUp(hi);
            this.slopeEnclosure = Interval.of(lo, hi);
        }

        public BigFraction slope() {
            return slope;
        }

        @Override public String name() { return NAME; }

        @Override public Map<String, String> parameters() { return Map.of(SLOPE, ratio(slope)); }

        /** Takes its one parameter, a rational slope, under the name leaky_relu.theory gives it. */
        @Override public Activation withParameters(Map<String, Scalar> values) {
            if (values.size() == 1 && values.get(SLOPE) instanceof Rational r) {
                return r.fraction().equals(slope) ? this : new LeakyRelu(r.fraction());
            }
            return Activation.super.withParameters(values);
        }

        @Override public double apply(double t) { return t >= 0 ? t : slopeValue * t; }

        @Override public Interval apply(Interval t) {
            // Increasing; below 0 the value slope·t is enclosed with the exact slope's enclosure.
            double lo = t.lo() >= 0 ? t.lo() : slopeEnclosure.scale(t.lo()).lo();
            double hi = t.hi() >= 0 ? t.hi() : slopeEnclosure.scale(t.hi()).hi();
            return Interval.of(lo, hi);
        }

        @Override public String symja() { return "Max(" + ratio(slope) + "*t,t)"; }

        @Override public boolean equals(Object o) {
            return o instanceof LeakyRelu l && l.slope.equals(slope);
        }

        @Override public int hashCode() { return NAME.hashCode() * 31 + slope.hashCode(); }

        @Override public String toString() { return NAME + "(slope=" + ratio(slope) + ")"; }

        /** "p/q" (BigFraction.toString writes "p / q"); BigFraction keeps lowest terms, q > 0. */
        private static String ratio(BigFraction f) {
            BigInteger q = f.getDenominator();
            return q.equals(BigInteger.ONE) ? f.getNumerator().toString() : f.getNumerator() + "/" + q;
        }
    }

    // ---------------------------------------------------------------- scalar helpers

    private static final double INV_SQRT2 = 0.7071067811865476;
    /** 1/√2 enclosed: the double nearest 1/√2 and its neighbours. */
    private static final Interval INV_SQRT2_I = Interval.of(Math.nextDown(INV_SQRT2), Math.nextUp(INV_SQRT2));
    private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;
    private static final Interval ONE = Interval.point(1), HALF = Interval.point(0.5), TWO = Interval.point(2);
    private static final Interval TINY_NEGATIVE = Interval.of(-Double.MIN_VALUE, 0);

    /*
     * Critical points. gelu(t) = t·Φ(t) has gelu'(t) = Φ(t) + t·φ(t): at −0.76 it is
     * 0.22363 − 0.76·0.29887 ≈ −0.0035 < 0, at −0.75 it is 0.22663 − 0.75·0.30114 ≈ +0.0008 > 0.
     * The zero is unique: gelu'' = φ·(2 − t²) > 0 on (−√2, √2), while for t < −√2 the Mills bound
     * Φ(t) < φ(t)/|t| gives gelu' < φ·(1 − t²)/|t| < 0 and for t > √2 both terms are positive.
     * silu'(t) = σ(t)·(1 + t·σ(−t)): 1 − 1.28·σ(1.28) ≈ −0.0015 < 0 and 1 − 1.27·σ(1.27) ≈ +0.0085 > 0;
     * unique because u·σ(u) increases for u > 0 and the factor is positive for t ≥ 0.
     * Both functions decrease left of the critical point and increase right of it.
     * The brackets below narrow these to width 1e-9 around t* = −0.7517915246935644… (gelu) and
     * t* = −1.2784645427610737… (silu), so the natural extension on the bracket overestimates by
     * ~1e-10 only; the derivative signs at these exact doubles are checked to 60 digits in
     * ActivationTest (gelu' ≈ −1.3e-10 / +3.0e-10, silu' factor ≈ −2.4e-10 / +7.6e-10).
     */
    static final double GELU_CRIT_LO = -0.751791525, GELU_CRIT_HI = -0.751791524;
    static final double SILU_CRIT_LO = -1.278464543, SILU_CRIT_HI = -1.278464542;

    /** σ(t) without overflow: e^t/(1+e^t) for t &lt; 0. */
    private static double logistic(double t) {
        if (t >= 0) {
            return 1 / (1 + Math.exp(-t));
        }
        double e = Math.exp(t);
        return e / (1 + e);
    }

    /** Commons Math's erf returns 0 once t² underflows; near 0 use the leading term (2/√π)·t. */
    private static double erfDouble(double t) {
        return Math.abs(t) < 1e-8 ? t * TWO_OVER_SQRT_PI : Erf.erf(t);
    }

    // ---------------------------------------------------------------- natural interval extensions
    // Each is a sound enclosure over any interval (including infinite points) by construction.

    /** σ(t): 1/(1+e^{−t}) for t ≥ 0 and e^t/(1+e^t) otherwise (the latter avoids e^{−t} overflow). */
    private static Interval logisticExt(Interval t) {
        if (t.lo() >= 0) {
            return ONE.div(ONE.add(Interval.exp(t.neg())));
        }
        Interval e = Interval.exp(t);
        return e.div(ONE.add(e));
    }

    private static Interval softplusExt(Interval t) {
        return Interval.max(t, Interval.point(0)).add(Interval.log1p(Interval.exp(Interval.abs(t).neg())));
    }

    /** (t/2)·erfc(−t/√2), equal to t·(1 + erf(t/√2))/2. */
    private static Interval geluExt(Interval t) {
        // For t ≤ −40, |gelu(t)| = |t|·Φ(t) < φ(t) < e^{-800}: below the smallest double. Without this
        // the product of a huge |t| with erfc's absolute margin would be needlessly wide.
        if (t.hi() <= -40) return TINY_NEGATIVE;
        return t.mul(HALF).mul(Interval.erfc(t.neg().mul(INV_SQRT2_I)));
    }

    private static Interval siluExt(Interval t) {
        // For t ≤ −1500, |silu(t)| < |t|·e^t < e^{t/2} < e^{-750}: below the smallest double.
        if (t.hi() <= -1500) return TINY_NEGATIVE;
        // σ is increasing, so enclose it by the endpoint trick even inside the natural extension.
        return t.mul(increasing(t, Activations::logisticExt));
    }

    private static Interval meromorphicExt(Interval t) {
        return t.add(Interval.sin(t).div(TWO.add(Interval.cos(t))));
    }

    /** x cut to [lo, hi]; [lo, hi] itself when x misses it (rounding outside the known range). */
    private static Interval clamp(Interval x, double lo, double hi) {
        double l = Math.max(lo, x.lo());
        double h = Math.min(hi, x.hi());
        return l <= h ? Interval.of(l, h) : Interval.of(lo, hi);
    }

    // ---------------------------------------------------------------- monotonicity tricks

    /** Enclosure of an increasing function over t from its natural extension at the endpoints. */
    private static Interval increasing(Interval t, UnaryOperator<Interval> ext) {
        if (t.isPoint()) {
            return ext.apply(t);
        }
        return Interval.of(ext.apply(Interval.point(t.lo())).lo(), ext.apply(Interval.point(t.hi())).hi());
    }

    private static Interval decreasing(Interval t, UnaryOperator<Interval> ext) {
        if (t.isPoint()) {
            return ext.apply(t);
        }
        return Interval.of(ext.apply(Interval.point(t.hi())).lo(), ext.apply(Interval.point(t.lo())).hi());
    }

    /**
     * A function decreasing on (−∞, c] and increasing on [c, ∞), with c known to lie in (cLo, cHi):
     * hull of the decreasing piece t ∩ [−∞, cLo], the natural extension on t ∩ [cLo, cHi] (a short
     * interval, so little overestimation) and the increasing piece t ∩ [cHi, ∞].
     */
    private static Interval unimodal(Interval t, double cLo, double cHi, UnaryOperator<Interval> ext) {
        if (t.hi() <= cLo) return decreasing(t, ext);
        if (t.lo() >= cHi) return increasing(t, ext);
        Interval r = ext.apply(Interval.of(Math.max(t.lo(), cLo), Math.min(t.hi(), cHi)));
        if (t.lo() < cLo) r = r.hull(decreasing(Interval.of(t.lo(), cLo), ext));
        if (t.hi() > cHi) r = r.hull(increasing(Interval.of(cHi, t.hi()), ext));
        return r;
    }
}
