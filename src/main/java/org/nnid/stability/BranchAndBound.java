package org.nnid.stability;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.PriorityQueue;

import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NoFeasibleSolutionException;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.nnid.scalar.Interval;

/**
 * The minimal ℓ∞ adversarial distance of a small ReLU network with any number of inputs, by
 * branch and bound over ReLU phases: each node is a linear program (minimise t subject to
 * ‖x − x₀‖∞ ≤ t ≤ R, margin ≤ 0, fixed phases exactly, free unstable ReLUs by their triangle
 * relaxation over CROWN pre-activation bounds), whose value bounds d* from below on that branch;
 * a node whose LP point satisfies every ReLU is a point of the network, so its value is attained.
 * Best-first search stops when the best attained value and the least open bound meet (within
 * {@value #TOL}) or at the node limit, and says which.
 *
 * <p>The LPs are solved by Commons Math's dense {@link SimplexSolver} in floating point: already a
 * dependency, and adequate for the few dozen variables of the networks this is meant for. The
 * result is therefore exact only up to the solver's tolerance, not a proof; the output says so.
 */
public final class BranchAndBound {
    static final double TOL = 1e-7;

    /** Bounds on d* within radius R: {@code lower ≤ d* ≤ upper} (upper = ∞ when none found, then d* ≥ lower). */
    public record Result(double lower, double upper, int nodes, boolean solved, double[] point) {}

    private final Problem p;
    private final Mlp mlp;
    private final double radius;
    private final Interval[][] bounds;
    private final int hiddenStart;
    private final int[] offset;
    private final int vars;

    private BranchAndBound(Problem p, double radius) {
        this.p = p;
        this.mlp = p.mlp();
        this.radius = radius;
        this.bounds = LinearBounds.preActivations(p, radius);
        int n = mlp.inputs();
        hiddenStart = n + 1;
        offset = new int[mlp.depth()];
        int v = hiddenStart;
        for (int l = 1; l < mlp.depth(); l++) {
            offset[l] = v;
            v += mlp.size(l);
        }
        vars = v;
    }

    /**
     * d* within radius R for the ℓ∞ norm, searching at most {@code nodeLimit} LPs per margin.
     *
     * @throws IllegalArgumentException unless the network is ReLU and the norm ℓ∞
     */
    public static Result minimalDistance(Problem p, double radius, int nodeLimit) {
        if (!p.mlp().isRelu() || p.norm() != Norm.INF) {
            throw new IllegalArgumentException("branch and bound is implemented for ReLU networks and the inf-norm");
        }
        BranchAndBound bb = new BranchAndBound(p, radius);
        Result best = null;
        for (Decision.Margin g : p.margins()) {
            Result r = bb.solve(g, nodeLimit);
            best = best == null ? r : new Result(Math.min(best.lower, r.lower), Math.min(best.upper, r.upper),
                    best.nodes + r.nodes, best.solved && r.solved, r.upper < best.upper ? r.point : best.point);
        }
        return best;
    }

    private record Node(int[] phase, double value, double[] solution, long order) {}

    private Result solve(Decision.Margin margin, int nodeLimit) {
        PriorityQueue<Node> open = new PriorityQueue<>((a, b) -> a.value != b.value
                ? Double.compare(a.value, b.value) : Long.compare(a.order, b.order));
        long order = 0;
        int nodes = 0;
        double upper = Double.POSITIVE_INFINITY;
        double[] point = null;
        Node root = lp(margin, new int[vars], order++);
        nodes++;
        if (root != null) {
            open.add(root);
        }
        while (!open.isEmpty()) {
            Node node = open.poll();
            if (node.value >= upper - TOL) {
                open.clear();
                break;
            }
            int branch = mostViolated(node);
            if (branch < 0) {
                // the LP point satisfies every ReLU: a point of the network, on {margin ≤ 0}
                upper = node.value;
                point = java.util.Arrays.copyOf(node.solution, mlp.inputs());
                continue;
            }
            if (nodes + 2 > nodeLimit) {
                open.add(node);
                break;
            }
            for (int phase : new int[] {1, -1}) {
                int[] ph = node.phase.clone();
                ph[branch] = phase;
                Node child = lp(margin, ph, order++);
                nodes++;
                if (child != null && child.value < upper - TOL) {
                    open.add(child);
                }
            }
        }
        double lower = open.isEmpty() ? Math.min(upper, radius) : Math.min(upper, open.peek().value);
        return new Result(lower, upper, nodes, open.isEmpty(), point);
    }

    /** The free unstable ReLU whose LP value is furthest from relu(z), or -1 if all are exact. */
    private int mostViolated(Node node) {
        double worst = TOL;
        int arg = -1;
        for (int l = 1; l < mlp.depth(); l++) {
            for (int i = 0; i < mlp.size(l); i++) {
                int v = offset[l] + i;
                if (node.phase[v] != 0 || stable(l, i) != 0) {
                    continue;
                }
                double z = preActivation(l, i, node.solution);
                double gap = Math.abs(node.solution[v] - Math.max(0, z));
                if (gap > worst) {
                    worst = gap;
                    arg = v;
                }
            }
        }
        return arg;
    }

    private int stable(int l, int i) {
        return bounds[l][i].lo() >= 0 ? 1 : bounds[l][i].hi() <= 0 ? -1 : 0;
    }

    /** z_l,i as coefficients over the variables, with the constant last. */
    private double[] zRow(int l, int i) {
        double[] row = new double[vars + 1];
        int cols = mlp.size(l - 1);
        int from = l == 1 ? 0 : offset[l - 1];
        for (int j = 0; j < cols; j++) {
            row[from + j] = mlp.w[l - 1][i * cols + j];
        }
        row[vars] = mlp.b[l - 1][i];
        return row;
    }

    private double preActivation(int l, int i, double[] s) {
        double[] row = zRow(l, i);
        double z = row[vars];
        for (int k = 0; k < vars; k++) {
            z += row[k] * s[k];
        }
        return z;
    }

    private Node lp(Decision.Margin margin, int[] phase, long order) {
        int n = mlp.inputs();
        double[] x0 = p.centre();
        Collection<LinearConstraint> cs = new ArrayList<>();
        double[] t = unit(n);
        cs.add(new LinearConstraint(t, Relationship.GEQ, 0));
        cs.add(new LinearConstraint(t, Relationship.LEQ, radius));
        for (int i = 0; i < n; i++) {
            double[] lo = unit(i);
            lo[n] = 1;
            cs.add(new LinearConstraint(lo, Relationship.GEQ, x0[i]));   // x_i + t ≥ x₀_i
            double[] hi = unit(i);
            hi[n] = -1;
            cs.add(new LinearConstraint(hi, Relationship.LEQ, x0[i]));   // x_i − t ≤ x₀_i
        }
        for (int l = 1; l < mlp.depth(); l++) {
            for (int i = 0; i < mlp.size(l); i++) {
                int v = offset[l] + i;
                double[] z = zRow(l, i);
                double c = z[vars];
                double[] zc = java.util.Arrays.copyOf(z, vars);
                int ph = phase[v] != 0 ? phase[v] : stable(l, i);
                double[] a = unit(v);
                if (ph > 0) {
                    cs.add(new LinearConstraint(minus(a, zc), Relationship.EQ, c));    // a = z
                    cs.add(new LinearConstraint(zc, Relationship.GEQ, -c));            // z ≥ 0
                } else if (ph < 0) {
                    cs.add(new LinearConstraint(a, Relationship.EQ, 0));                // a = 0
                    cs.add(new LinearConstraint(zc, Relationship.LEQ, -c));            // z ≤ 0
                } else {
                    double lo = bounds[l][i].lo();
                    double s = bounds[l][i].hi() / (bounds[l][i].hi() - lo);
                    cs.add(new LinearConstraint(a, Relationship.GEQ, 0));               // a ≥ 0
                    cs.add(new LinearConstraint(minus(a, zc), Relationship.GEQ, c));   // a ≥ z
                    double[] chord = minus(a, times(zc, s));
                    cs.add(new LinearConstraint(chord, Relationship.LEQ, s * (c - lo))); // a ≤ s(z − l)
                }
            }
        }
        int last = mlp.depth() - 1;
        double[] m = new double[vars];
        double mc = margin.c().toDouble();
        int cols = mlp.size(last);
        int from = last == 0 ? 0 : offset[last];
        for (int k = 0; k < margin.a().length; k++) {
            if (margin.a()[k] != 0) {
                for (int j = 0; j < cols; j++) {
                    m[from + j] += margin.a()[k] * mlp.w[last][k * cols + j];
                }
                mc += margin.a()[k] * mlp.b[last][k];
            }
        }
        cs.add(new LinearConstraint(m, Relationship.LEQ, -mc));                         // margin ≤ 0
        try {
            PointValuePair sol = new SimplexSolver(1e-9, 10, 1e-12).optimize(new MaxIter(100_000),
                    new LinearObjectiveFunction(t, 0), new LinearConstraintSet(cs), GoalType.MINIMIZE,
                    new NonNegativeConstraint(false));
            return new Node(phase, sol.getValue(), sol.getPoint(), order);
        } catch (NoFeasibleSolutionException e) {
            return null;
        }
    }

    private double[] unit(int k) {
        double[] e = new double[vars];
        e[k] = 1;
        return e;
    }

    private static double[] minus(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int k = 0; k < a.length; k++) {
            d[k] = a[k] - b[k];
        }
        return d;
    }

    private static double[] times(double[] a, double s) {
        double[] d = new double[a.length];
        for (int k = 0; k < a.length; k++) {
            d[k] = a[k] * s;
        }
        return d;
    }
}
