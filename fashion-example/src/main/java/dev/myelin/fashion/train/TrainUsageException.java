package dev.myelin.fashion.train;

/**
 * Options that cannot train, found once the data or the model is at hand (too few images for a batch,
 * a {@code --freeze} prefix that names nothing): {@code ./fashion train} reports it as a usage error.
 * Thrown before the run folder is touched.
 */
public final class TrainUsageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public TrainUsageException(String message) {
        super(message);
    }
}
