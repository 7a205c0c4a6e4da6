package org.nnid.symja;

/** Symja refused or failed on an input; the message names the input. */
public final class SymjaException extends RuntimeException {
    public SymjaException(String message, Throwable cause) {
        super(message, cause);
    }
}
