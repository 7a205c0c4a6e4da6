package org.nnid.theory;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.nnid.scalar.DoubleScalar;
import org.nnid.scalar.Rational;
import org.nnid.scalar.Scalar;
import org.nnid.scalar.Symbolic;

/**
 * The normal form NF_ρ of docs/math.md §5: a rule that picks one representative of each S_ρ-orbit of a
 * node's incoming vector (w, θ) and returns the group element that takes (w, θ) there. The
 * canonical form applies it at every node (move M2).
 *
 * <p>Each rule is a named kind with its group elements taken from the theory file, so the facts
 * stay in {@code theories/} and the Java is the algorithm only. Rules use {@link Scalar}
 * arithmetic: exact data stays exact (rationals never reach Symja; biases in ℚ·π do, for the
 * floor of θ/π), and double data is normalised in double arithmetic.
 *
 * <p>Every rule decides from three things only ({@link #decide}): the first nonzero weight, the
 * bias, and whether (w, θ) is exact; the representative's weights are then a·w. So a row of a
 * double network is normalised from two numbers, whatever its width: the fast path of the
 * rewriter relies on this.
 *
 * <p>A rule must be <em>sound</em> (the element it returns is in S_ρ and maps (w, θ) to the result),
 * <em>idempotent</em>, and <em>constant on orbits</em>; {@link TheoryVerifier} checks all three on
 * random exact data before the engine uses it.
 */
public sealed interface NormalForm {

    /** The representative and the element s with s·(w, θ) = representative. */
    record Result(Incoming normal, SymmetryElement element) {}

    /**
     * What a rule decides: the element g to apply, and how the bias gets to the representative's.
     * {@code steppedBias} is that bias when the rule reached it step by step (a shift into
     * [0, P) checked after rounding), which may differ from a·θ + b in its last bits; null when
     * it is a·θ + b, computed after the weights as {@link SymmetryElement#apply} does.
     */
    record Decision(SymmetryElement element, Scalar steppedBias) {
        private static final Decision UNCHANGED = new Decision(SymmetryElement.identity(), null);

        /** (w, θ) is its own representative. */
        public static Decision unchanged() {
            return UNCHANGED;
        }

        /** The representative is g·(w, θ). */
        public static Decision applying(SymmetryElement g) {
            return new Decision(g, null);
        }

        /** Whether (w, θ) is left exactly as it is (not even multiplied by 1). */
        public boolean leavesAsItIs() {
            return element == SymmetryElement.identity() && steppedBias == null;
        }

        /** The representative's bias for a node of bias θ. */
        public Scalar bias(Scalar theta) {
            return steppedBias != null ? steppedBias : leavesAsItIs() ? theta : element.applyToBias(theta);
        }
    }

    /**
     * The normal-form contract: the decision for every (w, θ) whose first nonzero weight is
     * {@code firstNonzeroWeight} (null when every weight is 0) and whose bias is {@code bias};
     * {@code exact} says whether all of (w, θ) is exact (exact data is normalised exactly). No
     * other weight is looked at.
     */
    Decision decide(Scalar firstNonzeroWeight, Scalar bias, boolean exact);

    /**
     * NF_ρ(w, θ): the {@link #decide decision} applied to all of (w, θ), the weights before the
     * bias as {@link SymmetryElement#apply} computes them (so a value that is not finite is
     * reported as there).
     */
    default Result normalise(Incoming in) {
        Decision d = decide(in.firstNonzeroWeight(), in.bias(), in.isExact());
        if (d.leavesAsItIs()) {
            return new Result(in, d.element());
        }
        List<Scalar> w = new ArrayList<>(in.weights().size());
        for (Scalar x : in.weights()) {
            w.add(d.element().a().multiply(x));
        }
        return new Result(new Incoming(w, d.bias(in.bias())), d.element());
    }

    /** The rule's name in theory files. */
    String rule();

    /** One sentence saying what the rule does. */
    String describe();

    static NormalForm identity() {
        return new Identity();
    }

    // ------------------------------------------------------------------------------ rules

    /** Trivial S_ρ (or no usable group): every (w, θ) is its own representative. */
    record Identity() implements NormalForm {
        @Override
        public Decision decide(Scalar firstNonzeroWeight, Scalar bias, boolean exact) {
            return Decision.unchanged();
        }

        @Override
        public String rule() {
            return "identity";
        }

        @Override
        public String describe() {
            return "identity: every (w, θ) is its own normal form";
        }
    }

    /**
     * S_ρ = {id, flip} with flip an involution acting as (w, θ) ↦ (−w, −θ + b): if the first
     * significant entry is negative, apply the flip (tanh, logistic, arctan, erf; docs/math.md §5).
     */
    record FlipFirstSignificant(SymmetryElement flip) implements NormalForm {
        public FlipFirstSignificant {
            if (!Incoming.sameValue(flip.a(), Rational.of(-1)) || !ScalarOps.isZero(flip.b())) {
                throw new IllegalArgumentException("the flip must act on (w, θ) as (w, θ) ↦ (−w, −θ): a = -1, b = 0; got "
                        + flip);
            }
        }

        @Override
        public Decision decide(Scalar firstNonzeroWeight, Scalar bias, boolean exact) {
            Scalar s = Incoming.firstSignificant(firstNonzeroWeight, bias);
            return s != null && ScalarOps.signum(s) < 0 ? Decision.applying(flip) : Decision.unchanged();
        }

        @Override
        public String rule() {
            return "flip_first_significant";
        }

        @Override
        public String describe() {
            return "if the first nonzero entry of (w, θ) is negative, apply " + flip;
        }
    }

    /**
     * A scaling family (λ, 0, c(λ), 0): λ = 1/|s| ({@code positive}, for λ &gt; 0 as in ReLU) or
     * λ = 1/s (abs, tⁿ), s the first significant entry, so that entry becomes 1 or ±1.
     */
    record ScaleFirstSignificant(SymmetryFamily family, String scale, boolean positive) implements NormalForm {
        @Override
        public Decision decide(Scalar firstNonzeroWeight, Scalar bias, boolean exact) {
            Scalar s = Incoming.firstSignificant(firstNonzeroWeight, bias);
            if (s == null) {
                return Decision.unchanged();
            }
            Scalar lambda = Scalar.ONE.divide(positive && ScalarOps.signum(s) < 0 ? s.negate() : s);
            return Decision.applying(family.instantiate(Map.of(scale, lambda)));
        }

        @Override
        public String rule() {
            return "scale_first_significant";
        }

        @Override
        public String describe() {
            return "apply " + family.elementText() + " with " + scale + " = " + (positive ? "1/|s|" : "1/s")
                    + ", s the first nonzero entry of (w, θ)";
        }
    }

    /**
     * A translation family (1, b, c(b), d(b)): b = −θ, so the bias becomes 0 (exp; docs/math.md §5).
     * When the element cannot be represented (for exp, e^(−θ) beyond the double range, |θ| above
     * about 709) the node is left as it is: sound, but such nodes are not identified.
     */
    record ZeroBias(SymmetryFamily family, String shift) implements NormalForm {
        @Override
        public Decision decide(Scalar firstNonzeroWeight, Scalar bias, boolean exact) {
            try {
                return Decision.applying(family.instantiate(Map.of(shift, bias.negate())));
            } catch (IllegalArgumentException | ArithmeticException unrepresentable) {
                return Decision.unchanged();
            }
        }

        @Override
        public String rule() {
            return "zero_bias";
        }

        @Override
        public String describe() {
            return "apply " + family.elementText() + " with " + shift + " = −θ, so that θ = 0";
        }
    }

    /**
     * A two-parameter affine family (a, b, ·, ·) acting as (w, θ) ↦ (a·w, a·θ + b): a = 1/s for
     * the first nonzero weight s (1 without weights), b = −a·θ; the representative has first
     * weight 1 and bias 0 (the identity nonlinearity, whose group is all (a, b, a, b)).
     */
    record ScaleAndZeroBias(SymmetryFamily family, String scale, String shift) implements NormalForm {
        @Override
        public Decision decide(Scalar firstNonzeroWeight, Scalar bias, boolean exact) {
            Scalar a = firstNonzeroWeight == null ? Scalar.ONE : Scalar.ONE.divide(firstNonzeroWeight);
            Scalar b = a.multiply(bias).negate();
            return Decision.applying(family.instantiate(Map.of(scale, a, shift, b)));
        }

        @Override
        public String rule() {
            return "scale_and_zero_bias";
        }

        @Override
        public String describe() {
            return "apply " + family.elementText() + " with " + scale + " = 1/(first nonzero weight) and " + shift
                    + " = −" + scale + "·θ, so that the first nonzero weight is 1 and θ = 0";
        }
    }

    /**
     * A reflection and a translation group (sin, cos, the meromorphic example; docs/math.md §5): make
     * the first nonzero weight positive with {@code flip}, then bring θ into [0, P) with
     * shift(k) = (1, k·P, ·, ·), P the period. Without weights the reflection is still free, and θ
     * is brought into [0, P/2].
     */
    record FlipThenShift(SymmetryElement flip, SymmetryFamily shiftFamily, String shift) implements NormalForm {

        /** Periods by rule, computed exactly on first use (π needs Symja; reading a theory must not). */
        private static final Map<FlipThenShift, Scalar> PERIODS = new java.util.concurrent.ConcurrentHashMap<>();

        /**
         * @throws IllegalArgumentException unless flip has a = -1, b = 0, and the shift family has
         *                                  a = 1 and a positive period P = b at {@code shift} = 1
         */
        public FlipThenShift {
            if (!Incoming.sameValue(flip.a(), Rational.of(-1)) || !ScalarOps.isZero(flip.b())) {
                throw new IllegalArgumentException("the flip must have a = -1 and b = 0; got " + flip);
            }
            Map<String, Double> one = Map.of(shift, 1.0);
            if (shiftFamily.element().get(0).evaluate(one) != 1) {
                throw new IllegalArgumentException("the shift must have a = 1; at " + shift + " = 1 it has a = "
                        + shiftFamily.element().get(0));
            }
            if (!(shiftFamily.element().get(1).evaluate(one) > 0)) {
                throw new IllegalArgumentException("the shift's period (its b at " + shift + " = 1) must be positive");
            }
        }

        public static FlipThenShift of(SymmetryElement flip, SymmetryFamily shiftFamily, String shift) {
            return new FlipThenShift(flip, shiftFamily, shift);
        }

        /** The period P: the shift's b at {@code shift} = 1. */
        public Scalar period() {
            return PERIODS.computeIfAbsent(this, r -> r.shiftFamily.instantiate(Map.of(r.shift, Scalar.ONE)).b());
        }

        private SymmetryElement shiftBy(BigInteger k, boolean exact) {
            Scalar kk = exact ? Rational.of(k, BigInteger.ONE) : Scalar.of(k.doubleValue());
            return shiftFamily.instantiate(Map.of(shift, kk));
        }

        @Override
        public Decision decide(Scalar firstNonzeroWeight, Scalar bias, boolean exact) {
            SymmetryElement g = SymmetryElement.identity();
            Scalar theta = bias;
            if (firstNonzeroWeight != null && ScalarOps.signum(firstNonzeroWeight) < 0) {
                g = flip;
                theta = flip.applyToBias(theta);
            }
            Scalar period = period();
            SymmetryElement h = shiftBy(floor(theta, period).negate(), exact);
            theta = h.applyToBias(theta);
            g = h.compose(g);
            if (!exact) { // rounding may leave θ just outside [0, P)
                for (int i = 0; i < 2 && ScalarOps.signum(theta) < 0; i++) {
                    h = shiftBy(BigInteger.ONE, false);
                    theta = h.applyToBias(theta);
                    g = h.compose(g);
                }
                for (int i = 0; i < 2 && theta.compareValue(period) >= 0; i++) {
                    h = shiftBy(BigInteger.ONE.negate(), false);
                    theta = h.applyToBias(theta);
                    g = h.compose(g);
                }
            }
            if (firstNonzeroWeight == null && theta.add(theta).compareValue(period) > 0) {
                // θ ∈ (P/2, P): the reflection and one shift give P − θ ∈ (0, P/2).
                h = shiftBy(BigInteger.ONE, exact).compose(flip);
                theta = h.applyToBias(theta);
                g = h.compose(g);
            }
            return new Decision(g, theta);
        }

        /** ⌊θ/P⌋, exactly for exact data (deciding near-integers with the exact comparison). */
        static BigInteger floor(Scalar theta, Scalar period) {
            Scalar q = theta.divide(period);
            if (q instanceof Rational r) {
                return r.numerator().divide(r.denominator()).subtract(
                        ScalarOps.signum(r) < 0 && !r.isInteger() ? BigInteger.ONE : BigInteger.ZERO);
            }
            if (q instanceof DoubleScalar d) {
                return BigDecimal.valueOf(Math.floor(d.value())).toBigInteger();
            }
            // From a decimal enclosure: a double one is too coarse past 2^53 (θ = 10^16·π + 1/3).
            return ((Symbolic) q).floor();
        }

        @Override
        public String rule() {
            return "flip_then_shift";
        }

        @Override
        public String describe() {
            return "make the first nonzero weight positive with " + flip + ", then bring θ into [0, P) with "
                    + shiftFamily.elementText() + ", P = " + shiftFamily.element().get(1) + " at " + shift
                    + " = 1 (into [0, P/2] when there are no weights)";
        }
    }
}
