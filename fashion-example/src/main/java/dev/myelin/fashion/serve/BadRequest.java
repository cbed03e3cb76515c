package dev.myelin.fashion.serve;

/** A request the service refuses with 400 Bad Request; its message goes back to the client as JSON. */
final class BadRequest extends Exception {
    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
        super(message);
    }
}
