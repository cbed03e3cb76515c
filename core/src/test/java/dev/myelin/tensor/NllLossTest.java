package dev.myelin.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link Functional#nllLoss}: the mean of N gathered values, summed in double and rounded once, so it
 * agrees with a double reference to float rounding ({@code 1e-6} relative).
 */
class NllLossTest {
    private static int[] randomLabels(Generator g, int n, int c) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = g.nextInt(c);
        }
        return labels;
    }

    @Property(tries = 150)
    void matchesNaiveReferenceAndCrossEntropy(@ForAll @IntRange(min = 1, max = 17) int n,
            @ForAll @IntRange(min = 1, max = 17) int c, @ForAll long seed) {
        Generator g = new Generator(seed);
        Tensor logits = Tensor.randn(g, n, c).mul(3f);
        int[] labels = randomLabels(g, n, c);
        Tensor logProbs = logits.logSoftmax(1);
        double expected = 0;
        for (int r = 0; r < n; r++) {
            expected -= logProbs.get(r, labels[r]);
        }
        expected /= n;
        float loss = Functional.nllLoss(logProbs, labels).item();
        assertEquals(expected, loss, 1e-6 * Math.abs(expected) + 1e-7);
        assertEquals(Functional.crossEntropy(logits, labels).item(), loss, 1e-6 * Math.abs(expected) + 1e-6);
    }

    /** The gradient is exactly -1/N at each row's label. */
    @Test
    void gradientIsMinusOneOverNAtTheLabels() {
        Tensor x = Tensor.randn(new Generator(3), 4, 5).requiresGrad(true);
        int[] labels = {4, 0, 0, 2};
        Functional.nllLoss(x, labels).backward();
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 5; c++) {
                assertEquals(c == labels[r] ? -0.25f : 0f, x.grad().get(r, c));
            }
        }
    }

    @Test
    void gradientChecks() {
        Tensor x = Tensor.randn(new Generator(4), 5, 7).mul(2f);
        int[] labels = {0, 6, 3, 3, 1};
        GradCheck.check(in -> Functional.nllLoss(in[0], labels), x);
        GradCheck.check(in -> Functional.nllLoss(in[0].logSoftmax(1), labels), x);
    }

    @Test
    void errorsNameTheProblem() {
        Tensor x = Tensor.zeros(3, 4);
        var range = assertThrows(IllegalArgumentException.class, () -> Functional.nllLoss(x, new int[] {0, 4, 1}));
        assertTrue(range.getMessage().contains("nllLoss") && range.getMessage().contains("label 4")
                && range.getMessage().contains("position 1") && range.getMessage().contains("[3, 4]"), range.getMessage());
        var count = assertThrows(IllegalArgumentException.class, () -> Functional.nllLoss(x, new int[] {0, 1}));
        assertTrue(count.getMessage().contains("2 labels"), count.getMessage());
        var rank = assertThrows(IllegalArgumentException.class,
                () -> Functional.nllLoss(Tensor.zeros(2, 3, 4), new int[] {0, 1}));
        assertTrue(rank.getMessage().contains("(N, C)") && rank.getMessage().contains("[2, 3, 4]"), rank.getMessage());
    }
}
