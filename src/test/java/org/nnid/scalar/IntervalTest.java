package org.nnid.scalar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.function.UnaryOperator;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

public class IntervalTest {

    // ---------------------------------------------------------------- generators

    /** Doubles with random mantissas over many binades, plus the awkward special values. */
    @Provide
    static Arbitrary<Double> doubles() {
        Arbitrary<Double> random = Arbitraries.randomValue(r -> {
            double m = 1 + r.nextDouble();
            double x = Math.scalb(m, r.nextInt(161) - 80);
            return r.nextBoolean() ? x : -x;
        });
        Arbitrary<Double> small = Arbitraries.integers().between(-1000, 1000).map(i -> i / 8.0);
        Arbitrary<Double> special = Arbitraries.of(0.0, -0.0, 1.0, -1.0, Double.MIN_VALUE, -Double.MIN_VALUE,
                Double.MIN_NORMAL, 0x1p-1000, -0x1p-1000, 1e300, -1e300, Double.MAX_VALUE, -Double.MAX_VALUE,
                0.1, 1.0 / 3, Math.PI);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, random), net.jqwik.api.Tuple.of(2, small), net.jqwik.api.Tuple.of(2, special));
    }

    @Provide
    static Arbitrary<Interval> intervals() {
        return Combinators.combine(doubles(), doubles()).as((a, b) -> Interval.of(Math.min(a, b), Math.max(a, b)));
    }

    /** Intervals of moderate size, for the elementary functions. */
    @Provide
    static Arbitrary<Interval> moderateIntervals() {
        Arbitrary<Double> centre = Arbitraries.oneOf(
                Arbitraries.doubles().between(-3, 3).ofScale(12),
                Arbitraries.doubles().between(-40, 40).ofScale(12),
                Arbitraries.doubles().between(-1e6, 1e6).ofScale(6));
        Arbitrary<Double> width = Arbitraries.oneOf(Arbitraries.just(0.0),
                Arbitraries.integers().between(-30, 3).map(e -> Math.pow(2, e)),
                Arbitraries.doubles().between(0, 8).ofScale(6));
        return Combinators.combine(centre, width).as((c, w) -> Interval.of(c - w / 2, c + w / 2 >= c - w / 2 ? c + w / 2 : c - w / 2));
    }

    // ---------------------------------------------------------------- arithmetic

    private static BigDecimal big(double x) {
        return new BigDecimal(x);
    }

    /** Whether the exact real v lies in [lo, hi] (infinite bounds are always satisfied). */
    public static boolean encloses(Interval i, BigDecimal v) {
        return (i.lo() == Double.NEGATIVE_INFINITY || (Double.isFinite(i.lo()) && big(i.lo()).compareTo(v) <= 0))
                && (i.hi() == Double.POSITIVE_INFINITY || (Double.isFinite(i.hi()) && v.compareTo(big(i.hi())) <= 0));
    }

    @Property(tries = 1000)
    void arithmeticEnclosesTheExactResult(@ForAll("intervals") Interval a, @ForAll("intervals") Interval b) {
        Interval sum = a.add(b), diff = a.sub(b), prod = a.mul(b);
        for (double x : new double[] {a.lo(), a.mid(), a.hi()}) {
            for (double y : new double[] {b.lo(), b.mid(), b.hi()}) {
                assertTrue(encloses(sum, big(x).add(big(y))), () -> a + " + " + b + " = " + sum);
                assertTrue(encloses(diff, big(x).subtract(big(y))), () -> a + " - " + b + " = " + diff);
                assertTrue(encloses(prod, big(x).multiply(big(y))), () -> a + " * " + b + " = " + prod);
            }
        }
    }

    @Property(tries = 1000)
    void divisionEnclosesTheExactQuotient(@ForAll("intervals") Interval a, @ForAll("intervals") Interval b) {
        Interval q = a.div(b);
        if (b.contains(0)) {
            assertEquals(Interval.ENTIRE, q);
            return;
        }
        for (double x : new double[] {a.lo(), a.mid(), a.hi()}) {
            for (double y : new double[] {b.lo(), b.mid(), b.hi()}) {
                // x/y ∈ [L, H]  ⇔  L·y ≤ x ≤ H·y for y > 0 (reversed for y < 0): exact in BigDecimal.
                BigDecimal bx = big(x), by = big(y);
                int s = y > 0 ? 1 : -1;
                assertTrue(q.lo() == Double.NEGATIVE_INFINITY || big(q.lo()).multiply(by).compareTo(bx) * s <= 0,
                        () -> a + " / " + b + " = " + q);
                assertTrue(q.hi() == Double.POSITIVE_INFINITY || big(q.hi()).multiply(by).compareTo(bx) * s >= 0,
                        () -> a + " / " + b + " = " + q);
            }
        }
    }

    @Property(tries = 1000)
    void scaleEnclosesTheExactProduct(@ForAll("intervals") Interval a, @ForAll("doubles") double c) {
        Interval s = a.scale(c);
        for (double x : new double[] {a.lo(), a.mid(), a.hi()}) {
            assertTrue(encloses(s, big(x).multiply(big(c))), () -> a + " * " + c + " = " + s);
        }
        assertEquals(a.mul(Interval.point(c)), s);
    }

    @Property(tries = 1000)
    void pointOperationsAreAtMostOneUlpWide(@ForAll("doubles") double x, @ForAll("doubles") double y) {
        // Only the rounding of one operation separates the bounds (away from overflow and underflow,
        // where the error-free transformations give up and both bounds move out).
        if (Math.abs(x) > 0x1p400 || Math.abs(y) > 0x1p400 || Math.abs(x) < 0x1p-400 || Math.abs(y) < 0x1p-400) return;
        for (Interval r : List.of(Interval.point(x).add(Interval.point(y)), Interval.point(x).mul(Interval.point(y)))) {
            if (Math.abs(r.lo()) > 0x1p-900 && Math.abs(r.hi()) < 0x1p1000) {
                assertTrue(r.hi() == r.lo() || r.hi() == Math.nextUp(r.lo()), r::toString);
            }
        }
    }

    @Property(tries = 500)
    void exactResultsStayPoints(@ForAll @IntRange(min = -1_000_000, max = 1_000_000) int a,
                                @ForAll @IntRange(min = -1_000_000, max = 1_000_000) int b) {
        Interval x = Interval.point(a), y = Interval.point(b);
        assertEquals(Interval.point((double) a + b), x.add(y));
        assertEquals(Interval.point((double) a - b), x.sub(y));
        assertEquals(Interval.point((double) a * b), x.mul(y));
        if (b != 0 && a % b == 0) {
            assertEquals(Interval.point((double) a / b), x.div(y));
        }
    }

    @Test
    void infiniteBoundsNeverGiveNaN() {
        Interval pos = Interval.of(1, Double.POSITIVE_INFINITY), all = Interval.ENTIRE;
        assertEquals(Interval.of(0, Double.POSITIVE_INFINITY), Interval.of(0, 1).mul(pos)); // 0·∞ = 0
        assertEquals(all, all.add(all));
        assertEquals(all, all.mul(Interval.of(-1, 2)));
        assertEquals(Interval.of(0, Double.POSITIVE_INFINITY), pos.div(pos));
        assertEquals(Interval.ENTIRE, Interval.point(Double.POSITIVE_INFINITY).add(Interval.point(Double.NEGATIVE_INFINITY)));
        Interval big = Interval.point(Double.MAX_VALUE).add(Interval.point(Double.MAX_VALUE));
        assertEquals(Interval.of(Double.MAX_VALUE, Double.POSITIVE_INFINITY), big); // overflow keeps a finite lower bound
        // Underflow: −2^-1075 is enclosed by the neighbouring doubles of its sign.
        assertEquals(Interval.of(-Double.MIN_VALUE, 0.0), Interval.point(-Double.MIN_VALUE).mul(Interval.point(0.5)));
        assertEquals(Interval.of(0.0, Double.MIN_VALUE), Interval.point(Double.MIN_VALUE).mul(Interval.point(0.5)));
    }

    // ---------------------------------------------------------------- basics

    @Test
    void constructorRejectsNaNAndReversedBounds() {
        assertThrows(IllegalArgumentException.class, () -> Interval.of(Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> Interval.of(0, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Interval.of(2, 1));
        assertEquals(Interval.point(0.0), Interval.point(-0.0)); // signed zeros are the same set
    }

    @Property(tries = 500)
    void toStringRoundTripsTheBounds(@ForAll("intervals") Interval a) {
        String s = a.toString();
        assertTrue(s.startsWith("[") && s.endsWith("]"));
        String[] parts = s.substring(1, s.length() - 1).split(", ");
        assertEquals(a, Interval.of(Double.parseDouble(parts[0]), Double.parseDouble(parts[1])));
    }

    @Property(tries = 1000)
    void midLiesInsideAndWidthBoundsTheTrueWidth(@ForAll("intervals") Interval a) {
        assertTrue(a.contains(a.mid()));
        assertTrue(Double.isFinite(a.mid()));
        if (Double.isFinite(a.width())) {
            assertTrue(big(a.hi()).subtract(big(a.lo())).compareTo(big(a.width())) <= 0);
        } else {
            // only when the bounds are infinite or the exact width exceeds the largest double
            assertTrue(Double.isInfinite(a.lo()) || Double.isInfinite(a.hi())
                    || big(a.hi()).subtract(big(a.lo())).compareTo(big(Double.MAX_VALUE)) > 0);
        }
    }

    @Property(tries = 300)
    void hullContainsBothAndOverlapIsSymmetric(@ForAll("intervals") Interval a, @ForAll("intervals") Interval b) {
        Interval h = a.hull(b);
        assertTrue(h.contains(a) && h.contains(b));
        assertEquals(a.overlaps(b), b.overlaps(a));
        assertEquals(a.overlaps(b), a.contains(b.lo()) || b.contains(a.lo()));
    }

    @Test
    void queriesOnSmallExamples() {
        Interval a = Interval.of(1, 3);
        assertTrue(a.contains(1) && a.contains(3) && !a.contains(3.5) && !a.contains(Double.NaN));
        assertTrue(a.contains(Interval.of(2, 3)) && !a.contains(Interval.of(0, 2)));
        assertTrue(a.overlaps(Interval.of(3, 4)) && !a.overlaps(Interval.of(3.5, 4)));
        assertEquals(2.0, a.width());
        assertEquals(2.0, a.mid());
        assertEquals(0.0, Interval.ENTIRE.mid());
        assertTrue(Interval.point(2).isPoint() && !a.isPoint());
        assertEquals(Interval.of(-3, -1), a.neg());
        assertEquals("[1.0, 3.0]", a.toString());
        assertEquals(Interval.of(0, 5), a.hull(Interval.of(0, 5)));
    }

    @Test
    void widenMovesEachBoundOutward() {
        Interval w = Interval.widen(1, 1, 1);
        assertTrue(w.lo() < 1 && w.hi() > 1 && w.width() < 1e-14);
        assertEquals(Double.NEGATIVE_INFINITY, Interval.widen(Double.NEGATIVE_INFINITY, 0, 3).lo());
        assertTrue(Double.isFinite(Interval.widen(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 1).lo()));
    }

    // ---------------------------------------------------------------- elementary functions

    private record Fn(String name, UnaryOperator<Interval> enclosure, java.util.function.DoubleUnaryOperator math,
                      java.util.function.Function<BigDecimal, BigDecimal> reference, double min, double max) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<Fn> FUNCTIONS = List.of(
            new Fn("exp", Interval::exp, Math::exp, HighPrecision::exp, -700, 700),
            new Fn("log1p", Interval::log1p, Math::log1p, HighPrecision::log1p, -0.999, 1e300),
            new Fn("tanh", Interval::tanh, Math::tanh, HighPrecision::tanh, -1e300, 1e300),
            new Fn("atan", Interval::atan, Math::atan, HighPrecision::atan, -1e300, 1e300),
            new Fn("sin", Interval::sin, Math::sin, HighPrecision::sin, -1e300, 1e300),
            new Fn("cos", Interval::cos, Math::cos, HighPrecision::cos, -1e300, 1e300),
            new Fn("erf", Interval::erf, org.apache.commons.math3.special.Erf::erf, HighPrecision::erf, -1e300, 1e300),
            new Fn("erfc", Interval::erfc, org.apache.commons.math3.special.Erf::erfc,
                    x -> BigDecimal.ONE.subtract(HighPrecision.erf(x)), -1e300, 1e300),
            new Fn("sqrt", Interval::sqrt, Math::sqrt, x -> x.sqrt(HighPrecision.MC), 0, 1e300),
            new Fn("sqr", Interval::sqr, x -> x * x, x -> x.multiply(x), -1e150, 1e150),
            new Fn("cube", Interval::cube, x -> x * x * x, x -> x.pow(3), -1e100, 1e100),
            new Fn("abs", Interval::abs, Math::abs, BigDecimal::abs, -1e300, 1e300));

    @Provide
    static Arbitrary<Fn> functions() {
        return Arbitraries.of(FUNCTIONS);
    }

    /** Whether the high-precision reference can be evaluated quickly and accurately at x. */
    private static boolean referenceFeasible(Fn f, double x) {
        return switch (f.name) {
            case "exp", "tanh" -> Math.abs(x) <= 400;
            case "erf", "erfc" -> Math.abs(x) <= 8;
            case "sin", "cos" -> Math.abs(x) <= 1e6;
            default -> true;
        };
    }

    @Property(tries = 500)
    void elementaryFunctionsEncloseTheValueAtEveryPointOfTheInterval(
            @ForAll("functions") Fn f, @ForAll("moderateIntervals") Interval t, @ForAll @DoubleRange(min = 0, max = 1) double u) {
        Interval dom = Interval.of(Math.min(f.max, Math.max(t.lo(), f.min)), Math.min(f.max, Math.max(t.hi(), f.min)));
        Interval enc = f.enclosure.apply(dom);
        double x = Math.min(dom.hi(), Math.max(dom.lo(), dom.lo() + u * (dom.hi() - dom.lo())));
        for (double p : new double[] {dom.lo(), x, dom.hi()}) {
            Interval at = f.enclosure.apply(Interval.point(p));
            assertTrue(enc.contains(at), () -> f + dom.toString() + " = " + enc + " misses " + f + "(" + p + ") = " + at);
            assertTrue(at.contains(f.math.applyAsDouble(p)), () -> f + "(" + p + ") = " + at + " misses the double");
            if (referenceFeasible(f, p)) {
                BigDecimal ref = f.reference.apply(new BigDecimal(p));
                assertTrue(encloses(at, ref), () -> f + "(" + p + ") = " + at + " misses the reference " + ref.round(MathContext.DECIMAL64));
            }
        }
    }

    @Property(tries = 300)
    void erfAndErfcEncloseAHighPrecisionReference(@ForAll @DoubleRange(min = -6, max = 8) double x) {
        BigDecimal erf = HighPrecision.erf(new BigDecimal(x));
        assertTrue(encloses(Interval.erf(Interval.point(x)), erf));
        assertTrue(encloses(Interval.erfc(Interval.point(x)), BigDecimal.ONE.subtract(erf)));
    }

    @Test
    void elementaryFunctionsKeepExactValuesExactAndRespectTheirRange() {
        Interval zero = Interval.point(0);
        assertEquals(Interval.point(1), Interval.exp(zero));
        assertEquals(zero, Interval.tanh(zero));
        assertEquals(zero, Interval.sin(zero));
        assertEquals(Interval.point(1), Interval.cos(zero));
        assertEquals(zero, Interval.erf(zero));
        assertEquals(Interval.point(1), Interval.erfc(zero));
        assertEquals(Interval.point(3), Interval.sqrt(Interval.point(9)));
        assertEquals(Interval.of(-1, 1), Interval.tanh(Interval.ENTIRE));
        assertEquals(Interval.of(-1, 1), Interval.erf(Interval.ENTIRE));
        assertEquals(-1.0, Interval.tanh(Interval.of(Double.NEGATIVE_INFINITY, 0)).lo());
        assertEquals(0.0, Interval.exp(Interval.of(Double.NEGATIVE_INFINITY, 0)).lo());
        assertTrue(Interval.atan(Interval.ENTIRE).contains(Interval.of(-Math.PI / 2, Math.PI / 2)));
        assertEquals(Double.NEGATIVE_INFINITY, Interval.log1p(Interval.of(-2, 0)).lo());
        assertThrows(IllegalArgumentException.class, () -> Interval.log1p(Interval.of(-3, -1)));
        assertEquals(Interval.of(0, 9), Interval.sqr(Interval.of(-2, 3)));
        assertEquals(Interval.of(-8, 27), Interval.cube(Interval.of(-2, 3)));
        assertEquals(Interval.of(0, 3), Interval.abs(Interval.of(-2, 3)));
        assertEquals(Interval.of(1, 3), Interval.max(Interval.of(-2, 3), Interval.of(1, 2)));
        assertEquals(Interval.of(-2, 2), Interval.min(Interval.of(-2, 3), Interval.of(1, 2)));
        assertTrue(Interval.exp(Interval.point(800)).hi() == Double.POSITIVE_INFINITY);
        assertTrue(Interval.PI.contains(Math.PI) && Interval.PI.width() < 1e-15);
    }

    @Test
    void sinAndCosContainTheExtremaTheyCross() {
        assertEquals(1.0, Interval.sin(Interval.of(1.5, 1.7)).hi());
        assertEquals(-1.0, Interval.sin(Interval.of(4.7, 4.8)).lo());
        assertEquals(1.0, Interval.cos(Interval.of(-0.1, 0.1)).hi());
        assertEquals(-1.0, Interval.cos(Interval.of(3.1, 3.2)).lo());
        // π/2 lies between these two doubles; the tiny interval must still reach 1.
        double h = Math.PI / 2;
        assertEquals(1.0, Interval.sin(Interval.of(h, Math.nextUp(h))).hi());
        // Away from extrema the enclosure is tight.
        Interval s = Interval.sin(Interval.of(0.1, 0.2));
        assertTrue(s.lo() > 0.0998 && s.hi() < 0.1987, s::toString);
        assertEquals(Interval.of(-1, 1), Interval.sin(Interval.of(0, 7)));
        assertEquals(Interval.of(-1, 1), Interval.cos(Interval.of(Double.NEGATIVE_INFINITY, 0)));
    }

    @Property(tries = 1000)
    void sinAndCosReachPlusMinusOneWhenTheIntervalCrossesAnExtremum(
            @ForAll @IntRange(min = -100000, max = 100000) int k, @ForAll @IntRange(min = 0, max = 3) int quarter,
            @ForAll @DoubleRange(min = 0, max = 1) double left, @ForAll @DoubleRange(min = 0, max = 1) double right) {
        // c = quarter·π/2 + 2kπ, computed in high precision; the interval [c − left, c + right] contains it.
        BigDecimal c = HighPrecision.PI.multiply(BigDecimal.valueOf(quarter + 4L * k)).divide(BigDecimal.valueOf(2));
        double lo = new BigDecimal(c.doubleValue() - left).compareTo(c) <= 0 ? c.doubleValue() - left : Math.nextDown(c.doubleValue() - left);
        double hi = new BigDecimal(c.doubleValue() + right).compareTo(c) >= 0 ? c.doubleValue() + right : Math.nextUp(c.doubleValue() + right);
        Interval x = Interval.of(lo, hi), s = Interval.sin(x), co = Interval.cos(x);
        switch (quarter) {
            case 0 -> assertEquals(1.0, co.hi(), x::toString);
            case 1 -> assertEquals(1.0, s.hi(), x::toString);
            case 2 -> assertEquals(-1.0, co.lo(), x::toString);
            default -> assertEquals(-1.0, s.lo(), x::toString);
        }
    }

    @Test
    void hugeArgumentsAreStillSound() {
        Interval x = Interval.of(1e15, 1e15 + 0.5);
        Interval s = Interval.sin(x);
        for (double p = x.lo(); p <= x.hi(); p += 0.125) {
            assertTrue(s.contains(Interval.sin(Interval.point(p))));
            assertTrue(encloses(s, HighPrecision.sin(new BigDecimal(p))));
        }
        assertNotEquals(Interval.of(-1, 1), s);
        assertTrue(Interval.sin(Interval.point(1e300)).width() < 1e-14); // a point has no interior extremum
    }

    // ---------------------------------------------------------------- reference implementation

    /**
     * Elementary functions in ~60-digit BigDecimal arithmetic (plain Taylor series after argument
     * reduction), used as the exact reference. Public for the other packages' tests.
     */
    public static final class HighPrecision {
        public static final MathContext MC = new MathContext(60, RoundingMode.HALF_EVEN);
        public static final BigDecimal PI = new BigDecimal(
                "3.14159265358979323846264338327950288419716939937510582097494459230781640628620899862803482534211706798214808651328230664709384460955058223172535940812848111745");
        private static final BigDecimal TWO = BigDecimal.valueOf(2);
        private static final BigDecimal LOG2 = new BigDecimal(
                "0.693147180559945309417232121458176568075500134360255254120680009493393621969694715605863326996418687542");

        private HighPrecision() {
        }

        private static BigDecimal eps(MathContext mc) {
            return BigDecimal.ONE.movePointLeft(mc.getPrecision() + 5);
        }

        public static BigDecimal exp(BigDecimal x) {
            if (x.signum() < 0) return BigDecimal.ONE.divide(exp(x.negate()), MC);
            // Halve the argument until it is below 1, sum the series, then square back.
            int halvings = 0;
            while (x.compareTo(BigDecimal.ONE) > 0) {
                x = x.divide(TWO, MC);
                halvings++;
            }
            MathContext mc = new MathContext(MC.getPrecision() + halvings);
            BigDecimal sum = BigDecimal.ONE, term = BigDecimal.ONE;
            for (int n = 1; term.abs().compareTo(eps(mc)) > 0; n++) {
                term = term.multiply(x, mc).divide(BigDecimal.valueOf(n), mc);
                sum = sum.add(term, mc);
            }
            for (int i = 0; i < halvings; i++) sum = sum.multiply(sum, mc);
            return sum.round(MC);
        }

        /** Natural log by Newton's method on exp, from the double estimate. */
        public static BigDecimal log(BigDecimal a) {
            if (a.signum() <= 0) throw new ArithmeticException("log of " + a);
            int scale = 0; // log a = log(a·2^-k) + k log 2 keeps exp() arguments small
            BigDecimal m = a;
            while (m.compareTo(BigDecimal.TEN) > 0) { m = m.divide(TWO, MC); scale++; }
            while (m.compareTo(BigDecimal.ONE.divide(BigDecimal.TEN)) < 0) { m = m.multiply(TWO); scale--; }
            BigDecimal y = new BigDecimal(Math.log(m.doubleValue()));
            for (int i = 0; i < 4; i++) { // cubic convergence: 16 → 48 → 144 digits
                BigDecimal e = exp(y);
                y = y.add(TWO.multiply(m.subtract(e)).divide(m.add(e), MC), MC); // Halley step
            }
            return scale == 0 ? y : y.add(BigDecimal.valueOf(scale).multiply(LOG2, MC), MC);
        }

        /** e^x − 1 without cancellation: the series without its leading 1 for |x| &lt; 1. */
        public static BigDecimal expm1(BigDecimal x) {
            if (x.abs().compareTo(BigDecimal.ONE) >= 0) return exp(x).subtract(BigDecimal.ONE, MC);
            BigDecimal term = x, sum = x;
            for (int n = 2; term.abs().compareTo(eps(MC).multiply(x.abs())) > 0; n++) {
                term = term.multiply(x, MC).divide(BigDecimal.valueOf(n), MC);
                sum = sum.add(term, MC);
            }
            return sum.round(MC);
        }

        /** log(1 + x): the alternating series for |x| &lt; 1/2 (relative accuracy near 0), else log. */
        public static BigDecimal log1p(BigDecimal x) {
            if (x.abs().compareTo(new BigDecimal("0.5")) >= 0) return log(BigDecimal.ONE.add(x));
            BigDecimal pow = x, sum = x;
            for (int n = 2; pow.abs().compareTo(eps(MC).multiply(x.abs())) > 0; n++) {
                pow = pow.multiply(x, MC).negate();
                sum = sum.add(pow.divide(BigDecimal.valueOf(n), MC), MC);
            }
            return sum.round(MC);
        }

        /** tanh x = (e^{2x} − 1)/(e^{2x} + 1), with expm1 for relative accuracy near 0. */
        public static BigDecimal tanh(BigDecimal x) {
            if (x.abs().compareTo(BigDecimal.valueOf(70)) > 0) { // 1 − |tanh| < 1e-60: keep it anyway
                BigDecimal tail = TWO.multiply(exp(x.abs().multiply(TWO).negate()), MC);
                return x.signum() > 0 ? BigDecimal.ONE.subtract(tail) : tail.subtract(BigDecimal.ONE);
            }
            BigDecimal e = expm1(x.multiply(TWO));
            return e.divide(e.add(TWO), MC);
        }

        /** The reduction x − k·2π, exact enough for |x| up to 1e300 thanks to the long π. */
        private static BigDecimal reduce(BigDecimal x) {
            MathContext wide = new MathContext(MC.getPrecision() + Math.max(0, x.precision() - x.scale()) + 10);
            BigDecimal twoPi = PI.multiply(TWO);
            BigDecimal k = x.divide(twoPi, wide).setScale(0, RoundingMode.HALF_EVEN);
            return x.subtract(k.multiply(twoPi, wide), wide);
        }

        public static BigDecimal sin(BigDecimal x) {
            return sinCos(reduce(x), true);
        }

        public static BigDecimal cos(BigDecimal x) {
            return sinCos(reduce(x), false);
        }

        private static BigDecimal sinCos(BigDecimal x, boolean sine) {
            MathContext mc = new MathContext(MC.getPrecision() + 5);
            BigDecimal x2 = x.multiply(x, mc).negate();
            BigDecimal term = sine ? x : BigDecimal.ONE, sum = term;
            for (long m = 1; term.abs().compareTo(eps(mc)) > 0; m++) {
                // sin: term_m = term_{m−1}·(−x²)/((2m)(2m+1)); cos: term_m = term_{m−1}·(−x²)/((2m−1)(2m)).
                long d = sine ? (2 * m) * (2 * m + 1) : (2 * m - 1) * (2 * m);
                term = term.multiply(x2, mc).divide(BigDecimal.valueOf(d), mc);
                sum = sum.add(term, mc);
            }
            return sum.round(MC);
        }

        /** atan by the half-angle reduction atan x = 2·atan(x/(1+√(1+x²))) and the Taylor series. */
        public static BigDecimal atan(BigDecimal x) {
            if (x.abs().compareTo(BigDecimal.ONE) > 0) { // atan x = ±π/2 − atan(1/x)
                BigDecimal halfPi = PI.divide(TWO, MC);
                BigDecimal r = atan(BigDecimal.ONE.divide(x, MC));
                return x.signum() > 0 ? halfPi.subtract(r, MC) : halfPi.negate().subtract(r, MC);
            }
            int doublings = 0;
            while (x.abs().compareTo(new BigDecimal("0.1")) > 0) {
                x = x.divide(BigDecimal.ONE.add(BigDecimal.ONE.add(x.multiply(x, MC)).sqrt(MC)), MC);
                doublings++;
            }
            BigDecimal x2 = x.multiply(x, MC).negate(), pow = x, sum = x;
            for (int n = 3; pow.abs().compareTo(eps(MC)) > 0; n += 2) {
                pow = pow.multiply(x2, MC);
                sum = sum.add(pow.divide(BigDecimal.valueOf(n), MC), MC);
            }
            return sum.multiply(BigDecimal.valueOf(1L << doublings));
        }

        /** erf by its Taylor series, with enough digits to absorb the cancellation (|x| ≲ 10). */
        public static BigDecimal erf(BigDecimal x) {
            double xd = x.doubleValue();
            MathContext mc = new MathContext(MC.getPrecision() + (int) (xd * xd * 0.87) + 10);
            BigDecimal x2 = x.multiply(x, mc), term = x, sum = x;
            for (int n = 1; ; n++) {
                term = term.multiply(x2, mc).divide(BigDecimal.valueOf(-n), mc);
                BigDecimal t = term.divide(BigDecimal.valueOf(2L * n + 1), mc);
                sum = sum.add(t, mc);
                if (n > xd * xd && t.abs().compareTo(eps(mc)) < 0) break;
            }
            return sum.multiply(TWO, mc).divide(PI.sqrt(mc), mc);
        }
    }
}
