package dev.myelin.fashion.run;

import java.util.List;
import java.util.Map;

/**
 * The content of a run's {@value RunDirectory#METRICS}: the per-epoch history and the final test
 * metrics.
 *
 * @param history one entry per finished epoch, in order
 * @param test final metrics on the test set, at least {@code "accuracy"} (a fraction) once training
 *     has finished; empty before
 */
public record Metrics(List<EpochMetrics> history, Map<String, Object> test) {
    public Metrics {
        history = List.copyOf(history);
        test = Map.copyOf(test);
    }

    /** The final test accuracy, or NaN when there is none yet. */
    public double testAccuracy() {
        return test.get("accuracy") instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
