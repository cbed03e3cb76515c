package dev.myelin.fashion.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.myelin.fashion.data.ImageSet;
import dev.myelin.fashion.train.Training;
import org.junit.jupiter.api.Test;

class SplitCountsTest {
    @Test
    void splitCountsHoldOutTheLastImagesAsTrainingDoes() {
        // 60 training images: a sixth, 10, are held out; labels are i % 10.
        ImageSet trainingFile = new ImageSet(new byte[60], labels(60), 1, 1);
        ImageSet test = new ImageSet(new byte[23], labels(23), 1, 1);

        SplitCounts counts = SplitCounts.of(trainingFile, test);

        assertEquals(50, counts.trainTotal());
        assertEquals(10, counts.validationTotal());
        assertArrayEquals(new int[] {5, 5, 5, 5, 5, 5, 5, 5, 5, 5}, counts.train());
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, counts.validation());
        assertArrayEquals(new int[] {3, 3, 3, 2, 2, 2, 2, 2, 2, 2}, counts.test());
    }

    @Test
    void aFullSizedTrainingFileHoldsOutTheValidationImagesOfTraining() {
        ImageSet trainingFile = new ImageSet(new byte[60_000], labels(60_000), 1, 1);

        SplitCounts counts = SplitCounts.of(trainingFile, trainingFile.first(10));

        assertEquals(Training.VALIDATION_IMAGES, counts.validationTotal());
        assertEquals(60_000 - Training.VALIDATION_IMAGES, counts.trainTotal());
        assertEquals(counts.trainTotal(), SplitCounts.trainingImages(trainingFile));
    }

    private static int[] labels(int n) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 10;
        }
        return labels;
    }
}
