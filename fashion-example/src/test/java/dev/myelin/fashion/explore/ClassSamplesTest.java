package dev.myelin.fashion.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class ClassSamplesTest {
    @Test
    void samplesAreTheFirstImagesOfEachClass() {
        int[] labels = {2, 0, 2, 1, 2, 0, 2};

        int[][] picked = ClassSamples.first(labels, 3, 2);

        assertArrayEquals(new int[] {1, 5}, picked[0]);
        assertArrayEquals(new int[] {3}, picked[1], "class 1 has one image only");
        assertArrayEquals(new int[] {0, 2}, picked[2]);
    }
}
