package dev.myelin.fashion.train;

/**
 * Training met a loss or gradient that is NaN or infinite and stopped ({@code --on-nan stop}); the
 * message names the step, the batch and the parameter, and says what was kept.
 */
public final class TrainingDiverged extends Exception {
    private static final long serialVersionUID = 1L;

    public TrainingDiverged(String message) {
        super(message);
    }
}
