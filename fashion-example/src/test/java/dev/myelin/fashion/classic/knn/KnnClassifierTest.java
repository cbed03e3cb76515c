package dev.myelin.fashion.classic.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.eval.Inference;
import dev.myelin.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KnnClassifierTest {
    /** A query of zeros, and reference images lit at pixel 0 only: reference i is at distance brightness[i]². */
    private static final float[][] BLANK = {new float[FashionMnist.PIXELS]};

    @Test
    void theNearestKVote() {
        KnnClassifier knn = lit(new float[] {0.1f, 0.2f, 0.3f, 0.9f, 0.95f}, new int[] {3, 5, 5, 1, 1}, 1);
        assertEquals(3, knn.predict(BLANK)[0]);
        assertEquals(5, knn.withK(3).predict(BLANK)[0]);
        assertEquals(5, knn.withK(5).predict(BLANK)[0]);
    }

    @Test
    void aTieBetweenClassesGoesToTheOneWithTheClosestMember() {
        // 3 and 5 have two votes each among the nearest four; 3 has the nearest image.
        KnnClassifier knn = lit(new float[] {0.4f, 0.2f, 0.3f, 0.1f}, new int[] {5, 5, 3, 3}, 4);
        assertEquals(3, knn.predict(BLANK)[0]);
        assertEquals(3, Inference.argmax(knn.logits(BLANK)[0]));
    }

    @Test
    void atEqualDistancesTheSmallerReferenceIndexIsTheCloserMember() {
        float[] same = {0.5f, 0.5f};
        assertEquals(6, lit(same, new int[] {6, 2}, 2).predict(BLANK)[0]);
        assertEquals(2, lit(same, new int[] {2, 6}, 2).predict(BLANK)[0]);
    }

    @Test
    void logitsAreTheLogVoteSharesAndTheirArgmaxIsThePrediction() {
        KnnClassifier knn = lit(new float[] {0.1f, 0.2f, 0.3f, 0.4f, 0.5f}, new int[] {4, 9, 4, 4, 0}, 5);
        float[] p = Inference.softmax(knn.logits(BLANK)[0]);
        assertEquals(0.6, p[4], 2e-3);
        assertEquals(0.2, p[9], 2e-3);
        assertEquals(0.2, p[0], 2e-3);

        Random random = new Random(9);
        KnnClassifier noisy = random(random, 200, 4);
        float[][] queries = images(random, 60);
        int[] predicted = noisy.predict(queries);
        float[][] logits = noisy.logits(queries);
        for (int q = 0; q < queries.length; q++) {
            assertEquals(FashionMnist.CLASSES, logits[q].length);
            assertEquals(predicted[q], Inference.argmax(logits[q]), "query " + q);
        }
    }

    @Test
    void predictionsForSeveralKFromOneSearchMatchOneSearchPerK() {
        Random random = new Random(10);
        KnnClassifier knn = random(random, 300, 1);
        float[][] queries = images(random, 40);
        int[] ks = {9, 1, 4, 7};
        int[][] together = knn.predictForEachK(ImageRows.of(queries), ks, rows -> { });
        for (int i = 0; i < ks.length; i++) {
            assertArrayEquals(knn.withK(ks[i]).predict(queries), together[i], "k = " + ks[i]);
        }
    }

    @Test
    void theSameQuestionGetsTheSameAnswer() {
        Random random = new Random(11);
        KnnClassifier knn = random(random, 300, 5);
        float[][] queries = images(random, 30);
        float[][] first = knn.logits(queries);
        float[][] second = knn.logits(queries);
        for (int q = 0; q < queries.length; q++) {
            assertArrayEquals(first[q], second[q]);
        }
    }

    @Test
    void itHasNoSaliencyAndSaysWhy() {
        KnnClassifier knn = lit(new float[] {0.1f}, new int[] {0}, 1);
        String reason = knn.saliencyUnavailable().orElseThrow();
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> knn.saliency(BLANK, new int[] {0}));
        assertEquals(reason, e.getMessage());
        assertTrue(reason.contains("gradient"), reason);
        assertEquals("knn", knn.preset());
    }

    @Test
    void badModelsAndImagesAreRefused() {
        Tensor two = Tensor.zeros(2, FashionMnist.PIXELS);
        assertThrows(IllegalArgumentException.class, () -> new KnnClassifier(two, new int[] {0, 1}, 3));
        assertThrows(IllegalArgumentException.class, () -> new KnnClassifier(two, new int[] {0, 1}, 0));
        assertThrows(IllegalArgumentException.class, () -> new KnnClassifier(two, new int[] {0}, 1));
        assertThrows(IllegalArgumentException.class, () -> new KnnClassifier(two, new int[] {0, 10}, 1));
        assertThrows(IllegalArgumentException.class, () -> new KnnClassifier(Tensor.zeros(2, 10), new int[] {0, 1}, 1));
        KnnClassifier knn = new KnnClassifier(two, new int[] {0, 1}, 1);
        assertThrows(IllegalArgumentException.class, () -> knn.logits(new float[][] {new float[10]}));
        float[] nan = new float[FashionMnist.PIXELS];
        nan[3] = Float.NaN;
        assertThrows(IllegalArgumentException.class, () -> knn.logits(new float[][] {nan}));
    }

    private static KnnClassifier lit(float[] brightness, int[] labels, int k) {
        float[] images = new float[brightness.length * FashionMnist.PIXELS];
        for (int i = 0; i < brightness.length; i++) {
            images[i * FashionMnist.PIXELS] = brightness[i];
        }
        return new KnnClassifier(Tensor.of(images, brightness.length, FashionMnist.PIXELS), labels, k);
    }

    private static KnnClassifier random(Random random, int n, int k) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(FashionMnist.CLASSES);
        }
        return new KnnClassifier(ImageRows.of(images(random, n)), labels, k);
    }

    private static float[][] images(Random random, int count) {
        float[][] images = new float[count][FashionMnist.PIXELS];
        for (float[] image : images) {
            for (int p = 0; p < image.length; p++) {
                image[p] = random.nextInt(256) / 255f;
            }
        }
        return images;
    }
}
