package org.nnid.net;

/**
 * A network evaluated where its nonlinearity is undefined (a pole, a square root of a negative
 * number: a user's theory, issue 22): names the node and the value of its argument. Bad input
 * (exit 2), never an answer such as NaN.
 */
public final class UndefinedActivationException extends ArithmeticException {
    public UndefinedActivationException(String node, String argument, String cause) {
        super("the activation is undefined at node " + node + ": its argument is " + argument
                + (cause == null || cause.isBlank() ? "" : " (" + cause + ")"));
    }
}
