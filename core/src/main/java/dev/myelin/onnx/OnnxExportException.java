package dev.myelin.onnx;

/**
 * A model that ONNX export cannot express: a module it does not know (a user's own {@code Module}
 * subclass, say), or a known one used in a way it cannot translate. The message names the module's
 * class and where it sits in the model, by its state-dict prefix. Failing to write the file is an
 * {@link java.io.IOException} instead.
 */
public final class OnnxExportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with the given message.
     *
     * @param message what cannot be exported and where, such as {@code "module '1.1' (Twice), child '1'
     *     of Sequential '1' is not a layer ONNX export knows. Supported: ..."}
     */
    public OnnxExportException(String message) {
        super(message);
    }
}
