package dev.myelin.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Cross-entropy (with and without label smoothing) and MSE against naive double references, their
 * gradients, and their errors. Losses are means of terms of order 1-10 computed in double and rounded
 * once, so they agree to {@code rtol 1e-6} (plus {@code atol 1e-6} near zero).
 */
class LossesTest {
    @Provide
    Arbitrary<int[]> shapes() {
        return RandomShapes.shapes();
    }

    /** {@code mean_rows(-Σ_c t_c log softmax(x)_c)} with {@code t = (1-s)·onehot + s/C}, in double. */
    static double naiveCrossEntropy(Tensor logits, int[] labels, double s) {
        int n = logits.dim(0);
        int c = logits.dim(1);
        double total = 0;
        for (int r = 0; r < n; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < c; j++) {
                max = Math.max(max, logits.get(r, j));
            }
            double sum = 0;
            for (int j = 0; j < c; j++) {
                sum += Math.exp(logits.get(r, j) - max);
            }
            for (int j = 0; j < c; j++) {
                double target = s / c + (j == labels[r] ? 1 - s : 0);
                total -= target * (logits.get(r, j) - max - Math.log(sum));
            }
        }
        return total / n;
    }

    private static int[] randomLabels(Generator g, int n, int c) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = g.nextInt(c);
        }
        return labels;
    }

    @Property(tries = 150)
    void crossEntropyMatchesNaiveReference(@ForAll @IntRange(min = 1, max = 17) int n,
            @ForAll @IntRange(min = 1, max = 17) int c, @ForAll long seed) {
        Generator g = new Generator(seed);
        Tensor logits = Tensor.randn(g, n, c).mul(3f);
        int[] labels = randomLabels(g, n, c);
        float s = g.nextInt(3) == 0 ? 0f : (float) g.nextDouble();
        double expected = naiveCrossEntropy(logits, labels, s);
        assertEquals(expected, Functional.crossEntropy(logits, labels, s).item(), 1e-6 + 1e-6 * Math.abs(expected));
    }

    @Property(tries = 100)
    void mseMatchesNaiveReference(@ForAll @From("shapes") int[] shape, @ForAll long seed) {
        Generator g = new Generator(seed);
        Tensor a = Tensor.randn(g, shape);
        Tensor b = Tensor.randn(g, shape);
        double sum = 0;
        for (int i = 0; i < a.size(); i++) {
            double d = (double) a.data[i] - b.data[i];
            sum += d * d;
        }
        double expected = sum / a.size();
        assertEquals(expected, Functional.mseLoss(a, b).item(), 1e-6 * expected + 1e-7);
    }

    @Test
    void crossEntropyGradients() {
        Tensor logits = Tensor.randn(new Generator(41), 5, 7).mul(2f);
        int[] labels = {0, 6, 3, 3, 1};
        GradCheck.check(in -> Functional.crossEntropy(in[0], labels), logits);
        GradCheck.check(in -> Functional.crossEntropy(in[0], labels, 0.1f), logits);
        GradCheck.check(in -> Functional.crossEntropy(in[0], labels, 1f), logits);
    }

    @Test
    void mseGradientsReachBothInputs() {
        Tensor a = Tensor.randn(new Generator(42), 3, 4);
        Tensor b = Tensor.randn(new Generator(43), 3, 4);
        GradCheck.check(in -> Functional.mseLoss(in[0], in[1]), a, b);
    }

    @Test
    void crossEntropyKnownValuesAndPyTorchSmoothing() {
        // Uniform logits: the loss is log C whatever the label or smoothing.
        assertEquals(Math.log(4), Functional.crossEntropy(Tensor.zeros(2, 4), new int[] {1, 3}).item(), 1e-6);
        assertEquals(Math.log(4), Functional.crossEntropy(Tensor.zeros(2, 4), new int[] {1, 3}, 0.3f).item(), 1e-6);
        // logits [0, ln 3]: log p = [ln 1/4, ln 3/4]; label 1, s = 0.2: t = [0.1, 0.9].
        Tensor logits = Tensor.of(new float[] {0f, (float) Math.log(3)}, 1, 2);
        double expected = -(0.1 * Math.log(0.25) + 0.9 * Math.log(0.75));
        assertEquals(expected, Functional.crossEntropy(logits, new int[] {1}, 0.2f).item(), 1e-6);
    }

    @Test
    void crossEntropyGradientIsSoftmaxMinusTargetOverN() {
        Tensor logits = Tensor.randn(new Generator(44), 3, 4).requiresGrad(true);
        int[] labels = {2, 0, 3};
        float s = 0.25f;
        Functional.crossEntropy(logits, labels, s).backward();
        Tensor p = logits.detach().softmax(1);
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                double target = s / 4 + (c == labels[r] ? 1 - s : 0);
                assertEquals((p.get(r, c) - target) / 3, logits.grad().get(r, c), 1e-7);
            }
        }
    }

    @Test
    void crossEntropyIsStableForHugeLogits() {
        Tensor logits = Tensor.of(new float[] {1e4f, -1e4f, 0f, 1e4f}, 2, 2).requiresGrad(true);
        Tensor loss = Functional.crossEntropy(logits, new int[] {1, 1}, 0.1f);
        assertTrue(Float.isFinite(loss.item()), "loss " + loss);
        loss.backward();
        for (float v : logits.grad().toArray()) {
            assertTrue(Float.isFinite(v), "gradient " + logits.grad());
        }
    }

    @Test
    void crossEntropyErrorsNameTheProblem() {
        Tensor logits = Tensor.zeros(3, 4);
        var range = assertThrows(IllegalArgumentException.class,
                () -> Functional.crossEntropy(logits, new int[] {0, 4, 1}));
        assertTrue(range.getMessage().contains("crossEntropy") && range.getMessage().contains("label 4")
                && range.getMessage().contains("position 1") && range.getMessage().contains("[3, 4]"), range.getMessage());
        var negative = assertThrows(IllegalArgumentException.class,
                () -> Functional.crossEntropy(logits, new int[] {0, 1, -1}));
        assertTrue(negative.getMessage().contains("label -1") && negative.getMessage().contains("position 2"),
                negative.getMessage());
        var count = assertThrows(IllegalArgumentException.class,
                () -> Functional.crossEntropy(logits, new int[] {0, 1}));
        assertTrue(count.getMessage().contains("2 labels") && count.getMessage().contains("[3, 4]"), count.getMessage());
        var rank = assertThrows(IllegalArgumentException.class,
                () -> Functional.crossEntropy(Tensor.zeros(4), new int[] {0}));
        assertTrue(rank.getMessage().contains("(N, C)") && rank.getMessage().contains("[4]"), rank.getMessage());
        for (float bad : new float[] {-0.1f, 1.5f, Float.NaN}) {
            var smoothing = assertThrows(IllegalArgumentException.class,
                    () -> Functional.crossEntropy(logits, new int[] {0, 1, 2}, bad));
            assertTrue(smoothing.getMessage().contains("smoothing"), smoothing.getMessage());
        }
    }

    @Test
    void mseErrorNamesBothShapes() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Functional.mseLoss(Tensor.zeros(2, 3), Tensor.zeros(3, 2)));
        assertTrue(e.getMessage().contains("mseLoss") && e.getMessage().contains("[2, 3]")
                && e.getMessage().contains("[3, 2]"), e.getMessage());
    }

    @Test
    void lossUsedTwiceAccumulates() {
        Tensor a = Tensor.of(new float[] {1f, 2f}).requiresGrad(true);
        Tensor b = Tensor.of(new float[] {0f, 0f});
        Functional.mseLoss(a, b).add(Functional.mseLoss(a, b)).backward();
        // d/da mean((a-b)^2) = (a - b), twice.
        Tensors.assertClose(Tensor.of(new float[] {2f, 4f}), a.grad(), 1e-7, 0);
    }
}
