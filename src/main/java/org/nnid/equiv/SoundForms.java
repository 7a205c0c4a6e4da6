package org.nnid.equiv;

/**
 * Linear forms f(x) = Σ c_j·x_j + d over one input box, each stored as m + 1 doubles (the
 * constant last) at an offset of a flat array, with arithmetic that stays sound in floating point.
 * A form is a lower (or upper) bound of some quantity for every real x in the box, with the
 * stored doubles read as the reals they are. Every new form's coefficients are computed in
 * round-to-nearest; their rounding errors, bounded by the standard a-priori estimate
 * γ_k·Σ|terms| (Higham, Accuracy and Stability of Numerical Algorithms, §3.1) taken twice over, are
 * multiplied by max |x_j| over the box and moved into the constant, which is then rounded one ulp
 * further in the safe direction. So the search and {@code nnid check-evidence} share one
 * computation, which needs no directed rounding modes and no interval coefficients.
 */
final class SoundForms {
    private static final double U = 0x1p-53;
    /** Absorbs underflow in products (at most 2^-1075 each; far fewer than 2^50 of them per sum). */
    private static final double TINY = Double.MIN_NORMAL;

    final int m;
    final int stride;
    private final double[] lo;
    private final double[] hi;
    /** max(|lo_j|, |hi_j|): the factor by which coefficient errors count. */
    private final double[] mag;
    private final double magSum;

    SoundForms(double[] lo, double[] hi) {
        this.m = lo.length;
        this.stride = m + 1;
        this.lo = lo;
        this.hi = hi;
        this.mag = new double[m];
        double s = 1;
        for (int j = 0; j < m; j++) {
            mag[j] = Math.max(Math.abs(lo[j]), Math.abs(hi[j]));
            s += mag[j];
        }
        this.magSum = s * (1 + 4 * (m + 2) * U);
    }

    /** 2·γ_k with a margin: twice the a-priori bound on the relative error of a sum of k products. */
    static double gamma(int k) {
        return 2.0 * (k + 2) * U / (1 - (k + 2) * U) * 2;
    }

    /** A lower bound of form f (at offset o) over the box. */
    double lower(double[] f, int o) {
        double s = f[o + m];
        double abs = Math.abs(s);
        for (int j = 0; j < m; j++) {
            double c = f[o + j];
            double t = c >= 0 ? c * lo[j] : c * hi[j];
            s += t;
            abs += Math.abs(t);
        }
        return Math.nextDown(s - (gamma(m + 1) * abs + TINY));
    }

    /** An upper bound of form f (at offset o) over the box. */
    double upper(double[] f, int o) {
        double s = f[o + m];
        double abs = Math.abs(s);
        for (int j = 0; j < m; j++) {
            double c = f[o + j];
            double t = c >= 0 ? c * hi[j] : c * lo[j];
            s += t;
            abs += Math.abs(t);
        }
        return Math.nextUp(s + (gamma(m + 1) * abs + TINY));
    }

    /**
     * Closes a form whose entries were accumulated in round-to-nearest as sums of {@code terms}
     * products, with {@code abs} the accumulated magnitudes per entry: moves the bound on their
     * rounding errors, plus {@code extra} (an error bound already computed, e.g. for inexact
     * weights), into the constant, in the direction that keeps the form a lower (upper) bound.
     */
    void close(double[] f, int o, double[] abs, int terms, double extra, boolean lower) {
        double weighted = abs[m];
        for (int j = 0; j < m; j++) {
            weighted += abs[j] * mag[j];
        }
        double err = (gamma(terms) * weighted + extra * (1 + gamma(terms)) + TINY * magSum) * (1 + 8 * U);
        f[o + m] = lower ? Math.nextDown(f[o + m] - err) : Math.nextUp(f[o + m] + err);
    }

    /** dst ← α·src + β (α ≥ 0), kept a lower (upper) bound of α·q + β when src bounds q likewise. */
    void scaleShift(double[] src, int so, double alpha, double beta, boolean lower, double[] dst, int o) {
        double weighted = 0;
        for (int j = 0; j < m; j++) {
            double c = alpha * src[so + j];
            dst[o + j] = c;
            weighted += Math.abs(c) * mag[j];
        }
        double a = alpha * src[so + m];
        double d = a + beta;
        weighted += Math.abs(a) + Math.abs(beta);
        double err = (gamma(2) * weighted + TINY * magSum) * (1 + 8 * U);
        dst[o + m] = lower ? Math.nextDown(d - err) : Math.nextUp(d + err);
    }

    /** dst ← f − g, a lower (upper) bound of p − q when f bounds p and g bounds q from the other side. */
    void difference(double[] f, int fo, double[] g, int go, boolean lower, double[] dst, int o) {
        double weighted = 0;
        for (int j = 0; j <= m; j++) {
            double c = f[fo + j] - g[go + j];
            dst[o + j] = c;
            weighted += Math.abs(c) * (j < m ? mag[j] : 1);
        }
        double err = (gamma(2) * weighted + TINY * magSum) * (1 + 8 * U);
        dst[o + m] = lower ? Math.nextDown(dst[o + m] - err) : Math.nextUp(dst[o + m] + err);
    }

    /** The form x_j, exact. */
    void variable(int j, double[] dst, int o) {
        java.util.Arrays.fill(dst, o, o + stride, 0);
        dst[o + j] = 1;
    }

    /** The constant form c, exact. */
    void constant(double c, double[] dst, int o) {
        java.util.Arrays.fill(dst, o, o + m, 0);
        dst[o + m] = c;
    }

    void copy(double[] src, int so, double[] dst, int o) {
        System.arraycopy(src, so, dst, o, stride);
    }

    /** Largest-gain coordinate to bisect: width times the summed coefficient magnitude of the given forms. */
    int splitDimension(double[] f, int fo, double[] g, int go) {
        int best = -1;
        double bestScore = 0;
        for (int j = 0; j < m; j++) {
            double score = (Math.abs(f[fo + j]) + Math.abs(g[go + j])) * (hi[j] - lo[j]);
            if (score > bestScore) {
                best = j;
                bestScore = score;
            }
        }
        if (best < 0) { // a constant form: the widest coordinate
            for (int j = 0; j < m; j++) {
                if (hi[j] - lo[j] > 0 && (best < 0 || hi[j] - lo[j] > hi[best] - lo[best])) {
                    best = j;
                }
            }
        }
        return Math.max(best, 0);
    }
}
