package org.nnid.equiv;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.nnid.net.Evaluator;
import org.nnid.net.Network;

/**
 * Decides max |A − B| ≤ ε over a box by bisection (docs/math.md §6.5): a box whose proved bound
 * ({@link DiffPropagation}) is at most ε is a leaf; otherwise its centre is tried as a witness, and
 * then it is bisected along the coordinate its bound's forms say matters most. The work is shared
 * by every core (fork/join), yet the result does not depend on scheduling: whether a box is a leaf,
 * and where it is cut, depend only on the box, so a completed tree is the same tree on every run;
 * and a witness found cancels only the boxes after it in preorder, so the witness reported is
 * always the first in preorder of the whole tree. Boxes at the depth limit are handed to the
 * {@link LeafFinisher} when there is one, and otherwise leave the question open.
 */
final class SplitSearch {
    /** Bisections along one path: 2^-60 of a coordinate's width is far below what matters. */
    static final int MAX_DEPTH = 60;
    private static final ForkJoinPool POOL = new ForkJoinPool(Runtime.getRuntime().availableProcessors());

    /**
     * @param maxBoxes    boxes to bound at most (Long.MAX_VALUE: no limit)
     * @param deadline    System.nanoTime() after which the search gives up (Long.MAX_VALUE: never)
     * @param cpuDeadline the process CPU time ({@link ProcessCpu#nanos}) after which it gives up
     *                    (Long.MAX_VALUE: never); on a shared machine the same work gets the same
     *                    budget whatever the load
     */
    record Limits(int maxDepth, long maxBoxes, long deadline, long cpuDeadline) {
        static Limits boxes(long n) {
            return new Limits(MAX_DEPTH, n, Long.MAX_VALUE, Long.MAX_VALUE);
        }

        static Limits seconds(double s) {
            return new Limits(MAX_DEPTH, Long.MAX_VALUE, System.nanoTime() + (long) (s * 1e9), Long.MAX_VALUE);
        }

        /** At most s seconds of wall time and c seconds of CPU time of all cores (+∞: no limit of that kind). */
        static Limits seconds(double s, double c) {
            return new Limits(MAX_DEPTH, Long.MAX_VALUE,
                    Double.isInfinite(s) ? Long.MAX_VALUE : System.nanoTime() + (long) (s * 1e9),
                    Double.isInfinite(c) ? Long.MAX_VALUE : ProcessCpu.nanos() + (long) (c * 1e9));
        }
    }

    /** What the search proved. */
    sealed interface Outcome {
        long boxes();

        /** Every leaf's bound is at most ε: the tree is the certificate. */
        record Within(SplitTree tree, long boxes) implements Outcome {}

        /** An input of the box where |A − B| &gt; ε is proved. */
        record Exceeds(Evidence.Witness witness, long boxes) implements Outcome {}

        /** Neither, within the limits: why, and the largest bound among the leaves reached. */
        record Open(String why, long boxes) implements Outcome {}
    }

    private sealed interface Node {}

    private record Leaf(double bound) implements Node {}

    private record Split(int dim, Node left, Node right) implements Node {}

    private record Unfinished(String why) implements Node {}

    /** A proved witness at the node of this path (bit i: the side taken at depth i, 1 = upper half). */
    private record Found(long path, int depth, Evidence.Witness witness) {}

    private final BoxBounder engine;
    private final Network a;
    private final Network b;
    private final double eps;
    private final Limits limits;
    private final Optional<LeafFinisher> finisher;
    /** Where witnesses must lie (the domain rounded inwards). */
    private final Box witnessBox;
    private final boolean exactWitness;
    private final AtomicLong boxes = new AtomicLong();
    private final AtomicReference<Found> found = new AtomicReference<>();
    private final AtomicBoolean outOfBudget = new AtomicBoolean();
    private final AtomicBoolean outOfTime = new AtomicBoolean();

    private SplitSearch(BoxBounder engine, Network a, Network b, double eps, Limits limits,
            Optional<LeafFinisher> finisher, Box witnessBox) {
        this.witnessBox = witnessBox;
        this.engine = engine;
        this.a = a;
        this.b = b;
        this.eps = eps;
        this.limits = limits;
        this.finisher = finisher;
        this.exactWitness = ExactPiecewise.applies(a) && ExactPiecewise.applies(b);
    }

    /**
     * @param box        the box to cover (the domain rounded outwards)
     * @param witnessBox where witnesses may lie (the domain rounded inwards)
     */
    static Outcome run(BoxBounder engine, Network a, Network b, Box box, Box witnessBox, double eps, Limits limits,
            Optional<LeafFinisher> finisher) {
        SplitSearch s = new SplitSearch(engine, a, b, eps, limits, finisher, witnessBox);
        Node root = POOL.invoke(s.new Task(box.lo(), box.hi(), 0, 0L, null));
        long n = s.boxes.get();
        if (s.found.get() != null) {
            return new Outcome.Exceeds(s.found.get().witness(), n);
        }
        Optional<String> open = firstUnfinished(root);
        if (open.isPresent()) {
            return new Outcome.Open(open.get(), n);
        }
        return new Outcome.Within(encode(root), n);
    }

    private final class Task extends RecursiveTask<Node> {
        private final double[] lo;
        private final double[] hi;
        private final int depth;
        private final long path;
        /** The bound of the enclosing box (null at the root): what it proved holds here too. */
        private final BoxBounder.Bound parent;

        Task(double[] lo, double[] hi, int depth, long path, BoxBounder.Bound parent) {
            this.lo = lo;
            this.hi = hi;
            this.depth = depth;
            this.path = path;
            this.parent = parent;
        }

        @Override
        protected Node compute() {
            Found f = found.get();
            if (f != null && precedes(f.path, f.depth, path, depth)) {
                return new Unfinished("a witness was found");
            }
            if (boxes.incrementAndGet() > limits.maxBoxes()) {
                outOfBudget.set(true);
                return new Unfinished("the search reached its limit of " + limits.maxBoxes() + " boxes");
            }
            if (limits.deadline() != Long.MAX_VALUE && System.nanoTime() - limits.deadline() > 0) {
                outOfTime.set(true);
                return new Unfinished("the search ran out of time");
            }
            if (limits.cpuDeadline() != Long.MAX_VALUE && ProcessCpu.nanos() - limits.cpuDeadline() > 0) {
                outOfTime.set(true);
                return new Unfinished("the search ran out of CPU time");
            }
            BoxBounder.Bound bound = engine.bound(lo, hi, parent);
            if (bound.value() <= eps) {
                return new Leaf(bound.value());
            }
            double[] centre = new double[lo.length];
            for (int i = 0; i < lo.length; i++) {
                centre[i] = SplitTree.midpoint(lo[i], hi[i]);
            }
            Optional<Evidence.Witness> w = witnessAt(witnessBox.clamp(centre));
            if (w.isPresent()) {
                record(new Found(path, depth, w.get()));
                return new Unfinished("a witness was found");
            }
            if (depth >= limits.maxDepth()) {
                return finish();
            }
            return split(SplitTree.cutDimension(lo, hi, bound.splitDimension()), bound);
        }

        private Node split(int dim, BoxBounder.Bound bound) {
            if (dim < 0) {
                return finish();
            }
            double mid = SplitTree.midpoint(lo[dim], hi[dim]);
            double[] leftHi = hi.clone();
            leftHi[dim] = mid;
            double[] rightLo = lo.clone();
            rightLo[dim] = mid;
            Task right = new Task(rightLo, hi, depth + 1, path | (1L << depth), bound);
            right.fork();
            Node left = new Task(lo, leftHi, depth + 1, path, bound).compute();
            return new Split(dim, left, right.join());
        }

        private Node finish() {
            if (finisher.isEmpty()) {
                return new Unfinished("boxes at the depth limit remain undecided (no exact finisher)");
            }
            LeafFinisher.Result r = finisher.get().finish(a, b, new Box(lo, hi), eps);
            if (r instanceof LeafFinisher.Result.Within within) {
                return new Leaf(within.bound());
            }
            if (r instanceof LeafFinisher.Result.Exceeds ex) {
                Optional<Evidence.Witness> w = witnessAt(witnessBox.clamp(ex.x()));
                if (w.isPresent()) {
                    record(new Found(path, depth, w.get()));
                    return new Unfinished("a witness was found");
                }
            }
            return new Unfinished("the exact finisher left a box undecided");
        }
    }

    /** A proved witness at x when the doubles suggest |A − B| &gt; ε there. */
    private Optional<Evidence.Witness> witnessAt(double[] x) {
        double[] ya = Evaluator.evaluate(a, x);
        double[] yb = Evaluator.evaluate(b, x);
        boolean promising = false;
        for (int k = 0; k < ya.length; k++) {
            promising |= Math.abs(ya[k] - yb[k]) > eps;
        }
        if (!promising) {
            return Optional.empty();
        }
        return exactWitness ? ExactPiecewise.prove(a, b, x, eps) : WitnessSearch.proveAt(a, b, x, eps);
    }

    private void record(Found f) {
        found.accumulateAndGet(f, (old, neu) -> old == null || precedes(neu.path, neu.depth, old.path, old.depth)
                ? neu : old);
    }

    /** Whether node (p, dp) comes before node (q, dq) in preorder (an ancestor comes first). */
    static boolean precedes(long p, int dp, long q, int dq) {
        int common = Math.min(dp, dq);
        for (int i = 0; i < common; i++) {
            long bp = (p >>> i) & 1;
            long bq = (q >>> i) & 1;
            if (bp != bq) {
                return bp < bq;
            }
        }
        return dp < dq;
    }

    private static Optional<String> firstUnfinished(Node root) {
        Deque<Node> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            Node n = stack.pop();
            if (n instanceof Unfinished u) {
                return Optional.of(u.why());
            }
            if (n instanceof Split s) {
                stack.push(s.right());
                stack.push(s.left());
            }
        }
        return Optional.empty();
    }

    private static SplitTree encode(Node root) {
        IntList order = new IntList();
        DoubleList bounds = new DoubleList();
        Deque<Node> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            Node n = stack.pop();
            if (n instanceof Leaf l) {
                order.add(-1);
                bounds.add(l.bound());
            } else if (n instanceof Split s) {
                order.add(s.dim());
                stack.push(s.right());
                stack.push(s.left());
            }
        }
        return new SplitTree(order.toArray(), bounds.toArray());
    }

    private static final class IntList {
        private int[] v = new int[64];
        private int n;

        void add(int x) {
            if (n == v.length) {
                v = java.util.Arrays.copyOf(v, 2 * n);
            }
            v[n++] = x;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(v, n);
        }
    }

    private static final class DoubleList {
        private double[] v = new double[64];
        private int n;

        void add(double x) {
            if (n == v.length) {
                v = java.util.Arrays.copyOf(v, 2 * n);
            }
            v[n++] = x;
        }

        double[] toArray() {
            return java.util.Arrays.copyOf(v, n);
        }
    }
}
