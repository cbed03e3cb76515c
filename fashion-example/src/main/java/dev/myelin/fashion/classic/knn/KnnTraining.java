package dev.myelin.fashion.classic.knn;

import dev.myelin.fashion.data.ImageSet;
import dev.myelin.fashion.progress.ProgressBar;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Fitting k-NN: the training images are the model, so the only choice is k, made on validation
 * images. One search with the largest candidate k serves every candidate, since the nearest k of a
 * longer neighbour list are the k nearest. The test set plays no part.
 */
public final class KnnTraining {
    /** The candidates for k when none are given: the small odd values usual for k-NN. */
    private static final int[] DEFAULT_KS = {1, 3, 5, 7, 9};

    private KnnTraining() {}

    /** The default candidates for k: 1, 3, 5, 7 and 9. */
    public static int[] defaultKs() {
        return DEFAULT_KS.clone();
    }

    /** {@link #fit(ImageSet, ImageSet, int[], PrintStream)} with the {@linkplain #defaultKs default candidates}. */
    public static KnnFit fit(ImageSet train, ImageSet validation, PrintStream out) {
        return fit(train, validation, DEFAULT_KS, out);
    }

    /**
     * Chooses k among {@code candidateKs} by accuracy on {@code validation}, the smallest k on a tie,
     * and returns the classifier over {@code train} with that k; reports progress and the accuracy of
     * each candidate on {@code out}.
     *
     * @throws IllegalArgumentException if there are no validation images or no candidates, or a
     *     candidate is not between 1 and the number of training images
     */
    public static KnnFit fit(ImageSet train, ImageSet validation, int[] candidateKs, PrintStream out) {
        int[] ks = Arrays.stream(candidateKs).distinct().sorted().toArray();
        if (ks.length == 0) {
            throw new IllegalArgumentException("no candidate k");
        }
        if (ks[0] < 1 || ks[ks.length - 1] > train.size()) {
            throw new IllegalArgumentException("candidate k must be between 1 and the " + train.size()
                    + " training images, got " + Arrays.toString(candidateKs));
        }
        if (validation.size() == 0) {
            throw new IllegalArgumentException("no validation images to choose k on");
        }
        out.printf(Locale.ROOT, "k-NN over %,d training images: choosing k from %s on %,d validation images%n",
                train.size(), Arrays.toString(ks), validation.size());
        KnnClassifier model = KnnClassifier.of(train, ks[ks.length - 1]);
        int[][] predictions;
        try (ProgressBar bar = ProgressBar.start("searching", validation.size(), ProgressBar.Unit.items("images"), out)) {
            predictions = model.predictForEachK(ImageRows.of(validation), ks, bar::advance);
        }
        Map<Integer, Double> accuracy = new LinkedHashMap<>();
        int best = ks[0];
        for (int i = 0; i < ks.length; i++) {
            accuracy.put(ks[i], accuracy(predictions[i], validation.labels()));
            if (accuracy.get(ks[i]) > accuracy.get(best)) {
                best = ks[i];
            }
            out.printf(Locale.ROOT, "k = %d  validation accuracy %.2f%%%n", ks[i], 100 * accuracy.get(ks[i]));
        }
        out.printf(Locale.ROOT, "chose k = %d%n", best);
        return new KnnFit(model.withK(best), best, accuracy);
    }

    private static double accuracy(int[] predicted, int[] labels) {
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            if (predicted[i] == labels[i]) {
                correct++;
            }
        }
        return (double) correct / labels.length;
    }
}
