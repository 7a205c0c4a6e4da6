package org.nnid.equiv;

import org.nnid.net.Evaluator;
import org.nnid.net.Network;
import org.nnid.scalar.Interval;

/**
 * The bound for nonlinearities without a linear relaxation: outward-rounded interval enclosures
 * of A and of B over the box, and the magnitude of their difference; the widest coordinate is the
 * one to bisect.
 */
final class IntervalDifference implements BoxBounder {
    private final Network a;
    private final Network b;

    IntervalDifference(Network a, Network b) {
        this.a = a;
        this.b = b;
    }

    @Override
    public Bound bound(double[] lo, double[] hi, Bound enclosing) {
        Interval[] x = new Interval[lo.length];
        int widest = 0;
        for (int i = 0; i < lo.length; i++) {
            x[i] = Interval.of(lo[i], hi[i]);
            if (hi[i] - lo[i] > hi[widest] - lo[widest]) {
                widest = i;
            }
        }
        Interval[] ea = Evaluator.enclose(a, x);
        Interval[] eb = Evaluator.enclose(b, x);
        double worst = 0;
        for (int k = 0; k < ea.length; k++) {
            Interval d = ea[k].sub(eb[k]);
            worst = Math.max(worst, Math.max(Math.abs(d.lo()), Math.abs(d.hi())));
        }
        return new Bound(Double.isNaN(worst) ? Double.POSITIVE_INFINITY : worst, widest);
    }

    @Override
    public String method() {
        return "interval propagation of A and B";
    }
}
