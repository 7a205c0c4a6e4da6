package org.nnid.scalar;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.matheclipse.core.interfaces.IExpr;
import org.nnid.symja.Symja;
import org.nnid.symja.SymjaException;

/**
 * Signs of closed-form constants, decided soundly: a nonzero sign only from a rigorous enclosure
 * that excludes 0 ({@link ConstantBall}, up to {@value ConstantBall#MAX_DIGITS} digits), a zero
 * only from exact arithmetic (Symja evaluates the constant to a rational) or from a symbolic
 * proof: one of {@link #ZERO_PROOFS} reduces it to 0 within the time limit. Otherwise undecided.
 *
 * <p>The zero proofs were chosen by measurement (Symja 3.0.0), each proving a kind of zero the
 * others miss or prove more slowly: {@code Simplify} proves {@code Log(6)-Log(2)-Log(3)} and
 * {@code Sin(3)-Sin(2)*Cos(1)-Cos(2)*Sin(1)}; {@code Simplify(FunctionExpand(…))} denests
 * {@code Sqrt(3+2*Sqrt(2))-1-Sqrt(2)} (so does {@code FullSimplify}, kept for what it adds);
 * {@code Simplify(TrigExpand(…))} proves addition theorems such as
 * {@code Sin(10^17+1/3)-Cos(10^17)*Sin(1/3)-Sin(10^17)*Cos(1/3)}. Left out: {@code PowerExpand}
 * (it assumes {@code Sqrt(x^2) = x}, which is false for x &lt; 0) and {@code PossibleZeroQ}
 * (numerical: it calls the last example nonzero). None of the kept ones returned 0 for nonzero
 * constants within 10^-60 of 0 tried against them.
 */
public final class ConstantSigns {
    /** Symja calls that may prove a constant 0, in the order tried ({@code %s} is the constant). */
    static final List<String> ZERO_PROOFS = List.of("Simplify(%s)", "Simplify(FunctionExpand(%s))",
            "Simplify(TrigExpand(%s))", "FullSimplify(%s)");

    /** Precisions tried before the symbolic zero proofs (the rest up to the cap after them). */
    private static final int CHEAP_DIGITS = 256;

    /** A decided sign and how it was decided. */
    public record Decision(int sign, String evidence) {}

    private ConstantSigns() {}

    /**
     * The sign of the real constant written as Symja text (built from exact values' forms), or
     * empty when neither an enclosure nor a symbolic proof decides it.
     *
     * @param limit time limit of each symbolic zero proof (Symja rounds it up to whole seconds)
     */
    public static Optional<Decision> decide(String constant, Duration limit) {
        IExpr held;
        try {
            held = Symja.parse(constant);
        } catch (SymjaException e) {
            return Optional.empty();
        }
        Optional<DecimalInterval> quick = ConstantBall.at(held, ConstantBall.PRECISIONS[0]);
        if (quick.isPresent() && quick.get().sign() != 0) {
            return Optional.of(enclosed(quick.get()));
        }
        IExpr evaluated;
        try {
            evaluated = Symja.eval(held);
        } catch (SymjaException e) {
            return Optional.empty();
        }
        if (evaluated.isInteger() || evaluated.isFraction()) {
            int s = evaluated.isZero() ? 0 : evaluated.isNegative() ? -1 : 1;
            return Optional.of(new Decision(s, s == 0 ? "Symja evaluates it to 0 exactly" : "it is the rational " + evaluated));
        }
        // Zeros are common (equal weights reached along two paths), constants within 10^-250 of 0
        // but not 0 are rare: the cheap precisions first, then the proofs, then the rest.
        OptionalInt sign = ConstantBall.sign(held, CHEAP_DIGITS);
        if (sign.isPresent()) {
            return Optional.of(new Decision(sign.getAsInt(), "enclosed away from 0 (up to " + CHEAP_DIGITS + " digits)"));
        }
        for (String proof : ZERO_PROOFS) {
            String call = String.format(proof, Symja.text(evaluated));
            Optional<IExpr> r = Symja.evalWithin(call, limit);
            if (r.isPresent() && !Symja.aborted(r.get()) && r.get().isZero()) {
                return Optional.of(new Decision(0, "Symja's " + String.format(proof, "…") + " is 0"));
            }
        }
        sign = ConstantBall.sign(held);
        if (sign.isPresent()) {
            return Optional.of(new Decision(sign.getAsInt(), "enclosed away from 0 (up to "
                    + ConstantBall.MAX_DIGITS + " digits)"));
        }
        return Optional.empty();
    }

    private static Decision enclosed(DecimalInterval ball) {
        return new Decision(ball.sign(), "enclosed in " + ball);
    }
}
