package dev.myelin.fashion.classic.forest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DecisionTreeTest {
    /**
     * <pre>
     * 0: pixel 2 <= 100 ?
     *    1: leaf, all class 0
     *    2: pixel 0 <= 5 ?
     *       3: leaf, class 1 a quarter, class 2 three quarters
     *       4: leaf, all class 3
     * </pre>
     */
    static DecisionTree handBuilt() {
        int leaf = DecisionTree.LEAF;
        float[] probabilities = new float[5 * DecisionTree.CLASSES];
        probabilities[DecisionTree.CLASSES] = 1;
        probabilities[3 * DecisionTree.CLASSES + 1] = 0.25f;
        probabilities[3 * DecisionTree.CLASSES + 2] = 0.75f;
        probabilities[4 * DecisionTree.CLASSES + 3] = 1;
        return new DecisionTree(
                new int[] {2, leaf, 0, leaf, leaf},
                new int[] {100, 0, 5, 0, 0},
                new int[] {1, leaf, 3, leaf, leaf},
                new int[] {2, leaf, 4, leaf, leaf},
                probabilities);
    }

    @Test
    void anImageGoesLeftWhenItsPixelIsAtMostTheThreshold() {
        DecisionTree tree = handBuilt();
        assertEquals(1, tree.leafOf(new int[] {255, 255, 100}));
        assertEquals(1, tree.leafOf(new int[] {0, 0, 0}));
        assertEquals(3, tree.leafOf(new int[] {5, 0, 101}));
        assertEquals(3, tree.leafOf(new int[] {0, 255, 255}));
        assertEquals(4, tree.leafOf(new int[] {6, 0, 101}));
    }

    @Test
    void theLeafAddsItsClassDistribution() {
        DecisionTree tree = handBuilt();
        double[] sums = new double[DecisionTree.CLASSES];
        tree.addProbabilities(tree.leafOf(new int[] {0, 0, 200}), sums);
        tree.addProbabilities(tree.leafOf(new int[] {9, 0, 200}), sums);
        assertArrayEquals(new double[] {0, 0.25, 0.75, 1, 0, 0, 0, 0, 0, 0}, sums);
        assertEquals(5, tree.nodeCount());
    }
}
