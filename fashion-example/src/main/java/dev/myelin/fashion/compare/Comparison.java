package dev.myelin.fashion.compare;

import java.time.ZonedDateTime;
import java.util.List;

/**
 * The compared models and the one chosen among them.
 *
 * @param models the rows, in the order they were trained or named
 * @param chosen the index of the model with the highest validation accuracy (the first on a tie);
 *     the test set plays no part in the choice
 * @param quick whether the models were trained by {@code --quick}
 * @param generated when the comparison was made
 */
public record Comparison(List<ComparedModel> models, int chosen, boolean quick, ZonedDateTime generated) {
    public Comparison {
        models = List.copyOf(models);
    }

    /** Ranks {@code models} by validation accuracy, never by anything measured on the test set. */
    public static Comparison of(List<ComparedModel> models, boolean quick, ZonedDateTime generated) {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("nothing to compare");
        }
        int chosen = -1;
        for (int i = 0; i < models.size(); i++) {
            double v = models.get(i).validationAccuracy();
            if (!Double.isNaN(v) && (chosen < 0 || v > models.get(chosen).validationAccuracy())) {
                chosen = i;
            }
        }
        return new Comparison(models, chosen, quick, generated);
    }

    /** Whether a model was chosen: false only when no run recorded a validation accuracy. */
    public boolean hasChoice() {
        return chosen >= 0;
    }
}
