package org.nnid.stability;

import java.util.List;
import java.util.Optional;

import org.nnid.net.Evaluator;
import org.nnid.scalar.Interval;
import org.nnid.scalar.Scalar;

/**
 * One robustness question: a classifier (network and {@link Decision}), a point x₀ given exactly,
 * its class (proved by interval evaluation), and a norm. The minimal adversarial distance is
 * d* = inf { ‖x − x₀‖ : class(x) ≠ class(x₀) } over all of ℝⁿ.
 */
public record Problem(Mlp mlp, Decision decision, Scalar[] x0, int cls, Norm norm) {

    /**
     * The question at x₀, or empty when interval evaluation at x₀ does not prove its class (x₀ on or
     * within rounding of the decision boundary).
     */
    public static Optional<Problem> at(Mlp mlp, Decision decision, Scalar[] x0, Norm norm) {
        if (x0.length != mlp.inputs()) {
            throw new IllegalArgumentException("the network has " + mlp.inputs() + " inputs, but the point has "
                    + x0.length + " coordinates");
        }
        return decision.provedClass(outputsAt(mlp, x0)).map(c -> new Problem(mlp, decision, x0.clone(), c, norm));
    }

    /** Rigorous enclosures of the outputs at an exact point. */
    public static Interval[] outputsAt(Mlp mlp, Scalar[] x) {
        Interval[] box = new Interval[x.length];
        for (int i = 0; i < x.length; i++) {
            box[i] = x[i].enclosure();
        }
        return Evaluator.enclose(mlp.network(), box);
    }

    public List<Decision.Margin> margins() {
        return decision.margins(cls, mlp.outputs());
    }

    /** x₀ rounded to doubles, for the searches. */
    public double[] centre() {
        double[] c = new double[x0.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = x0[i].toDouble();
        }
        return c;
    }

    /** The smallest margin at x in double arithmetic: negative means adversarial there. */
    double worstMargin(double[] x) {
        double[] y = mlp.forward(x);
        double m = Double.POSITIVE_INFINITY;
        for (Decision.Margin g : margins()) {
            m = Math.min(m, g.value(y));
        }
        return m;
    }

    /**
     * A witness x, if interval evaluation at x proves class(x) ≠ class(x₀); its distance is a
     * rigorous upper bound of ‖x − x₀‖, hence of d*.
     */
    public Optional<Witness> prove(double[] x) {
        Interval[] y = Evaluator.enclose(mlp.network(), x);
        if (!decision.provesOtherThan(y, cls)) {
            return Optional.empty();
        }
        return Optional.of(new Witness(x.clone(), norm.distanceUpper(x, x0), y));
    }

    /** An adversarial input whose class was proved different from class(x₀). */
    public record Witness(double[] x, double distance, Interval[] outputs) {}
}
