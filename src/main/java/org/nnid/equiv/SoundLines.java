package org.nnid.equiv;

import org.nnid.activation.Activation;
import org.nnid.scalar.Interval;

/**
 * Linear relaxations q ≥ slope·t + shift (or ≤) of one scalar function over a proved range of its
 * argument t, with the stored doubles read as the reals they are: every rounding is directed by
 * {@code nextUp}/{@code nextDown} so the line stays on its side. The slope may be any double (it is
 * computed in round-to-nearest); the shift is then chosen so that the line is valid at both ends of
 * the range, which by convexity (concavity) makes it valid on the whole range.
 */
final class SoundLines {
    /** value ≥ (or ≤) slope·t + shift for every t in the range the line was made for. */
    record Line(double slope, double shift) {
        static final Line ZERO = new Line(0, 0);
        static final Line IDENTITY = new Line(1, 0);

        static Line constant(double c) {
            return new Line(0, c);
        }

        /** Mean of the line over [l, u]: how the area heuristic compares candidates (not a bound). */
        double mean(double l, double u) {
            return slope * (l / 2 + u / 2) + shift;
        }
    }

    private SoundLines() {}

    /** A line ≥ max(sLo·t, sHi·t) on [l, u], l &lt; 0 &lt; u, 0 ≤ sLo ≤ sHi: the chord of the convex function. */
    static Line upperChord(double l, double u, double sLo, double sHi) {
        double fl = Math.nextUp(sLo * l);
        double fu = Math.nextUp(sHi * u);
        double k = (fu - fl) / (u - l);
        double atL = Math.nextUp(fl - Math.nextDown(k * l));
        double atU = Math.nextUp(fu - Math.nextDown(k * u));
        return new Line(k, Math.max(atL, atU));
    }

    /** A line ≤ min(sLo·t, sHi·t) on [l, u], l &lt; 0 &lt; u, 0 ≤ sLo ≤ sHi: the chord of the concave function. */
    static Line lowerChord(double l, double u, double sLo, double sHi) {
        double gl = Math.nextDown(sHi * l);
        double gu = Math.nextDown(sLo * u);
        double k = (gu - gl) / (u - l);
        double atL = Math.nextDown(gl - Math.nextUp(k * l));
        double atU = Math.nextDown(gu - Math.nextUp(k * u));
        return new Line(k, Math.min(atL, atU));
    }

    /** ρ′ enclosed over t (the activation's own enclosure; only activations with one reach these bounds). */
    static Interval slopes(Activation rho, Interval t) {
        return rho.slopes(t).orElseThrow(() -> new IllegalArgumentException("no slope enclosure for " + rho.name()));
    }

    /** ρ(z) ≥ s·(z − l) + ρ(l) on [l, u] for increasing ρ, s the least slope over the range (mean value theorem). */
    static Line lowerMonotone(Activation rho, double l, double u) {
        double s = Math.max(0, slopes(rho, Interval.of(l, u)).lo());
        double at = rho.apply(Interval.point(l)).lo();
        return new Line(s, Math.nextDown(at - Math.nextUp(s * l)));
    }

    /** ρ(z) ≤ ρ(u) − s·(u − z) on [l, u] for increasing ρ, s the least slope over the range. */
    static Line upperMonotone(Activation rho, double l, double u) {
        double s = Math.max(0, slopes(rho, Interval.of(l, u)).lo());
        double at = rho.apply(Interval.point(u)).hi();
        return new Line(s, Math.nextUp(at - Math.nextDown(s * u)));
    }
}
