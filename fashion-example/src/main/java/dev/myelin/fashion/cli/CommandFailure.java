package dev.myelin.fashion.cli;

/** A command could not do its job for a reason the user can act on; the message says what and how. */
public final class CommandFailure extends Exception {
    private static final long serialVersionUID = 1L;

    public CommandFailure(String message) {
        super(message);
    }
}
