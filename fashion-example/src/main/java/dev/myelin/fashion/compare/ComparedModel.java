package dev.myelin.fashion.compare;

import dev.myelin.fashion.eval.ClassMetrics;
import dev.myelin.fashion.eval.Evaluation;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * One row of the comparison: what a run folder's model scored and cost.
 *
 * @param model the preset, such as "cnn" or "knn"
 * @param run the run folder
 * @param validationAccuracy the best validation accuracy recorded by its training (the basis of the
 *     choice), NaN when the run recorded none
 * @param test the model's predictions on the test set against the labels
 * @param trainingSeconds training time recorded by the run, NaN when unknown
 * @param inferenceMicrosPerImage wall time of predicting the whole test set, per image
 * @param parameters the number of values in the model file (weights; for k-NN the stored images)
 * @param modelBytes the size of the model file
 */
public record ComparedModel(
        String model,
        Path run,
        double validationAccuracy,
        Evaluation test,
        double trainingSeconds,
        double inferenceMicrosPerImage,
        long parameters,
        long modelBytes) {

    /** The class with the highest test F1. */
    public ClassMetrics bestClass() {
        return test.perClass().stream().max(Comparator.comparingDouble(ClassMetrics::f1)).orElseThrow();
    }

    /** The class with the lowest test F1. */
    public ClassMetrics worstClass() {
        return test.perClass().stream().min(Comparator.comparingDouble(ClassMetrics::f1)).orElseThrow();
    }

    /** Test F1 per class, in label order. */
    public List<Double> classF1() {
        return test.perClass().stream().map(ClassMetrics::f1).toList();
    }
}
