package org.nnid.stability;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.commons.math3.fraction.BigFraction;
import org.nnid.scalar.Interval;

/**
 * The exact minimal ℓ∞ adversarial distance of a ReLU network with two inputs, in exact rational
 * arithmetic: the box B(x₀, R) is cut into the convex polygons on which the network is affine
 * (neuron by neuron, layer by layer), each polygon is cut by {margin ≤ 0}, and the exact ℓ∞
 * distance from x₀ to each convex remainder is the minimum of a convex piecewise-linear function
 * over its edges, attained at one of finitely many rational breakpoints. Within the box the result
 * is d* exactly; when no polygon meets {margin ≤ 0}, d* &gt; R. Polygons that cannot hold a closer
 * adversarial point are dropped early (see {@code Search}).
 *
 * <p>The closures of the full-dimensional polygons cover the box, and the network is affine on
 * each closure (it is continuous), so dropping polygons of zero area loses nothing.
 */
public final class ExactPlanar {
    private static final BigFraction ZERO = BigFraction.ZERO;

    private ExactPlanar() {}

    /** The result: d* exactly, or that d* exceeds the search radius. */
    public record Result(Optional<BigFraction> distance, BigFraction radius, int regions) {}

    /**
     * d* for the ℓ∞ norm, searched within radius R.
     *
     * @return empty when the network has weights that are not rational or double, x₀ or a margin
     *         constant is not rational, or the network is not ReLU with 2 inputs
     */
    public static Optional<Result> minimalDistance(Problem p, BigFraction radius) {
        Mlp mlp = p.mlp();
        if (!mlp.isRelu() || mlp.inputs() != 2 || p.norm() != Norm.INF) {
            return Optional.empty();
        }
        Optional<ExactWeights> ew = ExactWeights.of(mlp);
        Optional<BigFraction> c1 = ExactWeights.rational(p.x0()[0]);
        Optional<BigFraction> c2 = ExactWeights.rational(p.x0()[1]);
        List<BigFraction[]> margins = new ArrayList<>();
        for (Decision.Margin g : p.margins()) {
            Optional<BigFraction> c = ExactWeights.rational(g.c());
            if (c.isEmpty()) {
                return Optional.empty();
            }
            BigFraction[] m = new BigFraction[g.a().length + 1];
            for (int k = 0; k < g.a().length; k++) {
                m[k] = new BigFraction(g.a()[k]);
            }
            m[g.a().length] = c.get();
            margins.add(m);
        }
        if (ew.isEmpty() || c1.isEmpty() || c2.isEmpty()) {
            return Optional.empty();
        }
        BigFraction[] x0 = {c1.get(), c2.get()};
        List<BigFraction[]> box = List.of(
                new BigFraction[] {x0[0].subtract(radius), x0[1].subtract(radius)},
                new BigFraction[] {x0[0].add(radius), x0[1].subtract(radius)},
                new BigFraction[] {x0[0].add(radius), x0[1].add(radius)},
                new BigFraction[] {x0[0].subtract(radius), x0[1].add(radius)});
        Search search = new Search(p, ew.get(), x0, margins, radius);
        search.visit(new Piece(box, new BigFraction[][] {{BigFraction.ONE, ZERO, ZERO}, {ZERO, BigFraction.ONE, ZERO}}),
                0);
        Optional<BigFraction> d = search.found ? Optional.of(search.best) : Optional.empty();
        return Optional.of(new Result(d, radius, search.leaves));
    }

    /**
     * Depth-first over the regions, layer by layer. A polygon is dropped when its exact distance
     * from x₀ exceeds the best distance so far (or R), or when interval bound propagation over its
     * bounding box proves every margin positive there: both only discard points that cannot be
     * closer adversarial points, so the minimum is unchanged.
     */
    private static final class Search {
        final Problem p;
        final ExactWeights ew;
        final BigFraction[] x0;
        final List<BigFraction[]> margins;
        BigFraction best;
        boolean found;
        int leaves;

        Search(Problem p, ExactWeights ew, BigFraction[] x0, List<BigFraction[]> margins, BigFraction radius) {
            this.p = p;
            this.ew = ew;
            this.x0 = x0;
            this.margins = margins;
            this.best = radius;
        }

        void visit(Piece piece, int l) {
            if (distance(x0, piece.polygon).compareTo(best) > 0 || provedSafe(piece.polygon)) {
                return;
            }
            Mlp mlp = p.mlp();
            BigFraction[][] z = layer(ew, mlp, l, piece.h);
            if (l + 1 == mlp.depth()) {
                leaves++;
                for (BigFraction[] m : margins) {
                    BigFraction[] g = new BigFraction[] {ZERO, ZERO, m[m.length - 1]};
                    for (int k = 0; k + 1 < m.length; k++) {
                        g = plus(g, scale(z[k], m[k]));
                    }
                    List<BigFraction[]> q = clip(piece.polygon, negate(g));
                    if (!q.isEmpty()) {
                        BigFraction d = distance(x0, q);
                        if (d.compareTo(best) < 0 || !found && d.compareTo(best) <= 0) {
                            best = d;
                            found = true;
                        }
                    }
                }
                return;
            }
            split(piece.polygon, z, 0, new BigFraction[z.length][], l);
        }

        /** Cuts the polygon by neurons i, i+1, … of layer l+1, then visits layer l+1 in each part. */
        private void split(List<BigFraction[]> poly, BigFraction[][] z, int i, BigFraction[][] h, int l) {
            if (i == z.length) {
                visit(new Piece(poly, h), l + 1);
                return;
            }
            int sign = sign(poly, z[i]);
            if (sign >= 0) {
                split(poly, z, i + 1, set(h, i, z[i]), l);
            } else if (sign == -2) {
                split(poly, z, i + 1, set(h, i, null), l);
            } else {
                List<BigFraction[]> pos = clip(poly, z[i]);
                List<BigFraction[]> neg = clip(poly, negate(z[i]));
                if (area(pos).getNumerator().signum() > 0) {
                    split(pos, z, i + 1, set(h, i, z[i]), l);
                }
                if (area(neg).getNumerator().signum() > 0) {
                    split(neg, z, i + 1, set(h, i, null), l);
                }
            }
        }

        private static BigFraction[][] set(BigFraction[][] h, int i, BigFraction[] zi) {
            BigFraction[][] c = h.clone();
            c[i] = zi == null ? new BigFraction[] {ZERO, ZERO, ZERO} : zi;
            return c;
        }

        /** IBP over the polygon's bounding box proves every margin positive. */
        private boolean provedSafe(List<BigFraction[]> poly) {
            Interval[] box = new Interval[2];
            for (int c = 0; c < 2; c++) {
                BigFraction lo = poly.get(0)[c];
                BigFraction hi = lo;
                for (BigFraction[] v : poly) {
                    lo = v[c].compareTo(lo) < 0 ? v[c] : lo;
                    hi = v[c].compareTo(hi) > 0 ? v[c] : hi;
                }
                box[c] = enclose(lo).hull(enclose(hi));
            }
            Interval[][] z = IntervalBounds.preActivations(p.mlp(), box);
            Interval[] y = z[z.length - 1];
            for (Decision.Margin g : p.margins()) {
                if (g.enclose(y).lo() <= 0) {
                    return false;
                }
            }
            return true;
        }
    }

    /** A convex polygon on which the network is affine, with the inputs of layer l as affine functions (a₁, a₂, c). */
    record Piece(List<BigFraction[]> polygon, BigFraction[][] h) {}

    /** The pre-activations of layer l+1 as affine functions of x. */
    static BigFraction[][] layer(ExactWeights ew, Mlp mlp, int l, BigFraction[][] h) {
        int rows = mlp.size(l + 1);
        int cols = mlp.size(l);
        int dims = h[0].length;
        BigFraction[][] z = new BigFraction[rows][];
        for (int i = 0; i < rows; i++) {
            BigFraction[] zi = new BigFraction[dims];
            java.util.Arrays.fill(zi, ZERO);
            zi[dims - 1] = ew.b()[l][i];
            for (int j = 0; j < cols; j++) {
                BigFraction wij = ew.w()[l][i * cols + j];
                if (wij.getNumerator().signum() != 0) {
                    zi = plus(zi, scale(h[j], wij));
                }
            }
            z[i] = zi;
        }
        return z;
    }

    /** 1 if f ≥ 0 on the polygon (0 if f ≡ 0 there), -2 if f ≤ 0 and not ≡ 0, -1 if f changes sign. */
    private static int sign(List<BigFraction[]> poly, BigFraction[] f) {
        boolean pos = false;
        boolean neg = false;
        Interval[] fi = {enclose(f[0]), enclose(f[1]), enclose(f[2])};
        for (BigFraction[] v : poly) {
            // most signs are decided by a rigorous enclosure; only near-zero values need the exact sum
            Interval e = fi[2].add(fi[0].mul(enclose(v[0]))).add(fi[1].mul(enclose(v[1])));
            int s = e.lo() > 0 ? 1 : e.hi() < 0 ? -1 : value(f, v).getNumerator().signum();
            pos |= s > 0;
            neg |= s < 0;
        }
        return pos && neg ? -1 : neg ? -2 : pos ? 1 : 0;
    }

    /**
     * A rigorous enclosure of a rational: BigInteger.doubleValue rounds numerator and denominator
     * correctly and the quotient rounds once more, so the relative error is below 3·2⁻⁵³, inside
     * the 4 ulps allowed; huge, tiny or non-finite cases take the exact 40-digit route.
     */
    static Interval enclose(BigFraction f) {
        double d = f.doubleValue();
        if (!Double.isFinite(d) || f.getNumerator().bitLength() > 1000 || f.getDenominator().bitLength() > 1000
                || (d != 0 && Math.abs(d) < 1e-280)) {
            return org.nnid.scalar.Rational.of(f).enclosure();
        }
        if (d == 0) {
            return Interval.point(0);
        }
        double e = 4 * Math.ulp(d);
        return Interval.of(Math.nextDown(d - e), Math.nextUp(d + e));
    }

    /** The part of a convex polygon where f ≥ 0 (Sutherland–Hodgman); may be a segment or a point. */
    static List<BigFraction[]> clip(List<BigFraction[]> poly, BigFraction[] f) {
        List<BigFraction[]> out = new ArrayList<>();
        int n = poly.size();
        for (int k = 0; k < n; k++) {
            BigFraction[] p = poly.get(k);
            BigFraction[] q = poly.get((k + 1) % n);
            BigFraction fp = value(f, p);
            BigFraction fq = value(f, q);
            if (fp.getNumerator().signum() >= 0) {
                out.add(p);
            }
            if (fp.getNumerator().signum() * fq.getNumerator().signum() < 0) {
                BigFraction t = fp.divide(fp.subtract(fq));
                out.add(new BigFraction[] {p[0].add(q[0].subtract(p[0]).multiply(t)),
                        p[1].add(q[1].subtract(p[1]).multiply(t))});
            }
        }
        return out;
    }

    /** Twice the signed area (shoelace). */
    static BigFraction area(List<BigFraction[]> poly) {
        BigFraction s = ZERO;
        for (int k = 0; k < poly.size(); k++) {
            BigFraction[] p = poly.get(k);
            BigFraction[] q = poly.get((k + 1) % poly.size());
            s = s.add(p[0].multiply(q[1]).subtract(q[0].multiply(p[1])));
        }
        return s;
    }

    /** The exact ℓ∞ distance from x to a convex polygon (counter-clockwise), a segment or a point. */
    static BigFraction distance(BigFraction[] x, List<BigFraction[]> poly) {
        if (poly.size() >= 3 && area(poly).getNumerator().signum() > 0 && inside(x, poly)) {
            return ZERO;
        }
        BigFraction best = null;
        for (int k = 0; k < poly.size(); k++) {
            BigFraction d = segmentDistance(x, poly.get(k), poly.get((k + 1) % poly.size()));
            best = best == null || d.compareTo(best) < 0 ? d : best;
        }
        return best;
    }

    private static boolean inside(BigFraction[] x, List<BigFraction[]> poly) {
        for (int k = 0; k < poly.size(); k++) {
            BigFraction[] p = poly.get(k);
            BigFraction[] q = poly.get((k + 1) % poly.size());
            BigFraction cross = q[0].subtract(p[0]).multiply(x[1].subtract(p[1]))
                    .subtract(q[1].subtract(p[1]).multiply(x[0].subtract(p[0])));
            if (cross.getNumerator().signum() < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * min over s ∈ [0,1] of max(|e₁ + s·d₁|, |e₂ + s·d₂|) with e = a − x, d = b − a: a convex
     * piecewise-linear function of s, so its minimum is at an end or a breakpoint (a zero of either
     * term, or where the terms are equal or opposite).
     */
    static BigFraction segmentDistance(BigFraction[] x, BigFraction[] a, BigFraction[] b) {
        BigFraction e1 = a[0].subtract(x[0]);
        BigFraction e2 = a[1].subtract(x[1]);
        BigFraction d1 = b[0].subtract(a[0]);
        BigFraction d2 = b[1].subtract(a[1]);
        List<BigFraction> candidates = new ArrayList<>(List.of(ZERO, BigFraction.ONE));
        addRoot(candidates, e1, d1);
        addRoot(candidates, e2, d2);
        addRoot(candidates, e1.subtract(e2), d1.subtract(d2));
        addRoot(candidates, e1.add(e2), d1.add(d2));
        BigFraction best = null;
        for (BigFraction s : candidates) {
            if (s.getNumerator().signum() < 0 || s.compareTo(BigFraction.ONE) > 0) {
                continue;
            }
            BigFraction v1 = e1.add(d1.multiply(s)).abs();
            BigFraction v2 = e2.add(d2.multiply(s)).abs();
            BigFraction v = v1.compareTo(v2) >= 0 ? v1 : v2;
            best = best == null || v.compareTo(best) < 0 ? v : best;
        }
        return best;
    }

    /** The root of e + s·d = 0, if d ≠ 0. */
    private static void addRoot(List<BigFraction> out, BigFraction e, BigFraction d) {
        if (d.getNumerator().signum() != 0) {
            out.add(e.negate().divide(d));
        }
    }

    static BigFraction value(BigFraction[] f, BigFraction[] x) {
        BigFraction s = f[f.length - 1];
        for (int k = 0; k < x.length; k++) {
            s = s.add(f[k].multiply(x[k]));
        }
        return s;
    }

    static BigFraction[] plus(BigFraction[] f, BigFraction[] g) {
        BigFraction[] s = new BigFraction[f.length];
        for (int k = 0; k < f.length; k++) {
            s[k] = f[k].add(g[k]);
        }
        return s;
    }

    static BigFraction[] scale(BigFraction[] f, BigFraction c) {
        BigFraction[] s = new BigFraction[f.length];
        for (int k = 0; k < f.length; k++) {
            s[k] = f[k].multiply(c);
        }
        return s;
    }

    private static BigFraction[] negate(BigFraction[] f) {
        return scale(f, BigFraction.MINUS_ONE);
    }
}
