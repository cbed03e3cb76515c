package dev.myelin.fashion.explore;

import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.data.ImageSet;
import dev.myelin.fashion.train.Training;
import java.util.Arrays;

/**
 * How many images of each class the three splits hold, split as training splits them: the training
 * file's last {@link Training#validationImages} images are the validation split, the rest the
 * training split; the test file is the test split.
 *
 * @param train images per class in the training split
 * @param validation images per class in the validation split
 * @param test images per class in the test split
 */
public record SplitCounts(int[] train, int[] validation, int[] test) {
    /** The counts of the training file, split, and of the test file. */
    public static SplitCounts of(ImageSet trainingFile, ImageSet test) {
        int trainImages = trainingImages(trainingFile);
        int[] labels = trainingFile.labels();
        return new SplitCounts(count(labels, 0, trainImages), count(labels, trainImages, labels.length),
                count(test.labels(), 0, test.size()));
    }

    /** How many of the training file's images, from the first, make up the training split. */
    public static int trainingImages(ImageSet trainingFile) {
        return trainingFile.size() - Training.validationImages(trainingFile.size());
    }

    public int trainTotal() {
        return Arrays.stream(train).sum();
    }

    public int validationTotal() {
        return Arrays.stream(validation).sum();
    }

    public int testTotal() {
        return Arrays.stream(test).sum();
    }

    private static int[] count(int[] labels, int from, int to) {
        int[] counts = new int[FashionMnist.CLASSES];
        for (int i = from; i < to; i++) {
            counts[labels[i]]++;
        }
        return counts;
    }
}
