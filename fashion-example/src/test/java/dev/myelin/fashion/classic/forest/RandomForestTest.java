package dev.myelin.fashion.classic.forest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.fashion.data.FashionMnist;
import java.util.List;
import org.junit.jupiter.api.Test;

class RandomForestTest {
    private static final float FLOOR_LOGIT = (float) Math.log(RandomForest.PROBABILITY_FLOOR);

    /** {@link DecisionTreeTest#handBuilt()} and a single leaf that says class 0 or 3, half and half. */
    private static RandomForest twoTrees() {
        float[] halfAndHalf = new float[DecisionTree.CLASSES];
        halfAndHalf[0] = 0.5f;
        halfAndHalf[3] = 0.5f;
        DecisionTree leaf = new DecisionTree(new int[] {DecisionTree.LEAF}, new int[1], new int[] {-1}, new int[] {-1},
                halfAndHalf);
        float[] importance = new float[FashionMnist.PIXELS];
        importance[0] = 0.25f;
        importance[2] = 0.75f;
        return new RandomForest(List.of(DecisionTreeTest.handBuilt(), leaf), importance, ForestOptions.defaults(0).withTrees(2));
    }

    private static float[] image(float pixel0, float pixel2) {
        float[] image = new float[FashionMnist.PIXELS];
        image[0] = pixel0;
        image[2] = pixel2;
        return image;
    }

    @Test
    void probabilitiesAreTheMeanOfTheLeafDistributions() {
        float[][] p = twoTrees().probabilities(new float[][] {image(0, 0), image(1, 1)});
        assertArrayEquals(new float[] {0.75f, 0, 0, 0.25f, 0, 0, 0, 0, 0, 0}, p[0]);
        assertArrayEquals(new float[] {0.25f, 0, 0, 0.75f, 0, 0, 0, 0, 0, 0}, p[1]);
    }

    @Test
    void logitsAreLogProbabilitiesWithAFloor() {
        float[] logits = twoTrees().logits(new float[][] {image(0, 200 / 255f)})[0];
        // Pixel 2 is 200 > 100 and pixel 0 is 0 <= 5: leaf 3 (class 1 a quarter, class 2 three quarters),
        // averaged with the other tree's half class 0, half class 3.
        assertEquals((float) Math.log(0.25), logits[0], 1e-6f);
        assertEquals((float) Math.log(0.125), logits[1], 1e-6f);
        assertEquals((float) Math.log(0.375), logits[2], 1e-6f);
        assertEquals((float) Math.log(0.25), logits[3], 1e-6f);
        for (int c = 4; c < DecisionTree.CLASSES; c++) {
            assertEquals(FLOOR_LOGIT, logits[c]);
        }
        double sum = 0;
        for (float logit : logits) {
            sum += Math.exp(logit);
        }
        assertEquals(0.375, Math.exp(logits[2]) / sum, 1e-6, "softmax gives back the probability");
    }

    @Test
    void pixelsAreRoundedToTheNearestByteAndClamped() {
        RandomForest forest = twoTrees();
        // The root compares pixel 2 with 100: 100.4 rounds to 100 (left), 100.6 to 101 (right).
        assertEquals(0.75f, forest.probabilities(new float[][] {image(0, 100.4f / 255)})[0][0]);
        assertEquals(0.25f, forest.probabilities(new float[][] {image(0, 100.6f / 255)})[0][0]);
        // Pixel 0 against 5 on the right: 5.4 is 5 (left, class 2), 5.6 is 6 (right, class 3).
        assertEquals(0.375f, forest.probabilities(new float[][] {image(5.4f / 255, 1)})[0][2]);
        assertEquals(0.75f, forest.probabilities(new float[][] {image(5.6f / 255, 1)})[0][3]);
        // Out of range: below 0 is 0, above 1 is 255.
        assertEquals(0.75f, forest.probabilities(new float[][] {image(-3, -1)})[0][0]);
        assertEquals(0.75f, forest.probabilities(new float[][] {image(7, 9)})[0][3]);
    }

    @Test
    void anImageOfTheWrongSizeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> twoTrees().logits(new float[][] {new float[10]}));
        assertTrue(e.getMessage().contains("10 pixels"), e.getMessage());
    }

    @Test
    void thereIsNoSaliencyAndItSaysWhy() {
        RandomForest forest = twoTrees();
        String reason = forest.saliencyUnavailable().orElseThrow();
        assertTrue(reason.contains("piecewise constant"), reason);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> forest.saliency(new float[][] {image(0, 0)}, new int[] {0}));
        assertEquals(reason, e.getMessage());
    }

    @Test
    void itDescribesItself() {
        RandomForest forest = twoTrees();
        assertEquals("forest", forest.preset());
        assertEquals(2, forest.treeCount());
        assertEquals(6, forest.nodeCount());
        assertEquals(FashionMnist.PIXELS, forest.pixelCount());
        float[] importance = forest.featureImportance();
        assertEquals(0.75f, importance[2]);
        importance[2] = 0;
        assertEquals(0.75f, forest.featureImportance()[2], "the importance is a copy");
    }
}
