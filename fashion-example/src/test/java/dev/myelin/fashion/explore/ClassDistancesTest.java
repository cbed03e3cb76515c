package dev.myelin.fashion.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassDistancesTest {
    /** Four "mean images" of two pixels: points (0, 0), (3, 4), (0, 1) and (10, 10). */
    private static final float[][] MEANS = {{0, 0}, {3, 4}, {0, 1}, {10, 10}};

    @Test
    void distancesAreEuclideanAndSymmetric() {
        ClassDistances distances = ClassDistances.between(MEANS);

        assertEquals(5, distances.distance(0, 1), 1e-12);
        assertEquals(5, distances.distance(1, 0), 1e-12);
        assertEquals(Math.sqrt(18), distances.distance(1, 2), 1e-12);
        assertEquals(0, distances.distance(3, 3));
        assertEquals(Math.sqrt(200), distances.max(), 1e-12);
        assertArrayEquals(new double[] {0, 5, 1, Math.sqrt(200)}, distances.table()[0], 1e-12);
    }

    @Test
    void theClosestPairsComeFirst() {
        List<ClassDistances.Pair> closest = ClassDistances.between(MEANS).closest(3);

        assertEquals(List.of(new ClassDistances.Pair(0, 2, 1), new ClassDistances.Pair(1, 2, Math.sqrt(18)),
                new ClassDistances.Pair(0, 1, 5)), closest);
        assertEquals(6, ClassDistances.between(MEANS).closest(100).size(), "4 classes make 6 pairs");
    }
}
