package org.nnid.nulls;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

import org.nnid.exact.ZeroDecision;
import org.nnid.exact.ZeroTests;
import org.nnid.net.Network;
import org.nnid.scalar.Scalar;
import org.nnid.symbolic.HighPrecisionEvaluator;
import org.nnid.registry.NullNetworkCheck;
import org.nnid.theory.Theory;
import org.nnid.registry.VerificationReport;

/**
 * The proof that a network is a null network (docs/math.md §4.1): reduced (R1–R3 do not apply, clones
 * judged by the theory's normal form), and ≡ 0 — exactly ({@link ZeroTests}), else symbolically
 * with Symja as {@code nnid theory verify} does ({@link NullNetworkCheck}), else only checked: in
 * rigorous interval arithmetic and at {@value #DIGITS} digits at {@value #POINTS} rational points.
 *
 * @param level  how far it was established
 * @param detail the evidence, or why the network is not a null network
 */
public record NullProof(Level level, String detail) {
    static final int DIGITS = 40;
    static final int POINTS = 20;
    /** At 40 digits a true zero stays below this; a larger value is a genuine nonzero. */
    private static final BigDecimal VANISHES = new BigDecimal("1e-25");

    public enum Level {
        PROVED_EXACTLY("proved exactly"),
        PROVED_SYMBOLICALLY("proved symbolically (Symja)"),
        CHECKED_NUMERICALLY("not proved: checked numerically"),
        REFUTED("refuted");

        private final String words;

        Level(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    public boolean refuted() {
        return level == Level.REFUTED;
    }

    public boolean proved() {
        return level == Level.PROVED_EXACTLY || level == Level.PROVED_SYMBOLICALLY;
    }

    /** Establishes what can be established about net as a null network of the theory. */
    public static NullProof of(Theory theory, Network net, Duration limit) {
        Optional<String> notReduced = NullNetworkCheck.whyNotReduced(net, theory.normalForm());
        if (notReduced.isPresent()) {
            return new NullProof(Level.REFUTED, "not reduced: " + notReduced.get());
        }
        ZeroDecision exact = ZeroTests.decide(net, theory, limit);
        if (exact.isZero()) {
            return new NullProof(Level.PROVED_EXACTLY, "reduced; ≡ 0 by " + exact.method() + ": " + exact.evidence());
        }
        if (exact.isNonzero()) {
            return new NullProof(Level.REFUTED, "not ≡ 0: " + exact.evidence());
        }
        VerificationReport.Fact fact = NullNetworkCheck.check(theory, "found", net, limit);
        return switch (fact.status()) {
            case PROVED_EXACTLY -> new NullProof(Level.PROVED_EXACTLY, fact.how());
            case PROVED_SYMBOLICALLY -> new NullProof(Level.PROVED_SYMBOLICALLY, fact.how());
            case FAILED -> new NullProof(Level.REFUTED, fact.how());
            default -> highPrecision(net, fact.how());
        };
    }

    /** The outputs at 40 digits at rational points of [−3, 3]^m. */
    private static NullProof highPrecision(Network net, String checked) {
        for (int i = 0; i < POINTS; i++) {
            Scalar[] x = new Scalar[net.inputCount()];
            for (int j = 0; j < x.length; j++) {
                x[j] = Scalar.of(-3 * 19 + 6 * ((i + 7 * j) % POINTS), 19); // (−57 + 6k)/19 ∈ [−3, 3]
            }
            HighPrecisionEvaluator.Result r;
            try {
                r = HighPrecisionEvaluator.evaluate(net, x, DIGITS);
            } catch (ArithmeticException e) {
                return new NullProof(Level.CHECKED_NUMERICALLY, checked);
            }
            for (BigDecimal v : r.values()) {
                if (v.abs().compareTo(VANISHES) > 0) {
                    return new NullProof(Level.REFUTED, "at " + x[0].toText() + (x.length > 1 ? ", " + x[1].toText() : "")
                            + " an output is " + v.round(new java.math.MathContext(6)) + " (" + DIGITS + " digits)");
                }
            }
        }
        return new NullProof(Level.CHECKED_NUMERICALLY, checked + "; in high precision (" + DIGITS + " digits) every"
                + " output is below " + VANISHES.toString() + " in absolute value at " + POINTS + " rational points");
    }
}
