package org.nnid.equiv;

import java.util.Set;

import org.nnid.scalar.Interval;
import org.nnid.activation.Activation;

/**
 * Enclosures of ρ′ over an interval, for the mean value step of {@link DifferenceBound}:
 * ρ(s) − ρ(t) = ρ′(ξ)·(s − t) for some ξ between s and t. Only for the activations listed; for the
 * others the differential bound is not used (the plain difference of enclosures still is).
 */
final class Slopes {
    private static final Set<String> KNOWN = Set.of("identity", "relu", "tanh", "logistic");

    private Slopes() {}

    static boolean known(org.nnid.net.Network net) {
        return KNOWN.contains(net.activation().name()) && net.activation().parameters().isEmpty();
    }

    static Interval of(Activation rho, Interval t) {
        return switch (rho.name()) {
            case "identity" -> Interval.point(1);
            case "relu" -> t.lo() > 0 ? Interval.point(1) : t.hi() < 0 ? Interval.point(0) : Interval.of(0, 1);
            case "tanh" -> { // 1 − tanh², within [0, 1]
                Interval th = Interval.tanh(t);
                yield clamp(Interval.point(1).sub(Interval.sqr(th)), 0, 1);
            }
            case "logistic" -> { // σ(1 − σ), within [0, 1/4]
                Interval s = rho.apply(t);
                yield clamp(s.mul(Interval.point(1).sub(s)), 0, 0.25);
            }
            default -> throw new IllegalArgumentException("no slope enclosure for " + rho.name());
        };
    }

    private static Interval clamp(Interval x, double lo, double hi) {
        double l = Math.max(lo, x.lo());
        double h = Math.min(hi, x.hi());
        return l <= h ? Interval.of(l, h) : Interval.of(lo, hi);
    }
}
