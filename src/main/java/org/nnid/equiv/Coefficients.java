package org.nnid.equiv;

import org.nnid.scalar.ScalarArray;

/**
 * Weights or biases as doubles plus radii (radii null when every entry is a double): the real
 * entry lies within mid ± rad. Shared by the forward and the back-substituting bounds.
 */
record Coefficients(double[] mid, double[] rad) {
    static Coefficients of(ScalarArray s) {
        double[] lo = s.enclosureLo().toArray();
        double[] hi = s.enclosureHi().toArray();
        return ofEnclosure(lo, hi);
    }

    static Coefficients ofEnclosure(double[] lo, double[] hi) {
        double[] mid = new double[lo.length];
        double[] rad = null;
        for (int i = 0; i < lo.length; i++) {
            if (lo[i] == hi[i]) {
                mid[i] = lo[i];
                continue;
            }
            if (rad == null) {
                rad = new double[lo.length];
            }
            mid[i] = lo[i] + (hi[i] - lo[i]) / 2;
            rad[i] = Math.nextUp(Math.max(Math.nextUp(hi[i] - mid[i]), Math.nextUp(mid[i] - lo[i])));
        }
        return new Coefficients(mid, rad);
    }

    /** x − y entry by entry: the rounded difference, its rounding error (exact by TwoSum) as radius. */
    static Coefficients difference(ScalarArray x, ScalarArray y) {
        double[] xl = x.enclosureLo().toArray();
        double[] xh = x.enclosureHi().toArray();
        double[] yl = y.enclosureLo().toArray();
        double[] yh = y.enclosureHi().toArray();
        double[] mid = new double[xl.length];
        double[] rad = null;
        for (int i = 0; i < mid.length; i++) {
            double r;
            if (xl[i] == xh[i] && yl[i] == yh[i]) {
                double a = xl[i];
                double b = -yl[i];
                double s = a + b;
                double bv = s - a;
                double err = (a - (s - bv)) + (b - bv); // TwoSum: s + err = a + b exactly
                mid[i] = s;
                r = Math.abs(err);
            } else {
                double lo = Math.nextDown(xl[i] - yh[i]);
                double hi = Math.nextUp(xh[i] - yl[i]);
                mid[i] = lo + (hi - lo) / 2;
                r = Math.nextUp(Math.max(Math.nextUp(hi - mid[i]), Math.nextUp(mid[i] - lo)));
            }
            if (r != 0) {
                if (rad == null) {
                    rad = new double[mid.length];
                }
                rad[i] = r;
            }
        }
        return new Coefficients(mid, rad);
    }

    /** w_A − w_B block by block, for two networks with the same graph. */
    static Coefficients[] weightDifferences(org.nnid.net.Network a, org.nnid.net.Network b) {
        Coefficients[] d = new Coefficients[a.blocks().size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = difference(a.blocks().get(i).weights(), b.blocks().get(i).weights());
        }
        return d;
    }

    /** b_A − b_B block by block, for two networks with the same graph. */
    static Coefficients[] biasDifferences(org.nnid.net.Network a, org.nnid.net.Network b) {
        Coefficients[] d = new Coefficients[a.blocks().size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = difference(a.blocks().get(i).bias(), b.blocks().get(i).bias());
        }
        return d;
    }
}
