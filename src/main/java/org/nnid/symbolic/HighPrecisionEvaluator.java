package org.nnid.symbolic;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.nnid.net.Block;
import org.nnid.net.Network;
import org.nnid.activation.DeclaredDomain;
import org.nnid.net.ActivationEvaluationException;
import org.nnid.scalar.DoubleScalar;
import org.nnid.scalar.Interval;
import org.nnid.scalar.Rational;
import org.nnid.scalar.Scalar;
import org.nnid.scalar.ScalarArray;
import org.nnid.scalar.Symbolic;

/**
 * Evaluates a network at an exact point to a requested number of significant digits
 * (docs/math.md §6: a witness ⟨N₁⟩(x) ≠ ⟨N₂⟩(x) proved "in high precision").
 *
 * <p>The network is evaluated node by node, never as one expression: pre-activations with
 * {@link BigDecimal} at a working precision, activations from the activation's own definition
 * {@link org.nnid.activation.Activation#symja()}, read by {@link org.nnid.activation.Formula}'s parser and
 * compiled once ({@link HighPrecisionDefinition}) to BigDecimal series (exp, tanh, sin, cos, erf),
 * apfloat (log, arctan, …) or, for anything else, Symja's arbitrary precision. Doubles
 * enter exactly ({@code new BigDecimal(double)}), rationals by division at the working precision,
 * closed-form constants by Symja's arbitrary precision. The working precision P is the requested
 * digits plus 10 + g guard digits, g starting at min(3·depth, 30) and growing fourfold while the two
 * runs below disagree on the requested digits, up to 3·depth.
 *
 * <p>Trust comes from doing it twice: at working precisions P and 2P. Per output the result
 * reports on how many leading significant digits the two agree. Caveat: when both runs give
 * exactly 0 the value is reported as 0 with full agreement; a true value that cancels to 0 at
 * both precisions (for example gelu far left, written as t·(1+erf(t/√2))/2) is not detected.
 * Piecewise definitions (Max, Min, Abs) choose their branch at the working precision.
 */
public final class HighPrecisionEvaluator {

    /**
     * @param values       per output, rounded to the requested significant digits
     * @param agreedDigits per output, the leading significant digits on which the evaluations at
     *                     P and 2P agree, ⌊−log₁₀(|v_P − v_2P| / |v_2P|)⌋ capped at P; at least the
     *                     requested digits when the result is trustworthy
     */
    public record Result(BigDecimal[] values, int[] agreedDigits) {
        /** The smallest agreement over the outputs. */
        public int minAgreedDigits() {
            int m = Integer.MAX_VALUE;
            for (int d : agreedDigits) {
                m = Math.min(m, d);
            }
            return m;
        }
    }

    /** Compiled activation definitions, by definition text. */
    private static final Map<String, HighPrecisionDefinition> DEFINITIONS = new ConcurrentHashMap<>();

    private HighPrecisionEvaluator() {}

    /**
     * The outputs at x to {@code digits} significant digits.
     *
     * @throws IllegalArgumentException if x has the wrong length or digits &lt; 1
     * @throws ArithmeticException      if the definition cannot be evaluated at some pre-activation
     *                                  (a division by zero, a logarithm of a non-positive number)
     */
    public static Result evaluate(Network net, Scalar[] x, int digits) {
        if (x.length != net.inputCount()) {
            throw new IllegalArgumentException("the network has " + net.inputCount() + " inputs, but the point has "
                    + x.length + " coordinates");
        }
        if (digits < 1) {
            throw new IllegalArgumentException("digits must be positive, got " + digits);
        }
        // Each level can lose a few digits to cancellation; the second run shows how many were lost.
        // The guard starts small and grows (x4) only while the two runs disagree, up to 3 digits a
        // level: a deep chain that loses nothing (10,000 levels of weight 1/2) stays at ~digits + 40.
        int fullGuard = 3 * net.depth();
        int guard = Math.min(fullGuard, 30);
        HighPrecisionDefinition rho = DEFINITIONS.computeIfAbsent(net.activation().symja(), HighPrecisionDefinition::new);
        while (true) {
            int p = digits + 10 + guard;
            BigDecimal[] low = new Run(net, rho, p).outputs(x);
            BigDecimal[] high = new Run(net, rho, 2 * p).outputs(x);
            BigDecimal[] values = new BigDecimal[low.length];
            int[] agreed = new int[low.length];
            MathContext out = new MathContext(digits, RoundingMode.HALF_EVEN);
            for (int k = 0; k < low.length; k++) {
                values[k] = high[k].round(out);
                agreed[k] = agreement(low[k], high[k], p);
            }
            Result r = new Result(values, agreed);
            if (r.minAgreedDigits() >= digits || guard >= fullGuard) {
                return r;
            }
            guard = (int) Math.min(fullGuard, 4L * guard);
        }
    }

    /** Leading significant digits on which a and b agree (b the more precise), at most cap. */
    static int agreement(BigDecimal a, BigDecimal b, int cap) {
        BigDecimal diff = a.subtract(b).abs();
        if (diff.signum() == 0) {
            return cap;
        }
        if (b.signum() == 0) {
            return 0;
        }
        int d = DecimalFunctions.exponent(b) - DecimalFunctions.exponent(diff);
        // exponents are floors of log10; fix the estimate with one exact comparison
        if (diff.scaleByPowerOfTen(d).compareTo(b.abs()) > 0) {
            d--;
        }
        return Math.max(0, Math.min(cap, d));
    }

    /** One evaluation at one working precision. */
    private static final class Run {
        private final Network net;
        private final HighPrecisionDefinition rho;
        private final int precision;
        private final MathContext mc;
        private final Map<String, BigDecimal> constants = new HashMap<>();

        Run(Network net, HighPrecisionDefinition rho, int precision) {
            this.net = net;
            this.rho = rho;
            this.precision = precision;
            this.mc = new MathContext(precision, RoundingMode.HALF_EVEN);
        }

        BigDecimal[] outputs(Scalar[] x) {
            BigDecimal[] h = new BigDecimal[net.nodeCount()];
            for (int i = 0; i < x.length; i++) {
                h[i] = decimal(x[i]);
            }
            for (Block b : net.blocks()) {
                BigDecimal[] w = weights(b.weights());
                BigDecimal[] bias = weights(b.bias());
                int width = b.width();
                boolean activate = !b.output() || net.outputActivation();
                for (int r = 0; r < b.size(); r++) {
                    BigDecimal p = bias[r] == null ? BigDecimal.ZERO : bias[r];
                    for (int j = 0; j < width; j++) {
                        BigDecimal wj = w[r * width + j];
                        if (wj != null) {
                            p = p.add(wj.multiply(h[b.source(j)]), mc);
                        }
                    }
                    h[b.start() + r] = activate ? activation(p, b.start() + r) : p;
                }
            }
            BigDecimal[] y = new BigDecimal[net.outputCount()];
            for (int k = 0; k < y.length; k++) {
                y[k] = h[net.outputNode(k)];
            }
            return y;
        }

        private BigDecimal activation(BigDecimal p, int node) {
            DeclaredDomain domain = DeclaredDomain.of(net.activation());
            if (!domain.isRealLine() && !domain.contains(p)) {
                throw ActivationEvaluationException.undefined(net.id(node), p.round(new MathContext(20)).toString(),
                        "outside the declared domain " + domain + " of " + net.activation().name());
            }
            try {
                return rho.apply(p, precision);
            } catch (ArithmeticException e) {
                String arg = p.round(new MathContext(20)).toString();
                double d = p.doubleValue();
                if (Double.isFinite(d) && undefinedNear(d)) {
                    throw ActivationEvaluationException.undefined(net.id(node), arg, e.getMessage());
                }
                throw ActivationEvaluationException.outOfRange(net.id(node), arg, e.getMessage());
            }
        }

        /** The activation's interval extension has no finite bound next to d: undefined there, not merely large. */
        private boolean undefinedNear(double d) {
            try {
                Interval e = net.activation().apply(Interval.of(Math.nextDown(d), Math.nextUp(d)));
                return e.lo() == Double.NEGATIVE_INFINITY && e.hi() == Double.POSITIVE_INFINITY;
            } catch (UnsupportedOperationException e) {
                return true;
            }
        }


        /** Entries at the working precision; null for structural zeros. */
        private BigDecimal[] weights(ScalarArray a) {
            BigDecimal[] out = new BigDecimal[a.length()];
            if (a instanceof ScalarArray.Doubles) {
                for (int i = 0; i < out.length; i++) {
                    double d = a.getDouble(i);
                    out[i] = d == 0.0 ? null : new BigDecimal(d);
                }
                return out;
            }
            for (int i = 0; i < out.length; i++) {
                out[i] = a.isZero(i) ? null : decimal(a.get(i));
            }
            return out;
        }

        /** The exact value of a double, a rational to the working precision, a constant via Symja. */
        private BigDecimal decimal(Scalar s) {
            if (s instanceof DoubleScalar d) {
                return new BigDecimal(d.value());
            }
            if (s instanceof Rational r) {
                return r.isInteger() ? new BigDecimal(r.numerator())
                        : new BigDecimal(r.numerator()).divide(new BigDecimal(r.denominator()), mc);
            }
            Symbolic c = (Symbolic) s;
            return constants.computeIfAbsent(c.form(), f -> c.toBigDecimal(precision + 5).round(mc));
        }
    }
}
