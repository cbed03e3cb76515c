package dev.myelin.data;

/**
 * A batch could not be prepared: reading or transforming a sample failed, or the loader's worker
 * thread did. The {@linkplain #getCause() cause} is the original exception, thrown wherever the batch
 * was being prepared (possibly on the loader's background thread).
 */
public final class DataLoaderException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception for a batch that could not be prepared.
     *
     * @param message what failed: which dataset sample, batch and epoch
     * @param cause the original exception
     */
    public DataLoaderException(String message, Throwable cause) {
        super(message, cause);
    }
}
