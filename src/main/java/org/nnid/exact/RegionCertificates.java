package org.nnid.exact;

import java.util.List;

import org.apache.commons.math3.fraction.BigFraction;

/**
 * The exact checks of a region's certificates, in rational arithmetic, for a region {x in the box :
 * φ_i(x) ≥ 0}. Each is a short calculation that anyone can redo; none trusts the LP that proposed
 * the multipliers.
 */
public final class RegionCertificates {
    private RegionCertificates() {}

    /**
     * A lower bound of z on the region: for multipliers λ ≥ 0, z ≥ z − Σ λ_i φ_i on the region, and
     * the right side is affine, with an exact minimum over the box.
     */
    public static BigFraction lowerBound(AffineForm z, List<AffineForm> constraints, BigFraction[] lambda, ExactBox box) {
        AffineForm r = z;
        for (int i = 0; i < lambda.length; i++) {
            if (Rationals.sign(lambda[i]) < 0) {
                throw new IllegalArgumentException("multiplier " + (i + 1) + " is negative: " + lambda[i]);
            }
            r = r.plusTimes(lambda[i].negate(), constraints.get(i));
        }
        return r.minOver(box);
    }

    /**
     * Whether λ shows that no point of the box satisfies every constraint strictly: λ ≥ 0, not all
     * 0, and Σ λ_i φ_i ≤ 0 on the whole box (it would be &gt; 0 at a point where every φ_i &gt; 0).
     * Then the region lies in a hyperplane and has no interior.
     */
    public static boolean provesNoInterior(List<AffineForm> constraints, BigFraction[] lambda, ExactBox box) {
        AffineForm s = AffineForm.constant(box.dimension(), BigFraction.ZERO);
        boolean any = false;
        for (int i = 0; i < lambda.length; i++) {
            if (Rationals.sign(lambda[i]) < 0) {
                return false;
            }
            any |= Rationals.sign(lambda[i]) > 0;
            s = s.plusTimes(lambda[i], constraints.get(i));
        }
        return any && Rationals.sign(s.maxOver(box)) <= 0;
    }

    /** Whether x lies strictly inside the box and satisfies every constraint strictly. */
    public static boolean strictlyInside(BigFraction[] x, List<AffineForm> constraints, ExactBox box) {
        for (int j = 0; j < box.dimension(); j++) {
            if (x[j].compareTo(box.lo(j)) <= 0 || x[j].compareTo(box.hi(j)) >= 0) {
                return false;
            }
        }
        for (AffineForm phi : constraints) {
            if (Rationals.sign(phi.at(x)) <= 0) {
                return false;
            }
        }
        return true;
    }
}
