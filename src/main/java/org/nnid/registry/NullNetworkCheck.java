package org.nnid.registry;

import org.nnid.activation.Formula;
import org.nnid.activation.PiecewiseLinear;

import org.nnid.theory.Incoming;
import org.nnid.theory.NormalForm;
import org.nnid.theory.NullFreeness;
import org.nnid.theory.Theory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.nnid.exact.ZeroDecision;
import org.nnid.exact.ZeroTests;
import org.nnid.net.Evaluator;
import org.nnid.net.Network;
import org.nnid.scalar.Interval;
import org.nnid.scalar.Scalar;
import org.nnid.symbolic.NetworkExpressions;
import org.nnid.registry.VerificationReport.Fact;
import org.nnid.registry.VerificationReport.Kind;
import org.nnid.registry.VerificationReport.Status;

/**
 * Checks a declared null network (docs/math.md §4.1): a reduced network with at least one hidden node
 * whose function is identically zero.
 *
 * <ul>
 *   <li>Reduced: no hidden node without incoming edges (R1), none without outgoing edges (R2), and
 *       no two hidden nodes with the same predecessors whose incoming vectors lie in one S_ρ-orbit
 *       (R3), decided by comparing normal forms.</li>
 *   <li>⟨A⟩ ≡ 0, refuted rigorously: an interval enclosure of an output that excludes 0 at some
 *       point is a proof that the network is not null.</li>
 *   <li>⟨A⟩ ≡ 0, proved: exactly for piecewise-linear ρ and one input, and for affine ρ and any
 *       number of inputs ({@link ZeroTests}, docs/math.md §6); otherwise by Symja on the network's
 *       expression.</li>
 * </ul>
 */
public final class NullNetworkCheck {
    private NullNetworkCheck() {}

    /**
     * Checks a network found outside a theory file (by the null-network search) exactly as
     * {@code nnid theory verify} checks a declared one: reduced, not refuted, proved if possible.
     */
    public static Fact check(Theory theory, String name, Network net, java.time.Duration limit) {
        return check(theory, theory.normalForm(), new NullFreeness.NullNetwork(name, () -> net),
                new SymbolicProver(limit), TheoryVerifier.Options.defaults().seed());
    }

    /** Why the network is not reduced under the normal form (R1–R3 apply), if it is not. */
    public static Optional<String> whyNotReduced(Network net, NormalForm nf) {
        return notReduced(net, nf);
    }

    /**
     * @param nf         the normal form used for R3 (the theory's, or the identity when the
     *                   theory's did not verify: then only plain clones are detected)
     * @param prover     Symja with a time limit, or null for numeric checks only
     */
    static Fact check(Theory theory, NormalForm nf, NullFreeness.NullNetwork nn, SymbolicProver prover, long seed) {
        Claim subject = new Claim.NullNetwork(nn.file());
        Network net = nn.network();
        Optional<String> notReduced = notReduced(net, nf);
        if (notReduced.isPresent()) {
            return new Fact(subject, Status.FAILED, "is not reduced: " + notReduced.get());
        }
        String reducedNote = "reduced (R1–R3 do not apply; clones judged by the normal form "
                + nf.rule() + ")";

        // Rigorous refutation first: a nonzero value proves the claim false.
        Numeric numeric = numeric(net, seed);
        if (numeric.counterexample != null) {
            return new Fact(subject, Status.FAILED, "is not null: " + numeric.counterexample);
        }

        if (net.isExact()) {
            Optional<PiecewiseLinear> rho = theory.instantiatedDefinition().toPiecewiseLinear("t", Map.of());
            if (rho.isPresent() && (net.inputCount() == 1 || rho.get().isAffine())) {
                ZeroDecision zero = ZeroTests.decide(net, theory, prover == null ? ZeroTests.DEFAULT_LIMIT : prover.limit());
                if (zero.isZero()) {
                    return new Fact(subject, Status.PROVED_EXACTLY, reducedNote + "; ⟨A⟩ ≡ 0 by "
                            + zero.method() + ": " + zero.evidence());
                }
                if (zero.isNonzero()) {
                    return new Fact(subject, Status.FAILED, "is not null: " + zero.evidence());
                }
            }
            if (prover != null) {
                SymbolicProver.Result r = null;
                for (int k = 0; k < net.outputCount(); k++) {
                    r = prover.proveZero(Formula.parse(NetworkExpressions.toSymja(net, k)), "", List.of());
                    if (!r.proved()) {
                        break;
                    }
                }
                if (r != null && r.proved()) {
                    return new Fact(subject, Status.PROVED_SYMBOLICALLY, reducedNote
                            + "; ⟨A⟩ ≡ 0 by Symja (" + r.method() + " of the network's expression); " + numeric.summary);
                }
                if (r != null && r.outcome() == SymbolicProver.Outcome.TIMED_OUT) {
                    return new Fact(subject, Status.TIMED_OUT_NUMERIC_ONLY, reducedNote + "; "
                            + r.method() + "; " + numeric.summary);
                }
            }
        }
        return new Fact(subject, Status.CHECKED_NUMERICALLY, reducedNote + "; " + numeric.summary
                + (net.isExact() ? "" : " (the network has double weights, so no exact or symbolic proof is attempted)"));
    }

    // ------------------------------------------------------------------------------ reducedness

    static Optional<String> notReduced(Network net, NormalForm nf) {
        if (net.hiddenCount() == 0) {
            return Optional.of("it has no hidden node");
        }
        boolean[] feeds = new boolean[net.nodeCount()];
        for (int v = net.inputCount(); v < net.nodeCount(); v++) {
            for (int u : net.incoming(v).keySet()) {
                feeds[u] = true;
            }
        }
        Map<List<Integer>, List<Integer>> byPredecessors = new HashMap<>();
        for (int v = net.inputCount(); v < net.nodeCount(); v++) {
            if (!net.isHidden(v)) {
                continue;
            }
            if (net.incoming(v).isEmpty()) {
                return Optional.of("hidden node " + net.id(v) + " has no incoming edge (R1 applies)");
            }
            if (!feeds[v]) {
                return Optional.of("hidden node " + net.id(v) + " has no outgoing edge (R2 applies)");
            }
            byPredecessors.computeIfAbsent(new ArrayList<>(net.incoming(v).keySet()), k -> new ArrayList<>()).add(v);
        }
        for (List<Integer> group : byPredecessors.values()) {
            for (int i = 0; i < group.size(); i++) {
                for (int j = i + 1; j < group.size(); j++) {
                    int v = group.get(i);
                    int w = group.get(j);
                    if (nf.normalise(incoming(net, v)).normal().sameValues(nf.normalise(incoming(net, w)).normal())) {
                        return Optional.of("hidden nodes " + net.id(v) + " and " + net.id(w)
                                + " are clones under the symmetry group (R3 applies)");
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Incoming incoming(Network net, int v) {
        return new Incoming(new ArrayList<>(net.incoming(v).values()), net.bias(v));
    }

    // ------------------------------------------------------------------------------ numerics

    private record Numeric(String counterexample, String summary) {}

    /**
     * Rigorous enclosures of the outputs at sample points when the activation has a sound interval
     * extension (an enclosure without 0 refutes the claim); otherwise double evaluation, where only
     * a value far above rounding (1e-6 relative to the size of the terms) counts as a refutation.
     */
    private static Numeric numeric(Network net, long seed) {
        List<double[]> points = points(net.inputCount(), seed);
        boolean rigorous = true;
        int count = 0;
        for (double[] x : points) {
            Interval[] y;
            try {
                y = Evaluator.enclose(net, x);
            } catch (UnsupportedOperationException e) {
                rigorous = false;
                break;
            }
            count++;
            for (int k = 0; k < y.length; k++) {
                if (!y[k].contains(0)) {
                    return new Numeric("at x = " + TheoryVerifier.point(x) + " output " + net.id(net.outputNode(k))
                            + " lies in " + y[k] + " (rigorous interval enclosure)", null);
                }
            }
        }
        if (rigorous) {
            return new Numeric(null, "interval enclosures of the outputs contain 0 at " + count + " points");
        }
        count = 0;
        for (double[] x : points) {
            double[] scale = new double[net.outputCount()];
            double[] y = forward(net, x, scale);
            count++;
            for (int k = 0; k < y.length; k++) {
                if (Double.isFinite(y[k]) && Math.abs(y[k]) > TheoryVerifier.COUNTEREXAMPLE * (1 + scale[k])) {
                    return new Numeric("at x = " + TheoryVerifier.point(x) + " output " + net.id(net.outputNode(k)) + " is "
                            + TheoryVerifier.num(y[k]) + " (double arithmetic; the terms are of size "
                            + TheoryVerifier.num(scale[k]) + ")", null);
                }
            }
        }
        return new Numeric(null, "outputs vanish within 1e-9 relative to the terms at " + count
                + " points (double arithmetic: the activation has no rigorous interval extension)");
    }

    /** Double forward pass that also returns, per output, Σ|ω·h| + |θ| (the size rounding is relative to). */
    private static double[] forward(Network net, double[] x, double[] scale) {
        double[] h = new double[net.nodeCount()];
        double[] size = new double[net.nodeCount()];
        System.arraycopy(x, 0, h, 0, x.length);
        for (int v = net.inputCount(); v < net.nodeCount(); v++) {
            double p = net.bias(v).toDouble();
            double s = Math.abs(p);
            for (Map.Entry<Integer, Scalar> e : net.incoming(v).entrySet()) {
                double term = e.getValue().toDouble() * h[e.getKey()];
                p += term;
                s += Math.abs(term);
            }
            h[v] = net.isHidden(v) || net.outputActivation() ? net.activation().apply(p) : p;
            size[v] = s;
        }
        double[] y = new double[net.outputCount()];
        for (int k = 0; k < y.length; k++) {
            y[k] = h[net.outputNode(k)];
            scale[k] = size[net.outputNode(k)];
        }
        return y;
    }

    private static List<double[]> points(int dims, long seed) {
        Random r = new Random(seed);
        double[] fixed = {0, 0.7, -0.7, 1.3, -2.9, 5, -10.5, 30, -1000};
        List<double[]> out = new ArrayList<>();
        for (double f : fixed) {
            double[] x = new double[dims];
            for (int i = 0; i < dims; i++) {
                x[i] = i == 0 ? f : Math.round((r.nextDouble() * 12 - 6) * 1000) / 1000.0;
            }
            out.add(x);
        }
        for (int n = 0; n < 31; n++) {
            double[] x = new double[dims];
            for (int i = 0; i < dims; i++) {
                x[i] = Math.round((r.nextDouble() * 16 - 8) * 1000) / 1000.0;
            }
            out.add(x);
        }
        return out;
    }
}
