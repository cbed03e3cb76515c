package dev.myelin.fashion.classic.knn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.data.ImageSet;
import dev.myelin.fashion.eval.Inference;
import dev.myelin.fashion.testing.TinyFashion;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnnTrainingTest {
    private static final int QUERIES = 30;
    private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

    @Test
    void kThreeWinsWhereTheNearestIsWrongAndFiveOutvoteIt() {
        // Labels of each validation image's neighbours, nearest first: A is its label, B another class.
        Constructed c = constructed("BAABBBBBB");
        KnnFit fit = KnnTraining.fit(c.train(), c.validation(), QUIET);
        assertEquals(3, fit.k());
        assertEquals(3, fit.model().k());
        assertEquals(Map.of(1, 0.0, 3, 1.0, 5, 0.0, 7, 0.0, 9, 0.0), fit.validationAccuracy());
        assertEquals(List.of(1, 3, 5, 7, 9), List.copyOf(fit.validationAccuracy().keySet()));
    }

    @Test
    void kFiveWinsWhereOnlyFiveNeighboursOutvoteTheWrongClass() {
        Constructed c = constructed("BABAABBBB");
        KnnFit fit = KnnTraining.fit(c.train(), c.validation(), QUIET);
        assertEquals(5, fit.k());
        assertEquals(1.0, fit.validationAccuracy().get(5));
        assertEquals(0.0, fit.validationAccuracy().get(3));
    }

    @Test
    void equalAccuracyGoesToTheSmallerK() {
        Constructed c = constructed("BAABABBBB");
        KnnFit fit = KnnTraining.fit(c.train(), c.validation(), QUIET);
        assertEquals(1.0, fit.validationAccuracy().get(3));
        assertEquals(1.0, fit.validationAccuracy().get(5));
        assertEquals(3, fit.k());
    }

    @Test
    void candidatesAreTakenInOrderWithoutRepeats() {
        Constructed c = constructed("BBAAAAABB");
        KnnFit fit = KnnTraining.fit(c.train(), c.validation(), new int[] {7, 1, 7}, QUIET);
        assertEquals(List.of(1, 7), List.copyOf(fit.validationAccuracy().keySet()));
        assertEquals(7, fit.k());
    }

    @Test
    void itReportsTheSearchAndEachCandidate() {
        Constructed c = constructed("BAABBBBBB");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        KnnTraining.fit(c.train(), c.validation(), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("searching"), out);
        assertTrue(out.contains("k = 3  validation accuracy 100.00%"), out);
        assertTrue(out.contains("chose k = 3"), out);
    }

    @Test
    void impossibleCandidatesAndAnEmptyValidationSetAreRefused() {
        Constructed c = constructed("BAABBBBBB");
        int n = c.train().size();
        assertThrows(IllegalArgumentException.class, () -> KnnTraining.fit(c.train(), c.validation(), new int[0], QUIET));
        assertThrows(IllegalArgumentException.class, () -> KnnTraining.fit(c.train(), c.validation(), new int[] {0, 3}, QUIET));
        assertThrows(IllegalArgumentException.class,
                () -> KnnTraining.fit(c.train(), c.validation(), new int[] {3, n + 1}, QUIET));
        ImageSet none = c.validation().first(0);
        assertThrows(IllegalArgumentException.class, () -> KnnTraining.fit(c.train(), none, QUIET));
    }

    @Test
    void learnsTinyFashion(@TempDir Path dir) throws Exception {
        TinyFashion.write(dir, 600, 200, 12);
        FashionMnist data = FashionMnist.load(dir);
        ImageSet train = data.train().first(500);
        ImageSet validation = slice(data.train(), 500, 600);
        KnnFit fit = KnnTraining.fit(train, validation, QUIET);
        int[] predicted = Inference.predictions(Inference.probabilities(fit.model(), data.test()));
        int correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            correct += predicted[i] == data.test().label(i) ? 1 : 0;
        }
        // One image in ten shows the next class's pattern, so about 90% is the most to expect.
        assertTrue(correct >= 0.85 * predicted.length, correct + " of " + predicted.length + " right");
    }

    /** Training and validation images where the labels of each validation image's neighbours follow a pattern. */
    private record Constructed(ImageSet train, ImageSet validation) {}

    /**
     * Validation image {@code j} is black but for pixel {@code j}, fully lit; its label is {@code j % 10}.
     * It has nine training images of its own, lit only at pixel {@code j} and a little dimmer each
     * (distance below 0.13), labelled after {@code pattern} nearest first: 'A' its label, 'B' the
     * next class. Every other training image is at distance 1 or more.
     */
    private static Constructed constructed(String pattern) {
        int perQuery = pattern.length();
        int pixels = FashionMnist.PIXELS;
        byte[] validation = new byte[QUERIES * pixels];
        int[] validationLabels = new int[QUERIES];
        byte[] train = new byte[QUERIES * perQuery * pixels];
        int[] trainLabels = new int[QUERIES * perQuery];
        for (int j = 0; j < QUERIES; j++) {
            validation[j * pixels + j] = (byte) 255;
            int a = j % FashionMnist.CLASSES;
            validationLabels[j] = a;
            for (int rank = 0; rank < perQuery; rank++) {
                // Interleaved, so that reference order is not neighbour order.
                int index = rank * QUERIES + j;
                train[index * pixels + j] = (byte) (245 - 10 * rank);
                trainLabels[index] = pattern.charAt(rank) == 'A' ? a : (a + 1) % FashionMnist.CLASSES;
            }
        }
        return new Constructed(new ImageSet(train, trainLabels, 28, 28), new ImageSet(validation, validationLabels, 28, 28));
    }

    private static ImageSet slice(ImageSet set, int from, int to) {
        int size = set.imageSize();
        return new ImageSet(Arrays.copyOfRange(set.pixels(), from * size, to * size),
                Arrays.copyOfRange(set.labels(), from, to), set.rows(), set.cols());
    }
}
