package org.nnid.rewrite;

/** A move was applied where its precondition does not hold; the message says which and why. */
public final class PreconditionException extends RuntimeException {
    public PreconditionException(String message) {
        super(message);
    }
}
