package org.nnid.scalar;

import org.apache.commons.math3.special.Erf;

/**
 * A closed interval [lo, hi] of reals with rigorous (outward-rounded) arithmetic on doubles.
 *
 * <p>This is the tool that lets the engine <em>prove</em> ⟨N₁⟩(x) ≠ ⟨N₂⟩(x) (docs/math.md §6, step 4):
 * every operation returns an interval that contains the exact real result for every choice of
 * real operands in the argument intervals. Java has no directed rounding, so each bound is computed
 * in round-to-nearest and then moved outward with {@link Math#nextDown}/{@link Math#nextUp} —
 * except where an error-free transformation (TwoSum, Dekker's product) shows that the
 * round-to-nearest result already lies on the safe side, which keeps exact results exact
 * (e.g. [1,1] + [2,2] = [3,3]).
 *
 * <p>Bounds may be infinite: an infinite bound stands for the limit (so [-∞, 0] means (-∞, 0], and
 * [∞, ∞] is the point at infinity, useful for asking for limits of monotone functions). Following
 * the usual interval convention, 0·∞ = 0 for bounds. An operation without any meaningful answer
 * (∞ − ∞ on degenerate infinite intervals) yields {@link #ENTIRE}. Signed zeros are normalised to
 * +0.0, so equality is equality of the sets.
 *
 * <p>Elementary functions rely on the documented accuracy of {@code java.lang.Math}
 * (exp, log1p, sin, cos, atan: 1 ulp; tanh: 2.5 ulps) and widen by that many ulps plus one.
 */
public record Interval(double lo, double hi) {

    /** The whole extended real line. */
    public static final Interval ENTIRE = new Interval(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    /** An enclosure of π (Math.PI is the double just below π). */
    public static final Interval PI = new Interval(Math.PI, Math.nextUp(Math.PI));

    private static final Interval UNIT = new Interval(-1, 1);
    private static final Interval TWO_PI = new Interval(2 * Math.PI, Math.nextUp(2 * Math.PI));
    /** π/2 rounded up: the supremum of |atan|. */
    private static final double HALF_PI_UP = Math.nextUp(Math.PI / 2);
    /** 2/√π, round-to-nearest; used for erf near 0 (the constant's own error is covered by the erf margin). */
    private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;

    // Ulps added by widen(): the documented error of java.lang.Math plus one.
    private static final int EXP_ULPS = 2, LOG1P_ULPS = 2, SIN_COS_ULPS = 2, ATAN_ULPS = 2, TANH_ULPS = 4;
    // Commons Math documents no ulp bound for erf/erfc. Measured against a 100+-digit reference the
    // relative error is below 2e-15 for erf, and for erfc below 2e-15 up to x = 20; it grows like
    // the error of x² (x²·1.1e-16 ≤ 8e-14 while erfc is a normal double, x < 26.5). The margins,
    // 1e-13 for erf and 1e-13·max(1, x²) for erfc (x > 0), leave a factor ≥ 50 (tested in IntervalTest).
    private static final double ERF_REL = 1e-13, ERF_ABS = 1e-300;

    public Interval {
        if (Double.isNaN(lo) || Double.isNaN(hi)) {
            throw new IllegalArgumentException("interval bound is NaN: [" + lo + ", " + hi + "]");
        }
        if (lo > hi) {
            throw new IllegalArgumentException("empty interval: [" + lo + ", " + hi + "]");
        }
        // -0.0 and 0.0 are the same real; records compare doubles bitwise, so normalise.
        if (lo == 0) lo = 0.0;
        if (hi == 0) hi = 0.0;
    }

    public static Interval point(double x) {
        return new Interval(x, x);
    }

    public static Interval of(double lo, double hi) {
        return new Interval(lo, hi);
    }

    // ---------------------------------------------------------------- queries

    public boolean contains(double x) {
        return lo <= x && x <= hi;
    }

    public boolean contains(Interval other) {
        return lo <= other.lo && other.hi <= hi;
    }

    public boolean overlaps(Interval other) {
        return lo <= other.hi && other.lo <= hi;
    }

    /** hi − lo rounded up (an upper bound of the true width); +∞ for unbounded intervals. */
    public double width() {
        return lo == hi ? 0 : addUp(hi, -lo);
    }

    /**
     * A point of the interval near its centre: finite unless the interval is a point at infinity
     * (0 for ENTIRE, ∓MAX_VALUE for half-lines).
     */
    public double mid() {
        if (lo == hi) return lo;
        if (lo == Double.NEGATIVE_INFINITY) return hi == Double.POSITIVE_INFINITY ? 0.0 : Math.min(hi, -Double.MAX_VALUE);
        if (hi == Double.POSITIVE_INFINITY) return Math.max(lo, Double.MAX_VALUE);
        double m = 0.5 * lo + 0.5 * hi; // no overflow; underflow may push it off, hence the clamp
        return Math.max(lo, Math.min(hi, m));
    }

    public boolean isPoint() {
        return lo == hi;
    }

    public Interval hull(Interval other) {
        return new Interval(Math.min(lo, other.lo), Math.max(hi, other.hi));
    }

    /** "[lo, hi]" with Double.toString, which round-trips. */
    @Override
    public String toString() {
        return "[" + lo + ", " + hi + "]";
    }

    // ---------------------------------------------------------------- arithmetic

    public Interval neg() {
        return new Interval(-hi, -lo);
    }

    public Interval add(Interval o) {
        return new Interval(addDown(lo, o.lo), addUp(hi, o.hi));
    }

    public Interval sub(Interval o) {
        return new Interval(addDown(lo, -o.hi), addUp(hi, -o.lo));
    }

    public Interval mul(Interval o) {
        if (lo == hi && o.lo == o.hi) { // point × point, the common case for weights × inputs
            return new Interval(mulDown(lo, o.lo), mulUp(lo, o.lo));
        }
        // x·y is bilinear, so its extremes over the box are at the corners (as limits when a bound is ∞).
        double a = mulDown(lo, o.lo), b = mulDown(lo, o.hi), c = mulDown(hi, o.lo), d = mulDown(hi, o.hi);
        double e = mulUp(lo, o.lo), f = mulUp(lo, o.hi), g = mulUp(hi, o.lo), h = mulUp(hi, o.hi);
        return new Interval(Math.min(Math.min(a, b), Math.min(c, d)), Math.max(Math.max(e, f), Math.max(g, h)));
    }

    /** Quotient; a divisor containing 0 gives {@link #ENTIRE}. */
    public Interval div(Interval o) {
        if (o.lo <= 0 && o.hi >= 0) return ENTIRE;
        // x/y is monotone in each variable on a box avoiding y = 0: extremes at the corners.
        double a = divDown(lo, o.lo), b = divDown(lo, o.hi), c = divDown(hi, o.lo), d = divDown(hi, o.hi);
        double e = divUp(lo, o.lo), f = divUp(lo, o.hi), g = divUp(hi, o.lo), h = divUp(hi, o.hi);
        return new Interval(Math.min(Math.min(a, b), Math.min(c, d)), Math.max(Math.max(e, f), Math.max(g, h)));
    }

    /** Multiplication by the exact double c. */
    public Interval scale(double c) {
        if (Double.isNaN(c)) throw new IllegalArgumentException("scale by NaN");
        return c >= 0 ? new Interval(mulDown(lo, c), mulUp(hi, c)) : new Interval(mulDown(hi, c), mulUp(lo, c));
    }

    // ---------------------------------------------------------------- directed-rounding kernels

    /** A lower bound of the exact a + b. */
    static double addDown(double a, double b) {
        double s = a + b;
        if (Double.isNaN(s)) return Double.NEGATIVE_INFINITY; // ∞ − ∞: no information
        if (Double.isInfinite(s)) return Math.nextDown(s);   // −∞ stays; +∞ from overflow → MAX
        double err = twoSumError(a, b, s);
        return err >= 0 ? s : Math.nextDown(s);               // NaN err (intermediate overflow) → widen
    }

    /** An upper bound of the exact a + b. */
    static double addUp(double a, double b) {
        double s = a + b;
        if (Double.isNaN(s)) return Double.POSITIVE_INFINITY;
        if (Double.isInfinite(s)) return Math.nextUp(s);
        double err = twoSumError(a, b, s);
        return err <= 0 ? s : Math.nextUp(s);
    }

    /** Knuth's TwoSum: the exact a + b − s for s = fl(a + b); exact whenever nothing overflows (else non-finite). */
    private static double twoSumError(double a, double b, double s) {
        double bb = s - a;
        return (a - (s - bb)) + (b - bb);
    }

    /** A lower bound of the exact a·b, with 0·∞ = 0. */
    static double mulDown(double a, double b) {
        if (a == 0 || b == 0) return 0;
        double p = a * b;
        if (Double.isInfinite(p)) return Math.nextDown(p); // true ±∞, or overflow (then |a·b| > MAX)
        if (p == 0) return (a > 0) == (b > 0) ? 0 : -Double.MIN_VALUE; // underflow: the sign is known
        return productError(a, b, p) >= 0 ? p : Math.nextDown(p);
    }

    /** An upper bound of the exact a·b, with 0·∞ = 0. */
    static double mulUp(double a, double b) {
        if (a == 0 || b == 0) return 0;
        double p = a * b;
        if (Double.isInfinite(p)) return Math.nextUp(p);
        if (p == 0) return (a > 0) == (b > 0) ? Double.MIN_VALUE : 0;
        return productError(a, b, p) <= 0 ? p : Math.nextUp(p);
    }

    private static final double SPLITTER = 134217729.0; // 2^27 + 1 (Veltkamp)

    /**
     * Dekker's TwoProduct: the exact a·b − p for p = fl(a·b), or NaN when the operands are outside
     * the range where the algorithm is provably exact (over/underflow in a partial product), in
     * which case callers widen. Portable, unlike Math.fma, which falls back to BigDecimal without
     * hardware support.
     */
    private static double productError(double a, double b, double p) {
        double aa = Math.abs(a), ab = Math.abs(b), ap = Math.abs(p);
        if (!(aa >= 0x1p-960 && aa <= 0x1p995 && ab >= 0x1p-960 && ab <= 0x1p995 && ap >= 0x1p-900 && ap <= 0x1p1020)) {
            return Double.NaN;
        }
        double t = SPLITTER * a;
        double ah = t - (t - a), al = a - ah;
        t = SPLITTER * b;
        double bh = t - (t - b), bl = b - bh;
        return ((ah * bh - p) + ah * bl + al * bh) + al * bl;
    }

    /** A lower bound of x/y for y ≠ 0 (limits when a bound is infinite). */
    static double divDown(double x, double y) {
        if (x == 0) return 0;
        if (Double.isInfinite(x) && Double.isInfinite(y)) {
            return (x > 0) == (y > 0) ? 0 : Double.NEGATIVE_INFINITY; // limit set is [0,∞] or [−∞,0]
        }
        if (Double.isInfinite(y)) return 0;
        double q = x / y;
        if (Double.isInfinite(q)) return Math.nextDown(q);
        int s = quotientErrorSign(x, y, q);
        return s >= 0 && s != 2 ? q : Math.nextDown(q);
    }

    /** An upper bound of x/y for y ≠ 0. */
    static double divUp(double x, double y) {
        if (x == 0) return 0;
        if (Double.isInfinite(x) && Double.isInfinite(y)) {
            return (x > 0) == (y > 0) ? Double.POSITIVE_INFINITY : 0;
        }
        if (Double.isInfinite(y)) return 0;
        double q = x / y;
        if (Double.isInfinite(q)) return Math.nextUp(q);
        int s = quotientErrorSign(x, y, q);
        return s <= 0 ? q : Math.nextUp(q);
    }

    /**
     * Sign of x/y − q (−1, 0, 1), or 2 when it cannot be decided exactly. The remainder x − q·y is
     * computed exactly: q·y = p + e by Dekker, x − p is exact by Sterbenz (p ≈ x), and the final
     * subtraction of two doubles keeps the sign of its exact result.
     */
    private static int quotientErrorSign(double x, double y, double q) {
        double p = q * y;
        double e = productError(q, y, p);
        if (Double.isNaN(e)) return 2;
        double r = (x - p) - e;
        if (!Double.isFinite(r)) return 2;
        return (int) Math.signum(r) * (y > 0 ? 1 : -1);
    }

    // ---------------------------------------------------------------- widening

    /**
     * [lo, hi] moved outward by {@code ulps} units in the last place, for bounds computed by a
     * function accurate to fewer than {@code ulps} ulps of the exact result. The margin is relative,
     * ulps·2⁻⁵²·|x| (an ulp of a normal z is at most 2⁻⁵²·|z|), plus ulps subnormal steps: unlike a
     * count of nextDown steps it does not jump at binade boundaries, so the widened bound is
     * monotone in x and enclosures of nested intervals stay nested. An overflowed +∞ lower bound
     * counts as MAX_VALUE.
     */
    public static Interval widen(double lo, double hi, int ulps) {
        return new Interval(down(lo, ulps), up(hi, ulps));
    }

    private static double down(double x, int ulps) {
        if (x == Double.NEGATIVE_INFINITY) return x;
        if (x == Double.POSITIVE_INFINITY) x = Double.MAX_VALUE;
        return Math.nextDown(x - ulps * (Math.abs(x) * 0x1p-52 + Double.MIN_VALUE));
    }

    private static double up(double x, int ulps) {
        if (x == Double.POSITIVE_INFINITY) return x;
        if (x == Double.NEGATIVE_INFINITY) x = -Double.MAX_VALUE;
        return Math.nextUp(x + ulps * (Math.abs(x) * 0x1p-52 + Double.MIN_VALUE));
    }

    private static double downRel(double x, double rel) {
        return Math.nextDown(x - (Math.abs(x) * rel + ERF_ABS));
    }

    private static double upRel(double x, double rel) {
        return Math.nextUp(x + (Math.abs(x) * rel + ERF_ABS));
    }

    // ---------------------------------------------------------------- elementary functions
    // Monotone functions are evaluated at the endpoints; exact special values (f(0)) are kept exact.

    public static Interval exp(Interval x) {
        double lo = x.lo == 0 ? 1 : Math.max(0, down(Math.exp(x.lo), EXP_ULPS));
        double hi = x.hi == 0 ? 1 : up(Math.exp(x.hi), EXP_ULPS);
        return new Interval(lo, hi);
    }

    /** log(1 + x) over the part of x inside the domain (−1, ∞); throws if that part is empty. */
    public static Interval log1p(Interval x) {
        if (x.hi <= -1) throw new IllegalArgumentException("log1p undefined on " + x);
        double lo = x.lo <= -1 ? Double.NEGATIVE_INFINITY : x.lo == 0 ? 0 : down(Math.log1p(x.lo), LOG1P_ULPS);
        double hi = x.hi == 0 ? 0 : up(Math.log1p(x.hi), LOG1P_ULPS);
        return new Interval(lo, hi);
    }

    public static Interval tanh(Interval x) {
        double lo = x.lo == 0 ? 0 : Math.max(-1, down(Math.tanh(x.lo), TANH_ULPS));
        double hi = x.hi == 0 ? 0 : Math.min(1, up(Math.tanh(x.hi), TANH_ULPS));
        return new Interval(lo, hi);
    }

    public static Interval atan(Interval x) {
        double lo = x.lo == 0 ? 0 : Math.max(-HALF_PI_UP, down(Math.atan(x.lo), ATAN_ULPS));
        double hi = x.hi == 0 ? 0 : Math.min(HALF_PI_UP, up(Math.atan(x.hi), ATAN_ULPS));
        return new Interval(lo, hi);
    }

    public static Interval erf(Interval x) {
        double lo = x.lo == 0 ? 0 : Math.max(-1, downRel(erfApprox(x.lo), ERF_REL));
        double hi = x.hi == 0 ? 0 : Math.min(1, upRel(erfApprox(x.hi), ERF_REL));
        return new Interval(lo, hi);
    }

    /** erfc = 1 − erf, decreasing; accurate in the right tail where 1 − erf would cancel. */
    public static Interval erfc(Interval x) {
        double lo = x.hi == 0 ? 1 : Math.max(0, downRel(Erf.erfc(x.hi), erfcRel(x.hi)));
        double hi = x.lo == 0 ? 1 : Math.min(2, upRel(Erf.erfc(x.lo), erfcRel(x.lo)));
        return new Interval(lo, hi);
    }

    /**
     * For x ≤ 0, erfc(x) = 2 − erfc(|x|) ≥ 1 and the error of the small term is negligible against
     * 2; for x &gt; 0 the error grows with x². Both choices keep the widened bounds monotone in x.
     */
    private static double erfcRel(double x) {
        return x <= 0 ? ERF_REL : ERF_REL * Math.max(1, Math.min(x * x, 1e4)); // erfc(x > 100) is exactly 0
    }

    /**
     * Commons Math computes erf through P(1/2, x²), which returns 0 once x² underflows; below
     * 1e-8 use erf(x) = (2/√π)·x·(1 − x²/3 + …), whose neglected relative term (< 4e-17) is far
     * inside the relative margin.
     */
    private static double erfApprox(double x) {
        return Math.abs(x) < 1e-8 ? x * TWO_OVER_SQRT_PI : Erf.erf(x);
    }

    /** Square root over the part of x inside [0, ∞); throws if that part is empty. */
    public static Interval sqrt(Interval x) {
        if (x.hi < 0) throw new IllegalArgumentException("sqrt undefined on " + x);
        return new Interval(x.lo <= 0 ? 0 : sqrtDown(x.lo), sqrtUp(x.hi));
    }

    // Math.sqrt is correctly rounded (IEEE 754), so one step outward suffices unless it is exact.
    private static double sqrtDown(double v) {
        double r = Math.sqrt(v);
        if (Double.isInfinite(r)) return Double.MAX_VALUE;
        return r * r == v && productError(r, r, r * r) == 0 ? r : Math.max(0, Math.nextDown(r));
    }

    private static double sqrtUp(double v) {
        double r = Math.sqrt(v);
        if (Double.isInfinite(r) || r == 0) return r;
        return r * r == v && productError(r, r, r * r) == 0 ? r : Math.nextUp(r);
    }

    public static Interval sin(Interval x) {
        // Critical points of sin: maxima at π/2 + 2kπ (quarter 1), minima at 3π/2 + 2kπ (quarter 3).
        return periodic(x, true, 1, 3);
    }

    public static Interval cos(Interval x) {
        // Critical points of cos: maxima at 2kπ (quarter 0), minima at π + 2kπ (quarter 2).
        return periodic(x, false, 0, 2);
    }

    /**
     * sin or cos: between critical points the function is monotone, so its range is spanned by
     * the endpoint values plus ±1 for each critical point inside. Whether one is inside is decided
     * on an enclosure of x/(2π): when rounding makes it unclear, the extremum is included, which is
     * always sound.
     */
    private static Interval periodic(Interval x, boolean sine, int maxQuarter, int minQuarter) {
        if (!Double.isFinite(x.lo) || !Double.isFinite(x.hi) || x.hi - x.lo >= 2 * Math.PI) return UNIT;
        double lo = Math.min(pointLo(x.lo, sine), pointLo(x.hi, sine));
        double hi = Math.max(pointHi(x.lo, sine), pointHi(x.hi, sine));
        if (x.lo < x.hi) { // a point has no interior extremum (if it is one, its value is ±1 already)
            Interval turns = x.div(TWO_PI);
            if (mayContainInteger(turns, maxQuarter)) hi = 1;
            if (mayContainInteger(turns, minQuarter)) lo = -1;
        }
        return new Interval(Math.max(-1, lo), Math.min(1, hi));
    }

    /** Whether turns − quarter/4 may contain an integer k, i.e. x may contain quarter·π/2 + 2kπ. */
    private static boolean mayContainInteger(Interval turns, int quarter) {
        Interval t = turns.sub(point(quarter / 4.0));
        return Math.ceil(t.lo) <= Math.floor(t.hi);
    }

    private static double pointLo(double x, boolean sine) {
        if (x == 0) return sine ? 0 : 1;
        return down(sine ? Math.sin(x) : Math.cos(x), SIN_COS_ULPS);
    }

    private static double pointHi(double x, boolean sine) {
        if (x == 0) return sine ? 0 : 1;
        return up(sine ? Math.sin(x) : Math.cos(x), SIN_COS_ULPS);
    }

    /** x², with lower bound 0 when x contains 0. */
    public static Interval sqr(Interval x) {
        if (x.lo >= 0) return new Interval(mulDown(x.lo, x.lo), mulUp(x.hi, x.hi));
        if (x.hi <= 0) return new Interval(mulDown(x.hi, x.hi), mulUp(x.lo, x.lo));
        return new Interval(0, Math.max(mulUp(x.lo, x.lo), mulUp(x.hi, x.hi)));
    }

    /** x³ (increasing). */
    public static Interval cube(Interval x) {
        return new Interval(cubeDown(x.lo), cubeUp(x.hi));
    }

    // x³ = x·x²: round x² in the direction that moves the product the right way for the sign of x.
    private static double cubeDown(double x) {
        return x >= 0 ? mulDown(mulDown(x, x), x) : mulDown(mulUp(x, x), x);
    }

    private static double cubeUp(double x) {
        return x >= 0 ? mulUp(mulUp(x, x), x) : mulUp(mulDown(x, x), x);
    }

    public static Interval abs(Interval x) {
        if (x.lo >= 0) return x;
        if (x.hi <= 0) return x.neg();
        return new Interval(0, Math.max(-x.lo, x.hi));
    }

    /** {max(a, b) : a ∈ x, b ∈ y}. */
    public static Interval max(Interval x, Interval y) {
        return new Interval(Math.max(x.lo, y.lo), Math.max(x.hi, y.hi));
    }

    /** {min(a, b) : a ∈ x, b ∈ y}. */
    public static Interval min(Interval x, Interval y) {
        return new Interval(Math.min(x.lo, y.lo), Math.min(x.hi, y.hi));
    }
}
