package org.nnid.scalar;

/** An exact value could not be read; the message says why (callers add the file and location). */
public final class ScalarFormatException extends IllegalArgumentException {
    public ScalarFormatException(String message) {
        super(message);
    }
}
