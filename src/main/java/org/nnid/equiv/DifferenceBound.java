package org.nnid.equiv;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;

import org.nnid.net.Block;
import org.nnid.net.Network;

/**
 * Proved bounds on max |A − B| over a box, for the checker's closeness steps and for
 * {@code nnid check-evidence} (docs/math.md §6.5). The bound of one box comes from
 * {@link DiffPropagation} (symbolic linear bounds, with difference neurons when A and B have the
 * same graph) or, for nonlinearities without a linear relaxation, from interval enclosures
 * ({@link IntervalDifference}). Two ways to split the box: {@link #decide}, which bisects until
 * every leaf is within ε or a witness is proved ({@link SplitSearch}, on every core); and
 * {@link #bound}, which splits the worst piece a fixed number of times, for a bound to report.
 * Either way the result is a {@link SplitTree} with one bound per leaf, which {@link #recheck}
 * verifies without trusting the search.
 */
final class DifferenceBound {
    /** Splits of {@link #bound}: the bound reported beside a verdict. */
    static final int SPLITS = 255;
    /** Boxes {@link #decide} may bound for {@code nnid equiv --eps} (the benchmark sets its own limits). */
    static final long CHECKER_BOXES = 200_000;

    private DifferenceBound() {}

    /** The bound of one box for this pair. */
    static BoxBounder bounder(Network a, Network b) {
        return DiffPropagation.of(a, b).<BoxBounder>map(d -> d).orElseGet(() -> new IntervalDifference(a, b));
    }

    /** Bisects until every leaf's bound is at most ε, or a witness is proved, or the limits are reached. */
    static SplitSearch.Outcome decide(Network a, Network b, Box box, Box witnessBox, double eps,
            SplitSearch.Limits limits) {
        return SplitSearch.run(bounder(a, b), a, b, box, witnessBox, eps, limits, Optional.empty());
    }

    /** The evidence of a completed search. */
    static Evidence.BoxBound evidence(Network a, Network b, Box box, SplitTree tree) {
        return new Evidence.BoxBound(box.lo(), box.hi(), tree.largestBound(), tree, bounder(a, b).method());
    }

    /**
     * A bound over the box: the piece with the largest bound is bisected, {@link #SPLITS} times
     * (ties in the order the pieces were made), so the result is deterministic.
     */
    static Evidence.BoxBound bound(Network a, Network b, Box box) {
        BoxBounder bounder = bounder(a, b);
        final class Piece {
            final double[] lo;
            final double[] hi;
            final BoxBounder.Bound bound;
            final long order;
            int dim = -1;
            Piece left;
            Piece right;

            Piece(double[] lo, double[] hi, long order, BoxBounder.Bound parent) {
                this.lo = lo;
                this.hi = hi;
                this.bound = bounder.bound(lo, hi, parent);
                this.order = order;
            }
        }
        Comparator<Piece> worstFirst = Comparator.comparingDouble((Piece p) -> p.bound.value()).reversed()
                .thenComparingLong(p -> p.order);
        PriorityQueue<Piece> queue = new PriorityQueue<>(worstFirst);
        long made = 0;
        Piece root = new Piece(box.lo(), box.hi(), made++, null);
        queue.add(root);
        for (int i = 0; i < SPLITS && queue.peek().bound.value() > 0; i++) {
            Piece p = queue.poll();
            int dim = SplitTree.cutDimension(p.lo, p.hi, p.bound.splitDimension());
            if (dim < 0) {
                queue.add(p); // cannot be split further in doubles
                break;
            }
            double mid = SplitTree.midpoint(p.lo[dim], p.hi[dim]);
            double[] leftHi = p.hi.clone();
            leftHi[dim] = mid;
            double[] rightLo = p.lo.clone();
            rightLo[dim] = mid;
            p.dim = dim;
            p.left = new Piece(p.lo, leftHi, made++, p.bound);
            p.right = new Piece(rightLo, p.hi, made++, p.bound);
            queue.add(p.left);
            queue.add(p.right);
        }
        List<Integer> order = new ArrayList<>();
        List<Double> bounds = new ArrayList<>();
        Deque<Piece> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            Piece p = stack.pop();
            order.add(p.dim);
            if (p.dim < 0) {
                bounds.add(p.bound.value());
            } else {
                stack.push(p.right);
                stack.push(p.left);
            }
        }
        SplitTree tree = new SplitTree(order.stream().mapToInt(Integer::intValue).toArray(),
                bounds.stream().mapToDouble(Double::doubleValue).toArray());
        return new Evidence.BoxBound(box.lo(), box.hi(), tree.largestBound(), tree, bounder.method());
    }

    /**
     * Re-checks a saved bound without trusting the search that made it: the method is the one this
     * pair gets, the tree parses over the box (so its leaves tile it), every node's bound is
     * recomputed from its parent's as the search computed it (on every core), each leaf's is at most
     * the stated one, and the stated upper bound is at least every leaf's. Empty when it holds, otherwise what failed.
     */
    static Optional<String> recheck(Network a, Network b, Evidence.BoxBound bb) {
        return recompute(a, b, bb).failure();
    }

    /**
     * A saved bound re-checked ({@link #recheck}), and when it holds the bound as recomputed: the
     * same box and tree with every leaf's own recomputed bound, for check-evidence to print.
     */
    record Recomputed(Optional<String> failure, Optional<Evidence.BoxBound> own) {
        static Recomputed failed(String why) {
            return new Recomputed(Optional.of(why), Optional.empty());
        }
    }

    static Recomputed recompute(Network a, Network b, Evidence.BoxBound bb) {
        BoxBounder bounder = bounder(a, b);
        if (!bounder.method().equals(bb.method())) {
            return Recomputed.failed("the bound was computed by " + bounder.method() + ", not " + bb.method());
        }
        if (bb.lo().length != a.inputCount()) {
            return Recomputed.failed("the box has " + bb.lo().length + " coordinates, the networks " + a.inputCount()
                    + " inputs");
        }
        List<SplitTree.Node> nodes;
        try {
            nodes = bb.tree().nodes(new Box(bb.lo(), bb.hi()));
        } catch (IllegalArgumentException e) {
            return Recomputed.failed(e.getMessage());
        }
        if (!(bb.tree().largestBound() <= bb.upperBound())) {
            return Recomputed.failed("the stated bound " + bb.upperBound() + " is below a leaf's "
                    + bb.tree().largestBound());
        }
        double[] again = new double[nodes.size()];
        Optional<String> failure = ForkJoinPool.commonPool().invoke(
                new Recheck(bounder, nodes, children(nodes), 0, null, again));
        if (failure.isPresent()) {
            return Recomputed.failed(failure.get());
        }
        double[] leaves = new double[bb.tree().leafBounds().length];
        int k = 0;
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).leaf()) {
                leaves[k++] = again[i];
            }
        }
        SplitTree own = new SplitTree(bb.tree().preorder(), leaves);
        return new Recomputed(Optional.empty(),
                Optional.of(new Evidence.BoxBound(bb.lo(), bb.hi(), own.largestBound(), own, bb.method())));
    }

    /** Each node's two children (left, right) by preorder position; −1 for a leaf. */
    private static int[][] children(List<SplitTree.Node> nodes) {
        int[][] c = new int[nodes.size()][];
        for (int i = 0; i < c.length; i++) {
            c[i] = new int[] {-1, -1};
            int p = nodes.get(i).parent();
            if (p >= 0) {
                c[p][c[p][0] < 0 ? 0 : 1] = i;
            }
        }
        return c;
    }

    /**
     * Recomputes every node's bound from its parent's, as the search did, and checks each leaf's
     * against the stated one; the first failure in preorder, so the message does not depend on
     * scheduling.
     */
    private static final class Recheck extends RecursiveTask<Optional<String>> {
        private final BoxBounder bounder;
        private final List<SplitTree.Node> nodes;
        private final int[][] children;
        private final int index;
        private final BoxBounder.Bound parent;
        /** Every node's recomputed bound, by preorder position (each task writes its own). */
        private final double[] again;

        Recheck(BoxBounder bounder, List<SplitTree.Node> nodes, int[][] children, int index, BoxBounder.Bound parent,
                double[] again) {
            this.bounder = bounder;
            this.nodes = nodes;
            this.children = children;
            this.index = index;
            this.parent = parent;
            this.again = again;
        }

        @Override
        protected Optional<String> compute() {
            SplitTree.Node n = nodes.get(index);
            BoxBounder.Bound bound = bounder.bound(n.lo(), n.hi(), parent);
            again[index] = bound.value();
            if (n.leaf()) {
                return bound.value() <= n.bound() ? Optional.empty()
                        : Optional.of("leaf " + Points.box(n.lo(), n.hi()) + ": recomputed bound " + bound.value()
                                + " exceeds the stated " + n.bound());
            }
            Recheck right = new Recheck(bounder, nodes, children, children[index][1], bound, again);
            right.fork();
            Optional<String> left = new Recheck(bounder, nodes, children, children[index][0], bound, again).compute();
            Optional<String> r = right.join();
            return left.isPresent() ? left : r;
        }
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
}
