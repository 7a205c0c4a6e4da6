package org.nnid.exact;

import java.util.List;

import org.apache.commons.math3.fraction.BigFraction;

/** A box lo ≤ x ≤ hi with exact rational bounds: the domain of an exact piecewise-linear decision. */
public record ExactBox(List<BigFraction> lower, List<BigFraction> upper) {

    public ExactBox {
        lower = List.copyOf(lower);
        upper = List.copyOf(upper);
        if (lower.size() != upper.size()) {
            throw new IllegalArgumentException("box: " + lower.size() + " lower and " + upper.size() + " upper bounds");
        }
    }

    /** The box of doubles, each bound read as the rational it is. */
    public static ExactBox ofDoubles(double[] lo, double[] hi) {
        BigFraction[] l = new BigFraction[lo.length];
        BigFraction[] h = new BigFraction[hi.length];
        for (int j = 0; j < lo.length; j++) {
            l[j] = Rationals.ofDouble(lo[j]);
            h[j] = Rationals.ofDouble(hi[j]);
        }
        return new ExactBox(List.of(l), List.of(h));
    }

    public int dimension() {
        return lower.size();
    }

    public BigFraction lo(int j) {
        return lower.get(j);
    }

    public BigFraction hi(int j) {
        return upper.get(j);
    }

    /** Whether every side has positive length (a box with interior points). */
    public boolean hasInterior() {
        for (int j = 0; j < dimension(); j++) {
            if (lo(j).compareTo(hi(j)) >= 0) {
                return false;
            }
        }
        return true;
    }

    public boolean contains(BigFraction[] x) {
        for (int j = 0; j < dimension(); j++) {
            if (x[j].compareTo(lo(j)) < 0 || x[j].compareTo(hi(j)) > 0) {
                return false;
            }
        }
        return true;
    }

    public BigFraction[] centre() {
        BigFraction[] c = new BigFraction[dimension()];
        for (int j = 0; j < c.length; j++) {
            c[j] = lo(j).add(hi(j)).divide(2);
        }
        return c;
    }
}
