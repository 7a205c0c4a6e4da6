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

    /** One leaf: its box and the bound stated for it. */
    record Leaf(double[] lo, double[] hi, double bound) {}

    /** The coordinate's midpoint, the one rule both the search and the checker use. */
    static double midpoint(double lo, double hi) {
        return lo + (hi - lo) / 2;
    }

    /** Whether a coordinate can be bisected into two parts that are both narrower. */
    static boolean splittable(double lo, double hi) {
        double mid = midpoint(lo, hi);
        return mid > lo && mid < hi;
    }

    double largestBound() {
        double worst = 0;
        for (double d : leafBounds) {
            worst = Math.max(worst, d);
        }
        return leafBounds.length == 0 ? Double.POSITIVE_INFINITY : worst;
    }

    /**
     * The leaves over the root box, in preorder.
     *
     * @throws IllegalArgumentException when the sequence is not a tree over the box (a bad
     *                                  coordinate, a midpoint that is not strictly inside, too few
     *                                  or too many nodes or bounds)
     */
    List<Leaf> leaves(Box root) {
        List<Leaf> out = new ArrayList<>();
        int[] next = {0};
        walk(root.lo().clone(), root.hi().clone(), next, out);
        if (next[0] != preorder.length) {
            throw new IllegalArgumentException("the split tree has " + (preorder.length - next[0])
                    + " nodes after its last leaf");
        }
        if (out.size() != leafBounds.length) {
            throw new IllegalArgumentException("the split tree has " + out.size() + " leaves but " + leafBounds.length
                    + " leaf bounds");
        }
        return out;
    }

    private void walk(double[] lo, double[] hi, int[] next, List<Leaf> out) {
        // An explicit stack: trees from deep searches must not overflow the call stack.
        record Pending(double[] lo, double[] hi) {}
        java.util.ArrayDeque<Pending> stack = new java.util.ArrayDeque<>();
        stack.push(new Pending(lo, hi));
        while (!stack.isEmpty()) {
            Pending p = stack.pop();
            if (next[0] >= preorder.length) {
                throw new IllegalArgumentException("the split tree ends before its last leaf");
            }
            int j = preorder[next[0]++];
            if (j == -1) {
                int k = out.size();
                out.add(new Leaf(p.lo, p.hi, k < leafBounds.length ? leafBounds[k] : Double.NaN));
                continue;
            }
            if (j < 0 || j >= lo.length) {
                throw new IllegalArgumentException("the split tree bisects coordinate " + (j + 1) + " of a box with "
                        + lo.length);
            }
            if (!splittable(p.lo[j], p.hi[j])) {
                throw new IllegalArgumentException("the split tree bisects coordinate " + (j + 1) + " of ["
                        + p.lo[j] + ", " + p.hi[j] + "], which has no double strictly inside");
            }
            double mid = midpoint(p.lo[j], p.hi[j]);
            double[] leftHi = p.hi.clone();
            leftHi[j] = mid;
            double[] rightLo = p.lo.clone();
            rightLo[j] = mid;
            stack.push(new Pending(rightLo, p.hi));
            stack.push(new Pending(p.lo, leftHi));
        }
    }
}
