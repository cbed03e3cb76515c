package dev.myelin.fashion.run;

/**
 * What one epoch of training measured. Accuracies are fractions in [0, 1]; a value that was not
 * measured (no validation split, say) is NaN, written to JSON as null.
 *
 * @param epoch the epoch number, from 1
 * @param lr the learning rate at the end of the epoch
 * @param seconds the wall time of the epoch
 * @param imagesPerSecond training throughput
 * @param dataSeconds the part of {@code seconds} the training thread spent waiting for or preparing
 *     batches (NaN in runs written before it was measured)
 */
public record EpochMetrics(
        int epoch,
        double trainLoss,
        double trainAccuracy,
        double valLoss,
        double valAccuracy,
        double lr,
        double seconds,
        double imagesPerSecond,
        double dataSeconds) {

    /** An epoch whose data preparation time was not measured. */
    public EpochMetrics(int epoch, double trainLoss, double trainAccuracy, double valLoss, double valAccuracy, double lr,
            double seconds, double imagesPerSecond) {
        this(epoch, trainLoss, trainAccuracy, valLoss, valAccuracy, lr, seconds, imagesPerSecond, Double.NaN);
    }
}
