package dev.myelin.fashion.json;

import java.io.IOException;

/** Malformed JSON, or JSON that lacks what the reader expects; the message says where. */
public final class JsonException extends IOException {
    private static final long serialVersionUID = 1L;

    public JsonException(String message) {
        super(message);
    }
}
