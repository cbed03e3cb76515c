package dev.myelin.io;

import java.io.IOException;

/**
 * JSON that is malformed, or that lacks what its reader expects. The message says where: the
 * character offset for a syntax fault, the file when one was read, the field when a reader checks one.
 */
public final class JsonException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * A fault in JSON text.
     *
     * @param message what is wrong and where, ready to show to a person
     */
    public JsonException(String message) {
        super(message);
    }
}
