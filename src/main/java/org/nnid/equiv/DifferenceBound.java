package org.nnid.equiv;

import java.util.Comparator;
import java.util.Optional;
import java.util.PriorityQueue;

import org.nnid.net.Block;
import org.nnid.net.Evaluator;
import org.nnid.net.Network;
import org.nnid.scalar.Interval;
import org.nnid.scalar.ReadOnlyDoubles;

/**
 * A proved upper bound on max |A − B| over a box, output by output. Every sub-box gets two
 * enclosures of A − B, both outward rounded, and keeps the tighter: the difference of separate
 * enclosures of A and B, and, when A and B have the same graph (a re-exported, quantised or
 * fine-tuned copy), the differential enclosure, which propagates the difference of every node
 * directly: d_z = Σ w_A·d_h + (w_A − w_B)·h_B + (b_A − b_B), and d_h = ρ′(ξ)·d_z by the mean value
 * theorem, with ρ′ enclosed over the hull of both pre-activations. The box is split, largest bound
 * first, along its widest coordinate, a fixed number of times; the bound is the largest over the
 * pieces, so it is deterministic and {@code nnid check-evidence} recomputes it exactly.
 */
final class DifferenceBound {
    static final int SPLITS = 255;

    private DifferenceBound() {}

    private record Piece(double[] lo, double[] hi, double bound) {}

    static Evidence.BoxBound bound(Network a, Network b, Box box) {
        // the mean value step needs ρ's slope enclosure (Activation#slopes), which not every ρ has
        boolean sameGraph = sameGraph(a, b) && a.activation().slopes(Interval.point(0)).isPresent();
        PriorityQueue<Piece> queue = new PriorityQueue<>(Comparator.comparingDouble(Piece::bound).reversed());
        queue.add(piece(a, b, sameGraph, box.lo(), box.hi()));
        for (int i = 0; i < SPLITS && queue.peek().bound > 0; i++) {
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
            queue.add(piece(a, b, sameGraph, p.lo, hiLeft));
            queue.add(piece(a, b, sameGraph, loRight, p.hi));
        }
        String method = sameGraph ? "differential interval propagation (same graph)"
                : "interval propagation of A and B";
        return new Evidence.BoxBound(box.lo(), box.hi(), queue.peek().bound, queue.size(), method);
    }

    private static Piece piece(Network a, Network b, boolean sameGraph, double[] lo, double[] hi) {
        Interval[] x = new Interval[lo.length];
        for (int i = 0; i < lo.length; i++) {
            x[i] = Interval.of(lo[i], hi[i]);
        }
        Interval[] ea = Evaluator.enclose(a, x);
        Interval[] eb = Evaluator.enclose(b, x);
        Optional<Interval[]> differential = sameGraph ? Optional.of(differential(a, b, x)) : Optional.empty();
        double bound = 0;
        for (int k = 0; k < ea.length; k++) {
            double m = magnitude(ea[k].sub(eb[k]));
            if (differential.isPresent()) {
                m = Math.min(m, magnitude(differential.get()[k]));
            }
            bound = Math.max(bound, m);
        }
        return new Piece(lo, hi, Double.isNaN(bound) ? Double.POSITIVE_INFINITY : bound);
    }

    private static double magnitude(Interval d) {
        return Math.max(Math.abs(d.lo()), Math.abs(d.hi()));
    }

    /** Same activation, blocks, sources and outputs: the nodes of A and B correspond one to one. */
    static boolean sameGraph(Network a, Network b) {
        if (!a.activation().equals(b.activation()) || a.outputActivation() != b.outputActivation()
                || a.blocks().size() != b.blocks().size() || !java.util.Arrays.equals(a.outputNodes(), b.outputNodes())) {
            return false;
        }
        for (int i = 0; i < a.blocks().size(); i++) {
            Block x = a.blocks().get(i);
            Block y = b.blocks().get(i);
            if (x.start() != y.start() || x.size() != y.size() || x.output() != y.output()
                    || !java.util.Arrays.equals(x.sources(), y.sources())) {
                return false;
            }
        }
        return true;
    }

    /** Enclosures of A − B at the outputs, propagating the difference of every node (see the class comment). */
    private static Interval[] differential(Network a, Network b, Interval[] x) {
        int n = a.nodeCount();
        Interval[] ha = new Interval[n];
        Interval[] hb = new Interval[n];
        Interval[] dh = new Interval[n];
        for (int i = 0; i < x.length; i++) {
            ha[i] = x[i];
            hb[i] = x[i];
            dh[i] = Interval.point(0);
        }
        for (int bi = 0; bi < a.blocks().size(); bi++) {
            Block ba = a.blocks().get(bi);
            Block bb = b.blocks().get(bi);
            ReadOnlyDoubles walo = ba.weights().enclosureLo();
            ReadOnlyDoubles wahi = ba.weights().enclosureHi();
            ReadOnlyDoubles wblo = bb.weights().enclosureLo();
            ReadOnlyDoubles wbhi = bb.weights().enclosureHi();
            ReadOnlyDoubles balo = ba.bias().enclosureLo();
            ReadOnlyDoubles bahi = ba.bias().enclosureHi();
            ReadOnlyDoubles bblo = bb.bias().enclosureLo();
            ReadOnlyDoubles bbhi = bb.bias().enclosureHi();
            int width = ba.width();
            for (int r = 0; r < ba.size(); r++) {
                Interval biasA = Interval.of(balo.get(r), bahi.get(r));
                Interval biasB = Interval.of(bblo.get(r), bbhi.get(r));
                Interval za = biasA;
                Interval zb = biasB;
                Interval dz = biasA.sub(biasB);
                int row = r * width;
                for (int j = 0; j < width; j++) {
                    int src = ba.source(j);
                    Interval wa = Interval.of(walo.get(row + j), wahi.get(row + j));
                    Interval wb = Interval.of(wblo.get(row + j), wbhi.get(row + j));
                    za = za.add(wa.mul(ha[src]));
                    zb = zb.add(wb.mul(hb[src]));
                    dz = dz.add(wa.mul(dh[src])).add(wa.sub(wb).mul(hb[src]));
                }
                int v = ba.start() + r;
                if (ba.output() && !a.outputActivation()) {
                    ha[v] = za;
                    hb[v] = zb;
                    dh[v] = dz;
                } else {
                    ha[v] = a.activation().apply(za);
                    hb[v] = b.activation().apply(zb);
                    Interval slope = a.activation().slopes(za.hull(zb)).orElseThrow();
                    Interval plain = ha[v].sub(hb[v]);
                    Interval viaSlope = slope.mul(dz);
                    dh[v] = intersect(viaSlope, plain);
                }
            }
        }
        Interval[] y = new Interval[a.outputCount()];
        for (int k = 0; k < y.length; k++) {
            y[k] = dh[a.outputNode(k)];
        }
        return y;
    }

    /** Both contain the true difference, so their intersection does (outward rounding keeps it non-empty). */
    private static Interval intersect(Interval p, Interval q) {
        double lo = Math.max(p.lo(), q.lo());
        double hi = Math.min(p.hi(), q.hi());
        return lo <= hi ? Interval.of(lo, hi) : q;
    }
}
