package org.nnid.equiv;

import java.util.Comparator;
import java.util.PriorityQueue;

import org.nnid.net.Evaluator;
import org.nnid.net.Network;
import org.nnid.scalar.Interval;

/**
 * A sound upper bound on max |D| over a box for a difference network D = A − B: interval bound
 * propagation (outward-rounded) over sub-boxes, splitting the sub-box with the largest bound along
 * its widest coordinate, a fixed number of times. Every sub-box's enclosure contains D's values
 * there, so the largest enclosure magnitude bounds |D| on the whole box.
 */
final class BoxBounds {
    static final int SPLITS = 255;

    private BoxBounds() {}

    private record Piece(double[] lo, double[] hi, double bound) {}

    static Evidence.BoxBound bound(Network d, Box box) {
        PriorityQueue<Piece> queue = new PriorityQueue<>(Comparator.comparingDouble(Piece::bound).reversed());
        queue.add(piece(d, box.lo(), box.hi()));
        for (int i = 0; i < SPLITS; i++) {
            Piece p = queue.poll();
            int widest = 0;
            for (int j = 1; j < p.lo.length; j++) {
                if (p.hi[j] - p.lo[j] > p.hi[widest] - p.lo[widest]) {
                    widest = j;
                }
            }
            double mid = p.lo[widest] + (p.hi[widest] - p.lo[widest]) / 2;
            if (!(mid > p.lo[widest] && mid < p.hi[widest])) {
                queue.add(p); // cannot be split further in doubles
                break;
            }
            double[] hiLeft = p.hi.clone();
            hiLeft[widest] = mid;
            double[] loRight = p.lo.clone();
            loRight[widest] = mid;
            queue.add(piece(d, p.lo, hiLeft));
            queue.add(piece(d, loRight, p.hi));
        }
        return new Evidence.BoxBound(box.lo(), box.hi(), queue.peek().bound, queue.size());
    }

    private static Piece piece(Network d, double[] lo, double[] hi) {
        Interval[] x = new Interval[lo.length];
        for (int i = 0; i < lo.length; i++) {
            x[i] = Interval.of(lo[i], hi[i]);
        }
        double bound = 0;
        for (Interval y : Evaluator.enclose(d, x)) {
            bound = Math.max(bound, Math.max(Math.abs(y.lo()), Math.abs(y.hi())));
        }
        return new Piece(lo, hi, bound);
    }
}
