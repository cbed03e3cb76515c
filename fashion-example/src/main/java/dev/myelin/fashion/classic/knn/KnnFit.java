package dev.myelin.fashion.classic.knn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link KnnTraining#fit} chose.
 *
 * @param model the classifier over the training images, voting with {@code k}
 * @param k the number of neighbours with the best validation accuracy (the smallest on a tie)
 * @param validationAccuracy the fraction of validation images each candidate k labelled right, by
 *     increasing k
 */
public record KnnFit(KnnClassifier model, int k, Map<Integer, Double> validationAccuracy) {
    public KnnFit {
        if (model.k() != k) {
            throw new IllegalArgumentException("the model votes with k = " + model.k() + ", not " + k);
        }
        validationAccuracy = Collections.unmodifiableMap(new LinkedHashMap<>(validationAccuracy));
    }
}
