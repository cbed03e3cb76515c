package dev.myelin.fashion.classic.forest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.Myelin;
import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.data.ImageSet;
import dev.myelin.tensor.Generator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForestTrainingTest {
    private static final ImageSet TRAIN = ForestFixtures.separable(400, 1);
    private static final ForestOptions OPTIONS = ForestOptions.defaults(42).withTrees(8);

    @Test
    void aSeedGivesTheSameForestOnOneTwoAndFourThreads() {
        int before = Myelin.threads();
        try {
            Myelin.setThreads(1);
            RandomForest one = fit(OPTIONS);
            Myelin.setThreads(2);
            RandomForest two = fit(OPTIONS);
            Myelin.setThreads(4);
            RandomForest four = fit(OPTIONS);
            RandomForest fourAgain = fit(OPTIONS);

            assertSameForest(one, two);
            assertSameForest(one, four);
            assertSameForest(four, fourAgain);
        } finally {
            Myelin.setThreads(before);
        }
    }

    @Test
    void anotherSeedGivesAnotherForest() {
        RandomForest a = fit(OPTIONS);
        RandomForest b = fit(OPTIONS.withSeed(43));
        assertNotEquals(nodesOf(a), nodesOf(b));
    }

    @Test
    void treeIDependsOnlyOnTheSeedAndI() {
        RandomForest three = fit(OPTIONS.withTrees(3));
        RandomForest eight = fit(OPTIONS);
        assertEquals(nodesOf(three), nodesOf(eight).subList(0, 3));
    }

    @Test
    void separableClassesAreLearned() {
        RandomForest forest = fit(OPTIONS.withTrees(20));
        ImageSet test = ForestFixtures.separable(300, 2);
        float[][] logits = forest.logits(ForestFixtures.images(test));
        int correct = 0;
        for (int i = 0; i < logits.length; i++) {
            if (argmax(logits[i]) == test.label(i)) {
                correct++;
            }
        }
        assertTrue(correct >= 0.97 * test.size(), correct + " of " + test.size() + " correct");
    }

    @Test
    void theImportanceSumsToOneAndLiesOnTheSquares() {
        float[] importance = fit(OPTIONS).featureImportance();
        assertEquals(FashionMnist.PIXELS, importance.length);
        double total = 0;
        double onSquares = 0;
        ImageSet one = ForestFixtures.separable(2_000, 3);
        for (int p = 0; p < importance.length; p++) {
            assertTrue(importance[p] >= 0);
            total += importance[p];
            if (insideSomeSquare(one, p)) {
                onSquares += importance[p];
            }
        }
        assertEquals(1, total, 1e-5);
        assertTrue(onSquares > 0.8, "only " + onSquares + " of the importance is on the squares");
    }

    @Test
    void aProgressBarCountsTheTrees() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ForestTraining.fit(TRAIN, OPTIONS, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("8/8 trees"), text);
    }

    @Test
    void theBootstrapDrawsAsManySamplesAsThereAre() {
        int[] weights = ForestTraining.bootstrap(1_000, new Generator(5));
        assertEquals(1_000, Arrays.stream(weights).sum());
        long distinct = Arrays.stream(weights).filter(w -> w > 0).count();
        // About 1 - 1/e of the samples, 632, are drawn at least once.
        assertTrue(distinct > 580 && distinct < 690, distinct + " distinct samples");
    }

    @Test
    void noImagesOrTooFewPixelsAreRefused() {
        ImageSet empty = new ImageSet(new byte[0], new int[0], 28, 28);
        assertThrows(IllegalArgumentException.class, () -> fit(empty, OPTIONS));
        ImageSet small = new ImageSet(new byte[20], new int[5], 2, 2);
        assertThrows(IllegalArgumentException.class, () -> fit(small, OPTIONS));
    }

    private static RandomForest fit(ForestOptions options) {
        return fit(TRAIN, options);
    }

    private static RandomForest fit(ImageSet set, ForestOptions options) {
        return ForestTraining.fit(set, options, new PrintStream(PrintStream.nullOutputStream()));
    }

    static void assertSameForest(RandomForest expected, RandomForest actual) {
        assertEquals(nodesOf(expected), nodesOf(actual));
        assertArrayEquals(expected.featureImportance(), actual.featureImportance());
        float[][] images = ForestFixtures.images(ForestFixtures.separable(50, 9));
        assertArrayEquals(expected.logits(images), actual.logits(images));
    }

    static List<List<BruteForceTree.Node>> nodesOf(RandomForest forest) {
        return forest.trees().stream().map(BruteForceTree::nodesOf).toList();
    }

    private static boolean insideSomeSquare(ImageSet set, int pixel) {
        for (int i = 0; i < set.size(); i++) {
            if ((set.pixels()[i * FashionMnist.PIXELS + pixel] & 0xFF) >= 200) {
                return true;
            }
        }
        return false;
    }

    private static int argmax(float[] row) {
        int best = 0;
        for (int c = 1; c < row.length; c++) {
            if (row[c] > row[best]) {
                best = c;
            }
        }
        return best;
    }
}
