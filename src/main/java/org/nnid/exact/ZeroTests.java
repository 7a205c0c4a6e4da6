package org.nnid.exact;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.nnid.net.Evaluator;
import org.nnid.net.Network;
import org.nnid.scalar.Interval;
import org.nnid.scalar.Scalar;
import org.nnid.activation.PiecewiseLinear;
import org.nnid.theory.Theory;

/**
 * Exact decision of "is this network identically zero?" (docs/math.md §6), by the first procedure that
 * applies to its nonlinearity:
 * <ol>
 *   <li>ρ a polynomial in t (square, cube, identity): exact expansion, any depth ({@link PolynomialZero});</li>
 *   <li>ρ piecewise linear (relu, leaky relu, abs, hardtanh) and one input: breakpoints, any depth
 *       ({@link PiecewiseLinearZero});</li>
 *   <li>one hidden layer of a ρ whose theory file names its test ({@code exact_zero_test}): group
 *       sums (tanh, logistic), phasor sums (sin, cos) and exponential sums (exp) of the normalised
 *       units ({@link ShallowZero});</li>
 *   <li>anything else (softplus, gelu, deeper sin networks, …): NOT_APPLICABLE.</li>
 * </ol>
 * Networks with double weights are NOT_APPLICABLE: their differences are matters of tolerance,
 * which the exact procedures do not judge. ρ's definition, normal form and exact zero test come
 * from the theory the registry resolved (a built-in's facts CI verifies, {@code nnid theory verify}).
 */
public final class ZeroTests {
    /** The time limit of each Symja call when none is given. */
    public static final Duration DEFAULT_LIMIT = Duration.ofSeconds(5);

    private ZeroTests() {}

    /**
     * Decides whether every output of net is identically 0 on all of ℝ^m, exactly, with the facts
     * of the given theory of net's activation (the registry resolves it: {@code
     * TheoryRegistry.decideZero}), or says NOT_APPLICABLE.
     */
    public static ZeroDecision decide(Network net, Theory theory, Duration limit) {
        if (!net.isExact()) {
            return ZeroDecision.notApplicable("none", "the network has double weights; exact procedures need exact"
                    + " values (integers, fractions, multiples of Pi)");
        }
        for (ZeroProcedure p : PROCEDURES) {
            Optional<ZeroDecision> d = p.decide(net, theory, limit);
            if (d.isPresent()) {
                return d.get();
            }
        }
        return ZeroDecision.notApplicable("none", "no exact procedure applies to " + theory.name());
    }

    /**
     * The procedures, asked in order; the first that applies answers. Adding one is a class and a
     * line here.
     */
    static final List<ZeroProcedure> PROCEDURES = List.of(
            // ρ a polynomial in t: exact expansion, any depth
            (net, theory, limit) -> polynomial(theory).map(p -> PolynomialZero.decide(net, p, limit)),
            // ρ piecewise linear: breakpoints, one input, any depth
            (net, theory, limit) -> piecewiseLinear(theory).map(pl -> net.inputCount() == 1
                    ? PiecewiseLinearZero.decide(net, pl)
                    : ZeroDecision.notApplicable(PiecewiseLinearZero.METHOD, "the breakpoint analysis needs one"
                            + " input; this network has " + net.inputCount())),
            // one hidden layer, by the theory's exact_zero_test: group, phasor and exponential sums
            // (a NONZERO there rests on a theorem, so a concrete point is added when a simple one shows it)
            (net, theory, limit) -> Optional.of(ShallowZero.decide(net, theory, limit))
                    .map(d -> d.isNonzero() ? withWitness(net, d) : d));

    private static Optional<List<Scalar>> polynomial(Theory theory) {
        return theory.instantiatedDefinition().toPolynomial("t", Map.of());
    }

    private static Optional<PiecewiseLinear> piecewiseLinear(Theory theory) {
        return theory.instantiatedDefinition().toPiecewiseLinear("t", Map.of());
    }

    /**
     * Adds a concrete point where an output's rigorous interval enclosure excludes 0, when one of
     * a few simple points shows it: a check of a NONZERO verdict that needs no theorem.
     */
    private static ZeroDecision withWitness(Network net, ZeroDecision d) {
        double[] values = {0, 1, -1, 0.5, 2, -2, 3, -0.5};
        for (double a : values) {
            double[] x = new double[net.inputCount()];
            for (int i = 0; i < x.length; i++) {
                x[i] = i == 0 ? a : values[(i * 3 + 1) % values.length];
            }
            Interval[] y;
            try {
                y = Evaluator.enclose(net, x);
            } catch (UnsupportedOperationException e) {
                return d;
            }
            for (int k = 0; k < y.length; k++) {
                if (!y[k].contains(0)) {
                    List<String> at = new ArrayList<>();
                    for (int i = 0; i < x.length; i++) {
                        at.add(net.inputNames().get(i) + " = " + Scalar.of(x[i]).toText());
                    }
                    return new ZeroDecision(d.verdict(), d.method(), d.evidence() + "; witness: at "
                            + String.join(", ", at) + " output " + net.id(net.outputNode(k)) + " lies in " + y[k]
                            + " (rigorous interval enclosure)", d.data());
                }
            }
        }
        return d;
    }
}
