package org.nnid.equiv;

import java.util.ArrayList;
import java.util.List;

/**
 * A bisection of an input box, written down so that anyone can rebuild its leaves: the nodes in
 * preorder, each the coordinate it bisects or −1 for a leaf, and one stated bound per leaf in the
 * same order. A node [lo, hi] bisected along j has the children [lo, hi] with hi_j = mid and with
 * lo_j = mid, mid = lo_j + (hi_j − lo_j)/2 in double, strictly inside; so the leaves tile the root
 * box by construction, and a leaf removed or added leaves a sequence that does not parse.
 */
record SplitTree(int[] preorder, double[] leafBounds) {

    /**
     * One node of the tree over a root box: its box, its parent's position in preorder (−1 for the
     * root), and for a leaf the bound stated for it (NaN for an inner node).
     */
    record Node(double[] lo, double[] hi, int parent, boolean leaf, double bound) {}

    /** The coordinate's midpoint, the one rule both the search and the checker use. */
    static double midpoint(double lo, double hi) {
        return lo + (hi - lo) / 2;
    }

    /** Whether a coordinate can be bisected into two parts that are both narrower. */
    static boolean splittable(double lo, double hi) {
        double mid = midpoint(lo, hi);
        return mid > lo && mid < hi;
    }

    /** The suggested coordinate if it can be bisected, else the widest one that can; −1 if none. */
    static int cutDimension(double[] lo, double[] hi, int suggested) {
        if (splittable(lo[suggested], hi[suggested])) {
            return suggested;
        }
        int best = -1;
        for (int j = 0; j < lo.length; j++) {
            if (splittable(lo[j], hi[j]) && (best < 0 || hi[j] - lo[j] > hi[best] - lo[best])) {
                best = j;
            }
        }
        return best;
    }

    double largestBound() {
        double worst = 0;
        for (double d : leafBounds) {
            worst = Math.max(worst, d);
        }
        return leafBounds.length == 0 ? Double.POSITIVE_INFINITY : worst;
    }

    /**
     * The nodes over the root box, in preorder.
     *
     * @throws IllegalArgumentException when the sequence is not a tree over the box (a bad
     *                                  coordinate, a midpoint that is not strictly inside, too few
     *                                  or too many nodes or bounds)
     */
    List<Node> nodes(Box root) {
        List<Node> out = new ArrayList<>();
        // An explicit stack: trees from deep searches must not overflow the call stack.
        record Pending(double[] lo, double[] hi, int parent) {}
        java.util.ArrayDeque<Pending> stack = new java.util.ArrayDeque<>();
        stack.push(new Pending(root.lo().clone(), root.hi().clone(), -1));
        int leaves = 0;
        int m = root.lo().length;
        while (!stack.isEmpty()) {
            Pending p = stack.pop();
            if (out.size() >= preorder.length) {
                throw new IllegalArgumentException("the split tree ends before its last leaf");
            }
            int self = out.size();
            int j = preorder[self];
            if (j == -1) {
                out.add(new Node(p.lo, p.hi, p.parent, true, leaves < leafBounds.length ? leafBounds[leaves] : Double.NaN));
                leaves++;
                continue;
            }
            if (j < 0 || j >= m) {
                throw new IllegalArgumentException("the split tree bisects coordinate " + (j + 1) + " of a box with " + m);
            }
            if (!splittable(p.lo[j], p.hi[j])) {
                throw new IllegalArgumentException("the split tree bisects coordinate " + (j + 1) + " of ["
                        + p.lo[j] + ", " + p.hi[j] + "], which has no double strictly inside");
            }
            out.add(new Node(p.lo, p.hi, p.parent, false, Double.NaN));
            double mid = midpoint(p.lo[j], p.hi[j]);
            double[] leftHi = p.hi.clone();
            leftHi[j] = mid;
            double[] rightLo = p.lo.clone();
            rightLo[j] = mid;
            stack.push(new Pending(rightLo, p.hi, self));
            stack.push(new Pending(p.lo, leftHi, self));
        }
        if (out.size() != preorder.length) {
            throw new IllegalArgumentException("the split tree has " + (preorder.length - out.size())
                    + " nodes after its last leaf");
        }
        if (leaves != leafBounds.length) {
            throw new IllegalArgumentException("the split tree has " + leaves + " leaves but " + leafBounds.length
                    + " leaf bounds");
        }
        return out;
    }
}
