package org.nnid.net;

/**
 * A node's activation could not be evaluated at its argument: the definition is undefined there (a
 * pole, a square root of a negative number: a user's theory, issue 22), or the argument lies
 * beyond the range of nnid's high-precision functions. Names the node and the argument; bad input
 * (exit 2), never an answer such as NaN and never an internal error.
 */
public final class ActivationEvaluationException extends ArithmeticException {
    private ActivationEvaluationException(String message) {
        super(message);
    }

    /** The definition has no real, finite value at the argument. */
    public static ActivationEvaluationException undefined(String node, String argument, String cause) {
        return new ActivationEvaluationException("the activation is undefined at node " + node + ": its argument is "
                + argument + (cause == null || cause.isBlank() ? "" : " (" + cause + ")"));
    }

    /** The argument is too large for the evaluation asked for. */
    public static ActivationEvaluationException outOfRange(String node, String argument, String cause) {
        return new ActivationEvaluationException("cannot evaluate the activation at node " + node + ": its argument "
                + argument + " is beyond the range of high-precision evaluation" + (cause == null ? "" : " (" + cause + ")"));
    }
}
