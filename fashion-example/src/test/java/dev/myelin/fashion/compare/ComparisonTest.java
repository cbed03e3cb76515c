package dev.myelin.fashion.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.eval.Evaluation;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonTest {
    private static final ZonedDateTime NOW = ZonedDateTime.parse("2026-01-02T03:04:05Z");

    @Test
    void choosesTheHighestValidationAccuracyEvenWhenAnotherWinsOnTest() {
        ComparedModel overfit = row("a", 0.95, 0.80);
        ComparedModel honest = row("b", 0.90, 0.88);
        Comparison comparison = Comparison.of(List.of(overfit, honest), false, NOW);
        assertEquals(0, comparison.chosen());
    }

    @Test
    void theFirstWinsATieAndRunsWithoutValidationAreNeverChosen() {
        Comparison comparison = Comparison.of(List.of(row("a", Double.NaN, 0.99), row("b", 0.7, 0.5),
                row("c", 0.7, 0.6)), false, NOW);
        assertEquals(1, comparison.chosen());
        assertFalse(Comparison.of(List.of(row("a", Double.NaN, 0.99)), false, NOW).hasChoice());
    }

    @Test
    void theTableMarksTheChoiceAndNamesTheBestAndWorstClass() {
        String table = ComparisonTable.markdown(Comparison.of(List.of(row("a", 0.5, 0.8), row("b", 0.9, 0.6)), true, NOW));
        List<String> lines = table.lines().toList();
        assertTrue(lines.get(0).startsWith("| chosen | model |"), table);
        assertTrue(lines.get(2).startsWith("|        | a "), table);
        assertTrue(lines.get(3).startsWith("| ✔      | b "), table);
        assertTrue(table.contains("b, the highest validation accuracy (90.00%)"), table);
        // Every image of class 0 is right and every other class half wrong in row()'s predictions.
        assertTrue(lines.get(3).contains("T-shirt/top ("), table);
    }

    /** A row whose test predictions get {@code testAccuracy} of 100 images right, all mistakes as class 0. */
    private static ComparedModel row(String name, double validation, double testAccuracy) {
        int n = 100;
        int[] labels = new int[n];
        int[] predicted = new int[n];
        int right = (int) Math.round(testAccuracy * n);
        for (int i = 0; i < n; i++) {
            labels[i] = i % FashionMnist.CLASSES;
            predicted[i] = i < right ? labels[i] : 0;
        }
        return new ComparedModel(name, Path.of(name), validation, Evaluation.of(labels, predicted, FashionMnist.CLASS_NAMES),
                12.5, 40, 1000, 4000);
    }
}
