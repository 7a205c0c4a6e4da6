package org.nnid.exact;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.commons.math3.fraction.BigFraction;
import org.nnid.activation.PiecewiseLinear;
import org.nnid.net.Network;

/**
 * Is a piecewise-linear network (relu, leaky relu, abs, hardtanh, identity: any continuous
 * piecewise-linear ρ with rational knots and slopes) with rational weights identically 0 on a box,
 * or on all of ℝⁿ? Any depth, any number of inputs (docs/math.md §6). One hidden layer is decided by
 * grouping hyperplanes ({@link ShallowReluZero}); deeper networks by covering the box with linear
 * regions ({@link RegionCover}), all of ℝⁿ through the homogenised network on [−1, 1]ⁿ × [0, 1]
 * ({@link ReluNet#of}).
 *
 * @param decision what was decided (ZERO, NONZERO, or NOT_APPLICABLE when the search ran out)
 * @param witness  for NONZERO, a point where an output is exactly not 0
 * @param tree     the region certificate of a ZERO decided by regions
 * @param net      the network the tree speaks of (relu units, homogenised for ℝⁿ)
 * @param box      the box the tree covers
 */
public record PiecewiseLinearDecision(ZeroDecision decision, Optional<List<BigFraction>> witness,
        Optional<RegionTree> tree, Optional<ReluNet> net, Optional<ExactBox> box) {

    /** Decisions a region cover may take before it gives up. */
    static final int MAX_DECISIONS = 2_000_000;

    /**
     * @param rho    ρ as an exact piecewise-linear function
     * @param domain the box, or empty for all of ℝⁿ
     */
    public static PiecewiseLinearDecision decide(Network net, PiecewiseLinear rho, Optional<ExactBox> domain,
            Duration limit) {
        Optional<ReluNet> plain = ReluNet.of(net, rho, false);
        if (plain.isEmpty()) {
            return notApplicable("none", "a weight or bias is not rational");
        }
        if (domain.isPresent() && !domain.get().hasInterior()) {
            return notApplicable("none", "the box has no interior");
        }
        if (plain.get().isShallow()) {
            ShallowReluZero.Outcome o = ShallowReluZero.decide(plain.get(), domain);
            if (o.zero()) {
                return new PiecewiseLinearDecision(ZeroDecision.zero(ShallowReluZero.METHOD, o.detail(), o.data()), Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty());
            }
            return o.witness().isPresent()
                    ? nonzero(ShallowReluZero.METHOD, o.detail(), o.witness().get())
                    : notApplicable(ShallowReluZero.METHOD, o.detail() + ", but no point showing it was found");
        }
        long deadline = System.nanoTime() + limit.toNanos();
        if (domain.isPresent()) {
            RegionCover.Outcome o = new RegionCover(plain.get(), domain.get(), deadline, MAX_DECISIONS).run();
            return fromRegions(o, plain.get(), domain.get(), x -> x);
        }
        ReluNet homogeneous = ReluNet.of(net, rho, true).orElseThrow();
        int n = net.inputCount();
        ExactBox cone = cone(n);
        RegionCover.Outcome o = new RegionCover(homogeneous, cone, deadline, MAX_DECISIONS).run();
        // a witness (X, s) of g with s > 0 is the witness X/s of f, since g(X, s) = s·f(X/s)
        return fromRegions(o, homogeneous, cone, xs -> {
            BigFraction[] x = new BigFraction[n];
            for (int j = 0; j < n; j++) {
                x[j] = xs[j].divide(xs[n]);
            }
            return x;
        });
    }

    /** Whether every hidden node reads inputs only: one hidden layer, decided without LP. */
    public static boolean isShallow(Network net) {
        for (int v = net.inputCount(); v < net.nodeCount(); v++) {
            if (net.isHidden(v) || net.outputActivation()) {
                for (int src : net.incoming(v).keySet()) {
                    if (!net.isInput(src)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    public static final String REGION_METHOD = "linear-region cover with exact LP certificates (docs/math.md §6)";

    private static PiecewiseLinearDecision fromRegions(RegionCover.Outcome o, ReluNet net, ExactBox box,
            java.util.function.UnaryOperator<BigFraction[]> toInput) {
        return switch (o.status()) {
            case ZERO -> new PiecewiseLinearDecision(ZeroDecision.zero(REGION_METHOD, o.detail()), Optional.empty(),
                    Optional.of(o.tree()), Optional.of(net), Optional.of(box));
            case NONZERO -> nonzero(REGION_METHOD, o.detail(), toInput.apply(o.witness().orElseThrow()));
            case UNDECIDED -> notApplicable(REGION_METHOD, o.detail());
        };
    }

    private static PiecewiseLinearDecision nonzero(String method, String detail, BigFraction[] x) {
        return new PiecewiseLinearDecision(ZeroDecision.nonzero(method, detail), Optional.of(List.of(x)),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static PiecewiseLinearDecision notApplicable(String method, String reason) {
        return new PiecewiseLinearDecision(ZeroDecision.notApplicable(method, reason), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /**
     * Re-checks a ZERO without the search: the region tree is replayed in exact arithmetic on the
     * network written with relu units (homogenised when the claim is about all of ℝⁿ); a claim with
     * no tree is about one hidden layer, whose grouping is recomputed (it is a direct calculation),
     * and its hyperplanes and totals must be the {@code stated} data unless none is stated.
     * Empty when the claim holds, else what fails.
     */
    public static Optional<String> check(Network net, PiecewiseLinear rho, Optional<ExactBox> box,
            Optional<RegionTree> tree, ZeroData stated) {
        if (tree.isEmpty()) {
            Optional<ReluNet> plain = ReluNet.of(net, rho, false);
            if (plain.isEmpty() || !plain.get().isShallow()) {
                return Optional.of("without a region tree the claim needs one hidden layer of rational weights");
            }
            ShallowReluZero.Outcome o = ShallowReluZero.decide(plain.get(), box);
            if (!o.zero()) {
                return Optional.of("the hyperplane grouping says: " + o.detail());
            }
            return stated.isEmpty() ? Optional.empty()
                    : stated.firstDifference(o.data()).map(d -> "the recomputed grouping differs from the saved data: " + d);
        }
        boolean homogenise = box.isEmpty();
        Optional<ReluNet> relu = ReluNet.of(net, rho, homogenise);
        if (relu.isEmpty()) {
            return Optional.of("a weight or bias is not rational");
        }
        ExactBox region = box.orElseGet(() -> cone(net.inputCount()));
        return RegionTree.check(tree.get(), relu.get(), region);
    }

    /** [−1, 1]ⁿ × [0, 1], where the homogenised network is examined. */
    private static ExactBox cone(int n) {
        List<BigFraction> lo = new ArrayList<>();
        List<BigFraction> hi = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            lo.add(BigFraction.MINUS_ONE);
            hi.add(BigFraction.ONE);
        }
        lo.add(BigFraction.ZERO);
        hi.add(BigFraction.ONE);
        return new ExactBox(lo, hi);
    }
}
