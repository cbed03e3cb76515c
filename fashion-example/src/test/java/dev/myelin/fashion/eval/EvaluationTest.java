package dev.myelin.fashion.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.run.TrainedModel;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationTest {
    private static final List<String> ABC = List.of("ant", "bee", "cat");

    @Test
    void metricsMatchAHandComputedExample() {
        int[] labels = {0, 0, 0, 1, 1, 2};
        int[] predicted = {0, 0, 1, 1, 2, 2};

        Evaluation e = Evaluation.of(labels, predicted, ABC);

        assertEquals(4.0 / 6, e.accuracy(), 1e-12);
        assertArrayEquals(new int[][] {{2, 1, 0}, {0, 1, 1}, {0, 0, 1}}, e.confusion());
        ClassMetrics ant = e.perClass().get(0);
        assertEquals(1.0, ant.precision(), 1e-12);
        assertEquals(2.0 / 3, ant.recall(), 1e-12);
        assertEquals(0.8, ant.f1(), 1e-12);
        assertEquals(3, ant.support());
        ClassMetrics bee = e.perClass().get(1);
        assertEquals(0.5, bee.precision(), 1e-12);
        assertEquals(0.5, bee.recall(), 1e-12);
        ClassMetrics macro = e.macroAverage();
        assertEquals((1.0 + 0.5 + 0.5) / 3, macro.precision(), 1e-12);
        assertEquals((2.0 / 3 + 0.5 + 1.0) / 3, macro.recall(), 1e-12);
        assertEquals(6, macro.support());
        assertEquals(new Evaluation.Confusion(0, 1, 1), e.mostConfused(1).getFirst());
    }

    @Test
    void aClassNeverPredictedHasZeroPrecisionNotNaN() {
        Evaluation e = Evaluation.of(new int[] {0, 1}, new int[] {0, 0}, List.of("a", "b"));
        assertEquals(0, e.perClass().get(1).precision());
        assertEquals(0, e.perClass().get(1).f1());
    }

    @Test
    void confusionMatrixTextIsAligned() {
        int[] labels = new int[100];
        int[] predicted = new int[100];
        for (int i = 0; i < 100; i++) {
            labels[i] = i % 10;
            predicted[i] = i < 95 ? i % 10 : (i + 1) % 10;
        }
        Evaluation e = Evaluation.of(labels, predicted, FashionMnist.CLASS_NAMES);

        String text = EvaluationText.render(e, FashionMnist.SHORT_NAMES);

        assertTrue(text.startsWith("Accuracy 95.00%  (95 of 100 correct)"), text);
        List<String> matrix = text.lines().dropWhile(l -> !l.startsWith("Confusion matrix")).skip(1).toList();
        assertEquals(11, matrix.size(), text);
        int width = matrix.getFirst().length();
        matrix.forEach(line -> assertEquals(width, line.length(), "aligned: " + line));
        assertTrue(width <= 80, "fits 80 columns: " + width);
        assertTrue(matrix.get(1).startsWith("T-shirt/top "), matrix.get(1));
        assertTrue(text.contains("macro avg"), text);
        assertTrue(text.contains("Most confused:"), text);
    }

    @Test
    void aModelGivingTheWrongNumberOfScoresIsCaught() {
        TrainedModel threeClasses = new TrainedModel() {
            @Override
            public float[][] logits(float[][] images) {
                return new float[images.length][3];
            }

            @Override
            public float[][] saliency(float[][] images, int[] classes) {
                return images;
            }

            @Override
            public String preset() {
                return "wrong";
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Inference.probabilities(threeClasses, new float[2][784]));
        assertEquals("the model gave 3 scores for an image, not 10", e.getMessage());
    }

    @Test
    void softmaxIsStableAndTopKIsOrdered() {
        float[] p = Inference.softmax(new float[] {1000, 999, -1000});
        assertEquals(1, p[0] + p[1] + p[2], 1e-6);
        assertEquals(1 / (1 + Math.exp(-1)), p[0], 1e-6);
        assertArrayEquals(new int[] {2, 0}, Inference.topK(new float[] {0.3f, 0.1f, 0.6f}, 2));
        assertEquals(2, Inference.argmax(new float[] {0.3f, 0.1f, 0.6f}));
    }
}
