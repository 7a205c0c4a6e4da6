package org.nnid.cli;

/** A command-line value the user gave is wrong; the message is one line naming it. */
public final class UserInputException extends RuntimeException {
    public UserInputException(String message) {
        super(message);
    }
}
