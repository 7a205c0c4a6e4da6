package org.nnid.activation;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.nnid.scalar.Scalar;

/**
 * A continuous piecewise-linear function ℝ → ℝ with exact knots: the values at finitely many
 * increasing points, and the slopes left of the first and right of the last. This is docs/math.md §6's
 * exact procedure for piecewise-linear networks of one input: every node's value is such a
 * function, composition with ρ only adds the points where a piece crosses one of ρ's knots, and a
 * network realises the zero function iff its output is zero at every knot with zero end slopes.
 *
 * <p>Arithmetic is over {@link Scalar}s, so rational data gives exact answers. Immutable.
 */
public final class PiecewiseLinear {
    private final List<Scalar> xs; // strictly increasing, never empty
    private final List<Scalar> ys;
    private final Scalar leftSlope;
    private final Scalar rightSlope;

    private PiecewiseLinear(List<Scalar> xs, List<Scalar> ys, Scalar leftSlope, Scalar rightSlope) {
        this.xs = List.copyOf(xs);
        this.ys = List.copyOf(ys);
        this.leftSlope = leftSlope;
        this.rightSlope = rightSlope;
    }

    public static PiecewiseLinear constant(Scalar c) {
        return new PiecewiseLinear(List.of(Scalar.ZERO), List.of(c), Scalar.ZERO, Scalar.ZERO);
    }

    public static PiecewiseLinear identity() {
        return new PiecewiseLinear(List.of(Scalar.ZERO), List.of(Scalar.ZERO), Scalar.ONE, Scalar.ONE);
    }

    /** |t|. */
    private static final PiecewiseLinear ABS = new PiecewiseLinear(List.of(Scalar.ZERO), List.of(Scalar.ZERO),
            Scalar.of(-1), Scalar.ONE);

    /** max(0, t). */
    private static final PiecewiseLinear RELU = new PiecewiseLinear(List.of(Scalar.ZERO), List.of(Scalar.ZERO),
            Scalar.ZERO, Scalar.ONE);

    /**
     * Whether ρ is the function max(0, t), judged by its definition rather than its name: the
     * procedures written for relu alone (hyperplane grouping of doubles, CROWN, exact planar
     * regions) rest on that function and nothing else.
     */
    public static boolean isRelu(Activation rho) {
        try {
            return Formula.parse(rho.symja()).toPiecewiseLinear("t", java.util.Map.of())
                    .map(f -> f.plus(RELU.times(Scalar.of(-1))).isZero()).orElse(false);
        } catch (IllegalArgumentException | ArithmeticException e) {
            return false; // a definition the piecewise-linear reading does not take is not max(0, t)
        }
    }

    /** The points where the slope changes, increasing. */
    public List<Scalar> kinks() {
        PiecewiseLinear n = normalised();
        return n.xs.size() == 1 && n.leftSlope.compareValue(n.rightSlope) == 0 ? List.of() : n.xs;
    }

    public boolean isConstant() {
        return leftSlope.isZero() && rightSlope.isZero() && ys.stream().allMatch(y -> y.compareValue(ys.get(0)) == 0);
    }

    /** The value of a constant function. */
    public Scalar constantValue() {
        return ys.get(0);
    }

    /** True when the function is affine (no kink). */
    public boolean isAffine() {
        return kinks().isEmpty();
    }

    /** The knots this representation carries, increasing: every point where the slope may change. */
    public List<Scalar> knots() {
        return xs;
    }

    /** The slope left of the first knot. */
    public Scalar leftSlope() {
        return leftSlope;
    }

    /** The slope of an affine function (or the right end slope). */
    public Scalar slope() {
        return rightSlope;
    }

    /** f ≡ 0: zero at every knot and zero end slopes (between knots f is linear). */
    public boolean isZero() {
        return leftSlope.isZero() && rightSlope.isZero() && ys.stream().allMatch(Scalar::isZero);
    }

    public Scalar at(Scalar x) {
        int n = xs.size();
        if (x.compareValue(xs.get(0)) <= 0) {
            return ys.get(0).add(leftSlope.multiply(x.subtract(xs.get(0))));
        }
        if (x.compareValue(xs.get(n - 1)) >= 0) {
            return ys.get(n - 1).add(rightSlope.multiply(x.subtract(xs.get(n - 1))));
        }
        int lo = 0;
        int hi = n - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (xs.get(mid).compareValue(x) <= 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return ys.get(lo).add(pieceSlope(lo).multiply(x.subtract(xs.get(lo))));
    }

    /** Slope between knot i and knot i+1. */
    private Scalar pieceSlope(int i) {
        return ys.get(i + 1).subtract(ys.get(i)).divide(xs.get(i + 1).subtract(xs.get(i)));
    }

    public PiecewiseLinear plus(PiecewiseLinear g) {
        List<Scalar> knots = merge(xs, g.xs);
        List<Scalar> values = new ArrayList<>(knots.size());
        for (Scalar k : knots) {
            values.add(at(k).add(g.at(k)));
        }
        return new PiecewiseLinear(knots, values, leftSlope.add(g.leftSlope), rightSlope.add(g.rightSlope))
                .normalised();
    }

    public PiecewiseLinear plus(Scalar c) {
        return plus(constant(c));
    }

    public PiecewiseLinear times(Scalar c) {
        List<Scalar> values = new ArrayList<>(ys.size());
        for (Scalar y : ys) {
            values.add(y.multiply(c));
        }
        return new PiecewiseLinear(xs, values, leftSlope.multiply(c), rightSlope.multiply(c)).normalised();
    }

    public PiecewiseLinear abs() {
        return ABS.compose(this);
    }

    /**
     * this ∘ inner. Between consecutive knots of the result inner is linear and crosses none of
     * this function's knots, so the composition is linear there; beyond the end knots inner runs
     * off to ±∞ (or stays constant) inside one end piece of this function.
     */
    public PiecewiseLinear compose(PiecewiseLinear inner) {
        TreeSet<Scalar> knots = new TreeSet<>(Scalar::compareValue);
        knots.addAll(inner.xs);
        int n = inner.xs.size();
        for (int piece = -1; piece < n; piece++) { // -1: left of the first knot; n-1: right of the last
            Scalar x0 = inner.xs.get(Math.max(piece, 0));
            Scalar y0 = inner.ys.get(Math.max(piece, 0));
            Scalar m = piece < 0 ? inner.leftSlope : piece == n - 1 ? inner.rightSlope : inner.pieceSlope(piece);
            if (m.isZero()) {
                continue;
            }
            for (Scalar k : xs) {
                Scalar x = x0.add(k.subtract(y0).divide(m));
                boolean inside = piece < 0 ? x.compareValue(x0) < 0
                        : piece == n - 1 ? x.compareValue(x0) > 0
                        : x.compareValue(x0) > 0 && x.compareValue(inner.xs.get(piece + 1)) < 0;
                if (inside) {
                    knots.add(x);
                }
            }
        }
        List<Scalar> kx = new ArrayList<>(knots);
        List<Scalar> ky = new ArrayList<>(kx.size());
        for (Scalar x : kx) {
            ky.add(at(inner.at(x)));
        }
        return new PiecewiseLinear(kx, ky, endSlope(inner.leftSlope, true), endSlope(inner.rightSlope, false))
                .normalised();
    }

    /** The slope of this ∘ inner at an end where inner has slope m: which end of this it reaches depends on the sign. */
    private Scalar endSlope(Scalar m, boolean leftEnd) {
        int s = m.signum();
        if (s == 0) {
            return Scalar.ZERO;
        }
        boolean reachesLeft = leftEnd == (s > 0); // x → −∞ with m > 0 sends inner to −∞
        return (reachesLeft ? leftSlope : rightSlope).multiply(m);
    }

    /** Drops knots where the slope does not change, keeping at least one. */
    private PiecewiseLinear normalised() {
        int n = xs.size();
        if (n == 1) {
            return this;
        }
        List<Scalar> kx = new ArrayList<>();
        List<Scalar> ky = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Scalar before = i == 0 ? leftSlope : pieceSlope(i - 1);
            Scalar after = i == n - 1 ? rightSlope : pieceSlope(i);
            if (before.compareValue(after) != 0) {
                kx.add(xs.get(i));
                ky.add(ys.get(i));
            }
        }
        if (kx.isEmpty()) {
            kx.add(xs.get(0));
            ky.add(ys.get(0));
        }
        return kx.size() == n ? this : new PiecewiseLinear(kx, ky, leftSlope, rightSlope);
    }

    private static List<Scalar> merge(List<Scalar> a, List<Scalar> b) {
        TreeSet<Scalar> all = new TreeSet<>(Scalar::compareValue);
        all.addAll(a);
        all.addAll(b);
        return new ArrayList<>(all);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("PL[slope ").append(leftSlope.toText());
        for (int i = 0; i < xs.size(); i++) {
            b.append(" | (").append(xs.get(i).toText()).append(", ").append(ys.get(i).toText()).append(')');
        }
        return b.append(" | slope ").append(rightSlope.toText()).append(']').toString();
    }
}
