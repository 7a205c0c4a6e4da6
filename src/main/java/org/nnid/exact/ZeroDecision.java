package org.nnid.exact;

/**
 * The answer to "is every output of this network identically 0 on all of ℝ^m?" (docs/math.md §6).
 * ZERO and NONZERO are proved (exact arithmetic, a Symja identity under a time limit, a theorem
 * cited in the evidence, or a high-precision value far from 0), never inferred from floating-point
 * closeness; NOT_APPLICABLE says that the procedure cannot decide this network, and why.
 *
 * @param method   the procedure that decided it (or that was tried)
 * @param evidence what was shown: the vanishing coefficients, or a witness of a nonzero value
 * @param data     the numbers the decision used (group sums, knots, …), empty where none are kept
 */
public record ZeroDecision(Verdict verdict, String method, String evidence, ZeroData data) {

    public enum Verdict { ZERO, NONZERO, NOT_APPLICABLE }

    public static ZeroDecision zero(String method, String evidence) {
        return zero(method, evidence, ZeroData.none());
    }

    public static ZeroDecision zero(String method, String evidence, ZeroData data) {
        return new ZeroDecision(Verdict.ZERO, method, evidence, data);
    }

    public static ZeroDecision nonzero(String method, String evidence) {
        return nonzero(method, evidence, ZeroData.none());
    }

    public static ZeroDecision nonzero(String method, String evidence, ZeroData data) {
        return new ZeroDecision(Verdict.NONZERO, method, evidence, data);
    }

    public static ZeroDecision notApplicable(String method, String reason) {
        return new ZeroDecision(Verdict.NOT_APPLICABLE, method, reason, ZeroData.none());
    }

    public boolean isZero() {
        return verdict == Verdict.ZERO;
    }

    public boolean isNonzero() {
        return verdict == Verdict.NONZERO;
    }

    @Override
    public String toString() {
        return verdict + " (" + method + "): " + evidence;
    }
}
